//! Scorer weights fitted by `tools/fit_correct.py` on bln600_train + synth.
//! Regenerate with that tool (see its docstring); do not edit by hand.
use super::score::Weights;

pub const FITTED: Weights = Weights {
    bias: 2.7876,
    cost: -2.0914,
    cost_per_char: -9.5936,
    two_edits: 1.2565,
    log_freq: 0.1470,
    pmi_prev: 0.2119,
    pmi_next: 0.1939,
    unseen_prev: 0.5580,
    unseen_next: 0.3196,
    in_doc: 0.7353,
    recur: -0.6536,
    doc_oov: 0.7266,
    title: -0.4375,
    caps: 0.7829,
    short: -0.7506,
    two_letters: -0.8023,
    long: 0.5000,
    digit: 3.1969,
    split: -1.4416,
    merge: -4.9503,
    merge_single: 0.4966,
    hyphen_merge: 1.4675,
    hyphen_keep: 0.0153,
    hyphen_drop: 0.8184,
    punct: -2.6480,
};
pub const THRESHOLD: f32 = 0.275;
pub const AMBIGUITY: f32 = 3.000;
