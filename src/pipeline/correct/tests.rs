//! Corrector tests on small fixtures (and on the real SymSpell list when the
//! shared corpus is present).
use super::*;
use proptest::prelude::*;
use std::sync::OnceLock;

const WORDS: &str = "the 23135851162\nof 13151942776\nand 12997637966\nto 12136980858\na 9081174698\nin 8469404971\n\
is 4705743816\nthat 3400031103\nit 4000000000\nhe 2000000000\nbe 3000000000\nmodern 139000000\nclass 190000000\n\
implying 2000000\nimply 4000000\nstrip 30000000\ntrip 60000000\nsoviet 20000000\nunion 70000000\nmoscow 20000000\n\
said 300000000\ntube 20000000\ntie 30000000\nbrought 60000000\nwhom 40000000\nsea 60000000\nnew 1000000000\n\
leaders 40000000\nleader 60000000\nvia 100000000\nuser 200000000\nhim 300000000\nhis 900000000\nwas 1000000000\n";

fn corrector(words: &str, bigrams: &str) -> Corrector {
    let dict = Dictionary::parse(words, "fixture").unwrap();
    let big = Bigrams::parse(bigrams, "fixture-bigrams").unwrap();
    let conf = ConfusionTable::parse("b\th\t0.57\nrn\tm\t0.4\n1\tl\t0.6\n", "fixture-conf").unwrap();
    Corrector::new(dict, Some(big), conf, WordLists { protected: vec!["Gromvko".into()], ..WordLists::default() }, CorrectOptions::default())
}

fn fixture() -> &'static Corrector {
    static C: OnceLock<Corrector> = OnceLock::new();
    C.get_or_init(|| corrector(WORDS, "of the 1000000000\nin the 500000000\nthe modern 1000000\nsoviet union 10000000\n"))
}

fn fix(c: &Corrector, text: &str) -> String {
    let lx = DocLexicon::build(text);
    let mut out = Vec::new();
    c.correct(text, &lx, &mut out);
    apply(text, &out)
}

/// The corrector as shipped: embedded dictionary, bigrams, confusions and
/// fitted weights. Scoring outcomes are tested on it, since the fitted
/// weights expect real word and bigram frequencies.
fn shipped() -> &'static Corrector {
    static C: OnceLock<Corrector> = OnceLock::new();
    C.get_or_init(|| {
        let r = crate::rules::Rules::embedded().unwrap();
        let bigrams = r.bigrams.bigrams().unwrap();
        Corrector::new(r.dictionary, Some(bigrams), r.confusions, r.words, r.options.correct)
    })
}

#[test]
fn fixes_typical_ocr_errors() {
    let c = shipped();
    assert_eq!(fix(c, "in tbe modern sea"), "in the modern sea");
    assert_eq!(fix(c, "the rnodern class"), "the modern class");
    assert_eq!(fix(c, "the c1ass was new"), "the class was new");
    assert_eq!(fix(c, "he said ofthe sea"), "he said of the sea");
    // li → h: one confusion, two edits (`tie` is one edit away)
    assert_eq!(fix(c, "in tlie modern sea"), "in the modern sea");
    assert_eq!(fix(c, "he gave liim the book"), "he gave him the book");
    // a junk mark inside a word
    assert_eq!(fix(c, "he said a~nd then sh^all we go"), "he said and then shall we go");
    let keep = "the server(s) and the line(s) read|write";
    assert_eq!(fix(c, keep), keep);
    // one stray capital inside a lower-case word
    assert_eq!(fix(c, "in the houQse of lords"), "in the house of lords");
    // in the case it was printed in
    assert_eq!(fix(c, "he went to the IHome Office"), "he went to the Home Office");
    assert_eq!(fix(c, "the YOrUNG man said"), "the YOUNG man said");
    let keep = "the iOS app measured 5 kWh for McDonald";
    assert_eq!(fix(c, keep), keep);
}

/// Merges across a space are proposed; whether one is applied is the fitted
/// scorer's call (on the training sets most space merges were wrong, so a
/// lone `imply ing` stays a suggestion).
#[test]
fn merges_are_proposed() {
    let c = shipped();
    let t = "implying imply ing";
    let mut out = Vec::new();
    c.correct(t, &DocLexicon::build(t), &mut out);
    assert!(out.iter().any(|k| (k.from.as_str(), k.to.as_str()) == ("imply ing", "implying")), "{out:?}");
}

