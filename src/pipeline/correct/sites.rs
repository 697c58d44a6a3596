//! Where the corrector could change a block's text, each place with its
//! scored alternatives (`Corrector::sites`). Three kinds, one method each:
//! a pair of tokens to merge or unglue (`pair_sites`), a dictionary word OCR
//! may have made of another (`real_word_site`), an unknown token to replace
//! or split (`token_site`).

use super::protect::{case_of, foreign_quoted, restore_case, stray_case, Case};
use super::symspell::{osa_bounded, Candidate, CandidateLists, LookupScratch};
use super::tokenize::{tokenize, Token, TokenKind};
use super::{is_joined, is_space_gap, sentence_initial, Alternative, Corrector, DocLexicon, Features, Site};

/// Marks OCR leaves inside a word (`a~nd`, `sh^all`) that no word holds.
/// Not brackets (`server(s)`), bars (`read|write`) or punctuation that may
/// stand for a missing space (`paper,s`, left to the junk-punctuation site).
const INNER_JUNK: [char; 5] = ['~', '^', '*', '"', '\\'];

/// The tokens of one block, and what the sites need to know of them.
struct Block<'a> {
    text: &'a str,
    toks: Vec<Token>,
    /// lower-case tokens
    lowers: Vec<String>,
    /// known words (`Corrector::known`)
    indict: Vec<bool>,
    /// inside quoted foreign text (`foreign_quoted`)
    foreign: Vec<bool>,
    /// case pattern of each token
    cases: Vec<Case>,
}

impl<'a> Block<'a> {
    /// The text between token `i` and the next.
    fn gap(&self, i: usize) -> &'a str {
        &self.text[self.toks[i].end..self.toks[i + 1].start]
    }

    /// Token `i`: its span, text, lower case and case.
    fn token(&self, i: usize) -> (Token, &'a str, &str, Case) {
        let t = self.toks[i];
        let tw = &self.text[t.start..t.end];
        (t, tw, self.lowers[i].as_str(), self.cases[i])
    }

    /// The known words before and after token `i`, when only a space
    /// separates them from it (the bigram context).
    fn neighbours(&self, i: usize) -> (Option<&str>, Option<&str>) {
        let n = self.toks.len();
        let prev = (i > 0 && is_space_gap(self.gap(i - 1)) && self.indict[i - 1]).then(|| self.lowers[i - 1].as_str());
        let next = (i + 1 < n && is_space_gap(self.gap(i)) && self.indict[i + 1]).then(|| self.lowers[i + 1].as_str());
        (prev, next)
    }
}

/// Buffers reused from site to site.
#[derive(Default)]
struct Work {
    /// the dictionary candidates of the token at hand
    cands: Vec<Candidate>,
    site: Site,
    scratch: LookupScratch,
    /// words one multi-char rule away from the token at hand
    rewritten: Vec<(String, f32)>,
    /// those of them the search did not find
    beyond: Vec<Candidate>,
}

