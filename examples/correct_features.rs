//! Writes what `tools/fit_correct.py` fits the corrector's weights on: every
//! correction site of every document in RAWDIR (cleaned with correction off)
//! with all its alternatives and their features.
//!
//!     cargo run --release --example correct_features -- RAWDIR > sites.jsonl
//!
//! Output: a first line {"features": [names]}, then one line per document
//! {"doc", "blocks": [text], "sites": [[block, start, end, [[to, [values]]...]]]}
//! with byte offsets into the block text. Uses the embedded rules.
use ocrclean::model::BlockKind;
use ocrclean::pipeline::correct::Features;
use ocrclean::pipeline::{Pipeline, Stage};
use ocrclean::rules::Rules;

fn main() -> anyhow::Result<()> {
    let dir = std::env::args().nth(1).ok_or_else(|| anyhow::anyhow!("usage: correct_features RAWDIR"))?;
    let mut pipeline = Pipeline::new(Rules::embedded()?);
    pipeline.disable(Stage::Correct);
    let corrector = pipeline.corrector();
    println!("{}", serde_json::json!({ "features": Features::NAMES }));
    let mut files: Vec<_> = std::fs::read_dir(&dir)?.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.retain(|p| p.extension().is_some_and(|x| x == "txt"));
    files.sort();
    for path in files {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let doc = pipeline.clean(&name, &path.to_string_lossy(), std::fs::read(&path)?);
        let texts: Vec<&str> = doc.blocks.iter().filter(|b| b.kind != BlockKind::Redaction).map(|b| b.text.as_str()).collect();
        let (_, found) = corrector.document_sites(&texts);
        let text_blocks = doc.blocks.iter().enumerate().filter(|(_, b)| b.kind != BlockKind::Redaction);
        let mut sites = Vec::new();
        for ((bi, _), block_sites) in text_blocks.zip(found) {
            for s in block_sites {
                let alts: Vec<_> = s.alternatives.iter().map(|a| serde_json::json!([a.to, a.features.values()])).collect();
                sites.push(serde_json::json!([bi, s.start, s.end, alts]));
            }
        }
        let blocks: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        println!("{}", serde_json::json!({ "doc": name, "blocks": blocks, "sites": sites }));
    }
    Ok(())
}
