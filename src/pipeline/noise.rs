//! Stage 4, noise: page numbers and lines that are not text.
//!
//! Page numbers come from the patterns in `rules/noise.txt`. Other noise is
//! found by shape: lines made mostly of non-alphanumeric marks (hatching
//! `\\\\\\\\`, stray `. ' ,`) and speckle lines whose "words" are runs of one
//! or two letters (`N N A NN NN NYNYN`). Short real lines (`FAR EAST`,
//! `1. Summary`, `C`) have real words or list markers and are kept.

use crate::dictionary::Dictionary;
use crate::model::{Document, Reason};
use crate::options::NoiseOptions;
use crate::rules::PatternSet;

pub fn run(doc: &mut Document, rules: &PatternSet, opts: &NoiseOptions, dict: &Dictionary) {
    for line in &mut doc.lines {
        if !line.is_kept() {
            continue;
        }
        rules.apply(line, &mut |_, _| {});
        if line.is_kept() && is_noise(line.kept(), opts, dict) {
            line.remove(Reason::Noise);
        }
    }
}

pub fn is_noise(text: &str, opts: &NoiseOptions, dict: &Dictionary) -> bool {
    let mut visible = 0usize;
    let mut alnum = 0usize;
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        visible += 1;
        alnum += c.is_alphanumeric() as usize;
    }
    if visible == 0 {
        return false;
    }
    if (alnum as f64) < opts.min_letter_share * visible as f64 {
        return true;
    }
    // Speckle: several tokens, none of them a word of three letters or more.
    let tokens: Vec<&str> = text.split_whitespace().collect();
    if tokens.len() >= 4 {
        let words = tokens
            .iter()
            .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|t| t.len() >= 3 && dict.contains(&t.to_lowercase()))
            .count();
        let tiny = tokens.iter().filter(|t| t.chars().count() <= 2).count();
        if words == 0 && tiny * 2 >= tokens.len() {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    #[test]
    fn shapes_of_noise() {
        let rules = Rules::embedded().unwrap();
        let noise = |t| is_noise(t, &rules.options.noise, &rules.dictionary);
        assert!(noise(r"\\\\\\\\\\\\\\_\\\\\\\\"));
        assert!(noise("N N A NN NN NN N NYNYNYNYNNOYOYOYOY S ONWN"));
        assert!(noise(". ' ,"));
        assert!(!noise("FAR EAST"));
        assert!(!noise("1. Summary"));
        assert!(!noise("C"));
        assert!(!noise("\"Ah,\" he said."));
    }

    #[test]
    fn page_number_rules() {
        let rules = Rules::embedded().unwrap();
        for (text, removed) in [("12", true), ("- 12 -", true), ("Page 3", true), ("(Page 3)", true), ("12 apples", false)] {
            let mut doc = crate::input::read_document("t", "t", text.as_bytes().to_vec());
            run(&mut doc, &rules.noise, &rules.options.noise, &rules.dictionary);
            assert_eq!(!doc.lines[0].is_kept(), removed, "{text}");
        }
    }
}