impl Corrector {
    /// Every place in `text` the corrector could change, with its scored
    /// alternatives, in text order. With `all` false, alternatives that
    /// cannot be the best or the runner-up of their site are left out (what
    /// `correct` needs); with `all` true every candidate is listed (for
    /// fitting the weights, `examples/correct_features.rs`). `visit` may
    /// take the site it is given: each is filled anew.
    pub fn sites(&self, text: &str, lexicon: &DocLexicon, all: bool, visit: &mut dyn FnMut(&mut Site)) {
        let mut toks: Vec<Token> = Vec::new();
        tokenize(text, &mut toks);
        if toks.is_empty() {
            return;
        }
        let lowers: Vec<String> = toks.iter().map(|t| text[t.start..t.end].to_lowercase()).collect();
        let mut foreign = foreign_quoted(text, &toks, &self.dict);
        for (f, p) in foreign.iter_mut().zip(self.protector.foreign_passages(&lowers)) {
            *f |= p;
        }
        let indict: Vec<bool> = lowers.iter().map(|l| self.known(l)).collect();
        // a letter of stray case is damage: `IHome` is corrected as `Home`
        // (only a mixed-case token can have one)
        let cases: Vec<Case> = toks
            .iter()
            .map(|t| {
                let tw = &text[t.start..t.end];
                match case_of(tw) {
                    Case::Mixed => stray_case(tw).unwrap_or(Case::Mixed),
                    c => c,
                }
            })
            .collect();
        let b = Block { text, toks, lowers, indict, foreign, cases };
        // the unknown tokens to replace, looked up all at once
        let distances: Vec<Option<u8>> = (0..b.toks.len()).map(|i| self.lookup_distance(&b, i, lexicon)).collect();
        let terms: Vec<(&str, u8)> =
            distances.iter().zip(&b.lowers).filter_map(|(k, l)| k.map(|k| (l.as_str(), k))).collect();
        let mut work = Work::default();
        let mut lists = CandidateLists::default();
        self.candidates(&terms, &mut work.scratch, &mut lists);
        let mut looked_up = 0;
        for (i, distance) in distances.iter().enumerate() {
            self.pair_sites(&b, i, lexicon, &mut work.site, visit);
            if b.foreign[i] {
                continue;
            }
            if b.indict[i] {
                self.real_word_site(&b, i, lexicon, &mut work.site, visit);
            } else if distance.is_some() {
                work.cands.clear();
                work.cands.extend_from_slice(lists.get(looked_up));
                looked_up += 1;
                self.token_site(&b, i, lexicon, all, &mut work, visit);
            }
        }
    }

    /// The edit distance to search around token `i` for a replacement, or
    /// None when it is not to be replaced: a known or foreign word, the stem
    /// of a contraction, part of a word broken by a hyphen, too short, or
    /// protected.
    fn lookup_distance(&self, b: &Block, i: usize, lexicon: &DocLexicon) -> Option<u8> {
        if b.foreign[i] || b.indict[i] {
            return None;
        }
        let o = &self.opts;
        let (_, tw, l, _) = b.token(i);
        // the stem of a contraction (`doesn't`, `isn’t`)
        let stem = i + 1 < b.toks.len() && matches!(b.gap(i), "'" | "’") && b.lowers[i + 1] == "t" && l.ends_with('n');
        // `impor-tant`, `docu-ments`: a word hyphenated inside a line, whose
        // halves are no words (`impor` is no misread `import`)
        let broken = |j: usize| b.gap(j) == "-" && self.known(&format!("{}{}", b.lowers[j], b.lowers[j + 1]));
        let half = (i > 0 && broken(i - 1)) || (i + 1 < b.toks.len() && broken(i));
        let nchars = l.chars().count();
        let replace = !stem && !half && nchars >= o.min_len && self.protector.token_reason(tw, l, lexicon).is_none();
        replace.then_some(if nchars <= o.short_len { 1 } else { o.max_distance })
    }

