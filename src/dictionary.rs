//! A word-frequency dictionary (SymSpell's `word count` format).

use crate::error::{Error, Result};
use std::collections::HashMap;

#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    counts: HashMap<String, u64>,
}

impl Dictionary {
    /// Parses `word count` lines; a UTF-8 BOM, blank lines and `#` comments are allowed.
    pub fn parse(text: &str, file: &str) -> Result<Dictionary> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut counts = HashMap::with_capacity(text.len() / 14);
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (word, count) = line
                .rsplit_once(char::is_whitespace)
                .ok_or_else(|| Error::rule(file, i + 1, "expected `word count`"))?;
            let count: u64 = count
                .parse()
                .map_err(|_| Error::rule(file, i + 1, format!("count {count:?} is not a number")))?;
            counts.insert(word.trim().to_string(), count);
        }
        Ok(Dictionary { counts })
    }

    /// Frequency of a lowercase word, 0 when unknown.
    pub fn freq(&self, word: &str) -> u64 {
        self.counts.get(word).copied().unwrap_or(0)
    }

    pub fn contains(&self, word: &str) -> bool {
        self.counts.contains_key(word)
    }

    /// Frequency of a word in any case (looked up lowercased).
    pub fn freq_any_case(&self, word: &str) -> u64 {
        if word.chars().any(char::is_uppercase) {
            self.freq(&word.to_lowercase())
        } else {
            self.freq(word)
        }
    }

    pub fn len(&self) -> usize {
        self.counts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }
}
