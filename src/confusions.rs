//! OCR error model: a weighted edit distance in which the edits OCR commonly
//! makes are cheap. Parsed from the rules like the dictionary, used by the
//! `correct` stage.
//!
//! Rules file format (`rules/confusions.txt`), one rule per line:
//!
//! ```text
//! # comment
//! @sub 1.0          default cost of a substitution not listed
//! @indel 1.0        default cost of inserting/deleting a char not listed
//! @transpose 1.0    cost of swapping two adjacent chars
//! rn<TAB>m<TAB>0.21<TAB># n=153 p=0.21
//! ```
//!
//! `from` is what the OCR produced (observed), `to` what the word really has;
//! both are lower case. `∅` stands for the empty string (so `.<TAB>∅` means
//! "an observed `.` inside a word is deleted"), `␣` for a space. Text after the
//! third field is ignored. Costs are in (0, 2].

use crate::dictionary::{data_lines, ParseError};
use crate::hash::FxHashMap;

pub const EMPTY: &str = "∅";
pub const SPACE: &str = "␣";

#[derive(Debug, Clone)]
struct MultiRule {
    from: Vec<char>,
    to: Vec<char>,
    cost: f32,
}

#[derive(Debug, Clone)]
pub struct ConfusionTable {
    sub: FxHashMap<(char, char), f32>,
    del: FxHashMap<char, f32>,
    ins: FxHashMap<char, f32>,
    /// rules with |from|>1 or |to|>1, grouped by the last char of `from`
    /// (or '\0' when `from` is empty)
    multi: FxHashMap<char, Vec<MultiRule>>,
    default_sub: f32,
    default_indel: f32,
    transpose: f32,
    rules: usize,
}

impl Default for ConfusionTable {
    fn default() -> Self {
        ConfusionTable {
            sub: Default::default(),
            del: Default::default(),
            ins: Default::default(),
            multi: Default::default(),
            default_sub: 1.0,
            default_indel: 1.0,
            transpose: 1.0,
            rules: 0,
        }
    }
}

fn decode(field: &str) -> Vec<char> {
    if field == EMPTY {
        return Vec::new();
    }
    field.chars().map(|c| if c.to_string() == SPACE { ' ' } else { c }).collect()
}

impl ConfusionTable {
    /// Table with no rules: plain Damerau-Levenshtein with unit costs.
    pub fn uniform() -> Self {
        Self::default()
    }

