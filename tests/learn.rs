//! `ocrclean learn` and `clean --profile` as a user meets them.

use assert_cmd::Command;
use std::fs;

fn ocrclean() -> Command {
    Command::cargo_bin("ocrclean").unwrap()
}

const WORDS: [&str; 16] = [
    "alder", "birch", "cedar", "elm", "fir", "hazel", "holly", "juniper", "larch", "linden", "maple", "oak", "olive",
    "pine", "poplar", "rowan",
];

/// A body line no other line repeats.
fn line(n: usize) -> String {
    let words: Vec<&str> = (0..6).map(|k| WORDS[(n / (k + 1) * (7 + k) + k * n) % 16]).collect();
    format!("{} {n}.", words.join(" "))
}

/// A book extract: even pages carry `N THE BOOK OF FLOODS`, the first page a title.
fn extract(doc: usize, pages: usize) -> String {
    let mut out = String::from("THE BOOK OF FLOODS\n");
    for p in 0..pages {
        let folio = doc * 20 + p + 1;
        if p % 2 == 1 {
            out += &format!("{folio} THE BOOK OF FLOODS\n");
        }
        for l in 0..10 {
            out += &line((doc * 20 + p) * 10 + l);
            out += "\n";
        }
        out += "\x0c";
    }
    out
}

#[test]
fn learn_writes_a_readable_profile_and_clean_applies_it() {
    let dir = tempfile::tempdir().unwrap();
    let batch = dir.path().join("batch");
    fs::create_dir(&batch).unwrap();
    for d in 0..5 {
        fs::write(batch.join(format!("doc{d}.txt")), extract(d, 4)).unwrap();
    }
    let profile = dir.path().join("profile.json");
    ocrclean().args(["learn", "-q"]).arg(&batch).arg("-o").arg(&profile).assert().success();
    let json: serde_json::Value = serde_json::from_str(&fs::read_to_string(&profile).unwrap()).unwrap();
    assert_eq!(json["documents"], 5);
    let banners = json["banners"].as_array().unwrap();
    assert_eq!(banners.len(), 1, "{json}");
    assert_eq!(banners[0]["shape"], "# the book of floods");
    assert_eq!(banners[0]["position"], "top");
    assert_eq!(banners[0]["documents"], 5);
    assert!(banners[0]["examples"][0].as_str().unwrap().ends_with("THE BOOK OF FLOODS"));

    // A two-page extract shows the head once: repetition alone keeps it, the profile removes it.
    let short = format!("THE BOOK OF FLOODS\n{}\n\x0c99 THE BOOK OF FLOODS\n{}\n", line(9001), line(9002));
    let without = ocrclean().args(["clean", "--format", "text", "--no-correct", "-"]).write_stdin(short.clone()).assert().success();
    assert!(String::from_utf8_lossy(&without.get_output().stdout).contains("99 THE BOOK"));
    let out = ocrclean()
        .args(["clean", "--no-correct", "--profile"])
        .arg(&profile)
        .arg("-")
        .write_stdin(short)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let records: Vec<serde_json::Value> = String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let removed: Vec<(&str, &str)> = records
        .iter()
        .filter(|r| r["kind"] == "removed")
        .map(|r| (r["reason"].as_str().unwrap(), r["text"].as_str().unwrap()))
        .collect();
    assert_eq!(removed, [("running_header", "99 THE BOOK OF FLOODS")]);
    // The title opening the document stays.
    assert!(records.iter().any(|r| r["kind"] != "removed" && r["text"].as_str().is_some_and(|t| t.starts_with("THE BOOK OF FLOODS"))));
}

#[test]
fn an_edited_profile_is_used_and_a_broken_one_named() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("p.json");
    fs::write(&profile, r#"{"banners":[{"shape":"quarterly review of rivers","position":"top"}]}"#).unwrap();
    // Mid-document (a dump without page markers): long learned shapes match anywhere.
    let body = |r: std::ops::Range<usize>| r.map(line).collect::<Vec<_>>().join("\n");
    let text = format!("{}\nQUARTERLY REVIEW OF RIVERS\n{}\n", body(1..5), body(5..9));
    let out = ocrclean()
        .args(["clean", "--format", "text", "--no-correct", "--profile"])
        .arg(&profile)
        .write_stdin(text)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(!String::from_utf8_lossy(&out).contains("QUARTERLY"));

    fs::write(&profile, "{ not json").unwrap();
    ocrclean()
        .args(["clean", "--profile"])
        .arg(&profile)
        .write_stdin("text\n")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("p.json"));
}
