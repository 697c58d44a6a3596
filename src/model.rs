//! The shared document model every stage reads and changes.
//!
//! Provenance lives in the data: each [`Line`] keeps the byte range it came
//! from in the raw input and a map from its (normalised) text back to those
//! bytes. Stages never delete anything: they narrow a line's kept range and
//! record what they cut as a [`Cut`] with a [`Reason`], mark how a line joins
//! the next one, and append [`Edit`]s. Output spans are derived from that at the
//! end, so "every non-whitespace input byte is accounted for exactly once"
//! holds by construction and is checked by [`Document::check_coverage`].

use serde::Serialize;
use std::collections::BTreeMap;
use std::ops::Range;

/// Why a piece of input is not in the clean text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// A line repeated at the top of pages.
    RunningHeader,
    /// A line repeated at the bottom of pages.
    RunningFooter,
    /// A line repeated across pages, position unclear.
    Banner,
    /// A later copy of a short title block (a cover repeated on the first pages).
    RepeatedTitle,
    Classification,
    ExemptionCode,
    ReleaseBanner,
    PageDenied,
    ControlNumber,
    CopyNumber,
    PageNumber,
    /// A page separator written as text (`x0c`) or a wrapper's page heading.
    PageBreak,
    /// Markdown syntax or a wrapper added around the OCR text.
    Markup,
    Noise,
    /// Control characters and other bytes with no text in them.
    Control,
    /// A rule from `rules/` that names no more specific reason.
    Rule,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::RunningHeader => "running_header",
            Reason::RunningFooter => "running_footer",
            Reason::Banner => "banner",
            Reason::RepeatedTitle => "repeated_title",
            Reason::Classification => "classification",
            Reason::ExemptionCode => "exemption_code",
            Reason::ReleaseBanner => "release_banner",
            Reason::PageDenied => "page_denied",
            Reason::ControlNumber => "control_number",
            Reason::CopyNumber => "copy_number",
            Reason::PageNumber => "page_number",
            Reason::PageBreak => "page_break",
            Reason::Markup => "markup",
            Reason::Noise => "noise",
            Reason::Control => "control",
            Reason::Rule => "rule",
        }
    }

    pub fn parse(name: &str) -> Option<Reason> {
        ALL_REASONS.iter().copied().find(|r| r.as_str() == name)
    }
}

pub const ALL_REASONS: [Reason; 16] = [
    Reason::RunningHeader,
    Reason::RunningFooter,
    Reason::Banner,
    Reason::RepeatedTitle,
    Reason::Classification,
    Reason::ExemptionCode,
    Reason::ReleaseBanner,
    Reason::PageDenied,
    Reason::ControlNumber,
    Reason::CopyNumber,
    Reason::PageNumber,
    Reason::PageBreak,
    Reason::Markup,
    Reason::Noise,
    Reason::Control,
    Reason::Rule,
];

/// One change to the text, recorded where it was made.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edit {
    pub op: &'static str,
    pub from: String,
    pub to: String,
    /// On a line: byte offset in `Line::text`. On a block: char offset in `Block::text`.
    pub at: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f32>,
}

/// A removed piece of a line: `range` is in `Line::text` coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct Cut {
    pub range: Range<usize>,
    pub reason: Reason,
}

/// What a line's markup (markdown or wrapper) says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Markup {
    #[default]
    None,
    Heading(u8),
    Bullet,
    /// The whole line was emphasised (`**Summary**`): a heading candidate.
    Emphasis,
    /// The line starts with a footnote mark (`<sup>1</sup> text`).
    Footnote,
}

/// How a kept line continues into the next kept line of the same block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Join {
    #[default]
    Space,
    /// The trailing hyphen is dropped and the words are joined (`inter-` + `national`).
    Dehyphenate,
    /// The words are joined keeping the hyphen (`Sino-` + `Soviet`).
    KeepHyphen,
}

