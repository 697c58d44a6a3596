//! Conservative OCR word correction.
//!
//! A token is considered when its lower-case form is not in the dictionary
//! and no protection rule (see `protect`) applies; in a document that has
//! stray non-words, a dictionary word is also weighed against the dictionary
//! words one cheap OCR confusion away (real-word errors, `realword`). Candidates come
//! from a symmetric-delete index (edit distance ≤ 2, ≤ 1 for short words),
//! from splitting the token in two dictionary words (`ofthe` → `of the`), from
//! merging it with its neighbour (`imply ing` → `implying`), from resolving a
//! hyphen left inside a line (`pro- perty` → `property`, `Police- court` →
//! `Police-court`, `charged- with` → `charged with`) and from dropping junk
//! punctuation glued between two words (`to';whom` → `to whom`): the sites,
//! found by `sites`. Each site's alternatives are scored by one logistic function (`score`) over
//! named features: the learned OCR confusion cost, dictionary frequency,
//! bigram context with both neighbours, document evidence (the candidate
//! occurring elsewhere in the document, the observed form recurring, how
//! noisy the document is) and the token's shape. The weights are fitted on
//! the training sets by `tools/fit_correct.py` (`weights.rs`). The best
//! alternative per site is reported with `score` = sigmoid(log-odds, less an
//! ambiguity term when the runner-up is close) and applied when
//! `score >= threshold`.
//!
//! Case: the candidate takes the case pattern of the observed token (`Tbe` →
//! `The`, `TBE` → `THE`). All-capital tokens shorter than
//! `caps_min_len` are protected as acronyms; longer ones (headlines) can be
//! corrected (the `caps` feature). Mixed-case tokens are never touched
//! (names, acronyms, units: `McDonald`, `CBMs`, `kWh`), except those whose
//! one letter of stray case OCR made (`houQse`, `IHome`, `CONDUCr`): they are
//! corrected in the case they were printed in (`protect::stray_case`).

pub mod lexicon;
pub mod protect;
pub mod realword;
pub mod score;
mod sites;
pub mod symspell;
pub mod tokenize;
mod weights;

pub use crate::confusions::ConfusionTable;
pub use crate::dictionary::{Bigrams, Dictionary, ParseError};
pub use lexicon::DocLexicon;
pub use protect::{Protector, Reason, WordLists};
pub use realword::{Neighbours, Rewrites};
pub use score::{Features, Weights};
pub use symspell::SymSpell;

use symspell::{CandidateLists, LookupScratch};
use crate::hash::FxHashMap;
use rayon::prelude::*;
use std::sync::RwLock;

/// Tunables. `Default` holds the values fitted on bln600_train + synth
/// (`weights.rs`, written by `tools/fit_correct.py`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CorrectOptions {
    /// run the stage at all (`--no-correct` turns it off)
    pub enabled: bool,
    /// also report corrections scored below the threshold, as `suggest`
    /// edits that leave the text unchanged (`--suggest`)
    pub suggest: bool,
    /// apply a correction when its score (0..1) is at least this
    pub threshold: f32,
    /// maximum edit distance for candidates (≤ 2)
    pub max_distance: u8,
    /// tokens of at most this many chars use edit distance 1
    pub short_len: usize,
    /// tokens shorter than this are never substituted
    pub min_len: usize,
    /// all-capital tokens shorter than this are protected acronyms
    pub caps_min_len: usize,
    /// log-odds taken off the best candidate when the runner-up is within
    /// one log-odds unit of it (scaled by how close it is)
    pub ambiguity: f32,
    /// distance-2 candidates are only looked up when no distance-1 candidate
    /// has an OCR confusion cost at most this (see `Corrector::candidates`)
    pub tier_cost: f32,
    /// in a clean document (at most `clean_share` of its words unknown, or
    /// fewer than `real_word_min_stray` strays: technical text) a
    /// form it repeats, or a token of at most `short_len` chars, is only
    /// replaced by candidates whose OCR confusion cost is at most this. There
    /// the same error made twice by chance is unlikely unless it is a known
    /// confusion (`tbe` → `the`), so a repeated form that needs an
    /// unexplained edit (`qvalue` → `value`; an unlisted edit costs 1) is the
    /// document's own word; and a short token has many dictionary words one
    /// arbitrary edit away, so such an edit (`gif` → `if`) is no evidence of
    /// an error in text that has few
    pub clean_max_cost: f32,
    /// share of unknown words up to which a document counts as clean (see
    /// `clean_max_cost`)
    pub clean_share: f32,
    /// a dictionary word is weighed against the dictionary words that one
    /// rule of the error model costing at most this turns it into (real-word
    /// errors, `tor` → `for`; see `realword`); 0 turns that off
    pub real_word_max_cost: f32,
    /// a multi-char rule (`li` → `h`: a broken or merged glyph) gives a
    /// dictionary word real-word candidates up to this cost (`lie` → `he`,
    /// `tile` → `the`); such a rule turns a word into another far more
    /// rarely than a one-char rule does
    pub real_word_multi_char_max_cost: f32,
    /// real-word candidates are only weighed in a document at least this
    /// share of whose words are strays, unknown words that occur once
    /// (`DocLexicon::stray_share`): OCR that confuses `f` and `t` leaves
    /// such non-words too (`trom`). Technical text, whose unknown words are
    /// its recurring terms, and text without unknown words are taken as
    /// meant (text made only of dictionary words is never changed)
    pub real_word_min_stray: f32,
    /// an unknown token's candidates include the dictionary words one
    /// multi-char rule of the error model costing at most this turns it into
    /// (`tlie` → `the`: one confusion, two edits, while `tie` is one edit
    /// away and stops the search there); 0 turns that off
    pub multi_char_max_cost: f32,
    /// the scoring function (see `score`)
    pub weights: Weights,
}

