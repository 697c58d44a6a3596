//! Golden tests of text reconstruction (dehyphenation, paragraphs, block
//! kinds): every `tests/fixtures/reconstruction/<name>.txt` is cleaned by the
//! library pipeline and rendered with `--format text`; the result must equal
//! `<name>.expected.txt`. Each fixture is named after what it tests. A failure
//! lists every fixture that differs, with both texts. `UPDATE_GOLDEN=1 cargo
//! test --test reconstruction` rewrites the expected files (review the diff).

use ocrclean::pipeline::Pipeline;
use ocrclean::rules::Rules;
use std::path::Path;

fn render(pipeline: &Pipeline, name: &str, path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let doc = pipeline.clean(name, &path.display().to_string(), bytes);
    assert_eq!(doc.check_coverage(), Ok(()), "{name}: provenance coverage broken");
    let mut out = Vec::new();
    ocrclean::output::text::write(&doc, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn reconstruction_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reconstruction");
    let pipeline = Pipeline::new(Rules::embedded().unwrap());
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|f| f.ends_with(".txt") && !f.ends_with(".expected.txt"))
        .map(|f| f.trim_end_matches(".txt").to_string())
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no fixtures in {}", dir.display());
    let mut failures = Vec::new();
    for name in &names {
        let got = render(&pipeline, name, &dir.join(format!("{name}.txt")));
        let expected_path = dir.join(format!("{name}.expected.txt"));
        if update {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != expected {
            failures.push(format!("--- {name}: expected\n{expected}--- {name}: got\n{got}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} fixtures differ:\n{}", failures.len(), names.len(), failures.join("\n"));
}
