//! Stage 6, paragraphs: rebuilds the document's blocks from kept lines.
//!
//! Each kept line gets a role (heading, list item, footnote, redaction, text)
//! from its markup and shape; rows of a table (cells at wide gaps) stay lines
//! of one block. Text lines join the open block when they are adjacent and
//! the previous line did not end a paragraph (a short line that ends a
//! sentence does, and so does a sentence end before a first-line indent), or,
//! across a gap (blank lines, removed banners, a
//! page break), when the open block ends mid-sentence and the line continues
//! in lower case. Footnotes and redaction lines met inside an unfinished
//! sentence are held and placed after the paragraph they interrupted. Runs of
//! `X` or `█` inside a line become `[REDACTED]`, the original in the edit.

use crate::model::{Block, BlockKind, Document, Edit, Join, Markup, SourceSpan};
use crate::options::ParagraphOptions;
use crate::pipeline::asides::{asides, has_gap, is_redaction, Aside};
use crate::pipeline::dehyphenate;

pub fn run(doc: &mut Document, opts: &ParagraphOptions) {
    let kept: Vec<usize> = doc.kept_lines().collect();
    if kept.is_empty() {
        return;
    }
    let widths = page_widths(doc);
    let gap_before: Vec<bool> = (0..kept.len())
        .map(|k| k == 0 || has_gap(doc, kept[k - 1], kept[k]))
        .collect();
    let asides = asides(doc);
    let table = table_rows(doc, &kept, &gap_before);
    let mut builder = Builder::default();
    for (k, &i) in kept.iter().enumerate() {
        let gap = gap_before[k];
        let gap_after = k + 1 == kept.len() || gap_before[k + 1];
        let line = &doc.lines[i];
        let text = line.kept();
        if asides[i] == Aside::NoteCont && builder.holding_open_note() {
            builder.append_note(i);
            continue;
        }
        if table[i] {
            if builder.table && !gap {
                builder.append(i);
            } else {
                builder.start_table(doc, i);
            }
            continue;
        }
        let role = role(line.markup, text, gap, gap_after, asides[i]);
        let prev_join = builder.last_line().map(|p| doc.lines[p].join).unwrap_or(Join::Space);
        if prev_join != Join::Space {
            // The word goes on past this footnote or redaction line: hold it
            // (dehyphenate paired the open line with the next body line).
            match asides[i] {
                Aside::NoteStart => builder.hold(BlockKind::Footnote, i),
                Aside::Redaction => builder.hold(BlockKind::Redaction, i),
                _ => {
                    builder.close_note();
                    builder.append(i);
                }
            }
            continue;
        }
        match role {
            Role::Heading => builder.start(doc, BlockKind::Heading, i),
            Role::ListItem => builder.start(doc, BlockKind::ListItem, i),
            Role::Footnote | Role::Redaction if builder.open_unfinished(doc) => {
                let kind = if role == Role::Footnote { BlockKind::Footnote } else { BlockKind::Redaction };
                builder.hold(kind, i);
            }
            Role::Footnote => builder.start(doc, BlockKind::Footnote, i),
            Role::Redaction => builder.start(doc, BlockKind::Redaction, i),
            Role::Text => {
                if builder.holding_open_note() && !gap {
                    builder.append_note(i);
                    continue;
                }
                let joins = match builder.last_line() {
                    None => false,
                    Some(_) if builder.table => false,
                    Some(p) if !gap => {
                        let prev = doc.lines[p].kept();
                        let short = (prev.chars().count() as f64) < opts.short_line * widths[doc.lines[p].page as usize];
                        let next = kept.get(k + 1).copied().filter(|_| !gap_after);
                        let indented = ends_sentence(prev) && first_line_indent(doc, p, i, next);
                        builder.open_kind() != Some(BlockKind::Heading) && !(short && ends_sentence(prev)) && !indented
                    }
                    Some(_) => {
                        builder.open_kind().is_some_and(|k| matches!(k, BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Footnote))
                            && builder.open_unfinished(doc)
                            && continues_sentence(text)
                    }
                };
                if joins {
                    builder.close_note();
                    builder.append(i);
                } else {
                    builder.start(doc, BlockKind::Paragraph, i);
                }
            }
        }
    }
    builder.flush(doc);
    doc.blocks = builder.blocks;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Heading,
    ListItem,
    Footnote,
    Redaction,
    Text,
}

