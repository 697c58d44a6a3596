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
    oov: std::cell::OnceCell<f32>,
    /// `stray_share`, computed on first use
    stray: std::cell::OnceCell<f32>,
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
}