#[test]
fn case_is_preserved() {
    let c = shipped();
    assert_eq!(fix(c, "Tbe modern sea."), "The modern sea.");
    // all-caps: short ones are protected acronyms, long ones may be corrected
    assert_eq!(fix(c, "TBE sea"), "TBE sea");
    assert_eq!(fix(c, "the RNODERN sea"), "the MODERN sea");
}

#[test]
fn protections_hold() {
    let c = fixture();
    for t in [
        "the CIA and USSR via SOV 82-10075X",
        "CIA-RDP79T00975A 25X1 25X1A",
        "the CBMs and the LDP",
        "see https://www.cia.gov/x/y or mail foo@bar.org",
        "Gromvko said",                        // user list
        "Then Tikhonov said. Later Tikhonov was", // recurring name
        "he said \"qui tacet consentire videtur\" the",
        "Weinberger's trip",
    ] {
        assert_eq!(fix(c, t), t, "{t}");
    }
}

#[test]
fn corrections_are_reported_with_offsets() {
    let c = fixture();
    let t = "x tbe sea";
    let mut out = Vec::new();
    c.correct(t, &DocLexicon::build(t), &mut out);
    let k = out.iter().find(|k| k.applied).unwrap();
    assert_eq!((k.start, k.end, k.from.as_str(), k.to.as_str()), (2, 5, "tbe", "the"));
    assert!(k.score >= c.options().threshold);
    let mut off = out.clone();
    off.iter_mut().for_each(|k| k.applied = false);
    assert_eq!(apply(t, &off), t);
}

#[test]
fn corrector_is_send_sync() {
    fn f<T: Send + Sync>() {}
    f::<Corrector>();
}

const SEPS: &[&str] = &[" ", " ", " ", ", ", ". ", "; ", ": ", " (", ") ", "\n", "\n\n", " \"", "\" ", " - "];

fn fixture_words() -> Vec<String> {
    WORDS.lines().filter_map(|l| l.split_whitespace().next()).map(String::from).collect()
}

fn build_text(words: &[String], picks: &[(usize, usize, u8)]) -> String {
    let mut s = String::new();
    for &(w, sep, case) in picks {
        let w = &words[w % words.len()];
        let w = match case % 4 {
            0 | 1 => w.clone(),
            2 => protect::restore_case(w, protect::Case::Title),
            _ => w.to_uppercase(),
        };
        s.push_str(&w);
        s.push_str(SEPS[sep % SEPS.len()]);
    }
    s
}

/// A word hyphenated inside a line is left whole: its halves are no OCR
/// errors (`impor` is no misread `import`). A misread part of a compound
/// still is one.
#[test]
fn halves_of_a_hyphenated_word_are_not_corrected() {
    let c = shipped();
    let text = "The comrnittee read tbe impor-tant docu-ments of tbe gov-ernment at the Police-conrt.";
    assert_eq!(fix(c, text), "The committee read the impor-tant docu-ments of the gov-ernment at the Police-court.");
}

/// An inflection the dictionary lacks is known only when English spelling,
/// old or new, allows it: OCR's `saidd`, `nameed`, `kidss` are not words.
#[test]
fn inflections_follow_spelling() {
    let c = shipped();
    for w in ["harassments", "traveling", "practiced", "wordes", "carryed", "answerd", "organised"] {
        assert!(c.known(w), "{w}");
    }
    for w in ["saidd", "formd", "nameed", "kidss", "citys", "performancees", "deceaseed"] {
        assert!(!c.known(w), "{w}");
    }
}

/// A contraction that lost its apostrophe gets it back, and nothing else:
/// not `a rent`, `parent` or `yours`.
#[test]
fn contractions_get_their_apostrophe_back() {
    let c = shipped();
    assert!(!c.known("youre"), "`youre` is no -our variant of `yore`");
    let text = "The values arent valid, so tbe tests arent run; youre right, weve seen what youve done.";
    assert_eq!(fix(c, text), "The values aren't valid, so the tests aren't run; you're right, we've seen what you've done.");
    // words the dictionary knows stay: `cant`, `wont`, `well`
    let keep = "they were well aware of the cant of the time and the wont of the court";
    assert_eq!(fix(c, keep), keep);
}

