//! Quotation marks: the space OCR reads between a quotation mark and its
//! words is removed (`said, " I did it "` → `said, "I did it"`). Print
//! never sets one there; OCR engines often do. Each removal is an edit
//! (`quote_space`) on its block.
//!
//! A curly mark says which side it belongs to. A straight `"` standing
//! alone is closing before punctuation or the end of the block, opening at
//! its start, and otherwise by count: the block's straight marks before it
//! alternate, opening first. One after a digit is left alone: it may be a
//! ditto mark or inches (`3 " flour`, `12 " long`). A document whose
//! marks seldom stand alone printed them so, and is left as it is
//! (`MIN_ALONE_SHARE`).

use crate::model::{BlockKind, Document, Edit, Splice};

/// Share of a document's quotation marks that must stand alone for it to
/// be corrected (1 in 20). Where marks stand alone that often, OCR set them
/// apart; where they rarely do, they were printed so: RFC 2822's literal
/// `"Re: "` (3 of the RFC's 970 marks stand alone).
const MIN_ALONE_SHARE: (usize, usize) = (1, 20);

pub fn run(doc: &mut Document) {
    let texts = doc.blocks.iter().filter(|b| b.kind != BlockKind::Redaction).map(|b| b.text.as_str());
    let (alone, marks) = texts.map(mark_counts).fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    if alone * MIN_ALONE_SHARE.1 < marks * MIN_ALONE_SHARE.0 {
        return;
    }
    for block in doc.blocks.iter_mut().filter(|b| b.kind != BlockKind::Redaction) {
        let splices = inner_spaces(&block.text);
        if !splices.is_empty() {
            block.splice(splices);
        }
    }
}

/// (marks standing alone between spaces, all marks) of `text`.
fn mark_counts(text: &str) -> (usize, usize) {
    if !text.contains(is_mark) {
        return (0, 0);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut counts = (0, 0);
    for (i, &c) in chars.iter().enumerate() {
        if is_mark(c) {
            counts.1 += 1;
            counts.0 += stands_alone(i.checked_sub(1).map(|j| chars[j]), chars.get(i + 1).copied()) as usize;
        }
    }
    counts
}

/// Whether a char between `before` and `after` (None: an end of the text)
/// has a space or an end on both sides.
fn stands_alone(before: Option<char>, after: Option<char>) -> bool {
    before.is_none_or(|c| c == ' ') && after.is_none_or(|c| c == ' ')
}


/// The spaces inside quotation marks of `text`, as splices that remove them.
fn inner_spaces(text: &str) -> Vec<Splice> {
    if !text.contains(is_mark) {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut splices = Vec::new();
    let mut straight_before = 0;
    for (i, &(at, q)) in chars.iter().enumerate() {
        if !is_mark(q) {
            continue;
        }
        let straight = q == '"';
        let seen = straight_before;
        straight_before += straight as usize;
        let prev = chars[..i].iter().rev().find(|c| c.1 != ' ');
        let next = chars[i + 1..].iter().find(|c| c.1 != ' ');
        // only a mark standing alone: `a "b` and `a" b` are as printed
        if !stands_alone(i.checked_sub(1).map(|j| chars[j].1), chars.get(i + 1).map(|c| c.1)) {
            continue;
        }
        if straight && prev.is_some_and(|c| c.1.is_ascii_digit()) {
            continue;
        }
        let opening = match q {
            '“' => true,
            '”' => false,
            _ => match (prev, next) {
                (_, None) => false,
                (_, Some(n)) if ".,;:!?)".contains(n.1) => false,
                (None, _) => true,
                _ => seen % 2 == 0,
            },
        };
        // the word the mark belongs to; two marks together are left alone
        let Some(&(w, wc)) = (if opening { next } else { prev }) else { continue };
        if is_mark(wc) {
            continue;
        }
        let gap = if opening { at + q.len_utf8()..w } else { w + wc.len_utf8()..at };
        if !gap.is_empty() {
            splices.push(removal(text, gap, q, opening));
        }
    }
    splices
}

fn is_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”')
}

/// The splice removing the spaces `gap` beside the quotation `mark`: the
/// edit shows the mark with the spaces and without.
fn removal(text: &str, gap: std::ops::Range<usize>, mark: char, opening: bool) -> Splice {
    let spaces = &text[gap.clone()];
    let from = if opening { format!("{mark}{spaces}") } else { format!("{spaces}{mark}") };
    let edit = Edit { op: "quote_space", from, to: mark.to_string(), at: 0, score: None };
    Splice { range: gap, to: String::new(), edit: Some(edit) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Block;

    fn fixed(text: &str) -> String {
        let mut out = String::new();
        let mut pos = 0;
        for s in inner_spaces(text) {
            out.push_str(&text[pos..s.range.start]);
            out.push_str(&s.to);
            pos = s.range.end;
        }
        out.push_str(&text[pos..]);
        out
    }

    #[test]
    fn spaces_inside_marks_go() {
        assert_eq!(fixed(r#"he said, " I did it " and left"#), r#"he said, "I did it" and left"#);
        assert_eq!(fixed(r#"" Guilty," said the jury."#), r#""Guilty," said the jury."#);
        assert_eq!(fixed(r#"They found him " Guilty ""#), r#"They found him "Guilty""#);
        assert_eq!(fixed("the “ Herald ” said"), "the “Herald” said");
        assert_eq!(fixed(r#"a "word" and " another ""#), r#"a "word" and "another""#);
    }

    #[test]
    fn marks_as_printed_stay() {
        for t in [r#"he said "I did it" and left"#, r#"3 " flour"#, r#"a 12 " rule"#, r#"an empty " " string"#, "no marks at all"] {
            assert_eq!(fixed(t), t, "{t}");
        }
    }

    fn cleaned(text: &str) -> Vec<Block> {
        let mut doc = crate::pipeline::run_through(text, crate::pipeline::Stage::Dehyphenate);
        crate::pipeline::paragraphs::run(&mut doc, &crate::rules::Rules::embedded().unwrap().options.paragraphs);
        run(&mut doc);
        doc.blocks
    }

    #[test]
    fn spaces_go_unless_the_document_prints_marks_so() {
        let b = cleaned("The prisoner said, \" I did it,\" and \" Guilty \" was the verdict.\n");
        assert_eq!(b[0].text, "The prisoner said, \"I did it,\" and \"Guilty\" was the verdict.");
        // the edits sit where the spaces were, in the new text's chars
        let at: Vec<(usize, &str)> = b[0].edits.iter().map(|e| (e.at, e.from.as_str())).collect();
        assert_eq!(at, [(20, "\" "), (36, "\" "), (42, " \"")]);
        let literals = "Prepend \"Re:\" once. \"A\" \"B\" \"C\" \"D\" \"E\" \"F\" \"G\" \"H\" \"I\" and the string \"Re: \" too.\n";
        assert_eq!(cleaned(literals)[0].text, literals.trim_end());
    }

    #[test]
    fn edits_show_the_space() {
        let s = inner_spaces(r#"said " Yes ""#);
        let e: Vec<(&str, &str)> = s.iter().map(|s| s.edit.as_ref().map(|e| (e.from.as_str(), e.to.as_str())).unwrap()).collect();
        assert_eq!(e, [("\" ", "\""), (" \"", "\"")]);
    }
}