impl Default for CorrectOptions {
    fn default() -> Self {
        CorrectOptions {
            enabled: true,
            suggest: false,
            threshold: weights::THRESHOLD,
            max_distance: 2,
            short_len: 4,
            min_len: 2,
            caps_min_len: 6,
            ambiguity: weights::AMBIGUITY,
            tier_cost: 1.0,
            clean_max_cost: 0.99,
            clean_share: 0.05,
            real_word_max_cost: 0.8,
            real_word_multi_char_max_cost: 0.9,
            real_word_min_stray: 0.015,
            multi_char_max_cost: 1.0,
            weights: weights::FITTED,
        }
    }
}

impl Default for Weights {
    fn default() -> Self {
        weights::FITTED
    }
}

/// One proposed correction. Offsets are byte offsets into the corrected text,
/// half-open.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Correction {
    pub start: usize,
    pub end: usize,
    pub from: String,
    pub to: String,
    pub score: f32,
    pub applied: bool,
}

pub struct Corrector {
    dict: Dictionary,
    bigrams: Option<Bigrams>,
    confusions: ConfusionTable,
    protector: Protector,
    index: SymSpell,
    /// the rules costing at most `opts.real_word_max_cost`, and the
    /// multi-char ones up to `opts.real_word_multi_char_max_cost`
    rewrites: Rewrites,
    /// the multi-char rules costing at most `opts.multi_char_max_cost`
    multi_char: Rewrites,
    /// the real-word neighbours of the words seen so far
    neighbours: RwLock<FxHashMap<String, Neighbours>>,
    /// the bigram-list id of each index word (`u32::MAX`: none), see `index_ctx`
    pair_ids: Vec<u32>,
    opts: CorrectOptions,
    /// `confusions.max_single_edit_cost()`
    max_single_cost: f32,
    /// the cheapest cost any candidate can have (bounds what the cost terms
    /// can add to a score, for pruning)
    min_edit_cost: f32,
}

/// A word as the context features see it: its frequency and its id in the
/// bigram list, looked up once per word rather than once per pairing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ctx {
    pub freq: u64,
    pub pair_id: Option<u32>,
}

/// ln of a corpus frequency (of 1 for an unseen word).
fn ln_freq(f: u64) -> f32 {
    (f.max(1) as f32).ln()
}

#[inline]
fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

fn is_space_gap(g: &str) -> bool {
    !g.is_empty() && g.chars().all(|c| c == ' ' || c == '\t')
}

/// Is the token starting at `start` at the start of a sentence / line item?
fn sentence_initial(text: &str, start: usize) -> bool {
    for c in text[..start].chars().rev() {
        if c.is_whitespace() || matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '*' | '_') {
            continue;
        }
        return matches!(c, '.' | '!' | '?' | ':' | ';' | '”' | '#' | '-' | '—' | '•' | '|' | '>');
    }
    true
}

