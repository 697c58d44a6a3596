//! `ocrclean eval`: cleanup accuracy against ground truth.

use anyhow::Context;
use ocrclean::eval::{self, html, input, metrics, metrics::Scores, normalize::NormOptions};
use ocrclean::pipeline::{Pipeline, Stage};
use rayon::prelude::*;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Score cleaned text against ground truth: CER, WER, bag-of-words, banners.
///
/// Examples:
///   ocrclean eval --gt corpus/gt out/            score ocrclean .jsonl (or .txt) outputs
///   ocrclean eval --gt corpus/gt --raw corpus/raw    clean raw/ now, score raw vs cleaned
///   ocrclean eval --gt gt --raw raw --ablate      also each stage switched off in turn
///
/// GTDIR/<doc>.txt is the ground truth of <doc>; GTDIR/<doc>.json, when it has a
/// "banners" list (the synth corpus format), adds the share of banner strings
/// still in the output. Texts are compared after NFC and whitespace folding;
/// CER counts grapheme clusters; totals are weighted by ground-truth length.
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Folder of ground-truth texts, <doc>.txt.
    #[arg(long, value_name = "GTDIR")]
    gt: PathBuf,

    /// Cleaned outputs to score: .jsonl or .txt files, or folders of them.
    #[arg(value_name = "PRED", conflicts_with = "raw")]
    predictions: Vec<PathBuf>,

    /// Clean the raw OCR in RAWDIR with the pipeline and score raw vs cleaned.
    #[arg(long, value_name = "RAWDIR")]
    raw: Option<PathBuf>,

    /// With --raw: rerun with each stage switched off and show what it adds.
    #[arg(long, requires = "raw")]
    ablate: bool,

    /// How --raw cleans (as for `clean`).
    #[command(flatten)]
    pipeline: super::PipelineArgs,

    /// Fold curly quotes and dashes before comparing.
    #[arg(long)]
    fold_quotes: bool,

    /// Print one JSON object instead of tables.
    #[arg(long)]
    json: bool,

    /// Write a side-by-side HTML report per document into DIR.
    #[arg(long, value_name = "DIR")]
    html: Option<PathBuf>,
}

#[derive(Serialize)]
struct DocRow {
    doc: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    raw: Option<Scores>,
    clean: Scores,
    #[serde(skip_serializing_if = "Option::is_none")]
    relative_improvement: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    banners_checked: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    banners_left: Option<usize>,
}

#[derive(Serialize)]
struct Report {
    docs: Vec<DocRow>,
    total_raw: Option<Scores>,
    total_clean: Scores,
    relative_improvement: Option<f64>,
    banners_left_share: Option<f64>,
    ablation: Vec<Ablation>,
    seconds: f64,
}

#[derive(Serialize)]
struct Ablation {
    without: &'static str,
    cer: f64,
    wer: f64,
    /// True when the set scores better without the stage: the stage does harm.
    harmful: bool,
}

/// Banner strings printed on each page (the synth corpus's `<doc>.json`).
type Banners = Vec<Vec<String>>;

/// One document to score: its name, ground truth, and where its text comes from.
struct Item {
    doc: String,
    gt: String,
    banners: Option<Banners>,
    source: Prediction,
}

