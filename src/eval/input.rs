//! Loading predictions (ocrclean `.jsonl` or plain `.txt`), synth GT
//! metadata, and pairing prediction files with GT files by document stem.
//!
//! `.jsonl`: one JSON object per line. Records whose `"kind"` is
//! `document`, `removed` or `page_event` carry no output text and are
//! skipped; every other record (paragraph, heading, list_item, footnote,
//! redaction, ...) must have a string `"text"` and may have `"page"`
//! (number), `"source"` (array of `{"line","start","end"}`) and `"edits"`
//! (array of `{"op","from","to","at", ...}`; extra fields are ignored).
//! The predicted text is the kept blocks' texts joined by `"\n\n"` in file
//! order. Blank lines are ignored. `.txt` predictions are used as they are.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// Errors of the evaluation input layer; every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{}:{line}: invalid JSON: {source}", path.display())]
    Json { path: PathBuf, line: usize, source: serde_json::Error },
    #[error("{}:{line}: {msg}", path.display())]
    Record { path: PathBuf, line: usize, msg: String },
    #[error("{}: unsupported prediction file (expected .jsonl or .txt)", path.display())]
    Extension { path: PathBuf },
}

/// One kept output block and its provenance.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BlockInfo {
    pub kind: String,
    pub page: Option<u32>,
    pub text: String,
    /// Input line numbers the block came from (order of first appearance).
    pub source_lines: Vec<u32>,
    /// `(op, from, to)` of each recorded edit.
    pub edits: Vec<(String, String, String)>,
}

#[derive(Deserialize)]
struct RawSource {
    line: Option<u32>,
}

#[derive(Deserialize)]
struct RawEdit {
    #[serde(default)]
    op: String,
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    to: Option<String>,
}

#[derive(Deserialize)]
struct RawRecord {
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    text: Option<serde_json::Value>,
    #[serde(default)]
    page: Option<serde_json::Value>,
    /// A list of spans on blocks; the document record's `source` is its path.
    #[serde(default)]
    source: Option<serde_json::Value>,
    #[serde(default)]
    edits: Option<Vec<RawEdit>>,
}

const NON_TEXT_KINDS: [&str; 3] = ["document", "removed", "page_event"];

fn read(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|source| EvalError::Io { path: path.to_path_buf(), source })
}

/// Parses ocrclean JSONL content (`path` only used in error messages).
pub fn parse_jsonl(path: &Path, content: &str) -> Result<(String, Vec<BlockInfo>), EvalError> {
    let mut blocks = Vec::new();
    for (i, line) in content.lines().enumerate() {
        let lineno = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let rec: RawRecord = serde_json::from_str(line)
            .map_err(|source| EvalError::Json { path: path.to_path_buf(), line: lineno, source })?;
        let kind = rec.kind.unwrap_or_default();
        if NON_TEXT_KINDS.contains(&kind.as_str()) {
            continue;
        }
        let err = |msg: String| EvalError::Record { path: path.to_path_buf(), line: lineno, msg };
        let text = match rec.text {
            Some(serde_json::Value::String(s)) => s,
            Some(_) => return Err(err(format!("record of kind {kind:?}: \"text\" is not a string"))),
            None => return Err(err(format!("record of kind {kind:?} has no \"text\""))),
        };
        let page = match rec.page {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::Number(n)) => match n.as_u64().and_then(|v| u32::try_from(v).ok()) {
                Some(p) => Some(p),
                None => return Err(err(format!("\"page\" is not a page number: {n}"))),
            },
            Some(v) => return Err(err(format!("\"page\" is not a number: {v}"))),
        };
        let mut source_lines: Vec<u32> = Vec::new();
        let spans: Vec<RawSource> = match rec.source {
            Some(v @ serde_json::Value::Array(_)) => {
                serde_json::from_value(v).map_err(|e| err(format!("\"source\" is not a list of spans: {e}")))?
            }
            _ => Vec::new(),
        };
        for s in spans {
            if let Some(l) = s.line {
                if !source_lines.contains(&l) {
                    source_lines.push(l);
                }
            }
        }
        let edits = rec
            .edits
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.op, e.from.unwrap_or_default(), e.to.unwrap_or_default()))
            .collect();
        blocks.push(BlockInfo { kind, page, text, source_lines, edits });
    }
    let text = blocks.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n\n");
    Ok((text, blocks))
}

