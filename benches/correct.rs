//! Single-thread throughput: in-dictionary tokens/s through `Corrector::correct`,
//! out-of-dictionary symmetric-delete lookups/s (`SymSpell::lookup`, exhaustive
//! distance 2, and `Corrector::candidates`, tiered distance 1 then 2),
//! and full `correct` on text made only of out-of-dictionary tokens.
//! Uses the embedded rules (dictionary, bigrams, confusions).
use ocrclean::pipeline::correct::symspell::{Candidate, LookupScratch};
use ocrclean::pipeline::correct::{CorrectOptions, Corrector, DocLexicon};
use ocrclean::rules::Rules;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

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
        vec![],
        CorrectOptions::default(),
    );
    (c, common, oov)
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
    // no plausible one-edit candidate exists
    g.bench_function("oov_candidates_tiered", |b| {
        b.iter(|| {
            let mut n = 0;
            for w in &oov {
                c.candidates(black_box(w), 2, &mut scratch, &mut cands);
                n += cands.len();
            }
            black_box(n)
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
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
