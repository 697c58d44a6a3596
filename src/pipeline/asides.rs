//! What each kept line is to the running text around it: running text, the
//! start or continuation of a footnote, or a redaction line. Dehyphenate and
//! paragraphs both read it, so a word broken across a footnote pairs the same
//! lines in both stages.

use crate::model::{Document, Markup};

/// `[REDACTED]`, `[redacted]`, `[ ]`, runs of X or █.
pub fn is_redaction(text: &str) -> bool {
    let t = text.trim();
    if let Some(inner) = t.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        let inner = inner.trim();
        return inner.is_empty() || inner.eq_ignore_ascii_case("redacted");
    }
    t.chars().count() >= 4 && t.chars().all(|c| matches!(c, 'X' | '█' | '■' | ' '))
}

/// What a kept line is to the running text around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aside {
    /// Running text (or a heading, list item...): part of the reading flow.
    No,
    /// The first line of a footnote: a `<sup>1</sup>` line, or a line at a
    /// page's bottom that starts with a small number (`1 Comment: ...`).
    NoteStart,
    /// A following line of the same footnote (no gap before it).
    NoteCont,
    /// A line that is only a redaction mark.
    Redaction,
}

/// Per line index, whether the line is an aside that can interrupt a
/// sentence (and a hyphenated word) without ending it. Dehyphenate and
/// paragraphs both read it, so they pair the same lines.
pub fn asides(doc: &Document) -> Vec<Aside> {
    let mut out = vec![Aside::No; doc.lines.len()];
    let kept: Vec<usize> = doc.kept_lines().collect();
    // Kept lines per page, to tell the bottom of a page.
    let mut per_page: Vec<u32> = vec![0; doc.pages as usize + 2];
    for &i in &kept {
        if let Some(n) = per_page.get_mut(doc.lines[i].page as usize) {
            *n += 1;
        }
    }
    let mut seen_on_page = 0u32;
    for (k, &i) in kept.iter().enumerate() {
        let line = &doc.lines[i];
        let page = line.page as usize;
        if k == 0 || doc.lines[kept[k - 1]].page != line.page {
            seen_on_page = 0;
        }
        seen_on_page += 1;
        let text = line.kept();
        if is_redaction(text) {
            out[i] = Aside::Redaction;
            continue;
        }
        let gap = k == 0 || has_gap(doc, kept[k - 1], i);
        let total = per_page.get(page).copied().unwrap_or(0);
        // At most a few lines (its own continuation, a page number, a
        // footer) may follow a footnote on its page.
        let at_bottom = total >= 4 && total - seen_on_page <= 3;
        if line.markup == Markup::Footnote || (gap && at_bottom && is_plain_footnote(text)) {
            out[i] = Aside::NoteStart;
        } else if k > 0 && !gap && matches!(out[kept[k - 1]], Aside::NoteStart | Aside::NoteCont) {
            out[i] = Aside::NoteCont;
        }
    }
    out
}

/// `1 Comment: the source ...`, `* Figures are ...`: a small number or a
/// star, a space, a capitalised word, and not a date (`27 March 1980`). OCR
/// often misreads a superscript number: as `>`, `°` or a superscript digit
/// (the space after it is optional, as after a star: `*This assessment`), or
/// as a quote mark, which counts only with a space after it (an opening
/// quote clings to its word: `"Monsieur`).
fn is_plain_footnote(text: &str) -> bool {
    const MONTHS: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    let digits = text.bytes().take_while(|b| b.is_ascii_digit()).count();
    let rest = if (1..=2).contains(&digits) && !text.starts_with('0') {
        text[digits..].strip_prefix(' ')
    } else if let Some(r) = text.strip_prefix(['*', '†', '>', '°', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹']) {
        Some(r.strip_prefix(' ').unwrap_or(r))
    } else {
        text.strip_prefix(['\'', '’', '‘', '"', '“', '”']).and_then(|r| r.strip_prefix(' '))
    };
    let Some(rest) = rest else { return false };
    let word = rest.split_whitespace().next().unwrap_or("");
    text.len() >= 12 && word.starts_with(char::is_uppercase) && word.len() > 1 && !MONTHS.iter().any(|m| word.starts_with(m))
}

/// Something other than a plain line break separates kept lines `a` and `b`:
/// a page break, a blank line or a removed line.
pub fn has_gap(doc: &Document, a: usize, b: usize) -> bool {
    doc.lines[a].page != doc.lines[b].page || doc.lines[a + 1..b].iter().any(|l| l.is_blank() || !l.is_kept())
}

