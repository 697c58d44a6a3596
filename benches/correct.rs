//! Single-thread throughput: in-dictionary tokens/s through `Corrector::correct`,
//! out-of-dictionary symmetric-delete lookups/s (`SymSpell::lookup`, exhaustive
//! distance 2, one term at a time, and `Corrector::candidates`, tiered
//! distance 1 then 2, the terms of a text together as `correct` does),
//! full `correct` on text made only of out-of-dictionary tokens, and the
//! index build every run pays at start-up.
//! Uses the embedded rules (dictionary, bigrams, confusions).
//!
//! Two mixes of out-of-dictionary tokens:
//! - `oov_*`: a dictionary word with one substituted letter (synthetic; almost
//!   always has a distance-1 neighbour, so the tiered lookup stops there);
//! - `ocr_*`: the tokens `correct` looks up in real OCR text, read from
//!   `../shared/corpus/gt/bln600_train/raw` when that folder exists (it is not
//!   shipped). About a third of them have no distance-1 neighbour and go on
//!   to distance 2, so this mix is the slower, honest one.
use ocrclean::pipeline::correct::symspell::{Candidate, CandidateLists, LookupScratch};
use ocrclean::pipeline::correct::tokenize::tokenize;
use ocrclean::pipeline::correct::{CorrectOptions, Corrector, DocLexicon, WordLists};
use ocrclean::rules::Rules;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

const OCR_CORPUS: &str = "../shared/corpus/gt/bln600_train/raw";

fn setup() -> (Corrector, Vec<String>, Vec<String>) {
    let rules = Rules::embedded().unwrap();
    let dict = rules.dictionary.clone();
    let mut words: Vec<(String, u64)> = dict.iter().filter(|(w, _)| w.len() >= 3).map(|(w, f)| (w.to_string(), f)).collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let common: Vec<String> = words.iter().take(5000).map(|w| w.0.clone()).collect();
    // deterministic OCR-like damage: one substitution from a confusion-ish alphabet
    let mut oov = Vec::new();
    let mut x: u64 = 12345;
    for w in common.iter().cycle().take(40000) {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let cs: Vec<char> = w.chars().collect();
        let p = (x >> 33) as usize % cs.len();
        let r = ['c', 'e', 'h', 'b', 'l', 'i', 'n', 'u', 'q', 'x'][(x >> 40) as usize % 10];
        let mut v = cs.clone();
        v[p] = r;
        let s: String = v.into_iter().collect();
        if !dict.contains(&s) {
            oov.push(s);
        }
        if oov.len() == 10000 {
            break;
        }
    }
    let c = Corrector::new(
        dict,
        Some(rules.bigrams.bigrams().unwrap()),
        rules.confusions.clone(),
        WordLists::default(),
        CorrectOptions::default(),
    );
    (c, common, oov)
}

/// The lower-case tokens of real OCR text that `correct` would look up, with
/// the distance it would ask for: unknown words of letters only, at least
/// `min_len` chars (protection rules for names and acronyms aside). Empty
/// when the corpus is absent.
fn ocr_tokens(c: &Corrector) -> Vec<(String, u8)> {
    let Ok(dir) = std::fs::read_dir(OCR_CORPUS) else { return Vec::new() };
    let mut paths: Vec<_> = dir.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let o = c.options();
    let mut toks = Vec::new();
    let mut found = Vec::new();
    for p in paths {
        let text = std::fs::read_to_string(&p).unwrap_or_default();
        tokenize(&text, &mut toks);
        for t in &toks {
            let l = text[t.start..t.end].to_lowercase();
            let n = l.chars().count();
            if n >= o.min_len && l.chars().all(char::is_alphabetic) && !c.known(&l) {
                found.push((l, if n <= o.short_len { 1 } else { o.max_distance }));
            }
        }
    }
    found
}

fn write_terms(dir: &std::path::Path, oov: &[String], ocr: &[(String, u8)]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("oov.txt"), oov.iter().map(|w| format!("{w}\n")).collect::<String>())?;
    std::fs::write(dir.join("ocr.tsv"), ocr.iter().map(|(w, k)| format!("{w}\t{k}\n")).collect::<String>())
}

fn bench(cr: &mut Criterion) {
    let (c, common, oov) = setup();
    let text_in: String = common.iter().take(5000).map(|w| w.as_str()).collect::<Vec<_>>().join(" ");
    let lx_in = DocLexicon::build(&text_in);
    let mut g = cr.benchmark_group("correct");
    g.sample_size(20);
    g.throughput(Throughput::Elements(5000));
    let mut out = Vec::new();
    g.bench_function("in_dictionary_tokens", |b| {
        b.iter(|| {
            c.correct(black_box(&text_in), &lx_in, &mut out);
            black_box(out.len())
        })
    });
    g.throughput(Throughput::Elements(oov.len() as u64));
    let mut scratch = LookupScratch::default();
    let mut cands: Vec<Candidate> = Vec::new();
    g.bench_function("oov_lookups_d2", |b| {
        b.iter(|| {
            let mut n = 0;
            for w in &oov {
                c.index().lookup(black_box(w), 2, &mut scratch, &mut cands);
                n += cands.len();
            }
            black_box(n)
        })
    });
    // what `Corrector::correct` does: distance 1 first, distance 2 only when
    // no plausible one-edit candidate exists, a text block's tokens together
    let mut lists = CandidateLists::default();
    let oov_terms: Vec<(&str, u8)> = oov.iter().map(|w| (w.as_str(), 2)).collect();
    g.bench_function("oov_candidates_tiered", |b| {
        b.iter(|| {
            c.candidates(black_box(&oov_terms), &mut scratch, &mut lists);
            black_box(lists.len())
        })
    });
    let text_oov = oov.join(" ");
    let lx_oov = DocLexicon::build(&text_oov);
    g.bench_function("oov_correct_full", |b| {
        b.iter(|| {
            c.correct(black_box(&text_oov), &lx_oov, &mut out);
            black_box(out.len())
        })
    });
    let ocr = ocr_tokens(&c);
    if let Ok(dir) = std::env::var("OCRCLEAN_BENCH_TERMS") {
        write_terms(std::path::Path::new(&dir), &oov, &ocr).expect("writing OCRCLEAN_BENCH_TERMS");
    }
    if ocr.is_empty() {
        eprintln!("{OCR_CORPUS} not found: ocr_* benchmarks skipped");
    } else {
        g.throughput(Throughput::Elements(ocr.len() as u64));
        let ocr_terms: Vec<(&str, u8)> = ocr.iter().map(|(w, k)| (w.as_str(), *k)).collect();
        g.bench_function("ocr_candidates_tiered", |b| {
            b.iter(|| {
                c.candidates(black_box(&ocr_terms), &mut scratch, &mut lists);
                black_box(lists.len())
            })
        });
        g.bench_function("ocr_lookups_exhaustive", |b| {
            b.iter(|| {
                let mut n = 0;
                for (w, k) in &ocr {
                    c.index().lookup(black_box(w), *k, &mut scratch, &mut cands);
                    n += cands.len();
                }
                black_box(n)
            })
        });
    }
    g.finish();
    let mut g = cr.benchmark_group("startup");
    g.sample_size(10);
    let opts = CorrectOptions::default();
    g.bench_function("index_build", |b| b.iter(|| black_box(Corrector::build_index(c.dictionary(), &opts).len())));
    let rules = Rules::embedded().unwrap();
    g.bench_function("bigrams_parse", |b| b.iter(|| black_box(rules.bigrams.bigrams().unwrap().len())));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
