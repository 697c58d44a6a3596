//! Symmetric-delete candidate index (the SymSpell idea), own implementation.
//!
//! Every dictionary word contributes the hashes of all strings obtained by
//! deleting up to `max_distance` characters from its first `prefix_len`
//! characters. A query generates the same deletes of its own prefix; any word
//! sharing a delete hash is a candidate and is verified with the true
//! optimal-string-alignment (restricted Damerau-Levenshtein) distance. A longer
//! prefix means more entries but fewer words that share only the prefix with
//! the query to verify (`Corrector::build_index` says which one is used).
//!
//! Storage is a table of cache lines named by the delete hash (`DeleteTable`):
//! each entry packs word id, length, delete depth, hash check bits and a
//! char-set signature in a u64 (see `pack`), in ascending depth within a line;
//! a crowded line links its deeper entries to an overflow array. Only hashes
//! are stored, never delete strings. The index is immutable after `build`,
//! hence `Send + Sync`; per-query state lives in `LookupScratch` (a few KB, no
//! per-dictionary-word buffer).
//!
//! Delete hashes are polynomial (see `gen_deletes`): each is composed in
//! O(depth) from the prefix hashes of the word instead of rehashing its string.
//!
//! A lookup runs in passes whose loads are independent, each pass prefetching
//! what the next one reads (the lines while the deletes are hashed, the linked
//! overflows and the word slots of the entries that survive the filters while
//! the lines are scanned): a filter's branch on a missed load would otherwise
//! stall the pass behind it. Entries are filtered by check bits, delete
//! depth, length and a char-set bound (each edit changes at most one char
//! class in each direction) without touching the word; survivors are
//! deduplicated in a small open-addressing table, then verified: at distance
//! ≤ 1, terms and words of up to 8 ASCII bytes are compared as packed u64s
//! (`osa_le1`); other ASCII words with a bit-parallel OSA distance (Hyyrö
//! 2003) against a match table precomputed for the query, short ones read
//! from one 16-byte slot. Non-ASCII words and queries fall back to the row DP
//! on chars.

use crate::dictionary::Dictionary;
use crate::hash::{fmix64, K};

/// Longest word (in chars) the index handles; longer queries get no candidates.
pub const MAX_WORD: usize = 48;
/// Longest indexed prefix.
const MAX_PREFIX: usize = 16;
/// Longest word kept in `SymSpell::short`.
const SHORT: usize = 16;
/// Slots of the per-query dedupe table (power of two).
const DEDUP_SLOTS: usize = 4096;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    pub id: u32,
    pub distance: u8,
}

/// The candidate lists of many terms in one buffer (`Corrector::candidates`).
#[derive(Default)]
pub struct CandidateLists {
    all: Vec<Candidate>,
    /// the range of `all` holding each term's list
    spans: Vec<(u32, u32)>,
}

impl CandidateLists {
    /// `n` empty lists.
    pub fn reset(&mut self, n: usize) {
        self.all.clear();
        self.spans.clear();
        self.spans.resize(n, (0, 0));
    }
    /// Set list `i` (< the `n` of `reset`), replacing what it held.
    pub fn set(&mut self, i: usize, found: &[Candidate]) {
        let start = self.all.len() as u32;
        self.all.extend_from_slice(found);
        self.spans[i] = (start, self.all.len() as u32);
    }
    pub fn len(&self) -> usize {
        self.spans.len()
    }
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
    pub fn get(&self, i: usize) -> &[Candidate] {
        let (a, b) = self.spans[i];
        &self.all[a as usize..b as usize]
    }
}

/// Lookups `lookup_many` has in flight: one being started (its lines
/// requested), one scanned (its words requested), one verified.
const STAGES: usize = 3;

/// Reusable per-thread buffers for `lookup` and `lookup_many` (about 40 KB,
/// allocated on first use).
#[derive(Default)]
pub struct LookupScratch {
    queries: Vec<Query>,
    wchars: Vec<char>,
    found: Vec<Candidate>,
}

impl LookupScratch {
    /// The query slots, the buffer for non-ASCII words and one for results.
    fn parts(&mut self) -> (&mut [Query], &mut Vec<char>, &mut Vec<Candidate>) {
        if self.queries.is_empty() {
            self.queries.resize_with(STAGES, Query::default);
        }
        (&mut self.queries, &mut self.wchars, &mut self.found)
    }
}

/// One lookup in flight: its term, the deletes it probes and the entries
/// that passed the filters so far.
struct Query {
    /// false when the term can have no candidates (empty or too long)
    live: bool,
    k: u8,
    chars: Vec<char>,
    ascii: bool,
    /// an ASCII term of at most 8 bytes, zero-padded, for `osa_le1`
    packed: u64,
    /// char-set signature of the term, see `sig28`
    sig: u32,
    /// lengths a candidate may have
    lens: (u64, u64),
    /// hashes of the term's deletes
    deletes: Vec<u64>,
    /// bit-parallel match masks of an ASCII term, by byte
    peq: [u64; 128],
    /// (generation, id) open-addressing dedupe table
    slots: Vec<(u32, u32)>,
    generation: u32,
    inserted: usize,
    /// overflow ranges to scan: (first, end, check bits)
    ranges: Vec<(u32, u32, u64)>,
    /// entries that passed the filters, to verify
    survivors: Vec<u64>,
}