fn role(markup: Markup, text: &str, gap_before: bool, gap_after: bool, aside: Aside) -> Role {
    match markup {
        Markup::Heading(_) => return Role::Heading,
        Markup::Bullet => return Role::ListItem,
        Markup::Footnote => return Role::Footnote,
        Markup::Emphasis if is_title_like(text, true) => return Role::Heading,
        _ => {}
    }
    if aside == Aside::NoteStart {
        return Role::Footnote;
    }
    if is_redaction(text) {
        return Role::Redaction;
    }
    if starts_list_item(text) {
        return Role::ListItem;
    }
    if gap_before && gap_after && is_title_like(text, false) {
        return Role::Heading;
    }
    Role::Text
}

fn starts_list_item(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let marker_end = if (1..=2).contains(&digits) && matches!(b.get(digits), Some(b'.') | Some(b')')) {
        digits + 1
    } else if b.len() > 2 && b[0] == b'(' && b[1].is_ascii_alphanumeric() && b[2] == b')' {
        3
    } else if b.len() > 1 && b[0].is_ascii_lowercase() && b[1] == b')' {
        2
    } else if text.starts_with("• ") || text.starts_with("· ") || text.starts_with("▪ ") {
        1
    } else {
        return false;
    };
    text[marker_end..].starts_with(' ') && text[marker_end..].trim_start().starts_with(|c: char| c.is_alphabetic() || c == '"')
}

/// A short line without sentence punctuation whose words are capitalised.
fn is_title_like(text: &str, emphasised: bool) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let max_words = if emphasised { 14 } else { 10 };
    if words.is_empty() || words.len() > max_words || text.ends_with(['.', ',', ';']) && !emphasised {
        return false;
    }
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 2 {
        return false;
    }
    if emphasised {
        return !text.ends_with('.');
    }
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    let capitalised = words.iter().filter(|w| w.starts_with(|c: char| c.is_uppercase() || !c.is_alphabetic())).count();
    upper * 10 >= letters.len() * 8 || (capitalised == words.len() && words.len() <= 6 && !text.ends_with(['.', ':']))
}

fn ends_sentence(text: &str) -> bool {
    let t = strip_trailing_redaction(text).trim_end_matches(['"', '\'', '”', '’', ')', ']', '*']);
    t.ends_with(['.', '!', '?', ':']) || t.is_empty()
}

/// Per line index, whether the line is a row of a table: it and a kept
/// neighbour with no gap between them both split into columns
/// ([`columns`]). Rows are kept as lines, not joined into a paragraph.
fn table_rows(doc: &Document, kept: &[usize], gap_before: &[bool]) -> Vec<bool> {
    let mut out = vec![false; doc.lines.len()];
    let cols: Vec<bool> = kept.iter().map(|&i| columns(doc, i)).collect();
    for k in 0..kept.len() {
        let with_prev = k > 0 && !gap_before[k] && cols[k - 1];
        let with_next = k + 1 < kept.len() && !gap_before[k + 1] && cols[k + 1];
        out[kept[k]] = cols[k] && (with_prev || with_next);
    }
    out
}

/// The printed line splits into three or more short cells at runs of two or
/// more spaces, tabs or `|`: `Steel   12.4   13.1`. A wide gap after a
/// sentence's end (typewriters put two spaces there) separates no columns,
/// and a line cut by an earlier stage is not read.
fn columns(doc: &Document, i: usize) -> bool {
    let line = &doc.lines[i];
    if line.kept().len() != line.text.trim().len() {
        return false;
    }
    let raw = String::from_utf8_lossy(&doc.bytes[line.raw.clone()]);
    let raw = raw.trim();
    let mut cells = 0;
    let mut rest = raw;
    while !rest.is_empty() {
        let end = rest.find(['\t', '|']).into_iter().chain(rest.find("  ")).min().unwrap_or(rest.len());
        let cell = rest[..end].trim();
        if !cell.is_empty() {
            if cell.chars().count() > 40 || (end < rest.len() && cell.ends_with(['.', '!', '?'])) {
                return false;
            }
            cells += 1;
        }
        rest = rest[end..].trim_start_matches([' ', '\t', '|']);
    }
    cells >= 3
}

