#!/usr/bin/env python3
"""Fit the corrector's scoring weights on training sets; writes src/pipeline/correct/weights.rs.

    cargo build --release --example correct_features
    python3 tools/fit_correct.py ../shared/corpus/gt/bln600_train ../shared/corpus/synth \
        > src/pipeline/correct/weights.rs

With FIT_START=<weights.rs> the coordinate search starts from those weights
(a feature the file lacks starts at 0) instead of a fresh logistic fit. With
FIT_ONLY=<regex> as well, only the features whose names match are fitted
(the threshold and the other weights stay as in FIT_START): for a new group
of features, e.g. FIT_ONLY='real_word|rw_.*', whose first feature must be the
group's indicator (FIT_ONLY_INIT=0 skips that logistic start: the matched
features then start from FIT_START, 0 when it lacks them).

Each SETDIR has raw/<doc>.txt and gt/<doc>.txt. Use ONLY training sets
(bln600_train, synth); icdar2017_en and overproof are test sets.

Method. `examples/correct_features` lists every correction site of each
document (cleaned with correction off) with all its alternatives and their
features (`src/pipeline/correct/score.rs`). Each alternative is labelled by
what it does to the character error: the document's whitespace chunks are
aligned with the ground truth's (difflib), the aligned ground-truth region of
the site is taken, and `delta` = Levenshtein(region with the alternative, gt)
- Levenshtein(region as is, gt). A logistic regression (L2, Newton steps)
predicts `delta < 0` from the features. Then the decision is simulated as the
corrector makes it (best alternative per site, ambiguity penalty, threshold,
non-overlapping, best score first) and the weights, the threshold and the
ambiguity weight are refined by coordinate search to maximise the summed
relative CER reduction of the sets, counting a harmful edit (delta > 0)
`HARM` times (correction must be conservative). Prints the report on stderr.
Needs numpy; uses rapidfuzz for Levenshtein when installed.
"""
import difflib
import json
import math
import os
import re
import subprocess
import sys

import numpy as np

try:
    from rapidfuzz.distance import Levenshtein as _lev

    def lev(a, b):
        return _lev.distance(a, b)
except ImportError:  # pragma: no cover
    def lev(a, b):
        prev = list(range(len(b) + 1))
        for i, ca in enumerate(a, 1):
            cur = [i]
            for j, cb in enumerate(b, 1):
                cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
            prev = cur
        return prev[-1]

HARM = 2.0          # a harmful edit counts this many times its damage
L2 = 1.0            # ridge penalty of the logistic fit
MAX_REGION = 400    # chars; longer unaligned regions give no label
WS = re.compile(r"\s+")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DUMPER = os.path.join(ROOT, "target", "release", "examples", "correct_features")


def chunks(text):
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]


def label_doc(d, gt_text):
    """Yield (site_key, start, end, [(delta, features)]) for one document."""
    blocks = d["blocks"]
    text = "\n".join(blocks)
    base, off = [], 0
    for b in blocks:
        base.append(off)
        off += len(b) + 1
    ch = chunks(text)
    gch = chunks(gt_text)
    a = [text[s:e] for s, e in ch]
    g = [gt_text[s:e] for s, e in gch]
    owner = [None] * len(a)  # chunk -> opcode
    for op in difflib.SequenceMatcher(None, a, g, autojunk=False).get_opcodes():
        for i in range(op[1], op[2]):
            owner[i] = op
    starts = [s for s, _ in ch]
    import bisect

    for bi, bs, be, alts in d["sites"]:
        btext = blocks[bi].encode("utf-8")
        s = base[bi] + len(btext[:bs].decode("utf-8"))
        e = base[bi] + len(btext[:be].decode("utf-8"))
        ca = max(0, bisect.bisect_right(starts, s) - 1)
        cb = max(ca, bisect.bisect_right(starts, max(s, e - 1)) - 1)
        ops = {owner[i] for i in range(ca, cb + 1)}
        one_to_one = all(op[0] == "equal" or (op[0] == "replace" and op[2] - op[1] == op[4] - op[3]) for op in ops)
        if one_to_one:
            i1, i2 = ca, cb + 1
            js = [owner[i][3] + i - owner[i][1] for i in range(i1, i2)]
            gt_region = " ".join(g[js[0]:js[-1] + 1])
        else:
            i1 = min(op[1] for op in ops)
            i2 = max(op[2] for op in ops)
            j1 = min(op[3] for op in ops)
            j2 = max(op[4] for op in ops)
            gt_region = " ".join(g[j1:j2])
        rs, re_ = ch[i1][0], ch[i2 - 1][1]
        if re_ - rs > MAX_REGION or len(gt_region) > MAX_REGION:
            continue
        old = WS.sub(" ", text[rs:re_])
        d0 = lev(old, gt_region)
        out = []
        for to, f in alts:
            new = WS.sub(" ", text[rs:s] + to + text[e:re_])
            out.append((lev(new, gt_region) - d0, f))
        yield (d["doc"], s, e, out)