impl Default for Query {
    fn default() -> Self {
        Query {
            live: false,
            k: 0,
            chars: Vec::new(),
            ascii: true,
            packed: 0,
            sig: 0,
            lens: (0, 0),
            deletes: Vec::new(),
            peq: [0; 128],
            slots: vec![(0, 0); DEDUP_SLOTS],
            generation: 0,
            inserted: 0,
            ranges: Vec::new(),
            survivors: Vec::new(),
        }
    }
}

pub struct SymSpell {
    max_distance: u8,
    prefix_len: usize,
    freqs: Vec<u64>,
    /// all words' UTF-8 bytes concatenated; word i is bytes[starts[i]..starts[i+1]]
    bytes: Vec<u8>,
    starts: Vec<u32>,
    /// ASCII words of at most 16 bytes again, zero-padded, one cache-line
    /// access per verification instead of two dependent ones (starts, bytes)
    short: Vec<[u8; SHORT]>,
    table: DeleteTable,
}

/// One cache line of packed entries (see `pack`).
#[repr(C, align(64))]
#[derive(Clone, Copy)]
struct Line([u64; SLOTS]);
const SLOTS: usize = 8;
/// An unused slot. Its depth bits are 3, deeper than any entry, so a scan
/// stops there; bit 63 tells it from an overflow link.
const EMPTY: u64 = u64::MAX;

/// Entries bucketed by cache line: a delete hash names its line directly, so
/// a lookup's first load is the entries themselves (no offsets table in
/// between, one dependent cache miss fewer). Within a line, entries are in
/// ascending delete depth, so a lookup at a smaller distance stops at the
/// first deeper entry. A line with more than `SLOTS` entries keeps the
/// `SLOTS - 1` shallowest and links the rest, also by depth, in `overflow`.
/// Lines are sized for the depth-0/1 entries, so the distance-1 lookups the
/// tiered search starts with rarely need the second load.
struct DeleteTable {
    mask: u64,
    lines: Vec<Line>,
    overflow: Vec<u64>,
}

/// Overflow link in a line's last slot: bits 0..28 first overflow entry,
/// 28..30 set (deeper than any entry, so scans stop), 30..32 the shallowest
/// depth in the overflow, 32..56 entry count, bit 63 clear.
fn link(start: usize, count: usize, min_depth: u64) -> u64 {
    assert!(start < 1 << 28 && count < 1 << 24, "index too large");
    start as u64 | 3 << 28 | min_depth << 30 | (count as u64) << 32
}
const LINK_START: u64 = (1 << 28) - 1;

#[inline]
fn is_link(e: u64) -> bool {
    (e >> 28) & 3 == 3 && e >> 63 == 0
}

/// Average depth-0/1 entries per line: a line overflows when more than 7 land
/// in it (Poisson tail about 1% at 3).
const SHALLOW_PER_LINE: usize = 2;

impl DeleteTable {
    /// Table of all `packed` entries, by line (`hashes`) and delete depth
    /// (< `depths`).
    fn build(hashes: Vec<u32>, packed: Vec<u64>, depths: usize) -> Self {
        let shallow = packed.iter().filter(|&&e| (e >> 28) & 3 <= 1).count();
        let nl = (shallow / SHALLOW_PER_LINE).next_power_of_two().max(1024);
        let (sorted, starts) = sort_by_line(hashes, packed, nl, depths);
        // the lines are allocated only once the unsorted entries are freed:
        // the build's peak memory is what the process's peak is
        let mut lines = huge_page_vec(nl);
        lines.resize(nl, Line([EMPTY; SLOTS]));
        let spilled: usize = starts.windows(2).map(|w| (w[1] - w[0]) as usize).filter(|&c| c > SLOTS).map(|c| c - (SLOTS - 1)).sum();
        let mut overflow = huge_page_vec(spilled);
        for (line, w) in lines.iter_mut().zip(starts.windows(2)) {
            let es = &sorted[w[0] as usize..w[1] as usize];
            if es.len() <= SLOTS {
                line.0[..es.len()].copy_from_slice(es);
            } else {
                line.0[..SLOTS - 1].copy_from_slice(&es[..SLOTS - 1]);
                let rest = &es[SLOTS - 1..];
                line.0[SLOTS - 1] = link(overflow.len(), rest.len(), (rest[0] >> 28) & 3);
                overflow.extend_from_slice(rest);
            }
        }
        DeleteTable { mask: nl as u64 - 1, lines, overflow }
    }

    #[inline]
    fn line(&self, h: u64) -> &Line {
        &self.lines[(h & self.mask) as usize]
    }

    /// Start loading the line of hash `h`.
    #[inline]
    fn prefetch_line(&self, h: u64) {
        prefetch(self.lines.as_ptr().wrapping_add((h & self.mask) as usize));
    }

    fn heap_bytes(&self) -> usize {
        self.lines.len() * 64 + self.overflow.len() * 8
    }
}