/// Columns of indentation of a line as printed, when its kept text starts
/// the line (a line cut after a marking has no indentation to read).
fn indent(doc: &Document, i: usize) -> Option<usize> {
    let line = &doc.lines[i];
    if !line.text[..line.keep.start].trim().is_empty() {
        return None;
    }
    let raw = &doc.bytes[line.raw.clone()];
    Some(raw.iter().take_while(|&&b| b == b' ' || b == b'\t').map(|&b| if b == b'\t' { 4 } else { 1 }).sum())
}

/// Line `i` is indented 2 to 12 columns past line `p` before it, and line
/// `next` after it (when there is one before a gap) goes back: a first-line
/// indent, so `i` starts a paragraph. A hanging list item or a block quote
/// keeps its indentation on the next line, and is not read as one.
fn first_line_indent(doc: &Document, p: usize, i: usize, next: Option<usize>) -> bool {
    let (Some(before), Some(this)) = (indent(doc, p), indent(doc, i)) else { return false };
    let back = match next {
        Some(n) => indent(doc, n).is_some_and(|after| after <= before),
        None => true,
    };
    (before + 2..=before + 12).contains(&this) && back
}

fn strip_trailing_redaction(text: &str) -> &str {
    let t = text.trim_end();
    match inline_redactions(t).last() {
        Some(r) if r.end == t.len() => t[..r.start].trim_end(),
        _ => t,
    }
}

/// The line reads as the rest of a sentence: it starts in lower case (after
/// an optional redaction mark or opening quote).
fn continues_sentence(text: &str) -> bool {
    let mut t = text.trim_start();
    if let Some(r) = inline_redactions(t).first().filter(|r| r.start == 0) {
        t = t[r.end..].trim_start();
    }
    t.trim_start_matches(['"', '\'', '“', '‘', '(']).starts_with(|c: char| c.is_lowercase())
}

/// Per page, the text width: the 90th percentile of kept line lengths.
fn page_widths(doc: &Document) -> Vec<f64> {
    let mut lengths: Vec<Vec<usize>> = vec![Vec::new(); doc.pages as usize + 2];
    for line in doc.lines.iter().filter(|l| l.is_kept()) {
        if let Some(v) = lengths.get_mut(line.page as usize) {
            v.push(line.kept().chars().count());
        }
    }
    lengths
        .into_iter()
        .map(|mut v| {
            v.sort_unstable();
            let p90 = v.get(v.len() * 9 / 10).copied().unwrap_or(60);
            (p90 as f64).max(30.0)
        })
        .collect()
}

#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    open: Option<(BlockKind, Vec<usize>)>,
    /// The open block is table rows: its lines stay lines.
    table: bool,
    note: Option<(BlockKind, Vec<usize>)>,
    held: Vec<(BlockKind, Vec<usize>)>,
}

impl Builder {
    fn last_line(&self) -> Option<usize> {
        self.open.as_ref().and_then(|(_, l)| l.last().copied())
    }

    fn open_kind(&self) -> Option<BlockKind> {
        self.open.as_ref().map(|(k, _)| *k)
    }

    fn open_unfinished(&self, doc: &Document) -> bool {
        match &self.open {
            Some((BlockKind::Paragraph | BlockKind::ListItem, lines)) => {
                lines.last().is_some_and(|&i| !ends_sentence(doc.lines[i].kept()))
            }
            _ => false,
        }
    }

    fn holding_open_note(&self) -> bool {
        self.note.as_ref().is_some_and(|(k, _)| *k == BlockKind::Footnote)
    }

    fn start(&mut self, doc: &Document, kind: BlockKind, line: usize) {
        self.flush(doc);
        self.open = Some((kind, vec![line]));
    }

    fn start_table(&mut self, doc: &Document, line: usize) {
        self.start(doc, BlockKind::Paragraph, line);
        self.table = true;
    }

