//! The one scoring function of the corrector: a logistic model over named
//! features of a candidate correction.
//!
//! `Weights::z` is the log-odds that replacing the observed span by the
//! candidate makes the text right. The weights are fitted by
//! `tools/fit_correct.py` on the training sets (bln600_train, synth) and ship
//! in `weights.rs`; `[correct.weights]` in a profile overrides them by name.
//! `examples/correct_features.rs` writes the features the fit reads, in the
//! order of `Features::NAMES`.

/// Declares `Features` (one `f32` per feature) and `Weights` (a bias and one
/// weight per feature) from one list, so the two can never drift apart.
macro_rules! features {
    ($($(#[doc = $doc:literal])* $name:ident,)*) => {
        /// What the scorer knows about one candidate correction.
        #[derive(Debug, Clone, Copy, Default, PartialEq)]
        pub struct Features {
            $($(#[doc = $doc])* pub $name: f32,)*
        }

        /// Log-odds weights of the features, plus a bias.
        #[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct Weights {
            pub bias: f32,
            $(pub $name: f32,)*
        }

        impl Features {
            /// Feature names in declaration order (the columns of the fit).
            pub const NAMES: &'static [&'static str] = &[$(stringify!($name)),*];

            /// Values in the order of `NAMES`.
            pub fn values(&self) -> Vec<f32> {
                vec![$(self.$name),*]
            }
        }

        impl Weights {
            /// Log-odds of the candidate.
            #[inline]
            pub fn z(&self, f: &Features) -> f32 {
                self.bias $(+ self.$name * f.$name)*
            }
        }
    };
}

features! {
    /// OCR confusion cost of turning the observed token into the candidate
    /// (`crate::confusions::ConfusionTable`); 0 for splits, merges and punctuation
    cost,
    /// `cost` divided by the length of the observed token in chars
    cost_per_char,
    /// 1 when the candidate is two edits away from the observed token
    two_edits,
    /// ln(corpus frequency) − 16 of the candidate word (of the word pair for
    /// a split or a punctuation repair)
    log_freq,
    /// pointwise mutual information ln(P(prev, cand) / (P(prev) P(cand)))
    /// with the previous word, when the pair is a known bigram
    pmi_prev,
    /// as `pmi_prev`, with the next word
    pmi_next,
    /// 1 when the previous word is a dictionary word but the pair is no known bigram
    unseen_prev,
    /// as `unseen_prev`, with the next word
    unseen_next,
    /// ln(1 + occurrences of the candidate elsewhere in the document)
    in_doc,
    /// ln(occurrences of the observed form in the document) when it recurs
    recur,
    /// ln(1 + other words of the document that a first pass corrected by the
    /// same one-char substitution), `DocLexicon::confusion_support`
    doc_confusion,
    /// ln(0.005 + share of the document's words that are not in the
    /// dictionary): in clean text an unknown word is meant, in noisy text
    /// it is likely an OCR error
    doc_oov,
    /// capitalised token not at a sentence start (often a name)
    title,
    /// all-capital token
    caps,
    /// token of 3 or 4 letters
    short,
    /// token of 2 letters
    two_letters,
    /// token of 8 or more letters, for a substitution: few such non-words
    /// are meant, and their neighbourhood holds few words to confuse
    long,
    /// token with a digit inside (`c1ass`)
    digit,
    /// token printed in one case but for one letter (`houQse`, `IHome`,
    /// `YOrUNG`: `protect::stray_case`); fitted when only the lower-case
    /// kind was corrected
    stray_capital,
    /// the token is two dictionary words of 4+ letters run together
    /// (`bootmaker`, `publichouse`), for a candidate that replaces it by
    /// another word: such a token is more often a compound the dictionary
    /// lacks, or two words whose space was lost, than a misread word
    compound,
    /// candidate found only through a multi-char rule of the error model
    /// (`tlie` → `the`, `li` → `h`), more edits away than the search for
    /// candidates went (it stopped at `tie`)
    multi_char,
    /// candidate splits the token in two words (`ofthe` → `of the`)
    split,
    /// a split of a capitalised token not at a sentence start: often a name
    /// (`Easton` → `East on`)
    split_title,
    /// candidate merges the token with the next across a space (`imply ing`)
    merge,
    /// a merge in which one side is a single letter
    merge_single,
    /// candidate merges across a line-end hyphen (`pro- perty`)
    hyphen_merge,
    /// candidate keeps the hyphen of `Police- court` and drops the space
    hyphen_keep,
    /// candidate drops the stray hyphen of `charged- with`
    hyphen_drop,
    /// candidate replaces glued junk punctuation by a space (`to';whom`)
    punct,
    /// candidate drops a junk mark inside a word (`a~nd`, `sh^all`)
    junk_drop,
    /// 1 for a real-word candidate: the observed token is itself a
    /// dictionary word (`tor` → `for`); the `rw_*` features describe it and
    /// all the others are 0
    real_word,
    /// cost of the error-model rule that turns the observed word into the
    /// candidate
    rw_cost,
    /// ln(frequency of the candidate) − ln(frequency of the observed word)
    rw_freq,
    /// ln P(candidate | previous word) − ln P(observed | previous word)
    /// (`realword::context_gain`)
    rw_prev,
    /// ln P(next word | candidate) − ln P(next word | observed)
    rw_next,
    /// how many of the observed word's pairs with its neighbours the bigram
    /// list holds (0 to 2): a listed pair is evidence the word is meant
    rw_listed_w,
    /// as `rw_listed_w`, for the candidate
    rw_listed_c,
    /// ln(1 + occurrences of the candidate in the document)
    rw_in_doc,
    /// as `doc_confusion`, for a real-word candidate
    rw_doc_confusion,
    /// ln(occurrences of the observed word in the document)
    rw_recur,
    /// as `doc_oov`, for a real-word candidate
    rw_doc_oov,
    /// capitalised observed word (at a sentence start)
    rw_title,
    /// observed word of 2 letters
    rw_two_letters,
}
