//! Conservative OCR word correction.
//!
//! A token is only ever considered when its lower-case form is not in the
//! dictionary and no protection rule (see `protect`) applies. Candidates come
//! from a symmetric-delete index (edit distance ≤ 2, ≤ 1 for short words),
//! from splitting the token in two dictionary words (`ofthe` → `of the`), from
//! merging it with its neighbour (`imply ing` → `implying`, `pro- perty` →
//! `property`) and from dropping junk punctuation glued between two words
//! (`to';whom` → `to whom`). Each candidate gets a log-odds score from the
//! learned OCR confusion cost, its dictionary frequency, bigram context with the
//! neighbouring words, and document evidence (the candidate occurring elsewhere
//! in the document; the observed form recurring). The best candidate per token
//! is reported with `score` = sigmoid(log-odds) and applied when
//! `score >= threshold`.
//!
//! Case: the candidate takes the case pattern of the observed token (`Tbe` →
//! `The`, `TBE` → `THE`). All-capital tokens shorter than
//! `caps_min_len` are protected as acronyms; longer ones (headlines) can be
//! corrected, with the `pen_caps` penalty. Mixed-case tokens are never touched.

pub mod confusion;
pub mod lexicon;
pub mod protect;
pub mod symspell;
pub mod tokenize;

pub use confusion::ConfusionTable;
pub use crate::dictionary::{Bigrams, Dictionary, ParseError};
pub use lexicon::DocLexicon;
pub use protect::{Protector, Reason};
pub use symspell::SymSpell;

use protect::{case_of, foreign_quoted, restore_case, Case};
use symspell::{Candidate, LookupScratch};
use tokenize::{tokenize, Token, TokenKind};

/// Tunables. `Default` holds the values tuned on bln600_train + synth.
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
    /// log-odds bias
    pub bias: f32,
    /// weight of the OCR confusion cost
    pub w_cost: f32,
    /// weight of ln(frequency) of the candidate …
    pub w_freq: f32,
    /// … centred at this ln(frequency)
    pub freq_center: f32,
    /// bonus per neighbour forming a known bigram with the candidate
    pub w_ctx: f32,
    /// bonus when the candidate occurs elsewhere in the document
    pub w_lex: f32,
    /// penalty per ln(count) when the observed form recurs in the document
    pub w_recur: f32,
    /// penalty for a capitalised token not at a sentence start (likely a name)
    pub pen_title: f32,
    /// penalty for an all-capital token
    pub pen_caps: f32,
    /// penalty for 3- and 4-letter tokens
    pub pen_short: f32,
    /// cost of splitting one token into two words
    pub split_cost: f32,
    /// cost of merging two tokens separated by a space
    pub merge_cost: f32,
    /// extra cost when one of the merged tokens is a single letter
    pub merge_single_cost: f32,
    /// cost of merging across a hyphen + whitespace
    pub hyphen_merge_cost: f32,
    /// cost of replacing glued junk punctuation by a space
    pub punct_cost: f32,
    /// penalty scale when the runner-up candidate is close
    pub ambiguity: f32,
    /// distance-2 candidates are only looked up when no distance-1 candidate
    /// has an OCR confusion cost at most this (see `Corrector::candidates`)
    pub tier_cost: f32,
}