/// One way to rewrite a site: the replacement text (case restored), its
/// features and its log-odds.
#[derive(Debug, Clone)]
pub struct Alternative {
    pub to: String,
    pub features: Features,
    pub z: f32,
}

/// A span of the text the corrector could change (byte offsets, half-open)
/// and its alternatives.
#[derive(Debug, Clone, Default)]
pub struct Site {
    pub start: usize,
    pub end: usize,
    pub alternatives: Vec<Alternative>,
}

impl Corrector {
    pub fn new(
        dict: Dictionary,
        bigrams: Option<Bigrams>,
        confusions: ConfusionTable,
        words: WordLists,
        opts: CorrectOptions,
    ) -> Self {
        let index = Self::build_index(&dict, &opts);
        Self::with_index(dict, bigrams, confusions, words, opts, index)
    }

    /// The candidate index `new` builds (to build it apart, e.g. in parallel).
    /// Deletes of the first 8 chars: with 7, distance-2 lookups verified
    /// many more words that share only the prefix with the token (about 18%
    /// slower on bln600_train tokens); 8 costs 23% more index memory and a
    /// longer build, 9 was no faster.
    pub fn build_index(dict: &Dictionary, opts: &CorrectOptions) -> SymSpell {
        SymSpell::build(dict, opts.max_distance.min(2), 8)
    }

    /// As `new`, with an index from `build_index` over the same dictionary.
    pub fn with_index(
        dict: Dictionary,
        bigrams: Option<Bigrams>,
        confusions: ConfusionTable,
        words: WordLists,
        opts: CorrectOptions,
        index: SymSpell,
    ) -> Self {
        let protector = Protector::new(&words, opts.caps_min_len);
        let max_single_cost = confusions.max_single_edit_cost();
        let min_edit_cost = confusions.min_edit_cost();
        let rewrites = Rewrites::new(&confusions, opts.real_word_max_cost, opts.real_word_multi_char_max_cost);
        let multi_char = Rewrites::multi_char(&confusions, opts.multi_char_max_cost);
        let neighbours = RwLock::default();
        let pair_ids = (0..index.len() as u32).map(|id| bigrams.as_ref().and_then(|b| b.id(index.word(id))).unwrap_or(u32::MAX)).collect();
        Corrector { dict, bigrams, confusions, protector, index, rewrites, multi_char, neighbours, pair_ids, opts, max_single_cost, min_edit_cost }
    }

    pub fn options(&self) -> &CorrectOptions {
        &self.opts
    }
    pub fn dictionary(&self) -> &Dictionary {
        &self.dict
    }
    pub fn index(&self) -> &SymSpell {
        &self.index
    }

    /// In the dictionary, or a regular inflection, archaic verb form or
    /// British-American variant of a dictionary word (`harassments`,
    /// `delivereth`, `rumors`, `organised`, `afterward`): such tokens are
    /// treated as correct words.
    pub fn known(&self, l: &str) -> bool {
        if self.dict.contains(l) || self.inflected(l, &["s", "es", "ed", "d", "ing", "ly", "er", "ers", "ness"]) {
            return true;
        }
        if self.archaic_verb(l) {
            return true;
        }
        // American double l where British spelling has one (`fulfillment`);
        // only for long words, where a doubled `l` is unlikely an OCR slip
        if l.len() >= 8 {
            if let Some(p) = l.rfind("ll") {
                if self.known_simple(&format!("{}{}", &l[..p], &l[p + 1..])) {
                    return true;
                }
            }
        }
        for (a, b) in SPELLING_VARIANTS {
            if let Some(p) = l.rfind(a) {
                // `your` is no `-our` word: `youre` is no variant of `yore`
                if a == "our" && l[..p].ends_with('y') {
                    continue;
                }
                let v = format!("{}{}{}", &l[..p], b, &l[p + a.len()..]);
                if self.known_simple(&v) {
                    return true;
                }
            }
        }
        false
    }

