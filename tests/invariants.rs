//! Invariants that must hold for any input: every non-whitespace input byte is
//! accounted for exactly once (kept in a block or in a removal record), and
//! every output span points at real input bytes whose text it carries.

use ocrclean::model::Document;
use ocrclean::pipeline::Pipeline;
use ocrclean::rules::Rules;
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::new(Rules::embedded().unwrap()))
}

fn check(doc: &Document) -> Result<(), String> {
    doc.check_coverage().map_err(|at| format!("{}: byte {at} not covered exactly once", doc.source))?;
    for block in &doc.blocks {
        if block.text.trim().is_empty() {
            return Err(format!("{}: empty block {block:?}", doc.source));
        }
        for span in &block.source {
            if span.start > span.end || span.end > doc.bytes.len() || span.start == span.end {
                return Err(format!("{}: bad span {span:?}", doc.source));
            }
            // A kept span starts and ends on text, not on whitespace.
            let bytes = &doc.bytes[span.start..span.end];
            if bytes[0].is_ascii_whitespace() || bytes[bytes.len() - 1].is_ascii_whitespace() {
                return Err(format!("{}: span {span:?} has whitespace at an edge", doc.source));
            }
        }
        // Each block line is a line of the input, in increasing order.
        if block.lines.windows(2).any(|w| w[0] >= w[1]) {
            return Err(format!("{}: block lines out of order", doc.source));
        }
    }
    Ok(())
}

/// Input made of the pieces OCR dumps are made of, in any order.
fn ocrish() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\x0c".to_vec()),
        Just(b"x0c".to_vec()),
        Just(b"25X1A  ".to_vec()),
        Just(b"SECRET\n".to_vec()),
        Just(b"**Secret**".to_vec()),
        Just(b"# ".to_vec()),
        Just(b"- ".to_vec()),
        Just(b"<sup>1</sup>".to_vec()),
        Just(b"inter-\nnational ".to_vec()),
        Just(b"Approved For Release 2004/07/08 : CIA-RDP79T00975A001300080001-8\n".to_vec()),
        Just("\u{feff}ﬁne \u{00AD} café\u{301} “quote” ".as_bytes().to_vec()),
        Just(b"[REDACTED] ".to_vec()),
        Just(b"   ".to_vec()),
        Just(b"\xff\xfe".to_vec()),
        "[a-zA-Z .,;'-]{1,30}".prop_map(|s| s.into_bytes()),
        prop::collection::vec(any::<u8>(), 1..8),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn every_input_byte_is_accounted_for(bytes in ocrish()) {
        let doc = pipeline().clean("p", "prop", bytes);
        prop_assert_eq!(check(&doc), Ok(()));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let doc = pipeline().clean("p", "prop", bytes);
        prop_assert_eq!(check(&doc), Ok(()));
    }
}

/// Runs the invariant over every file of the shared corpus when it is there
/// (it is beside the project on developer machines and in CI).
#[test]
fn coverage_holds_on_every_corpus_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !root.is_dir() {
        eprintln!("skipped: {} not found", root.display());
        return;
    }
    let sources = ocrclean::input::discover(&[root], "*.{txt,md}").unwrap();
    let mut failures = Vec::new();
    for source in &sources {
        let bytes = source.read().unwrap();
        let doc = pipeline().clean(&source.name, &source.display(), bytes);
        if let Err(e) = check(&doc) {
            failures.push(e);
        }
    }
    eprintln!("coverage checked on {} corpus files", sources.len());
    assert!(sources.len() > 100, "expected the whole corpus, found {}", sources.len());
    assert!(failures.is_empty(), "{} failures, first: {:?}", failures.len(), failures.first());
}
