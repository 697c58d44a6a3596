"""Lookups per second of symspellpy, the peer, on the terms our benchmark uses.

The criterion benchmark `benches/correct.rs` times ocrclean's dictionary
lookups; this script times symspellpy's on the very same terms, so that the
two can be compared in one sitting on one machine:

    OCRCLEAN_BENCH_TERMS=/tmp/terms cargo bench --bench correct -- --noplot correct/
    python3 benches/symspellpy_lookups.py /tmp/terms

The index is built from ocrclean's own dictionary (`rules/dictionary.txt`)
with the settings `../shared/tools/peer_clean.py` uses (distance 2, prefix 7).
Two query modes per mix:
- ALL: every dictionary word within the distance, as `SymSpell::lookup`
  returns (on the OCR mix with the distance ocrclean asks for: 1 for tokens
  of at most 4 chars, else 2);
- TOP: the single best word at distance 2, as peer_clean.py asks.
One thread; the median of five passes. Requires `pip install symspellpy`.
"""
import statistics
import sys
import time
from pathlib import Path

from symspellpy import SymSpell, Verbosity

RULES = Path(__file__).resolve().parent.parent / "rules" / "dictionary.txt"
PASSES = 5


def load_index():
    sym = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
    for line in RULES.open(encoding="utf-8-sig"):
        if line.startswith("#") or not line.strip():
            continue
        word, freq = line.split()
        sym.create_dictionary_entry(word, int(freq))
    return sym


def per_second(sym, terms, verbosity, distance=None):
    times = []
    for _ in range(PASSES):
        start = time.perf_counter()
        for term, k in terms:
            sym.lookup(term, verbosity, max_edit_distance=distance or k)
        times.append(time.perf_counter() - start)
    return len(terms) / statistics.median(times)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: symspellpy_lookups.py DIR  (DIR written by OCRCLEAN_BENCH_TERMS=DIR cargo bench --bench correct)")
    terms_dir = Path(sys.argv[1])
    oov = [(t, 2) for t in (terms_dir / "oov.txt").read_text().split()]
    ocr_file = terms_dir / "ocr.tsv"
    ocr = [(t, int(k)) for t, k in (l.split("\t") for l in ocr_file.read_text().splitlines())] if ocr_file.exists() else []
    sym = load_index()
    for name, terms in (("synthetic mix (oov)", oov), ("real OCR tokens (ocr)", ocr)):
        if not terms:
            print(f"{name}: no terms")
            continue
        all_rate = per_second(sym, terms, Verbosity.ALL)
        top_rate = per_second(sym, terms, Verbosity.TOP, distance=2)
        print(f"{name}, {len(terms)} terms: ALL {all_rate:,.0f} lookups/s, TOP {top_rate:,.0f} lookups/s")


if __name__ == "__main__":
    main()
