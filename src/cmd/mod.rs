//! Subcommands, one file each.

mod clean;
mod eval;
mod learn;

use clap::{Parser, Subcommand};
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

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Clean(args) => clean::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Learn(args) => learn::run(args),
    }
}
