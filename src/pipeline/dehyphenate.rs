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
//! elsewhere (joined or hyphenated), then how the rest of its batch does
//! ([`WordCounts::add_text`]), a suffix as second part (`-ness`, `-eth`, also
//! after a doubled consonant: `abhor-rest`), capitalisation of the second part
//! (`Sino-Soviet`), the dictionary, and whether both parts are common words
//! (`well-known`); a tail that goes on with a hyphen is inside a longer
//! compound (`cream-` + `and-molasses`). Weaker marks need more evidence: a
//! dash or a lost hyphen is joined only when the joined word is known, and a
//! lost hyphen between two words only when the document or batch writes the
//! word joined and never apart, or the joined word is far more common than
//! the two words side by side in the bigram list ([`JOINED_OVER_PAIR`]).
//!
//! The partner of a line is the next kept line that is not an aside (a
//! footnote or a redaction line, see [`asides`]): it may be
//! pages later, past removed banners and page numbers. The decision is stored
//! as the line's [`Join`]; the paragraphs stage applies it with [`split`] and
//! records the edit. Word counts are built once per document.

use crate::dictionary::Dictionary;
use crate::model::{Document, Join, Markup};
use crate::pipeline::asides::{asides, Aside};
use std::collections::{HashMap, HashSet};

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

/// A joined word this many times as frequent as its two parts side by side
/// ([`JoinablePairs::freq`]) was broken even when the hyphen is lost and both parts are words:
/// `be` + `cause`, `dis` + `play`. On synth's clean printed lines no plain
/// break between two words scored above 3.3 (`to morrow`) and the lost-hyphen
/// breaks started at 3.6 (`hus band`).
const JOINED_OVER_PAIR: f64 = 3.5;

/// A joined word at least this frequent in the dictionary may be read into
/// two words split by a line end with no mark at all, given the document's
/// or its batch's own spelling (`my` + `self`).
const JOINED_FREQ: u64 = 1_000_000;

/// What the stage weighs besides the document itself.
pub struct Evidence<'a> {
    pub dict: &'a Dictionary,
    /// How often two words stand side by side: `with out` is common, `rep
    /// tile` is not.
    pub pairs: &'a JoinablePairs,
    /// Word counts of the whole batch the document came with, if any.
    pub batch: Option<&'a WordCounts>,
}