    /// The second and third person of early modern English verbs, which old
    /// books, bibles and laws are full of and the dictionary lacks:
    /// `delivereth`, `teachest` (stem + eth/est), `loveth`, `takest` (stem
    /// in e + th/st), `replieth` (a verb in y; not `-iest`, which garbled
    /// superlatives end in too), `stretchedst` (the past). A stem of 4+
    /// letters: `chiest` is no `chi` + `est`.
    fn archaic_verb(&self, l: &str) -> bool {
        let stem = |suf: &str, min: usize, in_e: bool| {
            l.strip_suffix(suf).is_some_and(|st| st.len() >= min && (!in_e || st.ends_with('e')) && self.dict.contains(st))
        };
        stem("eth", 4, false)
            || stem("est", 4, false)
            || stem("th", 4, true)
            || stem("st", 4, true)
            || l.strip_suffix("ieth").is_some_and(|st| st.len() >= 3 && self.dict.contains(&format!("{st}y")))
            || l.strip_suffix("edst").is_some_and(|st| st.len() >= 3 && self.known_simple(&format!("{st}ed")))
    }

    fn known_simple(&self, l: &str) -> bool {
        self.dict.contains(l) || self.inflected(l, &["s", "es", "ed", "d", "ing"])
    }

    /// A dictionary word of 4+ letters with one of `suffixes`, spelled as
    /// that inflection is (`inflects`).
    fn inflected(&self, l: &str, suffixes: &[&str]) -> bool {
        suffixes.iter().any(|s| l.strip_suffix(s).is_some_and(|st| st.len() >= 4 && inflects(st, s) && self.dict.contains(st)))
    }

    /// Dictionary candidates for each lower-case token `l` of `terms` (with
    /// its edit distance `k`); `lists.get(i)` holds those of `terms[i]`.
    /// Tiered: when `k` ≥ 2 the distance-1 neighbourhood is searched first
    /// and the search stops there if it holds a candidate (of ≥ 2 chars) whose
    /// OCR confusion cost is at most `tier_cost`. A short word has hundreds of
    /// dictionary words at distance 2 and, once a plausible one-edit correction
    /// exists, they practically never win; skipping them is what makes the
    /// lookup fast. The tokens are looked up together, so that the index's
    /// cache misses overlap (`SymSpell::lookup_many`).
    pub fn candidates(&self, terms: &[(&str, u8)], scratch: &mut LookupScratch, lists: &mut CandidateLists) {
        lists.reset(terms.len());
        let first: Vec<(&str, u8)> = terms.iter().map(|&(l, k)| (l, k.min(1))).collect();
        let mut again: Vec<usize> = Vec::new();
        // with the shipped table every one-edit candidate qualifies, and
        // the (costly) weighted distance need not be computed
        let any = self.max_single_cost <= self.opts.tier_cost;
        self.index.lookup_many(&first, scratch, |i, found| {
            let (l, k) = terms[i];
            let good = k < 2
                || found.iter().any(|c| {
                    self.index.word_len(c.id) >= 2 && (any || self.confusions.cost(l, self.index.word(c.id)) <= self.opts.tier_cost)
                });
            if good {
                lists.set(i, found);
            } else {
                again.push(i);
            }
        });
        let second: Vec<(&str, u8)> = again.iter().map(|&i| terms[i]).collect();
        self.index.lookup_many(&second, scratch, |j, found| lists.set(again[j], found));
    }

    fn bigram(&self, a: &str, b: &str) -> u64 {
        self.bigrams.as_ref().map_or(0, |bg| bg.freq(a, b))
    }

    /// The lower-case word `w` as the context features use it.
    fn ctx(&self, w: &str) -> Ctx {
        Ctx { freq: self.dict.freq(w), pair_id: self.bigrams.as_ref().and_then(|b| b.id(w)) }
    }

    /// `ctx` of the index's word `id`, without a string lookup.
    fn index_ctx(&self, id: u32) -> Ctx {
        let p = self.pair_ids[id as usize];
        Ctx { freq: self.index.freq(id), pair_id: (p != u32::MAX).then_some(p) }
    }

    /// ln of a corpus frequency, centred so that common words are near 0.
    fn log_freq(f: u64) -> f32 {
        ln_freq(f) - 16.0
    }

    /// Context features of the pair (`a`, `b`): (pmi, unseen). Without a
    /// neighbour both are 0.
    fn pair_context(&self, a: Option<Ctx>, b: Option<Ctx>) -> (f32, f32) {
        let (Some(a), Some(b)) = (a, b) else { return (0.0, 0.0) };
        let bg = self.bigrams.as_ref().map_or(0, |bg| bg.freq_of_ids(a.pair_id, b.pair_id));
        if bg == 0 {
            return (0.0, 1.0);
        }
        ((bg as f32).ln() + ln_freq(self.dict.total()) - ln_freq(a.freq) - ln_freq(b.freq), 0.0)
    }

