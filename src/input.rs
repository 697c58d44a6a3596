//! Reading: raw bytes to a [`Document`] of lines with byte provenance.
//!
//! Lines are split at `\n` (a trailing `\r` is not part of the line) and at
//! form feeds, which also mark a page break. A UTF-8 byte-order mark is kept in
//! the first line's raw range so that its bytes are accounted for. Invalid
//! UTF-8 is decoded lossily, line by line, with a warning naming the offset.

use crate::model::{Document, Line};
use sha2::{Digest, Sha256};

/// Builds a document from raw bytes. Never fails: bad bytes become U+FFFD.
pub fn read_document(name: &str, source: &str, bytes: Vec<u8>) -> Document {
    let mut warnings = Vec::new();
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    let mut lines = Vec::new();
    let mut number = 0u32;
    let mut pos = 0;
    while pos < bytes.len() {
        number += 1;
        let nl = memchr::memchr(b'\n', &bytes[pos..]).map_or(bytes.len(), |i| pos + i);
        let mut end = nl;
        if end > pos && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        // Split at form feeds: each part is its own line with the same number.
        let mut part_start = pos;
        let mut form_feed_before = false;
        for ff in memchr::memchr_iter(b'\x0c', &bytes[pos..end]).map(|i| pos + i) {
            lines.push(make_line(&bytes, number, part_start..ff, bom, form_feed_before, &mut warnings, source));
            part_start = ff + 1;
            form_feed_before = true;
        }
        lines.push(make_line(&bytes, number, part_start..end, bom, form_feed_before, &mut warnings, source));
        pos = nl + 1;
    }
    Document {
        name: name.to_string(),
        source: source.to_string(),
        sha256: hex(&Sha256::digest(&bytes)),
        bytes,
        lines,
        pages: 1,
        warnings,
        ..Document::default()
    }
}

fn make_line(
    bytes: &[u8],
    number: u32,
    raw: std::ops::Range<usize>,
    bom: usize,
    form_feed_before: bool,
    warnings: &mut Vec<String>,
    source: &str,
) -> Line {
    // The BOM stays inside the first line's raw range but not in its text.
    let text_start = if raw.start == 0 { bom.min(raw.end) } else { raw.start };
    let (text, anchors) = decode(&bytes[text_start..raw.end], text_start, warnings, source);
    let mut line = Line::new(number, raw, text, anchors);
    line.form_feed_before = form_feed_before;
    line
}

/// Decodes one line; `offset` is where `bytes` start in the input.
fn decode(bytes: &[u8], offset: usize, warnings: &mut Vec<String>, source: &str) -> (String, Vec<(u32, u32)>) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), vec![(0, offset as u32)]),
        Err(_) => {
            let mut text = String::with_capacity(bytes.len() + 8);
            let mut anchors = vec![(0, offset as u32)];
            for chunk in bytes.utf8_chunks() {
                let valid_at = chunk.valid().as_ptr() as usize - bytes.as_ptr() as usize;
                anchors.push((text.len() as u32, (offset + valid_at) as u32));
                text.push_str(chunk.valid());
                let invalid = chunk.invalid();
                if !invalid.is_empty() {
                    let bad_at = offset + valid_at + chunk.valid().len();
                    if warnings.len() < 10 {
                        warnings.push(format!("{source}: invalid UTF-8 at byte {bad_at}, replaced with U+FFFD"));
                    }
                    anchors.push((text.len() as u32, bad_at as u32));
                    text.push('\u{FFFD}');
                }
            }
            anchors.dedup_by_key(|a| a.0);
            (text, anchors)
        }
    }
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_crlf_and_form_feeds() {
        let doc = read_document("d", "d.txt", b"one\r\ntwo\x0cthree\nfour".to_vec());
        let texts: Vec<&str> = doc.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["one", "two", "three", "four"]);
        assert_eq!(doc.lines[2].number, 2);
        assert!(doc.lines[2].form_feed_before);
        assert_eq!(doc.lines[0].raw, 0..3);
    }

    #[test]
    fn bom_is_inside_first_line_but_not_its_text() {
        let doc = read_document("d", "d.txt", b"\xEF\xBB\xBFhi\n".to_vec());
        assert_eq!(doc.lines[0].text, "hi");
        assert_eq!(doc.lines[0].raw, 0..5);
        assert_eq!(doc.lines[0].raw_offset(0), 3);
        assert!(doc.check_coverage().is_ok());
    }

    #[test]
    fn invalid_utf8_is_replaced_with_a_warning_naming_the_offset() {
        let doc = read_document("d", "bad.txt", b"ok\nab\xFFcd\n".to_vec());
        assert_eq!(doc.lines[1].text, "ab\u{FFFD}cd");
        assert_eq!(doc.warnings, ["bad.txt: invalid UTF-8 at byte 5, replaced with U+FFFD"]);
        // "cd" starts after the replacement char (3 bytes) in text, at byte 6 in raw.
        assert_eq!(doc.lines[1].raw_offset(5), 6);
        assert!(doc.check_coverage().is_ok());
    }

    #[test]
    fn empty_input_is_an_empty_document() {
        let doc = read_document("d", "d.txt", Vec::new());
        assert!(doc.lines.is_empty());
    }
}

/// One input to clean: a file, or standard input when `path` is `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub path: Option<std::path::PathBuf>,
    /// The document's name: its path relative to the input root, without extension.
    pub name: String,
}

impl Source {
    pub fn display(&self) -> String {
        self.path.as_ref().map_or_else(|| "-".to_string(), |p| p.display().to_string())
    }

    pub fn read(&self) -> std::io::Result<Vec<u8>> {
        match &self.path {
            Some(p) => std::fs::read(p),
            None => {
                let mut buf = Vec::new();
                std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf)?;
                Ok(buf)
            }
        }
    }
}

/// Expands the command line's inputs: files as given, directories walked
/// recursively for files whose name matches `glob` (in sorted order), `-` for
/// standard input. Errors name the path.
pub fn discover(inputs: &[std::path::PathBuf], glob: &str) -> crate::Result<Vec<Source>> {
    let matcher = globset::Glob::new(glob)
        .map_err(|e| crate::Error::Input { path: glob.into(), message: format!("bad --glob pattern: {e}") })?
        .compile_matcher();
    let mut out = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            out.push(Source { path: None, name: "stdin".into() });
        } else if input.is_dir() {
            let mut files = Vec::new();
            walk(input, &mut files).map_err(|e| crate::Error::io(input, e))?;
            files.sort();
            for file in files {
                let rel = file.strip_prefix(input).unwrap_or(&file);
                let matches = rel.file_name().is_some_and(|n| matcher.is_match(n)) || matcher.is_match(rel);
                if matches {
                    out.push(Source { name: doc_name(rel), path: Some(file) });
                }
            }
        } else if input.exists() {
            let name = input.file_stem().map_or_else(|| "doc".into(), |s| s.to_string_lossy().into_owned());
            out.push(Source { path: Some(input.clone()), name });
        } else {
            return Err(crate::Error::Input { path: input.clone(), message: "no such file or directory".into() });
        }
    }
    Ok(out)
}

fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// `a/b/memo.txt` → `a/b/memo`, with `/` separators on every platform.
fn doc_name(rel: &std::path::Path) -> String {
    let stem = rel.with_extension("");
    stem.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}