def load(setdir):
    raw = os.path.join(setdir, "raw")
    dump = subprocess.run([DUMPER, raw], check=True, capture_output=True, text=True).stdout.splitlines()
    names = json.loads(dump[0])["features"]
    sites, gt_chars, errors = [], 0, 0
    for line in dump[1:]:
        d = json.loads(line)
        gt = open(os.path.join(setdir, "gt", d["doc"] + ".txt"), encoding="utf-8").read()
        gt = WS.sub(" ", gt).strip()
        gt_chars += len(gt)
        errors += lev(WS.sub(" ", "\n".join(d["blocks"])).strip(), gt)
        sites.extend(label_doc(d, gt))
    return names, sites, gt_chars, errors


class Set:
    """Flattened alternatives of one training set."""

    def __init__(self, name, sites, gt_chars, errors):
        self.name, self.gt_chars, self.errors = name, gt_chars, errors
        self.X = np.array([f for _, _, _, alts in sites for _, f in alts], dtype=np.float64)
        self.delta = np.array([dl for _, _, _, alts in sites for dl, _ in alts], dtype=np.float64)
        self.site_of = np.repeat(np.arange(len(sites)), [len(a) for *_, a in sites])
        self.spans = [(doc, s, e) for doc, s, e, _ in sites]


def decide(st, w, b, threshold, ambiguity):
    """Simulate the corrector: returns the summed delta of applied edits,
    the number of helpful and harmful applied edits."""
    z = st.X @ w + b
    n = len(st.spans)
    best = np.full(n, -np.inf)
    arg = np.full(n, -1)
    order = np.lexsort((-z, st.site_of))  # per site, best first
    first = np.ones(len(order), dtype=bool)
    first[1:] = st.site_of[order][1:] != st.site_of[order][:-1]
    idx_best = order[first]
    best[st.site_of[idx_best]] = z[idx_best]
    arg[st.site_of[idx_best]] = idx_best
    second = np.full(n, -np.inf)
    rest = order[~first]
    sec_first = np.ones(len(rest), dtype=bool)
    sec_first[1:] = st.site_of[rest][1:] != st.site_of[rest][:-1]
    second[st.site_of[rest[sec_first]]] = z[rest[sec_first]]
    zz = best - ambiguity * np.maximum(0.0, 1.0 - (best - second))
    score = 1.0 / (1.0 + np.exp(-zz))
    cand = np.nonzero(score >= threshold)[0]
    cand = cand[np.argsort(-score[cand])]
    taken = {}
    total, good, bad = 0.0, 0, 0
    for si in cand:
        doc, s, e = st.spans[si]
        spans = taken.setdefault(doc, [])
        if any(s < te and ts < e for ts, te in spans):
            continue
        spans.append((s, e))
        dl = st.delta[arg[si]]
        total += dl
        good += dl < 0
        bad += dl > 0
    return total, good, bad


def objective(sets, w, b, threshold, ambiguity):
    """Summed relative CER reduction, harmful edits weighted by HARM."""
    v = 0.0
    for st in sets:
        total, _, _ = decide_harm(st, w, b, threshold, ambiguity)
        v += -total / st.errors
    return v


def decide_harm(st, w, b, threshold, ambiguity):
    saved = st.delta
    st.delta = np.where(saved > 0, saved * HARM, saved)
    try:
        return decide(st, w, b, threshold, ambiguity)
    finally:
        st.delta = saved


def fit_logistic(X, y, l2=L2, iters=30):
    n, k = X.shape
    A = np.hstack([X, np.ones((n, 1))])
    beta = np.zeros(k + 1)
    reg = np.full(k + 1, l2)
    reg[-1] = 0.0
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-(A @ beta)))
        grad = A.T @ (p - y) + reg * beta
        H = (A * (p * (1 - p))[:, None]).T @ A + np.diag(reg) + 1e-9 * np.eye(k + 1)
        step = np.linalg.solve(H, grad)
        beta -= step
        if np.abs(step).max() < 1e-6:
            break
    return beta[:-1], beta[-1]


def read_weights(path, names):
    """(params as in main: weights in `names` order then bias, threshold,
    ambiguity) of a weights.rs this tool wrote."""
    src = open(path, encoding="utf-8").read()
    w = {k: float(v) for k, v in re.findall(r"(\w+): (-?[\d.]+),", src)}
    thr = float(re.search(r"THRESHOLD: f32 = ([\d.]+)", src).group(1))
    amb = float(re.search(r"AMBIGUITY: f32 = ([\d.]+)", src).group(1))
    return [w.get(n, 0.0) for n in names] + [w["bias"]], thr, amb