    fn set_context(&self, f: &mut Features, prev: Option<Ctx>, first: Ctx, last: Ctx, next: Option<Ctx>) {
        (f.pmi_prev, f.unseen_prev) = self.pair_context(prev, Some(first));
        (f.pmi_next, f.unseen_next) = self.pair_context(Some(last), next);
    }

    fn in_doc(lexicon: &DocLexicon, lower: &str) -> f32 {
        (1.0 + lexicon.count_lower(lower) as f32).ln()
    }

    /// All corrections for `text`, one per site (the best alternative), with
    /// non-overlapping ones at or above the threshold marked `applied`; see
    /// `Correction`.
    pub fn correct(&self, text: &str, lexicon: &DocLexicon, out: &mut Vec<Correction>) {
        out.clear();
        self.sites(text, lexicon, false, &mut |site| out.extend(self.best_of(text, site)));
        self.choose(out);
    }

    /// The corrections of each of `texts`, the blocks of one document, as
    /// `correct` gives them; with the document's own OCR confusions weighed
    /// (`document_sites`) when the scorer uses them (`uses_doc_confusions`).
    pub fn correct_document(&self, texts: &[&str]) -> Vec<Vec<Correction>> {
        if !self.uses_doc_confusions() {
            let lexicon = DocLexicon::build(&texts.join("\n"));
            return texts
                .par_iter()
                .map(|t| {
                    let mut out = Vec::new();
                    self.correct(t, &lexicon, &mut out);
                    out
                })
                .collect();
        }
        self.decide(texts, &self.document_sites(texts).1)
    }

    /// Every site of each of `texts` (one document's blocks) with all its
    /// alternatives, and the document's lexicon. The lexicon holds the
    /// one-char substitutions a first decision over these sites applies
    /// (`DocLexicon::learn_confusions`), and every alternative is scored
    /// again with that evidence (`doc_confusion`): only those features
    /// change, so the sites are found once.
    pub fn document_sites(&self, texts: &[&str]) -> (DocLexicon, Vec<Vec<Site>>) {
        let mut lexicon = DocLexicon::build(&texts.join("\n"));
        // the blocks in parallel: a batch of one long document would
        // otherwise correct it on one core
        let mut sites: Vec<Vec<Site>> = texts
            .par_iter()
            .map(|t| {
                let mut v = Vec::new();
                self.sites(t, &lexicon, true, &mut |s| v.push(std::mem::take(s)));
                v
            })
            .collect();
        let first = self.decide(texts, &sites);
        lexicon.learn_confusions(first.iter().flatten().filter(|c| c.applied).map(|c| (c.from.as_str(), c.to.as_str())));
        let w = &self.opts.weights;
        for (t, ss) in texts.iter().zip(&mut sites) {
            for s in ss.iter_mut() {
                let from = t[s.start..s.end].to_lowercase();
                for a in &mut s.alternatives {
                    let support = lexicon.confusion_support(&from, &a.to.to_lowercase());
                    if a.features.real_word == 1.0 {
                        a.features.rw_doc_confusion = support;
                    } else {
                        a.features.doc_confusion = support;
                    }
                    a.z = w.z(&a.features);
                }
            }
        }
        (lexicon, sites)
    }

    /// The corrections of `texts` from their `sites`, as `correct` decides.
    fn decide(&self, texts: &[&str], sites: &[Vec<Site>]) -> Vec<Vec<Correction>> {
        texts
            .iter()
            .zip(sites)
            .map(|(t, ss)| {
                let mut out: Vec<Correction> = ss.iter().filter_map(|s| self.best_of(t, s)).collect();
                self.choose(&mut out);
                out
            })
            .collect()
    }

    /// The best alternative of `site` in `text` as a correction, not yet
    /// applied, its score lowered when the runner-up is close.
    fn best_of(&self, text: &str, site: &Site) -> Option<Correction> {
        let mut best: Option<&Alternative> = None;
        let mut second = f32::NEG_INFINITY;
        for a in &site.alternatives {
            match best {
                Some(b) if b.z >= a.z => second = second.max(a.z),
                _ => {
                    second = second.max(best.map_or(f32::NEG_INFINITY, |b| b.z));
                    best = Some(a);
                }
            }
        }
        let b = best?;
        let z = b.z - self.opts.ambiguity * (1.0 - (b.z - second)).max(0.0);
        Some(Correction {
            start: site.start,
            end: site.end,
            from: text[site.start..site.end].to_string(),
            to: b.to.clone(),
            score: sigmoid(z),
            applied: false,
        })
    }

