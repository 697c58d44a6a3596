//! Accuracy metrics: CER, WER, bag-of-words precision/recall, set totals,
//! relative improvement and banner leakage.
//!
//! Rules (all computed on [`super::normalize::normalize`]d text):
//! * **CER** = grapheme edit distance / GT graphemes (spaces count).
//!   **WER** = word edit distance / GT words (whitespace-separated words).
//! * Empty GT: if the prediction is empty too the rate is 0; if the
//!   prediction is non-empty the rate is defined as 1.0 (100 %, every
//!   predicted token is spurious), while `char_errors` / `word_errors` keep
//!   the true counts so set totals stay exact.
//! * **Bag of words** is order-free: tokens are maximal runs of letters,
//!   digits and combining marks, with apostrophes (`'` or U+2019, both
//!   stored as `'`) kept only *between* two such characters; tokens are
//!   lower-cased. Hits = size of the multiset intersection. Precision =
//!   hits / predicted tokens, recall = hits / GT tokens; a rate whose
//!   denominator is 0 is 1.0 (nothing to get wrong).
//! * **Set totals** ([`total`]) are weighted by GT length: sum of errors /
//!   sum of GT lengths (likewise sum of hits / sum of token counts).

use std::collections::HashMap;

use super::distance::{graphemes, intern_pair, levenshtein, words};
use super::normalize::{alnum_key, normalize, NormOptions};

/// Scores of one prediction against one ground truth.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Scores {
    pub gt_chars: usize,
    pub char_errors: usize,
    pub cer: f64,
    pub gt_words: usize,
    pub word_errors: usize,
    pub wer: f64,
    pub bow_precision: f64,
    pub bow_recall: f64,
    /// Bag-of-words multiset intersection size.
    pub bow_hits: usize,
    /// Bag-of-words token counts of GT and prediction.
    pub bow_gt_tokens: usize,
    pub bow_pred_tokens: usize,
}

fn rate(errors: usize, total: usize) -> f64 {
    match (errors, total) {
        (0, 0) => 0.0,
        (_, 0) => 1.0,
        (e, t) => e as f64 / t as f64,
    }
}