def main():
    sets_dirs = sys.argv[1:]
    if not sets_dirs:
        sys.exit(__doc__)
    sets, names = [], None
    for sd in sets_dirs:
        names, sites, gt_chars, errors = load(sd)
        name = os.path.basename(os.path.normpath(sd))
        st = Set(name, sites, gt_chars, errors)
        sets.append(st)
        print(f"{name}: CER without correction {errors / gt_chars * 100:.2f} %, {len(sites)} sites, "
              f"{len(st.delta)} alternatives, {int((st.delta < 0).sum())} helpful", file=sys.stderr)
    X = np.vstack([s.X for s in sets])
    y = np.concatenate([(s.delta < 0).astype(float) for s in sets])
    w, b = fit_logistic(X, y)
    params = list(w) + [b]
    thr, amb = 0.5, 1.0

    def obj(p, t, a):
        return objective(sets, np.array(p[:-1]), p[-1], t, a)

    def report(tag, p, t, a):
        for st in sets:
            total, good, bad = decide(st, np.array(p[:-1]), p[-1], t, a)
            print(f"  {tag} {st.name}: CER change {total / st.gt_chars * 100:+.3f} pts "
                  f"({total:+.0f} chars), {good} helpful, {bad} harmful edits", file=sys.stderr)

    if os.environ.get("FIT_CHECK"):  # simulate the weights the dump was made with
        cur = json.loads(os.environ["FIT_CHECK"])
        report("current", cur["w"] + [cur["b"]], cur["t"], cur["a"])
    only = [i for i, n in enumerate(names) if re.fullmatch(os.environ.get("FIT_ONLY", ".*"), n)]
    if os.environ.get("FIT_START") and os.environ.get("FIT_ONLY"):
        # refine only the features FIT_ONLY matches (e.g. a new group),
        # keeping the others as in FIT_START; the new group starts from a
        # logistic fit on the alternatives it describes (those where one of
        # its features is non-zero), its first feature taking the intercept
        params, thr, amb = read_weights(os.environ["FIT_START"], names)
        if os.environ.get("FIT_ONLY_INIT", "1") == "1":
            rows = np.any(X[:, only] != 0, axis=1)
            wo, bo = fit_logistic(X[rows][:, only[1:]], y[rows])
            params[only[0]] = bo - params[-1]
            for i, v in zip(only[1:], wo):
                params[i] = v
        best = (obj(params, thr, amb), thr, amb)
        report("start", params, thr, amb)
    elif os.environ.get("FIT_START"):
        # warm start: refine the weights of a weights.rs (a feature it lacks
        # starts at 0), e.g. after adding a feature
        params, thr, amb = read_weights(os.environ["FIT_START"], names)
        best = (obj(params, thr, amb), thr, amb)
        report("start", params, thr, amb)
    else:
        # threshold and ambiguity for the logistic weights
        best = (obj(params, thr, amb), thr, amb)
        for t in np.arange(0.3, 0.96, 0.05):
            for a in (0.0, 0.5, 1.0, 2.0):
                v = obj(params, t, a)
                if v > best[0]:
                    best = (v, t, a)
        _, thr, amb = best
        report("logistic", params, thr, amb)
    # coordinate search on the simulated objective
    cur = best[0]
    steps = [0.5] * len(params)
    searched = only + [len(params) - 1] if os.environ.get("FIT_ONLY") is None else only
    for _round in range(int(os.environ.get("FIT_ROUNDS", 4))):
        for i in searched:
            for sgn in (1, -1):
                while True:
                    trial = list(params)
                    trial[i] += sgn * steps[i]
                    v = obj(trial, thr, amb)
                    if v > cur + 1e-6:
                        params, cur = trial, v
                    else:
                        break
            steps[i] /= 2
        for t in ([] if os.environ.get("FIT_ONLY") else np.arange(max(0.2, thr - 0.1), min(0.97, thr + 0.1), 0.025)):
            for a in (amb * 0.5, amb, amb + 0.5):
                v = obj(params, t, a)
                if v > cur + 1e-6:
                    cur, thr, amb = v, t, a
        print(f"round {_round}: objective {cur:.4f}", file=sys.stderr)
    report("fitted", params, thr, amb)

    print("//! Scorer weights fitted by `tools/fit_correct.py` on "
          + " + ".join(s.name for s in sets) + ".")
    print("//! Regenerate with that tool (see its docstring); do not edit by hand.")
    print("use super::score::Weights;")
    print()
    print("pub const FITTED: Weights = Weights {")
    print(f"    bias: {params[-1]:.4f},")
    for n, v in zip(names, params[:-1]):
        print(f"    {n}: {v:.4f},")
    print("};")
    print(f"pub const THRESHOLD: f32 = {thr:.3f};")
    print(f"pub const AMBIGUITY: f32 = {amb:.3f};")


if __name__ == "__main__":
    main()
