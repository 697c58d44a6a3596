//! Writing a finished document: JSON Lines with provenance, or plain text.

pub mod jsonl;
pub mod text;

use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// One JSON record per block and per removed piece, with byte spans.
    #[default]
    Jsonl,
    /// Clean text: blocks separated by a blank line.
    Text,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Text => "txt",
        }
    }

    pub fn write(self, doc: &crate::model::Document, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        match self {
            Format::Jsonl => jsonl::write(doc, out),
            Format::Text => text::write(doc, out),
        }
    }
}
