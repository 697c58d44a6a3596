//! Running heads, footers and folios found by repetition, without coordinates.
//!
//! Used by the banners stage after its rules ran. Three detectors:
//!
//! - [`infer_pages`]: a dump without page markers (no form feed, no `x0c`)
//!   gets page boundaries from lines that recur at a regular spacing through
//!   the document (a running head every ~40 lines). Only lines that are still
//!   kept or were removed as release banners take part.
//! - folios: a number at a page edge that equals the page number plus a
//!   constant offset on enough pages is a page number (`- 12 -`, `154`,
//!   `W 51`, `CHAPTER 10 233`); alternating book heads share the offset.
//! - edge groups: the first and last few kept lines of each page are reduced
//!   to a shape (lowercase, digit runs masked, punctuation dropped) and
//!   grouped; a group seen at the same side (top or bottom) on enough pages,
//!   and not more often in the body than at edges, is a running head/footer.
//!
//! Invariants: lines are only narrowed with `Line::remove`; nothing is removed
//! from a single-page document by repetition; short shapes must match exactly
//! (two different short lines never group by fuzzy similarity).

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

/// Two shapes are copies of one banner. The tolerance grows with length: OCR
/// damage scales with the line, but two different short lines (`far east`,
/// `near east`) differ by a few characters too, so short shapes must be equal.
pub fn similar(a: &str, b: &str, threshold: f64) -> bool {
    if a == b {
        return true;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    let (n, m) = (la.min(lb), la.max(lb));
    if n < 10 {
        return false;
    }
    // normalized_levenshtein >= t  <=>  distance <= (1 - t) * max length.
    let allowed = if n < 20 { 1 } else { ((1.0 - threshold) * m as f64).floor() as usize };
    // Cheap lower bounds first: most pairs compared are plainly different.
    if m - n > allowed || histogram_bound(a, b) > allowed {
        return false;
    }
    strsim::levenshtein(a, b) <= allowed
}

/// A lower bound of the edit distance from letter counts: each edit changes
/// at most one count up and one down.
fn histogram_bound(a: &str, b: &str) -> usize {
    let mut counts = [0i32; 38];
    let bucket = |c: char| match c {
        'a'..='z' => c as usize - 'a' as usize,
        '0'..='9' => 26 + c as usize - '0' as usize,
        '#' => 36,
        _ => 37,
    };
    a.chars().for_each(|c| counts[bucket(c)] += 1);
    b.chars().for_each(|c| counts[bucket(c)] -= 1);
    let more: i32 = counts.iter().filter(|&&c| c > 0).sum();
    let fewer: i32 = -counts.iter().filter(|&&c| c < 0).sum::<i32>();
    more.max(fewer) as usize
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
        if letters(&s) >= 3 && s.len() >= 12 && s.contains('#') {
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
    // Three pages at least: two numbers one page apart happen by chance.
    if pages.len() < needed_pages(doc.pages, opts).max(3) {
        return heads;
    }
    // The first and last kept line of each page.
    let mut outermost: std::collections::HashSet<usize> = Default::default();
    let mut last: Option<usize> = None;
    for i in doc.kept_lines() {
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

struct Group {
    shape: String,
    members: Vec<usize>,
    top_pages: Vec<u32>,
    bottom_pages: Vec<u32>,
}

fn remove_edge_groups(doc: &mut Document, opts: &BannerOptions) {
    let edges = edges(doc, opts.edge_lines);
    let mut groups: Vec<Group> = Vec::new();
    for (ei, e) in edges.iter().enumerate() {
        let s = shape(doc.lines[e.line].kept());
        // Page numbers and marks with few letters are the folio and noise detectors'.
        if letters(&s) < 3 {
            continue;
        }
        // Heads that carry a folio all carry it: a title page's bare title
        // (`THE DEVIL'S DICTIONARY` over `154 THE DEVIL'S DICTIONARY`) is text.
        let same_numbers = |g: &Group| g.shape.matches('#').count() == s.matches('#').count();
        let g = match groups.iter_mut().position(|g| same_numbers(g) && similar(&g.shape, &s, opts.similarity)) {
            Some(gi) => &mut groups[gi],
            None => {
                groups.push(Group { shape: s, members: vec![], top_pages: vec![], bottom_pages: vec![] });
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
    for g in groups {
        let top_ok = g.top_pages.len() >= needed;
        let bottom_ok = g.bottom_pages.len() >= needed;
        if !top_ok && !bottom_ok {
            continue;
        }
        // A line that recurs in the body more than at edges is text (a
        // refrain, a repeated heading), not a banner.
        let body = doc
            .kept_lines()
            .filter(|i| !edge_lines.contains(i))
            .filter(|&i| similar(&g.shape, &shape(doc.lines[i].kept()), opts.similarity))
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

/// Page boundaries for a dump without page markers, from lines recurring at a
/// regular spacing. Returns true when pages were inferred.
///
/// A recurring line is a header when the document starts with it, else a
/// footer when it ends with it; the page starts at a header and after a
/// footer. Alternating heads (title on even pages, chapter on odd) form two
/// groups whose boundaries merge.
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
    let (mut groups, singles): (Vec<_>, Vec<_>) = exact.into_iter().partition(|(_, members)| members.len() >= 3);
    groups.sort_by_key(|(_, members)| members[0]);
    for (s, members) in singles {
        if let Some(g) = groups.iter_mut().find(|g| similar(g.0, s, opts.similarity)) {
            g.1.extend(members);
        }
    }
    for g in &mut groups {
        g.1.sort_unstable();
    }
    let n = cand.len();
    let edge = 6;
    let mut starts: Vec<usize> = Vec::new();
    for (_, members) in &groups {
        if members.len() < 3 {
            continue;
        }
        let gaps: Vec<usize> = members.windows(2).map(|w| w[1] - w[0]).collect();
        let mut sorted = gaps.clone();
        sorted.sort_unstable();
        let median = sorted[sorted.len() / 2];
        // Pages of text are long; a refrain or list heading recurs irregularly.
        if sorted[0] < 12 || gaps.iter().any(|&g| g * 2 < median || g > median * 3) {
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
    if bounds.len() < 2 {
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
}
