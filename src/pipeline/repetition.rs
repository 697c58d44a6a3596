//! Running heads, footers and folios found by repetition, without coordinates.
//!
//! Used by the banners stage after its rules ran. Four detectors:
//!
//! - [`infer_pages`]: a dump without page markers (no form feed, no `x0c`)
//!   gets page boundaries from lines that recur at a regular spacing through
//!   the document (a running head every ~40 lines), from folios that go up by
//!   one every so many lines (`W 51` … `52 THE DEVIL'S DICTIONARY` … `W 53`),
//!   and, for two pages, from a dated line opening the document that recurs
//!   once. Only lines that are still kept or were removed as release banners
//!   take part. Numbered headings (`CHAPTER 1`, `CHAPTER 2`) never make pages.
//! - folios: a number at a page edge that equals the page number plus a
//!   constant offset on enough pages is a page number (`- 12 -`, `154`,
//!   `W 51`, `CHAPTER 10 233`); alternating book heads share the offset.
//! - edge groups: the first and last few kept lines of each page are reduced
//!   to a shape (lowercase, digit runs masked, punctuation dropped) and
//!   grouped; a group seen at the same side (top or bottom) on enough pages,
//!   and not more often in the body than at edges, is a running head/footer.
//! - dates ([`remove_repeated_dates`]): the date half of a head printed in two
//!   columns, which OCR puts anywhere on the page.
//!
//! Invariants: lines are only narrowed with `Line::remove`; nothing is removed
//! from a single-page document by edge repetition; short shapes must match
//! exactly (two different short lines never group by fuzzy similarity).

use crate::model::{Document, Reason};
use crate::options::BannerOptions;

/// The comparable shape of a line: lowercase letters, `#` for digit runs,
/// single spaces, punctuation dropped.
pub fn shape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = ' ';
    for c in text.chars() {
        let m = if c.is_ascii_digit() {
            '#'
        } else if c.is_alphabetic() {
            c.to_lowercase().next().unwrap_or(c)
        } else if c.is_whitespace() {
            ' '
        } else {
            continue;
        };
        if (m == '#' && last == '#') || (m == ' ' && last == ' ') {
            continue;
        }
        out.push(m);
        last = m;
    }
    out.trim().to_string()
}

pub(crate) fn letters(s: &str) -> usize {
    s.chars().filter(|c| c.is_alphabetic()).count()
}

/// What `similar` reads of a shape besides its text: its length in chars
/// and its char counts. Computed once for a shape compared with many (a
/// group's against every edge line of a long document).
pub struct ShapeStats {
    chars: usize,
    counts: [u32; 38],
}

impl ShapeStats {
    pub fn of(shape: &str) -> Self {
        let mut counts = [0u32; 38];
        let mut chars = 0;
        for c in shape.chars() {
            let bucket = match c {
                'a'..='z' => c as usize - 'a' as usize,
                '0'..='9' => 26 + c as usize - '0' as usize,
                '#' => 36,
                _ => 37,
            };
            counts[bucket] += 1;
            chars += 1;
        }
        ShapeStats { chars, counts }
    }
}

/// Two shapes are copies of one banner. The tolerance grows with length: OCR
/// damage scales with the line, but two different short lines (`far east`,
/// `near east`) differ by a few characters too, so short shapes must be equal.
pub fn similar(a: &str, b: &str, threshold: f64) -> bool {
    a == b || similar_with(a, &ShapeStats::of(a), b, &ShapeStats::of(b), threshold)
}

/// `similar`, with the shapes' `ShapeStats` at hand.
pub fn similar_with(a: &str, sa: &ShapeStats, b: &str, sb: &ShapeStats, threshold: f64) -> bool {
    if a == b {
        return true;
    }
    let (n, m) = (sa.chars.min(sb.chars), sa.chars.max(sb.chars));
    let Some(allowed) = allowed_edits(n, m, threshold) else { return false };
    // Cheap lower bounds first: most pairs compared are plainly different.
    if m - n > allowed || histogram_bound(sa, sb) > allowed {
        return false;
    }
    levenshtein_within(a, b, allowed)
}

/// The edits `similar_with` allows between two shapes of `n` ≤ `m` chars;
/// None below 10 chars, where only equal shapes are similar.
fn allowed_edits(n: usize, m: usize, threshold: f64) -> Option<usize> {
    if n < 10 {
        None
    } else if n < 20 {
        Some(1)
    } else {
        // normalized_levenshtein >= t  <=>  distance <= (1 - t) * max length
        Some(((1.0 - threshold) * m as f64).floor() as usize)
    }
}

