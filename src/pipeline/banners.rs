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
    repetition::remove_repeated_dates(doc);
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

    /// Three pages of a dictionary: `first_foot` ends page 1, `second_head`
    /// opens page 2, `14 THE DEVIL'S DICTIONARY` opens page 3, whose verse
    /// `14 And he said unto them` must stay.
    fn a_head_seen_once_goes(first_foot: &str, second_head: &str) {
        let text = paged(3, "\x0c", |p| match p {
            1 => format!("{}\n{first_foot}", body(p)),
            2 => format!("{second_head}{}\n", body(p)),
            _ => format!("14 THE DEVIL'S DICTIONARY\n{}\n14 And he said unto them\n", body(p)),
        });
        let doc = clean(&text);
        let kept = kept(&doc);
        assert!(kept.iter().all(|l| !l.contains("DICTIONARY")), "{kept:?}");
        assert!(kept.contains(&"14 And he said unto them"), "{kept:?}");
    }

    #[test]
    fn a_head_seen_once_goes_with_its_folio_but_numbered_verses_stay() {
        a_head_seen_once_goes("12\n", "B 13\n");
    }

    #[test]
    fn two_folios_vouch_for_a_head_in_a_short_document() {
        // Page 2 lost its folio; speckle follows folio 12.
        a_head_seen_once_goes("12\na\n", "");
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

    /// `4 * n` body lines for page `p`, for pages long enough to look like
    /// pages: no two lines of any page alike (each line's six words come
    /// from the digits of its own number).
    fn long_body(p: usize, n: usize) -> String {
        (0..4 * n)
            .map(|i| {
                let j = p * 100 + i;
                let (a, b, c) = (j % 30, (j / 30) % 30, (j / 900) % 30);
                [a, b, c, (a + b) % 30, (b + c + 7) % 30, (a + c + 13) % 30].map(|d| TREES[d]).join(" ")
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn a_dated_head_whose_year_ocr_split_still_groups() {
        // Two pages; OCR read the first copy's `1979` as `19 °3`.
        let text = paged(2, "\x0c", |p| {
            let (year, heading) = if p == 1 { ("19 °3", "FAR EAST") } else { ("1979", "NEAR EAST") };
            format!("WEEKLY SUMMARY Saturday 22 September {year}\n{heading}\n{}\n", body(p))
        });
        let doc = clean(&text);
        let kept = kept(&doc);
        assert!(kept.iter().all(|l| !l.contains("WEEKLY")), "{kept:?}");
        assert!(kept.contains(&"FAR EAST") && kept.contains(&"NEAR EAST"), "{kept:?}");
    }

    #[test]
    fn a_contents_line_repeated_as_a_heading_is_not_a_head() {
        // Numbers differ in count: `1. … (page 3)` in the contents, the heading without them.
        let text = paged(2, "\x0c", |p| {
            let line = if p == 1 { "1. USSR attempting to use POW issue (page 3)" } else { "USSR attempting to use POW issue" };
            format!("{line}\n{}\n", body(p))
        });
        let doc = clean(&text);
        assert_eq!(kept(&doc).iter().filter(|l| l.contains("USSR")).count(), 2);
    }

    #[test]
    fn the_date_half_of_a_two_column_head_is_removed_anywhere_on_the_page() {
        // The head's date lands mid-page; one copy garbled (`Mlonday`), one day misread.
        let dates = ["Monday 27 June 1977", "Mlonday 27 June 1977", "Monday 27 June 1977"];
        let text = paged(3, "\x0c", |p| {
            format!("WEEKLY REVIEW\n{}\n{}\n{}\n", long_body(p, 3), dates[p - 1], long_body(p + 10, 3))
        });
        let doc = clean(&text);
        let kept = kept(&doc);
        assert!(kept.iter().all(|l| !l.contains("June")), "{kept:?}");
        assert_eq!(kept.len(), 3 * 24, "{kept:?}");
    }

    #[test]
    fn diary_dates_and_sentence_pieces_with_dates_stay() {
        // A diary's entries differ by day; `in June 1977 the` is part of a sentence.
        let text = paged(3, "\x0c", |p| {
            let (a, b) = (long_body(p, 3), long_body(p + 10, 3));
            let piece = if p == 2 { "in June 1977 the\n" } else { "" };
            format!("{a}\nMonday {} June 1977\n{b}\n{piece}{a}\n", 20 + p)
        });
        let doc = clean(&text);
        let kept = kept(&doc);
        assert_eq!(kept.iter().filter(|l| l.contains("June")).count(), 4, "{kept:?}");
    }

    #[test]
    fn pages_are_inferred_from_folios_without_page_markers() {
        // Alternating heads `W 51` and `52 THE BOOK OF FLOODS`, no form feeds; one copy garbled.
        let text = paged(5, "\n", |p| {
            let head = match p {
                1 => "THE BOOK OF FLOODS".to_string(),
                3 => "53 THE BOOK OF FL0ODS".to_string(),
                p if p % 2 == 0 => format!("W {}", 50 + p),
                p => format!("{} THE BOOK OF FLOODS", 50 + p),
            };
            format!("{head}\n{}", long_body(p, 4))
        });
        let doc = clean(&text);
        let kept = kept(&doc);
        assert_eq!(doc.pages, 5, "{kept:?}");
        assert_eq!(kept[0], "THE BOOK OF FLOODS");
        assert_eq!(kept.len(), 1 + 5 * 16, "{kept:?}");
    }

    #[test]
    fn numbered_headings_and_list_items_make_no_pages() {
        // Chapters, numbered sections and list items recur as regularly as heads would.
        let heads = ["CHAPTER 1", "2. CLOSED", "CHAPTER 2", "9.3 GET", "CHAPTER 3", "9.4 HEAD", "CHAPTER 4"];
        let text = paged(7, "\n", |p| format!("{}\n{}", heads[p - 1], long_body(p, 4)));
        let doc = clean(&text);
        assert_eq!(doc.pages, 1);
        assert_eq!(kept(&doc).len(), 7 * 17, "{:?}", doc.lines.iter().filter(|l| !l.is_kept()).map(|l| &l.text).collect::<Vec<_>>());
    }

    #[test]
    fn chapters_opening_pages_are_text() {
        // `CHAPTER 1` on page 1, `CHAPTER 2` on page 3, `CHAPTER 3` on page 5.
        let text = paged(6, "\x0c", |p| {
            let head = if p % 2 == 1 { format!("CHAPTER {}\n", p.div_ceil(2)) } else { String::new() };
            format!("{head}{}\n", body(p))
        });
        let doc = clean(&text);
        assert_eq!(kept(&doc).iter().filter(|l| l.starts_with("CHAPTER")).count(), 3);
    }

    #[test]
    fn a_two_page_dump_is_split_at_its_repeated_dated_head() {
        let text = paged(2, "\n", |p| {
            format!("CURRENT INTELLIGENCE BULLETIN Sunday 8 December 1985\n{}", long_body(p, 4))
        });
        let doc = clean(&text);
        assert_eq!(doc.pages, 2);
        assert!(kept(&doc).iter().all(|l| !l.contains("BULLETIN")));
    }

    #[test]
    fn garbled_copies_of_an_opening_head_make_one_page_rhythm() {
        // The opening copy garbled one way, the last two another, the second not at all.
        let heads = [
            "WEEKLY SUMIMARY Sunday 11 July 1976",
            "WEEKLY SUMMARY Sunday 11 July 1976",
            "WEERLY SUMMARY Sunday 1] July 1976",
            "WEERLY SUMMARY Sunday 1] July 1976",
        ];
        let text = paged(4, "\n", |p| format!("{}\n{}", heads[p - 1], long_body(p, 4)));
        let doc = clean(&text);
        assert_eq!(doc.pages, 4);
        assert!(kept(&doc).iter().all(|l| !l.contains("SUM")));
    }

    #[test]
    fn a_banner_with_a_speck_glued_on_goes_but_a_numbered_heading_stays() {
        // `SECRET` foots every page; one copy reads `Oe SECRET`. `SUMMARY` heads
        // every page, and `1. Summary` opens one of them.
        let text = paged(4, "\x0c", |p| {
            let foot = if p == 2 { "Oe SECRET" } else { "SECRET" };
            let first = if p == 3 { "1. Summary\n" } else { "" };
            format!("SUMMARY\n{first}{}\n{foot}\n", body(p))
        });
        let doc = clean(&text);
        let kept = kept(&doc);
        assert!(kept.iter().all(|l| !l.contains("SECRET")), "{kept:?}");
        assert!(kept.contains(&"1. Summary"), "{kept:?}");
    }

    #[test]
    fn footers_make_pages_though_one_page_is_short() {
        // A page of figures holds few lines: the rhythm breaks once.
        let text = paged(10, "\n", |p| {
            let n = if p == 4 { 1 } else { 4 };
            format!("{}\nSmith    Standards Track    [Page {p}]\nRFC 9999    Widgets    May 2001", long_body(p, n))
        });
        let doc = clean(&text);
        let kept = kept(&doc);
        assert!(doc.pages >= 9, "{}", doc.pages);
        // The short page's own edges hold too few lines to be told apart: one copy may stay.
        assert!(kept.iter().filter(|l| l.contains("Standards Track")).count() <= 1, "{kept:?}");
        assert!(kept.iter().filter(|l| l.contains("Widgets")).count() <= 1, "{kept:?}");
    }
}