    /// Mark the non-overlapping corrections at or above the threshold
    /// applied, best score first, and sort them by position.
    fn choose(&self, out: &mut [Correction]) {
        let o = &self.opts;
        let mut order: Vec<usize> = (0..out.len()).collect();
        order.sort_by(|&a, &b| out[b].score.total_cmp(&out[a].score));
        // the applied spans, start -> end; they are disjoint, so the only one
        // that can overlap `c` is the last one starting before `c` ends
        let mut taken: std::collections::BTreeMap<usize, usize> = Default::default();
        for idx in order {
            let c = &out[idx];
            if c.score < o.threshold || c.to == c.from {
                continue;
            }
            if taken.range(..c.end).next_back().is_some_and(|(_, &e)| e > c.start) {
                continue;
            }
            taken.insert(c.start, c.end);
            out[idx].applied = true;
        }
        out.sort_by_key(|c| (c.start, c.end));
    }
}

impl Corrector {
    /// The lexicon of the document whose block texts are `texts`; with
    /// `learn_confusions`, holding the one-char confusions a first decision
    /// applies in it (see `document_sites`).
    pub fn document_lexicon(&self, texts: &[&str], learn_confusions: bool) -> DocLexicon {
        if learn_confusions {
            self.document_sites(texts).0
        } else {
            DocLexicon::build(&texts.join("\n"))
        }
    }

    /// Does the scorer weigh the document's own confusions (then
    /// `correct_document` decides twice)?
    pub fn uses_doc_confusions(&self) -> bool {
        let w = &self.opts.weights;
        w.doc_confusion != 0.0 || w.rw_doc_confusion != 0.0
    }
}

/// Can `suffix` follow `stem` as English spelling, old or new, has it?
/// `formd`, `nameed`, `kidss`, `citys`, `performancees` are no inflections but
/// OCR errors (of `formed`, `named`, `kids`, `city`, `performances`) that a
/// dictionary stem would pass. Early modern plurals and pasts are
/// inflections (`wordes`, `dayes`, `carryed`, `answerd`).
fn inflects(stem: &str, suffix: &str) -> bool {
    let &[.., before, last] = stem.as_bytes() else { return true };
    let consonant_y = last == b'y' && !matches!(before, b'a' | b'e' | b'i' | b'o' | b'u');
    let sibilant = matches!(last, b's' | b'x' | b'z') || stem.ends_with("ch") || stem.ends_with("sh");
    match suffix {
        "s" => !sibilant && !consonant_y,
        // `answerd`, `enterd`: early modern `-er'd` without its apostrophe
        "d" => last == b'e' || stem.ends_with("er"),
        "es" | "ed" | "er" | "ers" => last != b'e',
        _ => true,
    }
}

/// British and American spellings of one word differ by these (`colour`,
/// `color`; `organise`, `organize`; `centre`, `center`; the dictionary has
/// the British `offence`, `catalogue`, `marvellous`, `jewellery` but not
/// `offense`, `catalog`, `marvelous`, `jewelry`; not every `-ense` for
/// `-ence`: OCR reads `evidence` as `evidense`), early modern spellings
/// from today's by `ick`/`ic` (`musick`, `publick`), and American spellings
/// of Greek and Latin words from the British `ae`/`oe` by the roots after
/// it (`anemia`, `hemorrhage`, `pediatric`, `esthetic`, `edema`,
/// `estrogen`, `maneuver`). Only these roots: `poetry`, `aerial`,
/// `coexist`, `whoever` have no digraph, and OCR's `petry`, `erial`,
/// `cexist`, `whever` are errors, not variants. The last eleven are American
/// spellings of single words or endings (`skeptic`, `willful`, `pretense`,
/// `mollusk`, `artifact`, `aluminum`, `pajamas`, `mustache`, `maneuvered`,
/// `plow`).
pub(super) const SPELLING_VARIANTS: [(&str, &str); 41] = [
    ("our", "or"),
    ("or", "our"),
    ("is", "iz"),
    ("iz", "is"),
    ("ys", "yz"),
    ("yz", "ys"),
    ("tre", "ter"),
    ("ter", "tre"),
    ("ward", "wards"),
    ("fense", "fence"),
    ("log", "logue"),
    ("elous", "ellous"),
    ("elry", "ellery"),
    ("ick", "ic"),
    ("emia", "aemia"),
    ("emic", "aemic"),
    ("hem", "haem"),
    ("ped", "paed"),
    ("arche", "archae"),
    ("esth", "aesth"),
    ("fec", "faec"),
    ("gynec", "gynaec"),
    ("pale", "palae"),
    ("ede", "oede"),
    ("estr", "oestr"),
    ("esoph", "oesoph"),
    ("etio", "aetio"),
    ("euver", "oeuvre"),
    ("rrhea", "rrhoea"),
    ("celi", "coeli"),
    ("skep", "scep"),
    ("llful", "lful"),
    ("etense", "etence"),
    ("llusk", "llusc"),
    ("ifact", "efact"),
    ("aluminum", "aluminium"),
    ("pajama", "pyjama"),
    ("mustache", "moustache"),
    ("euvered", "oeuvred"),
    ("euvering", "oeuvring"),
    ("plow", "plough"),
];