/// The distinct trigrams of `shape`, three chars packed exactly in a u64.
fn trigrams(shape: &str) -> Vec<u64> {
    let cs: Vec<u64> = shape.chars().map(|c| c as u64).collect();
    let mut v: Vec<u64> = cs.windows(3).map(|w| w[0] << 42 | w[1] << 21 | w[2]).collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// The edge groups' shapes by trigram. A shape within k edits of another
/// keeps all but at most 3k of its distinct trigrams (an edit breaks at most
/// the three that span it), so a line need only be compared with the groups
/// that share that many with it, counted from the postings. Comparing every
/// line with every group was quadratic in a document's pages: 4000 pages of
/// prose took 83 s.
#[derive(Default)]
struct TrigramIndex {
    postings: crate::hash::FxHashMap<u64, Vec<u32>>,
    /// (distinct trigrams, chars) of each group's shape
    sizes: Vec<(usize, usize)>,
    /// per group: trigrams shared with the shape at hand
    shared: Vec<u32>,
    touched: Vec<u32>,
}

impl TrigramIndex {
    /// Index the next group's shape: its distinct `grams` and length.
    fn add(&mut self, grams: &[u64], chars: usize) {
        let gi = self.sizes.len() as u32;
        for &g in grams {
            self.postings.entry(g).or_default().push(gi);
        }
        self.sizes.push((grams.len(), chars));
        self.shared.push(0);
    }

    /// The groups, in the order they were added, that a shape of `chars`
    /// chars with distinct `grams` may be similar to at `threshold`; None
    /// when even a group sharing no trigram might be (short shapes, loose
    /// thresholds): then every group is a candidate.
    fn candidates(&mut self, grams: &[u64], chars: usize, threshold: f64) -> Option<&[u32]> {
        if threshold <= 0.0 {
            return None;
        }
        // a similar shape is at most chars / t long, so no pair allows more
        let longest = (chars as f64 / threshold).floor() as usize;
        let most_edits = (((1.0 - threshold) * longest as f64).floor() as usize).max(1);
        if grams.len() <= 3 * most_edits {
            return None;
        }
        // The commonest trigrams (`the`, ` th`) are in most groups: walking
        // their postings would be quadratic again. Up to `spare` of them are
        // skipped and counted as shared with every group, which keeps every
        // similar group a candidate (it shares at least `spare + 1`).
        let spare = grams.len() - 3 * most_edits - 1;
        let postings = |g: &u64| self.postings.get(g).map_or(&[][..], |p| p.as_slice());
        let mut by_length: Vec<(usize, &[u32])> = grams.iter().map(|g| (postings(g).len(), postings(g))).collect();
        by_length.sort_unstable_by_key(|&(n, _)| std::cmp::Reverse(n));
        let skipped = spare.min(by_length.len());
        self.touched.clear();
        for &(_, p) in &by_length[skipped..] {
            for &gi in p {
                if self.shared[gi as usize] == 0 {
                    self.touched.push(gi);
                }
                self.shared[gi as usize] += 1;
            }
        }
        let (sizes, shared) = (&self.sizes, &mut self.shared);
        self.touched.retain(|&gi| {
            let (group_grams, group_chars) = sizes[gi as usize];
            let common = std::mem::take(&mut shared[gi as usize]) as usize + skipped;
            let need = grams.len().max(group_grams);
            // most groups fail with the most edits any pair allows
            if common + 3 * most_edits < need {
                return false;
            }
            let k = allowed_edits(chars.min(group_chars), chars.max(group_chars), threshold).unwrap_or(0);
            common + 3 * k >= need
        });
        self.touched.sort_unstable();
        Some(&self.touched)
    }
}

/// Whether the Levenshtein distance of `a` and `b` is at most `k`. Only the
/// cells of the DP table within `k` of its diagonal are computed, and the
/// search stops at the first row where all of them exceed `k`: a long body
/// line compared with a running head is told apart in a few rows, where the
/// whole table is 70 × 70 cells.
fn levenshtein_within(a: &str, b: &str, k: usize) -> bool {
    if a.is_ascii() && b.is_ascii() {
        within(a.as_bytes(), b.as_bytes(), k)
    } else {
        within(&a.chars().collect::<Vec<_>>(), &b.chars().collect::<Vec<_>>(), k)
    }
}

fn within<T: PartialEq>(a: &[T], b: &[T], k: usize) -> bool {
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) > k {
        return false;
    }
    // costs above k are all k + 1: only whether the distance is ≤ k matters
    let over = k + 1;
    let mut prev: Vec<usize> = (0..=m).map(|j| j.min(over)).collect();
    let mut cur = vec![over; m + 1];
    for i in 1..=n {
        let (lo, hi) = (i.saturating_sub(k).max(1), (i + k).min(m));
        // the cell left of the band: column 0, or out of the band
        cur[lo - 1] = if lo == 1 { i.min(over) } else { over };
        let mut row_min = cur[lo - 1];
        for j in lo..=hi {
            let replace = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let v = replace.min(prev[j] + 1).min(cur[j - 1] + 1).min(over);
            cur[j] = v;
            row_min = row_min.min(v);
        }
        // the next row reads one cell right of this band
        if hi < m {
            cur[hi + 1] = over;
        }
        if row_min > k {
            return false;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[m] <= k
}

/// A lower bound of the edit distance from char counts: each edit changes
/// at most one count up and one down.
fn histogram_bound(a: &ShapeStats, b: &ShapeStats) -> usize {
    let (mut more, mut fewer) = (0, 0);
    for (&x, &y) in a.counts.iter().zip(&b.counts) {
        more += x.saturating_sub(y) as usize;
        fewer += y.saturating_sub(x) as usize;
    }
    more.max(fewer)
}

/// Pages that must show a banner for it to count as one.
fn needed_pages(pages: u32, opts: &BannerOptions) -> usize {
    ((opts.min_page_share * pages as f64).ceil() as usize).max(2)
}

/// One line at a page edge.
struct Edge {
    line: usize,
    page: u32,
    top: bool,
}

fn edges(doc: &Document, k: usize) -> Vec<Edge> {
    let mut by_page: Vec<Vec<usize>> = vec![Vec::new(); doc.pages as usize + 1];
    for i in doc.kept_lines() {
        let p = doc.lines[i].page as usize;
        if p < by_page.len() {
            by_page[p].push(i);
        }
    }
    let mut out = Vec::new();
    for (page, kept) in by_page.iter().enumerate().skip(1) {
        let k = k.min(kept.len());
        for &line in kept.iter().take(k) {
            out.push(Edge { line, page: page as u32, top: true });
        }
        let bottom = k.min(kept.len() - k);
        for &line in kept.iter().rev().take(bottom) {
            out.push(Edge { line, page: page as u32, top: false });
        }
    }
    out
}

/// Numbers (1-4 digits, standing alone) in a line, with their byte ranges.
fn numbers(text: &str) -> Vec<(u32, std::ops::Range<usize>)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let glued = |j: usize| b.get(j).is_some_and(|c| c.is_ascii_alphanumeric());
            if i - start <= 4 && (start == 0 || !glued(start - 1)) && !glued(i) {
                out.push((text[start..i].parse().unwrap_or(0), start..i));
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Removes running heads, footers and folios from a paginated document.
pub fn remove_repeated_edges(doc: &mut Document, opts: &BannerOptions) {
    if doc.pages < 2 {
        return;
    }
    let heads = remove_folios(doc, opts);
    remove_edge_groups(doc, opts);
    // Heads vouched for by their folio go last: the edge groups need every
    // copy to count pages (a copy whose folio OCR garbled joins them).
    for (line, reason) in heads {
        doc.lines[line].remove(reason);
    }
    remove_once_per_page(doc, opts);
    remove_speckled_copies(doc);
}

/// A banner with a speck of OCR noise glued on as a word (`Oe SECRET`,
/// `SECRET ..`) at a page edge, when the bare banner went from two pages or
/// more: it goes with the reason its clean copies went for. The speck is one
/// or two characters, no digit and no list marker (`1.`, `b)`), so
/// `1. Summary` stays even where `SUMMARY` heads the pages.
fn remove_speckled_copies(doc: &mut Document) {
    let mut removed: std::collections::HashMap<String, (Reason, std::collections::HashSet<u32>)> = Default::default();
    for line in doc.lines.iter().filter(|l| !l.is_kept()) {
        let [cut] = &line.cuts[..] else { continue };
        if matches!(cut.reason, Reason::Classification | Reason::RunningHeader | Reason::RunningFooter | Reason::Banner) {
            let s = shape(&line.text[cut.range.clone()]);
            if letters(&s) >= 5 {
                removed.entry(s).or_insert((cut.reason, Default::default())).1.insert(line.page);
            }
        }
    }
    let speck = |t: &str| t.chars().count() <= 2 && !t.chars().any(|c| c.is_ascii_digit()) && !t.ends_with(['.', ')']);
    for e in edges(doc, 2) {
        let tokens: Vec<&str> = doc.lines[e.line].kept().split_whitespace().collect();
        let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else { continue };
        if tokens.len() < 2 {
            continue;
        }
        let rest = if speck(first) {
            &tokens[1..]
        } else if speck(last) {
            &tokens[..tokens.len() - 1]
        } else {
            continue;
        };
        if let Some((reason, pages)) = removed.get(&shape(&rest.join(" "))) {
            if pages.len() >= 2 {
                doc.lines[e.line].remove(*reason);
            }
        }
    }
}

/// A line found exactly once on most pages, identical after masking digits,
/// is page furniture even away from the edges: a two-column page puts the
/// right half of a split head (`Thursday 12 December 1985`) mid-page.
/// Exact shapes only, long enough not to be a common phrase, and with a
/// number in them (seen in jfk_doc_438 and rfc9293 without that condition).
fn remove_once_per_page(doc: &mut Document, opts: &BannerOptions) {
    if doc.pages < 3 {
        return;
    }
    let mut seen: std::collections::HashMap<String, Vec<usize>> = Default::default();
    for i in doc.kept_lines() {
        let s = shape(doc.lines[i].kept());
        // Furniture away from the edges carries a date or a number; a form
        // label (`Other, specify:`) or a heading recurring per page does not.
        // A date alone is left to `remove_repeated_dates`, which needs the
        // copies to agree on the day: a diary's entries do not.
        if letters(&s) >= 3 && s.len() >= 12 && s.contains('#') && date_line(doc.lines[i].kept()).is_none() {
            seen.entry(s).or_default().push(i);
        }
    }
    let needed = needed_pages(doc.pages, opts).max((doc.pages as usize * 3).div_ceil(5)).max(3);
    for (_, lines) in seen {
        let mut pages: Vec<u32> = lines.iter().map(|&i| doc.lines[i].page).collect();
        pages.dedup();
        if pages.len() != lines.len() || pages.len() < needed {
            continue;
        }
        for i in lines {
            doc.lines[i].remove(Reason::Banner);
        }
    }
}

const MONTHS: [&str; 12] = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december",
];

/// A line that is only a date.
#[derive(PartialEq)]
struct DateLine {
    /// Its tokens' kinds in order, `w` a word, `d` a number, `m` the month:
    /// `Monday 17 May 1976` is `wdmd`. Copies of one head share it.
    layout: String,
    month: usize,
    numbers: Vec<u32>,
}

/// A short line that is only a date (`Monday 17 May 1976`, `17 May 1976`,
/// `May 17, 1976`, `VIendiay 27 May 1976`): a month, one or two numbers and
/// at most one more token, a capitalised or damaged weekday. A lowercase word
/// makes it a piece of a sentence (`in May 1976`), a third number a reference
/// (`PAE 3664, 16 February 1961`).
fn date_line(text: &str) -> Option<DateLine> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    if !(2..=4).contains(&tokens.len()) {
        return None;
    }
    let (mut layout, mut months, mut numbers) = (String::new(), Vec::new(), Vec::new());
    for t in tokens {
        let core = t.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        if let Some(m) = MONTHS.iter().position(|m| *m == core || (core.len() == 3 && m.starts_with(&core))) {
            months.push(m);
            layout.push('m');
        } else if !core.is_empty() && core.bytes().all(|b| b.is_ascii_digit()) {
            numbers.push(core.parse().ok()?);
            layout.push('d');
        } else if t.chars().next().is_some_and(|c| c.is_lowercase()) || layout.contains('w') {
            return None;
        } else {
            layout.push('w');
        }
    }
    match months[..] {
        [month] if (1..=2).contains(&numbers.len()) => Some(DateLine { layout, month, numbers }),
        _ => None,
    }
}

/// The date of a head printed in two columns comes out of OCR as a line of
/// its own, anywhere on the page (`Monday 17 May 1976` between two
/// paragraphs). The same date on two pages or more, laid out alike, once a
/// page and far apart, is that head. The copies must agree on the day (OCR
/// damages some: `VIendiay 27 May 1976`); a diary's dated entries differ by
/// day.
pub fn remove_repeated_dates(doc: &mut Document) {
    let dated: Vec<(usize, DateLine)> =
        doc.kept_lines().filter_map(|i| date_line(doc.lines[i].kept()).map(|d| (i, d))).collect();
    let mut days: std::collections::HashMap<(&str, usize, u32), usize> = Default::default();
    for (_, d) in &dated {
        for &n in d.numbers.iter().filter(|&&n| (1..=31).contains(&n)) {
            *days.entry((d.layout.as_str(), d.month, n)).or_default() += 1;
        }
    }
    let Some((&(layout, month, day), &count)) = days.iter().max_by_key(|(k, c)| (**c, std::cmp::Reverse(**k))) else {
        return;
    };
    if count < 2 {
        return;
    }
    let copies: Vec<usize> = dated
        .iter()
        .filter(|(_, d)| d.layout == layout && d.month == month && d.numbers.contains(&day))
        .map(|(i, _)| *i)
        .collect();
    let mut pages: Vec<u32> = copies.iter().map(|&i| doc.lines[i].page).collect();
    pages.dedup();
    let far_apart = copies.windows(2).all(|w| doc.kept_lines().filter(|&i| w[0] < i && i < w[1]).count() >= 12);
    if (doc.pages > 1 && pages.len() != copies.len()) || !far_apart {
        return;
    }
    for i in copies {
        doc.lines[i].remove(Reason::Banner);
    }
}

/// A page number at a page edge: a number equal to page + a fixed offset on
/// enough pages. The line goes when little else is on it (`W 51`, `- 3 -`);
/// a number inside a longer head is left to the edge groups, which mask it,
/// unless it is a short heading in capitals at the page's very edge: that
/// line is returned for removal after the edge groups.
fn remove_folios(doc: &mut Document, opts: &BannerOptions) -> Vec<(usize, Reason)> {
    let edges = edges(doc, 2);
    let mut offsets: std::collections::HashMap<i64, Vec<u32>> = Default::default();
    for e in &edges {
        for (n, _) in numbers(doc.lines[e.line].kept()) {
            let pages = offsets.entry(n as i64 - e.page as i64).or_default();
            if !pages.contains(&e.page) {
                pages.push(e.page);
            }
        }
    }
    let mut heads = Vec::new();
    let Some((&offset, pages)) = offsets.iter().max_by_key(|(o, p)| (p.len(), -(o.abs()))) else { return heads };
    // The first and last kept line of each page, speckle (`a`, `.`) aside.
    let mut outermost: std::collections::HashSet<usize> = Default::default();
    let mut last: Option<usize> = None;
    let speckle = |i: usize| doc.lines[i].kept().chars().filter(|c| c.is_alphanumeric()).count() <= 1;
    for i in doc.kept_lines().filter(|&i| !speckle(i)) {
        if last.is_none_or(|j| doc.lines[j].page != doc.lines[i].page) {
            outermost.insert(i);
            if let Some(j) = last {
                outermost.insert(j);
            }
        }
        last = Some(i);
    }
    if let Some(j) = last {
        outermost.insert(j);
    }
    // Three pages at least: two numbers one page apart happen by chance.
    // A short document may show only two; then both must be a page's
    // outermost line and one a number standing alone.
    let vouched_pair = || {
        let at_offset: Vec<&Edge> = edges
            .iter()
            .filter(|e| outermost.contains(&e.line))
            .filter(|e| numbers(doc.lines[e.line].kept()).iter().any(|(n, _)| *n as i64 - e.page as i64 == offset))
            .collect();
        let pages: std::collections::HashSet<u32> = at_offset.iter().map(|e| e.page).collect();
        pages.len() == 2 && at_offset.iter().any(|e| folio(doc.lines[e.line].kept()).is_some_and(|f| f.bare))
    };
    let needed = needed_pages(doc.pages, opts);
    if pages.len() < needed.max(3) && !(pages.len() == 2 && needed <= 2 && vouched_pair()) {
        return heads;
    }
    for e in &edges {
        let line = &doc.lines[e.line];
        let kept = line.kept();
        let hit = numbers(kept).into_iter().find(|(n, _)| *n as i64 - e.page as i64 == offset);
        let Some((_, range)) = hit else { continue };
        let rest = format!("{} {}", &kept[..range.start], &kept[range.end..]);
        let reason = if letters(&rest) == 0 {
            Reason::PageNumber
        } else if e.top {
            Reason::RunningHeader
        } else {
            Reason::RunningFooter
        };
        // `W 51`, `Page 3`, `- 3 -`: a section letter or a word at most.
        if letters(&rest) <= 4 && rest.split_whitespace().count() <= 2 {
            doc.lines[e.line].remove(reason);
        } else if outermost.contains(&e.line) && folio_head(kept, &range, &rest) {
            // `14 THE DEVIL'S DICTIONARY` on the one page of a short document
            // that carries it: the folio vouches for the head.
            heads.push((e.line, reason));
        }
    }
    heads
}

/// A head carrying the folio at its start or end, the rest a short heading in
/// capitals (`174 THE FIRST BOOK OF MOSES, CALLED GENESIS`, `CHAPTER 24 175`);
/// a verse or sentence opening with a number (`14 And he said`) is not one.
fn folio_head(kept: &str, folio: &std::ops::Range<usize>, rest: &str) -> bool {
    let at_edge = kept[..folio.start].trim().is_empty() || kept[folio.end..].trim().is_empty();
    let (upper, all) = rest.chars().filter(|c| c.is_alphabetic()).fold((0, 0), |(u, a), c| (u + c.is_uppercase() as usize, a + 1));
    let rest = rest.trim();
    at_edge && all >= 4 && upper * 10 >= all * 9 && rest.split_whitespace().count() <= 10 && !rest.ends_with(['.', '!', '?'])
}

/// Numbers in a shape, those only a space apart counted as one: OCR splits
/// a number it damages (`1979` read as `19 °3`).
fn number_runs(shape: &str) -> usize {
    let mut merged = shape.to_string();
    while merged.contains("# #") {
        merged = merged.replace("# #", "#");
    }
    merged.matches('#').count()
}

struct Group {
    shape: String,
    stats: ShapeStats,
    /// `number_runs` of `shape`
    numbers: usize,
    members: Vec<usize>,
    top_pages: Vec<u32>,
    bottom_pages: Vec<u32>,
}

fn remove_edge_groups(doc: &mut Document, opts: &BannerOptions) {
    let edges = edges(doc, opts.edge_lines);
    let mut groups: Vec<Group> = Vec::new();
    let mut index = TrigramIndex::default();
    for (ei, e) in edges.iter().enumerate() {
        let s = shape(doc.lines[e.line].kept());
        // Page numbers and marks with few letters are the folio and noise detectors'.
        if letters(&s) < 3 {
            continue;
        }
        // Heads that carry a folio all carry it: a title page's bare title
        // (`THE DEVIL'S DICTIONARY` over `154 THE DEVIL'S DICTIONARY`) is text.
        let numbers = number_runs(&s);
        let stats = ShapeStats::of(&s);
        let same = |g: &Group| g.numbers == numbers && similar_with(&g.shape, &g.stats, &s, &stats, opts.similarity);
        let grams = trigrams(&s);
        let found = match index.candidates(&grams, stats.chars, opts.similarity) {
            Some(candidates) => candidates.iter().map(|&gi| gi as usize).find(|&gi| same(&groups[gi])),
            None => groups.iter().position(same),
        };
        let g = match found {
            Some(gi) => &mut groups[gi],
            None => {
                index.add(&grams, stats.chars);
                groups.push(Group { shape: s, stats, numbers, members: vec![], top_pages: vec![], bottom_pages: vec![] });
                groups.last_mut().unwrap()
            }
        };
        g.members.push(ei);
        let pages = if e.top { &mut g.top_pages } else { &mut g.bottom_pages };
        if !pages.contains(&e.page) {
            pages.push(e.page);
        }
    }
    let needed = needed_pages(doc.pages, opts);
    let edge_lines: std::collections::HashSet<usize> = edges.iter().map(|e| e.line).collect();
    // the body lines' shapes, made when a first group needs them
    let mut body_shapes: Option<Vec<(String, ShapeStats)>> = None;
    for g in groups {
        let top_ok = g.top_pages.len() >= needed;
        let bottom_ok = g.bottom_pages.len() >= needed;
        if !top_ok && !bottom_ok {
            continue;
        }
        // Chapters opening pages (`CHAPTER 1` on page 1, `CHAPTER 2` on page
        // 4) are text; a one-word head whose number follows the page is not.
        let texts: Vec<&str> = g.members.iter().map(|&ei| doc.lines[edges[ei].line].kept()).collect();
        let offsets: std::collections::HashSet<i64> = g
            .members
            .iter()
            .filter_map(|&ei| heading_number(doc.lines[edges[ei].line].kept()).map(|n| n as i64 - edges[ei].page as i64))
            .collect();
        if numbered_headings(&texts) && offsets.len() > 1 {
            continue;
        }
        // A line that recurs in the body more than at edges is text (a
        // refrain, a repeated heading), not a banner.
        let body = body_shapes
            .get_or_insert_with(|| {
                let body = doc.kept_lines().filter(|i| !edge_lines.contains(i));
                body.map(|i| {
                    let s = shape(doc.lines[i].kept());
                    let stats = ShapeStats::of(&s);
                    (s, stats)
                })
                .collect()
            })
            .iter()
            .filter(|(s, st)| similar_with(&g.shape, &g.stats, s, st, opts.similarity))
            .count();
        if body > g.top_pages.len().max(g.bottom_pages.len()) {
            continue;
        }
        for ei in g.members {
            let e = &edges[ei];
            if (e.top && top_ok) || (!e.top && bottom_ok) {
                let reason = if e.top { Reason::RunningHeader } else { Reason::RunningFooter };
                doc.lines[e.line].remove(reason);
            }
        }
    }
}

/// The number of a one-word numbered heading (`CHAPTER 3`, `Section 4`,
/// `PSALM 23`).
fn heading_number(text: &str) -> Option<u32> {
    let s = shape(text);
    let (word, number) = s.split_once(' ')?;
    let (word, number) = if word == "#" { (number, word) } else { (word, number) };
    if number != "#" || word.chars().count() < 3 || !word.chars().all(char::is_alphabetic) {
        return None;
    }
    match numbers(text)[..] {
        [(n, _)] => Some(n),
        _ => None,
    }
}

/// Numbered headings of the text (`CHAPTER 1`, `CHAPTER 2`, `CHAPTER 3`):
/// one word and a number that is one more at each copy. They recur as
/// regularly as a running head, but go up with the text, not the page.
fn numbered_headings(texts: &[&str]) -> bool {
    let numbers: Option<Vec<u32>> = texts.iter().map(|t| heading_number(t)).collect();
    numbers.is_some_and(|n| n.len() >= 2 && n.windows(2).all(|w| w[1] == w[0] + 1))
}

/// A page number standing at a line's start or end.
struct Folio {
    number: u32,
    /// Nothing but the number and marks (`154`, `- 12 -`).
    bare: bool,
    /// The letters beside it, lowercase: a running head repeats them
    /// (`the devils dictionary`), a numbered section heading does not.
    rest: String,
    words: usize,
}

/// The folio of a line when the rest is at most a section letter or word
/// (`W 51`, `Page 3`) or a short heading in capitals (`174 THE FIRST BOOK OF
/// MOSES`). A list marker (`2. CLOSED`, `1) Summary`) or a part of a dotted
/// or hyphenated number (`9.3 GET`, `14-0000`) is not a folio.
fn folio(text: &str) -> Option<Folio> {
    let found = numbers(text);
    let alnum = |s: &str| s.chars().any(char::is_alphanumeric);
    let (number, range) = match (found.first(), found.last()) {
        (Some((n, r)), _) if !alnum(&text[..r.start]) => (*n, r.clone()),
        (_, Some((n, r))) if !alnum(&text[r.end..]) => (*n, r.clone()),
        _ => return None,
    };
    let (before, after) = (&text[..range.start], &text[range.end..]);
    let joins_digits = |mark: Option<char>, next: Option<char>| {
        mark == Some('/') || (mark.is_some_and(|c| ".,:-".contains(c)) && next.is_some_and(|c| c.is_ascii_digit()))
    };
    let mut back = before.chars().rev();
    let mut ahead = after.chars();
    if joins_digits(back.next(), back.next()) || joins_digits(ahead.next(), ahead.next()) {
        return None;
    }
    let rest = format!("{before} {after}");
    if before.trim().is_empty() && after.starts_with(['.', ')', ':', '-']) && letters(&rest) > 0 {
        return None;
    }
    let short = letters(&rest) <= 4 && rest.split_whitespace().count() <= 2;
    if !(short || (folio_head(text, &range, &rest) && heading_number(text).is_none())) {
        return None;
    }
    // Speckle with digits in it (`(9) (1) @)`) is no bare folio.
    let marks = rest.chars().filter(|c| !c.is_whitespace()).count();
    if letters(&rest) == 0 && (marks > 3 || rest.chars().any(|c| c.is_ascii_digit())) {
        return None;
    }
    let rest: String = rest.chars().filter(|c| c.is_alphabetic()).flat_map(char::to_lowercase).collect();
    let words = text.split_whitespace().count();
    Some(Folio { number, bare: rest.is_empty(), rest, words })
}

/// Page starts (positions in `cand`) from folios that go up by one every
/// so many lines: the numbers and line positions of page numbers lie on one
/// line, `position = first + (number - first number) * page length`.
/// A bare number closes its page (a footer); a head opens it.
///
/// Chance lines up numbered lines too, so the folios that fit must each
/// vouch for themselves (a bare number or a section letter, or letters
/// another fitting folio repeats: `52 THE DEVIL'S DICTIONARY`), follow one
/// another with at most one page missing, and show on half the pages.
fn folio_starts(doc: &Document, cand: &[usize]) -> Vec<usize> {
    let folios: Vec<(usize, Folio)> = cand
        .iter()
        .enumerate()
        .filter(|(_, &i)| doc.lines[i].is_kept())
        .filter_map(|(pos, &i)| folio(doc.lines[i].kept()).map(|f| (pos, f)))
        .collect();
    // Letters another folio repeats, OCR damage allowed (`THE BOOK OF FL0ODS`).
    let repeated: Vec<bool> = (0..folios.len())
        .map(|c| {
            let rest = &folios[c].1.rest;
            !rest.is_empty() && folios.iter().enumerate().any(|(d, (_, f))| d != c && similar(&f.rest, rest, 0.8))
        })
        .collect();
    let mut best: Vec<usize> = Vec::new();
    // Pairs of nearby folios propose the page length.
    for (a, (pa, fa)) in folios.iter().enumerate() {
        for (pb, fb) in folios.iter().skip(a + 1).take(8) {
            if fb.number <= fa.number {
                continue;
            }
            let page_length = (pb - pa) as f64 / (fb.number - fa.number) as f64;
            if !(12.0..=MAX_PAGE_LINES as f64).contains(&page_length) {
                continue;
            }
            let fits = |(p, f): &(usize, Folio)| {
                let expected = *pa as f64 + (f.number as f64 - fa.number as f64) * page_length;
                (*p as f64 - expected).abs() <= page_length / 3.0
            };
            let fitting: Vec<usize> = (0..folios.len()).filter(|&c| fits(&folios[c])).collect();
            let vouches = |c: usize| folios[c].1.rest.chars().count() <= 1 || repeated[c];
            let numbers_vouched: std::collections::HashSet<u32> =
                fitting.iter().filter(|&&c| vouches(c)).map(|&c| folios[c].1.number).collect();
            // A short head between two that vouch (`CHAPTER 24 175`) is one too.
            let between = |f: &Folio| {
                f.words <= 4 && f.number > 0 && numbers_vouched.contains(&(f.number - 1)) && numbers_vouched.contains(&(f.number + 1))
            };
            let vouched: Vec<usize> =
                fitting.iter().copied().filter(|&c| vouches(c) || between(&folios[c].1)).collect();
            let numbers: Vec<u32> = vouched.iter().map(|&c| folios[c].1.number).collect();
            let steady = numbers.windows(2).all(|w| (1..=2).contains(&(w[1] as i64 - w[0] as i64)));
            let span = numbers.last().zip(numbers.first()).map_or(0, |(l, f)| l - f + 1) as usize;
            if steady && numbers.len() * 2 >= span && vouched.len() > best.len() {
                best = vouched;
            }
        }
    }
    // Three pages at least: two numbers some lines apart happen by chance.
    if best.len() < 3 {
        return Vec::new();
    }
    best.iter().map(|&c| if folios[c].1.bare { folios[c].0 + 1 } else { folios[c].0 }).collect()
}

/// Page boundaries for a dump without page markers, from lines recurring at a
/// regular spacing. Returns true when pages were inferred.
///
/// A recurring line is a header when the document starts with it, else a
/// footer when it ends with it; the page starts at a header and after a
/// footer. Alternating heads (title on even pages, chapter on odd) form two
/// groups whose boundaries merge; folios ([`folio_starts`]) add theirs.
/// Kept lines a page holds at most: a two-column page of small print comes
/// out of OCR as some 120 lines; a line recurring every thousand lines is no
/// running head.
const MAX_PAGE_LINES: usize = 200;

pub fn infer_pages(doc: &mut Document, opts: &BannerOptions) -> bool {
    if doc.pages > 1 {
        return false;
    }
    // Candidates: kept lines and lines the rules removed as release banners.
    let cand: Vec<usize> = (0..doc.lines.len())
        .filter(|&i| {
            let l = &doc.lines[i];
            l.is_kept() || (l.cuts.len() == 1 && l.cuts[0].reason == Reason::ReleaseBanner)
        })
        .collect();
    if cand.len() < 30 {
        return false;
    }
    let shapes: Vec<String> = cand
        .iter()
        .map(|&i| {
            let l = &doc.lines[i];
            if l.is_kept() {
                shape(l.kept())
            } else {
                shape(&l.text)
            }
        })
        .collect();
    // Groups of positions (index into `cand`): exact shapes first, in a hash
    // map (a long dump has thousands of distinct lines); then each line seen
    // once joins a recurring group it resembles (an OCR-damaged copy).
    let mut exact: std::collections::HashMap<&str, Vec<usize>> = Default::default();
    for (pos, s) in shapes.iter().enumerate() {
        if letters(s) >= 6 && s.len() <= 90 {
            exact.entry(s.as_str()).or_default().push(pos);
        }
    }
    let edge = 6;
    // A dated or numbered line opening the document may be the head of a
    // two-page document: it needs one more copy, not two.
    let opener = |s: &str, members: &[usize]| members[0] < edge && letters(s) >= 10 && s.contains('#');
    let (mut seeds, singles): (Vec<_>, Vec<_>) =
        exact.into_iter().partition(|(s, members)| members.len() >= 2 || opener(s, members));
    seeds.sort_by_key(|(_, members)| members[0]);
    // Seeds that are copies of one line (`WEEKLY SUMIMARY …` opening the
    // document, `WEERLY SUMMARY …` twice later) make one group.
    let mut matching: Vec<(&str, ShapeStats, Vec<usize>)> = Vec::new();
    for (s, members) in seeds {
        let st = ShapeStats::of(s);
        match matching.iter_mut().find(|g| similar_with(g.0, &g.1, s, &st, opts.similarity)) {
            Some(g) => g.2.extend(members),
            None => matching.push((s, st, members)),
        }
    }
    for (s, members) in singles {
        let st = ShapeStats::of(s);
        if let Some(g) = matching.iter_mut().find(|g| similar_with(g.0, &g.1, s, &st, opts.similarity)) {
            g.2.extend(members);
        }
    }
    let mut groups: Vec<(&str, Vec<usize>)> = matching.into_iter().map(|(s, _, members)| (s, members)).collect();
    for g in &mut groups {
        g.1.sort_unstable();
    }
    let n = cand.len();
    let mut starts: Vec<usize> = folio_starts(doc, &cand);
    let mut two_pages = false;
    for (s, members) in &groups {
        // `CHAPTER 1`, `CHAPTER 2`: headings of the text recur as regularly as a head.
        let texts: Vec<&str> = members.iter().map(|&m| doc.lines[cand[m]].kept()).collect();
        if numbered_headings(&texts) {
            continue;
        }
        if members.len() == 2 && opener(s, members) && (12..=MAX_PAGE_LINES).contains(&(members[1] - members[0])) {
            starts.push(members[1]);
            two_pages = true;
            continue;
        }
        if members.len() < 3 {
            continue;
        }
        let gaps: Vec<usize> = members.windows(2).map(|w| w[1] - w[0]).collect();
        let mut sorted = gaps.clone();
        sorted.sort_unstable();
        let median = sorted[sorted.len() / 2];
        // Pages of text are long, and not endless; a refrain or list heading
        // recurs irregularly. A page of figures or a short last page may
        // break the rhythm once in eight.
        let off_beat = gaps.iter().filter(|&&g| g < 12 || g * 2 < median || g > median * 3).count();
        if !(12..=MAX_PAGE_LINES).contains(&median) || off_beat * 8 > gaps.len() {
            continue;
        }
        let first = members[0];
        let last = *members.last().unwrap();
        if first < edge {
            starts.extend(members.iter().copied());
        } else if n - 1 - last < edge {
            starts.extend(members.iter().map(|&m| m + 1).filter(|&m| m < n));
        } else if first * 2 <= median * 3 && (n - last) * 2 <= median * 3 {
            // Neither the first nor the last page carries it (a cover, a
            // short last page): take it as a header.
            starts.extend(members.iter().copied());
        }
    }
    starts.retain(|&s| s < n);
    starts.sort_unstable();
    starts.dedup();
    // Two heads on one page (a title over a date) give nearby starts: keep the first.
    let mut bounds: Vec<usize> = Vec::new();
    for s in starts {
        if s == 0 {
            continue;
        }
        if bounds.last().is_some_and(|&b| s - b < 8) {
            continue;
        }
        bounds.push(s);
    }
    if bounds.len() < 2 && !(bounds.len() == 1 && two_pages) {
        return false;
    }
    // `bounds` index into `cand`; a page opens at each bound's line.
    let opening: Vec<usize> = bounds.iter().map(|&b| cand[b]).collect();
    let mut page = 1;
    for (i, line) in doc.lines.iter_mut().enumerate() {
        if opening.get(page as usize - 1) == Some(&i) {
            page += 1;
        }
        line.page = page;
    }
    doc.pages = page;
    doc.metadata.insert("pages_inferred".into(), serde_json::Value::Bool(true));
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The trigram index finds, for every shape, the first group `similar`
    /// finds by comparing with all of them: damaged copies of a few heads
    /// among many prose lines, at several thresholds.
    #[test]
    fn trigram_index_finds_the_first_similar_group() {
        let heads = ["approved for release cia rdp", "the devil s dictionary", "current intelligence bulletin", "secret"];
        let words = ["the", "of", "and", "report", "soviet", "page", "with", "memo", "station", "line", "union", "from"];
        let mut x: u64 = 7;
        let mut next = |n: usize| {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (x >> 33) as usize % n
        };
        let mut lines = Vec::new();
        for _ in 0..600 {
            let line: String = if next(3) == 0 {
                // a head with up to four damaged chars
                let mut cs: Vec<char> = heads[next(heads.len())].chars().collect();
                for _ in 0..next(5) {
                    let p = next(cs.len());
                    match next(3) {
                        0 => cs[p] = (b'a' + next(26) as u8) as char,
                        1 => cs.insert(p, (b'a' + next(26) as u8) as char),
                        _ => drop(cs.remove(p)),
                    }
                }
                cs.into_iter().collect()
            } else {
                (0..3 + next(8)).map(|_| words[next(words.len())]).collect::<Vec<_>>().join(" ")
            };
            lines.push(line);
        }
        for threshold in [0.6, 0.8, 0.9] {
            let mut groups: Vec<(String, ShapeStats)> = Vec::new();
            let mut index = TrigramIndex::default();
            let mut indexed = 0;
            for l in &lines {
                let stats = ShapeStats::of(l);
                let same = |g: &(String, ShapeStats)| similar_with(&g.0, &g.1, l, &stats, threshold);
                let grams = trigrams(l);
                let by_index = match index.candidates(&grams, stats.chars, threshold) {
                    Some(c) => {
                        indexed += 1;
                        c.iter().map(|&gi| gi as usize).find(|&gi| same(&groups[gi]))
                    }
                    None => groups.iter().position(same),
                };
                assert_eq!(by_index, groups.iter().position(same), "{l:?} at {threshold}");
                if by_index.is_none() {
                    index.add(&grams, stats.chars);
                    groups.push((l.clone(), stats));
                }
            }
            // lines did join groups; at the default threshold and above most
            // were looked up in the index (at 0.6 a line may be similar to
            // one it shares no trigram with, and all groups are compared)
            assert!(groups.len() + 50 < lines.len(), "{} groups", groups.len());
            assert!(if threshold < 0.8 { indexed == 0 } else { indexed > 300 }, "{indexed} indexed at {threshold}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// The banded distance check agrees with the full distance, over
        /// short strings of a few letters (many near pairs) with a non-ASCII one.
        #[test]
        fn levenshtein_within_agrees_with_the_full_distance(a in "[abcé ]{0,12}", b in "[abcé ]{0,12}", k in 0usize..6) {
            proptest::prop_assert_eq!(levenshtein_within(&a, &b, k), strsim::levenshtein(&a, &b) <= k);
        }
    }

    #[test]
    fn short_shapes_group_only_when_equal() {
        assert!(!similar("far east", "near east", 0.8));
        assert!(!similar("summary", "summery", 0.8));
        assert!(similar("far east", "far east", 0.8));
    }

    #[test]
    fn long_shapes_tolerate_ocr_damage() {
        assert!(similar("the devils dictionary", "the devies dictionary", 0.8));
        assert!(similar("page # state # #z", "page # state # #z", 0.8));
        assert!(similar(
            "approved for release #/#/# ciardp#t#a#",
            "approved for rlease #/#/# ciardp#t#a#",
            0.8
        ));
    }

    #[test]
    fn shape_masks_numbers_and_drops_punctuation() {
        assert_eq!(shape("NW 54321 DocId:32112345 Page 3"), "nw # docid# page #");
        assert_eq!(shape("PAGE 02 STATE 123456 141522Z"), "page # state # #z");
    }

    #[test]
    fn numbers_stand_alone() {
        let n: Vec<u32> = numbers("CHAPTER 10 233 25X1 A12").into_iter().map(|x| x.0).collect();
        assert_eq!(n, [10, 233]);
    }

    #[test]
    fn folios_and_what_only_looks_like_one() {
        let number = |t| folio(t).map(|f| (f.number, f.bare));
        assert_eq!(number("W 51"), Some((51, false)));
        assert_eq!(number("- 12 -"), Some((12, true)));
        assert_eq!(number("174 THE FIRST BOOK OF MOSES, CALLED GENESIS"), Some((174, false)));
        for not_folio in ["9.3 GET", "2. CLOSED", "2- N'S DOCTORS CONSIDER HIM", "w/3", "(9) (1) @)", "14 And he said", "CHAPTER 3"] {
            assert!(folio(not_folio).is_none(), "{not_folio}");
        }
    }

    #[test]
    fn date_lines_and_sentences_with_dates() {
        assert!(date_line("Monday 17 May 1976").is_some());
        assert!(date_line("VIendiay 27 May 1976").is_some());
        assert!(date_line("16 FEB 61").is_some());
        assert!(date_line("in May 1976 the").is_none());
        assert!(date_line("PAE 3664, 16 February 1961").is_none());
        assert!(date_line("May God bless").is_none());
    }

    #[test]
    fn numbered_headings_go_up_by_one() {
        assert!(numbered_headings(&["CHAPTER 1", "‘CHAPTER 2", "CHAPTER 3."]));
        assert!(!numbered_headings(&["ABRACADABRA. 155", "ABRACADABRA. 157"]));
        assert!(!numbered_headings(&["W 51", "W 52"]));
    }
}