    pub fn parse(text: &str, file_name: &str) -> Result<Self, ParseError> {
        let mut t = ConfusionTable::default();
        for (ln, line) in data_lines(text) {
            if let Some(rest) = line.strip_prefix('@') {
                let mut it = rest.split_whitespace();
                let (Some(k), Some(v)) = (it.next(), it.next()) else {
                    return Err(ParseError::new(file_name, ln, "expected `@name value`"));
                };
                let v: f32 = v.parse().map_err(|_| ParseError::new(file_name, ln, format!("bad number {v:?}")))?;
                match k {
                    "sub" => t.default_sub = v,
                    "indel" => t.default_indel = v,
                    "transpose" => t.transpose = v,
                    _ => return Err(ParseError::new(file_name, ln, format!("unknown setting @{k}"))),
                }
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 3 {
                return Err(ParseError::new(file_name, ln, "expected `from<TAB>to<TAB>cost`"));
            }
            let cost_s = f[2].trim();
            let cost: f32 = cost_s
                .parse()
                .map_err(|_| ParseError::new(file_name, ln, format!("bad cost {cost_s:?}")))?;
            if !(cost > 0.0 && cost <= 2.0) {
                return Err(ParseError::new(file_name, ln, format!("cost {cost} outside (0, 2]")));
            }
            let (from, to) = (decode(f[0]), decode(f[1]));
            if from.is_empty() && to.is_empty() || from == to {
                return Err(ParseError::new(file_name, ln, "rule maps a string to itself"));
            }
            t.add(from, to, cost);
        }
        Ok(t)
    }

    /// Add a rule programmatically (lower-case strings, "" for empty).
    pub fn add_rule(&mut self, from: &str, to: &str, cost: f32) {
        self.add(from.chars().collect(), to.chars().collect(), cost)
    }

    fn add(&mut self, from: Vec<char>, to: Vec<char>, cost: f32) {
        self.rules += 1;
        match (from.len(), to.len()) {
            (1, 1) => {
                self.sub.insert((from[0], to[0]), cost);
            }
            (1, 0) => {
                self.del.insert(from[0], cost);
            }
            (0, 1) => {
                self.ins.insert(to[0], cost);
            }
            _ => {
                let key = from.last().copied().unwrap_or('\0');
                self.multi.entry(key).or_default().push(MultiRule { from, to, cost });
            }
        }
    }

    pub fn len(&self) -> usize {
        self.rules
    }

    /// An upper bound of `cost` between strings at edit distance 1 (one
    /// substitution, insertion, deletion or transposition).
    pub fn max_single_edit_cost(&self) -> f32 {
        let rules = self.sub.values().chain(self.del.values()).chain(self.ins.values());
        rules.fold(self.default_sub.max(self.default_indel).max(self.transpose), |a, &c| a.max(c))
    }

    /// A lower bound of `cost` between two different strings: the cheapest
    /// rule or default edit.
    pub fn min_edit_cost(&self) -> f32 {
        let rules = self.sub.values().chain(self.del.values()).chain(self.ins.values());
        let multi = self.multi.values().flatten().map(|r| &r.cost);
        rules.chain(multi).fold(self.default_sub.min(self.default_indel).min(self.transpose), |a, &c| a.min(c))
    }
    pub fn is_empty(&self) -> bool {
        self.rules == 0
    }

    /// Every rule that rewrites a non-empty observed string (substitutions,
    /// deletions, many-char rules) at a cost of at most `max_cost`, as
    /// (observed, true, cost). Pure insertions are left out: applied blindly
    /// they fit anywhere.
    pub fn rewrites(&self, max_cost: f32) -> Vec<(Vec<char>, Vec<char>, f32)> {
        let subs = self.sub.iter().map(|(&(o, c), &k)| (vec![o], vec![c], k));
        let dels = self.del.iter().map(|(&o, &k)| (vec![o], Vec::new(), k));
        let multi = self.multi.values().flatten().filter(|r| !r.from.is_empty()).map(|r| (r.from.clone(), r.to.clone(), r.cost));
        let mut v: Vec<_> = subs.chain(dels).chain(multi).filter(|r| r.2 <= max_cost).collect();
        // hash-map order is not stable across runs
        v.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        v
    }

    #[inline]
    fn sub_cost(&self, o: char, c: char) -> f32 {
        if o == c {
            0.0
        } else {
            *self.sub.get(&(o, c)).unwrap_or(&self.default_sub)
        }
    }

    /// Weighted distance of turning the `observed` OCR string into `candidate`.
    pub fn cost(&self, observed: &str, candidate: &str) -> f32 {
        let o: Vec<char> = observed.chars().collect();
        let c: Vec<char> = candidate.chars().collect();
        self.cost_chars(&o, &c)
    }

    pub fn cost_chars(&self, o: &[char], c: &[char]) -> f32 {
        let (n, m) = (o.len(), c.len());
        let w = m + 1;
        // no allocation for word-sized inputs
        let mut stack = [0f32; 1024];
        let mut heap = Vec::new();
        let d: &mut [f32] = buffer(&mut stack, &mut heap, (n + 1) * w);
        // the cost of deleting each observed char and inserting each
        // candidate char, looked up once instead of once per cell
        let (mut del_stack, mut del_heap) = ([0f32; 64], Vec::new());
        let del = buffer(&mut del_stack, &mut del_heap, n);
        for (k, x) in o.iter().enumerate() {
            del[k] = self.del.get(x).copied().unwrap_or(self.default_indel);
        }
        let (mut ins_stack, mut ins_heap) = ([0f32; 64], Vec::new());
        let ins = buffer(&mut ins_stack, &mut ins_heap, m);
        for (k, x) in c.iter().enumerate() {
            ins[k] = self.ins.get(x).copied().unwrap_or(self.default_indel);
        }
        let no_rules = Vec::new();
        let insertions = self.multi.get(&'\0').unwrap_or(&no_rules);
        for i in 0..=n {
            // the rules whose observed side ends with o[i - 1]
            let ending_here = if i > 0 { self.multi.get(&o[i - 1]).unwrap_or(&no_rules) } else { &no_rules };
            for j in 0..=m {
                if i == 0 && j == 0 {
                    continue;
                }
                let mut best = f32::INFINITY;
                if i > 0 {
                    best = best.min(d[(i - 1) * w + j] + del[i - 1]);
                }
                if j > 0 {
                    best = best.min(d[i * w + j - 1] + ins[j - 1]);
                }
                if i > 0 && j > 0 {
                    best = best.min(d[(i - 1) * w + j - 1] + self.sub_cost(o[i - 1], c[j - 1]));
                    if i > 1 && j > 1 && o[i - 1] == c[j - 2] && o[i - 2] == c[j - 1] && o[i - 1] != o[i - 2] {
                        best = best.min(d[(i - 2) * w + j - 2] + self.transpose);
                    }
                }
                for r in ending_here.iter().chain(insertions) {
                    if ends_with(c, j, &r.to) && ends_with(o, i, &r.from) {
                        best = best.min(d[(i - r.from.len()) * w + j - r.to.len()] + r.cost);
                    }
                }
                d[i * w + j] = best;
            }
        }
        d[n * w + m]
    }
}

/// The first `len` items of `stack`, or of `heap` (resized) when too long.
fn buffer<'a>(stack: &'a mut [f32], heap: &'a mut Vec<f32>, len: usize) -> &'a mut [f32] {
    if len <= stack.len() {
        &mut stack[..len]
    } else {
        heap.resize(len, 0.0);
        heap
    }
}

/// Does `s[..end]` end with `pat`? (Compared char by char: these are one
/// or two chars, and a slice comparison calls memcmp.)
#[inline]
fn ends_with(s: &[char], end: usize, pat: &[char]) -> bool {
    pat.len() <= end && s[end - pat.len()..end].iter().zip(pat).all(|(a, b)| a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_cost() {
        let t = ConfusionTable::parse(
            "# test\n@sub 1.0\n@indel 1.0\nrn\tm\t0.2\t# n=10\nb\th\t0.3\n.\t∅\t0.1\n∅\t␣\t0.5\n",
            "c.txt",
        )
        .unwrap();
        assert_eq!(t.len(), 4);
        assert!((t.cost("rnodern", "modern") - 0.2).abs() < 1e-6);
        assert!((t.cost("tbe", "the") - 0.3).abs() < 1e-6);
        assert!((t.cost("more.reverent", "morereverent") - 0.1).abs() < 1e-6);
        assert!((t.cost("ofthe", "of the") - 0.5).abs() < 1e-6);
        assert_eq!(t.cost("the", "the"), 0.0);
        assert_eq!(t.cost("abc", "abd"), 1.0);
        assert_eq!(t.cost("ab", "ba"), 1.0);
        assert!((t.min_edit_cost() - 0.1).abs() < 1e-6);
        assert_eq!(t.max_single_edit_cost(), 1.0);
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = ConfusionTable::parse("# x\nrn\tm\n", "conf.txt").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("conf.txt", 2));
        let e = ConfusionTable::parse("a\tb\tzz\n", "conf.txt").unwrap_err();
        assert_eq!(e.line, 1);
        let e = ConfusionTable::parse("a\ta\t0.5\n", "conf.txt").unwrap_err();
        assert_eq!(e.line, 1);
        let e = ConfusionTable::parse("@bogus 1\n", "conf.txt").unwrap_err();
        assert_eq!(e.line, 1);
    }
}
