#!/usr/bin/env python3
"""Banner-removal metrics for ocrclean (Python 3.11, stdlib only).

Runs `ocrclean clean DIR -o OUT` on the shared corpus (or reads OUT given with
--out-root) and reports, per corpus:

synth (raw/ with form feeds and raw_noff/ without; ground truth in gt/):
  banner_left_exact  share of ground-truth banner characters still in kept
                     lines. A kept line counts as a leftover when, with case,
                     whitespace and quote style folded,
                       - it contains a whole banner string of 6+ characters
                         (a banner glued to body text), or
                       - it is a piece of a banner string (a head printed
                         left/right comes out as two OCR lines; a page
                         number "- 3 -" must equal the whole line),
                     and it is not itself a line of the printed body
                     (`page_lines` kind body: "C" as a section letter).
  banner_left_fuzzy  as above, plus kept lines of 10+ characters whose
                     difflib ratio to a banner string is >= 0.85 (garbled
                     copies an exact match cannot see).
  body_recall        bag-of-words recall of gt/<doc>.txt words in the kept
                     text (OCR errors lose words before ocrclean runs).
  unremoved_recall   the same for blocks plus every removed piece: what
                     the output would hold if nothing were removed.
  body_recall_rel    body_recall / unremoved_recall: the share of the
                     recoverable body words that removal kept (goal 99.7 %).
crest:
  approved_left, rdp_left, x25_left  occurrences of `Approved For R…` lines,
                     `RDP` ids and `25X…` marks in kept text / in raw input.
  id_ok              documents whose metadata doc_id equals the file name.
  date_ok            documents whose release_date equals the most frequent
                     well-formed `Release YYYY/MM/DD` in the raw file.
seed:
  markings left (Secret, 25X1, Page Denied lines), how often the title is
  kept, and word recall of the raw text outside marking lines.

Kept lines are rebuilt from the block records' byte spans (`source`), so the
check is line-level: the joined paragraph text cannot hide a page number.

Usage:
  scripts/banner_metrics.py [--bin target/release/ocrclean] [--corpus DIR]
                            [--out-root DIR] [--no-run] [--json] [--show] [--profile]
"""
import argparse
import difflib
import json
import re
import subprocess
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

SHOW = False
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2014": "-", "\u2013": "-"})


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).translate(QUOTES).lower()
    return "".join(s.split())


def words(s: str) -> Counter:
    s = unicodedata.normalize("NFKC", s).translate(QUOTES).lower()
    return Counter(re.findall(r"[a-z0-9]+(?:'[a-z]+)?", s))


def recall(gt: Counter, got: Counter) -> tuple[int, int]:
    return sum(min(n, got[w]) for w, n in gt.items()), sum(gt.values())


PROFILE = False


def run(binary: str, src: Path, out: Path) -> None:
    """Cleans src into out; with --profile, learns a profile over src first."""
    out.mkdir(parents=True, exist_ok=True)
    extra = []
    if PROFILE:
        profile = out / "profile.json"
        subprocess.run([binary, "learn", str(src), "-o", str(profile), "-q", "--glob", "*.txt"], check=True)
        extra = ["--profile", str(profile)]
    subprocess.run([binary, "clean", str(src), "-o", str(out), "-q", "--glob", "*.txt", *extra], check=True)


def read_output(path: Path, raw: bytes):
    """(kept lines as text, block texts, document record) of one .jsonl."""
    lines = defaultdict(list)
    blocks, doc, removed = [], {}, []
    with open(path, encoding="utf-8") as f:
        for rec in map(json.loads, f):
            kind = rec.get("kind")
            if kind == "document":
                doc = rec
            elif kind == "removed":
                removed.append(rec.get("text", ""))
            elif kind not in ("removed", "page_event"):
                blocks.append(rec.get("text", ""))
                for span in rec.get("source", []):
                    lines[span["line"]].append(raw[span["start"] : span["end"]].decode("utf-8", "replace"))
    kept = [" ".join(parts) for _, parts in sorted(lines.items())]
    return kept, blocks, doc, removed


def synth(corpus: Path, out_root: Path, variant: str, do_run: bool, binary: str) -> dict:
    src = corpus / "synth" / variant
    out = out_root / f"synth_{variant}"
    if do_run:
        run(binary, src, out)
    total = left_exact = left_fuzzy = 0
    hit_b = all_b = hit_r = 0
    per_doc = {}
    for raw_path in sorted(src.glob("*.txt")):
        doc = raw_path.stem
        gt = json.loads((corpus / "synth" / "gt" / f"{doc}.json").read_text())
        raw = raw_path.read_bytes()
        kept, blocks, _, removed = read_output(out / f"{doc}.jsonl", raw)
        banners = [fold(b) for page in gt["banners"] for b in page if fold(b)]
        distinct = sorted(set(banners), key=len, reverse=True)
        body_lines = {fold(l["text"]) for page in gt["page_lines"] for l in page if l["kind"] == "body"}
        doc_total = sum(map(len, banners))
        doc_exact = doc_fuzzy = 0
        for line in kept:
            f = fold(line)
            if not f or f in body_lines:
                continue
            whole = next((b for b in distinct if len(b) >= 6 and b in f), None)
            if whole:
                n = len(whole)
            elif any(f == b or (len(f) >= 4 and len(b) >= 6 and f in b) for b in distinct):
                n = len(f)
            else:
                n = 0
            doc_exact += n
            if n == 0 and len(f) >= 10:
                if any(difflib.SequenceMatcher(None, f, b).ratio() >= 0.85 for b in distinct if len(b) >= 10):
                    n = len(f)
            doc_fuzzy += n
            if n and SHOW:
                print(f"  left {variant}/{doc}: {line!r}", file=sys.stderr)
        doc_exact, doc_fuzzy = min(doc_exact, doc_total), min(doc_fuzzy, doc_total)
        gt_words = words((corpus / "synth" / "gt" / f"{doc}.txt").read_text())
        h, a = recall(gt_words, words(" ".join(blocks)))
        hr, _ = recall(gt_words, words(" ".join(blocks + removed)))
        per_doc[doc] = {"banner_left_exact": doc_exact / max(doc_total, 1), "body_recall": h / max(a, 1)}
        total += doc_total
        left_exact += doc_exact
        left_fuzzy += doc_fuzzy
        hit_b, all_b, hit_r = hit_b + h, all_b + a, hit_r + hr
    worst = sorted(per_doc.items(), key=lambda kv: -kv[1]["banner_left_exact"])[:3]
    return {
        "banner_left_exact": left_exact / max(total, 1),
        "banner_left_fuzzy": left_fuzzy / max(total, 1),
        "body_recall": hit_b / max(all_b, 1),
        "unremoved_recall": hit_r / max(all_b, 1),
        "body_recall_rel": hit_b / max(hit_r, 1),
        "worst_docs": {d: round(v["banner_left_exact"], 4) for d, v in worst},
    }


