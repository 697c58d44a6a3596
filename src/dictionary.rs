//! Word-frequency dictionary and bigram counts in the SymSpell text format.
//!
//! Format (one entry per line): `word count` (unigrams) or `word1 word2 count`
//! (bigrams), separated by spaces or tabs. A leading UTF-8 BOM is tolerated,
//! blank lines and lines starting with `#` are ignored. Words are stored as
//! given (the SymSpell lists are lower case); callers look up lower-cased forms.
//!
//! Also the plain word lists of `rules/protected.txt` and `rules/foreign.txt`
//! ([`parse_word_list`]).

use crate::hash::{fmix64, FxHashMap};

/// Error with the file name given to the parser and the 1-based line number.
#[derive(Debug, thiserror::Error, PartialEq)]
#[error("{file}: line {line}: {msg}")]
pub struct ParseError {
    pub file: String,
    pub line: usize,
    pub msg: String,
}

impl From<ParseError> for crate::Error {
    fn from(e: ParseError) -> Self {
        crate::Error::Rule { file: e.file, line: e.line, message: e.msg }
    }
}

impl ParseError {
    pub fn new(file: &str, line: usize, msg: impl Into<String>) -> Self {
        ParseError { file: file.to_string(), line, msg: msg.into() }
    }
}

/// Iterate over the meaningful lines: (1-based line number, trimmed line).
pub(crate) fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.lines().enumerate().filter_map(|(i, l)| {
        let t = l.trim();
        if t.is_empty() || t.starts_with('#') { None } else { Some((i + 1, t)) }
    })
}

fn parse_count(s: &str, file: &str, line: usize) -> Result<u64, ParseError> {
    s.parse::<u64>()
        .map_err(|_| ParseError::new(file, line, format!("bad count {s:?} (expected a non-negative integer)")))
}

/// word → frequency.
#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    map: FxHashMap<Box<str>, u64>,
    total: u64,
}

impl Dictionary {
    /// Parse `word count` lines. Duplicate words add up.
    pub fn parse(text: &str, file_name: &str) -> Result<Self, ParseError> {
        let mut d = Dictionary::default();
        for (ln, l) in data_lines(text) {
            let mut it = l.split_whitespace();
            let (Some(w), Some(c), None) = (it.next(), it.next(), it.next()) else {
                return Err(ParseError::new(file_name, ln, "expected `word count`"));
            };
            let c = parse_count(c, file_name, ln)?;
            d.insert(w, c);
        }
        Ok(d)
    }

    /// Build from (word, count) pairs (for tests and fixtures).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, u64)>) -> Self {
        let mut d = Dictionary::default();
        for (w, c) in pairs {
            d.insert(w, c);
        }
        d
    }

    pub fn insert(&mut self, w: &str, c: u64) {
        *self.map.entry(w.into()).or_insert(0) += c;
        self.total += c;
    }

    #[inline]
    pub fn freq(&self, w: &str) -> u64 {
        self.map.get(w).copied().unwrap_or(0)
    }

    #[inline]
    pub fn contains(&self, w: &str) -> bool {
        self.map.contains_key(w)
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Sum of all counts.
    pub fn total(&self) -> u64 {
        self.total
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, u64)> {
        self.map.iter().map(|(k, v)| (&**k, *v))
    }
}

/// (word1, word2) → frequency. Words are interned to ids; lookups never allocate.
#[derive(Debug, Clone, Default)]
pub struct Bigrams {
    ids: FxHashMap<Box<str>, u32>,
    pairs: FxHashMap<u64, u64>,
    /// the smallest count listed: the list is cut there, so an unlisted pair
    /// of common words is rarer than this
    min_count: u64,
}

impl Bigrams {
    /// Parse `word1 word2 count` lines.
    pub fn parse(text: &str, file_name: &str) -> Result<Self, ParseError> {
        let mut b = Bigrams::default();
        for (ln, l) in data_lines(text) {
            let mut it = l.split_whitespace();
            let (Some(a), Some(w2), Some(c), None) = (it.next(), it.next(), it.next(), it.next()) else {
                return Err(ParseError::new(file_name, ln, "expected `word1 word2 count`"));
            };
            let c = parse_count(c, file_name, ln)?;
            b.insert(a, w2, c);
        }
        Ok(b)
    }

