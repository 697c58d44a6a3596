//! A learned banner profile, applied to one document (`clean --profile`).
//!
//! `ocrclean learn` (see `crate::learn`) writes a [`Profile`]: the shapes of
//! lines that recur at page edges across a batch. [`apply`] removes kept lines
//! whose shape matches a learned banner exactly or by [`similar`]: at a
//! page's edge with reason `running_header` or `running_footer`, elsewhere (a
//! dump without page markers) only for long shapes, with reason `banner`.
//! It lives in the pipeline, beside `banners`, because `clean` runs it there;
//! learning lives above the pipeline because it runs stages of it.

use super::repetition::{letters, shape, similar};
use crate::model::{Document, Reason};
use serde::{Deserialize, Serialize};

/// Lines at each end of a page looked at.
pub(crate) const EDGE: usize = 3;

/// What `ocrclean learn` writes.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Profile {
    /// Documents the profile was learned from.
    #[serde(default)]
    pub documents: usize,
    /// Pages in those documents.
    #[serde(default)]
    pub pages: usize,
    pub banners: Vec<LearnedBanner>,
}

/// One recurring page-edge line.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct LearnedBanner {
    /// Lowercase letters, `#` for each run of digits, `@` for a weekday or
    /// month name, punctuation dropped.
    pub shape: String,
    /// `top`, `bottom` or `both`: where it was seen.
    #[serde(default = "both")]
    pub position: String,
    #[serde(default)]
    pub documents: usize,
    #[serde(default)]
    pub pages: usize,
    /// Occurrences away from page edges (text lines that look alike).
    #[serde(default)]
    pub body: usize,
    #[serde(default)]
    pub examples: Vec<String>,
}

fn both() -> String {
    "both".into()
}

/// For each kept line: `Some(true)` at a page top, `Some(false)` at a bottom, `None` in the body.
pub(crate) fn positions(doc: &Document, k: usize) -> Vec<(usize, Option<bool>)> {
    let mut by_page: std::collections::BTreeMap<u32, Vec<usize>> = Default::default();
    for i in doc.kept_lines() {
        by_page.entry(doc.lines[i].page).or_default().push(i);
    }
    let mut out = Vec::new();
    for lines in by_page.values() {
        let n = lines.len();
        for (r, &i) in lines.iter().enumerate() {
            let pos = if r < k.min(n) {
                Some(true)
            } else if r + k >= n {
                Some(false)
            } else {
                None
            };
            out.push((i, pos));
        }
    }
    out
}

const DATE_WORDS: [&str; 38] = [
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
];

/// [`shape`] with weekday and month names masked as `@` too: a dated head
/// (`WEEKLY SUMMARY Thursday 27 March 1980`) recurs across a series with
/// its date changing.
pub fn profile_shape(text: &str) -> String {
    shape(text)
        .split(' ')
        .map(|w| if DATE_WORDS.contains(&w) { "@" } else { w })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Shapes worth learning: two words or more and eight letters. A lone word
/// at a page top (`SUMMARY`, `CHAPTER 3`) is a section heading as often as
/// a banner, and folios are the folio detector's.
pub(crate) fn banner_like(s: &str) -> bool {
    letters(s) >= 8 && s.split(' ').filter(|w| w.chars().any(char::is_alphabetic)).count() >= 2
}

impl Profile {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    pub fn from_json(text: &str, file: &str) -> crate::Result<Profile> {
        serde_json::from_str(text).map_err(|e| crate::Error::rule(file, e.line(), format!("bad profile: {e}")))
    }

    fn matches(&self, s: &str, anywhere: bool) -> bool {
        self.banners.iter().any(|b| {
            let long = letters(&b.shape) >= 12 && b.shape.split(' ').count() >= 2;
            (!anywhere || long) && (b.shape == s || similar(&b.shape, s, 0.8))
        })
    }
}

/// Removes kept lines matching a learned banner: at page edges any learned
/// shape, elsewhere only long ones (a dump without page markers).
pub fn apply(doc: &mut Document, profile: &Profile) {
    if profile.banners.is_empty() {
        return;
    }
    // The document's own title opens it: `THE DEVIL'S DICTIONARY` over the
    // first page of an extract is text, the same line over later pages a head.
    let opening: Vec<usize> = doc.kept_lines().take(EDGE).filter(|&i| doc.lines[i].page == 1).collect();
    for (i, pos) in positions(doc, EDGE) {
        let s = profile_shape(doc.lines[i].kept());
        if opening.contains(&i) || !banner_like(&s) || !profile.matches(&s, pos.is_none()) {
            continue;
        }
        let reason = match pos {
            Some(true) => Reason::RunningHeader,
            Some(false) => Reason::RunningFooter,
            None => Reason::Banner,
        };
        doc.lines[i].remove(reason);
    }
}
