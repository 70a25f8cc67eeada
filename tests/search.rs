//! Search: the query language over a real corpus, checked against what the articles and statements hold.

use dossier::corpus::{Corpus, CorpusSource};
use dossier::loading;
use dossier::search::{self, Scope, SearchIndex, SpeakerLookup};
use dossier::speakers::{SpeakerEdits, SpeakerNames};
use dossier::topics::{Topic, Topics};
use std::path::Path;
use std::sync::OnceLock;

fn wikinews() -> &'static (Corpus, SearchIndex, SpeakerLookup) {
    static CORPUS: OnceLock<(Corpus, SearchIndex, SpeakerLookup)> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/wikinews");
        let corpus = loading::load(&CorpusSource::Folder(path), 2).unwrap();
        let index = SearchIndex::build_in_memory(&corpus).unwrap();
        let found = corpus.found_speakers();
        let lookup = SpeakerLookup::new(&found, &SpeakerNames::build(&found, &SpeakerEdits::default()));
        (corpus, index, lookup)
    })
}

fn articles(query: &str) -> Vec<u32> {
    let (_, index, lookup) = wikinews();
    search::run(index, query, Scope::Articles, &Topics::default(), lookup).unwrap()
}

/// Articles whose text contains a word, by a plain scan (the truth the index must agree with).
fn scanned(predicate: impl Fn(&str) -> bool) -> Vec<u32> {
    let (corpus, _, _) = wikinews();
    (0..corpus.articles.len() as u32)
        .filter(|&i| {
            let meta = &corpus.articles[i as usize];
            let text = corpus.read_article(meta).unwrap().text;
            predicate(&format!("{} {}", meta.title, text).to_lowercase())
        })
        .collect()
}

#[test]
fn stems_find_other_forms_and_plain_scans_agree() {
    let withdraw = articles("withdraw");
    let withdrawal = scanned(|t| t.contains("withdrawal"));
    assert!(!withdrawal.is_empty());
    assert!(withdrawal.iter().all(|a| withdraw.contains(a)), "withdraw finds every article saying withdrawal");
    // A phrase is the words in order (stemmed: `prime ministers` too).
    let phrase = articles("\"prime minister\"");
    let words_in_order = |t: &str| {
        let words: Vec<&str> = t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        words.windows(2).any(|w| w[0] == "prime" && (w[1] == "minister" || w[1] == "ministers"))
    };
    assert_eq!(phrase, scanned(words_in_order));
}

#[test]
fn boolean_operators_combine_sets() {
    let iran = articles("Iran");
    let iraq = articles("Iraq");
    let both = articles("Iran Iraq");
    let either = articles("Iran OR Iraq");
    let only_iran = articles("Iran -Iraq");
    assert!(!both.is_empty() && both.len() < either.len());
    assert!(both.iter().all(|a| iran.contains(a) && iraq.contains(a)));
    assert_eq!(either.len(), iran.len() + iraq.len() - both.len());
    assert_eq!(only_iran.len(), iran.len() - both.len());
    assert_eq!(articles("Iran AND NOT Iraq"), only_iran);
    assert_eq!(articles("(Iran OR Iraq) AND NOT (Iran Iraq)").len(), either.len() - both.len());
}

#[test]
fn accents_prefixes_fields_and_dates() {
    // Erdoğan written with and without its accent.
    assert_eq!(articles("Erdogan"), articles("Erdoğan"));
    assert!(!articles("Erdogan").is_empty());
    let prefix = articles("pand*");
    assert!(!prefix.is_empty());
    assert_eq!(prefix, scanned(|t| t.split(|c: char| !c.is_alphanumeric()).any(|w| w.starts_with("pand"))));
    let (corpus, _, _) = wikinews();
    let titled = articles("title:Trump");
    assert!(titled.iter().all(|&a| corpus.articles[a as usize].title.contains("Trump")));
    assert_eq!(titled.len(), corpus.articles.iter().filter(|a| a.title.contains("Trump")).count());
    let in_2020 = articles("date:2020");
    assert_eq!(
        in_2020.len(),
        corpus.articles.iter().filter(|a| a.date.is_some_and(|d| d.format("%Y").to_string() == "2020")).count()
    );
    let spring = articles("date:[2020-03-01 TO 2020-05-31]");
    assert!(spring.iter().all(|&a| {
        let date = corpus.articles[a as usize].date.unwrap().format("%Y-%m").to_string();
        ("2020-03".."2020-06").contains(&date.as_str())
    }));
    assert!(!spring.is_empty());
    assert_eq!(articles("date:2020-03 OR date:2020-04 OR date:2020-05"), spring);
}

