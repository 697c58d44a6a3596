//! Real-word errors: OCR that turns one dictionary word into another (`tor`
//! for `for`, `bad` for `had`, `be` for `he`, `vet` for `yet`). No dictionary
//! check can see them; only the context can. The candidates of a known word
//! are the dictionary words one cheap OCR confusion away (a rule of the
//! learned error model, `rules/confusions.txt`), and the corrector weighs them
//! against the word as it stands with the bigram context on both sides
//! (`context_gain`).

use crate::confusions::ConfusionTable;
use crate::dictionary::{Bigrams, Dictionary};
use crate::hash::FxHashMap;

/// One rule of the error model, as it applies to observed text.
#[derive(Debug, Clone)]
struct Rewrite {
    from: Vec<char>,
    to: Vec<char>,
    cost: f32,
}

/// The cheap rules of the error model, indexed by the first observed char.
#[derive(Debug, Clone, Default)]
pub struct RealWordRewrites {
    by_first: FxHashMap<char, Vec<Rewrite>>,
}

impl RealWordRewrites {
    /// The rules of `confusions` that cost at most `max_cost` (0 gives none).
    pub fn new(confusions: &ConfusionTable, max_cost: f32) -> Self {
        let mut by_first: FxHashMap<char, Vec<Rewrite>> = FxHashMap::default();
        for (from, to, cost) in confusions.rewrites(max_cost) {
            by_first.entry(from[0]).or_default().push(Rewrite { from, to, cost });
        }
        RealWordRewrites { by_first }
    }

    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    /// The dictionary words (other than `l`) that one rule turns the
    /// lower-case word `l` into, each once at its cheapest rule cost.
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

/// ln of the count of the word pair (`a`, `b`), estimated when the bigram
/// list lacks it: the list stops at its smallest count, so an unlisted pair
/// is rarer than that; below it, independence (f(a) f(b) / N) is the guess.
pub fn ln_pair(bigrams: &Bigrams, dict: &Dictionary, a: &str, b: &str) -> f32 {
    let c = bigrams.freq(a, b);
    if c > 0 {
        return (c as f32).ln();
    }
    let independent = (dict.freq(a).max(1) as f64) * (dict.freq(b).max(1) as f64) / dict.total().max(1) as f64;
    (independent.min(bigrams.min_count().max(2) as f64 / 2.0).max(1.0) as f32).ln()
}

/// How many of the pairs (`prev`, `x`) and (`x`, `next`) the bigram list holds.
pub fn listed_pairs(bigrams: &Bigrams, prev: Option<&str>, x: &str, next: Option<&str>) -> u8 {
    prev.is_some_and(|p| bigrams.freq(p, x) > 0) as u8 + next.is_some_and(|n| bigrams.freq(x, n) > 0) as u8
}

/// How much better the candidate `c` fits between `prev` and `next` than the
/// observed word `w` does, in ln units, for each side: (ln P(c | prev) −
/// ln P(w | prev), ln P(next | c) − ln P(next | w)). A missing neighbour
/// gives 0 on its side.
pub fn context_gain(
    bigrams: &Bigrams,
    dict: &Dictionary,
    prev: Option<&str>,
    w: &str,
    c: &str,
    next: Option<&str>,
) -> (f32, f32) {
    let lf = |x: &str| (dict.freq(x).max(1) as f32).ln();
    let pair = |a: &str, b: &str| ln_pair(bigrams, dict, a, b);
    let before = prev.map_or(0.0, |p| pair(p, c) - pair(p, w));
    let after = next.map_or(0.0, |n| (pair(c, n) - lf(c)) - (pair(w, n) - lf(w)));
    (before, after)
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
        let rw = RealWordRewrites::new(&t, 0.8);
        let mut out = Vec::new();
        rw.neighbours(&['t', 'o', 'r'], &dict(), &mut out);
        assert_eq!(out, vec![("for".to_string(), 0.4)]);
        rw.neighbours(&['b', 'e'], &dict(), &mut out);
        assert_eq!(out, vec![("he".to_string(), 0.5)]);
        // `for` has no cheap rule back to `tor`
        rw.neighbours(&['f', 'o', 'r'], &dict(), &mut out);
        assert!(out.is_empty());
        assert!(RealWordRewrites::new(&t, 0.0).is_empty());
    }

    #[test]
    fn context_prefers_the_listed_pair() {
        let d = dict();
        let bg = Bigrams::from_triples([("he", "said", 200), ("for", "the", 400)]);
        let (before, after) = context_gain(&bg, &d, None, "tor", "for", Some("the"));
        assert_eq!(before, 0.0);
        assert!(after > 0.0, "{after}");
        let (_, after) = context_gain(&bg, &d, None, "be", "he", Some("said"));
        assert!(after > 0.0);
        assert_eq!(listed_pairs(&bg, Some("x"), "he", Some("said")), 1);
        assert_eq!(listed_pairs(&bg, None, "be", Some("said")), 0);
    }
}