/// A passage in another language is left as printed (with the shipped
/// `rules/foreign.txt`), the English around it is still corrected.
#[test]
fn foreign_passages_are_not_anglicised() {
    let c = shipped();
    let spanish = "Consejos sobre la Medicina del trabajo y los cuidados de la piel en el verano";
    assert_eq!(fix(c, spanish), spanish);
    let text = format!("Tbe station sent tbe following list of tbe broadcasts of the program. {spanish}.");
    let fixed = fix(c, &text);
    assert!(fixed.starts_with("The station sent the following list of the broadcasts"), "{fixed}");
    assert!(fixed.ends_with(&format!("{spanish}.")), "{fixed}");
}

/// The dictionary spells `offence`, `catalogue`, `marvellous`; an American
/// document's `offense`, `catalog`, `marvelous`, `jewelry` and an old
/// book's `musick`, `publick` are meant, even in a noisy document.
#[test]
fn american_and_early_modern_spellings_are_kept() {
    let c = shipped();
    let known = [
        "offense", "defenses", "catalog", "dialogs", "marvelous", "jewelry", "musick", "publickly",
        // American spellings of the British `ae`/`oe`
        "anemia", "leukemia", "ischemic", "hemorrhage", "pediatric", "archeology", "esthetic", "anesthesia", "feces",
        "gynecology", "paleontology", "edema", "estrogen", "esophagus", "etiology", "maneuver", "diarrhea", "celiac",
        // single words and endings
        "skeptical", "willful", "pretense", "mollusk", "artifacts", "aluminum", "pajamas", "mustache", "maneuvered", "plow",
    ];
    for w in known {
        assert!(c.known(w), "{w}");
    }
    // no digraph, so OCR's dropped letter is no variant: `poetry`, `aerial`, `whoever`
    for w in ["petry", "erial", "whever"] {
        assert!(!c.known(w), "{w}");
    }
    let text = "The comrnittee heard of tbe offense and tbe marvelous jewelry in tbe catalog, \
                and tbe musick was publick.";
    assert_eq!(
        fix(c, text),
        "The committee heard of the offense and the marvelous jewelry in the catalog, and the musick was publick."
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    /// Text made only of dictionary words is never changed (fixture dictionary).
    #[test]
    fn dictionary_text_unchanged(picks in proptest::collection::vec((0usize..1000, 0usize..100, 0u8..4), 1..60)) {
        let t = build_text(&fixture_words(), &picks);
        let c = fixture();
        let lx = DocLexicon::build(&t);
        let mut out = Vec::new();
        c.correct(&t, &lx, &mut out);
        let applied: Vec<_> = out.iter().filter(|k| k.applied).collect();
        prop_assert!(applied.is_empty(), "{:?} in {:?}", applied, t);
    }
}

// ---- tests on the real SymSpell list (skipped when the shared corpus is absent)

fn real() -> Option<&'static (Corrector, Vec<String>)> {
    static C: OnceLock<Option<(Corrector, Vec<String>)>> = OnceLock::new();
    C.get_or_init(|| {
        let dir = std::env::var("OCR_DICT_DIR").unwrap_or_else(|_| "/work/shared/dict".into());
        let d = std::fs::read_to_string(format!("{dir}/symspell_frequency_dictionary_en_82_765.txt")).ok()?;
        let b = std::fs::read_to_string(format!("{dir}/symspell_frequency_bigramdictionary_en_243_342.txt")).ok()?;
        let conf = include_str!("../../../rules/confusions.txt");
        let dict = Dictionary::parse(&d, "dict").unwrap();
        let mut words: Vec<String> = dict.iter().filter(|(_, f)| *f > 1_000_000).map(|(w, _)| w.to_string()).collect();
        words.sort();
        let c = Corrector::new(
            dict,
            Some(Bigrams::parse(&b, "bigrams").unwrap()),
            ConfusionTable::parse(conf, "rules/confusions.txt").unwrap(),
            WordLists::default(),
            CorrectOptions::default(),
        );
        Some((c, words))
    })
    .as_ref()
}

#[test]
fn real_dictionary_fixes_and_protects() {
    let Some((c, _)) = real() else { return };
    assert_eq!(fix(c, "It was tbe end of the rnodern age."), "It was the end of the modern age.");
    let keep = "The rumors of harassments were organised.";
    assert_eq!(fix(c, keep), keep);
    let keep = "The CIA and the USSR met the LDP; Tikhonov, Gromyko and Suzuki discussed CBMs with SOVA.";
    assert_eq!(fix(c, keep), keep);
}

