//! Scorer weights fitted by `tools/fit_correct.py` on bln600_train + synth.
//! Regenerate with that tool (see its docstring); do not edit by hand.
use super::score::Weights;

pub const FITTED: Weights = Weights {
    bias: 2.7557,
    cost: -1.7305,
    cost_per_char: -12.3690,
    two_edits: 1.8938,
    log_freq: 0.1528,
    pmi_prev: 0.2096,
    pmi_next: 0.1798,
    unseen_prev: 0.5697,
    unseen_next: -0.1148,
    in_doc: 0.7735,
    recur: -0.9711,
    doc_oov: 0.7228,
    title: -0.1438,
    caps: 0.7625,
    short: -0.4188,
    digit: 1.7685,
    split: -0.5670,
    merge: -1.8859,
    merge_single: 0.3687,
    hyphen_merge: 1.8641,
    hyphen_keep: 0.6223,
    hyphen_drop: 0.9236,
    punct: -2.6462,
};
pub const THRESHOLD: f32 = 0.250;
pub const AMBIGUITY: f32 = 2.000;
