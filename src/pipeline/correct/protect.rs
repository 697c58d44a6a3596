//! Tokens the corrector must never change.
//!
//! Rules (each has a unit test):
//! * anything with a digit (`25X1`, `SOV 82-10075X`, `1982`) — the tokeniser
//!   skips such chunks; only `c1ass`-like lower-case words with one inner
//!   0/1/5 are considered, see `tokenize`;
//! * codes and ids (`CIA-RDP79T00975A`): digits, or all-capital parts;
//! * all-capital tokens (acronyms `USSR`, `LDP`, `SOV`) shorter than
//!   `caps_min_len`; longer all-capital words may be corrected (headlines),
//!   with a score penalty in the corrector;
//! * mixed-case tokens with a capital after the first letter (`CBMs`, `McDonald`);
//! * URLs and e-mail addresses (skipped by the tokeniser);
//! * capitalised words whose exact form recurs in the document (names, places);
//! * words in the user list `rules/protected.txt` (one per line, `#` comments,
//!   matched case-insensitively);
//! * words inside a quoted span whose words are mostly not English;
//! * words of a passage in another language: function words of other
//!   languages (`rules/foreign.txt`) outnumber English ones around them.

use crate::dictionary::Dictionary;
use crate::hash::FxHashSet;
use super::lexicon::DocLexicon;
use super::tokenize::{is_url_or_email, Token};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    Digit,
    Url,
    Acronym,
    MixedCase,
    RecurringName,
    UserList,
    Foreign,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Lower,
    Title,
    Upper,
    Mixed,
}

pub fn case_of(w: &str) -> Case {
    let mut chars = w.chars().filter(|c| c.is_alphabetic());
    let Some(first) = chars.next() else { return Case::Lower };
    let (mut up, mut low) = (0, 0);
    for c in chars {
        if c.is_uppercase() {
            up += 1
        } else if c.is_lowercase() {
            low += 1
        }
    }
    match (first.is_uppercase(), up, low) {
        (false, 0, _) => Case::Lower,
        (true, 0, _) => Case::Title,
        (true, _, 0) => Case::Upper,
        _ => Case::Mixed,
    }
}

/// The case a mixed-case token was printed in, when the case of one letter
/// is OCR damage:
/// - Lower: a lower-case word of 4+ letters with one capital inside
///   (`houQse`, `aInd`, `morIiieg`);
/// - Title: a capital before a capitalised word (`IHome`, `MIrs`);
/// - Upper: a word of 5+ capitals but for one lower-case letter, neither
///   the second nor the last (`YOrUNG`, `rORGERY`).
///
/// None for a token that is not mixed, or is mixed as names (`McDonald`,
/// `McCARTHY`, `O'Brien`), acronyms (`CBMs`, `ICBMs`, `mRNA`, `TVs`), units
/// (`kHz`, `mAh`) and names with a variable part (`LOCALn` in RFC 2046) are:
/// those have more letters of the other case, fewer letters, their one
/// lower-case letter second or last, or chars other than letters.
pub fn stray_case(tok: &str) -> Option<Case> {
    // counted in one pass without allocating: every token of every block
    // comes here
    let (mut n, mut uppers, mut lowers) = (0, 0, 0);
    let (mut first_upper, mut second_upper, mut first_lower) = (None, None, None);
    for c in tok.chars() {
        if c.is_uppercase() {
            if first_upper.is_none() {
                first_upper = Some(n);
            } else if second_upper.is_none() {
                second_upper = Some(n);
            }
            uppers += 1;
        } else if c.is_lowercase() {
            first_lower.get_or_insert(n);
            lowers += 1;
        } else if !c.is_alphabetic() {
            return None;
        }
        n += 1;
    }
    if uppers == 0 || lowers == 0 {
        None
    } else if n >= 4 && uppers == 1 && first_upper > Some(0) {
        Some(Case::Lower)
    } else if n >= 4 && uppers == 2 && first_upper == Some(0) && second_upper == Some(1) {
        Some(Case::Title)
    } else if n >= 5 && lowers == 1 && first_lower != Some(1) && first_lower != Some(n - 1) {
        Some(Case::Upper)
    } else {
        None
    }
}