/// One input line (or a part of one split at a form feed).
#[derive(Debug, Clone)]
pub struct Line {
    /// 1-based line number in the input.
    pub number: u32,
    /// Bytes of the raw input this line came from, without the line ending.
    pub raw: Range<usize>,
    pub text: String,
    /// (text offset, raw offset) points where the text-to-raw map restarts.
    anchors: Vec<(u32, u32)>,
    /// The part of `text` still kept; empty once the line is removed.
    pub keep: Range<usize>,
    pub cuts: Vec<Cut>,
    /// 1-based page number, set by the pages stage.
    pub page: u32,
    /// A form feed stood right before this line.
    pub form_feed_before: bool,
    pub markup: Markup,
    pub join: Join,
    /// Edits made to `text`, `at` in byte offsets of `text`.
    pub edits: Vec<Edit>,
}

impl Line {
    pub fn new(number: u32, raw: Range<usize>, text: String, anchors: Vec<(u32, u32)>) -> Line {
        let keep = trimmed(&text, 0..text.len());
        Line {
            number,
            raw,
            text,
            anchors,
            keep,
            cuts: Vec::new(),
            page: 1,
            form_feed_before: false,
            markup: Markup::None,
            join: Join::Space,
            edits: Vec::new(),
        }
    }

    /// The kept text, trimmed.
    pub fn kept(&self) -> &str {
        &self.text[self.keep.clone()]
    }

    pub fn is_kept(&self) -> bool {
        !self.keep.is_empty()
    }

    /// True when the line has text that was neither kept nor cut (a blank line).
    pub fn is_blank(&self) -> bool {
        self.keep.is_empty() && self.cuts.is_empty()
    }

    /// Replaces the text (normalisation), with the anchors of the new text.
    pub fn set_text(&mut self, text: String, anchors: Vec<(u32, u32)>) {
        self.keep = trimmed(&text, 0..text.len());
        self.text = text;
        self.anchors = anchors;
    }

    pub fn anchors(&self) -> &[(u32, u32)] {
        &self.anchors
    }

    /// Raw byte offset of a text offset.
    pub fn raw_offset(&self, text_offset: usize) -> usize {
        map_to_raw(&self.anchors, self.text.len(), &self.raw, text_offset)
    }

    /// Removes the whole kept part.
    pub fn remove(&mut self, reason: Reason) {
        if self.keep.is_empty() {
            return;
        }
        self.cuts.push(Cut { range: self.keep.clone(), reason });
        self.keep = self.keep.end..self.keep.end;
    }

    /// Removes `range` (text offsets) which must touch the start or end of the
    /// kept part; what is kept is trimmed again. A range in the middle would
    /// split the line in two kept parts, which the model does not allow: it is
    /// ignored and `false` returned.
    pub fn cut(&mut self, range: Range<usize>, reason: Reason) -> bool {
        let range = range.start.max(self.keep.start)..range.end.min(self.keep.end);
        if range.is_empty() {
            return false;
        }
        let at_start = self.text[self.keep.start..range.start].trim().is_empty();
        let at_end = self.text[range.end..self.keep.end].trim().is_empty();
        if at_start && at_end {
            self.remove(reason);
            return true;
        }
        if at_start {
            self.keep = trimmed(&self.text, range.end..self.keep.end);
        } else if at_end {
            self.keep = trimmed(&self.text, self.keep.start..range.start);
        } else {
            return false;
        }
        let range = trimmed(&self.text, range);
        self.cuts.push(Cut { range, reason });
        true
    }

    /// The line's pieces in text order: each cut and the kept part, with their
    /// raw byte spans. The pieces partition the raw line, so together they
    /// cover every byte of it exactly once; edges are trimmed of whitespace.
    pub fn pieces(&self, raw_input: &[u8]) -> Vec<Piece> {
        let mut parts: Vec<(Range<usize>, Option<Reason>)> =
            self.cuts.iter().map(|c| (c.range.clone(), Some(c.reason))).collect();
        if self.is_kept() {
            parts.push((self.keep.clone(), None));
        }
        parts.sort_by_key(|(r, _)| (r.start, r.end));
        let n = parts.len();
        let mut out = Vec::with_capacity(n);
        let mut start = self.raw.start;
        for (i, (range, reason)) in parts.into_iter().enumerate() {
            let end = if i + 1 == n {
                self.raw.end
            } else {
                self.raw_offset(range.end).max(start)
            };
            let span = trim_raw(raw_input, start..end);
            out.push(Piece { text: range, reason, raw: span });
            start = end;
        }
        out
    }
}

