//! Stage 3, banners: removes archive markings and running heads/footers.
//!
//! Two detectors. Rule patterns (`rules/banners.txt`) catch known markings
//! (classification lines, exemption codes, release banners, denied pages) and
//! feed what they say into the document's metadata. Repetition
//! ([`repetition`](super::repetition)) catches the rest without coordinates:
//! page edges are compared across pages, folios found from page-number
//! progressions, and a dump without page markers gets its pages inferred
//! from the spacing of recurring lines first.
//!
//! The document id of a release banner (`CIA-RDP79T00975A001300080001-8`) is
//! rebuilt by voting per character across every copy on the pages, so one
//! garbled copy does not win and several garbled copies can still give the
//! right id.

use super::repetition;
use crate::model::{Document, PageEvent, Reason};
use crate::options::BannerOptions;
use crate::rules::PatternSet;
use regex::Regex;
use std::sync::OnceLock;

pub use super::repetition::shape;

pub fn run(doc: &mut Document, rules: &PatternSet, opts: &BannerOptions) {
    apply_rules(doc, rules);
    vote_document_id(doc);
    repetition::infer_pages(doc, opts);
    repetition::remove_repeated_edges(doc, opts);
    super::titles::remove_repeated_titles(doc);
}

pub(crate) fn apply_rules(doc: &mut Document, rules: &PatternSet) {
    let mut votes: Vec<(String, String)> = Vec::new();
    for line in &mut doc.lines {
        rules.apply(line, &mut |k, v| votes.push((k.to_string(), v.to_string())));
        if let Some(cut) = line.cuts.iter().find(|c| c.reason == Reason::PageDenied) {
            doc.page_events.push(PageEvent {
                page: line.page,
                event: "page_denied",
                text: line.text[cut.range.clone()].to_string(),
                line: line.number,
            });
        }
    }
    for (k, v) in votes {
        // Classification is a fact, its case a typographic choice.
        let v = if k == "classification" { v.split_whitespace().collect::<Vec<_>>().join(" ").to_uppercase() } else { v };
        doc.vote(&k, &v);
    }
}

/// The tail of an RDP id after `CIA-RDP`: `79T00975A001300080001-8`.
/// `d` a digit, `L` a letter, `-` a hyphen, `x` a letter or a hyphen.
const RDP_CLASSES: &[u8; 23] = b"ddxdddddLdddddddddddd-d";

fn rdp_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?i)R\W?D\W?P\s?([0-9A-Za-z|!\-]{20,26})").expect("valid regex"))
}

/// A character of a garbled id read as the class its position needs, with the
/// OCR confusions typewriter fonts cause (`O`/`0`, `l`/`1`, `4`/`A`, ...).
fn as_class(c: char, class: u8) -> Option<(char, u32)> {
    match class {
        b'd' if c.is_ascii_digit() => Some((c, 2)),
        b'd' => match c {
            'O' | 'o' | 'Q' | 'D' => Some(('0', 1)),
            'l' | 'I' | 'i' | '|' | '!' => Some(('1', 1)),
            'Z' | 'z' => Some(('2', 1)),
            'S' | 's' => Some(('5', 1)),
            'G' | 'b' => Some(('6', 1)),
            'B' => Some(('8', 1)),
            _ => None,
        },
        b'-' => (c == '-').then_some(('-', 2)),
        b'x' if c == '-' => Some(('-', 2)),
        _ if c.is_ascii_uppercase() => Some((c, 2)),
        _ if c.is_ascii_lowercase() => Some((c.to_ascii_uppercase(), 1)),
        _ => match c {
            '4' => Some(('A', 1)),
            '8' => Some(('B', 1)),
            '0' => Some(('O', 1)),
            '5' => Some(('S', 1)),
            '6' => Some(('G', 1)),
            '7' => Some(('T', 1)),
            _ => None,
        },
    }
}