/// Loads a prediction: `.jsonl` (ocrclean output) or `.txt` (used as is,
/// no blocks).
pub fn load_prediction(path: &Path) -> Result<(String, Vec<BlockInfo>), EvalError> {
    match path.extension().and_then(|e| e.to_str()) {
        Some("jsonl") => parse_jsonl(path, &read(path)?),
        Some("txt") => Ok((read(path)?, Vec::new())),
        _ => Err(EvalError::Extension { path: path.to_path_buf() }),
    }
}

/// Loads a GT text file.
pub fn load_text(path: &Path) -> Result<String, EvalError> {
    read(path)
}

/// Reads the `banners` list (one list of strings per page) of a synth
/// `gt/<doc>.json`; a missing key gives an empty list.
pub fn load_banners(path: &Path) -> Result<Vec<Vec<String>>, EvalError> {
    #[derive(Deserialize)]
    struct Meta {
        #[serde(default)]
        banners: Vec<Vec<String>>,
    }
    let m: Meta = serde_json::from_str(&read(path)?)
        .map_err(|source| EvalError::Json { path: path.to_path_buf(), line: 0, source })?;
    Ok(m.banners)
}

/// A prediction paired with its ground truth.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocPair {
    pub doc: String,
    pub gt: PathBuf,
    pub pred: PathBuf,
}

/// Result of [`match_predictions`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matching {
    /// Sorted by document stem.
    pub pairs: Vec<DocPair>,
    /// Prediction files without `GTDIR/<stem>.txt`.
    pub unmatched_pred: Vec<PathBuf>,
    /// GT stems for which no prediction was given.
    pub unmatched_gt: Vec<String>,
    /// Second prediction for an already paired stem (`.jsonl` is preferred
    /// over `.txt`; otherwise the first one given wins).
    pub duplicates: Vec<PathBuf>,
}

fn pred_kind(p: &Path) -> Option<u8> {
    match p.extension().and_then(|e| e.to_str()) {
        Some("jsonl") => Some(0),
        Some("txt") => Some(1),
        _ => None,
    }
}

