//! The user-editable rule files of `rules/`, parsed and compiled once.
//!
//! The default files are embedded in the binary so ocrclean works from any
//! folder; `Rules::from_dir` reads a user's copy, falling back to the embedded
//! file for any file the folder does not have.

use crate::dictionary::{Bigrams, Dictionary};
use crate::confusions::ConfusionTable;
use crate::dictionary::parse_word_list;
use crate::error::{Error, Result};
use crate::model::{Line, Reason};
use crate::options::Options;
use crate::pipeline::correct::WordLists;
use regex::Regex;
use std::path::Path;

const BANNERS: &str = include_str!("../rules/banners.txt");
const NOISE: &str = include_str!("../rules/noise.txt");
const PROFILE: &str = include_str!("../rules/profile.toml");
const PROTECTED: &str = include_str!("../rules/protected.txt");
const FOREIGN: &str = include_str!("../rules/foreign.txt");
const DICTIONARY: &str = include_str!("../rules/dictionary.txt");
const BIGRAMS: &str = include_str!("../rules/bigrams.txt");
const CONFUSIONS: &str = include_str!("../rules/confusions.txt");

/// Where a pattern applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The whole kept line must match.
    Line,
    /// A match touching the start or end of the line cuts that part.
    Edge,
    /// Nothing is cut; named groups feed the metadata.
    Meta,
}

#[derive(Debug, Clone)]
pub struct Pattern {
    pub reason: Reason,
    pub scope: Scope,
    pub regex: Regex,
    /// Source file and line, for messages.
    pub origin: String,
}

/// An ordered list of patterns from one rule file.
#[derive(Debug, Clone, Default)]
pub struct PatternSet {
    pub patterns: Vec<Pattern>,
}

impl PatternSet {
    /// Parses `REASON WHERE REGEX` lines; errors name the file and line.
    pub fn parse(text: &str, file: &str) -> Result<PatternSet> {
        let mut patterns = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut fields = line.splitn(3, char::is_whitespace);
            let reason_name = fields.next().unwrap_or_default();
            let rest = fields.next().map(str::trim).unwrap_or_default();
            let remainder = line[reason_name.len()..].trim_start();
            let scope_name = remainder.split_whitespace().next().unwrap_or(rest);
            let regex_text = remainder[scope_name.len()..].trim();
            let reason = Reason::parse(reason_name).ok_or_else(|| {
                Error::rule(file, i + 1, format!("unknown reason {reason_name:?}"))
            })?;
            let scope = match scope_name {
                "line" => Scope::Line,
                "edge" => Scope::Edge,
                "meta" => Scope::Meta,
                other => {
                    return Err(Error::rule(
                        file,
                        i + 1,
                        format!("unknown scope {other:?} (expected line, edge or meta)"),
                    ))
                }
            };
            if regex_text.is_empty() {
                return Err(Error::rule(file, i + 1, "missing regex"));
            }
            let anchored = match scope {
                Scope::Line => format!(r"^(?:{regex_text})$"),
                _ => regex_text.to_string(),
            };
            let regex = Regex::new(&anchored)
                .map_err(|e| Error::rule(file, i + 1, format!("bad regex: {e}")))?;
            patterns.push(Pattern { reason, scope, regex, origin: format!("{file}:{}", i + 1) });
        }
        Ok(PatternSet { patterns })
    }
}

impl PatternSet {
    /// Applies the patterns to one line: the first `line` pattern that matches
    /// removes it; `edge` patterns cut matches at the line's edges; named
    /// groups of every matching pattern vote for metadata.
    pub fn apply(&self, line: &mut Line, votes: &mut dyn FnMut(&str, &str)) {
        // Metadata is read before anything is cut: banners carry the most of it.
        for pattern in self.patterns.iter().filter(|p| p.scope == Scope::Meta) {
            if let Some(caps) = pattern.regex.captures(line.kept()) {
                vote_groups(&pattern.regex, &caps, votes);
            }
        }
        for pattern in &self.patterns {
            if !line.is_kept() {
                return;
            }
            match pattern.scope {
                Scope::Line => {
                    if let Some(caps) = pattern.regex.captures(line.kept()) {
                        vote_groups(&pattern.regex, &caps, votes);
                        line.remove(pattern.reason);
                    }
                }
                Scope::Meta => {}
                Scope::Edge => loop {
                    let offset = line.keep.start;
                    let kept = line.kept();
                    let edge = pattern.regex.find_iter(kept).find(|m| {
                        kept[..m.start()].trim().is_empty() || kept[m.end()..].trim().is_empty()
                    });
                    let Some(m) = edge else { break };
                    if m.is_empty() || !line.cut(offset + m.start()..offset + m.end(), pattern.reason) {
                        break;
                    }
                },
            }
        }
    }
}