/// Apply the case pattern of `like` to the lower-case `word`.
pub fn restore_case(word: &str, like: Case) -> String {
    match like {
        Case::Lower | Case::Mixed => word.to_string(),
        Case::Upper => word.to_uppercase(),
        Case::Title => {
            let mut c = word.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        }
    }
}

/// The word lists of `rules/` that protect tokens.
#[derive(Debug, Clone, Default)]
pub struct WordLists {
    /// `protected.txt`: words never changed
    pub protected: Vec<String>,
    /// `foreign.txt`: function words of other languages, which mark a
    /// foreign passage (`Protector::foreign_passages`)
    pub foreign: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Protector {
    user: FxHashSet<String>,
    foreign: FxHashSet<String>,
    english: FxHashSet<&'static str>,
    caps_min_len: usize,
}

/// English function words, the counterweight of `WordLists::foreign` (none
/// that other languages share: not `a`, `in`, `no`).
const ENGLISH_FUNCTION: [&str; 58] = [
    "the", "of", "and", "to", "is", "that", "for", "it", "was", "with", "be", "by", "on", "not", "this", "are", "or",
    "his", "from", "at", "which", "but", "have", "they", "you", "were", "their", "has", "been", "will", "would",
    "there", "if", "we", "can", "had", "her", "she", "him", "them", "who", "when", "what", "all", "its", "our",
    "these", "those", "than", "then", "into", "also", "should", "could", "may", "must", "shall", "upon",
];

impl Protector {
    pub fn new(words: &WordLists, caps_min_len: usize) -> Self {
        let lower = |ws: &[String]| ws.iter().map(|w| w.to_lowercase()).collect();
        let english = ENGLISH_FUNCTION.into_iter().collect();
        Protector { user: lower(&words.protected), foreign: lower(&words.foreign), english, caps_min_len }
    }

    /// Marks the tokens (`lowers`, lower-cased) of passages in another
    /// language: a token whose window of 15 tokens holds at least 3 foreign
    /// function words and fewer than half as many English ones. The
    /// dictionary is English: in Spanish or German text it would find
    /// English words (`sprach` -> `spinach`, `GUERRA` -> `GUITAR`).
    pub fn foreign_passages(&self, lowers: &[String]) -> Vec<bool> {
        const HALF: usize = 7;
        // running counts: prefix sums of (foreign, English) function words
        let mut sums = vec![(0usize, 0usize); lowers.len() + 1];
        for (i, l) in lowers.iter().enumerate() {
            let (f, e) = sums[i];
            sums[i + 1] = (f + self.foreign.contains(l) as usize, e + self.english.contains(l.as_str()) as usize);
        }
        (0..lowers.len())
            .map(|i| {
                let (lo, hi) = (i.saturating_sub(HALF), (i + HALF + 1).min(lowers.len()));
                let (f, e) = (sums[hi].0 - sums[lo].0, sums[hi].1 - sums[lo].1);
                f >= 3 && 2 * e < f
            })
            .collect()
    }

    /// Whole-chunk rule (the tokeniser applies the same rules).
    pub fn chunk_reason(chunk: &str) -> Option<Reason> {
        if is_url_or_email(chunk) {
            Some(Reason::Url)
        } else if chunk.chars().any(|c| c.is_ascii_digit()) {
            Some(Reason::Digit)
        } else {
            None
        }
    }

    /// Token rule. `lower` is `tok.to_lowercase()`.
    pub fn token_reason(&self, tok: &str, lower: &str, lexicon: &DocLexicon) -> Option<Reason> {
        if self.user.contains(lower) {
            return Some(Reason::UserList);
        }
        if tok.chars().any(|c| c.is_ascii_digit()) && tok.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase()) {
            return Some(Reason::Digit);
        }
        match case_of(tok) {
            Case::Upper if tok.chars().count() < self.caps_min_len => Some(Reason::Acronym),
            // a stray case is damage, unless the document prints the token
            // again, or a capitalised one in another case too (`MAceo`
            // beside `Maceo`: a name)
            Case::Mixed => match stray_case(tok) {
                Some(Case::Lower) if lexicon.count(tok) < 2 => None,
                Some(Case::Title | Case::Upper) if lexicon.count_lower(lower) < 2 => None,
                _ => Some(Reason::MixedCase),
            },
            Case::Title if lexicon.count(tok) >= 2 => Some(Reason::RecurringName),
            Case::Upper if lexicon.count(tok) >= 2 => Some(Reason::RecurringName),
            _ => None,
        }
    }
}

