//! Self-contained HTML error report (inline CSS and a few lines of inline
//! JS, no external resources).
//!
//! Layout: a summary table of the [`Scores`], a colour legend, then the
//! ground truth and the output side by side, one table row per GT line (long
//! lines are cut every [`ROW_WORDS`] words). The alignment shown is a
//! word-level alignment of the NFC-normalised texts (whitespace folded into
//! word boundaries) for readability; inside substituted words the differing
//! graphemes are emphasised by a grapheme alignment of the word pair. Output
//! words are grouped into spans per output block; each span's tooltip gives
//! the block's kind, page, input lines and edit count, and links to the
//! block's row in the "Output blocks" provenance table at the end.

use std::fmt::Write;

use unicode_normalization::UnicodeNormalization;

use super::distance::{align_graphemes, align_tokens, Op};
use super::input::BlockInfo;
use super::metrics::Scores;

/// Longest row (in GT words) before the aligned view cuts a row.
pub const ROW_WORDS: usize = 60;

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// "3–5, 9" style compression of sorted-unique line numbers.
fn line_ranges(lines: &[u32]) -> String {
    let mut v = lines.to_vec();
    v.sort_unstable();
    v.dedup();
    let mut parts = Vec::new();
    let mut i = 0;
    while i < v.len() {
        let mut j = i;
        while j + 1 < v.len() && v[j + 1] == v[j] + 1 {
            j += 1;
        }
        parts.push(if i == j { v[i].to_string() } else { format!("{}\u{2013}{}", v[i], v[j]) });
        i = j + 1;
    }
    parts.join(", ")
}

fn block_title(i: usize, b: &BlockInfo) -> String {
    let mut t = format!("block {} \u{b7} {}", i + 1, if b.kind.is_empty() { "?" } else { &b.kind });
    if let Some(p) = b.page {
        let _ = write!(t, " \u{b7} page {p}");
    }
    if !b.source_lines.is_empty() {
        let _ = write!(t, " \u{b7} input lines {}", line_ranges(&b.source_lines));
    }
    let _ = write!(t, " \u{b7} {} edit{}", b.edits.len(), if b.edits.len() == 1 { "" } else { "s" });
    t
}

#[derive(Default)]
struct Row {
    left: String,
    right: String,
    open_block: Option<usize>,
    errors: usize,
    gt_line: usize,
    /// Row continues a GT line cut at ROW_WORDS words.
    cont: bool,
}

impl Row {
    fn sep(s: &mut String) {
        if !s.is_empty() {
            s.push(' ');
        }
    }
    fn left_word(&mut self, html: &str) {
        Self::sep(&mut self.left);
        self.left.push_str(html);
    }
    fn right_word(&mut self, html: &str, block: Option<usize>, titles: &[String], first_of_block: bool) {
        if block != self.open_block {
            self.close_block();
            Self::sep(&mut self.right);
            if let Some(b) = block {
                let _ = write!(
                    self.right,
                    "<a class=\"blk p{}\" data-b=\"{b}\" href=\"#blk{b}\" title=\"{}\">",
                    b % 2,
                    escape(&titles[b])
                );
                if first_of_block {
                    let _ = write!(self.right, "<sup class=\"bn\">{}</sup>", b + 1);
                }
            }
            self.open_block = block;
        } else {
            Self::sep(&mut self.right);
        }
        self.right.push_str(html);
    }
    fn close_block(&mut self) {
        if self.open_block.take().is_some() {
            self.right.push_str("</a>");
        }
    }
}

/// Char-level emphasis inside a substituted word pair.
fn word_diff(g: &str, p: &str) -> (String, String) {
    let (ga, pa, runs) = align_graphemes(g, p);
    let (mut l, mut r) = (String::new(), String::new());
    for run in runs {
        let a: String = ga[run.a_start..run.a_start + run.a_len].concat();
        let b: String = pa[run.b_start..run.b_start + run.b_len].concat();
        match run.op {
            Op::Equal => {
                l.push_str(&escape(&a));
                r.push_str(&escape(&b));
            }
            _ => {
                if !a.is_empty() {
                    let _ = write!(l, "<b>{}</b>", escape(&a));
                }
                if !b.is_empty() {
                    let _ = write!(r, "<b>{}</b>", escape(&b));
                }
            }
        }
    }
    (l, r)
}