/// A capitalised word inside a sentence that splits in two words is more
/// often a name than two words run together.
#[test]
fn names_are_not_split() {
    let c = shipped();
    for keep in ["The constable saw Easton at the door.", "He lived at Seaton, near the river.", "The witness Hiscock was called."] {
        assert_eq!(fix(c, keep), keep);
    }
    // at a sentence start a capital says nothing of a name
    assert_eq!(fix(c, "He came in. Thecoroner said so."), "He came in. The coroner said so.");
}

/// A token made of two dictionary words is more often a compound the
/// dictionary lacks than a misread word.
#[test]
fn compounds_are_not_replaced() {
    let c = shipped();
    let keep = "The datagrams were sent to the host.";
    assert_eq!(fix(c, keep), keep);
}

/// Early modern verb forms and American `-ward` are words the dictionary
/// lacks; they are not OCR errors. A short stem is no such form (`chiest`).
#[test]
fn archaic_verbs_and_variants_are_known() {
    let c = shipped();
    for w in ["delivereth", "teachest", "loveth", "takest", "departeth", "afterward", "replieth", "stretchedst"] {
        assert!(c.known(w), "{w}");
    }
    for w in ["chiest", "tbeth", "doest", "tunniest", "evidense"] {
        assert!(!c.known(w), "{w}");
    }
    let keep = "He that delivereth me teachest thee; afterward he departeth.";
    assert_eq!(fix(c, keep), keep);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Text made only of (real) dictionary words is never changed.
    #[test]
    fn real_dictionary_text_unchanged(picks in proptest::collection::vec((0usize..100_000, 0usize..100, 0u8..4), 1..80)) {
        let Some((c, words)) = real() else { return Ok(()) };
        let t = build_text(words, &picks);
        let lx = DocLexicon::build(&t);
        let mut out = Vec::new();
        c.correct(&t, &lx, &mut out);
        let applied: Vec<_> = out.iter().filter(|k| k.applied).collect();
        prop_assert!(applied.is_empty(), "{:?} in {:?}", applied, t);
    }
}

/// A not-sign (`¬`, two bytes in UTF-8) used as a line-end hyphen, alone or
/// followed by other marks, is read char by char (the property test once
/// found a byte slice inside it).
#[test]
fn not_sign_gaps_are_read_by_chars() {
    let c = fixture();
    // junk glued between two words goes, as with `to';whom`
    assert_eq!(fix(c, "the¬:modern"), "the modern");
    assert_eq!(fix(c, "the¬"), "the¬");
    assert_eq!(fix(c, "mod¬ ern"), "modern");
}

/// Tiered search: distance 2 is only searched when distance 1 has no
/// plausible candidate; the exhaustive lookup still sees both.
#[test]
fn candidates_are_tiered() {
    let c = fixture();
    let mut sc = symspell::LookupScratch::default();
    let mut lists = symspell::CandidateLists::default();
    let mut out = Vec::new();
    let words = |out: &[symspell::Candidate]| {
        let mut v: Vec<&str> = out.iter().map(|x| c.index().word(x.id)).collect();
        v.sort();
        v
    };
    c.candidates(&[("tbe", 2), ("rnodern", 2), ("rnodern", 1)], &mut sc, &mut lists);
    // `tbe`: `the`, `tie`, `be` at distance 1 (b→h is a known confusion);
    // `tube` and others at distance 2 are not searched
    assert!(lists.get(0).iter().all(|x| x.distance <= 1), "{:?}", words(lists.get(0)));
    assert!(words(lists.get(0)).contains(&"the"));
    c.index().lookup("tbe", 2, &mut sc, &mut out);
    assert!(out.iter().any(|x| x.distance == 2));
    // `rnodern` has nothing at distance 1: falls back to distance 2
    assert_eq!(words(lists.get(1)), vec!["modern"]);
    // distance 1 asked: never more
    assert!(lists.get(2).is_empty());
}