    /// Token `i` and the next: merged (`imply ing`, `pro- perty`) or their
    /// hyphen kept or dropped (`Police- court`), and junk punctuation glued
    /// between two words dropped (`to';whom`).
    fn pair_sites(&self, b: &Block, i: usize, lexicon: &DocLexicon, site: &mut Site, visit: &mut dyn FnMut(&mut Site)) {
        let w = &self.opts.weights;
        let n = b.toks.len();
        let (t, tw, l, case) = b.token(i);
        let (prev, _) = b.neighbours(i);
        if i + 1 >= n || b.foreign[i] || b.foreign[i + 1] || t.kind != TokenKind::Word || b.toks[i + 1].kind != TokenKind::Word {
            return;
        }
        let g = b.gap(i);
        let w2 = &b.text[b.toks[i + 1].start..b.toks[i + 1].end];
        let c2 = b.cases[i + 1];
        let either_unknown = !b.indict[i] || !b.indict[i + 1];
        // lower + lower, Title + lower or CAPS + CAPS; never a
        // single capital after a word (`TOP S`: a cut `SECRET`)
        let ok_case = matches!((case, c2), (Case::Lower | Case::Title, Case::Lower) | (Case::Upper, Case::Upper))
            && !(c2 == Case::Upper && w2.chars().count() == 1);
        let hyphen = g.strip_prefix(['-', '¬']).is_some_and(|rest| !rest.is_empty() && rest.chars().all(char::is_whitespace));
        // token i must start its chunk and token i+1 end its chunk
        // (never merge the `s` of `Weinberger's` with the next word)
        let starts_chunk = i == 0 || b.text[b.toks[i - 1].end..t.start].chars().any(char::is_whitespace);
        let ends_chunk = i + 2 >= n || b.text[b.toks[i + 1].end..b.toks[i + 2].start].chars().any(char::is_whitespace);
        let next2 = (i + 2 < n && is_space_gap(b.gap(i + 1))).then(|| b.lowers[i + 2].as_str());
        let l2 = b.lowers[i + 1].as_str();
        // every merge needs the pair to be one chunk of mergeable case, and
        // a hyphen between them or an unknown one: two known words apart
        // (most pairs) are done without building the joined word
        if ok_case && starts_chunk && ends_chunk && (hyphen || either_unknown) {
            let joined = format!("{l}{l2}");
            let fj = self.dict.freq(&joined);
            let single = l.chars().count() == 1 || l2.chars().count() == 1;
            let (prev, next2) = (prev.map(|p| self.ctx(p)), next2.map(|n| self.ctx(n)));
            // the two tokens as one word, scored with the kind of merge in `f`
            let merged = |mut f: Features| {
                f.merge_single = single as u8 as f32;
                f.log_freq = Self::log_freq(fj);
                f.in_doc = Self::in_doc(lexicon, &joined);
                let jc = self.ctx(&joined);
                self.set_context(&mut f, prev, jc, jc, next2);
                Alternative { to: restore_case(&joined, case), z: w.z(&f), features: f }
            };
            let mut pair_site = |alts: &mut dyn FnMut(&mut Vec<Alternative>)| {
                site.start = t.start;
                site.end = b.toks[i + 1].end;
                site.alternatives.clear();
                alts(&mut site.alternatives);
                if !site.alternatives.is_empty() {
                    visit(site);
                }
            };
            if hyphen {
                // `pro- perty`, `Wil- liams` (a name the document spells
                // whole elsewhere), `Police- court`, `charged- with`
                pair_site(&mut |alts| {
                    if joined.chars().count() >= 4 && (fj > 0 || lexicon.count_lower(&joined) > 0) {
                        alts.push(merged(Features { hyphen_merge: 1.0, ..Default::default() }));
                    }
                    if b.indict[i] && b.indict[i + 1] && !single {
                        let bg = self.bigram(l, l2);
                        let (first, last) = (self.ctx(l), self.ctx(l2));
                        for (to, keep) in [(format!("{tw}-{w2}"), true), (format!("{tw} {w2}"), false)] {
                            let mut f = Features { log_freq: Self::log_freq(bg), ..Default::default() };
                            if keep {
                                f.hyphen_keep = 1.0;
                            } else {
                                f.hyphen_drop = 1.0;
                            }
                            self.set_context(&mut f, prev, first, last, next2);
                            alts.push(Alternative { to, z: w.z(&f), features: f });
                        }
                    }
                });
            } else if either_unknown && g == " " && fj > 0 && joined.chars().count() >= 4 {
                // `imply ing`
                pair_site(&mut |alts| alts.push(merged(Features { merge: 1.0, ..Default::default() })));
            }
            // `a~nd` → `and`: a mark no word holds, inside a word
            let inner_junk = (1..=2).contains(&g.chars().count()) && g.chars().all(|c| INNER_JUNK.contains(&c));
            if inner_junk && fj > 0 && joined.chars().count() >= 3 && either_unknown {
                pair_site(&mut |alts| alts.push(merged(Features { junk_drop: 1.0, ..Default::default() })));
            }
        }
        // `to';whom` → `to whom`
        let junk = !g.is_empty()
            && !g.chars().any(|c| c.is_whitespace() || c.is_alphanumeric())
            && g != "'" && g != "’" && g != "/" && g != "." && g.chars().count() <= 3
            // dashes (`word--word`) and `snake_case` are meant
            && !g.chars().all(|c| c == '-') && !g.contains('_');
        if junk && b.indict[i] && b.indict[i + 1] && l.chars().count() >= 2 && b.lowers[i + 1].chars().count() >= 2
            && c2 == Case::Lower && case != Case::Upper
        {
            let bg = self.bigram(l, &b.lowers[i + 1]);
            if bg > 0 {
                let f = Features { punct: 1.0, log_freq: Self::log_freq(bg), ..Default::default() };
                site.start = t.end;
                site.end = b.toks[i + 1].start;
                site.alternatives.clear();
                site.alternatives.push(Alternative { to: " ".to_string(), z: w.z(&f), features: f });
                visit(site);
            }
        }
    }