/// The entries `packed` (of delete hashes `hashes`) in order of line (of
/// `nl`, a power of two ≥ 1024) and delete depth (< `depths`), stably, and
/// where each line's entries start (`nl + 1` offsets). Two counting sorts, so
/// that the scattered writes stay in cache: first into 256 runs by the top
/// bits of the line, then each run by line and depth, whose counters fit in
/// L1. One sort over all the counters (6 MB) and entries missed the cache on
/// nearly every entry: it took most of the index build.
fn sort_by_line(hashes: Vec<u32>, packed: Vec<u64>, nl: usize, depths: usize) -> (Vec<u64>, Vec<u32>) {
    const RUNS: usize = 256;
    let per_run = nl / RUNS;
    let line = |h: u32| h as usize & (nl - 1);
    let n = packed.len();
    let mut run_start = vec![0usize; RUNS + 1];
    for &h in &hashes {
        run_start[line(h) / per_run + 1] += 1;
    }
    for r in 0..RUNS {
        run_start[r + 1] += run_start[r];
    }
    let mut next = run_start.clone();
    let (mut run_h, mut run_e) = (vec![0u32; n], vec![0u64; n]);
    for (&h, &e) in hashes.iter().zip(&packed) {
        let i = &mut next[line(h) / per_run];
        (run_h[*i], run_e[*i]) = (h, e);
        *i += 1;
    }
    drop((hashes, packed));
    let mut sorted = vec![0u64; n];
    let mut starts = vec![0u32; nl + 1];
    let mut fill = vec![0u32; per_run * depths + 1];
    let slot = |h: u32, e: u64| (line(h) % per_run) * depths + ((e >> 28) & 3) as usize;
    for r in 0..RUNS {
        let (first, end) = (run_start[r], run_start[r + 1]);
        fill.fill(0);
        for i in first..end {
            fill[slot(run_h[i], run_e[i]) + 1] += 1;
        }
        for i in 0..per_run * depths {
            fill[i + 1] += fill[i];
        }
        for l in 0..per_run {
            starts[r * per_run + l] = (first + fill[l * depths] as usize) as u32;
        }
        for i in first..end {
            let f = &mut fill[slot(run_h[i], run_e[i])];
            sorted[first + *f as usize] = run_e[i];
            *f += 1;
        }
    }
    starts[nl] = n as u32;
    (sorted, starts)
}

/// Call `emit(hash, depth)` for `s` and for all its deletes up to `max` deep.
/// Deleting any char of a run of equal chars gives the same string, so only
/// the first ones of a run are deleted: this drops most duplicates without
/// sorting. The few left (`abab` minus `ba` or minus `ab`) only cost an index
/// entry; lookups deduplicate words anyway.
///
/// A delete's hash is composed in O(depth) from prefix hashes of `s` (see
/// `poly`) instead of rehashing the delete string: a query's 29 deletes
/// at distance 2 cost about as much as hashing `s` twice.
fn gen_deletes(s: &[char], max: u8, mut emit: impl FnMut(u64, u8)) {
    let n = s.len();
    // pre[i] = poly(s[..i]), pw[i] = POLY^i
    let mut pre = [0u64; MAX_PREFIX + 1];
    let mut pw = [1u64; MAX_PREFIX + 1];
    for (i, &c) in s.iter().enumerate() {
        pre[i + 1] = pre[i].wrapping_mul(POLY).wrapping_add(c as u64);
        pw[i + 1] = pw[i].wrapping_mul(POLY);
    }
    // poly(A ++ B) = poly(A) * POLY^|B| + poly(B), so the hash of `s` without
    // the positions in `skip` (ascending) is folded from the kept segments
    let without = |skip: &[usize]| {
        let mut h = 0u64;
        let mut start = 0;
        for &end in skip.iter().chain([n].iter()) {
            let seg = pre[end].wrapping_sub(pre[start].wrapping_mul(pw[end - start]));
            h = h.wrapping_mul(pw[end - start]).wrapping_add(seg);
            start = end + 1;
        }
        finish_hash(h, n - skip.len())
    };
    // position `p` may be deleted when its left neighbour is another char or
    // is deleted too (`prev` = the previous deleted position)
    let first_of_run = |p: usize, prev: Option<usize>| p == 0 || s[p] != s[p - 1] || prev == Some(p - 1);
    emit(without(&[]), 0);
    if max == 0 {
        return;
    }
    for i in (0..n).filter(|&i| first_of_run(i, None)) {
        emit(without(&[i]), 1);
        if max == 1 {
            continue;
        }
        for j in (i + 1..n).filter(|&j| first_of_run(j, Some(i))) {
            emit(without(&[i, j]), 2);
            if max == 2 {
                continue;
            }
            for q in (j + 1..n).filter(|&q| first_of_run(q, Some(j))) {
                emit(without(&[i, j, q]), 3);
            }
        }
    }
}

/// Multiplier of the polynomial string hash `poly(s) = Σ s[i]·POLY^(|s|-1-i)`
/// (mod 2^64, odd). The same string always gets the same value however it is
/// composed; `finish_hash` mixes it so that low and high bits are usable.
const POLY: u64 = 0x9e37_79b9_7f4a_7c15;

/// Bucket/check hash of a string from its `poly` value and length (murmur3
/// fmix64, a bijection: distinct polynomial values never collide here).
#[inline]
fn finish_hash(p: u64, len: usize) -> u64 {
    fmix64(p ^ (len as u64).wrapping_mul(K))
}

