//! Plain text: the blocks in reading order, separated by a blank line.

use crate::model::Document;
use std::io::{self, Write};

pub fn write(doc: &Document, out: &mut dyn Write) -> io::Result<()> {
    for (n, block) in doc.blocks.iter().enumerate() {
        if n > 0 {
            out.write_all(b"\n")?;
        }
        out.write_all(block.text.as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
