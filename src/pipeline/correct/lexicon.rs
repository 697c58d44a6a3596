//! Per-document lexicon: how often each token form occurs in the document.
//! A non-dictionary form that recurs is probably a real word or a name; a
//! correction candidate that occurs elsewhere in the document is likely right.

use crate::hash::FxHashMap;

use super::tokenize::{tokenize, Token};

#[derive(Debug, Clone, Default)]
pub struct DocLexicon {
    exact: FxHashMap<String, u32>,
    lower: FxHashMap<String, u32>,
    tokens: u32,
    /// `oov_share`, computed on first use
    oov: std::sync::OnceLock<f32>,
    /// `stray_share`, computed on first use
    stray: std::sync::OnceLock<f32>,
    /// the document's own OCR confusions: for each one-char substitution
    /// (observed, true), the distinct word corrections that made it (see
    /// `learn_confusions`)
    confusions: FxHashMap<(char, char), Vec<(String, String)>>,
}

impl DocLexicon {
    /// Build from all the text of one document.
    pub fn build(text: &str) -> Self {
        let mut toks: Vec<Token> = Vec::new();
        tokenize(text, &mut toks);
        let mut lx = DocLexicon::default();
        for t in &toks {
            let w = &text[t.start..t.end];
            *lx.exact.entry(w.to_string()).or_insert(0) += 1;
            *lx.lower.entry(w.to_lowercase()).or_insert(0) += 1;
            lx.tokens += 1;
        }
        lx
    }

    /// Empty lexicon (no document evidence).
    pub fn empty() -> Self {
        Self::default()
    }

    /// Occurrences of exactly this form (case-sensitive).
    pub fn count(&self, w: &str) -> u32 {
        self.exact.get(w).copied().unwrap_or(0)
    }

    /// Occurrences ignoring case; pass a lower-case word.
    pub fn count_lower(&self, lower: &str) -> u32 {
        self.lower.get(lower).copied().unwrap_or(0)
    }

    pub fn tokens(&self) -> u32 {
        self.tokens
    }

    /// ln(0.005 + share of the word occurrences of 3 or more letters that
    /// `known` rejects): how noisy the document is. Computed once.
    pub fn oov_share(&self, known: impl Fn(&str) -> bool) -> f32 {
        *self.oov.get_or_init(|| (0.005 + self.unknown_share(&known, u32::MAX)).ln())
    }

    /// Record the corrections a first pass over the document applied
    /// (`from` → `to` pairs, any case): those that substitute one char for
    /// another show how this document's OCR errs (a font whose `f` reads as
    /// `t` gives `trom`, `atter` and `tor` alike).
    pub fn learn_confusions<'a>(&mut self, applied: impl IntoIterator<Item = (&'a str, &'a str)>) {
        for (from, to) in applied {
            let (from, to) = (from.to_lowercase(), to.to_lowercase());
            if let Some(rule) = substitution(&from, &to) {
                let pairs = self.confusions.entry(rule).or_default();
                if !pairs.iter().any(|(f, t)| *f == from && *t == to) {
                    pairs.push((from, to));
                }
            }
        }
    }

    /// ln(1 + how many other words of the document were corrected by the same
    /// one-char substitution as `observed` → `candidate` (lower case)); 0
    /// when it is no such substitution.
    pub fn confusion_support(&self, observed: &str, candidate: &str) -> f32 {
        let Some(rule) = substitution(observed, candidate) else { return 0.0 };
        let Some(pairs) = self.confusions.get(&rule) else { return 0.0 };
        let others = pairs.iter().filter(|(f, t)| f != observed || t != candidate).count();
        (1.0 + others as f32).ln()
    }

    /// Share of the word occurrences of 3 or more letters that `known`
    /// rejects and that occur only once in the document. OCR noise leaves
    /// such strays; technical text repeats its unknown terms (`nstring`,
    /// `userinfo`) and has few. Computed once.
    pub fn stray_share(&self, known: impl Fn(&str) -> bool) -> f32 {
        *self.stray.get_or_init(|| self.unknown_share(&known, 1))
    }

    /// Share of the word occurrences of 3+ letters that are unknown and occur
    /// at most `max_count` times.
    fn unknown_share(&self, known: &impl Fn(&str) -> bool, max_count: u32) -> f32 {
        let (mut all, mut unknown) = (0u32, 0u32);
        for (w, &c) in &self.lower {
            if w.chars().count() >= 3 && w.chars().all(char::is_alphabetic) {
                all += c;
                if c <= max_count && !known(w) {
                    unknown += c;
                }
            }
        }
        unknown as f32 / all.max(1) as f32
    }
}

/// The one char pair (observed, true) in which `from` and `to` differ, when
/// they are of one length and differ in exactly one place, a letter or digit
/// on both sides (not the junk punctuation a space replaces).
fn substitution(from: &str, to: &str) -> Option<(char, char)> {
    let mut diff = None;
    let (mut a, mut b) = (from.chars(), to.chars());
    loop {
        match (a.next(), b.next()) {
            (None, None) => return diff.filter(|(x, y): &(char, char)| x.is_alphanumeric() && y.is_alphanumeric()),
            (Some(x), Some(y)) if x == y => {}
            (Some(x), Some(y)) if diff.is_none() => diff = Some((x, y)),
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts() {
        let lx = DocLexicon::build("Tikhonov said. TIKHONOV and tikhonov; Gromyko 25X1");
        assert_eq!(lx.count("Tikhonov"), 1);
        assert_eq!(lx.count_lower("tikhonov"), 3);
        assert_eq!(lx.count("Gromyko"), 1);
        assert_eq!(lx.count("X"), 0);
        assert_eq!(lx.tokens(), 6);
        // 4 unknown of 6 word occurrences of ≥ 3 letters
        let share = lx.oov_share(|w| w == "said" || w == "and");
        assert!((share - (0.005f32 + 4.0 / 6.0).ln()).abs() < 1e-6);
        // the three `tikhonov` recur; only `gromyko` is a stray
        assert!((lx.stray_share(|w| w == "said" || w == "and") - 1.0 / 6.0).abs() < 1e-6);
    }

    #[test]
    fn confusions_count_other_words_only() {
        let mut lx = DocLexicon::build("trom atter tor");
        lx.learn_confusions([("trom", "from"), ("Atter", "After"), ("trom", "from"), ("tbe", "the"), ("ofthe", "of the")]);
        // trom and atter used t -> f; tbe used b -> h; the split is no substitution
        assert!((lx.confusion_support("tor", "for") - 3f32.ln()).abs() < 1e-6);
        assert!((lx.confusion_support("trom", "from") - 2f32.ln()).abs() < 1e-6);
        assert_eq!(lx.confusion_support("tbe", "the"), 0.0);
        assert_eq!(lx.confusion_support("ofthe", "of the"), 0.0);
        assert_eq!(substitution("abc", "abd"), Some(('c', 'd')));
        assert_eq!(substitution("abc", "abc"), None);
        assert_eq!(substitution("abc", "xbd"), None);
        assert_eq!(substitution(";", " "), None);
    }
}