pub fn run(doc: &mut Document, evidence: &Evidence) {
    let counts = WordCounts::build(doc.lines.iter().filter(|l| l.is_kept()).map(|l| l.kept()));
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
        let join = decide(&b, &counts, evidence, &mut buf);
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
    /// The tail is followed by a hyphen and a letter: the break is inside a
    /// longer compound (`cream-` + `and-molasses`).
    pub compound_goes_on: bool,
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
    // `a pause --`, `the soul. -`: a dash after a space separates words (or
    // is a speck), it breaks none; `incoher- -` is a hyphen and a speck.
    let before_dash = marks.find(['-', '¬', '—', '–']).map_or(marks, |p| &marks[..p]);
    if before_dash.contains(' ') || marks.len() > 8 {
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
    let compound_goes_on = rest[tail_len..].strip_prefix('-').is_some_and(|r| r.starts_with(char::is_alphabetic));
    Some(Split { head, head_end: body.len(), mark, mark_text: marks, tail: &rest[..tail_len], tail_start, compound_goes_on })
}

/// The bigram list (`rules/bigrams.txt`) cut down to the pairs a lost hyphen
/// could be read into: those whose two words written together are a word of
/// the dictionary (`with out`, `my self`). Scanning the list for them is much
/// cheaper than building the whole bigram index, which `--no-correct` runs
/// never need.
pub struct JoinablePairs {
    counts: HashMap<String, u64>,
    /// The list's smallest count: a pair not in it is rarer than this.
    floor: u64,
}

impl JoinablePairs {
    /// Reads `word1 word2 count` lines; lines that are not are skipped (the
    /// correction stage, which parses the whole list, reports them).
    pub fn from_list(text: &str, dict: &Dictionary) -> JoinablePairs {
        let mut pairs = JoinablePairs { counts: HashMap::new(), floor: u64::MAX };
        let mut joined = String::new();
        for line in text.strip_prefix('\u{feff}').unwrap_or(text).lines() {
            let mut it = line.split_whitespace();
            let (Some(a), Some(b), Some(n), None) = (it.next(), it.next(), it.next(), it.next()) else { continue };
            let Ok(n) = n.parse::<u64>() else { continue };
            pairs.floor = pairs.floor.min(n);
            joined.clear();
            joined.push_str(a);
            joined.push_str(b);
            if dict.contains(&joined) {
                *pairs.counts.entry(format!("{a} {b}")).or_insert(0) += n;
            }
        }
        if pairs.floor == u64::MAX {
            pairs.floor = 1;
        }
        pairs
    }

    /// How often `head tail` stand side by side, at least the list's floor.
    fn freq(&self, head: &str, tail: &str) -> u64 {
        self.counts.get(&format!("{head} {tail}")).copied().unwrap_or(0).max(self.floor).max(1)
    }
}

/// Word counts of a document or a batch, built once. `all` counts every
/// token (a hyphenated one whole: `co-operation`); `inner` only tokens that
/// neither start nor end a line, so line-end fragments (`inter-`, `vari`) do
/// not vouch for themselves.
#[derive(Default, Clone)]
pub struct WordCounts {
    counts: HashMap<String, (u32, u32)>,
    /// The kept text in lower case, non-letters as spaces, one line per
    /// line: `head tail` found in it was written apart inside a line.
    flat: String,
    /// For a batch, which `head tail` pairs stand side by side inside a line,
    /// kept only where `headtail` is a common word (`my self`, `in to`): the
    /// only pairs a lost hyphen can be read into.
    apart: HashSet<String>,
}

impl WordCounts {
    fn build<'t>(lines: impl Iterator<Item = &'t str>) -> WordCounts {
        let mut counts = WordCounts::default();
        for line in lines {
            counts.flat.push_str("\n ");
            counts.flat.extend(line.chars().flat_map(char::to_lowercase).map(|c| if c.is_alphabetic() { c } else { ' ' }));
            counts.flat.push(' ');
            counts.add_line(line);
        }
        counts
    }

    /// Adds one document of a batch, from its raw text (banners and all:
    /// they hardly ever hold the words in question). A batch's words settle
    /// a break its document has no evidence on (`to-` + `morrow` in a 1911
    /// book whose other chapters write `to-morrow`). Whether two words are
    /// written apart is only kept per document.
    pub fn add_text(&mut self, text: &str, dict: &Dictionary) {
        let mut pair = String::new();
        for line in text.lines() {
            self.add_line(line);
            let words: Vec<String> = line
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
                .map(|w| w.chars().flat_map(char::to_lowercase).collect())
                .collect();
            for w in words.windows(2) {
                pair.clear();
                pair.push_str(&w[0]);
                pair.push_str(&w[1]);
                if dict.freq(&pair) >= JOINED_FREQ && !self.apart.contains(&pair) {
                    self.apart.insert(pair.clone());
                }
            }
        }
    }

    /// Whether a batch wrote the common word `joined` as two words inside a line.
    fn written_apart_as(&self, joined: &str) -> bool {
        self.apart.contains(joined)
    }

    fn add_line(&mut self, line: &str) {
        let mut lower = String::new();
        let tokens: Vec<&str> = line
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
            match self.counts.get_mut(key) {
                Some(c) => {
                    c.0 += 1;
                    c.1 += inner;
                }
                None => {
                    self.counts.insert(key.to_string(), (1, inner));
                }
            }
        }
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

/// `abhor-` + `rest`, `begin-` + `ning`: the head's last consonant doubled
/// before a suffix, so the tail is no word of its own here even when it is
/// one elsewhere (`rest`).
fn doubled_before_suffix(head: &str, tail: &str) -> bool {
    let Some(last) = head.chars().last() else { return false };
    let mut rest = tail.chars();
    head.chars().count() >= 3
        && !matches!(last, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
        && rest.next() == Some(last)
        && SUFFIXES.contains(&rest.as_str())
}

/// `drunken` + `nesst`: the tail is no word, but starts with a suffix that
/// makes a word of the head; the rest is OCR damage the break does not settle.
fn suffix_then_specks(head: &str, tail: &str, counts: &WordCounts, dict: &Dictionary) -> bool {
    if dict.contains(tail) || counts.inner(tail) > 0 {
        return false;
    }
    let mut word = String::with_capacity(head.len() + tail.len());
    SUFFIXES.iter().filter(|s| s.len() >= 3 && tail.starts_with(*s) && tail.len() > s.len()).any(|s| {
        word.clear();
        word.push_str(head);
        word.push_str(s);
        dict.freq(&word) >= WORD_FREQ
    })
}

fn decide(b: &Split, counts: &WordCounts, ev: &Evidence, buf: &mut String) -> Join {
    let dict = ev.dict;
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
    // Inner tokens only: the batch's own line-end fragments must not vouch.
    let in_batch = |w: &str| ev.batch.map_or(0, |c| c.inner(w));
    lowercase_into(buf, &[head, tail]);
    let joined_in_doc = counts.all(buf);
    let joined_in_batch = in_batch(buf);
    let joined_in_dict = dict.contains(buf);
    let joined_freq = dict.freq(buf);
    let joined_known = joined_in_doc > 0 || joined_in_batch > 0 || joined_in_dict;

    match b.mark {
        Mark::Weak => {
            // Most line ends are plain breaks between words: join only when
            // the joined word is known and one part is no word by itself.
            // A suffix is no word here (`wicked:` + `Ness`).
            let tail_word = is_word(&lower_tail) && !SUFFIXES.contains(&lower_tail.as_str());
            // A capital inside a word is misread (`fa` + `Vorites`, `"Mon` +
            // `Sieur`); a capitalised word after a lower-case one is a name.
            let head_not_caps = head.chars().skip(1).all(char::is_lowercase);
            let tail_ok = !tail_upper || (!all_caps(tail) && !tail_word && head_not_caps);
            let short = head.chars().count() < 2 || tail.chars().count() < 2;
            if !short && tail_ok && !joined_known && suffix_then_specks(&lower_head, &lower_tail, counts, dict) {
                return Join::Dehyphenate;
            }
            if short || !tail_ok || !joined_known {
                return Join::Space;
            }
            if !(is_word(&lower_head) && tail_word) {
                return Join::Dehyphenate;
            }
            // Both parts are words. A faded hyphen read as `.` or `:` before
            // a lower-case word is still a break (`diag:` + `nosed`). With no
            // mark at all, the document must write the word joined twice, or
            // its batch once, and neither ever apart (`be` + `cause`; `may` +
            // `be` stays), or the joined word must be far more common than
            // the two words side by side (`dis` + `play`, not `in` + `to`).
            let marks = b.mark_text;
            let speck = marks == "." || marks == ":";
            if speck {
                return if !tail_upper && joined_freq >= WORD_FREQ { Join::Dehyphenate } else { Join::Space };
            }
            let batch_apart = ev.batch.is_some_and(|c| c.written_apart_as(buf));
            if !marks.is_empty() || batch_apart || counts.written_apart(&lower_head, &lower_tail) {
                return Join::Space;
            }
            let batch_spelling = joined_in_batch >= 1 && ev.batch.is_some();
            let pair = ev.pairs.freq(&lower_head, &lower_tail);
            let far_more_common = joined_freq as f64 >= JOINED_OVER_PAIR * pair as f64;
            if (joined_freq >= JOINED_FREQ && (joined_in_doc >= 2 || batch_spelling)) || (!tail_upper && far_more_common) {
                Join::Dehyphenate
            } else {
                Join::Space
            }
        }
        Mark::Dash => {
            if b.compound_goes_on && !joined_known {
                Join::KeepHyphen
            } else if !tail_upper && joined_known {
                Join::Dehyphenate
            } else {
                Join::Space
            }
        }
        Mark::Hyphen => {
            // `cream-` + `and-molasses`, but `can-` + `non-shot`.
            if b.compound_goes_on && !joined_known {
                return Join::KeepHyphen;
            }
            lowercase_into(buf, &[head, "-", tail]);
            // The document's own spelling first, then its batch's.
            for (hyphenated, joined) in [(counts.all(buf), joined_in_doc), (in_batch(buf), joined_in_batch)] {
                if hyphenated > joined {
                    return Join::KeepHyphen;
                }
                if joined > 0 {
                    return Join::Dehyphenate;
                }
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
            if joined_in_dict || doubled_before_suffix(&lower_head, &lower_tail) {
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
        joins_in_batch(text, &[])
    }

    /// `text` cleaned as one document of a batch that also holds `others`.
    fn joins_in_batch(text: &str, others: &[&str]) -> Vec<Join> {
        // Parsing the bigram list once keeps these tests quick.
        static RULES: std::sync::OnceLock<(Rules, JoinablePairs)> = std::sync::OnceLock::new();
        let (rules, pairs) = RULES.get_or_init(|| {
            let rules = Rules::embedded().unwrap();
            let pairs = JoinablePairs::from_list(&rules.bigrams.text, &rules.dictionary);
            (rules, pairs)
        });
        let mut batch = WordCounts::default();
        for t in others.iter().chain([&text]) {
            batch.add_text(t, &rules.dictionary);
        }
        let batch = (!others.is_empty()).then_some(&batch);
        let mut doc = crate::input::read_document("t", "t", text.as_bytes().to_vec());
        run(&mut doc, &Evidence { dict: &rules.dictionary, pairs, batch });
        doc.lines.iter().map(|l| l.join).collect()
    }

    #[test]
    fn a_lost_hyphen_between_two_words_by_their_frequencies() {
        // `display` is far more common than `dis play`; `in to` is common.
        assert_eq!(joins("prepared for dis\nplay like a box")[0], Join::Dehyphenate);
        assert_eq!(joins("by Ephesus be\ncause he would not")[0], Join::Dehyphenate);
        assert_eq!(joins("and he went in\nto the house")[0], Join::Space);
        assert_eq!(joins("he will lay\nup treasure")[0], Join::Space);
    }

    #[test]
    fn the_batch_settles_what_the_document_does_not() {
        let text = "the needs of to-day from the revenues of to-\nmorrow and more";
        assert_eq!(joins(text)[0], Join::Dehyphenate);
        assert_eq!(joins_in_batch(text, &["the Past of to-morrow is here"])[0], Join::KeepHyphen);
        let text = "count my life dear unto my\nself, so that";
        assert_eq!(joins(text)[0], Join::Space);
        assert_eq!(joins_in_batch(text, &["I will get myself a name"])[0], Join::Dehyphenate);
        // Written apart anywhere in the batch: no join.
        let both = ["I will get myself a name", "I said to my self then"];
        assert_eq!(joins_in_batch(text, &both)[0], Join::Space);
    }

    #[test]
    fn breaks_inside_longer_compounds() {
        assert_eq!(joins("a saucer of cream—\nand-molasses in a room")[0], Join::KeepHyphen);
        assert_eq!(joins("a mother-\nin-law came")[0], Join::KeepHyphen);
        assert_eq!(joins("a can-\nnon-shot away")[0], Join::Dehyphenate);
    }

    #[test]
    fn a_doubled_consonant_before_a_suffix() {
        assert_eq!(joins("thou that abhor-\nrest idols")[0], Join::Dehyphenate);
        assert_eq!(joins("in the begin-\nning was")[0], Join::Dehyphenate);
        assert_eq!(joins("a well-\nknown fact")[0], Join::KeepHyphen);
    }

    #[test]
    fn damage_after_the_break() {
        // A dash after a sentence's end and a space is a speck, not a hyphen.
        assert_eq!(joins("passions of the masculine soul. -\n\nCURSE, v.t. To belabor")[0], Join::Space);
        // A suffix followed by OCR damage.
        assert_eq!(joins("and not for drunken\nnesst By much")[0], Join::Dehyphenate);
        // A misread capital after a capitalised head.
        assert_eq!(joins("the amused Regent. \"Mon\nSieur, it is worth")[0], Join::Dehyphenate);
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
