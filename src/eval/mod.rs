//! Accuracy evaluation: CER/WER over grapheme clusters, bag-of-words
//! precision/recall, banner leakage, and a side-by-side HTML report.
//!
//! - [`normalize`]: the documented comparison normalisation (NFC, folded
//!   whitespace, optional quote folding);
//! - [`distance`]: banded bit-parallel edit distance and a Hirschberg alignment
//!   that needs no full matrix (book-length documents score in seconds);
//! - [`metrics`]: per-document scores and set totals weighted by GT length;
//! - [`input`]: predictions (ocrclean `.jsonl` or plain `.txt`) matched to GT;
//! - [`html`]: one self-contained page per document.

pub mod distance;
pub mod html;
pub mod input;
pub mod metrics;
pub mod normalize;

use crate::model::Document;
use input::BlockInfo;

/// The text a cleaned document is scored by (kept blocks, blank line between)
/// and its blocks with provenance for the report.
pub fn document_prediction(doc: &Document) -> (String, Vec<BlockInfo>) {
    let text = doc.blocks.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n\n");
    let blocks = doc
        .blocks
        .iter()
        .map(|b| BlockInfo {
            kind: b.kind.as_str().to_string(),
            page: Some(b.page),
            text: b.text.clone(),
            source_lines: b.source.iter().map(|s| s.line).collect(),
            edits: b.edits.iter().map(|e| (e.op.to_string(), e.from.clone(), e.to.clone())).collect(),
        })
        .collect();
    (text, blocks)
}
