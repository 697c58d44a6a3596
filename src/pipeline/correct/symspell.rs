//! Symmetric-delete candidate index (the SymSpell idea), own implementation.
//!
//! Every dictionary word contributes the hashes of all strings obtained by
//! deleting up to `max_distance` characters from its first `prefix_len`
//! characters. A query generates the same deletes of its own prefix; any word
//! sharing a delete hash is a candidate and is verified with the true
//! optimal-string-alignment (restricted Damerau-Levenshtein) distance.
//!
//! Storage is a flat bucket table (CSR): `offsets[bucket]..offsets[bucket+1]`
//! index into `entries` = (word id, 30-bit fingerprint | 2-bit delete depth).
//! Only hashes are stored, never delete strings, so building the 82 765-word
//! list takes well under a second and ~30 MB. The index is immutable after
//! `build`, hence `Send + Sync`; per-query state lives in `LookupScratch`.

use crate::dictionary::Dictionary;
use crate::hash::hash_chars;

/// Longest word (in chars) the index handles; longer queries get no candidates.
pub const MAX_WORD: usize = 48;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    pub id: u32,
    pub distance: u8,
}

/// Reusable per-thread buffers for `lookup`.
#[derive(Default)]
pub struct LookupScratch {
    deletes: Vec<(u64, u8)>,
    ids: Vec<u32>,
    chars: Vec<char>,
    buf: Vec<char>,
    /// generation stamps per word id, to dedupe candidates without sorting
    seen: Vec<u32>,
    generation: u32,
}

pub struct SymSpell {
    max_distance: u8,
    prefix_len: usize,
    words: Vec<Box<str>>,
    freqs: Vec<u64>,
    /// all words' chars concatenated; word i is chars[starts[i]..starts[i+1]]
    chars: Vec<char>,
    starts: Vec<u32>,
    /// 64-bit char-set signature per word (cheap distance lower bound)
    sigs: Vec<u64>,
    mask: u64,
    offsets: Vec<u32>,
    entries: Vec<(u32, u32)>,
}

/// Push (hash, depth) of `s` and of all deletes of `s` up to `max` deep.
fn gen_deletes(s: &mut Vec<char>, depth: u8, max: u8, out: &mut Vec<(u64, u8)>) {
    out.push((hash_chars(s), depth));
    if depth >= max || s.is_empty() {
        return;
    }
    for i in 0..s.len() {
        // skip deleting the second of two equal chars (same result as deleting the first)
        if i > 0 && s[i] == s[i - 1] {
            continue;
        }
        let c = s.remove(i);
        gen_deletes(s, depth + 1, max, out);
        s.insert(i, c);
    }
}

fn dedup_deletes(v: &mut Vec<(u64, u8)>) {
    v.sort_unstable();
    v.dedup_by(|b, a| a.0 == b.0); // keeps first = smallest depth
}

/// Entry tag: 24 hash bits | 6 bits word length (capped at 63) | 2 bits delete depth.
const TAG_MASK: u32 = !0xff;

#[inline]
fn fingerprint(h: u64, len: usize, depth: u8) -> u32 {
    (((h >> 32) as u32) & TAG_MASK) | ((len.min(63) as u32) << 2) | depth as u32
}

