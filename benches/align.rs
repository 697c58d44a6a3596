//! Distance and alignment on a ~650 KB text pair: the largest
//! icdar2017_en raw/gt pair if the corpus is present at run time (read, not
//! copied), otherwise a deterministic synthetic pair with ~5 % noise.
use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use ocrclean::eval::distance::{align, graphemes, intern_pair, levenshtein, words};
use ocrclean::eval::normalize::{normalize, NormOptions};

fn largest_icdar_pair() -> Option<(String, String, String)> {
    let dir = &Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/gt/icdar2017_en");
    let raw_dir = dir.join("raw");
    let best = std::fs::read_dir(&raw_dir)
        .ok()?
        .filter_map(|e| e.ok())
        .filter_map(|e| Some((e.metadata().ok()?.len(), e.path())))
        .max_by_key(|x| x.0)?
        .1;
    let name = best.file_name()?.to_str()?.to_string();
    let raw = std::fs::read_to_string(&best).ok()?;
    let gt = std::fs::read_to_string(dir.join("gt").join(&name)).ok()?;
    Some((format!("icdar2017_en/{name}"), gt, raw))
}

/// xorshift-based synthetic book text and a noisy "OCR" copy.
fn synthetic_pair(target: usize) -> (String, String, String) {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut rnd = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let vocab = ["the", "of", "and", "to", "in", "a", "that", "was", "he", "his", "with", "it", "for", "as",
        "had", "which", "upon", "be", "by", "not", "devil", "dictionary", "wonderful", "afternoon", "reason"];
    let mut gt = String::with_capacity(target + 64);
    while gt.len() < target {
        let w = vocab[(rnd() % vocab.len() as u64) as usize];
        gt.push_str(w);
        gt.push(if rnd() % 12 == 0 { '\n' } else { ' ' });
    }
    let mut ocr = String::with_capacity(target + 64);
    for c in gt.chars() {
        match rnd() % 100 {
            0 | 1 => ocr.push(['l', '1', 'c', 'e', 'r', 'n'][(rnd() % 6) as usize]), // substitution
            2 => {} // deletion
            3 | 4 => {
                ocr.push(c);
                ocr.push(['.', ',', '\'', 'i'][(rnd() % 4) as usize]); // insertion
            }
            _ => ocr.push(c),
        }
    }
    ("synthetic".into(), gt, ocr)
}

fn bench(c: &mut Criterion) {
    let (name, gt, raw) = largest_icdar_pair().unwrap_or_else(|| synthetic_pair(650_000));
    let o = NormOptions::default();
    let (g, r) = (normalize(&gt, &o), normalize(&raw, &o));
    let (gg, rg) = (graphemes(&g), graphemes(&r));
    let (ia, ib) = intern_pair(&gg, &rg);
    let (gw, rw) = (words(&g), words(&r));
    let (wa, wb) = intern_pair(&gw, &rw);
    eprintln!("pair {name}: {} vs {} graphemes, {} vs {} words", ia.len(), ib.len(), wa.len(), wb.len());
    let mut grp = c.benchmark_group(format!("650k/{name}"));
    grp.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(20));
    grp.bench_function("char_distance", |bch| bch.iter(|| levenshtein(&ia, &ib)));
    grp.bench_function("word_distance", |bch| bch.iter(|| levenshtein(&wa, &wb)));
    grp.bench_function("char_alignment", |bch| bch.iter(|| align(&ia, &ib)));
    grp.finish();
    let (sname, sg, sr) = synthetic_pair(650_000);
    let (sg, sr) = (normalize(&sg, &o), normalize(&sr, &o));
    let (a, b) = (graphemes(&sg), graphemes(&sr));
    let (sa, sb) = intern_pair(&a, &b);
    let mut grp = c.benchmark_group(format!("650k/{sname}"));
    grp.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(20));
    grp.bench_function("char_distance", |bch| bch.iter(|| levenshtein(&sa, &sb)));
    grp.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
