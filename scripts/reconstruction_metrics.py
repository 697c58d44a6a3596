#!/usr/bin/env python3
"""Reconstruction metrics: dehyphenation and paragraph rebuilding (issue 4).

Usage: python3 scripts/reconstruction_metrics.py [--corpus DIR] [--bin PATH] [--out DIR] [--json FILE] [-v]

Runs `ocrclean clean DIR -o OUT --format text --no-correct` over
  CORPUS/synth/raw             (ocrsynth documents, exact ground truth)
  CORPUS/gt/overproof/raw      (newspaper OCR, hand-corrected ground truth)
and prints:

synth, per-break hyphen metrics. gt/<doc>.json `page_lines` lists every printed
line; a body line ending in a hyphen is either a hyphenation break
(`soft_hyphen: true`, ground truth has the joined word) or a real compound broken
at its hyphen (ground truth keeps `head-tail`). The ground-truth token stream is
rebuilt from the body lines (headers, footers, footnotes, markers skipped, so a
break may continue on the next page) and aligned to the output's tokens
(difflib on tokens). Each break is then:
  exact     the ground-truth token appears aligned, unchanged
  right     the output has the right form (joined / hyphenated) but OCR changed
            a letter or punctuation nearby
  wrong     the output has the wrong form (hyphen kept, compound joined, or the
            two halves left apart)
  unread    neither form is recognisable (OCR damage, dropped line): excluded
Restoration rate = (exact + right) / (exact + right + wrong).
Plain breaks (a line ending between two words) are checked the other way:
a false join is an output token that is the two words glued together.

CER: edit distance / ground-truth length on whitespace-folded text, the
output's against gt/<doc>.txt, weighted by ground-truth length; for synth
beside eval_cer.py's "dehyph" (ideal structure) column when the ocrsynth tool
is found, for overproof beside the raw OCR's CER. The synth ground truth omits footnotes, so the
synth CER is also given with the output's footnote blocks left out (a second
run with --format jsonl).

Python 3.11 standard library only.
"""
import argparse
import difflib
import importlib.util
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def levenshtein(a, b):
    """Hyyrö's bit-parallel edit distance on Python ints (exact)."""
    if len(a) < len(b):
        a, b = b, a
    if not b:
        return len(a)
    m = len(b)
    peq = {}
    for i, c in enumerate(b):
        peq[c] = peq.get(c, 0) | (1 << i)
    full = (1 << m) - 1
    top = 1 << (m - 1)
    pv, mv, score = full, 0, m
    for c in a:
        eq = peq.get(c, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & full)
        mh = pv & xh
        if ph & top:
            score += 1
        elif mh & top:
            score -= 1
        ph = ((ph << 1) | 1) & full
        mh = (mh << 1) & full
        pv = mh | (~(xv | ph) & full)
        mv = ph & xv
    return score


def fold(s):
    return re.sub(r"\s+", " ", s.replace("\f", " ")).strip()


QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-"})


def tok(t):
    return t.translate(QUOTES)


def letters(t):
    return re.sub(r"[^a-z0-9]", "", t.lower())


def run_clean(binary, src, out, fmt="text"):
    os.makedirs(out, exist_ok=True)
    cmd = [binary, "clean", src, "-o", out, "--format", fmt, "--no-correct", "-q"]
    subprocess.run(cmd, check=False)
    return " ".join(cmd)


def gt_stream(meta):
    """Ground-truth tokens from the printed body lines, and the breaks:
    (token index, kind 'soft'|'compound'|'plain', head, tail). A plain break
    is a line end between two words; its index is the line's last token."""
    tokens, breaks = [], []
    last_plain = None  # (index of the line's last token, that token)
    carry = None  # (head text with or without hyphen, kind)
    for page in meta["page_lines"]:
        for line in page:
            if line["kind"] != "body":
                continue
            words = line["text"].split()
            if not words:
                continue
            if last_plain is not None:
                breaks.append((last_plain[0], "plain", last_plain[1], tok(words[0])))
                last_plain = None
            if carry is not None:
                head, kind = carry
                breaks.append((len(tokens), kind, head, words[0]))
                words[0] = head + words[0]
                carry = None
            last = words[-1]
            if len(last) > 1 and last.endswith("-") and last[-2].isalpha():
                kind = "soft" if line.get("soft_hyphen") else "compound"
                head = last[:-1] if kind == "soft" else last
                carry = (head, kind)
                words = words[:-1]
            tokens.extend(tok(w) for w in words)
            if carry is None and words:
                last_plain = (len(tokens) - 1, tokens[-1])
    return tokens, breaks


