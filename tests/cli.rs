//! The command line as a user meets it: exit codes, messages, files written.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;

fn ocrclean() -> Command {
    Command::cargo_bin("ocrclean").unwrap()
}

const MEMO: &str = "SECRET\n\nThe first paragraph of the memo\nwraps onto a second line.\n\n25X1\n";

#[test]
fn stdin_to_jsonl_on_stdout() {
    let out = ocrclean().arg("clean").write_stdin(MEMO).assert().success().get_output().stdout.clone();
    let records: Vec<serde_json::Value> =
        String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(records[0]["kind"], "document");
    assert_eq!(records[0]["doc"], "stdin");
    assert_eq!(records[1]["kind"], "paragraph");
    assert_eq!(records[1]["text"], "The first paragraph of the memo wraps onto a second line.");
    assert_eq!(records[1]["source"][0]["line"], 3);
    assert_eq!(records[1]["source"][0]["start"], 8);
    let removed: Vec<&str> = records.iter().filter(|r| r["kind"] == "removed").map(|r| r["reason"].as_str().unwrap()).collect();
    assert_eq!(removed, ["classification", "exemption_code"]);
}

#[test]
fn text_format() {
    ocrclean()
        .args(["clean", "--format", "text", "-"])
        .write_stdin(MEMO)
        .assert()
        .success()
        .stdout("The first paragraph of the memo wraps onto a second line.\n");
}

#[test]
fn folder_to_output_folder_keeps_relative_names() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(input.join("box1")).unwrap();
    fs::write(input.join("box1/memo.txt"), MEMO).unwrap();
    fs::write(input.join("notes.md"), "# Title\n\nText.\n").unwrap();
    fs::write(input.join("image.png"), [0u8, 1, 2]).unwrap();
    let output = dir.path().join("out");
    ocrclean().args(["clean", "-q"]).arg(&input).arg("-o").arg(&output).assert().success().stdout("");
    assert!(output.join("box1/memo.jsonl").is_file());
    assert!(output.join("notes.jsonl").is_file());
    assert!(!output.join("image.jsonl").exists());
    let names: Vec<_> = fs::read_dir(&output).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(names.iter().all(|n| !n.to_string_lossy().ends_with(".tmp")));
}

#[test]
fn a_missing_input_is_a_usage_error_naming_it() {
    ocrclean()
        .args(["clean", "no/such/file.txt"])
        .assert()
        .code(2)
        .stderr("ocrclean: no/such/file.txt: no such file or directory\n");
}

#[test]
fn a_binary_file_is_reported_and_the_rest_still_finish() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.txt"), MEMO).unwrap();
    fs::write(dir.path().join("bad.txt"), b"PK\x03\x04\x00\x00binary").unwrap();
    let output = dir.path().join("out");
    ocrclean()
        .args(["clean", "-q"])
        .arg(dir.path())
        .arg("-o")
        .arg(&output)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bad.txt: binary file (NUL byte at offset 4), skipped"));
    assert!(output.join("good.jsonl").is_file());
    assert!(!output.join("bad.jsonl").exists());
}

#[test]
fn a_utf16_file_is_reported_with_how_to_convert_it() {
    let dir = tempfile::tempdir().unwrap();
    let utf16: Vec<u8> = [0xff, 0xfe].into_iter().chain("Hello".encode_utf16().flat_map(u16::to_le_bytes)).collect();
    fs::write(dir.path().join("wide.txt"), utf16).unwrap();
    let output = dir.path().join("out");
    ocrclean()
        .args(["clean", "-q"])
        .arg(dir.path().join("wide.txt"))
        .arg("-o")
        .arg(&output)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("wide.txt: UTF-16 text (byte-order mark FF FE); convert it to UTF-8 first"));
    assert!(!output.join("wide.jsonl").exists());
}

#[test]
fn a_broken_rule_file_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("noise.txt"), "# page numbers\npage_number line (\\d+\n").unwrap();
    ocrclean()
        .args(["clean", "--rules"])
        .arg(dir.path())
        .write_stdin(MEMO)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("noise.txt: line 2: bad regex"));
}

#[test]
fn invalid_utf8_warns_with_the_offset_and_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("latin1.txt");
    fs::write(&file, b"caf\xe9 au lait\n").unwrap();
    ocrclean()
        .args(["clean", "--format", "text"])
        .arg(&file)
        .assert()
        .success()
        .stdout("caf\u{FFFD} au lait\n")
        .stderr(predicate::str::contains("latin1.txt: invalid UTF-8 at byte 3, replaced with U+FFFD"));
}

#[test]
fn an_empty_file_is_an_empty_document() {
    let out = ocrclean().args(["clean", "-q"]).write_stdin("").assert().success().get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 1);
    assert!(text.starts_with("{\"kind\":\"document\""));
}

#[test]
fn output_is_the_same_whatever_the_number_of_jobs() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..12 {
        fs::write(dir.path().join(format!("doc{i:02}.txt")), format!("{MEMO}Document number {i} ends.\n")).unwrap();
    }
    let run = |jobs: &str| ocrclean().args(["clean", "-q", "-j", jobs]).arg(dir.path()).assert().success().get_output().stdout.clone();
    let one = run("1");
    assert_eq!(one, run("2"));
    assert_eq!(one, run("4"));
    assert_eq!(String::from_utf8(one).unwrap().matches("\"kind\":\"document\"").count(), 12);
}

