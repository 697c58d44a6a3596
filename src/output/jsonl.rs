//! JSON Lines: a `document` record, one record per block in reading order,
//! `page_event` records, then one `removed` record per cut piece in input
//! order. Field names are a contract other tools depend on (README).

use crate::model::{Document, Edit, PageEvent, SourceSpan};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

#[derive(Serialize)]
struct DocumentRecord<'a> {
    kind: &'static str,
    doc: &'a str,
    source: &'a str,
    sha256: &'a str,
    bytes: usize,
    pages: u32,
    metadata: &'a BTreeMap<String, serde_json::Value>,
    stats: Stats,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    warnings: &'a [String],
}

#[derive(Serialize, Default, Debug, Clone, PartialEq)]
pub struct Stats {
    pub lines: usize,
    pub blocks: usize,
    pub removed: usize,
    pub edits: usize,
    pub removed_by_reason: BTreeMap<&'static str, usize>,
}

#[derive(Serialize)]
struct BlockRecord<'a> {
    kind: &'static str,
    doc: &'a str,
    seq: usize,
    page: u32,
    text: &'a str,
    source: &'a [SourceSpan],
    edits: &'a [Edit],
}

#[derive(Serialize)]
struct RemovedRecord<'a> {
    kind: &'static str,
    reason: &'static str,
    doc: &'a str,
    page: u32,
    text: String,
    source: [SourceSpan; 1],
}

#[derive(Serialize)]
struct PageEventRecord<'a> {
    kind: &'static str,
    doc: &'a str,
    #[serde(flatten)]
    event: &'a PageEvent,
}

pub fn stats(doc: &Document) -> Stats {
    let mut s = Stats {
        lines: doc.lines.last().map_or(0, |l| l.number as usize),
        blocks: doc.blocks.len(),
        edits: doc.blocks.iter().map(|b| b.edits.len()).sum(),
        ..Stats::default()
    };
    for cut in doc.lines.iter().flat_map(|l| &l.cuts) {
        s.removed += 1;
        *s.removed_by_reason.entry(cut.reason.as_str()).or_default() += 1;
    }
    s
}

pub fn write(doc: &Document, out: &mut dyn Write) -> io::Result<()> {
    let record = DocumentRecord {
        kind: "document",
        doc: &doc.name,
        source: &doc.source,
        sha256: &doc.sha256,
        bytes: doc.bytes.len(),
        pages: doc.pages,
        metadata: &doc.metadata,
        stats: stats(doc),
        warnings: &doc.warnings,
    };
    line(out, &record)?;
    for (seq, block) in doc.blocks.iter().enumerate() {
        line(
            out,
            &BlockRecord {
                kind: block.kind.as_str(),
                doc: &doc.name,
                seq,
                page: block.page,
                text: &block.text,
                source: &block.source,
                edits: &block.edits,
            },
        )?;
    }
    for event in &doc.page_events {
        line(out, &PageEventRecord { kind: "page_event", doc: &doc.name, event })?;
    }
    for l in &doc.lines {
        for piece in l.pieces(&doc.bytes) {
            let Some(reason) = piece.reason else { continue };
            line(
                out,
                &RemovedRecord {
                    kind: "removed",
                    reason: reason.as_str(),
                    doc: &doc.name,
                    page: l.page,
                    text: String::from_utf8_lossy(&doc.bytes[piece.raw.clone()]).into_owned(),
                    source: [SourceSpan { line: l.number, start: piece.raw.start, end: piece.raw.end }],
                },
            )?;
        }
    }
    Ok(())
}

fn line(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}
