//! Plain text: the blocks in reading order, one per paragraph, separated by a
//! blank line. Headings and footnotes stand alone (footnotes already follow
//! the paragraph they interrupted); consecutive list items stay together,
//! and a list item whose marker was markup (`- `, `• `) gets `- ` back so it
//! still reads as one. Nothing else is added: the text is the blocks' text.

use crate::model::{BlockKind, Document};
use std::io::{self, Write};

pub fn write(doc: &Document, out: &mut dyn Write) -> io::Result<()> {
    let mut prev: Option<BlockKind> = None;
    for block in &doc.blocks {
        let item = block.kind == BlockKind::ListItem;
        match prev {
            None => {}
            // Items of one list are one unit to read.
            Some(BlockKind::ListItem) if item => {}
            Some(_) => out.write_all(b"\n")?,
        }
        if item && !has_marker(&block.text) {
            out.write_all(b"- ")?;
        }
        out.write_all(block.text.as_bytes())?;
        out.write_all(b"\n")?;
        prev = Some(block.kind);
    }
    Ok(())
}

/// `1.`, `a)`, `(b)`, `•`: the item still shows its own marker.
fn has_marker(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    (digits > 0 && matches!(b.get(digits), Some(b'.' | b')')))
        || (b.len() > 1 && b[0].is_ascii_alphabetic() && b[1] == b')')
        || (b.len() > 2 && b[0] == b'(' && b[2] == b')')
        || text.starts_with(['•', '·', '▪'])
}
