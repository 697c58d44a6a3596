//! Stage 2, pages: numbers the pages of a document from its page markers.
//!
//! Markers: a form feed (the reader splits lines there), the literal text
//! `x0c` that damaged exports carry at a line's start (often glued to the next
//! word: `x0c25X1A`), and wrapper page headings such as `## Page 3` that
//! publishers of OCR dumps add. The textual markers are cut with reason
//! `page_break`. A marker before any text does not open an empty page.

use crate::model::{Document, Markup, Reason};

pub fn run(doc: &mut Document) {
    remove_document_wrapper(doc);
    let mut page = 1;
    let mut page_has_text = false;
    for line in &mut doc.lines {
        let mut marker = line.form_feed_before;
        let kept = line.kept();
        if kept.starts_with("x0c") {
            marker = true;
            let start = line.keep.start;
            line.cut(start..start + 3, Reason::PageBreak);
        } else if is_wrapper_page_heading(line.markup, kept) {
            marker = true;
            line.remove(Reason::PageBreak);
        }
        if marker && page_has_text {
            page += 1;
            page_has_text = false;
        }
        line.page = page;
        page_has_text |= line.is_kept();
    }
    doc.pages = page;
}

/// `## Page 3`: a heading that only names a page.
fn is_wrapper_page_heading(markup: Markup, kept: &str) -> bool {
    matches!(markup, Markup::Heading(_))
        && kept
            .strip_prefix("Page ")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// A lone `# Document` heading before the first page heading is a wrapper.
fn remove_document_wrapper(doc: &mut Document) {
    if let Some(first) = doc.lines.iter_mut().find(|l| l.is_kept()) {
        if matches!(first.markup, Markup::Heading(1)) && first.kept() == "Document" {
            first.remove(Reason::Markup);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::read_document;
    use crate::options::NormalizeOptions;

    fn pages_of(text: &str) -> (Document, Vec<u32>) {
        let mut doc = read_document("t", "t.txt", text.as_bytes().to_vec());
        crate::pipeline::normalize::run(&mut doc, &NormalizeOptions::default());
        run(&mut doc);
        let pages = doc.lines.iter().filter(|l| l.is_kept()).map(|l| l.page).collect();
        (doc, pages)
    }

    #[test]
    fn form_feeds_and_x0c_open_pages() {
        let (doc, pages) = pages_of("\x0cone\ntwo\x0cthree\nx0c25X1A\nfour\nx0c \nfive");
        assert_eq!(pages, [1, 1, 2, 3, 3, 4]);
        assert_eq!(doc.pages, 4);
        assert!(doc.lines.iter().any(|l| l.kept() == "25X1A" && l.page == 3));
        assert!(doc.check_coverage().is_ok());
    }

    #[test]
    fn wrapper_headings_mark_pages_and_are_removed() {
        let (doc, pages) = pages_of("# Document\n\n## Page 1\n\n```text\nbody one\n```\n## Page 2\nbody two");
        assert_eq!(pages, [1, 2]);
        let kept: Vec<&str> = doc.lines.iter().filter(|l| l.is_kept()).map(|l| l.kept()).collect();
        assert_eq!(kept, ["body one", "body two"]);
    }
}
