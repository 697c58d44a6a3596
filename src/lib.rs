//! ocrclean turns raw OCR text dumps into clean text with provenance.
//!
//! Architecture, top to bottom:
//! - [`input`] reads bytes into a [`model::Document`]: lines that remember
//!   the raw bytes they came from;
//! - [`pipeline`] runs the stages in order over that model; stages narrow
//!   what each line keeps, record cuts with reasons and edits, and finally
//!   build [`model::Block`]s;
//! - [`output`] writes JSON Lines (or plain text) from the finished document;
//! - [`learn`] finds banners over a whole batch and applies a learned profile;
//! - [`rules`] and [`options`] hold the user-editable rule files and stage
//!   options, compiled once and shared across threads.
//!
//! ```
//! let rules = ocrclean::rules::Rules::embedded().unwrap();
//! let pipeline = ocrclean::pipeline::Pipeline::new(rules);
//! let doc = pipeline.clean("memo", "memo.txt", b"SECRET\nThe text of the memo.\n".to_vec());
//! assert_eq!(doc.blocks[0].text, "The text of the memo.");
//! ```

pub mod confusions;
pub mod dictionary;
pub mod eval;
pub mod error;
mod hash;
pub mod input;
pub mod learn;
pub mod model;
pub mod options;
pub mod output;
pub mod pipeline;
pub mod rules;

pub use error::{Error, Result};
