//! `ocrclean clean`: the main job, inputs in, clean JSON Lines or text out.

use super::{EXIT_FILE_FAILED, EXIT_USAGE};
use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use ocrclean::input::{discover, Source};
use ocrclean::model::Document;
use ocrclean::output::Format;
use ocrclean::pipeline::Pipeline;
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Clean OCR dumps: files, folders (recursive) or standard input.
///
/// Examples:
///   ocrclean clean input -o output          one .jsonl per input file in output/
///   ocrclean clean memo.txt --format text   clean text of one file on stdout
///   ocrclean clean batch/ --learn -o out    also remove running heads the batch shares
///   cat dump.txt | ocrclean clean           JSON Lines on stdout
///
/// Each .jsonl starts with a "document" record (metadata, stats), then one
/// record per block in reading order (paragraph, heading, list_item,
/// footnote, redaction) with the input byte spans it came from and its edits,
/// then one "removed" record per removed piece with its reason.
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Files or folders to clean; `-` (or nothing) reads standard input.
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,

    /// Write DIR/<doc>.jsonl (or .txt) per input instead of standard output.
    /// <doc> is the path below the input folder without extension.
    #[arg(short, long, value_name = "DIR")]
    output: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,

    #[command(flatten)]
    pipeline: super::PipelineArgs,

    /// Also list corrections scored below the threshold, as `suggest` edits
    /// that leave the text unchanged.
    #[arg(long, conflicts_with = "no_correct")]
    suggest: bool,

    /// Learn the running heads of the whole batch first, as `ocrclean learn`
    /// does with its defaults, and remove them too (two passes over the
    /// inputs). To review what is learned before applying it, run
    /// `ocrclean learn` and `clean --profile` instead.
    #[arg(long, conflicts_with = "profile")]
    learn: bool,

    /// Which files to take from folders (matched against the file name).
    #[arg(long, default_value = "*.{txt,md}", value_name = "GLOB")]
    glob: String,

    /// Parallel jobs; 0 uses every core.
    #[arg(short, long, default_value_t = 0, value_name = "N")]
    jobs: usize,

    /// No progress bar and no summary.
    #[arg(short, long)]
    quiet: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut pipeline = args.pipeline.configure(&[])?;
    pipeline.suggest(args.suggest);
    let inputs = if args.inputs.is_empty() { vec![PathBuf::from("-")] } else { args.inputs.clone() };
    let sources = discover(&inputs, &args.glob)?;
    // The batch is read ahead while the correction index is built: the two
    // are independent, and the index build keeps one core busy on its own.
    let (prepared, (words, learned)) = std::thread::scope(|s| {
        let paths = sources.iter().filter_map(|s| s.path.as_deref());
        let reading = s.spawn(|| super::read_ahead(paths, pipeline.rules(), args.learn));
        let prepared = pipeline.prepare();
        (prepared, reading.join().expect("reading the batch ahead panicked"))
    });
    prepared?;
    pipeline.set_batch_words(words);
    if let Some(profile) = learned {
        if !args.quiet {
            eprintln!("ocrclean: {} banners learned from {} documents", profile.banners.len(), profile.documents);
        }
        pipeline.set_profile(Some(profile));
    }
    if let Some(dir) = &args.output {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create output folder {}", dir.display()))?;
    }
    let threads = rayon::ThreadPoolBuilder::new().num_threads(args.jobs).build()?;
    let started = Instant::now();
    let progress = progress_bar(&args, &sources);
    let mut totals = Totals::default();
    let stdout = std::io::stdout();
    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    // Documents go through in chunks: memory stays bounded however large the
    // batch, and standard output keeps input order whatever the thread count.
    let chunk = (threads.current_num_threads() * 4).max(1);
    for group in sources.chunks(chunk) {
        let results: Vec<Outcome> = threads.install(|| {
            group.par_iter().map(|source| process(&pipeline, source, &args)).collect()
        });
        for outcome in results {
            match outcome {
                Outcome::Done { bytes, blocks, removed, rendered, warnings } => {
                    for w in warnings {
                        eprintln!("ocrclean: warning: {w}");
                    }
                    if let Some(out) = rendered {
                        stdout.write_all(&out)?;
                    }
                    totals.docs += 1;
                    totals.bytes += bytes;
                    totals.blocks += blocks;
                    totals.removed += removed;
                    progress.inc(1);
                    let secs = started.elapsed().as_secs_f64().max(1e-3);
                    progress.set_message(format!("{:.1} MB/s", totals.bytes as f64 / 1e6 / secs));
                }
                Outcome::Failed(message) => {
                    progress.suspend(|| eprintln!("ocrclean: {message}"));
                    totals.failed += 1;
                    progress.inc(1);
                }
            }
        }
    }
    stdout.flush()?;
    progress.finish_and_clear();
    if !args.quiet {
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "ocrclean: {} document{}, {:.2} MB in {:.2} s ({:.1} MB/s), {} blocks, {} pieces removed{}",
            totals.docs,
            if totals.docs == 1 { "" } else { "s" },
            totals.bytes as f64 / 1e6,
            secs,
            totals.bytes as f64 / 1e6 / secs.max(1e-9),
            totals.blocks,
            totals.removed,
            if totals.failed > 0 { format!(", {} failed", totals.failed) } else { String::new() }
        );
    }
    // The OS takes back the dictionary and index at exit faster than
    // dropping them word by word would.
    std::mem::forget(pipeline);
    if sources.is_empty() {
        eprintln!("ocrclean: no input files matched {:?}", args.glob);
        return Ok(ExitCode::from(EXIT_USAGE));
    }
    Ok(if totals.failed > 0 { ExitCode::from(EXIT_FILE_FAILED) } else { ExitCode::SUCCESS })
}

