//! Throughput of the whole pipeline and of each stage, in bytes per second.
//!
//! Input: the files of `../shared/corpus` (crest, jfk, rfc, seed, synth) when
//! present, else the bundled `input/` samples; read once, outside the timed
//! loop. Each stage is timed on documents already brought to its input state,
//! so the figure is that stage's own cost.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use ocrclean::input::read_document;
use ocrclean::model::Document;
use ocrclean::pipeline::{banners, dehyphenate, noise, normalize, pages, paragraphs, Pipeline};
use ocrclean::rules::Rules;
use std::path::Path;

fn corpus() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/corpus");
    let dirs: Vec<_> = ["crest", "jfk", "rfc", "seed", "synth/raw"].iter().map(|d| shared.join(d)).filter(|d| d.is_dir()).collect();
    let dirs = if dirs.is_empty() { vec![root.join("input")] } else { dirs };
    let sources = ocrclean::input::discover(&dirs, "*.{txt,md}").expect("corpus readable");
    sources.iter().map(|s| (s.name.clone(), s.read().expect("file readable"))).collect()
}

fn bench(c: &mut Criterion) {
    let rules = Rules::embedded().expect("embedded rules");
    let docs = corpus();
    let bytes: usize = docs.iter().map(|d| d.1.len()).sum();
    let o = rules.options.clone();
    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);

    let pipeline = Pipeline::new(rules.clone());
    group.bench_function("whole", |b| {
        b.iter(|| docs.iter().map(|(n, d)| pipeline.clean(n, n, d.clone()).blocks.len()).sum::<usize>())
    });

    // Documents brought to the input state of each stage.
    let read: Vec<Document> = docs.iter().map(|(n, d)| read_document(n, n, d.clone())).collect();
    let stage = |name: &str, before: &[Document], f: &dyn Fn(&mut Document), group: &mut criterion::BenchmarkGroup<_>| {
        group.bench_function(BenchmarkId::new("stage", name), |b| {
            b.iter_batched(|| before.to_vec(), |mut ds| ds.iter_mut().for_each(f), criterion::BatchSize::LargeInput)
        });
        let mut after = before.to_vec();
        after.iter_mut().for_each(f);
        after
    };
    group.bench_function(BenchmarkId::new("stage", "read"), |b| {
        b.iter(|| docs.iter().map(|(n, d)| read_document(n, n, d.clone()).lines.len()).sum::<usize>())
    });
    let normalized = stage("normalize", &read, &|d| normalize::run(d, &o.normalize), &mut group);
    let paged = stage("pages", &normalized, &|d| pages::run(d), &mut group);
    let bannered = stage("banners", &paged, &|d| banners::run(d, &rules.banners, &o.banners), &mut group);
    let denoised = stage("noise", &bannered, &|d| noise::run(d, &rules.noise, &o.noise, &rules.dictionary), &mut group);
    let pairs = dehyphenate::JoinablePairs::from_list(&rules.bigrams.text, &rules.dictionary);
    let evidence = dehyphenate::Evidence { dict: &rules.dictionary, pairs: &pairs, batch: None };
    let joined = stage("dehyphenate", &denoised, &|d| dehyphenate::run(d, &evidence), &mut group);
    stage("paragraphs", &joined, &|d| paragraphs::run(d, &o.paragraphs), &mut group);
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
