//! Repeated title blocks: a cover or title page printed again on the next
//! pages (`Moscow's New "Peace Offensive" Toward Japan` on the cover, the
//! title page and over the first text page). The first copy is text; later
//! copies are removed with reason `repeated_title`.
//!
//! Real text repeats too (a refrain, a verse quoted twice, `CHAPTER 1` and
//! `CHAPTER 2`), so a block takes part only when it is title-like: at most
//! four lines and twelve words, two words or more and ten letters at least,
//! every word of four letters or more capitalised, no sentence punctuation
//! at its end, and no digits (numbered headings differ by their number). A
//! later copy is removed only when it sits in the document's front (the first
//! 40 % of its bytes) or opens a page of a paginated document.
//! Copies are compared on letters only, case folded, redaction marks dropped.

use crate::model::{Document, Reason};

/// Runs of consecutive kept lines, split at blank and removed lines.
fn blocks(doc: &Document) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    for (i, line) in doc.lines.iter().enumerate() {
        let page_break = current.last().is_some_and(|&j| doc.lines[j].page != line.page);
        if (!line.is_kept() || page_break)
            && !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        if line.is_kept() {
            current.push(i);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The comparison key of a title-like block, or `None` when it is not one.
pub fn title_key(text: &str) -> Option<String> {
    let text = text.replace("[REDACTED]", " ").replace("[redacted]", " ");
    let text = text.trim();
    if text.is_empty() || text.chars().any(|c| c.is_ascii_digit()) || text.len() > 120 {
        return None;
    }
    if text.ends_with(['.', ',', ';', ':', '!', '?']) {
        return None;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let letters: usize = text.chars().filter(|c| c.is_alphabetic()).count();
    if words.len() < 2 || words.len() > 12 || letters < 10 {
        return None;
    }
    let capitalised = words.iter().all(|w| {
        let core: String = w.chars().filter(|c| c.is_alphabetic()).collect();
        core.chars().count() < 4 || core.chars().next().is_some_and(|c| c.is_uppercase())
    });
    if !capitalised {
        return None;
    }
    let key: Vec<String> = words
        .iter()
        .map(|w| w.chars().filter(|c| c.is_alphabetic()).flat_map(char::to_lowercase).collect::<String>())
        .filter(|w| !w.is_empty())
        .collect();
    Some(key.join(" "))
}

pub fn remove_repeated_titles(doc: &mut Document) {
    let blocks = blocks(doc);
    let front = doc.bytes.len() * 2 / 5;
    let mut page_open: std::collections::HashSet<usize> = Default::default();
    if doc.pages > 1 {
        let mut last_page = 0;
        for b in &blocks {
            let page = doc.lines[b[0]].page;
            if page != last_page {
                page_open.insert(b[0]);
                last_page = page;
            }
        }
    }
    let mut seen: std::collections::HashSet<String> = Default::default();
    for b in blocks {
        if b.len() > 4 {
            continue;
        }
        let text: Vec<&str> = b.iter().map(|&i| doc.lines[i].kept()).collect();
        let Some(key) = title_key(&text.join(" ")) else { continue };
        let first = &doc.lines[b[0]];
        let placed = first.raw.start < front || page_open.contains(&b[0]);
        if !seen.insert(key) && placed {
            for i in b {
                doc.lines[i].remove(Reason::RepeatedTitle);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(text: &str) -> Document {
        let doc = crate::pipeline::run_through(text, crate::pipeline::Stage::Banners);
        assert!(doc.check_coverage().is_ok());
        doc
    }

    fn count(doc: &Document, needle: &str) -> usize {
        doc.lines.iter().filter(|l| l.is_kept() && l.kept().contains(needle)).count()
    }

    const BODY: &str = "The Soviet Union is attempting to open a new dialogue with the Japanese on economic and security issues, and this sentence is long.";

    #[test]
    fn a_repeated_cover_title_is_kept_once() {
        let text = format!(
            "Directorate of\nIntelligence\n\nSecret\n\n# Moscow's New \"Peace Offensive\" Toward Japan\n\n\
             Directorate of\nIntelligence\n\n# Moscow's New \"Peace Offensive\" Toward Japan\n\n\
             **Moscow's New\n\"Peace Offensive\"\nToward Japan** [REDACTED]\n\n{BODY}\n\n{BODY}\n\n{BODY}\n"
        );
        let doc = clean(&text);
        assert_eq!(count(&doc, "Toward Japan"), 1);
        assert_eq!(count(&doc, "Directorate of"), 1);
        assert!(doc.lines.iter().any(|l| l.cuts.iter().any(|c| c.reason == Reason::RepeatedTitle)));
    }

    #[test]
    fn refrains_verses_and_numbered_headings_stay() {
        let text = "CHAPTER ONE HUNDRED\n\nAnd the waters rose again\n\nJesus wept.\n\nAnd the waters rose again\n\n\
                    Jesus wept.\n\nQuoth the Raven, Nevermore.\n\nQuoth the Raven, Nevermore.\n\nCHAPTER 2 THE FLOOD\n\n\
                    CHAPTER 3 THE FLOOD\n";
        let doc = clean(text);
        assert_eq!(count(&doc, "waters rose"), 2);
        assert_eq!(count(&doc, "Jesus wept"), 2);
        assert_eq!(count(&doc, "Nevermore"), 2);
        assert_eq!(count(&doc, "THE FLOOD"), 2);
    }

    #[test]
    fn a_title_repeated_late_in_the_body_stays() {
        let body: String = (0..12).map(|_| format!("{BODY}\n\n")).collect();
        let text = format!("Notes On The River\n\n{body}Notes On The River\n\n{BODY}\n");
        let doc = clean(&text);
        assert_eq!(count(&doc, "Notes On The River"), 2);
    }
}