impl SymSpell {
    /// Build the index over all dictionary words (max distance ≤ 3).
    pub fn build(dict: &Dictionary, max_distance: u8, prefix_len: usize) -> Self {
        assert!(max_distance <= 3 && prefix_len >= 1);
        let mut items: Vec<(&str, u64)> = dict.iter().filter(|(w, _)| w.chars().count() <= MAX_WORD).collect();
        items.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let mut words = Vec::with_capacity(items.len());
        let mut freqs = Vec::with_capacity(items.len());
        let mut chars = Vec::new();
        let mut starts = vec![0u32];
        let mut pairs: Vec<(u64, u32, u8, usize)> = Vec::with_capacity(items.len() * 24);
        let mut dels = Vec::new();
        let mut s = Vec::new();
        for (id, (w, f)) in items.iter().enumerate() {
            words.push(Box::<str>::from(*w));
            freqs.push(*f);
            chars.extend(w.chars());
            starts.push(chars.len() as u32);
            s.clear();
            s.extend(w.chars().take(prefix_len));
            dels.clear();
            gen_deletes(&mut s, 0, max_distance, &mut dels);
            dedup_deletes(&mut dels);
            let wl = w.chars().count();
            pairs.extend(dels.iter().map(|&(h, d)| (h, id as u32, d, wl)));
        }
        let sigs = words.iter().map(|w| sig(w.chars())).collect();
        let nb = (pairs.len() / 2).next_power_of_two().max(1024);
        let mask = nb as u64 - 1;
        let mut offsets = vec![0u32; nb + 1];
        for p in &pairs {
            offsets[(p.0 & mask) as usize + 1] += 1;
        }
        for i in 0..nb {
            offsets[i + 1] += offsets[i];
        }
        let mut fill = offsets.clone();
        let mut entries = vec![(0u32, 0u32); pairs.len()];
        for p in &pairs {
            let b = (p.0 & mask) as usize;
            entries[fill[b] as usize] = (p.1, fingerprint(p.0, p.3, p.2));
            fill[b] += 1;
        }
        SymSpell { max_distance, prefix_len, words, freqs, chars, starts, sigs, mask, offsets, entries }
    }

    pub fn max_distance(&self) -> u8 {
        self.max_distance
    }
    pub fn len(&self) -> usize {
        self.words.len()
    }
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
    #[inline]
    pub fn word(&self, id: u32) -> &str {
        &self.words[id as usize]
    }
    #[inline]
    pub fn freq(&self, id: u32) -> u64 {
        self.freqs[id as usize]
    }
    #[inline]
    fn word_chars(&self, id: u32) -> &[char] {
        &self.chars[self.starts[id as usize] as usize..self.starts[id as usize + 1] as usize]
    }

    /// Approximate heap size in bytes.
    pub fn heap_bytes(&self) -> usize {
        self.words.iter().map(|w| w.len() + 16).sum::<usize>()
            + self.freqs.len() * 8
            + self.chars.len() * 4
            + self.starts.len() * 4
            + self.sigs.len() * 8
            + self.offsets.len() * 4
            + self.entries.len() * 8
    }

    /// All dictionary words within `max_distance` (≤ the build distance) of
    /// `term` (compared as given; pass lower case). Results go to `out`
    /// (cleared), unsorted. The term itself is included when in the dictionary.
    pub fn lookup(&self, term: &str, max_distance: u8, scratch: &mut LookupScratch, out: &mut Vec<Candidate>) {
        out.clear();
        let k = max_distance.min(self.max_distance);
        let LookupScratch { deletes, ids, chars, buf, seen, generation } = scratch;
        chars.clear();
        chars.extend(term.chars());
        let n = chars.len();
        if n == 0 || n > MAX_WORD {
            return;
        }
        if seen.len() != self.words.len() {
            *seen = vec![0; self.words.len()];
            *generation = 0;
        }
        *generation = generation.wrapping_add(1);
        if *generation == 0 {
            seen.iter_mut().for_each(|x| *x = 0);
            *generation = 1;
        }
        let stamp = *generation;
        buf.clear();
        buf.extend(chars.iter().take(self.prefix_len));
        deletes.clear();
        gen_deletes(buf, 0, k, deletes);
        dedup_deletes(deletes);
        ids.clear();
        let (lmin, lmax) = (n.saturating_sub(k as usize) as u32, (n + k as usize).min(63) as u32);
        for &(h, _) in deletes.iter() {
            let b = (h & self.mask) as usize;
            let fp = ((h >> 32) as u32) & TAG_MASK;
            let (lo, hi) = (self.offsets[b] as usize, self.offsets[b + 1] as usize);
            for &(id, f) in &self.entries[lo..hi] {
                let wl = (f >> 2) & 63;
                if f & TAG_MASK == fp && (f & 3) as u8 <= k && wl >= lmin && (wl <= lmax || n + k as usize >= 63) {
                    let s = &mut seen[id as usize];
                    if *s != stamp {
                        *s = stamp;
                        ids.push(id);
                    }
                }
            }
        }
        let qs = sig(chars.iter().copied());
        for &id in ids.iter() {
            // each edit adds or removes at most one char class from the set
            let ws = self.sigs[id as usize];
            if (qs & !ws).count_ones() > k as u32 || (ws & !qs).count_ones() > k as u32 {
                continue;
            }
            let wc = self.word_chars(id);
            if wc.len().abs_diff(n) > k as usize {
                continue;
            }
            if let Some(d) = osa_bounded(chars, wc, k as usize) {
                out.push(Candidate { id, distance: d as u8 });
            }
        }
    }
}