/// A piece of a line: kept (`reason == None`) or cut.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub text: Range<usize>,
    pub reason: Option<Reason>,
    pub raw: Range<usize>,
}

/// Maps a text offset to a raw offset through anchors: between two anchors
/// the text and raw bytes advance together, clamped at the next anchor.
pub fn map_to_raw(anchors: &[(u32, u32)], text_len: usize, raw: &Range<usize>, pos: usize) -> usize {
    if pos >= text_len {
        return raw.end;
    }
    let i = anchors.partition_point(|&(t, _)| t as usize <= pos);
    if i == 0 {
        return raw.start;
    }
    let (t, r) = anchors[i - 1];
    let limit = anchors.get(i).map(|&(_, r)| r as usize).unwrap_or(raw.end);
    (r as usize + (pos - t as usize)).min(limit)
}

/// Narrows a byte range of `text` to exclude surrounding whitespace.
pub fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let body = slice.trim();
    let start = range.start + lead;
    start..start + body.len()
}

fn trim_raw(raw: &[u8], mut range: Range<usize>) -> Range<usize> {
    while range.start < range.end && raw[range.start].is_ascii_whitespace() {
        range.start += 1;
    }
    while range.end > range.start && raw[range.end - 1].is_ascii_whitespace() {
        range.end -= 1;
    }
    range
}

/// Where a block's text came from: a span of raw input bytes on one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SourceSpan {
    pub line: u32,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Paragraph,
    Heading,
    ListItem,
    Footnote,
    Redaction,
}

impl BlockKind {
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Paragraph => "paragraph",
            BlockKind::Heading => "heading",
            BlockKind::ListItem => "list_item",
            BlockKind::Footnote => "footnote",
            BlockKind::Redaction => "redaction",
        }
    }
}

/// One unit of clean output: a paragraph, heading, list item, ...
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    /// Page of the block's first line.
    pub page: u32,
    pub text: String,
    /// Indices into `Document::lines`, in order.
    pub lines: Vec<usize>,
    pub source: Vec<SourceSpan>,
    /// `at` in char offsets of `text`.
    pub edits: Vec<Edit>,
}

/// One change to a block's text: the bytes `range` of `Block::text` become
/// `to`, and `edit` (when given) records it; its `at` is set by
/// `Block::splice`. A splice whose `to` is the text it covers only records
/// (a suggestion).
#[derive(Debug, Clone)]
pub struct Splice {
    pub range: Range<usize>,
    pub to: String,
    pub edit: Option<Edit>,
}

