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
    if (alnum as f64) < opts.min_letter_share * visible as f64 && !is_structured(text) {
        return true;
    }
    // Speckle: several tokens, none of them a word of three letters or more.
    let tokens: Vec<&str> = text.split_whitespace().collect();
    // A diagram's labels are short too (`UA -----v----- A -----v----- O`).
    let drawn = text.starts_with("| ") || ["---", "....", "===", " = ", " | ", "+-"].iter().any(|r| text.contains(r));
    if tokens.len() >= 4 && !(drawn && is_structured(text)) {
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

/// Marks hatching and scanner speckle are made of; box drawings, tables and
/// grammars (`+--+`, `| a | b |`, `x = ( "a" | "b" )`) use others.
fn is_hatching(c: char) -> bool {
    matches!(c, '/' | '\\' | '%' | '§' | '¥' | '£' | '@' | '©' | '®' | '°' | '~' | '¢')
}

/// A line with few letters that is still text: a diagram, table row, table
/// of contents line (`3.1 HTTP Version ......... 17`) or grammar rule. It has
/// an identifier or word (three letters, or two capitals: `UA`, `SP`) and
/// hatching marks are not what it is made of; or it is a bracketed number
/// cut off by the line end (`[14].`, `5).`); or a grammar alternation
/// (`| "," | ";"`).
pub fn is_structured(text: &str) -> bool {
    let symbols: Vec<char> = text.chars().filter(|c| !c.is_whitespace() && !c.is_alphanumeric()).collect();
    let hatching = symbols.iter().filter(|&&c| is_hatching(c)).count();
    if hatching > 2 && hatching * 4 > symbols.len() {
        return false;
    }
    let wordish = text
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|t| t.len() >= 3 || (t.len() == 2 && t.bytes().all(|b| b.is_ascii_uppercase())));
    if wordish {
        return true;
    }
    let t = text.trim();
    let bracketed_number = t.chars().any(|c| c.is_ascii_digit())
        && t.chars().any(|c| matches!(c, '[' | ']' | '(' | ')' | '"'))
        && t.chars().all(|c| c.is_ascii_digit() || matches!(c, '[' | ']' | '(' | ')' | '"' | '.' | ',' | ';' | ':'));
    let quotes = t.matches('"').count();
    let alternation = quotes >= 2 && t.contains('|');
    // A box's border: corners and rules only (`+--------+   +-----+`).
    let border = t.contains('+') && t.contains("---") && t.chars().all(|c| matches!(c, '+' | '-' | '=' | '|' | ' '));
    bracketed_number || alternation || border
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
        assert!(noise("TOP SECRET %//////////////%"));
        assert!(noise("////7////////// sssc"));
        assert!(noise("oI ==="));
        assert!(noise("| |"));
    }

    #[test]
    fn structured_lines_are_text() {
        let rules = Rules::embedded().unwrap();
        let noise = |t| is_noise(t, &rules.options.noise, &rules.dictionary);
        for line in [
            "3.1   HTTP Version ................................................17",
            "+--------+        +--------+",
            "UA -----v----- A -----v----- B -----v----- C -----v----- O",
            "request chain ------------------------>",
            "CRLF           = CR LF",
            "| ( \"1\" [ \".\" 0*3(\"0\") ] )",
            "| \",\" | \";\" | \":\" | <\">",
            "[14].",
            "5).",
        ] {
            assert!(!noise(line), "{line}");
        }
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
