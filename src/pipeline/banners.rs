//! Stage 3, banners: removes archive markings and running heads/footers.
//!
//! Two detectors. Rule patterns (`rules/banners.txt`) catch known markings
//! (classification lines, exemption codes, release banners, denied pages) and
//! feed what they say into the document's metadata. Repetition catches the
//! rest without coordinates: the first and last few kept lines of each page
//! are reduced to a shape (lowercase, digits masked, punctuation dropped) and
//! grouped by fuzzy similarity; a shape that recurs at page edges on enough
//! pages is a running head or footer. Lines that recur only in the body (a
//! title on a cover, a quoted heading) are left alone.

use crate::model::{Document, PageEvent, Reason};
use crate::options::BannerOptions;
use crate::rules::PatternSet;

pub fn run(doc: &mut Document, rules: &PatternSet, opts: &BannerOptions) {
    apply_rules(doc, rules);
    remove_repeated_edges(doc, opts);
}

fn apply_rules(doc: &mut Document, rules: &PatternSet) {
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
        doc.vote(&k, &v);
    }
}

/// The comparable shape of a line: lowercase letters, `#` for digit runs.
pub fn shape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = ' ';
    for c in text.chars() {
        let m = if c.is_ascii_digit() {
            '#'
        } else if c.is_alphabetic() {
            c.to_lowercase().next().unwrap_or(c)
        } else if c.is_whitespace() {
            ' '
        } else {
            continue;
        };
        if (m == '#' && last == '#') || (m == ' ' && last == ' ') {
            continue;
        }
        out.push(m);
        last = m;
    }
    out.trim().to_string()
}

struct Group {
    shape: String,
    /// (line index, at top of page)
    members: Vec<(usize, bool)>,
    pages: Vec<u32>,
}

fn remove_repeated_edges(doc: &mut Document, opts: &BannerOptions) {
    if doc.pages < 2 {
        return;
    }
    let mut groups: Vec<Group> = Vec::new();
    for page in 1..=doc.pages {
        let kept: Vec<usize> = doc.kept_lines().filter(|&i| doc.lines[i].page == page).collect();
        let k = opts.edge_lines.min(kept.len());
        let top = kept.iter().take(k).map(|&i| (i, true));
        let bottom = kept.iter().rev().take(k.min(kept.len() - k)).map(|&i| (i, false));
        for (i, at_top) in top.chain(bottom) {
            let s = shape(doc.lines[i].kept());
            // Page numbers and marks with no letters are the noise stage's.
            if s.chars().filter(|c| c.is_alphabetic()).count() < 3 {
                continue;
            }
            match groups.iter_mut().find(|g| similar(&g.shape, &s, opts.similarity)) {
                Some(g) => {
                    g.members.push((i, at_top));
                    if !g.pages.contains(&page) {
                        g.pages.push(page);
                    }
                }
                None => groups.push(Group { shape: s, members: vec![(i, at_top)], pages: vec![page] }),
            }
        }
    }
    let needed = ((opts.min_page_share * doc.pages as f64).ceil() as usize).max(2);
    for g in groups {
        if g.pages.len() < needed {
            continue;
        }
        let tops = g.members.iter().filter(|m| m.1).count();
        let reason = if tops * 2 >= g.members.len() { Reason::RunningHeader } else { Reason::RunningFooter };
        for (i, _) in g.members {
            doc.lines[i].remove(reason);
        }
    }
}

fn similar(a: &str, b: &str, threshold: f64) -> bool {
    if a == b {
        return true;
    }
    let (la, lb) = (a.len() as f64, b.len() as f64);
    if la.min(lb) / la.max(lb) < threshold {
        return false;
    }
    strsim::normalized_levenshtein(a, b) >= threshold
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::read_document;
    use crate::rules::Rules;

    fn clean(text: &str) -> Document {
        let rules = Rules::embedded().unwrap();
        let mut doc = read_document("t", "t.txt", text.as_bytes().to_vec());
        crate::pipeline::normalize::run(&mut doc, &rules.options.normalize);
        crate::pipeline::pages::run(&mut doc);
        run(&mut doc, &rules.banners, &rules.options.banners);
        doc.settle_votes();
        assert!(doc.check_coverage().is_ok());
        doc
    }

    fn kept(doc: &Document) -> Vec<&str> {
        doc.lines.iter().filter(|l| l.is_kept()).map(|l| l.kept()).collect()
    }

    #[test]
    fn markings_are_removed_and_text_next_to_them_kept() {
        let doc = clean("Secret\n**Secret**\n25X1\n25X1A  SUMMARY\nFAR EAST\nPage Denied\nTOP SECRET\n");
        assert_eq!(kept(&doc), ["SUMMARY", "FAR EAST"]);
        assert_eq!(doc.page_events.len(), 1);
        assert_eq!(doc.metadata["classification"], "Secret");
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
        let doc = clean("FAR EAST\n1. Summary\n\"Ah,\" he said.\nSecretary of State Dulles said so.\n");
        assert_eq!(kept(&doc).len(), 4);
    }
}
