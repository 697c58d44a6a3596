//! Real-word errors: OCR that turns one dictionary word into another (`tor`
//! for `for`, `bad` for `had`, `be` for `he`, `vet` for `yet`). No dictionary
//! check can see them; only the context can. The candidates of a known word
//! are the dictionary words one cheap OCR confusion away (a rule of the
//! learned error model, `rules/confusions.txt`), and the corrector weighs them
//! against the word as it stands with the bigram context on both sides
//! (`Fit`), in `Corrector::real_word_alternatives`, which `sites` calls for
//! every dictionary word.

use crate::confusions::ConfusionTable;
use crate::dictionary::{Bigrams, Dictionary};
use crate::hash::FxHashMap;
use std::sync::Arc;

use super::protect::{case_of, restore_case, Case};
use super::{ln_freq, sentence_initial, Alternative, Corrector, Ctx, DocLexicon, Features, SPELLING_VARIANTS};

/// Real-word neighbours of a word with their rule costs (`Rewrites`) and
/// their context lookups; never a spelling variant of the word.
pub type Neighbours = Arc<[(String, f32, Ctx)]>;

/// One rule of the error model, as it applies to observed text.
#[derive(Debug, Clone)]
struct Rewrite {
    from: Vec<char>,
    to: Vec<char>,
    cost: f32,
}

/// Rules of the error model, indexed by the first observed char: the cheap
/// ones give a dictionary word its real-word candidates, the multi-char ones
/// an unknown token candidates beyond the edit-distance search.
#[derive(Debug, Clone, Default)]
pub struct Rewrites {
    by_first: FxHashMap<char, Vec<Rewrite>>,
}

impl Rewrites {
    /// The rules of `confusions` that cost at most `max_cost` (0 gives
    /// none), and the multi-char ones (`is_multi_char`) that cost at most
    /// `multi_max_cost`.
    pub fn new(confusions: &ConfusionTable, max_cost: f32, multi_max_cost: f32) -> Self {
        if max_cost <= 0.0 {
            return Self::default();
        }
        let rules = confusions.rewrites(max_cost.max(multi_max_cost)).into_iter();
        Self::of(rules.filter(|r| r.2 <= max_cost || (is_multi_char(r) && r.2 <= multi_max_cost)))
    }

    /// The rules of `confusions` that cost at most `max_cost` and read or
    /// write more than one char (`li` → `h`, `rn` → `m`): one OCR confusion
    /// but two edits, which the distance tiers of the candidate search can
    /// miss.
    pub fn multi_char(confusions: &ConfusionTable, max_cost: f32) -> Self {
        Self::of(confusions.rewrites(max_cost).into_iter().filter(is_multi_char))
    }

    fn of(rules: impl IntoIterator<Item = (Vec<char>, Vec<char>, f32)>) -> Self {
        let mut by_first: FxHashMap<char, Vec<Rewrite>> = FxHashMap::default();
        for (from, to, cost) in rules {
            by_first.entry(from[0]).or_default().push(Rewrite { from, to, cost });
        }
        Rewrites { by_first }
    }

    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    /// The dictionary words (other than `l`) that one rule turns the
    /// lower-case token `l` into, each once at its cheapest rule cost.
    pub fn neighbours(&self, l: &[char], dict: &Dictionary, out: &mut Vec<(String, f32)>) {
        out.clear();
        let mut buf = String::new();
        for p in 0..l.len() {
            let Some(rules) = self.by_first.get(&l[p]) else { continue };
            for r in rules.iter().filter(|r| l[p..].starts_with(&r.from)) {
                buf.clear();
                buf.extend(&l[..p]);
                buf.extend(&r.to);
                buf.extend(&l[p + r.from.len()..]);
                if buf.is_empty() || !dict.contains(&buf) {
                    continue;
                }
                match out.iter_mut().find(|(w, _)| *w == buf) {
                    Some(e) => e.1 = e.1.min(r.cost),
                    None => out.push((buf.clone(), r.cost)),
                }
            }
        }
    }
}

/// A rule that reads or writes more than one char (`li` → `h`).
fn is_multi_char(r: &(Vec<char>, Vec<char>, f32)) -> bool {
    r.0.len() + r.1.len() > 2
}

/// How a word fits between its neighbours, by the bigram list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    /// ln P(word | previous word), 0 without one
    pub before: f32,
    /// ln P(next word | word), 0 without one
    pub after: f32,
    /// how many of the two pairs the list holds
    pub listed: u8,
}

