//! Edit distance and alignment over token sequences (grapheme clusters for
//! CER, whitespace-separated words for WER).
//!
//! Tokens are interned: every distinct grapheme (or word) gets a `u32` id and
//! all algorithms work on id sequences, so a multi-code-point grapheme such
//! as `e`+U+0301, a ZWJ emoji sequence or a flag costs exactly one edit.
//!
//! # Algorithm choice
//!
//! **Distance**: Myers' bit-vector algorithm in Hyyrö's multi-word *block*
//! form (as in edlib): the pattern (ground truth) is cut into 64-row blocks,
//! each text token advances every active block with ~17 word operations, so a
//! full matrix costs O(n·m/64). On top of it runs an **Ukkonen band with
//! doubling**: for a threshold `k` only diagonals `d = i − j` in
//! `[min(0,m−n) − x, max(0,m−n) + x]`, `x = (k − |m−n|)/2`, are computed
//! (any path of cost ≤ k stays there), i.e. about `k/64` blocks per text
//! token. Cells outside the band are replaced by valid *upper bounds* (a new
//! bottom block starts as "+1 per row" from the block above, the top active
//! block receives "+1" horizontally), so the banded result is ≥ the true
//! distance and equals it whenever it is ≤ k. We start with
//! `k = max(|m−n|, 64)` and double (or jump to the banded result) until the
//! result fits the band. Cost ≈ O(n·d/64) for distance `d` instead of
//! O(n·m/64): for OCR pairs (d ≈ a few % of n) this is 10–50× less work
//! than the full bit-parallel matrix. Common prefix/suffix are stripped first.
//!
//! **Alignment**: Hirschberg divide and conquer on top of the same banded
//! bit-parallel kernel. The kernel's final vertical delta vectors give the
//! whole last DP column, so one forward pass over the first half of the text
//! and one backward pass (reversed sequences) over the second half give the
//! optimal split row in O(n·band/64) time and O(m) memory. Because the
//! distance of the (sub)problem is already known exactly, its band needs no
//! doubling, and the sub-distances found at the split are exact too (the
//! optimal path lies inside the band, where banded values are exact), so each
//! sub-problem again knows its band. Summed over a Hirschberg level the work
//! halves each level (columns halve, bands add up to ≤ d), so the whole
//! alignment costs a small multiple of one distance pass (measured ≈ 2.3×,
//! its own distance pass included, on a 650 KB OCR pair) and never
//! allocates an O(n·m) matrix. Sub-problems smaller than 64K cells are solved with a plain
//! DP + traceback. We preferred this over Myers' O(ND) diff (which has no
//! substitutions) and over a stored banded matrix (O(n·d) memory — gigabytes
//! for a 650 KB book with a few % errors).

use std::collections::HashMap;
use unicode_segmentation::UnicodeSegmentation;

/// Kind of an edit run. Convention: `a` is the reference (ground truth),
/// `b` the hypothesis (prediction).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Op {
    /// `a[a_start..a_start+len] == b[b_start..b_start+len]`.
    Equal,
    /// Same length in both, every token differs.
    Substitute,
    /// Tokens present only in `b` (a_len == 0).
    Insert,
    /// Tokens present only in `a` (b_len == 0).
    Delete,
}

/// A maximal run of one edit kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EditRun {
    pub op: Op,
    pub a_start: usize,
    pub a_len: usize,
    pub b_start: usize,
    pub b_len: usize,
}

/// Cost (number of unit edits) of an edit script.
pub fn script_cost(runs: &[EditRun]) -> usize {
    runs.iter()
        .map(|r| match r.op {
            Op::Equal => 0,
            Op::Substitute | Op::Delete => r.a_len,
            Op::Insert => r.b_len,
        })
        .sum()
}

/// Extended grapheme clusters of `s`.
pub fn graphemes(s: &str) -> Vec<&str> {
    s.graphemes(true).collect()
}

/// Whitespace-separated words of `s` (the WER token definition).
pub fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