/// Pairs `PRED/<doc>.(jsonl|txt)` with `GTDIR/<doc>.txt` by stem. `preds`
/// may mix files and directories (directories are listed, not recursed).
/// Explicitly named files of another extension are an error; other files
/// inside directories are ignored.
pub fn match_predictions(gt_dir: &Path, preds: &[PathBuf]) -> Result<Matching, EvalError> {
    let list = |dir: &Path| -> Result<Vec<PathBuf>, EvalError> {
        let rd = std::fs::read_dir(dir).map_err(|source| EvalError::Io { path: dir.to_path_buf(), source })?;
        let mut v = Vec::new();
        for e in rd {
            let e = e.map_err(|source| EvalError::Io { path: dir.to_path_buf(), source })?;
            v.push(e.path());
        }
        v.sort();
        Ok(v)
    };
    let gt_docs: BTreeSet<String> = list(gt_dir)?
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt") && p.is_file())
        .filter_map(|p| p.file_stem().and_then(|s| s.to_str()).map(str::to_string))
        .collect();
    let mut files = Vec::new();
    for p in preds {
        if p.is_dir() {
            files.extend(list(p)?.into_iter().filter(|f| f.is_file() && pred_kind(f).is_some()));
        } else if pred_kind(p).is_some() {
            files.push(p.clone());
        } else if !p.exists() {
            return Err(EvalError::Io {
                path: p.clone(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or directory"),
            });
        } else {
            return Err(EvalError::Extension { path: p.clone() });
        }
    }
    let mut m = Matching::default();
    let mut chosen: BTreeMap<String, PathBuf> = BTreeMap::new();
    for f in files {
        let stem = f.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
        if !gt_docs.contains(&stem) {
            m.unmatched_pred.push(f);
            continue;
        }
        match chosen.get(&stem) {
            None => {
                chosen.insert(stem, f);
            }
            Some(prev) => {
                if pred_kind(&f) < pred_kind(prev) {
                    let old = chosen.insert(stem, f).expect("present");
                    m.duplicates.push(old);
                } else {
                    m.duplicates.push(f);
                }
            }
        }
    }
    for d in &gt_docs {
        match chosen.remove(d) {
            Some(pred) => m.pairs.push(DocPair { doc: d.clone(), gt: gt_dir.join(format!("{d}.txt")), pred }),
            None => m.unmatched_gt.push(d.clone()),
        }
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"{"kind":"document","doc":"x","pages":2}
{"kind":"heading","text":"PREFACE","page":1,"source":[{"line":2,"start":0,"end":7}],"edits":[]}
{"kind":"paragraph","text":"The quick brown fox.","page":1,"source":[{"line":3,"start":0,"end":10},{"line":4,"start":0,"end":9},{"line":3,"start":10,"end":12}],"edits":[{"op":"dehyphenate","from":"qu-\nick","to":"quick","at":4,"score":0.93}]}

{"kind":"removed","text":"153","page":1,"reason":"page_number"}
{"kind":"page_event","page":2}
{"kind":"footnote","text":"1 A note.","page":2,"source":[],"edits":[]}
"#;

    fn tmpdir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("evalcore_test_{}_{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn parses_jsonl() {
        let (text, blocks) = parse_jsonl(Path::new("x.jsonl"), SAMPLE).unwrap();
        assert_eq!(text, "PREFACE\n\nThe quick brown fox.\n\n1 A note.");
        assert_eq!(blocks.len(), 3);
        assert_eq!(blocks[1].kind, "paragraph");
        assert_eq!(blocks[1].page, Some(1));
        assert_eq!(blocks[1].source_lines, vec![3, 4]);
        assert_eq!(blocks[1].edits, vec![("dehyphenate".into(), "qu-\nick".into(), "quick".into())]);
    }

    #[test]
    fn jsonl_errors_name_file_and_line() {
        let bad = "{\"kind\":\"document\"}\n{\"kind\":\"paragraph\",\"text\":\"a\"\n";
        let e = parse_jsonl(Path::new("out/doc.jsonl"), bad).unwrap_err().to_string();
        assert!(e.starts_with("out/doc.jsonl:2: invalid JSON"), "{e}");
        let notext = "{\"kind\":\"paragraph\",\"page\":1}\n";
        let e = parse_jsonl(Path::new("d.jsonl"), notext).unwrap_err().to_string();
        assert!(e.starts_with("d.jsonl:1: ") && e.contains("no \"text\""), "{e}");
        let e = load_prediction(Path::new("/nonexistent/zz.txt")).unwrap_err().to_string();
        assert!(e.contains("/nonexistent/zz.txt"), "{e}");
        let e = load_prediction(Path::new("a.pdf")).unwrap_err().to_string();
        assert!(e.contains("a.pdf"), "{e}");
    }

    #[test]
    fn matches_by_stem() {
        let gt = tmpdir("gt");
        let pr = tmpdir("pred");
        for d in ["a", "b", "c"] {
            std::fs::write(gt.join(format!("{d}.txt")), "x").unwrap();
        }
        std::fs::write(gt.join("a.json"), "{}").unwrap();
        std::fs::write(pr.join("a.txt"), "x").unwrap();
        std::fs::write(pr.join("a.jsonl"), "").unwrap();
        std::fs::write(pr.join("b.txt"), "x").unwrap();
        std::fs::write(pr.join("zzz.txt"), "x").unwrap();
        std::fs::write(pr.join("notes.md"), "x").unwrap();
        let m = match_predictions(&gt, std::slice::from_ref(&pr)).unwrap();
        assert_eq!(m.pairs.iter().map(|p| p.doc.as_str()).collect::<Vec<_>>(), vec!["a", "b"]);
        assert_eq!(m.pairs[0].pred, pr.join("a.jsonl"));
        assert_eq!(m.duplicates, vec![pr.join("a.txt")]);
        assert_eq!(m.unmatched_pred, vec![pr.join("zzz.txt")]);
        assert_eq!(m.unmatched_gt, vec!["c".to_string()]);
        let e = match_predictions(&gt, &[pr.join("notes.md")]).unwrap_err();
        assert!(matches!(e, EvalError::Extension { .. }));
        std::fs::remove_dir_all(&gt).unwrap();
        std::fs::remove_dir_all(&pr).unwrap();
    }
}