/// Hint the CPU to load the cache line of `p`: a lookup's loads are known a
/// pass ahead, and issuing them early overlaps their misses. Never faults.
#[inline(always)]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint; it reads nothing and cannot fault.
    unsafe {
        core::arch::x86_64::_mm_prefetch(p as *const i8, core::arch::x86_64::_MM_HINT_T0)
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// Entry layout (u64), so that most candidates are rejected without touching
/// any per-word array: bits 0..21 word id | 21 non-ASCII flag | 22..28 word
/// length in chars | 28..30 delete depth | 30..36 six more hash bits (the bucket
/// index holds the low ones) | 36..64 28-bit char-set signature of the word.
const ID_BITS: u32 = 21;
const ID_MASK: u64 = (1 << ID_BITS) - 1;
const NONASCII: u64 = 1 << 21;
const CHECK_SHIFT: u32 = 30;
const CHECK_MASK: u64 = 0x3f << CHECK_SHIFT;

#[inline]
fn check_bits(h: u64) -> u64 {
    ((h >> 40) << CHECK_SHIFT) & CHECK_MASK
}

#[inline]
fn pack(h: u64, id: u32, len: usize, ascii: bool, depth: u8, sig: u32) -> u64 {
    id as u64 | if ascii { 0 } else { NONASCII } | (len as u64) << 22 | (depth as u64) << 28 | check_bits(h) | (sig as u64) << 36
}

impl SymSpell {
    /// Build the index over all dictionary words (max distance ≤ 2: depth 3
    /// marks empty slots and links, see `DeleteTable`).
    pub fn build(dict: &Dictionary, max_distance: u8, prefix_len: usize) -> Self {
        assert!(max_distance <= 2 && (1..=MAX_PREFIX).contains(&prefix_len));
        let mut items: Vec<(&str, u64)> = dict.iter().filter(|(w, _)| w.chars().count() <= MAX_WORD).collect();
        items.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        assert!(items.len() < 1 << ID_BITS, "dictionary too large for the index");
        let mut freqs = Vec::with_capacity(items.len());
        let mut bytes = Vec::with_capacity(items.iter().map(|w| w.0.len()).sum());
        let mut starts = Vec::with_capacity(items.len() + 1);
        starts.push(0u32);
        let mut short = Vec::with_capacity(items.len());
        // low 32 hash bits (the bucket) and packed entry of every delete
        let mut hashes: Vec<u32> = Vec::new();
        let mut packed: Vec<u64> = Vec::new();
        let mut s: Vec<char> = Vec::with_capacity(MAX_WORD);
        for (id, (w, f)) in items.iter().enumerate() {
            freqs.push(*f);
            bytes.extend_from_slice(w.as_bytes());
            starts.push(bytes.len() as u32);
            let mut inline = [0u8; SHORT];
            if w.is_ascii() && w.len() <= SHORT {
                inline[..w.len()].copy_from_slice(w.as_bytes());
            }
            short.push(inline);
            s.clear();
            s.extend(w.chars());
            let wl = s.len();
            let sg = sig28(&s);
            gen_deletes(&s[..wl.min(prefix_len)], max_distance, |h, d| {
                hashes.push(h as u32);
                packed.push(pack(h, id as u32, wl, w.is_ascii(), d, sg));
            });
        }
        let table = DeleteTable::build(hashes, packed, max_distance as usize + 1);
        SymSpell { max_distance, prefix_len, freqs, bytes, starts, short, table }
    }

    pub fn max_distance(&self) -> u8 {
        self.max_distance
    }
    pub fn len(&self) -> usize {
        self.freqs.len()
    }
    pub fn is_empty(&self) -> bool {
        self.freqs.is_empty()
    }
    #[inline]
    pub fn word(&self, id: u32) -> &str {
        let b = &self.bytes[self.starts[id as usize] as usize..self.starts[id as usize + 1] as usize];
        // SAFETY: `bytes` holds whole `&str`s concatenated and `starts` their boundaries.
        unsafe { std::str::from_utf8_unchecked(b) }
    }
    /// The length in bytes of word `id` (without reading the word).
    #[inline]
    pub fn word_len(&self, id: u32) -> usize {
        (self.starts[id as usize + 1] - self.starts[id as usize]) as usize
    }
    #[inline]
    pub fn freq(&self, id: u32) -> u64 {
        self.freqs[id as usize]
    }

    /// Approximate heap size in bytes.
    pub fn heap_bytes(&self) -> usize {
        self.freqs.len() * 8
            + self.bytes.len()
            + self.starts.len() * 4
            + self.short.len() * SHORT
            + self.table.heap_bytes()
    }

    /// All dictionary words within `max_distance` (≤ the build distance) of
    /// `term` (compared as given; pass lower case). Results go to `out`
    /// (cleared), unsorted. The term itself is included when in the dictionary.
    pub fn lookup(&self, term: &str, max_distance: u8, scratch: &mut LookupScratch, out: &mut Vec<Candidate>) {
        out.clear();
        let (queries, wchars, _) = scratch.parts();
        let q = &mut queries[0];
        self.begin(q, term, max_distance);
        self.scan(q);
        self.verify(q, wchars, out);
    }

    /// The id of dictionary word `word`, if indexed.
    pub fn id(&self, word: &str, scratch: &mut LookupScratch) -> Option<u32> {
        let mut found = std::mem::take(&mut scratch.found);
        self.lookup(word, 0, scratch, &mut found);
        let id = found.first().map(|c| c.id);
        scratch.found = found;
        id
    }

    /// `lookup` of every `(term, max_distance)` of `terms`; `found(i, words)`
    /// is called with the candidates of `terms[i]`, in order. The lookups
    /// overlap as a pipeline: while one term's lines are on their way from
    /// memory, the term before is scanned and the one before that verified,
    /// so each stage's loads have a whole step to arrive.
    pub fn lookup_many(&self, terms: &[(&str, u8)], scratch: &mut LookupScratch, mut found: impl FnMut(usize, &[Candidate])) {
        if terms.is_empty() {
            return;
        }
        let (queries, wchars, out) = scratch.parts();
        for step in 0..terms.len() + 2 {
            if let Some(&(t, k)) = terms.get(step) {
                self.begin(&mut queries[step % STAGES], t, k);
            }
            if (1..=terms.len()).contains(&step) {
                self.scan(&mut queries[(step - 1) % STAGES]);
            }
            if step >= 2 {
                out.clear();
                self.verify(&mut queries[(step - 2) % STAGES], wchars, out);
                found(step - 2, out);
            }
        }
    }

    /// First stage: the term's deletes, prefetching their lines.
    fn begin(&self, q: &mut Query, term: &str, max_distance: u8) {
        let k = max_distance.min(self.max_distance);
        q.chars.clear();
        if term.is_ascii() {
            q.chars.extend(term.bytes().map(char::from));
        } else {
            q.chars.extend(term.chars());
        }
        let n = q.chars.len();
        q.live = n > 0 && n <= MAX_WORD;
        if !q.live {
            return;
        }
        q.k = k;
        q.generation = q.generation.wrapping_add(1);
        if q.generation == 0 {
            q.slots.iter_mut().for_each(|x| *x = (0, 0));
            q.generation = 1;
        }
        q.inserted = 0;
        q.deletes.clear();
        let deletes = &mut q.deletes;
        gen_deletes(&q.chars[..n.min(self.prefix_len)], k, |h, _| {
            self.table.prefetch_line(h);
            deletes.push(h);
        });
        q.ascii = term.is_ascii();
        let mut packed = [0u8; 8];
        if q.ascii {
            for (i, &c) in term.as_bytes().iter().enumerate() {
                q.peq[c as usize] |= 1u64 << i;
            }
            if n <= 8 {
                packed[..n].copy_from_slice(term.as_bytes());
            }
        }
        q.packed = u64::from_le_bytes(packed);
        q.sig = sig28(&q.chars);
        q.lens = (n.saturating_sub(k as usize) as u64, (n + k as usize) as u64);
        q.ranges.clear();
        q.survivors.clear();
    }

    /// Second stage: the entries of the deletes' lines, then of the overflows
    /// some of them link to; the words of the entries that pass the filters
    /// are prefetched for `verify`.
    fn scan(&self, q: &mut Query) {
        if !q.live {
            return;
        }
        let k = q.k as u64;
        for i in 0..q.deletes.len() {
            let h = q.deletes[i];
            let check = check_bits(h);
            for &e in &self.table.line(h).0 {
                if (e >> 28) & 3 > k {
                    // sorted by depth; a link is followed if it holds entries
                    // shallow enough
                    if is_link(e) && (e >> 30) & 3 <= k {
                        let lo = (e & LINK_START) as u32;
                        let hi = lo + ((e >> 32) & 0xff_ffff) as u32;
                        let first = self.table.overflow.as_ptr().wrapping_add(lo as usize);
                        let last = self.table.overflow.as_ptr().wrapping_add(hi.min(lo + 64) as usize - 1);
                        let mut line = first as usize & !63;
                        while line <= last as usize {
                            prefetch(line as *const u8);
                            line += 64;
                        }
                        q.ranges.push((lo, hi, check));
                    }
                    break;
                }
                self.consider(q, e, check);
            }
        }
        for i in 0..q.ranges.len() {
            let (lo, hi, check) = q.ranges[i];
            for &e in &self.table.overflow[lo as usize..hi as usize] {
                if (e >> 28) & 3 > k {
                    break;
                }
                self.consider(q, e, check);
            }
        }
    }

    /// Keeps entry `e` of a delete with `check` bits if it may be within
    /// `q.k` (filters on the packed bits, no word is read), once per word.
    #[inline]
    fn consider(&self, q: &mut Query, e: u64, check: u64) {
        let wl = (e >> 22) & 63;
        if e & CHECK_MASK != check || wl < q.lens.0 || wl > q.lens.1 {
            return;
        }
        // each edit adds or removes at most one char class from the set
        let ws = (e >> 36) as u32;
        let k = q.k as u32;
        if more_bits_than(q.sig & !ws, k) || more_bits_than(ws & !q.sig, k) {
            return;
        }
        let id = (e & ID_MASK) as u32;
        if q.inserted < DEDUP_SLOTS * 3 / 4 {
            if !first_time(&mut q.slots, q.generation, id) {
                return;
            }
            q.inserted += 1;
        } else if q.survivors.iter().any(|&s| s & ID_MASK == id as u64) {
            // table full (not with real dictionaries): slow path
            return;
        }
        prefetch(self.short.as_ptr().wrapping_add(id as usize));
        q.survivors.push(e);
    }

    /// Last stage: the true distance of every survivor; those within `q.k`
    /// go to `out`.
    fn verify(&self, q: &mut Query, wchars: &mut Vec<char>, out: &mut Vec<Candidate>) {
        if !q.live {
            return;
        }
        let n = q.chars.len();
        let k = q.k;
        for &e in &q.survivors {
            let id = (e & ID_MASK) as u32;
            let wl = ((e >> 22) & 63) as usize;
            let d = if q.ascii && e & NONASCII == 0 && k <= 1 && n <= 8 && wl <= 8 {
                let w = u64::from_le_bytes(self.short[id as usize][..8].try_into().unwrap());
                osa_le1(q.packed, n, w, wl, k)
            } else if q.ascii && e & NONASCII == 0 {
                let w = if wl <= SHORT {
                    &self.short[id as usize][..wl]
                } else {
                    &self.bytes[self.starts[id as usize] as usize..self.starts[id as usize + 1] as usize]
                };
                osa_bits(&q.peq, n, w, k as usize)
            } else {
                wchars.clear();
                wchars.extend(self.word(id).chars());
                osa_bounded(&q.chars, wchars, k as usize)
            };
            if let Some(d) = d {
                out.push(Candidate { id, distance: d as u8 });
            }
        }
        if q.ascii {
            for &c in &q.chars {
                q.peq[c as usize] = 0;
            }
        }
    }
}

/// An empty vector with room for `n` items, in memory the kernel is asked to
/// back with huge pages: a lookup touches a few dozen places spread over tens
/// of MB, and with 4 KB pages most of them also miss the TLB. The advice is
/// given before the pages are first touched, or it would not apply to them.
fn huge_page_vec<T>(n: usize) -> Vec<T> {
    let mut v: Vec<T> = Vec::with_capacity(n);
    #[cfg(target_os = "linux")]
    {
        const HUGE: usize = 2 << 20;
        let start = v.as_mut_ptr() as usize;
        let end = start + n * std::mem::size_of::<T>();
        let first = start.next_multiple_of(HUGE);
        if end > first + HUGE {
            let len = (end - first) / HUGE * HUGE;
            // SAFETY: the range lies inside `v`'s allocation; MADV_HUGEPAGE is
            // a hint that changes no contents.
            unsafe {
                libc::madvise(first as *mut libc::c_void, len, libc::MADV_HUGEPAGE);
            }
        }
    }
    v
}

/// Insert `id` in the dedupe table; false when it is already there.
#[inline]
fn first_time(slots: &mut [(u32, u32)], stamp: u32, id: u32) -> bool {
    let mut s = (id.wrapping_mul(0x9e37_79b1) >> 20) as usize & (DEDUP_SLOTS - 1);
    loop {
        let e = &mut slots[s];
        if e.0 != stamp {
            *e = (stamp, id);
            return true;
        }
        if e.1 == id {
            return false;
        }
        s = (s + 1) & (DEDUP_SLOTS - 1);
    }
}

/// Bit-parallel optimal string alignment distance (Hyyrö 2003, Myers' bit
/// vectors with the transposition term) of the ASCII query whose match masks
/// are in `peq` (length `m` ≤ 64) against the ASCII word `t`, if ≤ `k`.
#[inline]
pub fn osa_bits(peq: &[u64; 128], m: usize, t: &[u8], k: usize) -> Option<usize> {
    let n = t.len();
    if m.abs_diff(n) > k {
        return None;
    }
    if m == 0 {
        return Some(n);
    }
    let top = 1u64 << (m - 1);
    let mut vp: u64 = !0;
    let mut vn: u64 = 0;
    let mut d0: u64 = 0;
    let mut prev_eq: u64 = 0;
    let mut score = m;
    for (j, &c) in t.iter().enumerate() {
        let eq = if c < 128 { peq[c as usize] } else { 0 };
        let tc = ((!d0 & eq) << 1) & prev_eq;
        d0 = (((eq & vp).wrapping_add(vp)) ^ vp) | eq | vn | tc;
        let hp = vn | !(d0 | vp);
        let hn = vp & d0;
        // branch-free: which way the last row moves is data-dependent and
        // would mispredict often (hp and hn never share a bit)
        score = score + ((hp & top) != 0) as usize - ((hn & top) != 0) as usize;
        // the last row can fall by at most one per remaining column
        if score > k + (n - 1 - j) {
            return None;
        }
        let hp = (hp << 1) | 1;
        let hn = hn << 1;
        vp = hn | !(d0 | hp);
        vn = hp & d0;
        prev_eq = eq;
    }
    (score <= k).then_some(score)
}

/// Optimal string alignment distance of two ASCII strings of at most 8 bytes
/// each, packed little-endian and zero-padded (`a` has `n` bytes, `b` `m`),
/// if ≤ `k` ≤ 1. A distance-1 lookup verifies most candidates with this:
/// from the common prefix and suffix, a few word operations instead of a
/// pass over the word.
#[inline]
fn osa_le1(a: u64, n: usize, b: u64, m: usize, k: u8) -> Option<usize> {
    debug_assert!(k <= 1 && (1..=8).contains(&n) && m <= 8);
    if n.abs_diff(m) > k as usize {
        return None;
    }
    if m == 0 {
        return Some(n); // n ≤ k
    }
    let shorter = n.min(m);
    // bytes equal from the start, and from the ends (both ends aligned at bit 63)
    let prefix = ((a ^ b).trailing_zeros() as usize / 8).min(shorter);
    let suffix = (((a << (64 - 8 * n)) ^ (b << (64 - 8 * m))).leading_zeros() as usize / 8).min(shorter);
    let byte = |x: u64, i: usize| (x >> (8 * i)) & 0xff;
    if n == m && prefix == n {
        Some(0)
    } else if k == 0 {
        None
    } else if n != m {
        // one insertion or deletion: the shorter is the longer minus one byte
        (prefix + suffix >= shorter).then_some(1)
    } else if prefix + suffix + 1 >= n
        // one substitution, or one transposition
        || prefix + suffix + 2 == n && byte(a, prefix) == byte(b, prefix + 1) && byte(a, prefix + 1) == byte(b, prefix)
    {
        Some(1)
    } else {
        None
    }
}

/// Has `x` more than `k` bits set? For the small `k` of a lookup, clearing
/// the lowest set bit `k` times is cheaper than `count_ones` on the baseline
/// x86-64 target, which has no popcount instruction and emulates it.
#[inline]
fn more_bits_than(mut x: u32, k: u32) -> bool {
    for _ in 0..k {
        x &= x.wrapping_sub(1);
    }
    x != 0
}

/// 28-bit char-set signature: one bit per letter a-z, two bits shared by all
/// other chars. Folding classes keeps `popcount(a & !b)` a lower bound on the
/// number of edits.
#[inline]
fn sig28(cs: &[char]) -> u32 {
    cs.iter().fold(0u32, |a, &c| {
        a | if c.is_ascii_lowercase() { 1 << (c as u32 - 'a' as u32) } else { 1 << (26 + (c as u32 & 1)) }
    })
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

    #[test]
    fn id_names_the_word() {
        let d = Dictionary::from_pairs([("the", 10), ("then", 5), ("café", 2)]);
        let ss = SymSpell::build(&d, 2, 8);
        let mut sc = LookupScratch::default();
        for w in ["the", "then", "café"] {
            assert_eq!(ss.id(w, &mut sc).map(|id| ss.word(id)), Some(w));
        }
        assert_eq!(ss.id("tbe", &mut sc), None);
        assert_eq!(ss.id("", &mut sc), None);
    }

    /// Brute-force check: the index finds exactly the words within distance k.
    #[test]
    fn lookup_matches_brute_force() {
        let words = ["the", "then", "them", "modern", "modem", "international", "internationally",
            "a", "ab", "abc", "abcdefghij", "abcdefghxj", "zebra", "zebras", "of", "off", "class", "café", "cafés", "naïve", "cafe"];
        let d = Dictionary::from_pairs(words.iter().map(|w| (*w, 10)));
        let ss = SymSpell::build(&d, 2, 7);
        let mut sc = LookupScratch::default();
        let mut out = Vec::new();
        for q in ["tbe", "rnodern", "internatlonal", "abcdefghij", "abcdefgh", "zbra", "c1ass", "x", "ofthe", "thern", "cafe", "café", "naive", "cafë", "caf"] {
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

    /// Words within `k` of `q`, by brute force over `words`.
    fn brute_force<'a>(words: &[&'a str], q: &str, k: u8) -> Vec<&'a str> {
        let mut want: Vec<&str> =
            words.iter().copied().filter(|w| osa_bounded(&cs(q), &cs(w), k as usize).is_some()).collect();
        want.sort();
        want
    }

    fn found<'a>(ss: &'a SymSpell, out: &[Candidate]) -> Vec<&'a str> {
        let mut got: Vec<&str> = out.iter().map(|c| ss.word(c.id)).collect();
        got.sort();
        got
    }

    proptest::proptest! {
        /// Exact on any dictionary, including words made of runs and repeats
        /// (`aab`, `abab`), whose deletes coincide, and any prefix length.
        #[test]
        fn lookup_is_exact_on_random_dictionaries(
            words in proptest::collection::btree_set("[abé]{1,9}", 1..40),
            queries in proptest::collection::vec("[abé]{1,10}", 1..10),
            prefix_len in 1usize..=10,
        ) {
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            let d = Dictionary::from_pairs(words.iter().map(|w| (*w, 1)));
            let ss = SymSpell::build(&d, 2, prefix_len);
            let mut sc = LookupScratch::default();
            let mut out = Vec::new();
            for q in &queries {
                for k in 0..=2u8 {
                    ss.lookup(q, k, &mut sc, &mut out);
                    proptest::prop_assert_eq!(found(&ss, &out), brute_force(&words, q, k), "query {} k {}", q, k);
                    let want: Vec<u8> = out.iter().map(|c| osa_bounded(&cs(q), &cs(ss.word(c.id)), 2).unwrap() as u8).collect();
                    proptest::prop_assert_eq!(out.iter().map(|c| c.distance).collect::<Vec<_>>(), want);
                }
            }
        }
    }

    /// Exact on the shipped dictionary for OCR-like damage of its words: one
    /// and two random edits, distances 0 to 2.
    #[test]
    fn lookup_is_exact_on_the_shipped_dictionary() {
        let rules = crate::rules::Rules::embedded().unwrap();
        let ss = SymSpell::build(&rules.dictionary, 2, 7);
        let mut words: Vec<&str> = rules.dictionary.iter().map(|(w, _)| w).collect();
        words.sort();
        let mut x: u64 = 99;
        let mut rnd = |m: usize| {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (x >> 33) as usize % m
        };
        let chars: Vec<Vec<char>> = words.iter().map(|w| cs(w)).collect();
        let mut sc = LookupScratch::default();
        let mut out = Vec::new();
        for _ in 0..150 {
            let mut q: Vec<char> = chars[rnd(words.len())].clone();
            for _ in 0..1 + rnd(2) {
                let p = rnd(q.len() + 1);
                let c = b"ehilnrcou'"[rnd(10)] as char;
                match rnd(4) {
                    0 if p < q.len() => q[p] = c,
                    1 if p < q.len() && q.len() > 1 => drop(q.remove(p)),
                    2 if p + 1 < q.len() => q.swap(p, p + 1),
                    _ => q.insert(p, c),
                }
            }
            let term: String = q.iter().collect();
            for k in 0..=2u8 {
                ss.lookup(&term, k, &mut sc, &mut out);
                let want: Vec<&str> = (0..words.len())
                    .filter(|&i| osa_bounded(&q, &chars[i], k as usize).is_some())
                    .map(|i| words[i])
                    .collect();
                assert_eq!(found(&ss, &out), want, "query {term} k {k}");
            }
        }
    }

    /// The prefix length `Corrector::build_index` uses finds the same
    /// candidates as the prefix 7 checked against brute force above.
    #[test]
    fn shipped_prefix_finds_the_same_candidates() {
        let rules = crate::rules::Rules::embedded().unwrap();
        let checked = SymSpell::build(&rules.dictionary, 2, 7);
        let shipped = crate::pipeline::correct::Corrector::build_index(&rules.dictionary, &Default::default());
        let (mut a, mut b, mut sc) = (Vec::new(), Vec::new(), LookupScratch::default());
        let sorted = |ss: &SymSpell, out: &[Candidate]| {
            let mut v: Vec<(String, u8)> = out.iter().map(|c| (ss.word(c.id).to_string(), c.distance)).collect();
            v.sort();
            v
        };
        for (i, (w, _)) in rules.dictionary.iter().enumerate().filter(|(i, _)| i % 97 == 0) {
            // a damaged copy: one char replaced, one inserted
            let mut q: Vec<char> = w.chars().collect();
            let p = i % q.len();
            q[p] = 'c';
            q.insert(i % (q.len() + 1), 'l');
            let q: String = q.into_iter().collect();
            for term in [w, q.as_str()] {
                for k in 0..=2u8 {
                    checked.lookup(term, k, &mut sc, &mut a);
                    shipped.lookup(term, k, &mut sc, &mut b);
                    assert_eq!(sorted(&checked, &a), sorted(&shipped, &b), "query {term} k {k}");
                }
            }
        }
    }

    /// The packed distance-≤1 check agrees with the row DP on all pairs of
    /// short strings over a small alphabet (runs, swaps, equal bytes).
    #[test]
    fn osa_le1_matches_dp() {
        let pack = |s: &str| {
            let mut b = [0u8; 8];
            b[..s.len()].copy_from_slice(s.as_bytes());
            u64::from_le_bytes(b)
        };
        let mut strings = vec![String::new()];
        for len in 1..=5 {
            let mut x: u64 = len;
            for _ in 0..60 {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                strings.push((0..len).map(|i| (b'a' + ((x >> (20 + 3 * i)) % 3) as u8) as char).collect());
            }
        }
        strings.extend(["abcdefgh", "abcdefgx", "bacdefgh", "abcdefg", "xabcdefg", "abcdefhg"].map(String::from));
        for a in strings.iter().filter(|a| !a.is_empty()) {
            for b in &strings {
                for k in 0..=1u8 {
                    assert_eq!(osa_le1(pack(a), a.len(), pack(b), b.len(), k), osa_bounded(&cs(a), &cs(b), k as usize), "{a} {b} {k}");
                }
            }
        }
    }

    #[test]
    fn more_bits_than_counts() {
        for x in [0u32, 1, 2, 3, 0b1011, u32::MAX, 1 << 31] {
            for k in 0..=3 {
                assert_eq!(more_bits_than(x, k), x.count_ones() > k, "{x:b} {k}");
            }
        }
    }

    /// Pipelined lookups give what one-at-a-time lookups give, for any number
    /// of terms and mix of distances, empty and over-long terms included.
    #[test]
    fn lookup_many_equals_lookup() {
        let rules = crate::rules::Rules::embedded().unwrap();
        let ss = crate::pipeline::correct::Corrector::build_index(&rules.dictionary, &Default::default());
        let long = "x".repeat(MAX_WORD + 1);
        let words = ["tbe", "rnodern", "", "internatlonal", "c1ass", "café", "cafë", "of", long.as_str(), "zzzzqq", "the", "a"];
        let mut sc = LookupScratch::default();
        let mut one = Vec::new();
        for count in [0, 1, 2, 3, 4, words.len()] {
            let terms: Vec<(&str, u8)> = words.iter().take(count).enumerate().map(|(i, w)| (*w, (i % 3) as u8)).collect();
            let mut many: Vec<Vec<Candidate>> = Vec::new();
            ss.lookup_many(&terms, &mut sc, |i, found| {
                assert_eq!(i, many.len());
                many.push(found.to_vec());
            });
            assert_eq!(many.len(), terms.len());
            for (&(t, k), got) in terms.iter().zip(&many) {
                ss.lookup(t, k, &mut sc, &mut one);
                assert_eq!(got, &one, "query {t} k {k}");
            }
        }
    }

    /// The bit-parallel OSA agrees with the row DP on random short strings.
    #[test]
    fn osa_bits_matches_dp() {
        let mut x: u64 = 7;
        let mut rnd = |m: u64| {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (x >> 33) % m
        };
        let mut peq = [0u64; 128];
        for _ in 0..20000 {
            let la = rnd(9) as usize;
            let lb = rnd(9) as usize;
            let a: String = (0..la).map(|_| (b'a' + rnd(4) as u8) as char).collect();
            let b: String = (0..lb).map(|_| (b'a' + rnd(4) as u8) as char).collect();
            for (i, c) in a.bytes().enumerate() {
                peq[c as usize] |= 1 << i;
            }
            for k in 0..=3 {
                assert_eq!(osa_bits(&peq, la, b.as_bytes(), k), osa_bounded(&cs(&a), &cs(&b), k), "{a} {b} {k}");
            }
            for c in a.bytes() {
                peq[c as usize] = 0;
            }
        }
    }

    #[test]
    fn send_sync() {
        fn f<T: Send + Sync>() {}
        f::<SymSpell>();
    }
}
