//! Stage 5, dehyphenate: decides for each line-end hyphen whether the word
//! was split by hyphenation (`inter-` + `national` → `international`) or is a
//! real compound that broke at its hyphen (`Sino-` + `Soviet`).
//!
//! Evidence, strongest first: how the document itself writes the word
//! elsewhere (joined or hyphenated), the dictionary, capitalisation of the
//! second part. The decision is stored as the line's [`Join`]; the paragraphs
//! stage applies it and records the edit. The next kept line may be on the
//! next page, past removed banners.

use crate::dictionary::Dictionary;
use crate::model::{Document, Join, Markup};
use std::collections::HashMap;

pub fn run(doc: &mut Document, dict: &Dictionary) {
    let counts = word_counts(doc);
    let kept: Vec<usize> = doc.kept_lines().collect();
    for pair in kept.windows(2) {
        let (i, j) = (pair[0], pair[1]);
        if doc.lines[j].markup != Markup::None {
            continue;
        }
        let Some(head) = hyphenated_tail(doc.lines[i].kept()) else { continue };
        let Some(tail) = leading_word(doc.lines[j].kept()) else { continue };
        doc.lines[i].join = decide(head, tail, &counts, dict);
    }
}

/// The letters before a single trailing hyphen: `inter-` → `inter`.
fn hyphenated_tail(text: &str) -> Option<&str> {
    let body = text.strip_suffix('-').or_else(|| text.strip_suffix('¬'))?;
    if body.ends_with('-') || body.ends_with(' ') {
        return None;
    }
    let start = body.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| i + body[i..].chars().next().map_or(1, char::len_utf8));
    let word = &body[start..];
    (!word.is_empty()).then_some(word)
}

/// The first run of letters of a line: `national,` → `national`.
fn leading_word(text: &str) -> Option<&str> {
    let end = text.find(|c: char| !c.is_alphabetic()).unwrap_or(text.len());
    (end > 0).then(|| &text[..end])
}

fn word_counts(doc: &Document) -> HashMap<String, u32> {
    let mut counts = HashMap::new();
    for line in doc.lines.iter().filter(|l| l.is_kept()) {
        let text = line.kept();
        for token in text.split(|c: char| !(c.is_alphabetic() || c == '-')) {
            let token = token.trim_matches('-');
            if token.len() > 2 {
                *counts.entry(token.to_lowercase()).or_insert(0) += 1;
            }
        }
    }
    counts
}

fn decide(head: &str, tail: &str, counts: &HashMap<String, u32>, dict: &Dictionary) -> Join {
    let joined = format!("{head}{tail}").to_lowercase();
    let hyphenated = format!("{head}-{tail}").to_lowercase();
    let doc_joined = counts.get(&joined).copied().unwrap_or(0);
    let doc_hyphenated = counts.get(&hyphenated).copied().unwrap_or(0);
    if doc_hyphenated > doc_joined {
        return Join::KeepHyphen;
    }
    if doc_joined > 0 || dict.contains(&joined) {
        return Join::Dehyphenate;
    }
    if tail.starts_with(char::is_uppercase) {
        return Join::KeepHyphen;
    }
    let is_word = |w: &str| w.chars().count() >= 2 && dict.freq(&w.to_lowercase()) > 0;
    if is_word(head) && is_word(tail) && dict.freq(&tail.to_lowercase()) > 1_000_000 && head.chars().count() >= 3 {
        return Join::KeepHyphen;
    }
    Join::Dehyphenate
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    fn joins(text: &str) -> Vec<Join> {
        let rules = Rules::embedded().unwrap();
        let mut doc = crate::input::read_document("t", "t", text.as_bytes().to_vec());
        run(&mut doc, &rules.dictionary);
        doc.lines.iter().map(|l| l.join).collect()
    }

    #[test]
    fn soft_breaks_join_and_compounds_keep_their_hyphen() {
        assert_eq!(joins("inter-\nnational trade")[0], Join::Dehyphenate);
        assert_eq!(joins("the Sino-\nSoviet border")[0], Join::KeepHyphen);
        assert_eq!(joins("a well-\nknown fact")[0], Join::KeepHyphen);
        assert_eq!(joins("Cabag-\nius, a prince")[0], Join::Dehyphenate);
    }

    #[test]
    fn the_document_wins_over_the_dictionary() {
        let j = joins("co-operation is key; co-operation matters\nwe want co-\noperation");
        assert_eq!(j[1], Join::KeepHyphen);
    }

    #[test]
    fn dashes_are_not_hyphens() {
        assert_eq!(joins("a pause --\nthen")[0], Join::Space);
        assert_eq!(joins("1950-\n1960")[0], Join::Space);
    }
}