const CSS: &str = r#"
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1.2em 2em;color:#222;background:#fff}
h1{font-size:1.4em;margin:.2em 0 .6em} h2{font-size:1.15em;margin:1.4em 0 .5em}
table.sum{border-collapse:collapse;margin-bottom:.8em}
table.sum td,table.sum th{border:1px solid #ccc;padding:3px 10px;text-align:right}
table.sum th{background:#f3f3f3;text-align:left}
.legend span.k{display:inline-block;padding:1px 8px;margin-right:10px;border-radius:3px}
.sub{background:#ffe08a} .sub b{background:#f0a020;color:#000;font-weight:700}
.ins{background:#ffc4c4;text-decoration:underline wavy #c00}
.del{background:#b6dcff;text-decoration:line-through #06c}
table.al{border-collapse:collapse;width:100%;table-layout:fixed;font-family:ui-monospace,"DejaVu Sans Mono",Menlo,monospace;font-size:13px;line-height:1.5}
table.al col.n{width:3.2em}
table.al th{position:sticky;top:0;background:#eee;text-align:left;padding:4px 6px;border-bottom:2px solid #bbb;z-index:1}
table.al td{vertical-align:top;padding:3px 6px;border-bottom:1px solid #eee;white-space:pre-wrap;overflow-wrap:anywhere}
table.al td.n{color:#999;text-align:right;font-size:11px}
table.al tr.err td.n{color:#c00;font-weight:700}
a.blk{color:inherit;text-decoration:none;border-bottom:2px solid #c8d4e8}
a.blk.p1{border-bottom-color:#e2c8e8}
sup.bn{font-size:9px;color:#fff;background:#7a8aa8;border-radius:3px;padding:0 3px;margin-right:2px;font-family:system-ui,sans-serif}
a.blk.p1 sup.bn{background:#a07aa8}
a.blk:hover,a.blk.hl{background:#eef3ff;outline:1px solid #9ab}
body.only tr.ok{display:none}
table.blocks{border-collapse:collapse;font-size:13px;width:100%}
table.blocks td,table.blocks th{border:1px solid #ddd;padding:3px 6px;vertical-align:top;text-align:left}
table.blocks tr:target{background:#fff6cc}
.muted{color:#888}
code{background:#f4f4f4;padding:0 3px;white-space:pre-wrap}
"#;

const JS: &str = r#"
document.getElementById('only').addEventListener('change',function(e){document.body.classList.toggle('only',e.target.checked)});
document.addEventListener('mouseover',function(e){var a=e.target.closest&&e.target.closest('a.blk');document.querySelectorAll('a.blk.hl').forEach(function(x){x.classList.remove('hl')});if(a){document.querySelectorAll('a.blk[data-b="'+a.dataset.b+'"]').forEach(function(x){x.classList.add('hl')})}});
"#;

/// Renders the one-page HTML report of `pred` against `gt`.
///
/// `blocks` (may be empty, e.g. for `.txt` predictions) must be the blocks
/// whose texts joined by `"\n\n"` form `pred`; if their word count does not
/// match `pred`'s, block links are left out.
pub fn render_report(doc: &str, gt: &str, pred: &str, blocks: &[BlockInfo], scores: &Scores) -> String {
    let g: String = gt.nfc().collect();
    let p: String = pred.nfc().collect();

    // GT words and where rows end (end of a GT line, or every ROW_WORDS words)
    let mut gw: Vec<&str> = Vec::new();
    let mut row_end: Vec<bool> = Vec::new();
    let mut cut_end: Vec<bool> = Vec::new();
    let mut word_line: Vec<usize> = Vec::new();
    for (ln, line) in g.lines().enumerate() {
        let mut k = 0;
        for w in line.split_whitespace() {
            gw.push(w);
            word_line.push(ln + 1);
            k += 1;
            row_end.push(k % ROW_WORDS == 0);
            cut_end.push(k % ROW_WORDS == 0);
        }
        if k > 0 {
            let last = row_end.len() - 1;
            row_end[last] = true;
            cut_end[last] = false;
        }
    }
    let pw: Vec<&str> = p.split_whitespace().collect();

    // output word → block
    let mut word_block: Vec<Option<usize>> = Vec::with_capacity(pw.len());
    for (i, b) in blocks.iter().enumerate() {
        let n = b.text.nfc().collect::<String>().split_whitespace().count();
        word_block.extend(std::iter::repeat_n(Some(i), n));
    }
    if word_block.len() != pw.len() {
        word_block = vec![None; pw.len()];
    }
    let titles: Vec<String> = blocks.iter().enumerate().map(|(i, b)| block_title(i, b)).collect();
    let first_word = |j: usize| -> bool { word_block[j].is_some() && (j == 0 || word_block[j - 1] != word_block[j]) };

    let runs = align_tokens(&gw, &pw);
    let (mut n_sub, mut n_ins, mut n_del) = (0usize, 0usize, 0usize);
    let mut rows: Vec<Row> = Vec::new();
    let mut row = Row::default();
    let finish = |row: &mut Row, rows: &mut Vec<Row>, cut: bool| {
        row.close_block();
        rows.push(std::mem::take(row));
        row.cont = cut;
    };
    for run in &runs {
        match run.op {
            Op::Insert => {
                n_ins += run.b_len;
                row.errors += run.b_len;
                for j in run.b_start..run.b_start + run.b_len {
                    row.right_word(&format!("<span class=\"ins\">{}</span>", escape(pw[j])), word_block[j], &titles, first_word(j));
                }
            }
            _ => {
                for k in 0..run.a_len {
                    let i = run.a_start + k;
                    if row.left.is_empty() && row.gt_line == 0 {
                        row.gt_line = word_line[i];
                    }
                    match run.op {
                        Op::Equal => {
                            let j = run.b_start + k;
                            row.left_word(&escape(gw[i]));
                            row.right_word(&escape(pw[j]), word_block[j], &titles, first_word(j));
                        }
                        Op::Substitute => {
                            let j = run.b_start + k;
                            n_sub += 1;
                            row.errors += 1;
                            let (l, r) = word_diff(gw[i], pw[j]);
                            row.left_word(&format!("<span class=\"sub\">{l}</span>"));
                            row.right_word(&format!("<span class=\"sub\">{r}</span>"), word_block[j], &titles, first_word(j));
                        }
                        _ => {
                            n_del += 1;
                            row.errors += 1;
                            row.left_word(&format!("<span class=\"del\">{}</span>", escape(gw[i])));
                        }
                    }
                    if row_end[i] {
                        finish(&mut row, &mut rows, cut_end[i]);
                    }
                }
            }
        }
    }
    if !row.left.is_empty() || !row.right.is_empty() {
        finish(&mut row, &mut rows, false);
    }

    let mut h = String::with_capacity(g.len() * 3 + p.len() * 3 + 4096);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>ocrclean eval \u{2013} {}</title><style>{CSS}</style></head><body>\n",
        escape(doc)
    );
    let _ = writeln!(h, "<h1>Evaluation report: <code>{}</code></h1>", escape(doc));
    let pct = |x: f64| format!("{:.2}%", x * 100.0);
    let _ = writeln!(
        h,
        "<table class=\"sum\"><tr><th>metric</th><th>errors</th><th>GT size</th><th>rate</th></tr>\
<tr><th>CER (graphemes)</th><td>{}</td><td>{}</td><td><b>{}</b></td></tr>\
<tr><th>WER (words)</th><td>{}</td><td>{}</td><td><b>{}</b></td></tr>\
<tr><th>bag-of-words precision</th><td colspan=2>{} of {} output tokens</td><td>{}</td></tr>\
<tr><th>bag-of-words recall</th><td colspan=2>{} of {} GT tokens</td><td>{}</td></tr></table>",
        scores.char_errors, scores.gt_chars, pct(scores.cer),
        scores.word_errors, scores.gt_words, pct(scores.wer),
        scores.bow_hits, scores.bow_pred_tokens, pct(scores.bow_precision),
        scores.bow_hits, scores.bow_gt_tokens, pct(scores.bow_recall),
    );
    let _ = write!(
        h,
        "<p class=\"legend\"><span class=\"k sub\">substituted</span><span class=\"k ins\">inserted (only in output)</span>\
<span class=\"k del\">deleted (missing from output)</span><span class=\"k sub\"><b>x</b></span>differing characters inside a substituted word \
&nbsp; <span class=\"muted\">Display alignment: {n_sub} substituted, {n_ins} inserted, {n_del} deleted words. \
Metrics use the documented normalisation; the view below is aligned per word.</span></p>\n\
<p><label><input type=\"checkbox\" id=\"only\"> show only rows with errors</label> \
&nbsp;<span class=\"muted\">{} output blocks \u{2013} hover an output span for its provenance, click to jump to it.</span></p>\n",
        blocks.len()
    );
    h.push_str("<table class=\"al\"><colgroup><col class=\"n\"><col><col></colgroup><thead><tr><th>#</th><th>ground truth</th><th>output</th></tr></thead><tbody>\n");
    for r in &rows {
        let _ = writeln!(
            h,
            "<tr class=\"{}\"><td class=\"n\" title=\"GT line {}{}\">{}</td><td>{}</td><td>{}</td></tr>",
            if r.errors > 0 { "err" } else { "ok" },
            r.gt_line,
            if r.cont { " (continued)" } else { "" },
            if r.cont { "\u{21b3}".to_string() } else { r.gt_line.to_string() },
            r.left,
            r.right
        );
    }
    h.push_str("</tbody></table>\n");
    if !blocks.is_empty() {
        h.push_str("<h2>Output blocks</h2>\n<table class=\"blocks\"><tr><th>#</th><th>kind</th><th>page</th><th>input lines</th><th>edits</th><th>text</th></tr>\n");
        for (i, b) in blocks.iter().enumerate() {
            let mut edits = String::new();
            for (op, from, to) in &b.edits {
                let _ = write!(
                    edits,
                    "<div>{}: <code>{}</code> \u{2192} <code>{}</code></div>",
                    escape(op),
                    escape(from),
                    escape(to)
                );
            }
            let excerpt: String = b.text.chars().take(160).collect();
            let more = if b.text.chars().count() > 160 { "\u{2026}" } else { "" };
            let _ = writeln!(
                h,
                "<tr id=\"blk{i}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}{more}</td></tr>",
                i + 1,
                escape(&b.kind),
                b.page.map(|p| p.to_string()).unwrap_or_default(),
                escape(&line_ranges(&b.source_lines)),
                if edits.is_empty() { "<span class=\"muted\">none</span>".to_string() } else { edits },
                escape(&excerpt)
            );
        }
        h.push_str("</table>\n");
    }
    let _ = write!(h, "<script>{JS}</script>\n</body></html>\n");
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use super::super::metrics::score;
    use super::super::normalize::NormOptions;

    #[test]
    fn escapes() {
        assert_eq!(escape("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    }

    #[test]
    fn ranges() {
        assert_eq!(line_ranges(&[5, 3, 4, 9, 10, 12]), "3\u{2013}5, 9\u{2013}10, 12");
    }

    #[test]
    fn report_is_self_contained_and_escaped() {
        let gt = "The <quick> brown fox\njumps over the lazy dog.";
        let blocks = vec![
            BlockInfo { kind: "heading".into(), page: Some(1), text: "The <qulck> brown".into(), source_lines: vec![1], edits: vec![] },
            BlockInfo {
                kind: "paragraph".into(),
                page: Some(2),
                text: "fox quickly jumps over the dog.".into(),
                source_lines: vec![2, 3, 4],
                edits: vec![("dehyphenate".into(), "ju-\nmps".into(), "jumps".into())],
            },
        ];
        let pred = blocks.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n\n");
        let s = score(gt, &pred, &NormOptions::default());
        let h = render_report("d<1>", gt, &pred, &blocks, &s);
        assert!(h.starts_with("<!DOCTYPE html>"));
        assert!(!h.contains("<quick>") && !h.contains("<qulck>") && !h.contains("d<1>"));
        assert!(h.contains("&lt;qu<b>l</b>ck&gt;") || h.contains("<b>l</b>"));
        assert!(h.contains("class=\"ins\">quickly</span>"));
        assert!(h.contains("class=\"del\">lazy</span>"));
        assert!(h.contains("input lines 2\u{2013}4"));
        assert!(h.contains("href=\"#blk1\""));
        assert!(!h.contains("http://") && !h.contains("https://") && !h.contains("src="));
    }
}
