//! `ocrclean learn`: banners learned over a whole batch, written as a profile.

use anyhow::Context;
use ocrclean::input::discover;
use ocrclean::learn::{learn, LearnOptions, Profile};
use ocrclean::rules::Rules;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Learn the running heads and banners of a batch into a JSON profile.
///
/// Examples:
///   ocrclean learn corpus/ -o profile.json       learn from every .txt/.md below corpus/
///   ocrclean clean corpus/ --profile profile.json -o out
///
/// Lines at page edges are reduced to their shape (lowercase, digit runs as
/// `#`, punctuation dropped); a shape seen at page edges in enough documents
/// of the batch, and seldom away from them, is a banner. The profile lists
/// each with its position (top, bottom, both), the documents and pages it was
/// seen on and example lines. Review it and delete what is text before
/// applying it with `clean --profile`.
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Files or folders to learn from.
    #[arg(value_name = "INPUT", required = true)]
    inputs: Vec<PathBuf>,

    /// Where to write the profile (JSON); `-` for standard output.
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,

    /// Rules folder (as for `clean`): its marking rules run before learning.
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,

    /// A shape must be at page edges in this share of the documents...
    #[arg(long, default_value_t = 0.1, value_name = "SHARE")]
    min_doc_share: f64,

    /// ...and in at least this many.
    #[arg(long, default_value_t = 3, value_name = "N")]
    min_documents: usize,

    /// Which files to take from folders (matched against the file name).
    #[arg(long, default_value = "*.{txt,md}", value_name = "GLOB")]
    glob: String,

    /// No summary.
    #[arg(short, long)]
    quiet: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let rules = match &args.rules {
        Some(dir) => Rules::from_dir(dir)?,
        None => Rules::embedded()?,
    };
    let sources = discover(&args.inputs, &args.glob)?;
    if sources.is_empty() {
        eprintln!("ocrclean: no input files matched {:?}", args.glob);
        return Ok(ExitCode::from(super::EXIT_USAGE));
    }
    let mut texts = Vec::with_capacity(sources.len());
    for source in &sources {
        texts.push(source.read().with_context(|| format!("{}: cannot read", source.display()))?);
    }
    let opts = LearnOptions { min_doc_share: args.min_doc_share, min_documents: args.min_documents };
    let profile = learn(&rules, texts, &opts);
    let json = profile.to_json();
    if args.output.as_os_str() == "-" {
        print!("{json}");
    } else {
        std::fs::write(&args.output, &json).with_context(|| format!("cannot write {}", args.output.display()))?;
    }
    if !args.quiet {
        eprintln!(
            "ocrclean: {} banners learned from {} documents ({} pages)",
            profile.banners.len(),
            profile.documents,
            profile.pages
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads a profile written by `learn` (and perhaps edited).
pub fn read_profile(path: &Path) -> anyhow::Result<Profile> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read profile {}", path.display()))?;
    Ok(Profile::from_json(&text, &path.display().to_string())?)
}