/// In a clean document a repeated unknown form (or a short one) is the
/// document's own word unless a known OCR confusion explains it: `qvalue` is
/// never offered `value` there (an unexplained deletion), but is in noisy text.
#[test]
fn clean_document_keeps_its_repeated_terms() {
    let c = shipped();
    let alternatives = |text: &str, word: &str| {
        let lx = DocLexicon::build(text);
        let mut tos = Vec::new();
        c.sites(text, &lx, true, &mut |s| {
            if &text[s.start..s.end] == word {
                tos.extend(s.alternatives.iter().map(|a| a.to.clone()));
            }
        });
        tos
    };
    let clean = "The value of the field is a qvalue and the server uses the qvalue to choose the value it sends. \
                 Each value in the list is weighted by its own quality value from zero to one, \
                 and when two of them have the same weight the server is free to choose either of them.";
    assert!(!alternatives(clean, "qvalue").contains(&"value".to_string()));
    let noisy = "Tlie valne of tbe fieid is a qvalue aud tlie servcr uses tbe qvalue to chooze the value it seuds.";
    assert!(alternatives(noisy, "qvalue").contains(&"value".to_string()));
    // nor split in two words there
    let clean = "The client sends the hostname of the server, and the server checks that the hostname \
                 is one of its own names before it answers the request with the page it was asked for.";
    assert!(alternatives(clean, "hostname").is_empty(), "{:?}", alternatives(clean, "hostname"));
    let noisy = "Tlie clieut seuds tbe hostname of tlie servcr, aud tbe hostname is cliecked.";
    assert!(alternatives(noisy, "hostname").contains(&"host name".to_string()));
}

/// `long` marks substitutions for tokens of 8+ letters, never splits (a long
/// token that splits in two words is often a compound written whole).
#[test]
fn long_feature_is_for_substitutions_only() {
    let c = shipped();
    let text = "the mysteriousy event in whitespace";
    let lx = DocLexicon::build(text);
    let mut seen = Vec::new();
    c.sites(text, &lx, true, &mut |s| {
        for a in &s.alternatives {
            seen.push((text[s.start..s.end].to_string(), a.to.clone(), a.features.long, a.features.split));
        }
    });
    assert!(seen.iter().any(|(from, to, long, _)| from == "mysteriousy" && to == "mysterious" && *long == 1.0));
    assert!(seen.iter().any(|(from, to, long, split)| from == "whitespace" && to == "white space" && *split == 1.0 && *long == 0.0));
    assert!(seen.iter().all(|(_, _, long, split)| *split == 0.0 || *long == 0.0));
}

/// A rejected site inside an applied one (the `to` of the merge `to gether`)
/// must not hide the applied edit when the block is rewritten.
#[test]
fn rejected_site_inside_an_applied_one_keeps_the_edit() {
    let mut block = crate::model::Block {
        kind: crate::model::BlockKind::Paragraph,
        page: 1,
        text: "to gether x".to_string(),
        lines: vec![0],
        source: vec![],
        edits: vec![],
    };
    let correction = |start, end, from: &str, to: &str, applied| Correction {
        start,
        end,
        from: from.to_string(),
        to: to.to_string(),
        score: if applied { 0.9 } else { 0.1 },
        applied,
    };
    let mut found = vec![correction(0, 2, "to", "so", false), correction(0, 9, "to gether", "together", true)];
    apply_to_block(&mut block, &mut found, true);
    assert_eq!(block.text, "together x");
    assert_eq!(block.edits.len(), 1, "{:?}", block.edits);
    assert_eq!(block.edits[0].op, "correct");
}

/// Edit offsets are chars of the new text: corrections and suggestions
/// are placed after the changes before them, and an earlier stage's edit
/// moves by the length changes of the corrections before it.
#[test]
fn edit_offsets_count_chars_of_the_new_text() {
    let text = "Café tbe été ofthe naïve x";
    let mut block = crate::model::Block {
        kind: crate::model::BlockKind::Paragraph,
        page: 1,
        text: text.to_string(),
        lines: vec![0],
        source: vec![],
        // an earlier stage's edit at `naïve` (char 19 of the old text)
        edits: vec![crate::model::Edit { op: "dehyphenate", from: "naï-".into(), to: "naï".into(), at: 19, score: None }],
    };
    let at = |w: &str| text.find(w).unwrap();
    let correction = |w: &str, to: &str, applied| Correction {
        start: at(w),
        end: at(w) + w.len(),
        from: w.to_string(),
        to: to.to_string(),
        score: if applied { 0.9 } else { 0.1 },
        applied,
    };
    let mut found = vec![correction("tbe", "the", true), correction("été", "ete", false), correction("ofthe", "of the", true)];
    apply_to_block(&mut block, &mut found, true);
    assert_eq!(block.text, "Café the été of the naïve x");
    let got: Vec<(&str, usize)> = block.edits.iter().map(|e| (e.op, e.at)).collect();
    assert_eq!(got, [("correct", 5), ("suggest", 9), ("correct", 13), ("dehyphenate", 20)]);
}