APPROVED = re.compile(r"(?i)\bap\S{0,4}ov\S{0,8}\s*f\S{0,2}r?\s*r")
RDP = re.compile(r"(?i)RDP\s?\d")
X25 = re.compile(r"(?i)\b25\s?X\s?[0-9lI]")
DATE = re.compile(r"(?i)release\s+((?:19|20)\d\d/[01]\d/[0-3]\d)")


def crest(corpus: Path, out_root: Path, do_run: bool, binary: str) -> dict:
    src = corpus / "crest"
    out = out_root / "crest"
    if do_run:
        run(binary, src, out)
    counts = Counter()
    id_ok = date_ok = n = 0
    misses = []
    for raw_path in sorted(src.glob("*.txt")):
        raw = raw_path.read_bytes()
        text = raw.decode("utf-8", "replace")
        kept, _, doc, _ = read_output(out / f"{raw_path.stem}.jsonl", raw)
        kept_text = "\n".join(kept)
        for name, rx in (("approved", APPROVED), ("rdp", RDP), ("x25", X25)):
            counts[name + "_raw"] += len(rx.findall(text))
            counts[name + "_kept"] += len(rx.findall(kept_text))
        meta = doc.get("metadata", {})
        n += 1
        if meta.get("doc_id") == raw_path.stem:
            id_ok += 1
        else:
            misses.append(f"{raw_path.stem} -> {meta.get('doc_id')}")
        dates = Counter(DATE.findall(text))
        if dates and meta.get("release_date") == dates.most_common(1)[0][0]:
            date_ok += 1
    return {
        "approved_left": counts["approved_kept"] / max(counts["approved_raw"], 1),
        "rdp_left": counts["rdp_kept"] / max(counts["rdp_raw"], 1),
        "x25_left": counts["x25_kept"] / max(counts["x25_raw"], 1),
        "id_ok": id_ok / max(n, 1),
        "date_ok": date_ok / max(n, 1),
        "id_misses": misses,
    }


MARKING_LINE = re.compile(r"(?i)^\W*(secret|25X\d\w?|page denied|copy|\d{1,4})\W*$")


def seed(corpus: Path, out_root: Path, do_run: bool, binary: str) -> dict:
    src = corpus / "seed"
    out = out_root / "seed"
    if do_run:
        run(binary, src, out)
    result = {}
    for raw_path in sorted(src.glob("*.txt")):
        raw = raw_path.read_bytes()
        text = raw.decode("utf-8", "replace")
        kept, blocks, _, removed = read_output(out / f"{raw_path.stem}.jsonl", raw)
        left = [l for l in kept if MARKING_LINE.match(l.replace("*", "").strip())]
        body = " ".join(l for l in text.splitlines() if not MARKING_LINE.match(l.replace("*", "").strip()))
        h, a = recall(words(body), words(" ".join(blocks)))
        title = sum(1 for b in blocks if "peace offensive" in b.lower() and len(b) < 60)
        result[raw_path.stem] = {"markings_left": left, "title_blocks": title, "word_recall": h / max(a, 1)}
    return result


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--bin", default="target/release/ocrclean")
    p.add_argument("--corpus", default=str(Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"))
    p.add_argument("--out-root", default="target/banner_metrics")
    p.add_argument("--no-run", action="store_true", help="read existing output in --out-root")
    p.add_argument("--json", action="store_true")
    p.add_argument("--show", action="store_true", help="print leftover banner lines to stderr")
    p.add_argument("--profile", action="store_true", help="`ocrclean learn` each corpus folder first and clean with --profile")
    a = p.parse_args()
    global SHOW, PROFILE
    SHOW, PROFILE = a.show, a.profile
    corpus, out_root, do_run = Path(a.corpus), Path(a.out_root), not a.no_run
    if not corpus.is_dir():
        print(f"banner_metrics: corpus not found at {corpus}", file=sys.stderr)
        return 2
    report = {
        "synth_raw": synth(corpus, out_root, "raw", do_run, a.bin),
        "synth_raw_noff": synth(corpus, out_root, "raw_noff", do_run, a.bin),
        "crest": crest(corpus, out_root, do_run, a.bin),
        "seed": seed(corpus, out_root, do_run, a.bin),
    }
    if a.json:
        print(json.dumps(report, indent=1))
        return 0
    for name, r in report.items():
        print(f"== {name}")
        for k, v in r.items():
            print(f"  {k:18} {v:.4f}" if isinstance(v, float) else f"  {k:18} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