#[test]
fn help_teaches_by_example() {
    ocrclean()
        .args(["clean", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ocrclean clean input -o output"))
        .stdout(predicate::str::contains("--no-correct"));
}

#[test]
fn eval_scores_what_clean_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let (raw, gt, out) = (dir.path().join("raw"), dir.path().join("gt"), dir.path().join("out"));
    for d in [&raw, &gt] {
        fs::create_dir_all(d).unwrap();
    }
    fs::write(raw.join("memo.txt"), MEMO).unwrap();
    fs::write(gt.join("memo.txt"), "The first paragraph of the memo wraps onto a second line.\n").unwrap();
    ocrclean().args(["clean", "-q"]).arg(&raw).arg("-o").arg(&out).assert().success();
    let report = ocrclean().args(["eval", "--json", "--gt"]).arg(&gt).arg(&out).assert().success().get_output().stdout.clone();
    let report: serde_json::Value = serde_json::from_slice(&report).unwrap();
    assert_eq!(report["total_clean"]["char_errors"], 0);
    assert_eq!(report["docs"][0]["doc"], "memo");
    // The same through --raw: the raw text has banners, the cleaned none.
    let report = ocrclean().args(["eval", "--json", "--gt"]).arg(&gt).arg("--raw").arg(&raw).assert().success().get_output().stdout.clone();
    let report: serde_json::Value = serde_json::from_slice(&report).unwrap();
    assert_eq!(report["total_clean"]["char_errors"], 0);
    assert!(report["total_raw"]["char_errors"].as_u64().unwrap() > 0);
}

/// A combining mark, two capitals, an invalid byte and a control byte: the
/// line is kept now that capitals count as a word (an identifier such as
/// `UA` in a diagram), and the control edit inside U+FFFD must not panic.
#[test]
fn an_edit_inside_a_replaced_byte_does_not_panic() {
    ocrclean().args(["clean", "--no-correct", "-q"]).write_stdin(&b"\xcd\x84AA\x80\x0e"[..]).assert().success();
}

#[test]
fn suggest_lists_rejected_corrections_and_leaves_the_text() {
    let memo = concat!(env!("CARGO_MANIFEST_DIR"), "/input/cia_memo_1982_peace_offensive.txt");
    let run = |extra: &[&str]| -> Vec<serde_json::Value> {
        let out = ocrclean().args(["clean", "-q", memo]).args(extra).assert().success().get_output().stdout.clone();
        String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
    };
    let count_suggestions = |records: &[serde_json::Value]| {
        records.iter().filter_map(|r| r["edits"].as_array()).flatten().filter(|e| e["op"] == "suggest").count()
    };
    let texts = |records: &[serde_json::Value]| records.iter().map(|r| r["text"].clone()).collect::<Vec<_>>();
    let plain = run(&[]);
    let suggested = run(&["--suggest"]);
    assert_eq!(count_suggestions(&plain), 0);
    assert!(count_suggestions(&suggested) > 0, "--suggest reported nothing");
    assert_eq!(texts(&plain), texts(&suggested));
}

/// A head printed on one page of a short document is invisible to
/// repetition inside it; `--learn` finds it on the other documents of the batch.
#[test]
fn learn_removes_a_head_the_batch_shares_from_a_short_document() {
    const WORDS: [&str; 8] = ["alder", "birch", "cedar", "hazel", "holly", "larch", "maple", "rowan"];
    let line = |n: usize| (0..6).map(|k| WORDS[(n * (k + 3) + k * k) % 8]).collect::<Vec<_>>().join(" ") + &format!(" {n}.\n");
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("batch");
    fs::create_dir(&input).unwrap();
    for d in 0..4 {
        let mut book = String::new();
        for p in 0..4 {
            let folio = 10 * d + p + 1;
            if p % 2 == 1 {
                book += &format!("{folio} THE DEVIL'S DICTIONARY\n");
            }
            for l in 0..10 {
                book += &line(folio * 10 + l);
            }
            book += "\x0c";
        }
        fs::write(input.join(format!("book{d}.txt")), book).unwrap();
    }
    fs::write(input.join("short.txt"), "Line one of a short text.\n\x0c14 THE DEVILS DICTIONARY\nLine two of it.\n").unwrap();
    let short = |extra: &[&str]| {
        let out = dir.path().join(format!("out{}", extra.len()));
        ocrclean().args(["clean", "-q", "--no-correct", "--format", "text", "-o"]).arg(&out).arg(&input).args(extra).assert().success();
        fs::read_to_string(out.join("short.txt")).unwrap()
    };
    assert!(short(&[]).contains("DICTIONARY"));
    let learned = short(&["--learn"]);
    assert!(!learned.contains("DICTIONARY"), "{learned}");
    assert!(learned.contains("Line one of a short text.") && learned.contains("Line two of it."), "{learned}");
}

#[test]
fn learn_and_profile_do_not_go_together() {
    ocrclean().args(["clean", "--learn", "--profile", "p.json", "-"]).assert().code(2);
}
