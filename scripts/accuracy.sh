#!/usr/bin/env bash
# Accuracy over every ground-truth set in ../shared/corpus: raw vs cleaned
# CER/WER, bag-of-words recall and banner leakage, one row per set.
#
#   scripts/accuracy.sh [extra ocrclean eval options, e.g. --no-correct]
#
# Builds the release binary first. Needs python3 (standard library) for the table.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/corpus
[ -d "$corpus" ] || { echo "accuracy.sh: $corpus not found" >&2; exit 2; }
cargo build --release --quiet
bin=target/release/ocrclean
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# rfc2616 against its hand-depaginated copy, under one name.
mkdir -p "$tmp/rfc/raw" "$tmp/rfc/gt"
ln -s "$PWD/$corpus/rfc/rfc2616.txt" "$tmp/rfc/raw/rfc2616.txt"
ln -s "$PWD/$corpus/rfc/rfc2616_depaginated_from_kjgrahn_allergy.txt" "$tmp/rfc/gt/rfc2616.txt"

run() { # name gtdir rawdir
  "$bin" eval --json --gt "$2" --raw "$3" "${@:4}" > "$tmp/$1.json" 2>/dev/null
  echo "$1 $tmp/$1.json"
}
{
  run synth "$corpus/synth/gt" "$corpus/synth/raw" "$@"
  run synth_noff "$corpus/synth/gt" "$corpus/synth/raw_noff" "$@"
  run icdar2017_en "$corpus/gt/icdar2017_en/gt" "$corpus/gt/icdar2017_en/raw" "$@"
  run overproof "$corpus/gt/overproof/gt" "$corpus/gt/overproof/raw" "$@"
  run bln600_train "$corpus/gt/bln600_train/gt" "$corpus/gt/bln600_train/raw" "$@"
  run rfc2616 "$tmp/rfc/gt" "$tmp/rfc/raw" "$@"
} > "$tmp/list"

python3 - "$tmp/list" <<'PY'
import json, sys
rows = [l.split() for l in open(sys.argv[1])]
print(f"{'set':14} {'docs':>5} {'CER raw':>8} {'CER':>8} {'rel.imp':>8} {'WER raw':>8} {'WER':>8} {'BoW R':>7} {'banners left':>13}")
for name, path in rows:
    r = json.load(open(path))
    raw, clean = r["total_raw"], r["total_clean"]
    imp = r["relative_improvement"]
    ban = r["banners_left_share"]
    print(f"{name:14} {len(r['docs']):5d} {raw['cer']*100:7.2f}% {clean['cer']*100:7.2f}% "
          f"{'-' if imp is None else f'{imp*100:6.1f}%':>8} {raw['wer']*100:7.2f}% {clean['wer']*100:7.2f}% "
          f"{clean['bow_recall']:7.4f} {'-' if ban is None else f'{ban*100:.2f}%':>13}")
PY