impl Fit {
    /// How `x` fits between `prev` and `next`, by `bigrams` and word
    /// frequencies summing to `total`.
    pub fn of(bigrams: &Bigrams, total: u64, prev: Option<Ctx>, x: Ctx, next: Option<Ctx>) -> Fit {
        let mut fit = Fit { before: 0.0, after: 0.0, listed: 0 };
        if let Some(p) = prev {
            let c = bigrams.freq_of_ids(p.pair_id, x.pair_id);
            fit.listed += (c > 0) as u8;
            fit.before = ln_pair(bigrams, total, c, p.freq, x.freq) - ln_freq(p.freq);
        }
        if let Some(n) = next {
            let c = bigrams.freq_of_ids(x.pair_id, n.pair_id);
            fit.listed += (c > 0) as u8;
            fit.after = ln_pair(bigrams, total, c, x.freq, n.freq) - ln_freq(x.freq);
        }
        fit
    }

    /// How much better `self` (a candidate) fits than `observed` does, in ln
    /// units, on each side: (ln P(c | prev) − ln P(w | prev), ln P(next | c)
    /// − ln P(next | w)). A missing neighbour gives 0 on its side.
    pub fn gain_over(&self, observed: &Fit) -> (f32, f32) {
        (self.before - observed.before, self.after - observed.after)
    }
}

/// ln of the count `listed` of a word pair (of frequencies `fa`, `fb`) in the
/// bigram list, estimated when the list lacks it (0): the list stops at its
/// smallest count, so an unlisted pair is rarer than that; below it,
/// independence (f(a) f(b) / N) is the guess.
fn ln_pair(bigrams: &Bigrams, total: u64, listed: u64, fa: u64, fb: u64) -> f32 {
    if listed > 0 {
        return (listed as f32).ln();
    }
    let independent = (fa.max(1) as f64) * (fb.max(1) as f64) / total.max(1) as f64;
    (independent.min(bigrams.min_count().max(2) as f64 / 2.0).max(1.0) as f32).ln()
}

impl Corrector {
    /// The real-word neighbours of the lower-case word `l` (chars `lc`),
    /// computed once per run: the same words recur in every document. Its
    /// British or American spelling is none (`colour`, `color`).
    fn real_word_neighbours(&self, l: &str, lc: &[char]) -> Neighbours {
        if let Some(n) = self.neighbours.read().unwrap_or_else(|e| e.into_inner()).get(l) {
            return n.clone();
        }
        let mut v = Vec::new();
        self.rewrites.neighbours(lc, &self.dict, &mut v);
        let n: Neighbours = v
            .into_iter()
            .filter(|(w, _)| !spelling_variants(l, w))
            .map(|(w, cost)| {
                let cx = self.ctx(&w);
                (w, cost, cx)
            })
            .collect();
        self.neighbours.write().unwrap_or_else(|e| e.into_inner()).insert(l.to_string(), n.clone());
        n
    }

    /// The real-word alternatives of the dictionary word `tw` (lower case
    /// `l`) at byte `start` of `text`, between the known words `prev` and
    /// `next` (see `realword`). Only lower-case words and capitalised ones
    /// at a sentence start qualify; protected ones never do.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn real_word_alternatives(
        &self,
        text: &str,
        start: usize,
        tw: &str,
        l: &str,
        prev: Option<&str>,
        next: Option<&str>,
        lexicon: &DocLexicon,
        out: &mut Vec<Alternative>,
    ) {
        let Some(bigrams) = &self.bigrams else { return };
        // the document gate first: it is computed once, and most text is clean
        if self.rewrites.is_empty() || lexicon.stray_share(|x| self.known(x)) < self.opts.real_word_min_stray {
            return;
        }
        let case = case_of(tw);
        let title = match case {
            Case::Lower => false,
            Case::Title if sentence_initial(text, start) => true,
            _ => return,
        };
        let lc: Vec<char> = l.chars().collect();
        if lc.len() < self.opts.min_len || self.protector.token_reason(tw, l, lexicon).is_some() {
            return;
        }
        let neighbours = self.real_word_neighbours(l, &lc);
        if neighbours.is_empty() {
            return;
        }
        let w = &self.opts.weights;
        let doc_oov = lexicon.oov_share(|x| self.known(x));
        let lx = self.ctx(l);
        let (prev, next) = (prev.map(|p| self.ctx(p)), next.map(|n| self.ctx(n)));
        let total = self.dict.total();
        let observed = Fit::of(bigrams, total, prev, lx, next);
        for (c, cost, cx) in neighbours.iter() {
            let (c, cost) = (c.as_str(), *cost);
            let fit = Fit::of(bigrams, total, prev, *cx, next);
            let (rw_prev, rw_next) = fit.gain_over(&observed);
            let f = Features {
                real_word: 1.0,
                rw_cost: cost,
                rw_freq: ln_freq(cx.freq) - ln_freq(lx.freq),
                rw_prev,
                rw_next,
                rw_listed_w: observed.listed as f32,
                rw_listed_c: fit.listed as f32,
                rw_in_doc: Self::in_doc(lexicon, c),
                rw_doc_confusion: lexicon.confusion_support(l, c),
                rw_recur: (lexicon.count_lower(l).max(1) as f32).ln(),
                rw_doc_oov: doc_oov,
                rw_title: title as u8 as f32,
                rw_two_letters: (lc.len() == 2) as u8 as f32,
                ..Default::default()
            };
            out.push(Alternative { to: restore_case(c, case), z: w.z(&f), features: f });
        }
    }
}