def classify(kind, head, tail, gt_token, out_chunk):
    """How a break came out, given the output tokens aligned around it."""
    h = letters(head)
    t = re.match(r"[A-Za-z]*", tail).group(0).lower()
    if not h or not t:
        return "unread"
    joined_ok = hyph_ok = split = False
    for n, o in enumerate(out_chunk):
        core = o.strip(".,;:!?\"'()[]")
        if letters(core).startswith(h + t) or letters(core).endswith(h + t) or letters(core) == h + t:
            if "-" in core and re.search(re.escape(h[-1:]) + r"-+" + re.escape(t[:1]), core.lower()):
                hyph_ok = True
            elif "-" not in core:
                joined_ok = True
        if n + 1 < len(out_chunk) and letters(o).endswith(h) and letters(out_chunk[n + 1]).startswith(t):
            split = True
    if kind == "soft":
        if joined_ok:
            return "right"
        return "wrong" if (hyph_ok or split) else "unread"
    if hyph_ok:
        return "right"
    return "wrong" if (joined_ok or split) else "unread"


def hyphen_metrics(meta, out_text, verbose, doc):
    gt_tokens, breaks = gt_stream(meta)
    out_tokens = [tok(t) for t in out_text.split()]
    sm = difflib.SequenceMatcher(None, gt_tokens, out_tokens, autojunk=False)
    where = {}
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        for i in range(i1, i2):
            where[i] = (op, i1, i2, j1, j2)
    counts = {k: {"exact": 0, "right": 0, "wrong": 0, "unread": 0} for k in ("soft", "compound")}
    counts["plain"] = {"breaks": 0, "joined": 0}
    for idx, kind, head, tail in breaks:
        if kind == "plain":
            h, t = letters(head), letters(tail)
            if not h or not t or idx + 1 not in where:
                continue
            counts["plain"]["breaks"] += 1
            op, i1, i2, j1, j2 = where[idx]
            if op != "equal" or where[idx + 1][0] != "equal":
                lo, hi = max(j1 - 1, 0), min(max(j2, where[idx + 1][4]) + 1, len(out_tokens))
                if any(letters(o) == h + t for o in out_tokens[lo:hi]):
                    counts["plain"]["joined"] += 1
                    if verbose:
                        print(f"  {doc}: plain break joined {head}|{tail} -> {' '.join(out_tokens[lo:hi])[:80]}", file=sys.stderr)
            continue
        op, i1, i2, j1, j2 = where[idx]
        if op == "equal":
            res = "exact"
        else:
            lo, hi = max(j1 - 1, 0), min(j2 + 1, len(out_tokens))
            res = classify(kind, head, tail, gt_tokens[idx], out_tokens[lo:hi])
        counts[kind][res] += 1
        if verbose and res == "wrong":
            lo, hi = max(j1 - 1, 0), min(j2 + 1, len(out_tokens))
            print(f"  {doc}: {kind} {head}|{tail} -> {' '.join(out_tokens[lo:hi])[:80]}", file=sys.stderr)
    return counts


def rate(c):
    good = c["exact"] + c["right"]
    den = good + c["wrong"]
    return good / den if den else float("nan")


