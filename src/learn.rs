//! Banners learned over a batch: `ocrclean learn` and `clean --profile`.
//!
//! One document may carry its running head on a single page (a three-page
//! extract) and repetition inside it cannot see it; a batch of documents from
//! one archive or house style shows the same head on many. [`learn`] reads
//! every document of a batch, takes the lines at its page edges (after the
//! marking rules; pages inferred when there are no markers), reduces them to
//! their shape (digits masked, as `repetition::shape`) and keeps the shapes that recur
//! at page edges in enough documents and seldom in their bodies. The result
//! is a human-readable JSON [`Profile`] a user can review and edit;
//! `crate::pipeline::profile::apply` applies it in `clean --profile`.

use crate::model::Document;
use crate::pipeline::profile::{banner_like, positions, profile_shape, EDGE};
use crate::pipeline::repetition::similar;
pub use crate::pipeline::profile::{LearnedBanner, Profile};
use crate::rules::Rules;

/// Settings of [`learn`].
#[derive(Debug, Clone)]
pub struct LearnOptions {
    /// Documents that must show a shape at a page edge: this share of the batch...
    pub min_doc_share: f64,
    /// ...and at least this many.
    pub min_documents: usize,
}

impl Default for LearnOptions {
    fn default() -> Self {
        LearnOptions { min_doc_share: 0.1, min_documents: 3 }
    }
}

#[derive(Default)]
struct Tally {
    docs: std::collections::BTreeSet<usize>,
    /// Documents that show it on a page after their first: a title on page
    /// one is text, however many documents of a series print it.
    later: std::collections::BTreeSet<usize>,
    pages: usize,
    top: usize,
    bottom: usize,
    body: usize,
    examples: Vec<String>,
}

/// The page-edge lines of a document prepared as `clean` would see them
/// before repetition: normalised, paged, marking rules applied.
fn prepare(rules: &Rules, bytes: Vec<u8>) -> Document {
    let mut doc = crate::input::read_document("learn", "learn", bytes);
    crate::pipeline::normalize::run(&mut doc, &rules.options.normalize);
    crate::pipeline::pages::run(&mut doc);
    crate::pipeline::banners::apply_rules(&mut doc, &rules.banners);
    crate::pipeline::repetition::infer_pages(&mut doc, &rules.options.banners);
    doc
}