    fn append(&mut self, line: usize) {
        match &mut self.open {
            Some((_, lines)) => lines.push(line),
            None => self.open = Some((BlockKind::Paragraph, vec![line])),
        }
    }

    fn hold(&mut self, kind: BlockKind, line: usize) {
        self.close_note();
        self.note = Some((kind, vec![line]));
    }

    fn append_note(&mut self, line: usize) {
        if let Some((_, lines)) = &mut self.note {
            lines.push(line);
        }
    }

    fn close_note(&mut self) {
        if let Some(note) = self.note.take() {
            self.held.push(note);
        }
    }

    fn flush(&mut self, doc: &Document) {
        self.close_note();
        if let Some((kind, lines)) = self.open.take() {
            let sep = if std::mem::take(&mut self.table) { '\n' } else { ' ' };
            self.blocks.push(assemble_with(doc, kind, &lines, sep));
        }
        for (kind, lines) in std::mem::take(&mut self.held) {
            self.blocks.push(assemble(doc, kind, &lines));
        }
    }
}

/// Joins the kept text of lines into one block, carrying spans and edits.
const REDACTED: &str = "[REDACTED]";

/// Redaction marks inside a line (`[redacted]`, `[ ]`, `[REDACTED]`, runs of
/// `X` or `█`), as byte ranges of `text` in order; a mark already written
/// `[REDACTED]` is returned too, and left as it is.
fn inline_redactions(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find('[').map(|p| p + from) {
        let Some(close) = text[open..].find(']').map(|p| p + open) else { break };
        let inner = text[open + 1..close].trim();
        if inner.is_empty() || inner.eq_ignore_ascii_case("redacted") {
            out.push(open..close + 1);
        }
        from = close + 1;
    }
    out.extend(blackout_runs(text));
    out.sort_by_key(|r| r.start);
    out
}

/// Words that are only `X` (four or more) or `█`/`■` (two or more), with
/// punctuation after them left out; neighbours one space apart make one run
/// (`XXXX XXXXX` is one redaction). `25X1`, `XXth`, `■ item` are not runs.
fn blackout_runs(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    let mut pos = 0;
    for word in text.split(' ') {
        let start = pos;
        pos += word.len() + 1;
        let core = word.trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
        let xs = core.len() >= 4 && core.bytes().all(|b| b == b'X');
        let blocks = core.chars().count() >= 2 && core.chars().all(|c| matches!(c, '█' | '■'));
        if !(xs || blocks) {
            continue;
        }
        let end = start + core.len();
        match out.last_mut() {
            // The previous run ended right before this word's space, with no punctuation.
            Some(last) if last.end + 1 == start => last.end = end,
            _ => out.push(start..end),
        }
    }
    out
}

pub fn assemble(doc: &Document, kind: BlockKind, lines: &[usize]) -> Block {
    assemble_with(doc, kind, lines, ' ')
}

