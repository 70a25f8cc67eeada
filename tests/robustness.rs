//! Invariants under mangled input: statement spans stay on character boundaries and reproduce their
//! words, extraction is deterministic, and the query parser never panics and always says where it failed.
//! The input is real news cut, truncated and sprinkled with quote marks, punctuation and other scripts by
//! a fixed-seed generator, so every run checks the same cases.

use dossier::article::Article;
use dossier::corpus::CorpusSource;
use dossier::loading;
use std::path::Path;

/// A fixed-seed xorshift generator: the same cases on every run.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[test]
fn mangled_news_keeps_spans_on_the_words() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/wikinews");
    let corpus = loading::load(&CorpusSource::Folder(folder), 2).unwrap();
    let texts: Vec<String> = corpus.articles.iter().take(40).map(|a| corpus.read_article(a).unwrap().text).collect();
    let pieces = [
        "\"",
        "“",
        "”",
        "'",
        "’",
        ",",
        ".",
        " said",
        " told ",
        " according to ",
        "\n\n",
        "é",
        "中",
        "🙂",
        " He ",
        " Mr.",
        ":",
        "(",
        ")",
        "—",
        "\u{a0}",
        "'s",
        "...",
        " and said ",
        ", saying",
        "\u{feff}",
    ];
    let mut random = Random(0x5EED_CA5E);
    for _ in 0..300 {
        let mut text = texts[random.below(texts.len())].clone();
        for _ in 0..1 + random.below(20) {
            let at = floor_boundary(&text, random.below(text.len() + 1));
            match random.below(3) {
                0 => text.insert_str(at, pieces[random.below(pieces.len())]),
                1 => {
                    let end = floor_boundary(&text, (at + random.below(40)).min(text.len()));
                    text.replace_range(at..end, "");
                }
                _ => text.truncate(at),
            }
        }
        let analysis = dossier::metadata::analyze(&text, &Default::default(), "mangled.txt");
        let article = Article { meta: Default::default(), text: text.clone(), lines: analysis.lines };
        let statements = dossier::statements::extract(&article);
        assert_eq!(statements, dossier::statements::extract(&article), "deterministic");
        let chars: Vec<char> = text.chars().collect();
        for (statement, record) in statements.iter().zip(dossier::statements::to_records(&text, &statements)) {
            assert!(text.is_char_boundary(statement.text.start) && text.is_char_boundary(statement.text.end));
            let [start, end] = record.text_span;
            assert!(start <= end && end <= chars.len());
            assert_eq!(chars[start..end].iter().collect::<String>(), record.text, "the span reproduces the words");
        }
    }
}

#[test]
fn the_query_parser_never_panics_and_always_says_where() {
    let pieces = [
        "a", "troops", " ", "\"", "“", "(", ")", "[", "]", "{", "}", ":", "title:", "date:", "date:[", " TO ", "*",
        "-", "+", "AND", "OR", "NOT", "topic:", "speaker:", "é", "中", "2021", "2021-04", "\\", "type:", "has:",
    ];
    let topics = |name: &str| (name == "a").then(|| "topic:a OR b".to_owned());
    let mut random = Random(0xBADC_0FFE);
    for _ in 0..20_000 {
        let query: String = (0..random.below(12)).map(|_| pieces[random.below(pieces.len())]).collect();
        match dossier::search::query::parse(&query, &topics) {
            Ok(node) => {
                dossier::search::match_ranges("The troops withdrew in 2021; a speaker said é 中", &node);
            }
            Err(error) => {
                let length = query.chars().count();
                assert!(error.start <= error.end && error.end <= length, "{query:?}: {error:?}");
                assert!(!error.message.is_empty());
            }
        }
    }
}

/// The inputs with which the fuzz targets (`fuzz/`) once crashed, replayed as the targets read them.
#[test]
fn inputs_that_once_crashed_a_fuzz_target_are_handled() {
    use dossier::ingest::{Format, read_records};
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut replayed = 0;
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        match name.split('-').next().unwrap() {
            "readers" => {
                const FORMATS: [Format; 6] =
                    [Format::Text, Format::Markdown, Format::Html, Format::Json, Format::JsonLines, Format::Csv];
                let format = FORMATS[data[0] as usize % FORMATS.len()];
                let text = String::from_utf8_lossy(&data[1..]);
                for record in read_records(format, &text).records {
                    assert!(text.get(record.byte_range.clone()).is_some(), "{name}: {:?}", record.byte_range);
                }
            }
            "query" => {
                let query = std::str::from_utf8(&data).unwrap();
                let error = dossier::search::query::parse(query, &|_| None).unwrap_err();
                assert!(error.start <= error.end && error.end <= query.chars().count(), "{name}: {error:?}");
            }
            other => panic!("{name}: no replay for the target {other}"),
        }
        replayed += 1;
    }
    assert!(replayed >= 2, "the regression inputs are there");
}