def load_eval_cer(path):
    f = os.path.join(path, "eval_cer.py")
    if not os.path.exists(f):
        return None
    spec = importlib.util.spec_from_file_location("eval_cer", f)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=os.path.join(REPO, "..", "shared", "corpus"))
    ap.add_argument("--ocrsynth", default=os.path.join(REPO, "..", "shared", "tools", "ocrsynth"))
    ap.add_argument("--bin", default=os.path.join(REPO, "target", "release", "ocrclean"))
    ap.add_argument("--out", default="/tmp/ocrclean_reconstruction")
    ap.add_argument("--json")
    ap.add_argument("-v", "--verbose", action="store_true", help="list wrong breaks on stderr")
    args = ap.parse_args()
    result = {}

    synth = os.path.join(args.corpus, "synth")
    if os.path.isdir(synth):
        out = os.path.join(args.out, "synth")
        print("$", run_clean(args.bin, os.path.join(synth, "raw"), out))
        ev = load_eval_cer(args.ocrsynth)
        tot = {k: {"exact": 0, "right": 0, "wrong": 0, "unread": 0} for k in ("soft", "compound")}
        tot["plain"] = {"breaks": 0, "joined": 0}
        num = den = ideal_num = 0
        print(f"{'doc':20} {'soft ok/n':>10} {'cmpd ok/n':>10} {'CER':>7} {'ideal':>7}")
        for fn in sorted(os.listdir(os.path.join(synth, "gt"))):
            if not fn.endswith(".json"):
                continue
            doc = fn[:-5]
            meta = json.load(open(os.path.join(synth, "gt", fn), encoding="utf-8"))
            gt = fold(open(os.path.join(synth, "gt", doc + ".txt"), encoding="utf-8").read())
            out_path = os.path.join(out, doc + ".txt")
            text = open(out_path, encoding="utf-8").read() if os.path.exists(out_path) else ""
            c = hyphen_metrics(meta, text, args.verbose, doc)
            for k in c:
                for r in c[k]:
                    tot[k][r] += c[k][r]
            d = levenshtein(fold(text), gt)
            num += d
            den += len(gt)
            ideal = float("nan")
            if ev is not None:
                raw = open(os.path.join(synth, "raw", doc + ".txt"), encoding="utf-8").read()
                gt_words = set(w.lower() for w in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", gt))
                dh = ev.dehyphenate(ev.drop_banners(raw, meta), gt_words)
                di = levenshtein(ev.norm(dh), gt)
                ideal_num += di
                ideal = di / len(gt)
            s, cp = c["soft"], c["compound"]
            print(f"{doc:20} {s['exact'] + s['right']:>4}/{s['exact'] + s['right'] + s['wrong']:<5} "
                  f"{cp['exact'] + cp['right']:>4}/{cp['exact'] + cp['right'] + cp['wrong']:<5} "
                  f"{d / len(gt):7.2%} {ideal:7.2%}")
        s, cp = tot["soft"], tot["compound"]
        print(f"synth soft-hyphen words restored: {rate(s):.2%}  ({s})")
        print(f"synth compounds keep hyphen:      {rate(cp):.2%}  ({cp})")
        pl = tot["plain"]
        print(f"synth plain breaks joined (false joins): {pl['joined']} of {pl['breaks']}")
        print(f"synth CER {num / den:.2%}  ideal-structure (eval_cer dehyph) {ideal_num / den:.2%}")
        # The ground truth leaves footnotes out; a cleaner keeps them as blocks.
        jout = os.path.join(args.out, "synth_jsonl")
        print("$", run_clean(args.bin, os.path.join(synth, "raw"), jout, "jsonl"))
        nf_num = notes = 0
        for fn in sorted(os.listdir(os.path.join(synth, "gt"))):
            if not fn.endswith(".txt"):
                continue
            gt = fold(open(os.path.join(synth, "gt", fn), encoding="utf-8").read())
            p = os.path.join(jout, fn[:-4] + ".jsonl")
            recs = [json.loads(l) for l in open(p, encoding="utf-8")] if os.path.exists(p) else []
            body = [r["text"] for r in recs if r["kind"] not in ("document", "removed", "page_event", "footnote")]
            notes += sum(r["kind"] == "footnote" for r in recs)
            nf_num += levenshtein(fold(" ".join(body)), gt)
        print(f"synth CER without the {notes} footnote blocks {nf_num / den:.2%} (the ground truth omits footnotes)")
        result["synth"] = {"soft": s, "compound": cp, "plain": tot["plain"], "soft_rate": rate(s), "compound_rate": rate(cp),
                           "cer": num / den, "cer_ideal": ideal_num / den if ev else None}

    op = os.path.join(args.corpus, "gt", "overproof")
    if os.path.isdir(op):
        out = os.path.join(args.out, "overproof")
        print("$", run_clean(args.bin, os.path.join(op, "raw"), out))
        num = raw_num = den = 0
        for fn in sorted(os.listdir(os.path.join(op, "gt"))):
            if not fn.endswith(".txt"):
                continue
            gt = fold(open(os.path.join(op, "gt", fn), encoding="utf-8").read())
            raw = fold(open(os.path.join(op, "raw", fn), encoding="utf-8").read())
            p = os.path.join(out, fn)
            text = fold(open(p, encoding="utf-8").read()) if os.path.exists(p) else ""
            num += levenshtein(text, gt)
            raw_num += levenshtein(raw, gt)
            den += len(gt)
        print(f"overproof CER {num / den:.2%}  (raw OCR {raw_num / den:.2%})")
        result["overproof"] = {"cer": num / den, "cer_raw": raw_num / den}

    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