/// Are `a` and `b` the British and American spellings of one word? Then
/// neither is an OCR error for the other.
fn spelling_variants(a: &str, b: &str) -> bool {
    // `b` is `a` with its last `x` replaced by `y` (compared in place)
    SPELLING_VARIANTS.iter().any(|(x, y)| {
        a.rfind(x).is_some_and(|p| {
            let (head, tail) = (&a[..p], &a[p + x.len()..]);
            b.len() == head.len() + y.len() + tail.len()
                && b.starts_with(head)
                && b.ends_with(tail)
                && b.get(p..p + y.len()) == Some(*y)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dict() -> Dictionary {
        Dictionary::from_pairs([("for", 1000), ("tor", 10), ("the", 5000), ("he", 800), ("be", 700), ("said", 300), ("of", 100_000)])
    }

    #[test]
    fn neighbours_follow_cheap_rules_only() {
        let mut t = ConfusionTable::uniform();
        t.add_rule("t", "f", 0.4);
        t.add_rule("b", "h", 0.5);
        t.add_rule("x", "y", 0.95);
        let rw = Rewrites::new(&t, 0.8, 0.8);
        let mut out = Vec::new();
        rw.neighbours(&['t', 'o', 'r'], &dict(), &mut out);
        assert_eq!(out, vec![("for".to_string(), 0.4)]);
        rw.neighbours(&['b', 'e'], &dict(), &mut out);
        assert_eq!(out, vec![("he".to_string(), 0.5)]);
        // `for` has no cheap rule back to `tor`
        rw.neighbours(&['f', 'o', 'r'], &dict(), &mut out);
        assert!(out.is_empty());
        assert!(Rewrites::new(&t, 0.0, 0.9).is_empty());
    }

    #[test]
    fn multi_char_rules_may_cost_more() {
        let mut t = ConfusionTable::uniform();
        t.add_rule("li", "h", 0.88);
        t.add_rule("b", "h", 0.85);
        t.add_rule("ri", "n", 0.95);
        let rw = Rewrites::new(&t, 0.8, 0.9);
        let mut out = Vec::new();
        // `lie` for `he`: a broken `h`, one confusion
        rw.neighbours(&['l', 'i', 'e'], &dict(), &mut out);
        assert_eq!(out, vec![("he".to_string(), 0.88)]);
        // a one-char rule above 0.8 is not taken, nor a multi-char one above 0.9
        rw.neighbours(&['b', 'e'], &dict(), &mut out);
        assert!(out.is_empty());
        rw.neighbours(&['r', 'i', 'o', 't'], &Dictionary::from_pairs([("not", 5)]), &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn spelling_variants_are_told() {
        for (a, b) in [("colour", "color"), ("color", "colour"), ("theatre", "theater"), ("realise", "realize"), ("analyse", "analyze")] {
            assert!(spelling_variants(a, b), "{a} {b}");
        }
        for (a, b) in [("color", "colon"), ("colour", "colours"), ("fort", "four"), ("tor", "for"), ("café", "cafér")] {
            assert!(!spelling_variants(a, b), "{a} {b}");
        }
    }

    #[test]
    fn multi_char_rules_only() {
        let mut t = ConfusionTable::uniform();
        t.add_rule("li", "h", 0.9);
        t.add_rule("b", "h", 0.5);
        let mut out = Vec::new();
        let multi = Rewrites::multi_char(&t, 1.0);
        multi.neighbours(&['t', 'l', 'i', 'e'], &dict(), &mut out);
        assert_eq!(out, vec![("the".to_string(), 0.9)]);
        // the one-char rule b → h is left to the search
        multi.neighbours(&['t', 'b', 'e'], &dict(), &mut out);
        assert!(out.is_empty());
        assert!(Rewrites::multi_char(&t, 0.8).is_empty());
    }

    #[test]
    fn context_prefers_the_listed_pair() {
        let d = dict();
        let bg = Bigrams::from_triples([("he", "said", 200), ("for", "the", 400)]);
        let cx = |w: &str| Ctx { freq: d.freq(w), pair_id: bg.id(w) };
        let fit = |x: &str| Fit::of(&bg, d.total(), None, cx(x), Some(cx("the")));
        let (before, after) = fit("for").gain_over(&fit("tor"));
        assert_eq!(before, 0.0);
        assert!(after > 0.0, "{after}");
        let fit = |x: &str| Fit::of(&bg, d.total(), Some(cx("x")), cx(x), Some(cx("said")));
        let (_, after) = fit("he").gain_over(&fit("be"));
        assert!(after > 0.0);
        assert_eq!(fit("he").listed, 1);
        assert_eq!(fit("be").listed, 0);
    }
}
