//! Stage 1, normalize: Unicode NFC, ligatures, soft hyphens, control
//! characters, whitespace runs, optional quote folding, and markdown syntax.
//!
//! Every change to a line's text is one replacement over the original text,
//! applied in a single pass so edit positions and the text-to-raw anchors stay
//! exact. Folding whitespace is not listed as an edit (it changes no content);
//! everything else is. Markdown markers at a line's edges (`# `, `- `, `**`)
//! are cut with reason `markup` so their bytes stay accounted for.

use crate::model::{Cut, Document, Edit, Line, Markup, Reason};
use crate::options::NormalizeOptions;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

pub fn run(doc: &mut Document, opts: &NormalizeOptions) {
    let markdown = opts.markdown && looks_like_markdown(doc);
    for line in &mut doc.lines {
        normalize_line(line, opts, markdown);
        // A line left with no text but with bytes (a BOM, control characters)
        // records them as removed, so every input byte stays accounted for.
        if line.is_blank() && doc.bytes[line.raw.clone()].iter().any(|b| !b.is_ascii_whitespace()) {
            line.cuts.push(Cut { range: 0..0, reason: Reason::Control });
        }
    }
}

/// Markdown-flavoured OCR has headings, bold text or footnote tags; plain
/// OCR rarely has any of them, and there a `*` or `- ` is OCR noise or text.
fn looks_like_markdown(doc: &Document) -> bool {
    doc.lines.iter().any(|l| {
        let t = l.text.trim_start();
        (t.starts_with('#') && t.trim_start_matches('#').starts_with(' '))
            || t.contains("<sup>")
            || (t.starts_with("**") && t.len() > 4)
            || t.starts_with("```")
    })
}

struct Replacement {
    range: std::ops::Range<usize>,
    to: String,
    op: Option<&'static str>,
}

fn normalize_line(line: &mut Line, opts: &NormalizeOptions, markdown: bool) {
    let mut reps = Vec::new();
    if markdown {
        markdown_replacements(&line.text, &mut reps);
    }
    char_replacements(&line.text, opts, &mut reps);
    if !reps.is_empty() {
        reps.sort_by_key(|r| (r.range.start, r.range.end));
        apply(line, reps);
    }
    if !is_nfc(&line.text) {
        let nfc: String = line.text.nfc().collect();
        let start = line.raw_offset(0) as u32;
        let from = std::mem::take(&mut line.text);
        line.edits.push(Edit { op: "nfc", from, to: nfc.clone(), at: 0, score: None });
        line.set_text(nfc, vec![(0, start)]);
    }
    if markdown {
        markdown_edges(line);
    }
}

fn is_nfc(s: &str) -> bool {
    s.is_ascii() || matches!(is_nfc_quick(s.chars()), IsNormalized::Yes) || s.nfc().eq(s.chars())
}

fn char_replacements(text: &str, opts: &NormalizeOptions, reps: &mut Vec<Replacement>) {
    if text.bytes().all(|b| (b' '..0x7f).contains(&b)) && !text.contains("  ") {
        return;
    }
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let end = i + c.len_utf8();
        let rep = |to: &str, op: Option<&'static str>| Replacement { range: i..end, to: to.to_string(), op };
        if c.is_whitespace() {
            // Fold the run to one space; no edit.
            let mut run_end = end;
            while let Some(&(j, d)) = iter.peek() {
                if !d.is_whitespace() {
                    break;
                }
                run_end = j + d.len_utf8();
                iter.next();
            }
            if c != ' ' || run_end > end {
                reps.push(Replacement { range: i..run_end, to: " ".into(), op: None });
            }
            continue;
        }
        let r = match c {
            'ﬀ' => rep("ff", Some("ligature")),
            'ﬁ' => rep("fi", Some("ligature")),
            'ﬂ' => rep("fl", Some("ligature")),
            'ﬃ' => rep("ffi", Some("ligature")),
            'ﬄ' => rep("ffl", Some("ligature")),
            'ﬅ' | 'ﬆ' => rep("st", Some("ligature")),
            '\u{00AD}' => {
                // A soft hyphen that ends a line is a hyphenation break.
                let at_end = text[end..].trim().is_empty();
                rep(if at_end { "-" } else { "" }, Some("soft_hyphen"))
            }
            '\u{FEFF}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' => rep("", Some("control")),
            c if c.is_control() => rep("", Some("control")),
            '‘' | '’' | '‚' | '′' if opts.fold_quotes => rep("'", Some("quote")),
            '“' | '”' | '„' | '″' if opts.fold_quotes => rep("\"", Some("quote")),
            _ => continue,
        };
        reps.push(r);
    }
}