/// Char-set signature: bit (c mod 64) for every char.
#[inline]
fn sig(cs: impl Iterator<Item = char>) -> u64 {
    cs.fold(0u64, |a, c| a | 1u64 << (c as u32 % 64))
}

/// Optimal string alignment distance if ≤ `k`, else None. Inputs ≤ MAX_WORD chars.
pub fn osa_bounded(a: &[char], b: &[char], k: usize) -> Option<usize> {
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) > k {
        return None;
    }
    // strip common prefix/suffix
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[p..], &b[p..]);
    let s = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[..a.len() - s], &b[..b.len() - s]);
    let (n, m) = (a.len(), b.len());
    if n == 0 || m == 0 {
        let d = n.max(m);
        return (d <= k).then_some(d);
    }
    if n > MAX_WORD || m > MAX_WORD {
        return None;
    }
    const W: usize = MAX_WORD + 1;
    let mut r0 = [0u8; W]; // row i-2
    let mut r1 = [0u8; W]; // row i-1
    let mut r2 = [0u8; W]; // row i
    for (j, v) in r1.iter_mut().enumerate().take(m + 1) {
        *v = j as u8;
    }
    let k8 = k.min(200) as u8;
    for i in 1..=n {
        r2[0] = i as u8;
        let mut rowmin = i as u8;
        for j in 1..=m {
            let cost = (a[i - 1] != b[j - 1]) as u8;
            let mut v = (r1[j] + 1).min(r2[j - 1] + 1).min(r1[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(r0[j - 2] + 1);
            }
            r2[j] = v;
            rowmin = rowmin.min(v);
        }
        if rowmin > k8 {
            return None;
        }
        std::mem::swap(&mut r0, &mut r1);
        std::mem::swap(&mut r1, &mut r2);
    }
    let d = r1[m] as usize;
    (d <= k).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cs(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn osa() {
        assert_eq!(osa_bounded(&cs("the"), &cs("tbe"), 2), Some(1));
        assert_eq!(osa_bounded(&cs("modern"), &cs("rnodern"), 2), Some(2));
        assert_eq!(osa_bounded(&cs("ab"), &cs("ba"), 2), Some(1));
        assert_eq!(osa_bounded(&cs("abcdef"), &cs("uvwxyz"), 2), None);
        assert_eq!(osa_bounded(&cs(""), &cs("ab"), 2), Some(2));
    }

    /// Brute-force check: the index finds exactly the words within distance k.
    #[test]
    fn lookup_matches_brute_force() {
        let words = ["the", "then", "them", "modern", "modem", "international", "internationally",
            "a", "ab", "abc", "abcdefghij", "abcdefghxj", "zebra", "zebras", "of", "off", "class"];
        let d = Dictionary::from_pairs(words.iter().map(|w| (*w, 10)));
        let ss = SymSpell::build(&d, 2, 7);
        let mut sc = LookupScratch::default();
        let mut out = Vec::new();
        for q in ["tbe", "rnodern", "internatlonal", "abcdefghij", "abcdefgh", "zbra", "c1ass", "x", "ofthe", "thern"] {
            for k in 0..=2u8 {
                ss.lookup(q, k, &mut sc, &mut out);
                let mut got: Vec<&str> = out.iter().map(|c| ss.word(c.id)).collect();
                got.sort();
                let mut want: Vec<&str> = words.iter().copied()
                    .filter(|w| osa_bounded(&cs(q), &cs(w), k as usize).is_some()).collect();
                want.sort();
                assert_eq!(got, want, "query {q} k {k}");
            }
        }
    }

    #[test]
    fn send_sync() {
        fn f<T: Send + Sync>() {}
        f::<SymSpell>();
    }
}