#[test]
fn speakers_statements_and_topics() {
    let (corpus, index, lookup) = wikinews();
    let by_trump = search::run(index, "speaker:Trump", Scope::Statements, &Topics::default(), lookup).unwrap();
    assert!(!by_trump.is_empty());
    // Exactly the statements of a speaker whose name, as found or as merged, holds the word.
    let names = SpeakerNames::build(&corpus.found_speakers(), &SpeakerEdits::default());
    let holds_trump = |name: &str| name.split(|c: char| !c.is_alphanumeric()).any(|word| word == "Trump");
    let expected: Vec<u32> = (0..corpus.statements.len() as u32)
        .filter(|&s| {
            let speaker = corpus.statements[s as usize].speaker.as_deref();
            speaker.is_some_and(|name| holds_trump(name) || holds_trump(names.canonical(name)))
        })
        .collect();
    assert_eq!(by_trump, expected);
    let statements_about = search::run(index, "wall", Scope::Statements, &Topics::default(), lookup).unwrap();
    assert!(!statements_about.is_empty());
    corpus
        .with_statement_records(statements_about.iter().copied(), |s, record| {
            let title = &corpus.articles[corpus.statements[s as usize].article as usize].title;
            assert!(format!("{} {}", record.unwrap().text, title).to_lowercase().contains("wall"));
            Ok::<(), ()>(())
        })
        .unwrap();
    let topics = Topics { topics: vec![Topic { name: "Virus".into(), query: "coronavirus OR COVID".into() }] };
    let by_topic = search::run(index, "topic:virus", Scope::Articles, &topics, lookup).unwrap();
    assert_eq!(by_topic, articles("coronavirus OR COVID"));
    assert!(!by_topic.is_empty());
}

/// A statement's document holds only its words and speaker: what it asks of its article is answered by
/// the article's document, and the two are combined as sets. Every combination must agree with the
/// parts asked one at a time, and dates with the articles' own dates.
#[test]
fn statements_combine_their_own_words_with_their_articles_fields() {
    use std::collections::BTreeSet;
    let (corpus, index, lookup) = wikinews();
    let statements = |query: &str| -> BTreeSet<u32> {
        search::run(index, query, Scope::Statements, &Topics::default(), lookup).unwrap().into_iter().collect()
    };
    let of_articles = |found: Vec<u32>| -> BTreeSet<u32> {
        let found: BTreeSet<u32> = found.into_iter().collect();
        (0..corpus.statements.len() as u32)
            .filter(|&s| found.contains(&corpus.statements[s as usize].article))
            .collect()
    };
    let every: BTreeSet<u32> = (0..corpus.statements.len() as u32).collect();

    let in_title = statements("title:trump");
    assert!(!in_title.is_empty() && in_title.len() < every.len());
    assert_eq!(in_title, of_articles(articles("title:trump")));
    let said = statements("text:president");
    assert!(!said.is_empty() && !said.is_subset(&in_title) && !in_title.is_subset(&said));
    assert_eq!(statements("title:trump AND text:president"), &in_title & &said);
    assert_eq!(statements("title:trump OR text:president"), &in_title | &said);
    assert_eq!(statements("NOT title:trump"), &every - &in_title);
    assert_eq!(statements("title:trump -text:president"), &in_title - &said);
    assert_eq!(statements("-title:trump text:president"), &said - &in_title);
    assert_eq!(statements("NOT (title:trump OR text:president)"), &every - &(&in_title | &said));

    // A word without a field looks in the statement's words and speaker, and its article's title,
    // outlet and author. Speakers are scanned for the whole word, so the words are ones whose stem no
    // speaker's other words share ("president" would also find a "Presidency").
    let speaker_holds = |word: &str| -> BTreeSet<u32> {
        (0..corpus.statements.len() as u32)
            .filter(|&s| {
                let speaker = corpus.statements[s as usize].speaker.as_deref().unwrap_or("").to_lowercase();
                speaker.split(|c: char| !c.is_alphanumeric()).any(|w| w == word)
            })
            .collect()
    };
    for word in ["trump", "wall", "police", "minister"] {
        let expected = [
            statements(&format!("text:{word}")),
            speaker_holds(word),
            of_articles(articles(&format!("title:{word} OR outlet:{word} OR author:{word}"))),
        ]
        .into_iter()
        .fold(BTreeSet::new(), |all, part| &all | &part);
        assert_eq!(statements(word), expected, "{word}");
    }
    assert_eq!(statements("president AND title:trump"), &statements("president") & &in_title);

    let in_2020: BTreeSet<u32> = (0..corpus.statements.len() as u32)
        .filter(|&s| {
            let date = corpus.articles[corpus.statements[s as usize].article as usize].date;
            date.is_some_and(|d| d.format("%Y").to_string() == "2020")
        })
        .collect();
    assert!(!in_2020.is_empty());
    assert_eq!(statements("date:2020"), in_2020);
    assert_eq!(statements("date:2020 text:president"), &in_2020 & &said);
}