/// Emphasis and footnote tags inside a line (the edges are cut later).
fn markdown_replacements(text: &str, reps: &mut Vec<Replacement>) {
    let body = crate::model::trimmed(text, 0..text.len());
    let b = text.as_bytes();
    let mut i = body.start;
    while i < body.end {
        if b[i] == b'<' {
            if let Some(len) = sup_tag_len(&text[i..]) {
                let tag = &text[i..i + len];
                let number = tag.trim_start_matches("<sup>").trim_end_matches("</sup>");
                // At the line's start the number stays: it labels a footnote.
                let to = if i == body.start { number } else { "" };
                reps.push(Replacement { range: i..i + len, to: to.into(), op: Some("footnote_mark") });
                i += len;
                continue;
            }
        }
        if b[i] == b'*' {
            let run = text[i..].bytes().take_while(|&c| c == b'*').count();
            let at_edge = i == body.start || i + run == body.end;
            if !at_edge {
                let before = text[..i].chars().next_back().unwrap_or(' ');
                let after = text[i + run..].chars().next().unwrap_or(' ');
                // A marker hugs a word on one side and not the other: `*Asahi*`.
                let is_marker = before.is_alphanumeric() != after.is_alphanumeric() || run >= 2;
                if is_marker {
                    reps.push(Replacement { range: i..i + run, to: String::new(), op: Some("unmark") });
                }
            }
            i += run;
            continue;
        }
        i += 1;
    }
}

fn sup_tag_len(s: &str) -> Option<usize> {
    let rest = s.strip_prefix("<sup>")?;
    let digits = rest.bytes().take_while(|c| c.is_ascii_alphanumeric() || *c == b'*').count();
    if digits == 0 || digits > 4 {
        return None;
    }
    rest[digits..].starts_with("</sup>").then_some(5 + digits + 6)
}

/// Applies sorted, non-overlapping replacements in one pass, rebuilding the
/// anchors and recording edits at their positions in the new text.
fn apply(line: &mut Line, reps: Vec<Replacement>) {
    let old = std::mem::take(&mut line.text);
    let mut text = String::with_capacity(old.len());
    let mut anchors: Vec<(u32, u32)> = Vec::new();
    let push_anchor = |anchors: &mut Vec<(u32, u32)>, t: usize, r: usize| {
        if let Some(&(lt, lr)) = anchors.last() {
            if (r as i64 - lr as i64) == (t as i64 - lt as i64) {
                return; // same delta: the anchor before already maps it
            }
            if lt as usize == t {
                anchors.pop();
            }
        }
        anchors.push((t as u32, r as u32));
    };
    let mut pos = 0;
    let mut edits = Vec::new();
    for rep in reps {
        if rep.range.start < pos {
            continue;
        }
        push_anchor(&mut anchors, text.len(), raw_of(line, &old, pos));
        text.push_str(&old[pos..rep.range.start]);
        // Map the raw offsets of the old text through the old anchors.
        push_anchor(&mut anchors, text.len(), raw_of(line, &old, rep.range.start));
        if let Some(op) = rep.op {
            edits.push(Edit { op, from: old[rep.range.clone()].to_string(), to: rep.to.clone(), at: text.len(), score: None });
        }
        text.push_str(&rep.to);
        pos = rep.range.end;
        push_anchor(&mut anchors, text.len(), raw_of(line, &old, pos));
    }
    text.push_str(&old[pos..]);
    if anchors.is_empty() {
        anchors.push((0, line.raw.start as u32));
    }
    line.edits.extend(edits);
    line.set_text(text, anchors);
}

fn raw_of(line: &Line, old: &str, pos: usize) -> usize {
    // `line.text` was taken out; map through the anchors of the old text.
    crate::model::map_to_raw(line.anchors(), old.len(), &line.raw, pos)
}

