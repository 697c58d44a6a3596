//! The cleaning pipeline: one module per stage, run in the order below over
//! one shared [`Document`](crate::model::Document).
//!
//! 1. [`normalize`]: Unicode, ligatures, soft hyphens, control characters, markdown
//! 2. [`pages`]: page numbers from form feeds, `x0c` and wrapper headings
//! 3. [`banners`]: archive markings and running heads/footers (rules, then
//!    [`repetition`]: inferred pages, folios, recurring page edges)
//!    and [`titles`]: later copies of a repeated cover title; a learned
//!    [`profile`] (`clean --profile`) applies here too
//! 4. [`noise`]: page numbers, hatching, speckle
//! 5. [`dehyphenate`]: line-end hyphens joined or kept
//! 6. [`paragraphs`]: blocks rebuilt across lines and pages, then
//!    [`quotes`]: spaces OCR read inside quotation marks
//! 7. [`correct`]: conservative OCR word correction with a score on every edit
//!
//! A [`Pipeline`] is built once from [`Rules`] and shared by reference across
//! threads; [`Pipeline::clean`] turns one input into one document.

pub mod asides;
pub mod banners;
pub mod correct;
pub mod dehyphenate;
pub mod noise;
pub mod normalize;
pub mod pages;
pub mod repetition;
pub mod titles;
pub mod paragraphs;
pub mod profile;
pub mod quotes;

use crate::input::read_document;
use crate::model::Document;
use crate::rules::Rules;

/// Stages that can be switched off (for `--no-correct` and ablation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    Banners,
    Noise,
    Dehyphenate,
    Correct,
}

pub struct Pipeline {
    rules: Rules,
    disabled: Vec<Stage>,
    /// Banners learned over a batch (`ocrclean learn`), applied after the banners stage.
    profile: Option<profile::Profile>,
    /// Built on first use: the index takes a moment and `--no-correct` runs never need it.
    corrector: std::sync::OnceLock<correct::Corrector>,
    /// Word pairs for dehyphenate, read from the bigram list on first use.
    pairs: std::sync::OnceLock<dehyphenate::JoinablePairs>,
    /// Word counts of the batch being cleaned ([`Pipeline::set_batch_words`]).
    batch_words: Option<dehyphenate::WordCounts>,
}

impl Pipeline {
    pub fn new(rules: Rules) -> Pipeline {
        let mut disabled = Vec::new();
        if !rules.options.dehyphenate.enabled {
            disabled.push(Stage::Dehyphenate);
        }
        if !rules.options.correct.enabled {
            disabled.push(Stage::Correct);
        }
        Pipeline {
            rules,
            disabled,
            profile: None,
            corrector: std::sync::OnceLock::new(),
            pairs: std::sync::OnceLock::new(),
            batch_words: None,
        }
    }

    pub fn disable(&mut self, stage: Stage) {
        if !self.disabled.contains(&stage) {
            self.disabled.push(stage);
        }
    }

    /// Uses a learned banner profile (or none).
    pub fn set_profile(&mut self, profile: Option<profile::Profile>) {
        self.profile = profile;
    }

    /// Word counts of the whole batch, which dehyphenate consults when a
    /// document has no evidence of its own on a word.
    pub fn set_batch_words(&mut self, words: Option<dehyphenate::WordCounts>) {
        self.batch_words = words;
    }

    pub fn profile(&self) -> Option<&profile::Profile> {
        self.profile.as_ref()
    }

    pub fn is_enabled(&self, stage: Stage) -> bool {
        !self.disabled.contains(&stage)
    }

    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    /// Reports suggestions scored below the threshold as `suggest` edits.
    pub fn suggest(&mut self, on: bool) {
        self.rules.options.correct.suggest = on;
    }

    /// Builds what the enabled stages need up front (the correction index),
    /// so a broken rule file is reported before any document is read.
    pub fn prepare(&self) -> crate::Result<()> {
        if self.is_enabled(Stage::Correct) && self.corrector.get().is_none() {
            let corrector = self.build_corrector()?;
            let _ = self.corrector.set(corrector);
        }
        Ok(())
    }

