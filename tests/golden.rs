//! Golden files: whole documents through the whole pipeline. Each
//! `tests/golden/<name>.txt` has its expected JSON Lines in `<name>.jsonl` and
//! its expected clean text in `<name>.clean.txt`. Run with UPDATE_GOLDEN=1 to
//! rewrite them, then read the diff before committing.

use ocrclean::output::Format;
use ocrclean::pipeline::Pipeline;
use ocrclean::rules::Rules;
use std::path::Path;

#[test]
fn golden_documents() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let pipeline = Pipeline::new(Rules::embedded().unwrap());
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt") && !p.to_string_lossy().ends_with(".clean.txt"))
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty());
    let mut failures = Vec::new();
    for input in &inputs {
        let name = input.file_stem().unwrap().to_string_lossy().into_owned();
        let doc = pipeline.clean(&name, &format!("{name}.txt"), std::fs::read(input).unwrap());
        for (format, ext) in [(Format::Jsonl, "jsonl"), (Format::Text, "clean.txt")] {
            let mut out = Vec::new();
            format.write(&doc, &mut out).unwrap();
            let expected_path = dir.join(format!("{name}.{ext}"));
            if update {
                std::fs::write(&expected_path, &out).unwrap();
                continue;
            }
            let expected = std::fs::read(&expected_path).unwrap_or_default();
            if expected != out {
                failures.push(format!("{name}.{ext} differs:\n--- expected\n{}\n--- got\n{}", String::from_utf8_lossy(&expected), String::from_utf8_lossy(&out)));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