#[test]
fn file_types_and_articles_with_statements() {
    let (corpus, _, _) = wikinews();
    assert_eq!(articles("type:csv").len(), corpus.articles.len());
    assert!(articles("type:html").is_empty());
    let with_statements = articles("has:statements");
    let mut expected: Vec<u32> = corpus.statements.iter().map(|s| s.article).collect();
    expected.dedup();
    assert_eq!(with_statements, expected);
    assert_eq!(articles("-has:statements").len(), corpus.articles.len() - expected.len());
}

#[test]
fn errors_say_where_and_why() {
    let (_, index, lookup) = wikinews();
    let error = search::run(index, "troops AND (Iraq", Scope::Articles, &Topics::default(), lookup).unwrap_err();
    assert_eq!(error.start, 11);
    assert!(error.message.contains("never closed"));
}

#[test]
fn the_index_lives_in_the_cache_and_is_reused_while_the_corpus_is_unchanged() {
    let corpus_folder = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    std::fs::write(corpus_folder.path().join("a.txt"), "Troops leave\n\nThe troops left Fort Ardel on Friday.")
        .unwrap();
    let source = CorpusSource::Folder(corpus_folder.path().to_owned());
    let corpus = loading::load(&source, 1).unwrap();
    let progress = search::BuildProgress::default();
    let index = SearchIndex::open_or_build(&corpus, cache.path(), &progress).unwrap();
    let lookup = SpeakerLookup::default();
    assert_eq!(search::run(&index, "troop", Scope::Articles, &Topics::default(), &lookup).unwrap(), [0]);
    drop(index);
    let stamp = std::fs::metadata(cache.path().join("manifest.bin")).unwrap().modified().unwrap();
    let again = SearchIndex::open_or_build(&corpus, cache.path(), &progress).unwrap();
    assert_eq!(std::fs::metadata(cache.path().join("manifest.bin")).unwrap().modified().unwrap(), stamp, "reused");
    assert_eq!(search::run(&again, "troop", Scope::Articles, &Topics::default(), &lookup).unwrap(), [0]);
    // The corpus folder holds only what the user put there.
    let names: Vec<_> = std::fs::read_dir(corpus_folder.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["a.txt"]);
    // A change to the corpus brings the index up to date.
    std::fs::write(corpus_folder.path().join("a.txt"), "Dam talks\n\nThe dam talks collapsed again today.").unwrap();
    let changed = loading::load(&source, 1).unwrap();
    let rebuilt = SearchIndex::open_or_build(&changed, cache.path(), &progress).unwrap();
    assert_eq!(
        search::run(&rebuilt, "troop", Scope::Articles, &Topics::default(), &lookup).unwrap(),
        Vec::<u32>::new()
    );
    assert_eq!(search::run(&rebuilt, "dams", Scope::Articles, &Topics::default(), &lookup).unwrap(), [0]);
}

