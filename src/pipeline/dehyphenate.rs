//! Stage 5, dehyphenate: decides for each line end whether a word was split
//! by hyphenation (`inter-` + `national` → `international`), is a real
//! compound that broke at its hyphen (`Sino-` + `Soviet`), or is an ordinary
//! break between two words.
//!
//! A line end is read as a word head, then trailing marks, then the next
//! line's optional leading marks and its first word. The marks grade the
//! evidence of a break ([`Mark`]): a hyphen (`-`, `¬`, a line-final soft
//! hyphen that normalize turned into `-`, also with OCR specks around it:
//! `pros-'`, `incoher- -`, `affec-—`), a dash (`--`, `—`, `–`) that may be a
//! misread hyphen, or only a speck or nothing (`fa.` + `miliar`, `vari` +
//! `ous`: the OCR lost the hyphen).
//!
//! Evidence for the word, strongest first: how the document itself writes it
//! elsewhere (joined or hyphenated), a suffix as second part (`-ness`, `-eth`),
//! capitalisation of the second part (`Sino-Soviet`), the dictionary, and
//! whether both parts are common words (`well-known`). Weaker marks need more
//! evidence: a dash or a lost hyphen is joined only when the joined word is
//! known, and a lost hyphen only when one part is not a word on its own.
//!
//! The partner of a line is the next kept line that is not an aside (a
//! footnote or a redaction line, see [`paragraphs::asides`]): it may be
//! pages later, past removed banners and page numbers. The decision is stored
//! as the line's [`Join`]; the paragraphs stage applies it with [`split`] and
//! records the edit. Word counts are built once per document.

use crate::dictionary::Dictionary;
use crate::model::{Document, Join, Markup};
use crate::pipeline::paragraphs::{asides, Aside};
use std::collections::HashMap;

/// A word of the dictionary at least this frequent counts as a word on its
/// own; rarer entries are often fragments (`sus`, `ity` are not in it, but
/// scraped frequency lists carry such debris).
const WORD_FREQ: u64 = 100_000;

/// Second parts that are suffixes: a break before them is hyphenation even
/// when the joined word is archaic or rare (`sleep-eth`, `clew-less`).
const SUFFIXES: &[&str] = &[
    "ing", "ings", "ed", "eth", "est", "ness", "less", "ly", "ment", "ments", "tion", "tions", "sion", "sions", "ity",
    "ous", "ful", "able", "ible", "ance", "ence", "ist", "ism", "ize", "ise", "ive", "al", "er", "ers",
];

/// First parts that are prefixes written solid: `inter-` + `twisted`.
const PREFIXES: &[&str] = &["inter", "fore", "under", "over"];

pub fn run(doc: &mut Document, dict: &Dictionary) {
    let counts = WordCounts::build(doc);
    let asides = asides(doc);
    let kept: Vec<usize> = doc.kept_lines().collect();
    let mut buf = String::new();
    for (k, &i) in kept.iter().enumerate() {
        // A footnote's own lines pair with each other; body text skips asides.
        let in_note = matches!(asides[i], Aside::NoteStart | Aside::NoteCont);
        let partner = kept[k + 1..].iter().copied().find(|&j| {
            if in_note {
                true
            } else {
                asides[j] == Aside::No
            }
        });
        let Some(j) = partner else { continue };
        if in_note && asides[j] != Aside::NoteCont {
            continue;
        }
        if !matches!(doc.lines[j].markup, Markup::None | Markup::Emphasis) {
            continue;
        }
        let Some(b) = split(doc.lines[i].kept(), doc.lines[j].kept()) else { continue };
        let join = decide(&b, &counts, dict, &mut buf);
        doc.lines[i].join = join;
    }
}

/// How strongly the marks at a line end say "a word was broken here".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// A hyphen, maybe with specks: `-`, `¬`, `-'`, `- -`, `-—`.
    Hyphen,
    /// A dash on its own: `--`, `—`, `–`.
    Dash,
    /// A speck that may be a faded hyphen (`.`, `:`, `,`) or nothing.
    Weak,
}

/// A line end read as a possible word break.
#[derive(Debug, Clone, PartialEq)]
pub struct Split<'a> {
    /// The letters before the marks: `inter`.
    pub head: &'a str,
    /// Byte offset in the first line where the marks start.
    pub head_end: usize,
    pub mark: Mark,
    /// The marks themselves: `-`, `-'`, `.`, or empty.
    pub mark_text: &'a str,
    /// The first letters of the next line: `national`.
    pub tail: &'a str,
    /// Byte offset in the next line where the tail word starts.
    pub tail_start: usize,
}