/// Does the gap between two tokens join them into one chunk (`king's`,
/// `twenty-seven`)? A real-word candidate must stand alone.
fn is_joined(g: &str) -> bool {
    !g.chars().any(char::is_whitespace)
}

/// Apply the corrections marked `applied` (overlapping ones after the first
/// are skipped) and return the new text.
pub fn apply(text: &str, corrections: &[Correction]) -> String {
    let mut v: Vec<&Correction> = corrections.iter().filter(|c| c.applied).collect();
    v.sort_by_key(|c| (c.start, c.end));
    let mut s = String::with_capacity(text.len());
    let mut pos = 0;
    for c in v {
        if c.start < pos || c.end > text.len() {
            continue;
        }
        s.push_str(&text[pos..c.start]);
        s.push_str(&c.to);
        pos = c.end;
    }
    s.push_str(&text[pos..]);
    s
}

/// Stage 7 entry: corrects the text of every block, with the whole
/// document as lexicon. Applied corrections become `correct` edits with their
/// score; with `suggest`, the rejected best candidates become `suggest` edits
/// that leave the text as it is. `suggest` is given here rather than read
/// from the corrector's options because the index is built once, before the
/// command line's `--suggest` is known.
pub fn run(doc: &mut crate::model::Document, corrector: &Corrector, suggest: bool) {
    let is_text = |b: &crate::model::Block| b.kind != crate::model::BlockKind::Redaction;
    let texts: Vec<&str> = doc.blocks.iter().filter(|b| is_text(b)).map(|b| b.text.as_str()).collect();
    let found = corrector.correct_document(&texts);
    for (block, mut found) in doc.blocks.iter_mut().filter(|b| is_text(b)).zip(found) {
        if !found.is_empty() {
            apply_to_block(block, &mut found, suggest);
        }
    }
}

fn apply_to_block(block: &mut crate::model::Block, found: &mut [Correction], suggest: bool) {
    use crate::model::{Edit, Splice};
    // a rejected site inside an applied one (`to` of the merge `to gether`)
    // is dropped here: walking it would skip the applied edit
    let mut applied: Vec<(usize, usize)> = found.iter().filter(|c| c.applied).map(|c| (c.start, c.end)).collect();
    applied.sort_unstable();
    // applied spans are disjoint: only the last one starting before `c` ends can overlap it
    let overlaps_applied = |c: &Correction| {
        let k = applied.partition_point(|&(s, _)| s < c.end);
        !c.applied && k > 0 && applied[k - 1].1 > c.start
    };
    found.sort_by_key(|c| (c.start, c.end));
    let mut splices = Vec::new();
    let mut pos = 0usize;
    for c in found.iter() {
        if c.start < pos || overlaps_applied(c) {
            continue;
        }
        pos = c.end;
        let (op, to) = match (c.applied, suggest) {
            (true, _) => ("correct", &c.to),
            (false, true) => ("suggest", &c.from),
            (false, false) => continue,
        };
        let edit = Edit { op, from: c.from.clone(), to: c.to.clone(), at: 0, score: Some(c.score) };
        splices.push(Splice { range: c.start..c.end, to: to.clone(), edit: Some(edit) });
    }
    block.splice(splices);
}

#[cfg(test)]
mod tests;