const OPEN_QUOTES: [char; 4] = ['"', '“', '«', '„'];
const CLOSE_QUOTES: [char; 4] = ['"', '”', '»', '“'];

/// Mark tokens inside quoted spans (at most 40 tokens long) in which fewer
/// than half of the words of 2+ letters are dictionary words: quoted foreign
/// text. Returns one flag per token.
pub fn foreign_quoted(text: &str, toks: &[Token], dict: &Dictionary) -> Vec<bool> {
    let mut flags = vec![false; toks.len()];
    let mut i = 0;
    while i < toks.len() {
        // opening quote just before token i (within the same chunk prefix)
        let before = &text[if i == 0 { 0 } else { toks[i - 1].end }..toks[i].start];
        if !before.chars().any(|c| OPEN_QUOTES.contains(&c)) {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut closed = None;
        while j < toks.len() && j < i + 40 {
            let after = &text[toks[j].end..if j + 1 < toks.len() { toks[j + 1].start } else { text.len() }];
            if after.chars().any(|c| CLOSE_QUOTES.contains(&c)) {
                closed = Some(j);
                break;
            }
            j += 1;
        }
        let Some(j) = closed else {
            i += 1;
            continue;
        };
        let (mut words, mut known) = (0, 0);
        for t in &toks[i..=j] {
            let w = text[t.start..t.end].to_lowercase();
            if w.chars().count() >= 2 {
                words += 1;
                known += dict.contains(&w) as usize;
            }
        }
        if words >= 2 && known * 2 < words {
            for f in &mut flags[i..=j] {
                *f = true;
            }
        }
        i = j + 1;
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::super::tokenize::tokenize;
    use super::*;

    fn p() -> Protector {
        let words = WordLists {
            protected: vec!["Tikhonov".to_string(), "kampuchea".to_string()],
            foreign: ["de", "la", "los", "el", "der", "und", "die"].map(String::from).to_vec(),
        };
        Protector::new(&words, 6)
    }
    fn lowers(t: &str) -> Vec<String> {
        t.split_whitespace().map(str::to_lowercase).collect()
    }
    fn reason(tok: &str, lx: &DocLexicon) -> Option<Reason> {
        p().token_reason(tok, &tok.to_lowercase(), lx)
    }

    #[test]
    fn user_list() {
        let e = DocLexicon::empty();
        assert_eq!(reason("Tikhonov", &e), Some(Reason::UserList));
        assert_eq!(reason("KAMPUCHEA", &e), Some(Reason::UserList));
    }

    #[test]
    fn digits_and_codes() {
        assert_eq!(Protector::chunk_reason("25X1"), Some(Reason::Digit));
        assert_eq!(Protector::chunk_reason("CIA-RDP79T00975A"), Some(Reason::Digit));
        assert_eq!(Protector::chunk_reason("82-10075X"), Some(Reason::Digit));
        assert_eq!(Protector::chunk_reason("word"), None);
        let e = DocLexicon::empty();
        assert_eq!(reason("X1Y", &e), Some(Reason::Digit));
    }

    #[test]
    fn urls() {
        assert_eq!(Protector::chunk_reason("https://foo.org/x"), Some(Reason::Url));
        assert_eq!(Protector::chunk_reason("someone@example.com"), Some(Reason::Url));
        assert_eq!(Protector::chunk_reason("www.cia.gov"), Some(Reason::Url));
    }

    #[test]
    fn acronyms() {
        let e = DocLexicon::empty();
        for w in ["USSR", "LDP", "SOV", "SOVA", "CIA", "NATO"] {
            assert_eq!(reason(w, &e), Some(Reason::Acronym), "{w}");
        }
        // long all-caps words are not protected by this rule
        assert_eq!(reason("ROBBERY", &e), None);
    }

    #[test]
    fn mixed_case() {
        let e = DocLexicon::empty();
        assert_eq!(reason("CBMs", &e), Some(Reason::MixedCase));
        assert_eq!(reason("McDonald", &e), Some(Reason::MixedCase));
        assert_eq!(reason("tHe", &e), Some(Reason::MixedCase));
        for w in ["mRNA", "iOS", "kWh", "kHz", "O'Brien", "MacArthur", "PowerPoint", "McCARTHY", "ICBMs", "TVs", "LOCALn"] {
            assert_eq!(reason(w, &e), Some(Reason::MixedCase), "{w}");
        }
        // one letter of stray case: OCR damage
        for w in ["houQse", "aInd", "iPhone", "IHome", "MIrs", "YOrUNG", "rORGERY"] {
            assert_eq!(reason(w, &e), None, "{w}");
        }
        // unless the document repeats it (a brand, a name)
        let lx = DocLexicon::build("houQse and houQse");
        assert_eq!(reason("houQse", &lx), Some(Reason::MixedCase));
        // or prints a capitalised one in another case too
        let lx = DocLexicon::build("Antonio Maceo came. Then MAceo left.");
        assert_eq!(reason("MAceo", &lx), Some(Reason::MixedCase));
        let lx = DocLexicon::build("the house and the houQse");
        assert_eq!(reason("houQse", &lx), None);
    }

    #[test]
    fn stray_case_is_the_printed_case() {
        assert_eq!(stray_case("houQse"), Some(Case::Lower));
        assert_eq!(stray_case("IHome"), Some(Case::Title));
        assert_eq!(stray_case("MIrs"), Some(Case::Title));
        assert_eq!(stray_case("YOrUNG"), Some(Case::Upper));
        assert_eq!(stray_case("rORGERY"), Some(Case::Upper));
        for w in ["house", "House", "HOUSE", "CONDUCr", "McDonald", "DJs", "kHz", "tHe"] {
            assert_eq!(stray_case(w), None, "{w}");
        }
    }

    #[test]
    fn recurring_names() {
        let lx = DocLexicon::build("Weinberger said. Later Weinberger left. Once Gromvko came.");
        assert_eq!(reason("Weinberger", &lx), Some(Reason::RecurringName));
        assert_eq!(reason("Gromvko", &lx), None);
    }


    #[test]
    fn foreign_passages() {
        // a Spanish list in an English report: every word of it is marked
        let es = lowers("Enfermedades de la Laringe y los Bronquios en el nino de la ciudad");
        assert!(p().foreign_passages(&es).iter().all(|&f| f));
        // a foreign name or two in English prose mark nothing
        let en = lowers("the report of the Director de la Vega and the staff of the embassy was sent to the minister");
        assert!(p().foreign_passages(&en).iter().all(|&f| !f));
        // English words count against: three foreign words are not enough
        // among twice as many English ones
        let mixed = lowers("der Spiegel und die Zeit were the papers of the day that he read on the train");
        assert!(p().foreign_passages(&mixed).iter().all(|&f| !f));
        // the mark ends a window's half after the passage
        let both = lowers("de la los el de la los el de la x x x x x x x x x x x x x x x x x x x x x x");
        let f = p().foreign_passages(&both);
        assert!(f[0] && f[14] && !f[24], "{f:?}");
    }

    #[test]
    fn foreign_quotes() {
        let d = Dictionary::from_pairs([("he", 1), ("said", 1), ("the", 1), ("cat", 1), ("sat", 1)]);
        let t = "he said \"qui tacet consentire videtur\" and \"the cat sat\"";
        let mut toks = Vec::new();
        tokenize(t, &mut toks);
        let f = foreign_quoted(t, &toks, &d);
        let marked: Vec<&str> = toks.iter().zip(&f).filter(|(_, f)| **f).map(|(k, _)| &t[k.start..k.end]).collect();
        assert_eq!(marked, ["qui", "tacet", "consentire", "videtur"]);
    }

    #[test]
    fn case_helpers() {
        assert_eq!(case_of("the"), Case::Lower);
        assert_eq!(case_of("The"), Case::Title);
        assert_eq!(case_of("THE"), Case::Upper);
        assert_eq!(case_of("CBMs"), Case::Mixed);
        assert_eq!(restore_case("the", Case::Title), "The");
        assert_eq!(restore_case("the", Case::Upper), "THE");
        assert_eq!(restore_case("of the", Case::Title), "Of the");
    }
}