fn is_mark(c: char) -> bool {
    matches!(c, '-' | '¬' | '—' | '–' | '.' | ':' | ',' | '\'' | '’' | '_' | '~' | ' ')
}

fn is_lead_mark(c: char) -> bool {
    matches!(c, '-' | '¬' | '—' | '–' | '.' | ':' | ',' | ';' | '\'' | '’' | '‘' | '"' | '“' | '”' | '„' | '_' | '~' | '*')
}

/// Reads the end of `prev` and the start of `next` (both kept, trimmed text).
pub fn split<'a>(prev: &'a str, next: &'a str) -> Option<Split<'a>> {
    let body = prev.trim_end_matches(is_mark);
    let marks = &prev[body.len()..];
    // `a pause --`: a dash after a space separates words, it breaks none.
    if marks.starts_with(' ') || marks.len() > 8 {
        return None;
    }
    let head_start = body.rfind(|c: char| !c.is_alphabetic()).map_or(0, |p| p + body[p..].chars().next().map_or(1, char::len_utf8));
    let head = &body[head_start..];
    // `25X1A-`, `1950-`: letters glued to digits are not a word head.
    if head.is_empty() || body[..head_start].ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let hyphens = marks.chars().filter(|&c| c == '-').count();
    let dashes = marks.chars().filter(|&c| matches!(c, '—' | '–')).count();
    let mark = if marks.contains('¬') || (hyphens >= 1 && !(hyphens >= 2 && marks.chars().all(|c| c == '-'))) {
        Mark::Hyphen
    } else if hyphens + dashes > 0 {
        Mark::Dash
    } else {
        Mark::Weak
    };
    // After a hyphen, OCR specks may start the next line (`-gardly`, `'cording`).
    let tail_start = if mark == Mark::Weak { 0 } else { next.len() - next.trim_start_matches(is_lead_mark).len() };
    let rest = &next[tail_start..];
    let tail_len = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
    if tail_len == 0 {
        return None;
    }
    Some(Split { head, head_end: body.len(), mark, mark_text: marks, tail: &rest[..tail_len], tail_start })
}

/// Word counts of the document, built once. `all` counts every token (a
/// hyphenated one whole: `co-operation`); `inner` only tokens that neither
/// start nor end a line, so line-end fragments (`inter-`, `vari`) do not
/// vouch for themselves.
struct WordCounts {
    counts: HashMap<String, (u32, u32)>,
    /// The kept text in lower case, non-letters as spaces, one line per
    /// line: `head tail` found in it was written apart inside a line.
    flat: String,
}

impl WordCounts {
    fn build(doc: &Document) -> WordCounts {
        let mut counts: HashMap<String, (u32, u32)> = HashMap::new();
        let mut lower = String::new();
        let mut flat = String::new();
        for line in doc.lines.iter().filter(|l| l.is_kept()) {
            flat.push_str("\n ");
            flat.extend(line.kept().chars().flat_map(char::to_lowercase).map(|c| if c.is_alphabetic() { c } else { ' ' }));
            flat.push(' ');
            let tokens: Vec<&str> = line
                .kept()
                .split(|c: char| !(c.is_alphabetic() || c == '-'))
                .map(|t| t.trim_matches('-'))
                .filter(|t| !t.is_empty())
                .collect();
            let n = tokens.len();
            for (k, token) in tokens.into_iter().enumerate() {
                let inner = (k > 0 && k + 1 < n) as u32;
                let key = if token.chars().any(char::is_uppercase) {
                    lower.clear();
                    lower.extend(token.chars().flat_map(char::to_lowercase));
                    lower.as_str()
                } else {
                    token
                };
                match counts.get_mut(key) {
                    Some(c) => {
                        c.0 += 1;
                        c.1 += inner;
                    }
                    None => {
                        counts.insert(key.to_string(), (1, inner));
                    }
                }
            }
        }
        WordCounts { counts, flat }
    }

    /// `head tail` occurs inside a line (both lower case).
    fn written_apart(&self, head: &str, tail: &str) -> bool {
        self.flat.contains(&format!(" {head} {tail} "))
    }