    pub fn corrector(&self) -> &correct::Corrector {
        self.corrector.get_or_init(|| self.build_corrector().expect("rule files are checked by Pipeline::prepare"))
    }

    fn pairs(&self) -> &dehyphenate::JoinablePairs {
        self.pairs.get_or_init(|| dehyphenate::JoinablePairs::from_list(&self.rules.bigrams.text, &self.rules.dictionary))
    }

    fn build_corrector(&self) -> crate::Result<correct::Corrector> {
        let r = &self.rules;
        // the two expensive parts are independent: parse the bigrams on a
        // second thread while the candidate index is built
        let (bigrams, index) = std::thread::scope(|s| {
            let h = s.spawn(|| {
                let bigrams = r.bigrams.bigrams();
                // dehyphenate's pairs come from the same list: read here, in
                // the shadow of the longer index build, they no longer hold
                // up the first document
                if self.is_enabled(Stage::Dehyphenate) {
                    self.pairs();
                }
                bigrams
            });
            let index = correct::Corrector::build_index(&r.dictionary, &r.options.correct);
            (h.join().expect("bigram parsing panicked"), index)
        });
        Ok(correct::Corrector::with_index(
            r.dictionary.clone(),
            Some(bigrams?),
            r.confusions.clone(),
            r.words.clone(),
            r.options.correct.clone(),
            index,
        ))
    }

    /// Cleans one input. `name` names the document in output records,
    /// `source` is its path as given.
    pub fn clean(&self, name: &str, source: &str, bytes: Vec<u8>) -> Document {
        let rules = &self.rules;
        let opts = &rules.options;
        let mut doc = read_document(name, source, bytes);
        normalize::run(&mut doc, &opts.normalize);
        pages::run(&mut doc);
        if self.is_enabled(Stage::Banners) {
            banners::run(&mut doc, &rules.banners, &opts.banners);
            if let Some(profile) = &self.profile {
                profile::apply(&mut doc, profile);
            }
        }
        if self.is_enabled(Stage::Noise) {
            noise::run(&mut doc, &rules.noise, &opts.noise, &rules.dictionary);
        }
        if self.is_enabled(Stage::Dehyphenate) {
            let evidence = dehyphenate::Evidence { dict: &rules.dictionary, pairs: self.pairs(), batch: self.batch_words.as_ref() };
            dehyphenate::run(&mut doc, &evidence);
        }
        paragraphs::run(&mut doc, &opts.paragraphs);
        quotes::run(&mut doc);
        if self.is_enabled(Stage::Correct) {
            correct::run(&mut doc, self.corrector(), opts.correct.suggest);
        }
        doc.settle_votes();
        debug_assert_eq!(doc.check_coverage(), Ok(()), "coverage broken in {source}");
        doc
    }
}

/// Test support: `text` read and run with the embedded rules through the
/// stages in pipeline order, up to and including `last` (which must be one of
/// banners, noise or dehyphenate), so a stage's tests start from real input.
#[cfg(test)]
pub(crate) fn run_through(text: &str, last: Stage) -> Document {
    let rules = Rules::embedded().unwrap();
    let opts = &rules.options;
    let mut doc = read_document("t", "t.txt", text.as_bytes().to_vec());
    normalize::run(&mut doc, &opts.normalize);
    pages::run(&mut doc);
    banners::run(&mut doc, &rules.banners, &opts.banners);
    if matches!(last, Stage::Noise | Stage::Dehyphenate) {
        noise::run(&mut doc, &rules.noise, &opts.noise, &rules.dictionary);
    }
    if last == Stage::Dehyphenate {
        let pairs = dehyphenate::JoinablePairs::from_list(&rules.bigrams.text, &rules.dictionary);
        let evidence = dehyphenate::Evidence { dict: &rules.dictionary, pairs: &pairs, batch: None };
        dehyphenate::run(&mut doc, &evidence);
    }
    doc
}