/// Headings, bullets, whole-line emphasis, footnote lines and code fences.
fn markdown_edges(line: &mut Line) {
    let kept = line.keep.clone();
    let t = &line.text[kept.clone()];
    if t.starts_with("```") {
        line.remove(Reason::Markup);
        return;
    }
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
        line.markup = Markup::Heading(hashes as u8);
        line.cut(kept.start..kept.start + hashes, Reason::Markup);
    } else if (t.starts_with("- ") || t.starts_with("• ") || t.starts_with("* ")) && t.len() > 2 {
        line.markup = Markup::Bullet;
        let len = t.chars().next().map_or(1, char::len_utf8);
        line.cut(kept.start..kept.start + len, Reason::Markup);
    } else if line.edits.first().is_some_and(|e| e.op == "footnote_mark" && e.at == kept.start) {
        line.markup = Markup::Footnote;
    }
    // Emphasis markers at the edges.
    let t = line.kept().to_string();
    let lead = t.bytes().take_while(|&b| b == b'*' || b == b'_').count();
    let trail = t.bytes().rev().take_while(|&b| b == b'*' || b == b'_').count();
    let opens = lead >= 1 && lead < t.len() && !t[lead..].starts_with(char::is_whitespace);
    let closes = trail >= 1 && trail < t.len() && !t[..t.len() - trail].ends_with(char::is_whitespace);
    if opens {
        let k = line.keep.start;
        line.cut(k..k + lead, Reason::Markup);
    }
    if closes {
        let e = line.keep.end;
        line.cut(e - trail..e, Reason::Markup);
    }
    if opens && closes && line.markup == Markup::None {
        line.markup = Markup::Emphasis;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::read_document;

    fn norm(text: &str) -> Document {
        let mut doc = read_document("t", "t.txt", text.as_bytes().to_vec());
        run(&mut doc, &NormalizeOptions::default());
        assert!(doc.check_coverage().is_ok(), "coverage broken: {:?}", doc.check_coverage());
        doc
    }

    #[test]
    fn ligatures_and_soft_hyphens_become_letters_with_edits() {
        let doc = norm("ﬁnal ofﬁce\nhy\u{00AD}\nin\u{00AD}side");
        assert_eq!(doc.lines[0].text, "final office");
        assert_eq!(doc.lines[0].edits.len(), 2);
        assert_eq!(doc.lines[0].edits[1].at, 8);
        assert_eq!(doc.lines[1].text, "hy-");
        assert_eq!(doc.lines[2].text, "inside");
    }

    #[test]
    fn whitespace_runs_fold_and_map_back_to_raw() {
        let doc = norm("25X1A  \tSUMMARY");
        let line = &doc.lines[0];
        assert_eq!(line.text, "25X1A SUMMARY");
        assert_eq!(line.raw_offset(6), 8);
        assert!(line.edits.is_empty());
    }

    #[test]
    fn control_characters_are_dropped_as_edits() {
        let doc = norm("a\u{7}b");
        assert_eq!(doc.lines[0].text, "ab");
        assert_eq!(doc.lines[0].edits[0].op, "control");
    }

    #[test]
    fn a_line_of_only_invisible_bytes_is_accounted_for() {
        let doc = norm("\u{feff}\nText\n\u{7}\u{7}\n");
        assert_eq!(doc.lines[0].cuts[0].reason, Reason::Control);
        assert_eq!(doc.lines[2].cuts[0].reason, Reason::Control);
    }

    #[test]
    fn nfc_composes() {
        let doc = norm("cafe\u{301}");
        assert_eq!(doc.lines[0].text, "café");
    }

    #[test]
    fn markdown_heading_bold_and_footnotes() {
        let doc = norm("# Title\n**Summary**\nSee *Asahi* daily.<sup>1</sup>\n<sup>1</sup> Note text\n- item one\n```text");
        assert_eq!(doc.lines[0].kept(), "Title");
        assert_eq!(doc.lines[0].markup, Markup::Heading(1));
        assert_eq!(doc.lines[1].kept(), "Summary");
        assert_eq!(doc.lines[1].markup, Markup::Emphasis);
        assert_eq!(doc.lines[2].kept(), "See Asahi daily.");
        assert_eq!(doc.lines[3].kept(), "1 Note text");
        assert_eq!(doc.lines[3].markup, Markup::Footnote);
        assert_eq!(doc.lines[4].kept(), "item one");
        assert_eq!(doc.lines[4].markup, Markup::Bullet);
        assert!(!doc.lines[5].is_kept());
    }

    #[test]
    fn plain_ocr_stars_and_dashes_are_left_alone() {
        let doc = norm("* % %k %\n- that will pave the way");
        assert_eq!(doc.lines[0].kept(), "* % %k %");
        assert_eq!(doc.lines[1].kept(), "- that will pave the way");
    }
}