/// Real-word errors (`tor` for `for`) are fixed from context in OCR text
/// that also has stray non-words, and left alone in text without any.
#[test]
fn real_word_errors_need_context_and_a_noisy_document() {
    let c = shipped();
    let noisy = "He went tor the king and tbe men came trom the city, and they waited tor him there.";
    let fixed = fix(c, noisy);
    assert!(fixed.contains("went for the king"), "{fixed}");
    let clean = "He went for the king and the men came from the city, and they waited tor him there.";
    assert_eq!(fix(c, clean), clean);
}

/// The early modern forms of the shipped `protected.txt` stay as printed in
/// a noisy document (without the list: `showed`, `does`).
#[test]
fn archaic_forms_are_not_modernised() {
    let c = shipped();
    let text = "Tbe men came trom the city, and he shewed them the way: thou shalt see it, and doest well, said tbe king.";
    let fixed = fix(c, text);
    assert_eq!(
        fixed,
        "The men came from the city, and he shewed them the way: thou shalt see it, and doest well, said the king."
    );
}

/// Only lower-case words, or capitalised ones at a sentence start, get
/// real-word candidates; names and acronyms never do.
#[test]
fn real_word_candidates_skip_names_and_acronyms() {
    let c = shipped();
    let text = "Tbe men came trom the city. Then Bat and TOR went tor the king.";
    let lx = DocLexicon::build(text);
    let mut seen = Vec::new();
    c.sites(text, &lx, true, &mut |s| {
        if s.alternatives.iter().any(|a| a.features.real_word == 1.0) {
            seen.push(text[s.start..s.end].to_string());
        }
    });
    assert!(seen.contains(&"tor".to_string()), "{seen:?}");
    assert!(!seen.iter().any(|w| w == "Bat" || w == "TOR"), "{seen:?}");
    // a British spelling is no OCR error for the American one
    let text = "Tbe men came trom the city. They apologised to the king.";
    let lx = DocLexicon::build(text);
    let mut tos = Vec::new();
    c.sites(text, &lx, true, &mut |s| tos.extend(s.alternatives.iter().map(|a| a.to.clone())));
    assert!(!tos.contains(&"apologized".to_string()), "{tos:?}");
}

/// Technical text repeats its unknown terms and has few strays: there a
/// dictionary word is taken as meant (`or` stays, though `of` fits too).
#[test]
fn technical_text_gets_no_real_word_candidates() {
    let c = shipped();
    let text = "The nstring is one or more octets. An nstring or a literal may follow; the nstring \
                is parsed by the server, and one or more of them may be sent.";
    let lx = DocLexicon::build(text);
    let mut real_word = 0;
    c.sites(text, &lx, true, &mut |s| real_word += s.alternatives.iter().filter(|a| a.features.real_word == 1.0).count());
    assert_eq!(real_word, 0);
}

/// A first correction pass learns how the document's OCR errs (`f` read as
/// `t`); the second weighs that evidence (`doc_confusion`).
#[test]
fn document_confusions_come_from_a_first_pass() {
    let c = shipped();
    let texts = ["He came trom the city atter the war, and betore the king spoke."];
    let learned = c.document_lexicon(&texts, true);
    assert!(learned.confusion_support("tor", "for") > 0.0);
    let plain = c.document_lexicon(&texts, false);
    assert_eq!(plain.confusion_support("tor", "for"), 0.0);
    assert!(c.uses_doc_confusions());
}

/// `correct_document` finds the sites once and rescores them; it must decide
/// exactly as a second full pass over the learned lexicon would.
#[test]
fn one_search_and_a_rescore_equal_two_passes() {
    let c = shipped();
    let texts = [
        "He came trom the city atter the war, and betore the king spoke tor them.",
        "Tbe men lett the hall. It was tbe end ot the day, and tbey went tor home.",
        "Nothing here needs a change at all.",
    ];
    let lexicon = c.document_lexicon(&texts, true);
    let two_passes: Vec<Vec<Correction>> = texts
        .iter()
        .map(|t| {
            let mut out = Vec::new();
            c.correct(t, &lexicon, &mut out);
            out
        })
        .collect();
    let found = c.correct_document(&texts);
    assert_eq!(found, two_passes);
    assert!(found[0].iter().any(|k| k.applied && k.to == "for"), "{:?}", found[0]);
}