/// [`assemble`] with `sep` between lines that are not joined into a word
/// (a newline keeps table rows apart).
fn assemble_with(doc: &Document, kind: BlockKind, lines: &[usize], sep: char) -> Block {
    let mut text = String::new();
    let mut chars = 0usize;
    let mut edits = Vec::new();
    let mut source = Vec::new();
    let mut join = Join::Space;
    for (n, &i) in lines.iter().enumerate() {
        let line = &doc.lines[i];
        let mut kept = line.kept();
        // Bytes of `kept` dropped at its start (specks after a hyphen: `-gardly`).
        let mut skip = 0;
        if n > 0 {
            let prev = doc.lines[lines[n - 1]].kept();
            match (join, dehyphenate::split(prev, kept)) {
                (Join::Space, _) | (_, None) => {
                    // `Brezhnev [REDACTED]` / (25X1 removed) / `[REDACTED] suggested`:
                    // one redaction cut in two by a marking, merged.
                    let first = inline_redactions(kept).into_iter().next().filter(|r| r.start == 0);
                    match first {
                        Some(r) if text.ends_with(REDACTED) => {
                            let at = chars - REDACTED.len();
                            edits.push(Edit { op: "redaction", from: format!("{REDACTED}\n{}", &kept[r.clone()]), to: REDACTED.into(), at, score: None });
                            skip = kept.len() - kept[r.end..].trim_start().len();
                            if skip < kept.len() {
                                text.push(sep);
                                chars += 1;
                            }
                        }
                        _ => {
                            text.push(sep);
                            chars += 1;
                        }
                    }
                }
                (join, Some(split)) => {
                    // The block text ends with `prev`: drop its marks.
                    let marks = &prev[split.head_end..];
                    text.truncate(text.len() - marks.len());
                    chars -= marks.chars().count();
                    let head = split.head;
                    let lead = &kept[..split.tail_start];
                    let tail = split.tail;
                    let hyphen = if join == Join::KeepHyphen { "-" } else { "" };
                    if join == Join::KeepHyphen {
                        text.push('-');
                        chars += 1;
                    }
                    let from = format!("{head}{marks}\n{lead}{tail}");
                    let to = format!("{head}{hyphen}{tail}");
                    // `Sino-` + `Soviet` as printed is no change worth an edit.
                    if join == Join::Dehyphenate || marks != "-" || !lead.is_empty() {
                        let at = chars - head.chars().count() - hyphen.len();
                        edits.push(Edit { op: "dehyphenate", from, to, at, score: None });
                    }
                    skip = split.tail_start;
                }
            }
        }
        let rest = &kept[skip..];
        let reds = if kind == BlockKind::Redaction { Vec::new() } else { inline_redactions(rest) };
        // Line edits inside the kept part move to block coordinates, shifted
        // by the redaction marks normalised before them.
        let start = line.keep.start + skip;
        for e in &line.edits {
            if e.at >= start && e.at <= line.keep.end {
                // An edit recorded inside a replaced character (a control byte
                // next to U+FFFD) counts from that character's start.
                let mut at = e.at.min(line.text.len());
                while !line.text.is_char_boundary(at) {
                    at -= 1;
                }
                let mut offset = line.text[start..at.max(start)].chars().count() as isize;
                for r in reds.iter().filter(|r| r.end <= e.at - start) {
                    offset += REDACTED.len() as isize - rest[r.clone()].chars().count() as isize;
                }
                edits.push(Edit { at: (chars as isize + offset).max(0) as usize, ..e.clone() });
            }
        }
        if let Some(piece) = line.pieces(&doc.bytes).into_iter().find(|p| p.reason.is_none()) {
            source.push(SourceSpan { line: line.number, start: piece.raw.start, end: piece.raw.end });
        }
        kept = rest;
        if kind == BlockKind::Redaction {
            kept = REDACTED;
        }
        let mut pos = 0;
        for r in reds {
            if &kept[r.clone()] == REDACTED {
                continue;
            }
            text.push_str(&kept[pos..r.start]);
            chars += kept[pos..r.start].chars().count();
            edits.push(Edit { op: "redaction", from: kept[r.clone()].to_string(), to: REDACTED.into(), at: chars, score: None });
            text.push_str(REDACTED);
            chars += REDACTED.len();
            pos = r.end;
        }
        text.push_str(&kept[pos..]);
        chars += kept[pos..].chars().count();
        join = line.join;
    }
    if kind == BlockKind::Redaction {
        let original: Vec<&str> = lines.iter().map(|&i| doc.lines[i].kept()).collect();
        let original = original.join("\n");
        if original != "[REDACTED]" {
            edits.push(Edit { op: "redaction", from: original, to: "[REDACTED]".into(), at: 0, score: None });
        }
        text = "[REDACTED]".into();
    }
    Block { kind, page: doc.lines[lines[0]].page, text, lines: lines.to_vec(), source, edits }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    fn blocks(text: &str) -> Vec<(BlockKind, String)> {
        let mut doc = crate::pipeline::run_through(text, crate::pipeline::Stage::Dehyphenate);
        run(&mut doc, &Rules::embedded().unwrap().options.paragraphs);
        doc.blocks.into_iter().map(|b| (b.kind, b.text)).collect()
    }

    #[test]
    fn wrapped_lines_join_and_short_sentence_end_breaks() {
        let b = blocks("The first line of a paragraph that wraps around\nand goes on to the end. More words fill it\nup. A new one starts here and is long enough to wrap\nto a second line.");
        assert_eq!(b.len(), 1, "{b:?}");
        let b = blocks("The first line of a paragraph that wraps around\nends here.\nA new one starts here and is long enough to wrap\nto a second line.");
        assert_eq!(b.len(), 2, "{b:?}");
    }

    #[test]
    fn sentence_cut_by_page_break_footnote_and_banners_is_rejoined() {
        let b = blocks("Brezhnev's statement,\n\n25X1\n\n<sup>1</sup> Tikhonov's remarks were aimed elsewhere.\n\n25X1\n\nSecret\n\nhowever, was the first public proposal.\n");
        assert_eq!(b[0], (BlockKind::Paragraph, "Brezhnev's statement, however, was the first public proposal.".into()));
        assert_eq!(b[1], (BlockKind::Footnote, "1 Tikhonov's remarks were aimed elsewhere.".into()));
    }

    #[test]
    fn hyphenated_words_join_with_an_edit() {
        let mut doc = crate::pipeline::run_through("an inter-\nnational affair", crate::pipeline::Stage::Dehyphenate);
        run(&mut doc, &Rules::embedded().unwrap().options.paragraphs);
        assert_eq!(doc.blocks[0].text, "an international affair");
        assert_eq!(doc.blocks[0].edits[0].at, 3);
        assert_eq!(doc.blocks[0].edits[0].from, "inter-\nnational");
    }

    #[test]
    fn runs_of_x_or_blocks_are_redactions() {
        let text = "met XXXXX XXX in Tokyo, told ████ and XXXX. Then 25X1, XXth and ■ stay";
        let runs: Vec<&str> = blackout_runs(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(runs, ["XXXXX", "████", "XXXX"]);
        let runs: Vec<&str> = blackout_runs("a XXXX XXXXX b").into_iter().map(|r| &"a XXXX XXXXX b"[r]).collect();
        assert_eq!(runs, ["XXXX XXXXX"]);
        let b = blocks("The minister met XXXXXXX in Tokyo and\nXXXXXX suggested a new round of talks.");
        assert_eq!(b[0].1, "The minister met [REDACTED] in Tokyo and [REDACTED] suggested a new round of talks.");
    }

    #[test]
    fn a_first_line_indent_starts_a_paragraph() {
        let text = "The board met and heard the reports of the working groups in turn.\nIt adjourned for lunch and came back to the budget at three o'clock.\n   After lunch the chair asked for a vote on the budget, which passed\nby a large majority, and the meeting ended at five that afternoon.";
        assert_eq!(blocks(text).len(), 2);
        // Indented on every line (a quote) after a line that goes on: one block.
        let quote = "He wrote that the board\n   met and heard the reports of the working groups in turn, and\n   adjourned for lunch.";
        assert_eq!(blocks(quote).len(), 1);
    }

    #[test]
    fn table_rows_stay_lines() {
        let b = blocks("Branch    1980    1981\nSteel     12.4    13.1\nCoal      31.0    30.2\nThe figures are preliminary and\nmay be revised.");
        assert_eq!(b[0].1, "Branch 1980 1981\nSteel 12.4 13.1\nCoal 31.0 30.2");
        assert_eq!(b[1].1, "The figures are preliminary and may be revised.");
        // Two spaces after each sentence on a typewriter make no columns.
        let b = blocks("He left.  She came.  They met at noon and talked\nabout it.  Then they went.  It was late.");
        assert_eq!(b.len(), 1);
    }

    #[test]
    fn kinds_of_blocks() {
        let b = blocks("# Title\n\n**Summary**\n\n- one item\n- two item\n\n[REDACTED]\n\n1. First point here.\n");
        let kinds: Vec<BlockKind> = b.iter().map(|x| x.0).collect();
        assert_eq!(kinds, [BlockKind::Heading, BlockKind::Heading, BlockKind::ListItem, BlockKind::ListItem, BlockKind::Redaction, BlockKind::ListItem]);
    }
}
