//! Properties of statement extraction on generated news-like text (proptest): spans lie on character
//! boundaries inside the text and reproduce the reported words, no two statements overlap, and the output
//! is deterministic and the same whatever the number of reader threads.

use dossier::article::{Article, ArticleMeta};
use dossier::corpus::CorpusSource;
use dossier::loading;
use dossier::metadata::{Fields, analyze};
use dossier::statements::{self, StatementRecord};
use proptest::prelude::*;
use proptest::strategy::ValueTree;

/// Pieces of news text: names, titles, speech verbs, quotation marks of several kinds, punctuation,
/// other scripts, line and paragraph breaks. Random sequences of them are messy but news-shaped.
const PIECES: &[&str] = &[
    "The minister",
    "President Hassan Rouhani",
    "Ms. Okafor",
    "he",
    "she",
    "they",
    "officials",
    "the spokesperson for the ministry",
    " said",
    " told reporters",
    " added",
    " according to ",
    " warned that",
    ", saying",
    "“",
    "”",
    "\"",
    "'",
    "‘",
    "’",
    "«",
    "»",
    ": ",
    ", ",
    ". ",
    "? ",
    "! ",
    " — ",
    " the troops must leave",
    " we will not accept this",
    " Zürich",
    " Tehran",
    " دولت",
    " 北京",
    " 😀",
    " U.S.",
    " on Monday",
    "\n",
    "\n\n",
    "  ",
    "(",
    ")",
];

fn news_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 1..80).prop_map(|pieces| pieces.concat())
}

fn extract(text: &str) -> (Vec<statements::Statement>, Vec<StatementRecord>) {
    let analysis = analyze(text, &Fields::default(), "generated.txt");
    let article = Article { meta: ArticleMeta::default(), text: text.to_owned(), lines: analysis.lines };
    let found = statements::extract(&article);
    let records = statements::to_records(text, &found);
    (found, records)
}

fn char_slice(text: &str, span: [usize; 2]) -> String {
    text.chars().skip(span[0]).take(span[1] - span[0]).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    #[test]
    fn spans_lie_on_the_words_and_never_overlap(text in news_text()) {
        let (found, records) = extract(&text);
        for statement in &found {
            for range in [Some(&statement.text), statement.cue.as_ref(), statement.mention.as_ref()].into_iter().flatten() {
                prop_assert!(range.start <= range.end && range.end <= text.len());
                prop_assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
            }
        }
        for record in &records {
            prop_assert_eq!(&char_slice(&text, record.text_span), &record.text);
            if let (Some(span), Some(mention)) = (record.mention_span, &record.mention) {
                prop_assert_eq!(&char_slice(&text, span), mention);
            }
            if let (Some(span), Some(cue)) = (record.cue_span, &record.cue) {
                prop_assert_eq!(&char_slice(&text, span), cue);
            }
        }
        let mut spans: Vec<[usize; 2]> = records.iter().map(|r| r.text_span).collect();
        spans.sort_unstable();
        for pair in spans.windows(2) {
            prop_assert!(pair[0][1] <= pair[1][0], "statements overlap: {:?} in {:?}", pair, text);
        }
    }

    #[test]
    fn extraction_is_deterministic(text in news_text()) {
        prop_assert_eq!(extract(&text).1, extract(&text).1);
    }
}

#[test]
fn the_number_of_reader_threads_changes_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    for i in 0..200 {
        let text = news_text().new_tree(&mut runner).unwrap().current();
        std::fs::write(folder.path().join(format!("{i:03}.txt")), format!("Headline {i}\n\n{text}")).unwrap();
    }
    let source = CorpusSource::Folder(folder.path().to_owned());
    let one = loading::load(&source, 1).unwrap();
    let four = loading::load(&source, 4).unwrap();
    assert!(one.statements.len() > 100, "{}", one.statements.len());
    assert_eq!(one.articles, four.articles);
    assert_eq!(one.statements, four.statements);
    assert_eq!(one.problems, four.problems);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Every hostile input (`dossier::adversarial`), at sizes up to 96 KB and cut anywhere: read as a file
    /// of a corpus it gives articles or problems, never a panic or an abort, and its statements' spans
    /// reproduce their words.
    #[test]
    fn hostile_input_gives_articles_or_problems_never_a_crash(
        generator in prop::sample::select(dossier::adversarial::GENERATORS),
        size in 1usize..96 << 10,
        cut in 0.5f64..1.0,
    ) {
        let mut text = (generator.make)(size);
        let mut at = (text.len() as f64 * cut) as usize;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        text.truncate(at.max(1));
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join(format!("input.{}", generator.extension));
        std::fs::write(&path, &text).unwrap();
        let corpus = loading::load(&CorpusSource::from_path(&path), 1).unwrap();
        prop_assert!(!corpus.articles.is_empty() || !corpus.problems.is_empty(), "{}: nothing said", generator.name);
        for meta in &corpus.articles {
            let article = corpus.read_article(meta).unwrap();
            let found = statements::extract(&article);
            for record in statements::to_records(&article.text, &found) {
                prop_assert_eq!(char_slice(&article.text, record.text_span), record.text);
            }
        }
    }
}