#[derive(Default)]
struct Totals {
    docs: usize,
    failed: usize,
    bytes: usize,
    blocks: usize,
    removed: usize,
}

enum Outcome {
    Done { bytes: usize, blocks: usize, removed: usize, rendered: Option<Vec<u8>>, warnings: Vec<String> },
    Failed(String),
}

fn process(pipeline: &Pipeline, source: &Source, args: &Args) -> Outcome {
    // A bug that panics on one document must not take the batch down with it.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| try_process(pipeline, source, args)));
    match result {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(e)) => Outcome::Failed(format!("{e:#}")),
        Err(_) => Outcome::Failed(format!("{}: internal error while cleaning (a bug: please report it), skipped", source.display())),
    }
}

fn try_process(pipeline: &Pipeline, source: &Source, args: &Args) -> anyhow::Result<Outcome> {
    let shown = source.display();
    let bytes = source.read().with_context(|| format!("{shown}: cannot read"))?;
    // UTF-16 (some Windows OCR exports) is text, but the byte spans of the
    // output count UTF-8 input bytes: say how to convert it rather than
    // calling it binary
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        anyhow::bail!("{shown}: UTF-16 text (byte-order mark {:02X} {:02X}); convert it to UTF-8 first, e.g. `iconv -f UTF-16 -t UTF-8`, skipped", bytes[0], bytes[1]);
    }
    if let Some(at) = memchr::memchr(0, &bytes[..bytes.len().min(8192)]) {
        anyhow::bail!("{shown}: binary file (NUL byte at offset {at}), skipped");
    }
    let doc = pipeline.clean(&source.name, &shown, bytes);
    let mut rendered = Vec::with_capacity(doc.bytes.len() * 2);
    args.format.write(&doc, &mut rendered)?;
    let removed = doc.lines.iter().map(|l| l.cuts.len()).sum();
    let outcome = |rendered| Outcome::Done {
        bytes: doc.bytes.len(),
        blocks: doc.blocks.len(),
        removed,
        rendered,
        warnings: doc.warnings.clone(),
    };
    match &args.output {
        None => Ok(outcome(Some(rendered))),
        Some(dir) => {
            write_atomically(&output_path(dir, &doc, args.format), &rendered)?;
            Ok(outcome(None))
        }
    }
}

fn output_path(dir: &Path, doc: &Document, format: Format) -> PathBuf {
    dir.join(format!("{}.{}", doc.name, format.extension()))
}

/// Writes to a temporary name beside the target, then renames: a crash never
/// leaves half a file under the real name.
fn write_atomically(path: &Path, data: &[u8]) -> anyhow::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    }
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{file_name}.tmp"));
    std::fs::write(&tmp, data).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot rename {} to {}", tmp.display(), path.display()))?;
    Ok(())
}

fn progress_bar(args: &Args, sources: &[Source]) -> ProgressBar {
    if args.quiet || !std::io::stderr().is_terminal() || sources.len() < 2 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(sources.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} docs  {msg}  ETA {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}