    pub fn from_triples<'a>(t: impl IntoIterator<Item = (&'a str, &'a str, u64)>) -> Self {
        let mut b = Bigrams::default();
        for (x, y, c) in t {
            b.insert(x, y, c);
        }
        b
    }

    fn id_or_insert(&mut self, w: &str) -> u32 {
        if let Some(&i) = self.ids.get(w) {
            return i;
        }
        let i = self.ids.len() as u32;
        self.ids.insert(w.into(), i);
        i
    }

    pub fn insert(&mut self, a: &str, b: &str, c: u64) {
        let k = pair_key(self.id_or_insert(a), self.id_or_insert(b));
        *self.pairs.entry(k).or_insert(0) += c;
        self.min_count = if self.min_count == 0 { c } else { self.min_count.min(c) };
    }

    /// The smallest count in the list (0 when empty).
    pub fn min_count(&self) -> u64 {
        self.min_count
    }

    #[inline]
    pub fn freq(&self, a: &str, b: &str) -> u64 {
        self.freq_of_ids(self.id(a), self.id(b))
    }

    /// The id of word `w` in the list, if some pair holds it: a caller that
    /// pairs one word with many looks it up once.
    #[inline]
    pub fn id(&self, w: &str) -> Option<u32> {
        self.ids.get(w).copied()
    }

    /// `freq` of the words of ids `a` and `b` (from `id`).
    #[inline]
    pub fn freq_of_ids(&self, a: Option<u32>, b: Option<u32>) -> u64 {
        let (Some(x), Some(y)) = (a, b) else { return 0 };
        self.pairs.get(&pair_key(x, y)).copied().unwrap_or(0)
    }

    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }
}

/// The map key of a word-id pair: the ids side by side, scrambled by a
/// bijection (murmur3's finaliser), so the key stays unique. The Fx hash of a
/// plain `a << 32 | b` depends in its low bits (the bucket) on `b` alone: all
/// pairs ending in `the` would share a probe chain.
#[inline]
fn pair_key(a: u32, b: u32) -> u64 {
    fmix64((a as u64) << 32 | b as u64)
}

/// Parse a word list (`protected.txt`, `foreign.txt`): one word per line,
/// `#` comments, blank lines.
pub fn parse_word_list(text: &str, file_name: &str) -> Result<Vec<String>, ParseError> {
    let mut v = Vec::new();
    for (ln, l) in data_lines(text) {
        let w = l.split('#').next().unwrap_or("").trim();
        if w.split_whitespace().count() > 1 {
            return Err(ParseError::new(file_name, ln, "expected one word per line"));
        }
        if !w.is_empty() {
            v.push(w.to_string());
        }
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protected_list() {
        let l = parse_word_list("# names\nTikhonov\n\nGromyko  # FM\n", "p.txt").unwrap();
        assert_eq!(l, ["Tikhonov", "Gromyko"]);
        let e = parse_word_list("a b\n", "p.txt").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("p.txt", 1));
    }

    #[test]
    fn parses_bom_comments_blank() {
        let d = Dictionary::parse("\u{feff}the 100\n# comment\n\nof 50\n", "d.txt").unwrap();
        assert_eq!(d.freq("the"), 100);
        assert_eq!(d.freq("of"), 50);
        assert!(d.contains("of"));
        assert!(!d.contains("xyz"));
        assert_eq!(d.freq("xyz"), 0);
        assert_eq!(d.total(), 150);
    }

    #[test]
    fn error_names_file_and_line() {
        let e = Dictionary::parse("the 1\n\nfoo bar\n", "dict.txt").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("dict.txt", 3));
        assert!(e.to_string().starts_with("dict.txt: line 3:"));
        let e = Dictionary::parse("the\n", "x").unwrap_err();
        assert_eq!(e.line, 1);
    }

    #[test]
    fn bigrams() {
        let b = Bigrams::parse("\u{feff}of the 10\nin the 5\n", "b.txt").unwrap();
        assert_eq!(b.freq("of", "the"), 10);
        assert_eq!(b.freq("the", "of"), 0);
        assert_eq!(b.freq("zz", "the"), 0);
        let e = Bigrams::parse("of the 10\nof the\n", "b.txt").unwrap_err();
        assert_eq!(e.line, 2);
    }
}
