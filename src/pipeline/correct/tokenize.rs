//! Tokeniser shared by the corrector and the document lexicon.
//!
//! Text is cut into whitespace-separated chunks. Punctuation at the edges of a
//! chunk is never part of a token. Inside a chunk, every maximal run of
//! letters is a `Word` token (so `Baronet's` gives `Baronet` + `s`,
//! `twenty-seven` gives `twenty` + `seven`, `to';whom` gives `to` + `whom`).
//! Chunks that contain a digit are skipped whole (codes, dates, ids, `25X1`),
//! except letters with a single confusable digit inside (`c1ass`, `bro1ught`,
//! not all capitals), which become one `DigitWord` token. URLs and e-mail
//! addresses are skipped whole.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// a run of letters
    Word,
    /// letters with exactly one inner 0/1/5, e.g. `c1ass`
    DigitWord,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

/// URL / e-mail / path-like chunks are never touched.
pub fn is_url_or_email(chunk: &str) -> bool {
    // every rule below needs one of these bytes; most chunks are plain words
    // and are done with one pass instead of six searches
    if !chunk.bytes().any(|b| matches!(b, b':' | b'.' | b'@' | b'\\' | b'/')) {
        return false;
    }
    let l = chunk;
    l.contains("://")
        || l.contains("www.")
        || l.contains("WWW.")
        || (l.contains('@') && l.rfind('.').is_some_and(|p| p > l.find('@').unwrap()))
        || l.contains('\\')
        || l.matches('/').count() >= 2
}

fn is_digit_word(core: &str) -> bool {
    let digits: Vec<(usize, char)> = core.char_indices().filter(|(_, c)| c.is_ascii_digit()).collect();
    if digits.len() != 1 {
        return false;
    }
    let (pos, d) = digits[0];
    if !matches!(d, '0' | '1' | '5') || pos == 0 || pos + 1 == core.len() {
        return false;
    }
    if !core.chars().all(|c| c.is_alphabetic() || c.is_ascii_digit()) {
        return false;
    }
    let letters = core.chars().filter(|c| c.is_alphabetic()).count();
    let upper = core.chars().filter(|c| c.is_uppercase()).count();
    letters >= 3 && upper <= 1 && !core.chars().skip(1).any(|c| c.is_uppercase())
}

/// Tokenise `text`, pushing tokens (in order) to `out` (cleared first).
pub fn tokenize(text: &str, out: &mut Vec<Token>) {
    out.clear();
    let mut pos = 0;
    while pos < text.len() {
        // skip whitespace
        let rest = &text[pos..];
        let Some((off, _)) = rest.char_indices().find(|(_, c)| !c.is_whitespace()) else { break };
        let cstart = pos + off;
        let cend = text[cstart..].char_indices().find(|(_, c)| c.is_whitespace()).map_or(text.len(), |(i, _)| cstart + i);
        pos = cend;
        let chunk = &text[cstart..cend];
        if is_url_or_email(chunk) {
            continue;
        }
        let Some((a, _)) = chunk.char_indices().find(|(_, c)| c.is_alphanumeric()) else { continue };
        let (b, lc) = chunk.char_indices().rev().find(|(_, c)| c.is_alphanumeric()).unwrap();
        let core = &chunk[a..b + lc.len_utf8()];
        let core_start = cstart + a;
        if core.chars().any(|c| c.is_ascii_digit() || c.is_numeric()) {
            if is_digit_word(core) {
                out.push(Token { start: core_start, end: core_start + core.len(), kind: TokenKind::DigitWord });
            }
            continue;
        }
        let mut i = core_start;
        let end = core_start + core.len();
        while i < end {
            let c = text[i..].chars().next().unwrap();
            if c.is_alphabetic() {
                let s = i;
                while i < end {
                    let c = text[i..].chars().next().unwrap();
                    if !c.is_alphabetic() {
                        break;
                    }
                    i += c.len_utf8();
                }
                out.push(Token { start: s, end: i, kind: TokenKind::Word });
            } else {
                i += c.len_utf8();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(t: &str) -> Vec<&str> {
        let mut v = Vec::new();
        tokenize(t, &mut v);
        v.iter().map(|k| &t[k.start..k.end]).collect()
    }

    #[test]
    fn basic() {
        assert_eq!(toks("Hello, world! (Tbe) end."), ["Hello", "world", "Tbe", "end"]);
        assert_eq!(toks("Baronet's twenty-seven to';whom"), ["Baronet", "s", "twenty", "seven", "to", "whom"]);
        assert_eq!(toks("SOV 82-10075X CIA-RDP79T00975A 25X1 c1ass 1982"), ["SOV", "c1ass"]);
        assert_eq!(toks("see https://x.org/a/b and a@b.com ok"), ["see", "and", "ok"]);
        assert_eq!(toks("B1B A1 a1b"), Vec::<&str>::new());
        assert_eq!(toks("café naïve"), ["café", "naïve"]);
    }
}
