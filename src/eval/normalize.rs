//! Comparison normalisation applied to both ground truth and prediction
//! before any metric is computed.
//!
//! The documented rule, applied in this order:
//! 1. Unicode NFC (so `e` + U+0301 and U+00E9 compare equal).
//! 2. Optional quote folding ([`NormOptions::fold_quotes`]): typographic
//!    single quotes / apostrophes / primes → `'`, typographic double quotes /
//!    guillemets → `"`, hyphen and dash variants (U+2010–U+2015, U+2212 minus,
//!    U+FE58, U+FE63, U+FF0D) → `-`. The soft hyphen U+00AD is *not* folded
//!    (it is a real difference in the output).
//! 3. Whitespace folding: every maximal run of Unicode whitespace (spaces,
//!    tabs, newlines, form feeds, NBSP, ...) becomes one ASCII space; the
//!    result is trimmed at both ends.

use unicode_normalization::UnicodeNormalization;

/// Options of the comparison normalisation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NormOptions {
    /// Fold curly quotes, apostrophes and dash variants to ASCII `'` `"` `-`.
    pub fold_quotes: bool,
}

/// ASCII replacement of a typographic quote / dash, if any.
pub fn fold_char(c: char) -> Option<char> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{2035}' | '\u{2039}'
        | '\u{203A}' | '\u{02BC}' | '\u{02B9}' | '\u{FF07}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{2036}' | '\u{00AB}'
        | '\u{00BB}' | '\u{FF02}' | '\u{301D}' | '\u{301E}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}'
        | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
        _ => return None,
    })
}

/// Normalise `s` for comparison (see module docs for the exact rule).
pub fn normalize(s: &str, opts: &NormOptions) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.nfc() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        let c = if opts.fold_quotes { fold_char(c).unwrap_or(c) } else { c };
        out.push(c);
    }
    out
}

/// Lower-cased alphanumeric "key" of a string (NFC, letters and digits only).
/// Used for robust substring checks such as banner leakage.
pub fn alnum_key(s: &str) -> String {
    s.nfc()
        .filter(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_whitespace_and_trims() {
        let o = NormOptions::default();
        assert_eq!(normalize("  a \t\n\n b\x0cc\r\n", &o), "a b c");
        assert_eq!(normalize("a\u{00A0}\u{2003}b", &o), "a b");
        assert_eq!(normalize(" \n\x0c ", &o), "");
        assert_eq!(normalize("", &o), "");
    }

    #[test]
    fn nfc_equalises_nfd() {
        let o = NormOptions::default();
        assert_eq!(normalize("caf\u{0065}\u{0301}", &o), normalize("caf\u{00E9}", &o));
        assert_eq!(normalize("caf\u{0065}\u{0301}", &o), "caf\u{00E9}");
    }

    #[test]
    fn quote_folding_is_optional() {
        let s = "\u{201C}It\u{2019}s\u{201D} \u{2014} ok";
        assert_eq!(normalize(s, &NormOptions { fold_quotes: false }), s);
        assert_eq!(normalize(s, &NormOptions { fold_quotes: true }), "\"It's\" - ok");
    }

    #[test]
    fn key_is_lower_alnum() {
        assert_eq!(alnum_key("154 THE DEVIL'S  Dictionary."), "154thedevilsdictionary");
        assert_eq!(alnum_key("- 3 -"), "3");
    }
}