fn ratio_or_one(num: usize, den: usize) -> f64 {
    if den == 0 { 1.0 } else { num as f64 / den as f64 }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// Bag-of-words tokens (see module docs), lower-cased.
pub fn bow_tokens(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if is_word_char(c) {
            cur.extend(c.to_lowercase());
        } else if (c == '\'' || c == '\u{2019}')
            && !cur.is_empty()
            && chars.get(i + 1).is_some_and(|&n| is_word_char(n))
        {
            cur.push('\'');
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Multiset intersection size of two token lists.
pub fn bow_hits(gt: &[String], pred: &[String]) -> usize {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for t in gt {
        *counts.entry(t.as_str()).or_default() += 1;
    }
    let mut hits = 0;
    for t in pred {
        if let Some(c) = counts.get_mut(t.as_str()) {
            if *c > 0 {
                *c -= 1;
                hits += 1;
            }
        }
    }
    hits
}

/// Scores `pred` against `gt` after normalising both with `opts`.
pub fn score(gt: &str, pred: &str, opts: &NormOptions) -> Scores {
    let g = normalize(gt, opts);
    let p = normalize(pred, opts);
    let (gg, pg) = (graphemes(&g), graphemes(&p));
    let (ia, ib) = intern_pair(&gg, &pg);
    let char_errors = levenshtein(&ia, &ib);
    let (gw, pw) = (words(&g), words(&p));
    let (wa, wb) = intern_pair(&gw, &pw);
    let word_errors = levenshtein(&wa, &wb);
    let (bg, bp) = (bow_tokens(&g), bow_tokens(&p));
    let hits = bow_hits(&bg, &bp);
    Scores {
        gt_chars: gg.len(),
        char_errors,
        cer: rate(char_errors, gg.len()),
        gt_words: gw.len(),
        word_errors,
        wer: rate(word_errors, gw.len()),
        bow_precision: ratio_or_one(hits, bp.len()),
        bow_recall: ratio_or_one(hits, bg.len()),
        bow_hits: hits,
        bow_gt_tokens: bg.len(),
        bow_pred_tokens: bp.len(),
    }
}

/// Set total: errors and hits summed, rates weighted by GT length.
pub fn total(all: &[Scores]) -> Scores {
    let mut t = Scores::default();
    for s in all {
        t.gt_chars += s.gt_chars;
        t.char_errors += s.char_errors;
        t.gt_words += s.gt_words;
        t.word_errors += s.word_errors;
        t.bow_hits += s.bow_hits;
        t.bow_gt_tokens += s.bow_gt_tokens;
        t.bow_pred_tokens += s.bow_pred_tokens;
    }
    t.cer = rate(t.char_errors, t.gt_chars);
    t.wer = rate(t.word_errors, t.gt_words);
    t.bow_precision = ratio_or_one(t.bow_hits, t.bow_pred_tokens);
    t.bow_recall = ratio_or_one(t.bow_hits, t.bow_gt_tokens);
    t
}

/// Relative CER improvement `(raw − clean) / raw`; `None` when `raw == 0`.
/// Negative when cleaning made things worse.
pub fn relative_improvement(cer_raw: f64, cer_clean: f64) -> Option<f64> {
    if cer_raw == 0.0 { None } else { Some((cer_raw - cer_clean) / cer_raw) }
}

/// Result of [`banner_leakage`].
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BannerLeak {
    /// Banner strings that were checked.
    pub checked: usize,
    /// Of those, how many are still present in the output.
    pub present: usize,
    /// Banner strings not checked (empty key, or their text is in the GT).
    pub skipped: usize,
    /// `present / checked`; `None` when nothing was checked.
    pub share: Option<f64>,
    /// The leaked banner strings, in input order.
    pub leaked: Vec<String>,
}

/// Banners shorter than this key length, or without any letter, are checked
/// as standalone lines instead of substrings.
pub const BANNER_MIN_SUBSTRING_KEY: usize = 6;

/// Share of running headers/footers/page numbers still present in `output`.
///
/// `banners` is the synth `gt/<doc>.json` `banners` value (list per page).
/// Each banner string is reduced to its key ([`alnum_key`]: lower-cased
/// letters and digits only, so case, punctuation and spacing do not matter).
/// * Empty key → skipped.
/// * Key without letters (page numbers such as `153`, `- 3 -`) or shorter
///   than [`BANNER_MIN_SUBSTRING_KEY`] (`B 13`, `25X1`): present iff some
///   *line* of the output has exactly that key (a bare number inside a
///   sentence is not a leaked page number).
/// * Otherwise: present iff the key is a substring of the output's key
///   stream (the whole output reduced the same way), so a banner glued into
///   a paragraph is still found.
/// * If `gt` is given, substring-mode banners whose key also occurs in the
///   GT's key stream (and line-mode banners equal to a GT line's key) are
///   skipped: their text legitimately belongs to the document.
/// * Copies count one by one: a head printed on 8 pages of which one copy
///   survives is 1 of 8 present, not 8 (for each key, present is the smaller
///   of its banner copies and its occurrences in the output).
///
/// Exact key matching means an OCR-garbled banner (`l54 THE DEV1L'S`) that
/// survives is not counted: the share is a lower bound for noisy input.
pub fn banner_leakage(banners: &[Vec<String>], output: &str, gt: Option<&str>) -> BannerLeak {
    let out_stream = alnum_key(output);
    let mut out_lines: std::collections::HashMap<String, usize> = Default::default();
    for k in output.lines().map(alnum_key).filter(|k| !k.is_empty()) {
        *out_lines.entry(k).or_default() += 1;
    }
    let (gt_stream, gt_lines) = match gt {
        Some(g) => (
            Some(alnum_key(g)),
            g.lines().map(alnum_key).filter(|k| !k.is_empty()).collect::<std::collections::HashSet<_>>(),
        ),
        None => (None, Default::default()),
    };
    let mut r = BannerLeak::default();
    // copies of one key seen so far, to compare with its occurrences in the output
    let mut seen: std::collections::HashMap<String, usize> = Default::default();
    for b in banners.iter().flatten() {
        let key = alnum_key(b);
        if key.is_empty() {
            r.skipped += 1;
            continue;
        }
        let line_mode =
            !key.chars().any(|c| c.is_alphabetic()) || key.chars().count() < BANNER_MIN_SUBSTRING_KEY;
        let in_gt = if line_mode {
            gt_lines.contains(&key)
        } else {
            gt_stream.as_ref().is_some_and(|s| s.contains(&key))
        };
        if in_gt {
            r.skipped += 1;
            continue;
        }
        r.checked += 1;
        let in_output =
            if line_mode { out_lines.get(&key).copied().unwrap_or(0) } else { out_stream.matches(key.as_str()).count() };
        let copy = seen.entry(key).or_default();
        *copy += 1;
        if *copy <= in_output {
            r.present += 1;
            r.leaked.push(b.clone());
        }
    }
    r.share = if r.checked == 0 { None } else { Some(r.present as f64 / r.checked as f64) };
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const O: NormOptions = NormOptions { fold_quotes: false };

    #[test]
    fn empty_rules() {
        let s = score("", "", &O);
        assert_eq!((s.cer, s.wer, s.char_errors), (0.0, 0.0, 0));
        assert_eq!((s.bow_precision, s.bow_recall), (1.0, 1.0));
        let s = score("", "abc", &O);
        assert_eq!((s.cer, s.char_errors, s.gt_chars), (1.0, 3, 0));
        let s = score("x", "", &O);
        assert_eq!((s.cer, s.char_errors), (1.0, 1));
        assert_eq!(s.bow_recall, 0.0);
        assert_eq!(s.bow_precision, 1.0);
    }

    #[test]
    fn kitten() {
        let s = score("kitten", "sitting", &O);
        assert_eq!((s.gt_chars, s.char_errors), (6, 3));
        assert!((s.cer - 0.5).abs() < 1e-12);
        assert_eq!((s.gt_words, s.word_errors), (1, 1));
    }

    #[test]
    fn normalisation_applies() {
        let s = score("caf\u{00E9}  au\nlait", "cafe\u{0301} au lait\x0c", &O);
        assert_eq!(s.char_errors, 0);
        let q = score("\u{201C}It\u{2019}s\u{201D}", "\"It's\"", &NormOptions { fold_quotes: true });
        assert_eq!(q.char_errors, 0);
        let nq = score("\u{201C}It\u{2019}s\u{201D}", "\"It's\"", &O);
        assert_eq!(nq.char_errors, 3);
    }

    #[test]
    fn bag_of_words() {
        assert_eq!(bow_tokens("Don't 'tis dogs' O\u{2019}Neil, x-ray 42nd"),
                   vec!["don't", "tis", "dogs", "o'neil", "x", "ray", "42nd"]);
        // order-free
        let s = score("the cat sat on the mat", "mat the on sat cat the", &O);
        assert_eq!((s.bow_precision, s.bow_recall), (1.0, 1.0));
        let s = score("the the cat", "the dog", &O);
        assert_eq!(s.bow_hits, 1);
        assert!((s.bow_precision - 0.5).abs() < 1e-12);
        assert!((s.bow_recall - 1.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn totals_weighted() {
        let a = score("abcdefghij", "abcdefghiX", &O); // 1/10
        let b = score("ab", "XY", &O); // 2/2
        let t = total(&[a, b]);
        assert_eq!((t.char_errors, t.gt_chars), (3, 12));
        assert!((t.cer - 0.25).abs() < 1e-12);
    }

    #[test]
    fn improvement() {
        assert_eq!(relative_improvement(0.0, 0.1), None);
        assert!((relative_improvement(0.2, 0.05).unwrap() - 0.75).abs() < 1e-12);
        assert!(relative_improvement(0.1, 0.2).unwrap() < 0.0);
    }

    #[test]
    fn banners() {
        let banners = vec![
            vec!["153".to_string()],
            vec!["154 THE DEVIL'S DICTIONARY".to_string()],
            vec!["- 3 -".to_string()],
            vec!["B 13".to_string()],
            vec!["PREFACE".to_string()],
            vec!["  ".to_string()],
        ];
        let gt = "PREFACE\n\nThe Devil's Dictionary was begun in 1881 and 3 more.";
        let out = "PREFACE\nThe Devil's Dictionary was begun in 1881 and 3 more. 154 The\nDevil's Dictionary\n- 3 -\nB 13 is a bomber";
        let r = banner_leakage(&banners, out, Some(gt));
        // PREFACE is GT text, blank skipped; 153 absent; 154.. glued across lines present;
        // "- 3 -" is a standalone line; "B 13" only occurs inside a sentence.
        assert_eq!(r.skipped, 2);
        assert_eq!(r.checked, 4);
        assert_eq!(r.leaked, vec!["154 THE DEVIL'S DICTIONARY", "- 3 -"]);
        assert_eq!(r.share, Some(0.5));
        let none = banner_leakage(&[], out, None);
        assert_eq!(none.share, None);
        // one surviving copy of a head printed on three pages is one leak, not three
        let heads = vec![vec!["SECRET".to_string()]; 3];
        let r = banner_leakage(&heads, "Oe SECRET\nThe text.", Some("The text."));
        assert_eq!((r.checked, r.present), (3, 1));
        let r = banner_leakage(&heads, "SECRET\nThe text.\nSECRET\nSECRET\nSECRET", Some("The text."));
        assert_eq!((r.checked, r.present), (3, 3));
    }

    proptest! {
        #[test]
        fn cer_self_is_zero(s in "\\PC{0,200}") {
            let sc = score(&s, &s, &O);
            prop_assert_eq!(sc.cer, 0.0);
            prop_assert_eq!(sc.wer, 0.0);
            prop_assert_eq!(sc.bow_precision, 1.0);
            prop_assert_eq!(sc.bow_recall, 1.0);
        }
    }
}
