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
    }
}
