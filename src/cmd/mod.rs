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

/// The pipeline the options ask for: rules from `rules_dir` (or the built-in
/// set) with the `disabled` stages off, its correction index built up front so
/// broken rule files are reported before any document is read.
pub fn build_pipeline(
    rules_dir: Option<&std::path::Path>,
    profile: Option<&std::path::Path>,
    disabled: &[Stage],
) -> anyhow::Result<Pipeline> {
    let rules = match rules_dir {
        Some(dir) => Rules::from_dir(dir)?,
        None => Rules::embedded()?,
    };
    let mut pipeline = Pipeline::new(rules);
    if let Some(path) = profile {
        pipeline.set_profile(Some(learn::read_profile(path)?));
    }
    for &stage in disabled {
        pipeline.disable(stage);
    }
    pipeline.prepare()?;
    Ok(pipeline)
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Clean(args) => clean::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Learn(args) => learn::run(args),
    }
}