fn vote_groups(regex: &Regex, caps: &regex::Captures, votes: &mut dyn FnMut(&str, &str)) {
    for name in regex.capture_names().flatten() {
        if let Some(m) = caps.name(name) {
            votes(name, m.as_str());
        }
    }
}

/// A rule file read but not yet parsed.
#[derive(Debug, Clone)]
pub struct RuleText {
    pub name: String,
    pub text: String,
}

impl RuleText {
    pub fn bigrams(&self) -> Result<Bigrams> {
        Ok(Bigrams::parse(&self.text, &self.name)?)
    }
}

/// Everything the pipeline needs from `rules/`, compiled.
#[derive(Debug, Clone)]
pub struct Rules {
    pub banners: PatternSet,
    pub noise: PatternSet,
    /// `protected.txt` and `foreign.txt`
    pub words: WordLists,
    pub dictionary: Dictionary,
    /// Parsed when correction first needs it: a run with `--no-correct`
    /// should not pay for 240 000 bigrams.
    pub bigrams: RuleText,
    pub confusions: ConfusionTable,
    pub options: Options,
}

impl Rules {
    /// The rules compiled into the binary.
    pub fn embedded() -> Result<Rules> {
        Rules::build(&|name| Ok(embedded_file(name).to_string()), "")
    }

    /// Rules from a folder; a file the folder lacks comes from the embedded set.
    pub fn from_dir(dir: &Path) -> Result<Rules> {
        if !dir.is_dir() {
            return Err(Error::Input { path: dir.to_path_buf(), message: "rules folder not found".into() });
        }
        let read = |name: &str| -> Result<String> {
            let path = dir.join(name);
            match std::fs::read_to_string(&path) {
                Ok(text) => Ok(text),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(embedded_file(name).to_string()),
                Err(e) => Err(Error::io(path, e)),
            }
        };
        Rules::build(&read, &format!("{}/", dir.display()))
    }

    fn build(read: &dyn Fn(&str) -> Result<String>, prefix: &str) -> Result<Rules> {
        let name = |f: &str| format!("{prefix}{f}");
        Ok(Rules {
            banners: PatternSet::parse(&read("banners.txt")?, &name("banners.txt"))?,
            noise: PatternSet::parse(&read("noise.txt")?, &name("noise.txt"))?,
            words: WordLists {
                protected: parse_word_list(&read("protected.txt")?, &name("protected.txt"))?,
                foreign: parse_word_list(&read("foreign.txt")?, &name("foreign.txt"))?,
            },
            dictionary: Dictionary::parse(&read("dictionary.txt")?, &name("dictionary.txt"))?,
            bigrams: RuleText { name: name("bigrams.txt"), text: read("bigrams.txt")? },
            confusions: ConfusionTable::parse(&read("confusions.txt")?, &name("confusions.txt"))?,
            options: Options::parse(&read("profile.toml")?, &name("profile.toml"))?,
        })
    }
}

fn embedded_file(name: &str) -> &'static str {
    match name {
        "banners.txt" => BANNERS,
        "noise.txt" => NOISE,
        "profile.toml" => PROFILE,
        "protected.txt" => PROTECTED,
        "foreign.txt" => FOREIGN,
        "dictionary.txt" => DICTIONARY,
        "bigrams.txt" => BIGRAMS,
        "confusions.txt" => CONFUSIONS,
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_rules_compile() {
        let rules = Rules::embedded().unwrap();
        assert!(rules.banners.patterns.len() > 5);
        assert!(rules.dictionary.contains("the"));
    }

    #[test]
    fn bad_regex_names_file_and_line() {
        let err = PatternSet::parse("# c\n\nnoise line (unclosed\n", "noise.txt").unwrap_err();
        assert!(err.to_string().starts_with("noise.txt: line 3: bad regex"), "{err}");
    }

    #[test]
    fn unknown_reason_and_scope_are_errors() {
        let err = PatternSet::parse("nonsense line x\n", "b.txt").unwrap_err();
        assert_eq!(err.to_string(), "b.txt: line 1: unknown reason \"nonsense\"");
        let err = PatternSet::parse("noise middle x\n", "b.txt").unwrap_err();
        assert_eq!(err.to_string(), "b.txt: line 1: unknown scope \"middle\" (expected line, edge or meta)");
    }

    #[test]
    fn line_patterns_are_anchored() {
        let set = PatternSet::parse("page_number line \\d+\n", "n.txt").unwrap();
        assert!(set.patterns[0].regex.is_match("12"));
        assert!(!set.patterns[0].regex.is_match("12 apples"));
    }
}