impl Default for CorrectOptions {
    fn default() -> Self {
        CorrectOptions {
            enabled: true,
            suggest: false,
            threshold: 0.4,
            max_distance: 2,
            short_len: 4,
            min_len: 3,
            caps_min_len: 6,
            bias: 2.0,
            w_cost: 4.0,
            w_freq: 0.3,
            freq_center: 16.0,
            w_ctx: 1.0,
            w_lex: 1.5,
            w_recur: 1.0,
            pen_title: 2.0,
            pen_caps: 1.5,
            pen_short: 1.0,
            split_cost: 0.6,
            merge_cost: 0.6,
            hyphen_merge_cost: 0.3,
            merge_single_cost: 0.4,
            punct_cost: 1.5,
            ambiguity: 1.0,
            tier_cost: 1.0,
        }
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
    opts: CorrectOptions,
    /// `confusions.max_single_edit_cost()`
    max_single_cost: f32,
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

struct Scored {
    to: String,
    z: f32,
}

impl Corrector {
    pub fn new(
        dict: Dictionary,
        bigrams: Option<Bigrams>,
        confusions: ConfusionTable,
        protected: Vec<String>,
        opts: CorrectOptions,
    ) -> Self {
        let index = Self::build_index(&dict, &opts);
        Self::with_index(dict, bigrams, confusions, protected, opts, index)
    }

    /// The candidate index `new` builds (to build it apart, e.g. in parallel).
    pub fn build_index(dict: &Dictionary, opts: &CorrectOptions) -> SymSpell {
        SymSpell::build(dict, opts.max_distance.min(2), 7)
    }

    /// As `new`, with an index from `build_index` over the same dictionary.
    pub fn with_index(
        dict: Dictionary,
        bigrams: Option<Bigrams>,
        confusions: ConfusionTable,
        protected: Vec<String>,
        opts: CorrectOptions,
        index: SymSpell,
    ) -> Self {
        let protector = Protector::new(&protected, opts.caps_min_len);
        let max_single_cost = confusions.max_single_edit_cost();
        Corrector { dict, bigrams, confusions, protector, index, opts, max_single_cost }
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

    /// In the dictionary, or a regular inflection / British-American variant
    /// of a dictionary word (`harassments`, `rumors`, `organised`): such
    /// tokens are treated as correct words.
    pub fn known(&self, l: &str) -> bool {
        if self.dict.contains(l) {
            return true;
        }
        for suf in ["s", "es", "ed", "d", "ing", "ly", "er", "ers", "ness"] {
            if let Some(stem) = l.strip_suffix(suf) {
                if stem.len() >= 4 && self.dict.contains(stem) {
                    return true;
                }
            }
        }
        for (a, b) in [("our", "or"), ("or", "our"), ("is", "iz"), ("iz", "is"), ("ys", "yz"), ("yz", "ys"), ("tre", "ter"), ("ter", "tre")] {
            if let Some(p) = l.rfind(a) {
                let v = format!("{}{}{}", &l[..p], b, &l[p + a.len()..]);
                if self.known_simple(&v) {
                    return true;
                }
            }
        }
        false
    }

    fn known_simple(&self, l: &str) -> bool {
        self.dict.contains(l)
            || ["s", "es", "ed", "d", "ing"].iter().any(|s| l.strip_suffix(s).is_some_and(|st| st.len() >= 4 && self.dict.contains(st)))
    }

    /// Dictionary candidates for the lower-case token `l` within edit distance
    /// `k`, tiered: when `k` ≥ 2 the distance-1 neighbourhood is searched first
    /// and the search stops there if it holds a candidate (of ≥ 2 chars) whose
    /// OCR confusion cost is at most `tier_cost`. A short word has hundreds of
    /// dictionary words at distance 2 and, once a plausible one-edit correction
    /// exists, they practically never win; skipping them is what makes the
    /// lookup fast.
    pub fn candidates(&self, l: &str, k: u8, scratch: &mut LookupScratch, out: &mut Vec<Candidate>) {
        if k >= 2 {
            self.index.lookup(l, 1, scratch, out);
            // with the shipped table every one-edit candidate qualifies, and
            // the (costly) weighted distance need not be computed
            let any = self.max_single_cost <= self.opts.tier_cost;
            let good = out.iter().any(|c| {
                let w = self.index.word(c.id);
                w.len() >= 2 && (any || self.confusions.cost(l, w) <= self.opts.tier_cost)
            });
            if good {
                return;
            }
        }
        self.index.lookup(l, k, scratch, out);
    }

    fn bigram(&self, a: &str, b: &str) -> u64 {
        self.bigrams.as_ref().map_or(0, |bg| bg.freq(a, b))
    }

    fn ctx_bonus(&self, prev: Option<&str>, cand: &str, next: Option<&str>) -> f32 {
        let mut z = 0.0;
        if let Some(p) = prev {
            if self.bigram(p, cand) > 0 {
                z += self.opts.w_ctx;
            }
        }
        if let Some(n) = next {
            if self.bigram(cand, n) > 0 {
                z += self.opts.w_ctx;
            }
        }
        z
    }

    fn freq_term(&self, f: u64) -> f32 {
        self.opts.w_freq * ((f.max(1) as f32).ln() - self.opts.freq_center)
    }

    /// All candidate corrections for `text`; see `Correction`.
    pub fn correct(&self, text: &str, lexicon: &DocLexicon, out: &mut Vec<Correction>) {
        out.clear();
        let o = &self.opts;
        let mut toks: Vec<Token> = Vec::new();
        tokenize(text, &mut toks);
        if toks.is_empty() {
            return;
        }
        let foreign = foreign_quoted(text, &toks, &self.dict);
        let lowers: Vec<String> = toks.iter().map(|t| text[t.start..t.end].to_lowercase()).collect();
        let indict: Vec<bool> = lowers.iter().map(|l| self.known(l)).collect();
        let mut scratch = LookupScratch::default();
        let min_cost = self.confusions.min_edit_cost();
        let mut cands: Vec<Candidate> = Vec::new();
        let n = toks.len();
        let gap = |i: usize| &text[toks[i].end..toks[i + 1].start];

        for i in 0..n {
            let t = toks[i];
            let w = &text[t.start..t.end];
            let l = lowers[i].as_str();
            let case = case_of(w);
            let prev = (i > 0 && is_space_gap(gap(i - 1)) && indict[i - 1]).then(|| lowers[i - 1].as_str());
            let next = (i + 1 < n && is_space_gap(gap(i)) && indict[i + 1]).then(|| lowers[i + 1].as_str());

            // --- merge with the next token / drop glued junk punctuation
            if i + 1 < n && !foreign[i] && !foreign[i + 1] && t.kind == TokenKind::Word && toks[i + 1].kind == TokenKind::Word {
                let g = gap(i);
                let w2 = &text[toks[i + 1].start..toks[i + 1].end];
                let c2 = case_of(w2);
                let either_unknown = !indict[i] || !indict[i + 1];
                let ok_case = case != Case::Mixed && c2 != Case::Mixed && !(case == Case::Lower && c2 != Case::Lower);
                let hyphen = g.starts_with(['-', '¬']) && g.len() > 1 && g[1..].chars().all(char::is_whitespace);
                // token i must start its chunk and token i+1 end its chunk
                // (never merge the `s` of `Weinberger's` with the next word)
                let starts_chunk = i == 0 || text[toks[i - 1].end..t.start].chars().any(char::is_whitespace);
                let ends_chunk = i + 2 >= n || text[toks[i + 1].end..toks[i + 2].start].chars().any(char::is_whitespace);
                if either_unknown && ok_case && starts_chunk && ends_chunk && (g == " " || hyphen) {
                    let joined = format!("{l}{}", lowers[i + 1]);
                    let f = self.dict.freq(&joined);
                    if f > 0 && joined.chars().count() >= 4 {
                        let prev2 = prev;
                        let next2 = (i + 2 < n && is_space_gap(gap(i + 1))).then(|| lowers[i + 2].as_str());
                        let mut cost = if hyphen { o.hyphen_merge_cost } else { o.merge_cost };
                        if l.chars().count() == 1 || lowers[i + 1].chars().count() == 1 {
                            cost += o.merge_single_cost;
                        }
                        let mut z = o.bias - o.w_cost * cost + self.freq_term(f) + self.ctx_bonus(prev2, &joined, next2);
                        if lexicon.count_lower(&joined) > 0 {
                            z += o.w_lex;
                        }
                        let like = if case == Case::Upper && c2 != Case::Upper { Case::Title } else { case };
                        out.push(Correction {
                            start: t.start,
                            end: toks[i + 1].end,
                            from: text[t.start..toks[i + 1].end].to_string(),
                            to: restore_case(&joined, like),
                            score: sigmoid(z),
                            applied: false,
                        });
                    }
                }
                // `to';whom` → `to whom`
                let junk = !g.is_empty()
                    && !g.chars().any(|c| c.is_whitespace() || c.is_alphanumeric())
                    && g != "-" && g != "'" && g != "’" && g != "/" && g != "." && g.chars().count() <= 3;
                if junk && indict[i] && indict[i + 1] && l.chars().count() >= 2 && lowers[i + 1].chars().count() >= 2
                    && c2 == Case::Lower && case != Case::Upper
                {
                    let bg = self.bigram(l, &lowers[i + 1]);
                    if bg > 0 {
                        let z = o.bias - o.w_cost * o.punct_cost + self.opts.w_ctx;
                        out.push(Correction {
                            start: t.end,
                            end: toks[i + 1].start,
                            from: g.to_string(),
                            to: " ".to_string(),
                            score: sigmoid(z),
                            applied: false,
                        });
                    }
                }
            }

            // --- substitute / split this token
            if indict[i] || foreign[i] {
                continue;
            }
            let nchars = l.chars().count();
            if nchars < o.min_len {
                continue;
            }
            if self.protector.token_reason(w, l, lexicon).is_some() {
                continue;
            }
            let mut pen = 0.0;
            let initial = sentence_initial(text, t.start);
            match case {
                Case::Title if !initial => pen += o.pen_title,
                Case::Upper => pen += o.pen_caps,
                _ => {}
            }
            if nchars <= 4 {
                pen += o.pen_short;
            }
            let rec = lexicon.count_lower(l);
            if rec >= 2 {
                pen += o.w_recur * (rec as f32).ln();
            }
            let k = if nchars <= o.short_len { 1 } else { o.max_distance };
            self.candidates(l, k, &mut scratch, &mut cands);
            let mut best: Option<Scored> = None;
            let mut second = f32::NEG_INFINITY;
            let consider = |s: Scored, best: &mut Option<Scored>, second: &mut f32| match best {
                Some(b) if b.z >= s.z => *second = second.max(s.z),
                _ => {
                    if let Some(b) = best.take() {
                        *second = second.max(b.z);
                    }
                    *best = Some(s);
                }
            };
            let lc: Vec<char> = l.chars().collect();
            let mut cc: Vec<char> = Vec::new();
            // most frequent first (ids are in descending frequency), so that
            // the bound below prunes the long tail of rare candidates
            cands.sort_unstable_by_key(|c| c.id);
            let ctx_max = (prev.is_some() as u8 + next.is_some() as u8) as f32 * o.w_ctx;
            for c in &cands {
                let cw = self.index.word(c.id);
                if cw.len() < 2 {
                    continue;
                }
                let mut z = o.bias + self.freq_term(self.index.freq(c.id));
                if lexicon.count_lower(cw) > 0 {
                    z += o.w_lex;
                }
                // exact pruning: a candidate that cannot beat the runner-up
                // changes neither the best nor the ambiguity term
                if z + ctx_max - o.w_cost * min_cost <= second {
                    continue;
                }
                cc.clear();
                cc.extend(cw.chars());
                let cost = self.confusions.cost_chars(&lc, &cc);
                z += self.ctx_bonus(prev, cw, next) - o.w_cost * cost;
                consider(Scored { to: cw.to_string(), z }, &mut best, &mut second);
            }
            // split into two words
            if nchars >= 4 && t.kind == TokenKind::Word && self.bigrams.is_some() {
                for (p, _) in l.char_indices().skip(1) {
                    let (a, b) = (&l[..p], &l[p..]);
                    let okw = |x: &str| (x.len() >= 2 || x == "a" || x == "i") && self.dict.contains(x);
                    if !okw(a) || !okw(b) {
                        continue;
                    }
                    let bg = self.bigram(a, b);
                    if bg == 0 {
                        continue;
                    }
                    let mut z = o.bias - o.w_cost * o.split_cost + self.freq_term(bg);
                    if prev.is_some_and(|p| self.bigram(p, a) > 0) {
                        z += o.w_ctx;
                    }
                    if next.is_some_and(|nx| self.bigram(b, nx) > 0) {
                        z += o.w_ctx;
                    }
                    consider(Scored { to: format!("{a} {b}"), z }, &mut best, &mut second);
                }
            }
            if let Some(b) = best {
                let mut z = b.z - pen;
                if second.is_finite() {
                    z -= o.ambiguity * (1.0 - (b.z - second)).max(0.0);
                }
                out.push(Correction {
                    start: t.start,
                    end: t.end,
                    from: w.to_string(),
                    to: restore_case(&b.to, case),
                    score: sigmoid(z),
                    applied: false,
                });
            }
        }

        // choose non-overlapping applied corrections, best score first
        let mut order: Vec<usize> = (0..out.len()).collect();
        order.sort_by(|&a, &b| out[b].score.total_cmp(&out[a].score));
        let mut taken: Vec<(usize, usize)> = Vec::new();
        for idx in order {
            let c = &out[idx];
            if c.score < o.threshold || c.to == c.from {
                continue;
            }
            if taken.iter().any(|&(s, e)| c.start < e && s < c.end) {
                continue;
            }
            taken.push((c.start, c.end));
            out[idx].applied = true;
        }
        out.sort_by_key(|c| (c.start, c.end));
    }
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
/// that leave the text as it is.
pub fn run(doc: &mut crate::model::Document, corrector: &Corrector) {
    let whole: String = doc.blocks.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n");
    let lexicon = DocLexicon::build(&whole);
    let mut found = Vec::new();
    for block in &mut doc.blocks {
        if block.kind == crate::model::BlockKind::Redaction {
            continue;
        }
        found.clear();
        corrector.correct(&block.text, &lexicon, &mut found);
        if !found.is_empty() {
            apply_to_block(block, &mut found, corrector.options().suggest);
        }
    }
}

fn apply_to_block(block: &mut crate::model::Block, found: &mut [Correction], suggest: bool) {
    use crate::model::Edit;
    found.sort_by_key(|c| (c.start, c.end));
    let old = std::mem::take(&mut block.text);
    let mut text = String::with_capacity(old.len());
    let mut old_chars = 0usize; // chars of `old` before `pos`
    let mut pos = 0usize;
    // (char offset in old text where a change ends, char delta it brings)
    let mut shifts: Vec<(usize, isize)> = Vec::new();
    let mut edits = Vec::new();
    for c in found.iter() {
        if c.start < pos {
            continue;
        }
        let gap = &old[pos..c.start];
        text.push_str(gap);
        old_chars += gap.chars().count();
        let at = text.chars().count();
        let from_chars = c.from.chars().count();
        if c.applied {
            text.push_str(&c.to);
            edits.push(Edit { op: "correct", from: c.from.clone(), to: c.to.clone(), at, score: Some(c.score) });
            shifts.push((old_chars + from_chars, c.to.chars().count() as isize - from_chars as isize));
        } else {
            text.push_str(&old[c.start..c.end]);
            if suggest {
                edits.push(Edit { op: "suggest", from: c.from.clone(), to: c.to.clone(), at, score: Some(c.score) });
            }
        }
        old_chars += from_chars;
        pos = c.end;
    }
    text.push_str(&old[pos..]);
    for e in &mut block.edits {
        let delta: isize = shifts.iter().filter(|(end, _)| *end <= e.at).map(|(_, d)| d).sum();
        e.at = (e.at as isize + delta).max(0) as usize;
    }
    block.edits.extend(edits);
    block.edits.sort_by_key(|e| e.at);
    block.text = text;
}

#[cfg(test)]
mod tests;