enum Prediction {
    Saved(PathBuf),
    Raw(PathBuf),
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let opts = NormOptions { fold_quotes: args.fold_quotes };
    let items = collect_items(&args)?;
    if items.is_empty() {
        anyhow::bail!("nothing to score: no prediction matches a ground-truth file in {}", args.gt.display());
    }
    let raw_paths = || items.iter().filter_map(|i| if let Prediction::Raw(p) = &i.source { Some(p.as_path()) } else { None });
    // the batch's word counts are read once and shared by the ablation runs
    let mut words = None;
    let mut build = |disabled: &[Stage]| -> anyhow::Result<ocrclean::pipeline::Pipeline> {
        let mut pipeline = args.pipeline.build(disabled)?;
        if words.is_none() {
            words = Some(super::read_ahead(raw_paths(), pipeline.rules(), false).0);
        }
        pipeline.set_batch_words(words.clone().flatten());
        Ok(pipeline)
    };
    let pipeline = match &args.raw {
        Some(_) => Some(build(&[])?),
        None => None,
    };
    let rows: Vec<anyhow::Result<DocRow>> = items.par_iter().map(|item| score_item(item, pipeline.as_ref(), &args, &opts)).collect();
    let rows: Vec<DocRow> = rows.into_iter().collect::<anyhow::Result<_>>()?;
    let total_clean = metrics::total(&rows.iter().map(|r| r.clean.clone()).collect::<Vec<_>>());
    let raws: Vec<Scores> = rows.iter().filter_map(|r| r.raw.clone()).collect();
    let total_raw = (!raws.is_empty()).then(|| metrics::total(&raws));
    let (checked, left) = rows.iter().fold((0, 0), |(c, l), r| (c + r.banners_checked.unwrap_or(0), l + r.banners_left.unwrap_or(0)));
    let mut ablation = Vec::new();
    if args.ablate {
        for (name, stage) in [("banners", Stage::Banners), ("noise", Stage::Noise), ("dehyphenate", Stage::Dehyphenate), ("correct", Stage::Correct)] {
            let pipeline = build(&[stage])?;
            let scores: Vec<Scores> = items
                .par_iter()
                .map(|item| clean_and_score(item, &pipeline, &opts).map(|(s, _, _)| s))
                .collect::<anyhow::Result<_>>()?;
            let t = metrics::total(&scores);
            ablation.push(Ablation { without: name, cer: t.cer, wer: t.wer, harmful: t.char_errors < total_clean.char_errors });
        }
    }
    let report = Report {
        relative_improvement: total_raw.as_ref().and_then(|r| metrics::relative_improvement(r.cer, total_clean.cer)),
        total_raw,
        total_clean,
        banners_left_share: (checked > 0).then(|| left as f64 / checked as f64),
        docs: rows,
        ablation,
        seconds: started.elapsed().as_secs_f64(),
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_tables(&report);
    }
    Ok(ExitCode::SUCCESS)
}

fn collect_items(args: &Args) -> anyhow::Result<Vec<Item>> {
    let gt_of = |doc: &str| -> anyhow::Result<Option<(String, Option<Banners>)>> {
        let path = args.gt.join(format!("{doc}.txt"));
        if !path.is_file() {
            return Ok(None);
        }
        let gt = input::load_text(&path)?;
        let meta = args.gt.join(format!("{doc}.json"));
        let banners = if meta.is_file() { Some(input::load_banners(&meta)?) } else { None };
        Ok(Some((gt, banners)))
    };
    let mut items = Vec::new();
    match &args.raw {
        Some(raw_dir) => {
            for source in ocrclean::input::discover(std::slice::from_ref(raw_dir), "*.txt")? {
                let Some(path) = source.path else { continue };
                match gt_of(&source.name)? {
                    Some((gt, banners)) => items.push(Item { doc: source.name, gt, banners, source: Prediction::Raw(path) }),
                    None => eprintln!("ocrclean: {}: no ground truth {}.txt, skipped", path.display(), source.name),
                }
            }
        }
        None => {
            let matching = input::match_predictions(&args.gt, &args.predictions)?;
            for p in matching.unmatched_pred {
                eprintln!("ocrclean: {}: no ground truth for it, skipped", p.display());
            }
            for pair in matching.pairs {
                if let Some((gt, banners)) = gt_of(&pair.doc)? {
                    items.push(Item { doc: pair.doc, gt, banners, source: Prediction::Saved(pair.pred) });
                }
            }
        }
    }
    Ok(items)
}