/// Interns two token sequences into one shared id space.
pub fn intern_pair<'a>(a: &[&'a str], b: &[&'a str]) -> (Vec<u32>, Vec<u32>) {
    let mut map: HashMap<&'a str, u32> = HashMap::new();
    let mut id = |t: &'a str| -> u32 {
        let n = map.len() as u32;
        *map.entry(t).or_insert(n)
    };
    let ia: Vec<u32> = a.iter().map(|t| id(t)).collect();
    let ib: Vec<u32> = b.iter().map(|t| id(t)).collect();
    (ia, ib)
}

/// Grapheme-level edit distance of two strings (no normalisation applied).
pub fn char_distance(a: &str, b: &str) -> usize {
    let (ga, gb) = (graphemes(a), graphemes(b));
    let (ia, ib) = intern_pair(&ga, &gb);
    levenshtein(&ia, &ib)
}

/// Word-level edit distance of two strings (no normalisation applied).
pub fn word_distance(a: &str, b: &str) -> usize {
    let (wa, wb) = (words(a), words(b));
    let (ia, ib) = intern_pair(&wa, &wb);
    levenshtein(&ia, &ib)
}

/// Grapheme-level alignment: returns the graphemes of both strings and the
/// edit script over them.
pub fn align_graphemes<'a>(a: &'a str, b: &'a str) -> (Vec<&'a str>, Vec<&'a str>, Vec<EditRun>) {
    let (ga, gb) = (graphemes(a), graphemes(b));
    let runs = align_tokens(&ga, &gb);
    (ga, gb, runs)
}

/// Alignment of two token sequences (interned internally).
pub fn align_tokens(a: &[&str], b: &[&str]) -> Vec<EditRun> {
    let (ia, ib) = intern_pair(a, b);
    align(&ia, &ib)
}