impl Block {
    /// Apply `splices` (disjoint, in text order) to the text. Each one's
    /// edit is recorded at the char offset where its `to` starts in the new
    /// text, and the edits the block already had move with the text.
    pub fn splice(&mut self, splices: Vec<Splice>) {
        let old = std::mem::take(&mut self.text);
        let mut text = String::with_capacity(old.len());
        // chars of `old` before `pos`, and of `text`: counted as they are
        // passed, since counting the whole text again at every splice was
        // quadratic (a third of a run's time on one-block documents)
        let (mut old_chars, mut new_chars, mut pos) = (0usize, 0usize, 0usize);
        // (char offset in old text where a change ends, char delta it brings)
        let mut shifts: Vec<(usize, isize)> = Vec::new();
        let mut edits = Vec::new();
        for sp in splices {
            let gap = &old[pos..sp.range.start];
            text.push_str(gap);
            let gap_chars = gap.chars().count();
            old_chars += gap_chars;
            new_chars += gap_chars;
            if let Some(edit) = sp.edit {
                edits.push(Edit { at: new_chars, ..edit });
            }
            let from_chars = old[sp.range.clone()].chars().count();
            let to_chars = sp.to.chars().count();
            text.push_str(&sp.to);
            if to_chars != from_chars {
                shifts.push((old_chars + from_chars, to_chars as isize - from_chars as isize));
            }
            old_chars += from_chars;
            new_chars += to_chars;
            pos = sp.range.end;
        }
        text.push_str(&old[pos..]);
        // the shifts are in text order: an edit moves by the sum of those that
        // end at or before it
        let mut before = vec![0isize; shifts.len() + 1];
        for (i, (_, d)) in shifts.iter().enumerate() {
            before[i + 1] = before[i] + d;
        }
        for e in &mut self.edits {
            let delta = before[shifts.partition_point(|(end, _)| *end <= e.at)];
            e.at = (e.at as isize + delta).max(0) as usize;
        }
        self.edits.extend(edits);
        self.edits.sort_by_key(|e| e.at);
        self.text = text;
    }
}

/// A page that is known to be missing or withheld.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageEvent {
    pub page: u32,
    pub event: &'static str,
    pub text: String,
    pub line: u32,
}

/// One input document and everything the pipeline learned about it.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Name used in output records and output file names.
    pub name: String,
    /// Path of the input (or `-` for stdin).
    pub source: String,
    pub sha256: String,
    pub bytes: Vec<u8>,
    pub lines: Vec<Line>,
    pub pages: u32,
    pub blocks: Vec<Block>,
    pub page_events: Vec<PageEvent>,
    pub metadata: BTreeMap<String, serde_json::Value>,
    /// Values seen for each metadata key, with how often: banners repeat on
    /// every page, so one garbled copy must not win.
    pub votes: BTreeMap<String, BTreeMap<String, u32>>,
    pub warnings: Vec<String>,
}

impl Document {
    pub fn vote(&mut self, key: &str, value: &str) {
        *self.votes.entry(key.to_string()).or_default().entry(value.to_string()).or_default() += 1;
    }

    /// Moves the winning value of each vote into `metadata` (most votes, then
    /// the earliest seen in sort order).
    pub fn settle_votes(&mut self) {
        for (key, values) in &self.votes {
            if let Some((value, _)) = values.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) {
                self.metadata.insert(key.clone(), serde_json::Value::String(value.clone()));
            }
        }
    }

    /// Indices of lines that still have kept text, in order.
    pub fn kept_lines(&self) -> impl Iterator<Item = usize> + '_ {
        self.lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.is_kept())
            .map(|(i, _)| i)
    }

    /// Checks the provenance invariant: every non-whitespace byte of the input
    /// lies in exactly one piece (kept or cut) of exactly one line. Returns the
    /// first offending byte offset.
    pub fn check_coverage(&self) -> Result<(), usize> {
        let mut covered = vec![0u8; self.bytes.len()];
        for line in &self.lines {
            for piece in line.pieces(&self.bytes) {
                for c in &mut covered[piece.raw] {
                    *c += 1;
                }
            }
        }
        let text = String::from_utf8_lossy(&self.bytes);
        // Whitespace in the sense of the text (form feed, NBSP, ...) need not be covered.
        let mut ws = vec![false; self.bytes.len()];
        if text.len() == self.bytes.len() {
            for (i, ch) in text.char_indices() {
                if ch.is_whitespace() {
                    for w in &mut ws[i..i + ch.len_utf8()] {
                        *w = true;
                    }
                }
            }
        } else {
            for (i, b) in self.bytes.iter().enumerate() {
                ws[i] = b.is_ascii_whitespace();
            }
        }
        for (i, &n) in covered.iter().enumerate() {
            if n > 1 || (n == 0 && !ws[i]) {
                return Err(i);
            }
        }
        Ok(())
    }
}