#[cfg(unix)]
#[test]
fn a_few_changed_files_are_indexed_alone_and_the_results_equal_a_fresh_index() {
    use std::os::unix::fs::MetadataExt;
    let corpus_folder = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let topics = ["troops", "dams", "tariffs", "elections", "vaccines"];
    let write = |name: &str, i: usize, topic: &str| {
        let text = format!(
            "Report {i} on {topic}\n\nMinister Ana Bell{i} said the {topic} talks would go on. \"We will not stop,\" she added."
        );
        std::fs::write(corpus_folder.path().join(name), text).unwrap();
    };
    for i in 0..40 {
        write(&format!("{i:02}.txt"), i, topics[i % topics.len()]);
    }
    let source = CorpusSource::Folder(corpus_folder.path().to_owned());
    let progress = search::BuildProgress::default();
    let first = loading::load(&source, 2).unwrap();
    drop(SearchIndex::open_or_build(&first, cache.path(), &progress).unwrap());
    let inode = std::fs::metadata(cache.path().join("index")).unwrap().ino();
    // One file changed, one deleted, two added (one sorting first, so every article index shifts).
    write("05.txt", 5, "vaccines");
    std::fs::remove_file(corpus_folder.path().join("12.txt")).unwrap();
    write("00a.txt", 100, "tariffs");
    write("99.txt", 99, "troops");
    let changed = loading::load(&source, 2).unwrap();
    let updated = SearchIndex::open_or_build(&changed, cache.path(), &progress).unwrap();
    assert_eq!(std::fs::metadata(cache.path().join("index")).unwrap().ino(), inode, "updated in place, not rebuilt");
    let fresh = SearchIndex::build_in_memory(&changed).unwrap();
    let lookup = SpeakerLookup::default();
    for query in
        ["troops", "vaccines", "tariffs OR dams", "report -elections", "speaker:\"Ana Bell5\"", "\"will not stop\""]
    {
        for scope in [Scope::Articles, Scope::Statements] {
            let found = search::run(&updated, query, scope, &Topics::default(), &lookup).unwrap();
            assert_eq!(
                found,
                search::run(&fresh, query, scope, &Topics::default(), &lookup).unwrap(),
                "{query} {scope:?}"
            );
            assert!(!found.is_empty() || query.contains("Bell5"), "{query} {scope:?}");
        }
    }
    assert_eq!(search::run(&updated, "vaccines", Scope::Articles, &Topics::default(), &lookup).unwrap().len(), 9);
}

/// A dotted abbreviation is one word: `"US forces"` finds "U.S. forces" and `"U.S. forces"` finds
/// "US forces", words and phrases alike; single letters with dots elsewhere stay apart.
#[test]
fn dotted_abbreviations_match_their_undotted_forms() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("dotted.txt"), "Troops\n\nU.S. forces left the base, the U.N. said.").unwrap();
    std::fs::write(folder.path().join("plain.txt"), "Troops again\n\nUS forces returned, UN officials said.").unwrap();
    std::fs::write(folder.path().join("other.txt"), "Other\n\nThe forces of us all.").unwrap();
    let corpus = loading::load(&CorpusSource::Folder(folder.path().to_owned()), 1).unwrap();
    let index = SearchIndex::build_in_memory(&corpus).unwrap();
    let found = corpus.found_speakers();
    let lookup = SpeakerLookup::new(&found, &SpeakerNames::build(&found, &SpeakerEdits::default()));
    let files = |query: &str| -> Vec<String> {
        let hits = search::run(&index, query, Scope::Articles, &Topics::default(), &lookup).unwrap();
        hits.iter().map(|&i| corpus.files[corpus.articles[i as usize].file_id as usize].relative_path.clone()).collect()
    };
    assert_eq!(files("\"US forces\""), ["dotted.txt", "plain.txt"]);
    assert_eq!(files("\"U.S. forces\""), ["dotted.txt", "plain.txt"]);
    assert_eq!(files("U.N."), ["dotted.txt", "plain.txt"]);
    // `us` the pronoun is the same word as `US` once lowercased, as before: no phrase with forces, though.
    assert_eq!(files("\"forces of us\""), ["other.txt"]);
}