fn clean_and_score(item: &Item, pipeline: &Pipeline, opts: &NormOptions) -> anyhow::Result<(Scores, String, Vec<input::BlockInfo>)> {
    let Prediction::Raw(path) = &item.source else { unreachable!("only raw inputs are cleaned") };
    let bytes = std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
    let doc = pipeline.clean(&item.doc, &path.display().to_string(), bytes);
    let (text, blocks) = eval::document_prediction(&doc);
    Ok((metrics::score(&item.gt, &text, opts), text, blocks))
}

fn score_item(item: &Item, pipeline: Option<&Pipeline>, args: &Args, opts: &NormOptions) -> anyhow::Result<DocRow> {
    let (raw, clean, text, blocks) = match (&item.source, pipeline) {
        (Prediction::Raw(path), Some(pipeline)) => {
            let raw_text = String::from_utf8_lossy(&std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?).replace('\x0c', "\n");
            let raw = metrics::score(&item.gt, &raw_text, opts);
            let (clean, text, blocks) = clean_and_score(item, pipeline, opts)?;
            (Some(raw), clean, text, blocks)
        }
        (Prediction::Saved(path), _) | (Prediction::Raw(path), None) => {
            let (text, blocks) = input::load_prediction(path)?;
            (None, metrics::score(&item.gt, &text, opts), text, blocks)
        }
    };
    let leak = item.banners.as_ref().map(|b| metrics::banner_leakage(b, &text, Some(&item.gt)));
    if let Some(dir) = &args.html {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let page = html::render_report(&item.doc, &item.gt, &text, &blocks, &clean);
        write_report(&dir.join(format!("{}.html", item.doc.replace('/', "_"))), &page)?;
    }
    Ok(DocRow {
        doc: item.doc.clone(),
        relative_improvement: raw.as_ref().and_then(|r| metrics::relative_improvement(r.cer, clean.cer)),
        raw,
        clean,
        banners_checked: leak.as_ref().map(|l| l.checked),
        banners_left: leak.as_ref().map(|l| l.present),
    })
}

fn write_report(path: &Path, page: &str) -> anyhow::Result<()> {
    std::fs::write(path, page).with_context(|| format!("cannot write {}", path.display()))
}

fn pct(x: f64) -> String {
    format!("{:.2}%", x * 100.0)
}

fn print_tables(r: &Report) {
    println!("{:28} {:>8} {:>9} {:>9} {:>8} {:>9} {:>9} {:>7} {:>8}", "doc", "gt_chars", "CER raw", "CER", "rel.imp", "WER raw", "WER", "BoW R", "banners");
    let row = |name: &str, raw: Option<&Scores>, clean: &Scores, imp: Option<f64>, banners: String| {
        println!(
            "{:28} {:>8} {:>9} {:>9} {:>8} {:>9} {:>9} {:>7.4} {:>8}",
            name,
            clean.gt_chars,
            raw.map_or("-".into(), |s| pct(s.cer)),
            pct(clean.cer),
            imp.map_or("-".into(), pct),
            raw.map_or("-".into(), |s| pct(s.wer)),
            pct(clean.wer),
            clean.bow_recall,
            banners
        );
    };
    for d in &r.docs {
        let banners = match (d.banners_left, d.banners_checked) {
            (Some(l), Some(c)) => format!("{l}/{c}"),
            _ => "-".into(),
        };
        row(&d.doc, d.raw.as_ref(), &d.clean, d.relative_improvement, banners);
    }
    let banners = r.banners_left_share.map_or("-".into(), pct);
    row(&format!("TOTAL ({} docs)", r.docs.len()), r.total_raw.as_ref(), &r.total_clean, r.relative_improvement, banners);
    for a in &r.ablation {
        let flag = if a.harmful { "  <-- HARMFUL: the set scores better without this stage" } else { "" };
        println!("without {:12} CER {:>8} (all stages {:>8})  WER {:>8}{flag}", a.without, pct(a.cer), pct(r.total_clean.cer), pct(a.wer));
    }
    eprintln!("ocrclean: scored {} documents in {:.2} s", r.docs.len(), r.seconds);
}