    /// The dictionary word at token `i`, if OCR may have made it of another
    /// (`tor` for `for`, see `real_word_alternatives`).
    fn real_word_site(&self, b: &Block, i: usize, lexicon: &DocLexicon, site: &mut Site, visit: &mut dyn FnMut(&mut Site)) {
        let n = b.toks.len();
        let (t, tw, l, _) = b.token(i);
        let (prev, next) = b.neighbours(i);
        let alone = (i == 0 || !is_joined(b.gap(i - 1))) && (i + 1 == n || !is_joined(b.gap(i)));
        if alone && t.kind == TokenKind::Word && (prev.is_some() || next.is_some()) {
            site.start = t.start;
            site.end = t.end;
            site.alternatives.clear();
            self.real_word_alternatives(b.text, t.start, tw, l, prev, next, lexicon, &mut site.alternatives);
            if !site.alternatives.is_empty() {
                visit(site);
            }
        }
    }

    /// The unknown token `i` (`work.cands` holds its dictionary candidates):
    /// replaced by a dictionary word near it, or split in two words.
    fn token_site(&self, b: &Block, i: usize, lexicon: &DocLexicon, all: bool, work: &mut Work, visit: &mut dyn FnMut(&mut Site)) {
        let o = &self.opts;
        let w = &o.weights;
        let (t, tw, l, case) = b.token(i);
        let (prev, next) = b.neighbours(i);
        let (prev, next) = (prev.map(|p| self.ctx(p)), next.map(|n| self.ctx(n)));
        let Work { cands, site, scratch, rewritten, beyond } = work;
        let nchars = l.chars().count();
        let mut base = Features { doc_oov: lexicon.oov_share(|w| self.known(w)), ..Default::default() };
        match case {
            Case::Title if !sentence_initial(b.text, t.start) => base.title = 1.0,
            Case::Upper => base.caps = 1.0,
            _ => {}
        }
        if stray_case(tw).is_some() {
            base.stray_capital = 1.0;
        }
        if nchars <= 4 {
            base.short = 1.0;
        }
        if nchars <= 2 {
            base.two_letters = 1.0;
        }
        if nchars >= 8 {
            base.long = 1.0;
        }
        if t.kind == TokenKind::DigitWord {
            base.digit = 1.0;
        }
        // two words of 4+ letters (bytes) run together: `bootmaker`, `datagrams`
        let compound = l
            .char_indices()
            .any(|(p, _)| p >= 4 && l.len() - p >= 4 && self.dict.contains(&l[..p]) && self.dict.contains(&l[p..]));
        let rec = lexicon.count_lower(l);
        if rec >= 2 {
            base.recur = (rec as f32).ln();
        }
        // a contraction that lost its apostrophe (`arent`, `youre`): putting
        // it back is the only reading weighed; `a rent`, `yours` would change
        // the word
        let contraction = if nchars >= 4 { self.contraction_of(l) } else { None };
        let clean_doc = base.doc_oov <= (0.005 + o.clean_share).ln()
            || lexicon.stray_share(|x| self.known(x)) < o.real_word_min_stray;
        let own_word_cost = if clean_doc && (rec >= 2 || nchars <= o.short_len) { o.clean_max_cost } else { f32::INFINITY };
        site.start = t.start;
        site.end = t.end;
        site.alternatives.clear();
        let mut best = f32::NEG_INFINITY;
        let mut second = f32::NEG_INFINITY;
        let keep = |z: f32, best: &mut f32, second: &mut f32| {
            if z > *best {
                *second = *best;
                *best = z;
            } else {
                *second = second.max(z);
            }
        };
        let lc: Vec<char> = l.chars().collect();
        let mut cc: Vec<char> = Vec::new();
        // most frequent first (ids are in descending frequency), so that
        // the bound below prunes the long tail of rare candidates
        cands.sort_unstable_by_key(|c| c.id);
        // one multi-char confusion away (`tlie` → `the`) but more edits
        // than the search went (it stopped at `tie`)
        self.multi_char.neighbours(&lc, &self.dict, rewritten);
        beyond.clear();
        for (word, _) in rewritten.iter() {
            match self.index.id(word, scratch) {
                Some(id) if !cands.iter().any(|c| c.id == id) => {
                    cc.clear();
                    cc.extend(word.chars());
                    let distance = osa_bounded(&lc, &cc, 3).unwrap_or(4) as u8;
                    beyond.push(Candidate { id, distance });
                }
                _ => {}
            }
        }
        // the most the cost terms can add (they are ≤ 0 when fitted)
        let min_cost = self.min_edit_cost;
        let cost_bound = (w.cost * min_cost).min(0.0) + (w.cost_per_char * min_cost / nchars as f32).min(0.0);
        let searched = cands.iter().map(|c| (c, 0.0));
        for (c, multi_char) in searched.chain(beyond.iter().map(|c| (c, 1.0))) {
            let cw = self.index.word(c.id);
            if cw.len() < 2 || contraction.as_deref().is_some_and(|k| k != cw) {
                continue;
            }
            let mut f = base;
            f.multi_char = multi_char;
            f.compound = compound as u8 as f32;
            f.log_freq = Self::log_freq(self.index.freq(c.id));
            f.in_doc = Self::in_doc(lexicon, cw);
            f.doc_confusion = lexicon.confusion_support(l, cw);
            f.two_edits = (c.distance >= 2) as u8 as f32;
            let cx = self.index_ctx(c.id);
            self.set_context(&mut f, prev, cx, cx, next);
            // exact pruning: a candidate that cannot beat the runner-up
            // changes neither the best nor the ambiguity term
            if !all && w.z(&f) + cost_bound <= second {
                continue;
            }
            cc.clear();
            cc.extend(cw.chars());
            f.cost = self.confusions.cost_chars(&lc, &cc);
            f.cost_per_char = f.cost / nchars as f32;
            if f.cost > own_word_cost {
                continue;
            }
            let z = w.z(&f);
            keep(z, &mut best, &mut second);
            site.alternatives.push(Alternative { to: restore_case(cw, case), z, features: f });
        }
        // split into two words; not a form a clean document repeats (its
        // own term: `hostname`, `namespace`), as for substitutions above
        if nchars >= 4 && t.kind == TokenKind::Word && self.bigrams.is_some() && !(clean_doc && rec >= 2) && contraction.is_none() {
            for (p, _) in l.char_indices().skip(1) {
                let (left, right) = (&l[..p], &l[p..]);
                let okw = |x: &str| (x.len() >= 2 || x == "a" || x == "i") && self.dict.contains(x);
                if !okw(left) || !okw(right) {
                    continue;
                }
                let bg = self.bigram(left, right);
                if bg == 0 {
                    continue;
                }
                let mut f = base;
                f.split = 1.0;
                f.split_title = base.title;
                // a long token that splits in two words is often a
                // compound written whole (`whitespace`)
                f.long = 0.0;
                f.log_freq = Self::log_freq(bg);
                self.set_context(&mut f, prev, self.ctx(left), self.ctx(right), next);
                let z = w.z(&f);
                keep(z, &mut best, &mut second);
                site.alternatives.push(Alternative { to: restore_case(&format!("{left} {right}"), case), z, features: f });
            }
        }
        if !site.alternatives.is_empty() {
            visit(site);
        }
    }

    /// The dictionary contraction `l` is without its apostrophe (`arent` →
    /// `aren't`), if any.
    fn contraction_of(&self, l: &str) -> Option<String> {
        (1..l.len()).filter(|&p| l.is_char_boundary(p)).map(|p| format!("{}'{}", &l[..p], &l[p..])).find(|c| self.dict.contains(c))
    }
}