/// Learns the banners of a batch. `inputs` yields each document's bytes.
pub fn learn(rules: &Rules, inputs: impl IntoIterator<Item = Vec<u8>>, opts: &LearnOptions) -> Profile {
    let mut tallies: std::collections::HashMap<String, Tally> = Default::default();
    let mut documents = 0;
    let mut pages = 0;
    let mut body_shapes: Vec<(usize, String)> = Vec::new();
    for (d, bytes) in inputs.into_iter().enumerate() {
        let doc = prepare(rules, bytes);
        documents += 1;
        pages += doc.pages as usize;
        for (i, pos) in positions(&doc, EDGE) {
            let text = doc.lines[i].kept();
            let s = profile_shape(text);
            if !banner_like(&s) {
                continue;
            }
            match pos {
                Some(top) => {
                    let t = tallies.entry(s).or_default();
                    t.docs.insert(d);
                    if doc.lines[i].page > 1 {
                        t.later.insert(d);
                    }
                    t.pages += 1;
                    if top {
                        t.top += 1;
                    } else {
                        t.bottom += 1;
                    }
                    if t.examples.len() < 3 && !t.examples.iter().any(|e| e == text) {
                        t.examples.push(text.to_string());
                    }
                }
                None => body_shapes.push((d, s)),
            }
        }
    }
    let needed = ((opts.min_doc_share * documents as f64).ceil() as usize).max(opts.min_documents);
    // Exact shapes that recur in enough documents; garbled copies of them join by similarity.
    let mut keep: Vec<(String, Tally)> = Vec::new();
    let mut rest: Vec<(String, Tally)> = Vec::new();
    for (s, t) in tallies {
        if t.docs.len() >= 2 {
            keep.push((s, t));
        } else {
            rest.push((s, t));
        }
    }
    keep.sort_by(|a, b| b.1.docs.len().cmp(&a.1.docs.len()).then(a.0.cmp(&b.0)));
    for (s, t) in rest {
        if let Some(k) = keep.iter_mut().find(|k| similar(&k.0, &s, 0.8)) {
            k.1.docs.extend(t.docs);
            k.1.later.extend(t.later);
            k.1.pages += t.pages;
            k.1.top += t.top;
            k.1.bottom += t.bottom;
        }
    }
    for (_, s) in &body_shapes {
        if let Some(k) = keep.iter_mut().find(|k| k.0 == *s) {
            k.1.body += 1;
        }
    }
    let mut banners: Vec<LearnedBanner> = keep
        .into_iter()
        .filter(|(_, t)| t.later.len() >= needed && t.body * 2 <= t.pages)
        .map(|(s, t)| LearnedBanner {
            position: if t.top >= t.bottom * 4 {
                "top".into()
            } else if t.bottom >= t.top * 4 {
                "bottom".into()
            } else {
                "both".into()
            },
            documents: t.docs.len(),
            pages: t.pages,
            body: t.body,
            examples: t.examples,
            shape: s,
        })
        .collect();
    banners.sort_by(|a, b| b.documents.cmp(&a.documents).then(a.shape.cmp(&b.shape)));
    Profile { documents, pages, banners }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Reason;

    const WORDS: [&str; 16] = [
        "alder", "birch", "cedar", "elm", "fir", "hazel", "holly", "juniper", "larch", "linden", "maple", "oak",
        "olive", "pine", "poplar", "rowan",
    ];

    /// A body line no other line repeats: words picked by its number.
    fn line(n: usize) -> String {
        (0..6).map(|k| WORDS[(n / (k + 1) * (7 + k) + k * n) % 16]).collect::<Vec<_>>().join(" ") + &format!(" {n}.")
    }

    fn book(title: &str, pages: usize, first_folio: usize) -> Vec<u8> {
        let mut out = String::new();
        for p in 0..pages {
            let n = first_folio + p;
            if p % 2 == 1 {
                out += &format!("{n} {title}\n");
            }
            for l in 0..10 {
                out += &line(n * 10 + l);
                out += "\n";
            }
            out += "\x0c";
        }
        out.into_bytes()
    }

    #[test]
    fn learns_a_head_shared_by_documents_and_applies_it_to_a_short_one() {
        let rules = Rules::embedded().unwrap();
        let batch: Vec<Vec<u8>> = (0..4).map(|d| book("THE DEVIL'S DICTIONARY", 4, 10 * d + 1)).collect();
        let profile = learn(&rules, batch, &LearnOptions::default());
        let b = profile.banners.iter().find(|b| b.shape == "# the devils dictionary").expect("learned");
        assert_eq!(b.documents, 4);
        assert_eq!(b.position, "top");
        assert!(profile.banners.iter().all(|b| b.shape.contains("dictionary")), "{profile:?}");
        // Round trip through JSON, as a user's edited file.
        let profile = Profile::from_json(&profile.to_json(), "p.json").unwrap();
        let mut pipeline = crate::pipeline::Pipeline::new(rules);
        pipeline.set_profile(Some(profile));
        let doc = pipeline.clean("t", "t", b"Line one of a short text.\n\x0c14 THE DEVILS DICTIONARY\nLine two of it.\n".to_vec());
        let kept: Vec<&str> = doc.lines.iter().filter(|l| l.is_kept()).map(|l| l.kept()).collect();
        assert_eq!(kept, ["Line one of a short text.", "Line two of it."]);
        assert!(doc.lines.iter().any(|l| l.cuts.iter().any(|c| c.reason == Reason::RunningHeader)));
    }
}