/// Rebuilds the document id from every copy of it on the pages, one vote per
/// character position, and replaces the whole-string votes with it.
fn vote_document_id(doc: &mut Document) {
    let mut tally: Vec<std::collections::BTreeMap<char, u32>> = vec![Default::default(); RDP_CLASSES.len()];
    let mut copies = 0;
    for line in &doc.lines {
        for caps in rdp_regex().captures_iter(&line.text) {
            let tail: Vec<char> = caps[1].chars().collect();
            // Copies with a character lost or added do not align: skip them.
            let tail = if tail.len() > RDP_CLASSES.len() { &tail[..RDP_CLASSES.len()] } else { &tail[..] };
            if tail.len() != RDP_CLASSES.len() {
                continue;
            }
            copies += 1;
            for (i, &c) in tail.iter().enumerate() {
                if let Some((c, w)) = as_class(c, RDP_CLASSES[i]) {
                    *tally[i].entry(c).or_default() += w;
                }
            }
        }
    }
    if copies == 0 {
        return;
    }
    let id: Option<String> =
        tally.iter().map(|t| t.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(&c, _)| c)).collect();
    if let Some(id) = id {
        doc.votes.remove("doc_id");
        doc.vote("doc_id", &format!("CIA-RDP{id}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(text: &str) -> Document {
        let mut doc = crate::pipeline::run_through(text, crate::pipeline::Stage::Banners);
        doc.settle_votes();
        assert!(doc.check_coverage().is_ok());
        doc
    }

    fn kept(doc: &Document) -> Vec<&str> {
        doc.lines.iter().filter(|l| l.is_kept()).map(|l| l.kept()).collect()
    }

    #[test]
    fn markings_are_removed_and_text_next_to_them_kept() {
        let doc = clean("Secret\n**Secret**\n25X1\n25X1A  SUMMARY\nFAR EAST\nPage Denied\nTOP SECRET\nCopy\nCopy No. 12\n");
        assert_eq!(kept(&doc), ["SUMMARY", "FAR EAST"]);
        assert_eq!(doc.page_events.len(), 1);
        assert_eq!(doc.metadata["classification"], "SECRET");
    }

    #[test]
    fn garbled_release_banners_are_removed_and_the_id_voted() {
        let doc = clean(
            "Approved For Release 2004/07/08 : CIA-RDP79T00975A001300080001-8\n\
             body text one\n\
             s Approved For R+ease 2004/07/08 : CIA-RDP79T00975A0013p0080001-8\n\
             Approved For Release 2004/07/08 : CIA-RDP79T00975A001300080001-8\n",
        );
        assert_eq!(kept(&doc), ["body text one"]);
        assert_eq!(doc.metadata["doc_id"], "CIA-RDP79T00975A001300080001-8");
        assert_eq!(doc.metadata["release_date"], "2004/07/08");
    }

    #[test]
    fn running_heads_with_changing_numbers_are_removed() {
        let mut text = String::new();
        let bodies = ["Abasement, a decent attitude", "Abdication, an act whereby", "Abdomen, the temple of the god", "Ability, the natural equipment"];
        for (p, body) in bodies.iter().enumerate() {
            let ending = ["So it was.", "Nobody knew why the river rose.", "He left at dawn, alone.", "Then came the rain and mud."][p];
            text += &format!("THE DEVIL'S DICTIONARY {}\n{body} of the mind.\n{ending}\n\x0c", p + 1);
        }
        let doc = clean(&text);
        assert!(kept(&doc).iter().all(|l| !l.contains("DICTIONARY")));
        assert_eq!(kept(&doc).len(), 8);
    }

    #[test]
    fn short_real_lines_survive() {
        let doc = clean("FAR EAST\n1. Summary\n\"Ah,\" he said.\nSecretary of State Dulles said so.\nCopyright 1982\n");
        assert_eq!(kept(&doc).len(), 5);
    }

    /// `n` pages of distinct body lines, each page given by `page(p)`.
    fn paged(n: usize, sep: &str, page: impl Fn(usize) -> String) -> String {
        (1..=n).map(page).collect::<Vec<_>>().join(sep)
    }

    const TREES: [&str; 30] = [
        "alder", "birch", "cedar", "elm", "fir", "hazel", "holly", "juniper", "larch", "linden", "maple", "oak",
        "olive", "pine", "poplar", "rowan", "spruce", "willow", "yew", "ash", "beech", "cherry", "chestnut",
        "cypress", "hawthorn", "hemlock", "hickory", "laurel", "magnolia", "walnut",
    ];

    /// Four body lines no other page repeats, digits or not.
    fn body(p: usize) -> String {
        (0..4)
            .map(|i| {
                let n = p * 4 + i;
                (0..6).map(|k| TREES[(n * 7 + k * 11 + n / 30) % 30]).collect::<Vec<_>>().join(" ")
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn alternating_book_heads_and_folios_are_removed_but_the_title_stays() {
        // Title on page 1; even pages `12 THE BOOK OF FLOODS`, odd pages `RIVERS 13`.
        let text = paged(6, "\x0c", |p| {
            let head = match p {
                1 => "THE BOOK OF FLOODS".to_string(),
                p if p % 2 == 0 => format!("{} THE BOOK OF FLOODS", p + 10),
                p => format!("RIVERS {}", p + 10),
            };
            format!("{head}\n{}\n", body(p))
        });
        let doc = clean(&text);
        let kept = kept(&doc);
        assert_eq!(kept[0], "THE BOOK OF FLOODS");
        assert_eq!(kept.len(), 1 + 6 * 4, "{kept:?}");
    }

    #[test]
    fn a_head_seen_once_goes_with_its_folio_but_numbered_verses_stay() {
        // Three pages: folio 12 at a foot, `B 13` and `14 THE DEVIL'S DICTIONARY` heads.
        let text = paged(3, "\x0c", |p| match p {
            1 => format!("{}\n12\n", body(p)),
            2 => format!("B 13\n{}\n", body(p)),
            _ => format!("14 THE DEVIL'S DICTIONARY\n{}\n14 And he said unto them\n", body(p)),
        });
        let doc = clean(&text);
        let kept = kept(&doc);
        assert!(kept.iter().all(|l| !l.contains("DICTIONARY")), "{kept:?}");
        assert!(kept.contains(&"14 And he said unto them"), "{kept:?}");
        assert_eq!(kept.len(), 3 * 4 + 1, "{kept:?}");
    }

    #[test]
    fn section_letter_folios_are_page_numbers_not_text() {
        // `W 51` heads odd pages of a dictionary; a lone `C` section letter is text.
        let text = paged(5, "\x0c", |p| {
            let head = if p % 2 == 1 { format!("W {}", p + 50) } else { format!("{}", p + 50) };
            let letter = if p == 2 { "C\n" } else { "" };
            format!("{head}\n{letter}{}\n", body(p))
        });
        let doc = clean(&text);
        let kept = kept(&doc);
        assert!(kept.iter().all(|l| !l.starts_with("W ")), "{kept:?}");
        assert!(kept.contains(&"C"));
    }

    #[test]
    fn short_edge_lines_that_differ_are_not_grouped() {
        // Different short headings at page tops: fuzzy grouping would call them one banner.
        let heads = ["FAR EAST", "NEAR EAST", "WEST EUROPE", "FAR WEST"];
        let text = paged(4, "\x0c", |p| format!("{}\n{}\n", heads[p - 1], body(p)));
        let doc = clean(&text);
        for h in heads {
            assert!(kept(&doc).contains(&h), "{h} removed");
        }
    }

    #[test]
    fn changing_numbers_in_heads_are_masked() {
        let text = paged(4, "\x0c", |p| {
            format!("PAGE 0{p} STATE 12345{p} 14152{p}Z\n{}\nNW 54321 Doc {p}1{p}2 Page {p}\n", body(p))
        });
        let doc = clean(&text);
        let kept = kept(&doc);
        assert_eq!(kept.len(), 16, "{kept:?}");
    }

    #[test]
    fn a_line_recurring_in_the_body_is_not_a_banner() {
        // The refrain opens pages but also recurs inside them more often.
        let text = paged(3, "\x0c", |p| {
            let r = "And the waters rose again";
            format!("{r}\n{}\n{r}\n{}\n{r}\n{}\n", body(p), body(p + 10), body(p + 20))
        });
        let doc = clean(&text);
        assert_eq!(kept(&doc).iter().filter(|l| **l == "And the waters rose again").count(), 9);
    }

    #[test]
    fn pages_are_inferred_from_recurring_heads_without_page_markers() {
        let text = paged(5, "\n", |p| {
            let long: String = (0..3).map(|_| body(p)).collect::<Vec<_>>().join("\n");
            format!("QUARTERLY REVIEW OF RIVERS Spring {}\n{long}", 1990 + p % 2)
        });
        let doc = clean(&text);
        assert_eq!(doc.pages, 5);
        assert!(kept(&doc).iter().all(|l| !l.contains("QUARTERLY")));
        assert_eq!(doc.lines.iter().rfind(|l| l.is_kept()).unwrap().page, 5);
    }

    #[test]
    fn document_id_is_rebuilt_from_garbled_copies_by_character() {
        // No copy is intact; each damages a different position.
        let doc = clean(
            "RDP79T00975AP01700330001-6\nbody text one\nRDP79T009754001700330001-6\nmore body\nCIA-RDP79T0O975A001700330001-6\n",
        );
        assert_eq!(doc.metadata["doc_id"], "CIA-RDP79T00975A001700330001-6");
    }

    #[test]
    fn garbled_title_case_approved_lines_and_jfk_headers_are_banners() {
        let doc = clean(
            "Approved For memom 700330001-6\n\
             104-10106-107 16 : | 2025 RELEASE UNDER THE PRESIDENT JOHN F. KENNEDY ASSASSINATION RECORDS ACT OF 1992 o\n\
             HW 50955 DocId:32281945 Page 4 TOP SECRET\n\
             The plan was approved for release to the press.\n\
             - 25X14\n",
        );
        assert_eq!(kept(&doc), ["The plan was approved for release to the press."]);
    }

    #[test]
    fn speckled_classification_and_a_dated_release_line_are_banners() {
        let doc = clean(
            ". . SECRET\n_ : SECRET\nApprove i For Release 2010/05/02 : CIA-RIVP91-62686R87046752831..-8\n\
             It was cleared for release 2010/05/02.\nThe secret was kept.\n",
        );
        assert_eq!(kept(&doc), ["It was cleared for release 2010/05/02.", "The secret was kept."]);
    }

    #[test]
    fn a_form_label_on_every_page_is_text() {
        let text = paged(4, "\x0c", |p| format!("{}\nOther, specify: ______\n{}\n", body(p), body(p + 10)));
        let doc = clean(&text);
        assert_eq!(kept(&doc).iter().filter(|l| l.starts_with("Other, specify")).count(), 4);
    }
}