/// Plain O(n·m) dynamic programme (reference implementation, O(m) memory).
pub fn dp_levenshtein(a: &[u32], b: &[u32]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0usize; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let sub = prev[j] + (ca != cb) as usize;
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

fn common_affixes(a: &[u32], b: &[u32]) -> (usize, usize) {
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suf = a[pre..].iter().rev().zip(b[pre..].iter().rev()).take_while(|(x, y)| x == y).count();
    (pre, suf)
}

/// Exact Levenshtein distance of two id sequences (banded bit-parallel).
pub fn levenshtein(a: &[u32], b: &[u32]) -> usize {
    let (pre, suf) = common_affixes(a, b);
    let (a, b) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    if a.is_empty() {
        return b.len();
    }
    if b.is_empty() {
        return a.len();
    }
    let (m, n) = (a.len(), b.len());
    let mut remap = Remap::new(a, b);
    let (peq, text) = remap.build(a.iter().copied(), m, b.iter().copied());
    // Start the band at a cheap lower bound (symbol histogram difference),
    // which is usually much closer to the distance than |m - n|.
    let mut k = histogram_lower_bound(a, b, &mut remap).max(64);
    loop {
        let (dlo, dhi, full) = band(m, n, k);
        let d = banded(&peq, m, &text, dlo, dhi, None);
        if d <= k || full {
            return d;
        }
        k = d.min(k.saturating_mul(2));
    }
}

/// max(Σ(count_a − count_b)⁺, Σ(count_b − count_a)⁺) over symbols: every
/// edit changes at most one unit of each sum, so it is ≤ the distance.
fn histogram_lower_bound(a: &[u32], b: &[u32], remap: &mut Remap) -> usize {
    // reuse the remap scratch as a signed counter array (reset afterwards)
    let mut cnt: Vec<i64> = Vec::new();
    for &s in a.iter().chain(b) {
        let l = &mut remap.local[s as usize];
        if *l == u32::MAX {
            *l = cnt.len() as u32;
            cnt.push(0);
        }
    }
    for &s in a {
        cnt[remap.local[s as usize] as usize] += 1;
    }
    for &s in b {
        cnt[remap.local[s as usize] as usize] -= 1;
    }
    for &s in a.iter().chain(b) {
        remap.local[s as usize] = u32::MAX;
    }
    let pos: i64 = cnt.iter().filter(|&&c| c > 0).sum();
    let neg: i64 = -cnt.iter().filter(|&&c| c < 0).sum::<i64>();
    pos.max(neg) as usize
}

/// Optimal edit script of two id sequences (Hirschberg over the banded
/// bit-parallel kernel). Adjacent runs of the same op are merged.
pub fn align(a: &[u32], b: &[u32]) -> Vec<EditRun> {
    let d = levenshtein(a, b);
    let mut remap = Remap::new(a, b);
    let mut out = Vec::new();
    hirschberg(a, b, 0, 0, d, &mut remap, &mut out);
    out
}

// ---------------------------------------------------------------------------
// internals

fn push_run(out: &mut Vec<EditRun>, op: Op, a_start: usize, a_len: usize, b_start: usize, b_len: usize) {
    if a_len == 0 && b_len == 0 {
        return;
    }
    if let Some(last) = out.last_mut() {
        if last.op == op && last.a_start + last.a_len == a_start && last.b_start + last.b_len == b_start {
            last.a_len += a_len;
            last.b_len += b_len;
            return;
        }
    }
    out.push(EditRun { op, a_start, a_len, b_start, b_len });
}

/// Maps global ids to small local ids of one pattern (reused scratch).
struct Remap {
    local: Vec<u32>,
}

enum Peq {
    /// `table[sym * nblocks + block]`; last symbol row (NONE) is all zero.
    Dense { nblocks: usize, table: Vec<u64> },
    /// CSR per local symbol: `entries[offsets[s]..offsets[s+1]]` holds
    /// `(block, mask)` sorted by block (used for large alphabets, e.g. words).
    Sparse { offsets: Vec<usize>, entries: Vec<(u32, u64)> },
}

impl Remap {
    fn new(a: &[u32], b: &[u32]) -> Self {
        let max = a.iter().chain(b).copied().max().map_or(0, |x| x as usize + 1);
        Remap { local: vec![u32::MAX; max] }
    }

    /// Builds the Peq table of `pattern` (length m) and the local-id text.
    fn build(
        &mut self,
        pattern: impl Iterator<Item = u32> + Clone,
        m: usize,
        text: impl Iterator<Item = u32>,
    ) -> (Peq, Vec<u32>) {
        let mut nsym = 0u32;
        let mut pl = Vec::with_capacity(m);
        for s in pattern.clone() {
            let l = &mut self.local[s as usize];
            if *l == u32::MAX {
                *l = nsym;
                nsym += 1;
            }
            pl.push(*l);
        }
        let none = nsym;
        let t: Vec<u32> = text
            .map(|s| {
                let l = self.local[s as usize];
                if l == u32::MAX { none } else { l }
            })
            .collect();
        for s in pattern {
            self.local[s as usize] = u32::MAX;
        }
        let nblocks = m.div_ceil(64);
        let dense_words = (nsym as usize + 1) * nblocks;
        let peq = if dense_words <= (1 << 22) {
            let mut table = vec![0u64; dense_words];
            for (i, &l) in pl.iter().enumerate() {
                table[l as usize * nblocks + i / 64] |= 1u64 << (i % 64);
            }
            Peq::Dense { nblocks, table }
        } else {
            // positions grouped by symbol, in increasing order → blocks sorted
            let mut offsets = vec![0usize; nsym as usize + 2];
            for &l in &pl {
                offsets[l as usize + 1] += 1;
            }
            for i in 1..offsets.len() {
                offsets[i] += offsets[i - 1];
            }
            let mut fill = offsets.clone();
            let mut pos = vec![0u32; m];
            for (i, &l) in pl.iter().enumerate() {
                pos[fill[l as usize]] = i as u32;
                fill[l as usize] += 1;
            }
            let mut entries: Vec<(u32, u64)> = Vec::with_capacity(m);
            let mut new_off = vec![0usize; nsym as usize + 2];
            for sidx in 0..=nsym as usize {
                new_off[sidx] = entries.len();
                for &i in &pos[offsets[sidx]..offsets[sidx + 1]] {
                    let (blk, bit) = (i / 64, 1u64 << (i % 64));
                    let fresh = entries.len() == new_off[sidx];
                    match entries.last_mut() {
                        Some(e) if !fresh && e.0 == blk => e.1 |= bit,
                        _ => entries.push((blk, bit)),
                    }
                }
            }
            new_off[nsym as usize + 1] = entries.len();
            Peq::Sparse { offsets: new_off, entries }
        };
        (peq, t)
    }
}

/// Diagonal band `[dlo, dhi]` (d = i − j, i pattern row, j text column)
/// holding every path of cost ≤ k; `full` when it covers the whole matrix.
fn band(m: usize, n: usize, k: usize) -> (i64, i64, bool) {
    let (mi, ni) = (m as i64, n as i64);
    let diff = mi - ni;
    let k = (k as i64).max(diff.abs());
    let x = (k - diff.abs()) / 2;
    let dlo = (diff.min(0) - x).max(-ni);
    let dhi = (diff.max(0) + x).min(mi);
    (dlo, dhi, dlo == -ni && dhi == mi)
}

#[inline(always)]
fn advance(pv: &mut u64, mv: &mut u64, eq: u64, hin: i32, hbit: u64) -> i32 {
    let (p, mm) = (*pv, *mv);
    let hin_neg = (hin < 0) as u64;
    let xv = eq | mm;
    let eq = eq | hin_neg;
    let xh = ((eq & p).wrapping_add(p) ^ p) | eq;
    let mut ph = mm | !(xh | p);
    let mut mh = p & xh;
    let hout = ((ph & hbit) != 0) as i32 - ((mh & hbit) != 0) as i32;
    ph = (ph << 1) | ((hin > 0) as u64);
    mh = (mh << 1) | hin_neg;
    *pv = mh | !(xv | ph);
    *mv = ph & xv;
    hout
}

const INF: u64 = u64::MAX / 4;

/// Sub-problems with at most this many DP cells use the plain DP traceback.
/// Tests use a tiny threshold so that Hirschberg recursion is exercised hard.
#[cfg(not(test))]
const SMALL_CELLS: usize = 1 << 16;
#[cfg(test)]
const SMALL_CELLS: usize = 64;

/// Banded block bit-parallel Levenshtein of pattern (m rows, given by its
/// Peq) against `text`. Returns the (upper-bound, exact if ≤ band's k)
/// distance D[m][n]. If `column` is given, it is filled with D[i][n] for
/// i in 0..=m (INF where not computed).
#[allow(clippy::needless_range_loop)]
fn banded(peq: &Peq, m: usize, text: &[u32], dlo: i64, dhi: i64, column: Option<&mut Vec<u64>>) -> usize {
    let n = text.len();
    debug_assert!(m > 0);
    let nblocks = m.div_ceil(64);
    let last_bit = 1u64 << ((m - 1) % 64);
    const HIGH: u64 = 1u64 << 63;
    // (pv, mv) per block; only the score of the last active block is kept,
    // the others are recovered from vertical deltas when needed.
    let mut st: Vec<(u64, u64)> = vec![(!0u64, 0u64); nblocks];
    let mi = m as i64;
    let block_rows = |b: usize| -> i64 { ((b + 1) * 64).min(m) as i64 - (b * 64) as i64 };
    let lb_of = |j: i64| -> i64 {
        let hi = (j + dhi).min(mi);
        if hi < 1 { -1 } else { (hi - 1) / 64 }
    };
    let fb_of = |j: i64| -> usize { (((j + dlo).max(1) - 1) / 64) as usize };
    // column 0: D[i][0] = i for the initially active rows
    let mut lb: i64 = lb_of(0);
    let mut last_score: i64 = if lb >= 0 { ((lb + 1) * 64).min(mi) } else { 0 };
    for (jj, &sym) in text.iter().enumerate() {
        let j = jj as i64 + 1;
        let new_lb = lb_of(j);
        while lb < new_lb {
            lb += 1;
            let above = if lb == 0 { j - 1 } else { last_score };
            st[lb as usize] = (!0, 0);
            last_score = above + block_rows(lb as usize);
        }
        let fb = fb_of(j);
        let lbu = lb as usize;
        let mut hin = 1i32;
        let sym = sym as usize;
        match peq {
            Peq::Dense { nblocks: nb, table } => {
                let row = &table[sym * nb..sym * nb + nb];
                for (x, &eq) in st[fb..lbu].iter_mut().zip(&row[fb..lbu]) {
                    hin = advance(&mut x.0, &mut x.1, eq, hin, HIGH);
                }
                let x = &mut st[lbu];
                let hbit = if lbu + 1 == nblocks { last_bit } else { HIGH };
                last_score += advance(&mut x.0, &mut x.1, row[lbu], hin, hbit) as i64;
            }
            Peq::Sparse { offsets, entries } => {
                let ents = &entries[offsets[sym]..offsets[sym + 1]];
                let mut k = ents.partition_point(|e| (e.0 as usize) < fb);
                let mut eq_at = |b: usize| -> u64 {
                    if k < ents.len() && ents[k].0 as usize == b {
                        k += 1;
                        ents[k - 1].1
                    } else {
                        0
                    }
                };
                for b in fb..lbu {
                    let x = &mut st[b];
                    hin = advance(&mut x.0, &mut x.1, eq_at(b), hin, HIGH);
                }
                let eq = eq_at(lbu);
                let x = &mut st[lbu];
                let hbit = if lbu + 1 == nblocks { last_bit } else { HIGH };
                last_score += advance(&mut x.0, &mut x.1, eq, hin, hbit) as i64;
            }
        }
    }
    if let Some(col) = column {
        col.clear();
        col.resize(m + 1, INF);
        col[0] = n as u64;
        let fb = fb_of(n as i64);
        let mut v = last_score;
        for b in (fb..=(lb as usize)).rev() {
            let top = b * 64; // rows top+1 ..= bottom
            let bottom = ((b + 1) * 64).min(m);
            let (pv, mv) = st[b];
            for r in (top + 1..=bottom).rev() {
                col[r] = v as u64;
                let bit = 1u64 << ((r - 1) % 64);
                if pv & bit != 0 {
                    v -= 1;
                } else if mv & bit != 0 {
                    v += 1;
                }
            }
        }
    }
    last_score as usize
}

/// Full DP with traceback for small problems.
#[allow(clippy::needless_range_loop)]
fn small_align(a: &[u32], b: &[u32], ao: usize, bo: usize, out: &mut Vec<EditRun>) {
    let (m, n) = (a.len(), b.len());
    let w = n + 1;
    let mut d = vec![0u32; (m + 1) * w];
    for j in 0..=n {
        d[j] = j as u32;
    }
    for i in 1..=m {
        d[i * w] = i as u32;
        for j in 1..=n {
            let sub = d[(i - 1) * w + j - 1] + (a[i - 1] != b[j - 1]) as u32;
            let del = d[(i - 1) * w + j] + 1;
            let ins = d[i * w + j - 1] + 1;
            d[i * w + j] = sub.min(del).min(ins);
        }
    }
    let mut ops = Vec::with_capacity(m + n);
    let (mut i, mut j) = (m, n);
    while i > 0 || j > 0 {
        let cur = d[i * w + j];
        if i > 0 && j > 0 {
            let eq = a[i - 1] == b[j - 1];
            if d[(i - 1) * w + j - 1] + (!eq) as u32 == cur {
                ops.push(if eq { Op::Equal } else { Op::Substitute });
                i -= 1;
                j -= 1;
                continue;
            }
        }
        if i > 0 && d[(i - 1) * w + j] + 1 == cur {
            ops.push(Op::Delete);
            i -= 1;
        } else {
            ops.push(Op::Insert);
            j -= 1;
        }
    }
    let (mut i, mut j) = (0, 0);
    for op in ops.into_iter().rev() {
        match op {
            Op::Equal | Op::Substitute => {
                push_run(out, op, ao + i, 1, bo + j, 1);
                i += 1;
                j += 1;
            }
            Op::Delete => {
                push_run(out, op, ao + i, 1, bo + j, 0);
                i += 1;
            }
            Op::Insert => {
                push_run(out, op, ao + i, 0, bo + j, 1);
                j += 1;
            }
        }
    }
}

fn hirschberg(a: &[u32], b: &[u32], ao: usize, bo: usize, d: usize, remap: &mut Remap, out: &mut Vec<EditRun>) {
    let (pre, suf) = common_affixes(a, b);
    push_run(out, Op::Equal, ao, pre, bo, pre);
    let (a2, b2) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    let (ao2, bo2) = (ao + pre, bo + pre);
    let (m, n) = (a2.len(), b2.len());
    if m == 0 {
        push_run(out, Op::Insert, ao2, 0, bo2, n);
    } else if n == 0 {
        push_run(out, Op::Delete, ao2, m, bo2, 0);
    } else if d == m && m == n && a2.iter().zip(b2).all(|(x, y)| x != y) {
        push_run(out, Op::Substitute, ao2, m, bo2, n);
    } else if (m + 1) * (n + 1) <= SMALL_CELLS || m <= 1 || n <= 1 {
        small_align(a2, b2, ao2, bo2, out);
    } else {
        let (dlo, dhi, _) = band(m, n, d);
        let mid = n / 2;
        let mut fwd = Vec::new();
        let mut bwd = Vec::new();
        {
            let (peq, t) = remap.build(a2.iter().copied(), m, b2[..mid].iter().copied());
            banded(&peq, m, &t, dlo, dhi, Some(&mut fwd));
        }
        {
            let diff = m as i64 - n as i64;
            let (peq, t) = remap.build(a2.iter().rev().copied(), m, b2[mid..].iter().rev().copied());
            banded(&peq, m, &t, diff - dhi, diff - dlo, Some(&mut bwd));
        }
        let mut best = (INF, 0usize);
        for i in 0..=m {
            let s = fwd[i].saturating_add(bwd[m - i]);
            if s < best.0 {
                best = (s, i);
            }
        }
        let i = best.1;
        debug_assert_eq!(best.0 as usize, d, "split cost must equal distance");
        let (d1, d2) = (fwd[i] as usize, bwd[m - i] as usize);
        hirschberg(&a2[..i], &b2[..mid], ao2, bo2, d1, remap, out);
        hirschberg(&a2[i..], &b2[mid..], ao2 + i, bo2 + mid, d2, remap, out);
    }
    push_run(out, Op::Equal, ao + a.len() - suf, suf, bo + b.len() - suf, suf);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ids(s: &str) -> Vec<u32> {
        s.chars().map(|c| c as u32).collect()
    }

    /// Rebuilds both sequences from the script and checks its cost.
    fn check_script(a: &[u32], b: &[u32], runs: &[EditRun]) {
        let (mut ra, mut rb) = (Vec::new(), Vec::new());
        let (mut ia, mut ib) = (0, 0);
        for r in runs {
            assert_eq!(r.a_start, ia);
            assert_eq!(r.b_start, ib);
            match r.op {
                Op::Equal => {
                    assert_eq!(r.a_len, r.b_len);
                    assert_eq!(&a[ia..ia + r.a_len], &b[ib..ib + r.b_len]);
                }
                Op::Substitute => {
                    assert_eq!(r.a_len, r.b_len);
                    for k in 0..r.a_len {
                        assert_ne!(a[ia + k], b[ib + k]);
                    }
                }
                Op::Insert => assert_eq!(r.a_len, 0),
                Op::Delete => assert_eq!(r.b_len, 0),
            }
            ra.extend_from_slice(&a[ia..ia + r.a_len]);
            rb.extend_from_slice(&b[ib..ib + r.b_len]);
            ia += r.a_len;
            ib += r.b_len;
        }
        assert_eq!(ra, a);
        assert_eq!(rb, b);
        assert_eq!(script_cost(runs), dp_levenshtein(a, b));
    }

    #[test]
    fn hand_checked() {
        assert_eq!(char_distance("kitten", "sitting"), 3);
        assert_eq!(char_distance("", "x"), 1);
        assert_eq!(char_distance("x", ""), 1);
        assert_eq!(char_distance("", ""), 0);
        assert_eq!(char_distance("flaw", "lawn"), 2);
        assert_eq!(word_distance("the cat sat", "the bat sat down"), 2);
    }

    #[test]
    fn graphemes_are_units() {
        // e + combining acute is one grapheme; vs precomposed it is one substitution
        assert_eq!(graphemes("e\u{0301}x").len(), 2);
        assert_eq!(char_distance("cafe\u{0301}", "cafe"), 1);
        assert_eq!(char_distance("cafe\u{0301}", "caf\u{00E9}"), 1); // not normalised here
        // ZWJ family and a flag: one grapheme each
        let fam = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        let flag = "\u{1F1EB}\u{1F1F7}";
        assert_eq!(graphemes(fam).len(), 1);
        assert_eq!(graphemes(flag).len(), 1);
        assert_eq!(char_distance(&format!("a{fam}b"), "ab"), 1);
        assert_eq!(char_distance(&format!("a{flag}b"), "a\u{1F1E9}\u{1F1EA}b"), 1);
    }

    #[test]
    fn histogram_bound_is_lower_bound() {
        let (a, b) = (ids("kitten sitting abc"), ids("sitting kitten cab x"));
        let mut r = Remap::new(&a, &b);
        assert!(histogram_lower_bound(&a, &b, &mut r) <= dp_levenshtein(&a, &b));
        assert_eq!(histogram_lower_bound(&ids("aab"), &ids("bbbc"), &mut Remap::new(&ids("aab"), &ids("bbbc"))), 3);
    }

    #[test]
    fn kitten_alignment() {
        let (a, b) = (ids("kitten"), ids("sitting"));
        let runs = align(&a, &b);
        check_script(&a, &b, &runs);
        assert_eq!(script_cost(&runs), 3);
    }

    #[test]
    fn long_identical_and_disjoint() {
        let a: Vec<u32> = (0..5000).map(|i| (i * 7 % 13) as u32).collect();
        assert_eq!(levenshtein(&a, &a), 0);
        let b: Vec<u32> = (0..3000).map(|_| 99).collect();
        assert_eq!(levenshtein(&a, &b), dp_levenshtein(&a, &b));
        let runs = align(&a, &b);
        check_script(&a, &b, &runs);
    }

    #[test]
    fn large_alphabet_sparse_peq() {
        // > 4M dense words forces the sparse Peq path
        let a: Vec<u32> = (0..20000u32).collect();
        let mut b = a.clone();
        b.remove(100);
        b[5000] = 999_999;
        b.insert(15000, 777_777);
        assert_eq!(levenshtein(&a, &b), 3);
        let runs = align(&a, &b);
        assert_eq!(script_cost(&runs), 3);
    }

    fn seq(max_len: usize, alpha: u32) -> impl Strategy<Value = Vec<u32>> {
        prop::collection::vec(0..alpha, 0..max_len)
    }

    /// A pair of related sequences: b is a noisy copy of a (realistic OCR case).
    fn noisy_pair(max_len: usize, alpha: u32) -> impl Strategy<Value = (Vec<u32>, Vec<u32>)> {
        (seq(max_len, alpha), prop::collection::vec((0u8..10, 0..alpha), 0..max_len)).prop_map(
            |(a, noise)| {
                let mut b = Vec::new();
                for (i, &x) in a.iter().enumerate() {
                    let (k, y) = noise.get(i).copied().unwrap_or((9, 0));
                    match k {
                        0 => {}
                        1 => b.push(y),
                        2 => {
                            b.push(x);
                            b.push(y)
                        }
                        _ => b.push(x),
                    }
                }
                (a, b)
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn bitparallel_equals_dp(a in seq(300, 4), b in seq(300, 5)) {
            prop_assert_eq!(levenshtein(&a, &b), dp_levenshtein(&a, &b));
        }

        #[test]
        fn bitparallel_equals_dp_noisy((a, b) in noisy_pair(400, 6)) {
            prop_assert_eq!(levenshtein(&a, &b), dp_levenshtein(&a, &b));
        }

        #[test]
        fn alignment_reconstructs((a, b) in noisy_pair(700, 5)) {
            let runs = align(&a, &b);
            check_script(&a, &b, &runs);
        }

        #[test]
        fn alignment_reconstructs_random(a in seq(400, 3), b in seq(400, 3)) {
            let runs = align(&a, &b);
            check_script(&a, &b, &runs);
        }

        #[test]
        fn self_distance_zero(a in seq(500, 50)) {
            prop_assert_eq!(levenshtein(&a, &a), 0);
        }

        #[test]
        fn string_graphemes(a in "[a-c\u{0301}\u{1F1EB}\u{1F1F7} ]{0,150}", b in "[a-d\u{0301} ]{0,150}") {
            let (ga, gb) = (graphemes(&a), graphemes(&b));
            let (ia, ib) = intern_pair(&ga, &gb);
            prop_assert_eq!(char_distance(&a, &b), dp_levenshtein(&ia, &ib));
        }
    }
}
