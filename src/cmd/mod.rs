//! Subcommands, one file each.

mod clean;
mod eval;
mod learn;

use clap::{Parser, Subcommand};
use ocrclean::pipeline::{Pipeline, Stage};
use ocrclean::rules::Rules;
use std::process::ExitCode;

/// Exit code when some input files failed but the rest were processed.
pub const EXIT_FILE_FAILED: u8 = 1;
/// Exit code for bad usage or broken rules: nothing was processed.
pub const EXIT_USAGE: u8 = 2;

/// Turn raw OCR text dumps into clean text with byte-exact provenance.
///
/// ocrclean removes banners, classification marks, running heads, page numbers
/// and noise, rejoins hyphenated words and paragraphs across lines and pages,
/// corrects OCR errors conservatively, and records for every output line which
/// input bytes it came from and every edit made.
#[derive(Debug, Parser)]
#[command(name = "ocrclean", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Clean(clean::Args),
    Eval(eval::Args),
    Learn(learn::Args),
}

/// How to build the pipeline: the options `clean` and `eval --raw` share.
#[derive(Debug, clap::Args)]
pub struct PipelineArgs {
    /// Use the rule files in DIR (banners.txt, noise.txt, dictionary.txt,
    /// bigrams.txt, confusions.txt, protected.txt, foreign.txt, profile.toml); files it
    /// lacks come from the built-in set.
    #[arg(long, value_name = "DIR")]
    rules: Option<std::path::PathBuf>,

    /// Do not correct OCR errors.
    #[arg(long)]
    no_correct: bool,

    /// Also remove the banners of a profile written by `ocrclean learn`.
    #[arg(long, value_name = "FILE")]
    profile: Option<std::path::PathBuf>,
}

impl PipelineArgs {
    /// The pipeline these options ask for, with `disabled` stages also off;
    /// its correction index is built up front so broken rule files are
    /// reported before any document is read.
    pub fn build(&self, disabled: &[Stage]) -> anyhow::Result<Pipeline> {
        let pipeline = self.configure(disabled)?;
        pipeline.prepare()?;
        Ok(pipeline)
    }

    /// As `build`, without building the correction index yet (the caller
    /// runs `Pipeline::prepare` when it suits it).
    pub fn configure(&self, disabled: &[Stage]) -> anyhow::Result<Pipeline> {
        let rules = match &self.rules {
            Some(dir) => Rules::from_dir(dir)?,
            None => Rules::embedded()?,
        };
        let mut pipeline = Pipeline::new(rules);
        if let Some(path) = &self.profile {
            pipeline.set_profile(Some(learn::read_profile(path)?));
        }
        if self.no_correct {
            pipeline.disable(Stage::Correct);
        }
        for &stage in disabled {
            pipeline.disable(stage);
        }
        Ok(pipeline)
    }
}

/// Reads a batch ahead of cleaning, once for everything that needs the whole
/// batch: word counts for dehyphenate (which follows the batch's spelling
/// where a document has none; kept for two or more files) and, with `learn`,
/// the running heads the batch shares. Files that cannot be read are left to
/// the run to report.
pub fn read_ahead<'a>(
    paths: impl Iterator<Item = &'a std::path::Path>,
    rules: &Rules,
    learn: bool,
) -> (Option<ocrclean::pipeline::dehyphenate::WordCounts>, Option<ocrclean::learn::Profile>) {
    let mut words = ocrclean::pipeline::dehyphenate::WordCounts::default();
    let mut files = 0;
    let texts = paths.filter_map(|p| std::fs::read(p).ok()).inspect(|bytes| {
        words.add_text(&String::from_utf8_lossy(bytes), &rules.dictionary);
        files += 1;
    });
    let profile = if learn {
        Some(ocrclean::learn::learn(rules, texts, &ocrclean::learn::LearnOptions::default()))
    } else {
        texts.for_each(drop);
        None
    };
    ((files >= 2).then_some(words), profile)
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Clean(args) => clean::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Learn(args) => learn::run(args),
    }
}
