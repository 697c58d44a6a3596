//! Stage options, read from a profile (`rules/profile.toml`).

use crate::error::{Error, Result};
pub use crate::pipeline::correct::CorrectOptions;
use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    pub normalize: NormalizeOptions,
    pub banners: BannerOptions,
    pub noise: NoiseOptions,
    pub dehyphenate: DehyphenateOptions,
    pub paragraphs: ParagraphOptions,
    pub correct: CorrectOptions,
}

impl Options {
    pub fn parse(text: &str, file: &str) -> Result<Options> {
        toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| text[..s.start].matches('\n').count() + 1).unwrap_or(0);
            Error::rule(file, line, e.message().to_string())
        })
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NormalizeOptions {
    pub fold_quotes: bool,
    pub markdown: bool,
}

impl Default for NormalizeOptions {
    fn default() -> Self {
        NormalizeOptions { fold_quotes: false, markdown: true }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BannerOptions {
    pub min_page_share: f64,
    pub edge_lines: usize,
    pub similarity: f64,
}

impl Default for BannerOptions {
    fn default() -> Self {
        BannerOptions { min_page_share: 0.3, edge_lines: 4, similarity: 0.8 }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NoiseOptions {
    pub min_letter_share: f64,
}

impl Default for NoiseOptions {
    fn default() -> Self {
        NoiseOptions { min_letter_share: 0.5 }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DehyphenateOptions {
    pub enabled: bool,
}

impl Default for DehyphenateOptions {
    fn default() -> Self {
        DehyphenateOptions { enabled: true }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ParagraphOptions {
    pub short_line: f64,
}

impl Default for ParagraphOptions {
    fn default() -> Self {
        ParagraphOptions { short_line: 0.75 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_names_file_and_line() {
        let err = Options::parse("[noise]\nmin_letter_share = 0.4\nbogus = 1\n", "profile.toml").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("profile.toml: line 3: unknown field `bogus`"), "{msg}");
    }

    #[test]
    fn embedded_profile_parses() {
        Options::parse(include_str!("../rules/profile.toml"), "profile.toml").unwrap();
    }
}