    fn all(&self, lower: &str) -> u32 {
        self.counts.get(lower).map_or(0, |c| c.0)
    }

    fn inner(&self, lower: &str) -> u32 {
        self.counts.get(lower).map_or(0, |c| c.1)
    }
}

fn lowercase_into(buf: &mut String, parts: &[&str]) {
    buf.clear();
    for p in parts {
        buf.extend(p.chars().flat_map(char::to_lowercase));
    }
}

fn decide(b: &Split, counts: &WordCounts, dict: &Dictionary, buf: &mut String) -> Join {
    let (head, tail) = (b.head, b.tail);
    let mut lower_tail = String::with_capacity(tail.len());
    lower_tail.extend(tail.chars().flat_map(char::to_lowercase));
    let mut lower_head = String::with_capacity(head.len());
    lower_head.extend(head.chars().flat_map(char::to_lowercase));
    let is_word = |w: &str| w.chars().count() >= 2 && (dict.freq(w) >= WORD_FREQ || counts.inner(w) >= 2);
    let tail_upper = tail.starts_with(char::is_uppercase);
    let all_caps = |w: &str| w.chars().all(char::is_uppercase);
    // `INTER-` + `NATIONAL` is the same break as in lower case.
    let capitalised = tail_upper && !(all_caps(head) && all_caps(tail) && tail.chars().count() > 1);
    lowercase_into(buf, &[head, tail]);
    let joined_in_doc = counts.all(buf);
    let joined_in_dict = dict.contains(buf);
    let joined_freq = dict.freq(buf);
    let joined_known = joined_in_doc > 0 || joined_in_dict;

    match b.mark {
        Mark::Weak => {
            // Most line ends are plain breaks between words: join only when
            // the joined word is known and one part is no word by itself.
            // A suffix is no word here (`wicked:` + `Ness`).
            let tail_word = is_word(&lower_tail) && !SUFFIXES.contains(&lower_tail.as_str());
            let tail_ok = !tail_upper || (!all_caps(tail) && !tail_word && head.starts_with(char::is_lowercase));
            let short = head.chars().count() < 2 || tail.chars().count() < 2;
            if short || !tail_ok || !joined_known {
                return Join::Space;
            }
            if !(is_word(&lower_head) && tail_word) {
                return Join::Dehyphenate;
            }
            // Both parts are words. A faded hyphen read as `.` or `:` before
            // a lower-case word is still a break (`diag:` + `nosed`); with no
            // mark at all, only the document can tell (`be` + `cause` when it
            // writes `because` and never `be cause`).
            let marks = b.mark_text;
            let speck = marks == "." || marks == ":";
            let frequent = joined_freq >= 1_000_000;
            if (speck && !tail_upper && joined_freq >= WORD_FREQ)
                || (marks.is_empty() && frequent && joined_in_doc >= 2 && !counts.written_apart(&lower_head, &lower_tail))
            {
                Join::Dehyphenate
            } else {
                Join::Space
            }
        }
        Mark::Dash => {
            if !tail_upper && joined_known {
                Join::Dehyphenate
            } else {
                Join::Space
            }
        }
        Mark::Hyphen => {
            lowercase_into(buf, &[head, "-", tail]);
            let hyphenated_in_doc = counts.all(buf);
            if hyphenated_in_doc > joined_in_doc {
                return Join::KeepHyphen;
            }
            if joined_in_doc > 0 {
                return Join::Dehyphenate;
            }
            if SUFFIXES.contains(&lower_tail.as_str()) && !capitalised {
                return Join::Dehyphenate;
            }
            if PREFIXES.contains(&lower_head.as_str()) && !capitalised && tail.chars().count() >= 3 {
                return Join::Dehyphenate;
            }
            if capitalised {
                // A lower-case head before a capital usually prefixes a name
                // (`anti-American`), unless the joined word is common (`pur-`
                // + `Sued`: a misread capital).
                if head.starts_with(char::is_lowercase) && joined_freq >= 200_000 {
                    return Join::Dehyphenate;
                }
                // `Sino-Soviet`, `Theo-Doric`; but `fa-` + `Vorites` is a
                // misread capital inside a known word.
                return if joined_in_dict && !is_word(&lower_tail) && head.starts_with(char::is_lowercase) {
                    Join::Dehyphenate
                } else {
                    Join::KeepHyphen
                };
            }
            if joined_in_dict {
                return Join::Dehyphenate;
            }
            let common = |w: &str| dict.freq(w) > 1_000_000;
            if is_word(&lower_head) && head.chars().count() >= 3 && common(&lower_tail) {
                return Join::KeepHyphen;
            }
            Join::Dehyphenate
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    fn joins(text: &str) -> Vec<Join> {
        let rules = Rules::embedded().unwrap();
        let mut doc = crate::input::read_document("t", "t", text.as_bytes().to_vec());
        run(&mut doc, &rules.dictionary);
        doc.lines.iter().map(|l| l.join).collect()
    }

    #[test]
    fn soft_breaks_join_and_compounds_keep_their_hyphen() {
        assert_eq!(joins("inter-\nnational trade")[0], Join::Dehyphenate);
        assert_eq!(joins("the Sino-\nSoviet border")[0], Join::KeepHyphen);
        assert_eq!(joins("a well-\nknown fact")[0], Join::KeepHyphen);
        assert_eq!(joins("Cabag-\nius, a prince")[0], Join::Dehyphenate);
        assert_eq!(joins("INTER-\nNATIONAL TRADE")[0], Join::Dehyphenate);
    }

    #[test]
    fn the_document_wins_over_the_dictionary() {
        let j = joins("co-operation is key; co-operation matters\nwe want co-\noperation");
        assert_eq!(j[1], Join::KeepHyphen);
        let j = joins("the cease fire and the ceasefire held, ceasefire\nwe want cease-\nfire now");
        assert_eq!(j[1], Join::Dehyphenate);
    }

    #[test]
    fn dashes_are_not_hyphens() {
        assert_eq!(joins("a pause --\nthen")[0], Join::Space);
        assert_eq!(joins("1950-\n1960")[0], Join::Space);
        assert_eq!(joins("Japan--\nespecially")[0], Join::Space);
        assert_eq!(joins("what--\never it was")[0], Join::Dehyphenate);
    }

    #[test]
    fn ocr_specks_around_the_hyphen() {
        assert_eq!(joins("the pros-'\npect of")[0], Join::Dehyphenate);
        assert_eq!(joins("nig-\n-gardly")[0], Join::Dehyphenate);
        assert_eq!(joins("incoher- -\nent")[0], Join::Dehyphenate);
        assert_eq!(joins("an affec-—\ntion")[0], Join::Dehyphenate);
        assert_eq!(joins("a fa.\nmiliar sight")[0], Join::Dehyphenate);
        assert_eq!(joins("the per:\ncentage")[0], Join::Dehyphenate);
    }

    #[test]
    fn a_lost_hyphen_joins_only_fragments() {
        assert_eq!(joins("under vari\nous names")[0], Join::Dehyphenate);
        assert_eq!(joins("went with\nout delay")[0], Join::Space);
        assert_eq!(joins("the end.\nThen more")[0], Join::Space);
        assert_eq!(joins("per\ncent")[0], Join::Space);
        assert_eq!(joins("a diag:\nnosed case")[0], Join::Dehyphenate);
        let be_cause = "because of it, because of that\nit was be\ncause he said";
        assert_eq!(joins(be_cause)[1], Join::Dehyphenate);
        let may_be = "it may be so, or maybe, maybe not\nit may\nbe so";
        assert_eq!(joins(may_be)[1], Join::Space);
    }

    #[test]
    fn suffixes_join_and_capitals_keep() {
        assert_eq!(joins("he sleep-\neth now")[0], Join::Dehyphenate);
        assert_eq!(joins("a fa-\nMiliar face")[0], Join::Dehyphenate);
        assert_eq!(joins("the Theo-\nDoric code")[0], Join::KeepHyphen);
        assert_eq!(joins("the anti-\nAmerican line")[0], Join::KeepHyphen);
        assert_eq!(joins("he pur-\nSued it")[0], Join::Dehyphenate);
        assert_eq!(joins("his wicked:\nNess")[0], Join::Dehyphenate);
    }

    #[test]
    fn split_reads_marks() {
        let s = split("the pros-'", "'pect of").unwrap();
        assert_eq!((s.head, s.mark, s.tail, s.head_end, s.tail_start), ("pros", Mark::Hyphen, "pect", 8, 1));
        assert_eq!(split("a pause --", "then").map(|s| s.mark), None);
        assert_eq!(split("what--", "ever").unwrap().mark, Mark::Dash);
    }
}
