//! Copies of a story and echoes of a statement, on fixtures made here from our own articles (Wikinews,
//! CC BY 2.5, and the sample corpus): copies in the shapes syndication gives them, and look-alikes that must
//! stay apart.

use dossier::corpus::{Corpus, CorpusSource};
use dossier::duplicates::{DEFAULT_COPY_THRESHOLD, Echoes, Stories};
use dossier::loading;
use dossier::speakers::SpeakerNames;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// How each story of the fixture is copied, one file per shape.
const SHAPES: [&str; 4] = ["masthead.html", "cut.txt", "wire.txt", "reworded.txt"];
/// Stories of the fixture that get copies.
const STORIES: usize = 30;
/// Of those, how many also get an update with substantial new text (a story of its own).
const UPDATES: usize = 12;

/// A Wikinews article: title, date (`YYYY-MM-DD`) and paragraphs (the first is its date line).
struct Source {
    title: String,
    date: String,
    paragraphs: Vec<String>,
}

fn wikinews(year: u32) -> Vec<Source> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/data/wikinews/wikinews_{year}.csv"));
    let mut reader = csv::Reader::from_path(path).unwrap();
    reader
        .records()
        .map(|row| {
            let row = row.unwrap();
            let paragraphs = row[3].split("\n\n").map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned).collect();
            Source { title: row[2].to_owned(), date: row[1].to_owned(), paragraphs }
        })
        .collect()
}

fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn copy_folder(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A sentence said another way: "It was reported that …", a word in five left out, the rest kept.
fn reword(sentence: &str) -> String {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let kept: Vec<&str> = words.iter().enumerate().filter(|(i, _)| i % 5 != 3).map(|(_, w)| *w).collect();
    format!("It was reported that {}", kept.join(" ").to_lowercase())
}

/// Writes the fixture under `root`: for each of `STORIES` Wikinews stories its original and four copies
/// (`stories/story-NNN-…`), updates of `UPDATES` of them with new text from articles not otherwise in the
/// fixture (`updates/`), every other Wikinews article once (`others/`: among them, reports of the same
/// events), and the sample corpus (`sample/`: a dozen reports of one storyline). Returns the stories'
/// labels by relative path prefix.
fn write_fixture(root: &Path) {
    let (articles_2019, articles_2020) = (wikinews(2019), wikinews(2020));
    // Stories long enough that a cut paragraph is a small part of them: 6 to 20 paragraphs.
    let chosen: Vec<usize> = (0..articles_2019.len())
        .filter(|&i| (7..=21).contains(&articles_2019[i].paragraphs.len()))
        .take(STORIES)
        .collect();
    assert_eq!(chosen.len(), STORIES);
    // New text for updates comes from articles kept out of the fixture otherwise.
    let donors: Vec<&Source> = articles_2020[100..].iter().filter(|s| s.paragraphs.len() >= 6).collect();
    for (story, &index) in chosen.iter().enumerate() {
        let source = &articles_2019[index];
        let (date_line, body) = (&source.paragraphs[0], &source.paragraphs[1..]);
        let name = |shape: &str| format!("stories/story-{story:03}-{shape}");
        let original = format!("{}\n\n{date_line}\n\n{}\n", source.title, body.join("\n\n"));
        write(root, &name("0-original.txt"), &original);
        // Another outlet's web page: its masthead, navigation and share buttons around the same text.
        let paragraphs: String = body.iter().map(|p| format!("<p>{}</p>\n", html_escape(p))).collect();
        let html = format!(
            "<!DOCTYPE html><html><head><title>{title} | The Copy Gazette</title><meta property=\"og:site_name\" content=\"The Copy Gazette\"><meta property=\"article:published_time\" content=\"{date}\"></head><body><header><div class=\"masthead\">The Copy Gazette</div><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav></header><article><h1>{title}</h1>\n<p>{date_line}</p>\n{paragraphs}<p>Share this article</p></article><footer>Copyright 2019 The Copy Gazette</footer></body></html>",
            title = html_escape(&format!("As it happened: {}", source.title)),
            date = source.date,
        );
        write(root, &name("1-masthead.html"), &html);
        // A new headline, and the last paragraph cut to fit.
        let cut = format!(
            "Latest: {}\n\n{date_line}\n\n{}\n",
            source.title.to_uppercase(),
            body[..body.len() - 1].join("\n\n")
        );
        write(root, &name("2-cut.txt"), &cut);
        // A wire service's credit, dateline and reporting line.
        let wire = format!(
            "{}\n\n{date_line}\n\nBy Continental Press Agency staff\n\nGENEVA (CPA) — {}\n\n(Reporting by Anna Weber; additional reporting by Tom Quist; editing by Ines Marin)\n",
            source.title,
            body.join("\n\n")
        );
        write(root, &name("3-wire.txt"), &wire);
        // One sentence said another way: the first of the longest paragraph of several sentences.
        let longest = (0..body.len()).filter(|&i| body[i].contains(". ")).max_by_key(|&i| body[i].len()).unwrap();
        let mut reworded: Vec<String> = body.to_vec();
        let first_sentence = reworded[longest].split_inclusive(". ").next().unwrap().to_owned();
        reworded[longest] = reworded[longest].replacen(&first_sentence, &format!("{}. ", reword(&first_sentence)), 1);
        let reworded = format!("{}\n\n{date_line}\n\n{}\n", source.title, reworded.join("\n\n"));
        write(root, &name("4-reworded.txt"), &reworded);
        if story < UPDATES {
            // The same story later, with at least as much new text again as it had (from another article).
            let old_length: usize = body.iter().map(|p| p.len()).sum();
            let mut update = body.to_vec();
            let mut added = 0;
            for paragraph in donors[story % donors.len()].paragraphs[1..].iter().cycle() {
                if added >= old_length * 6 / 10 {
                    break;
                }
                update.push(paragraph.clone());
                added += paragraph.len();
            }
            let text = format!("UPDATED: {}\n\n{date_line}\n\n{}\n", source.title, update.join("\n\n"));
            write(root, &format!("updates/story-{story:03}-update.txt"), &text);
        }
    }
    for (year, articles) in [(2019, &articles_2019[..]), (2020, &articles_2020[..100])] {
        for (index, source) in articles.iter().enumerate() {
            if year == 2019 && chosen.contains(&index) {
                continue;
            }
            let text = format!("{}\n\n{}\n", source.title, source.paragraphs.join("\n\n"));
            write(root, &format!("others/{year}-{index:03}.txt"), &text);
        }
    }
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-corpus");
    std::fs::create_dir_all(root.join("sample")).unwrap();
    copy_folder(&sample, &root.join("sample"));
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The story an article of the fixture belongs to: `story-NNN` for a story and its copies, else its own.
fn label(corpus: &Corpus, article: u32) -> String {
    let meta = &corpus.articles[article as usize];
    let path = &corpus.files[meta.file_id as usize].relative_path;
    match path.strip_prefix("stories/") {
        Some(rest) => rest[..9].to_owned(),
        None => format!("{path}#{}", meta.record),
    }
}

/// Pairs of articles (smaller index first) that are in one group.
fn pairs(groups: impl Iterator<Item = Vec<u32>>) -> BTreeSet<(u32, u32)> {
    let mut pairs = BTreeSet::new();
    for group in groups {
        for (i, &a) in group.iter().enumerate() {
            for &b in &group[i + 1..] {
                pairs.insert((a.min(b), a.max(b)));
            }
        }
    }
    pairs
}

fn fixture() -> (tempfile::TempDir, Corpus) {
    let folder = tempfile::tempdir().unwrap();
    write_fixture(folder.path());
    let corpus = loading::load(&CorpusSource::Folder(folder.path().to_owned()), 2).unwrap();
    (folder, corpus)
}

#[test]
fn copies_are_found_with_precision_and_recall_of_at_least_95_percent() {
    let (_folder, corpus) = fixture();
    let stories = Stories::find(&corpus, DEFAULT_COPY_THRESHOLD);
    let mut truth: HashMap<String, Vec<u32>> = HashMap::new();
    for article in 0..corpus.articles.len() as u32 {
        truth.entry(label(&corpus, article)).or_default().push(article);
    }
    let true_pairs = pairs(truth.into_values());
    let found_pairs = pairs((0..corpus.articles.len() as u32).map(|a| stories.copies(a).to_vec()));
    let right = true_pairs.intersection(&found_pairs).count();
    let (precision, recall) = (right as f64 / found_pairs.len() as f64, right as f64 / true_pairs.len() as f64);
    let wrong: Vec<(String, String)> = found_pairs
        .difference(&true_pairs)
        .map(|&(a, b)| (corpus.articles[a as usize].title.clone(), corpus.articles[b as usize].title.clone()))
        .collect();
    let missed: Vec<(String, String)> = true_pairs
        .difference(&found_pairs)
        .map(|&(a, b)| (corpus.articles[a as usize].title.clone(), corpus.articles[b as usize].title.clone()))
        .collect();
    eprintln!(
        "{} articles, {} true pairs, {} found: precision {precision:.3}, recall {recall:.3}; wrong {wrong:?}; missed {missed:?}",
        corpus.articles.len(),
        true_pairs.len(),
        found_pairs.len()
    );
    // The margins: the least alike copies, and the most alike update of a story.
    let similarity = |(a, b): (u32, u32)| corpus.fingerprints[a as usize].similarity(&corpus.fingerprints[b as usize]);
    let least_copy = true_pairs.iter().map(|&pair| similarity(pair)).fold(1.0, f64::min);
    let path_of = |a: u32| corpus.files[corpus.articles[a as usize].file_id as usize].relative_path.clone();
    let update_pairs =
        (0..corpus.articles.len() as u32).filter(|&a| path_of(a).starts_with("updates/")).flat_map(|u| {
            let story = path_of(u)["updates/".len()..][..9].to_owned();
            (0..corpus.articles.len() as u32)
                .filter(move |&a| path_of(a).contains(&story) && a != u)
                .map(move |a| (u, a))
        });
    let most_alike_update = update_pairs.map(similarity).fold(0.0, f64::max);
    eprintln!("least alike copies {least_copy:.3}; most alike update {most_alike_update:.3}");
    assert_eq!(true_pairs.len(), STORIES * 10);
    assert!(precision >= 0.95, "precision {precision}");
    assert!(recall >= 0.95, "recall {recall}");
    // Each shape on its own is found: at most one story's copy of a shape may be missed.
    for shape in SHAPES {
        let found = (0..corpus.articles.len() as u32)
            .filter(|&a| corpus.files[corpus.articles[a as usize].file_id as usize].relative_path.ends_with(shape))
            .filter(|&a| stories.copy_of(a).is_some())
            .count();
        assert!(found >= STORIES - 1, "{shape}: {found} of {STORIES} found as copies");
    }
    // No update is merged with its story, whatever the estimate's noise.
    for article in 0..corpus.articles.len() as u32 {
        let path = &corpus.files[corpus.articles[article as usize].file_id as usize].relative_path;
        if path.starts_with("updates/") {
            assert_eq!(stories.copies(article), &[article], "{path} merged");
        }
    }
    // Every story is counted once.
    let all: Vec<u32> = (0..corpus.articles.len() as u32).collect();
    let unique = stories.once_each(&corpus, &all);
    assert_eq!(unique.len(), corpus.articles.len() - STORIES * 4);
    assert_eq!(stories.story_count(), unique.len());
}

#[test]
fn the_first_copy_is_the_earliest_then_the_first_by_path() {
    let folder = tempfile::tempdir().unwrap();
    let source = &wikinews(2019)[0];
    let body = source.paragraphs[1..].join("\n\n");
    // `a-…` comes first by path, but `b-…` is dated earlier; `c-…` has b's date and comes after it by path.
    write(folder.path(), "a-later.txt", &format!("{}\n\nFriday, January 11, 2019\n\n{body}\n", source.title));
    write(folder.path(), "b-earlier.txt", &format!("Other headline\n\nFriday, January 4, 2019\n\n{body}\n"));
    write(folder.path(), "c-same-day.txt", &format!("Third headline\n\nFriday, January 4, 2019\n\n{body}\n"));
    write(folder.path(), "d-undated.txt", &format!("Fourth headline\n\n{body}\n"));
    let corpus = loading::load(&CorpusSource::Folder(folder.path().to_owned()), 2).unwrap();
    let stories = Stories::find(&corpus, DEFAULT_COPY_THRESHOLD);
    assert_eq!(stories.copies(0), &[1, 2, 0, 3]);
    assert_eq!(stories.copy_of(1), None);
    assert_eq!([0, 2, 3].map(|a| stories.copy_of(a)), [Some(1); 3]);
    assert_eq!(stories.once_each(&corpus, &[0, 1, 2, 3]), vec![1]);
    assert_eq!(stories.once_each(&corpus, &[0, 2, 3]), vec![2], "the earliest of those selected");
}

/// Runs the program with a cache folder of its own, so tests never touch the user's.
fn dossier(args: &[&str], cache: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .env("DOSSIER_CACHE_DIR", cache)
        .args(args)
        .output()
        .expect("dossier runs")
}

fn json_lines(output: &Output) -> Vec<serde_json::Value> {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn the_command_line_counts_each_story_once_and_names_the_first_copy() {
    let folder = tempfile::tempdir().unwrap();
    let (corpus_folder, cache) = (folder.path().join("corpus"), folder.path().join("cache"));
    write_fixture(&corpus_folder);
    let path = corpus_folder.to_str().unwrap();
    let all = json_lines(&dossier(&["articles", path], &cache));
    let unique = json_lines(&dossier(&["articles", path, "--unique"], &cache));
    assert_eq!(all.len() - unique.len(), STORIES * 4);
    assert!(unique.iter().all(|article| article["copy_of"].is_null()));
    let copy = all.iter().find(|a| a["file"] == "stories/story-004-3-wire.txt").unwrap();
    assert_eq!(copy["copy_of"], "stories/story-004-0-original.txt#0");
    // The CSV has the same column.
    let csv = dossier(&["articles", path, "--format", "csv", "--unique"], &cache);
    let mut reader = csv::Reader::from_reader(csv.stdout.as_slice());
    assert_eq!(reader.headers().unwrap().iter().last(), Some("copy_of"));
    assert_eq!(reader.records().count(), unique.len());
    // Statements of the copies point to where they were said first; `--unique` keeps the first copies'.
    let statements = json_lines(&dossier(&["statements", path], &cache));
    let unique_statements = json_lines(&dossier(&["statements", path, "--unique"], &cache));
    assert!(unique_statements.len() < statements.len());
    assert!(unique_statements.iter().all(|s| !s["file"].as_str().unwrap().starts_with("stories/story-")
        || s["file"].as_str().unwrap().contains("-0-original")));
    let of_copy: Vec<&serde_json::Value> =
        statements.iter().filter(|s| s["file"] == "stories/story-004-3-wire.txt").collect();
    assert!(!of_copy.is_empty());
    assert!(of_copy.iter().all(|s| s["first_said"] == "stories/story-004-0-original.txt#0"), "{of_copy:?}");
    // A stricter threshold than any copy reaches keeps every article.
    let strict = json_lines(&dossier(&["articles", path, "--unique", "--copy-threshold", "1"], &cache));
    assert!(strict.len() > unique.len());
    let bad = dossier(&["articles", path, "--copy-threshold", "1.5"], &cache);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn fingerprints_come_back_from_the_cache_and_find_the_same_copies() {
    let folder = tempfile::tempdir().unwrap();
    let (corpus_folder, cache) = (folder.path().join("corpus"), folder.path().join("cache.bin"));
    write_fixture(&corpus_folder);
    let source = CorpusSource::Folder(corpus_folder.clone());
    let cold = loading::load_cached(&source, 2, Some(&cache)).unwrap();
    let warm = loading::load_cached(&source, 2, Some(&cache)).unwrap();
    assert_eq!(warm.files_from_cache, warm.files.len());
    assert_eq!(cold.fingerprints, warm.fingerprints);
    assert_eq!(cold.statements, warm.statements);
    let (cold_stories, warm_stories) = (Stories::find(&cold, 0.7), Stories::find(&warm, 0.7));
    assert!(cold_stories.copied_stories() >= STORIES - 1);
    for article in 0..cold.articles.len() as u32 {
        assert_eq!(cold_stories.copies(article), warm_stories.copies(article));
    }
    // A copy edited into another story is read again alone and leaves its group.
    let copy = corpus_folder.join("stories/story-002-3-wire.txt");
    std::fs::write(
        &copy,
        "A new story\n\nFriday, March 1, 2019\n\n".to_owned() + &"Entirely other words here. ".repeat(40),
    )
    .unwrap();
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
    std::fs::File::options().write(true).open(&copy).unwrap().set_modified(later).unwrap();
    let refreshed = loading::load_cached(&source, 2, Some(&cache)).unwrap();
    assert_eq!(refreshed.files_from_cache, refreshed.files.len() - 1);
    let stories = Stories::find(&refreshed, 0.7);
    let edited = (0..refreshed.articles.len() as u32)
        .find(|&a| {
            refreshed.files[refreshed.articles[a as usize].file_id as usize]
                .relative_path
                .ends_with("story-002-3-wire.txt")
        })
        .unwrap();
    assert_eq!(stories.copies(edited), &[edited]);
}

/// Writes five articles (other bodies, outlets and days) that quote one statement, and a sixth where
/// someone else says the same words.
fn write_echo_fixture(root: &Path) -> PathBuf {
    let sources = wikinews(2019);
    let quote = [
        "\"We will rebuild every flooded school before the winter comes,\" Education Minister Lena Okafor said on Monday.",
        "\"We will rebuild every flooded school before the winter comes,\" Education Minister Lena Okafor told reporters.",
        "“We will REBUILD every flooded school — before the winter comes,” said Education Minister Lena Okafor.",
        "\"We will rebuild every flooded school before the winter comes,\" Education Minister Lena Okafor said.",
        "\"We will rebuild every flooded school before the winter comes,\" Lena Okafor, the education minister, said.",
        "\"We will rebuild every flooded school before the winter comes,\" opposition leader Marek Vosk said mockingly.",
    ];
    let outlets =
        ["Harbour Ledger", "Northwind Wire", "Harbour Ledger", "Meridian Post", "Valley Times", "Valley Times"];
    let dates = ["2019-05-03", "2019-05-01", "2019-05-02", "2019-05-07", "2019-05-04", "2019-05-05"];
    let mut lines = String::new();
    for (index, quote) in quote.iter().enumerate() {
        let source = &sources[10 + index];
        let mut body: Vec<&str> = source.paragraphs[1..4].iter().map(String::as_str).collect();
        body.insert(1, quote);
        let record = serde_json::json!({"title": source.title, "date": dates[index], "source": outlets[index], "body": body.join("\n\n")});
        lines.push_str(&format!("{record}\n"));
    }
    let path = root.join("echoes.jsonl");
    std::fs::write(&path, lines).unwrap();
    path
}

#[test]
fn a_quote_travelling_through_several_articles_is_one_echo_group() {
    let folder = tempfile::tempdir().unwrap();
    write_echo_fixture(folder.path());
    let corpus = loading::load(&CorpusSource::Folder(folder.path().to_owned()), 2).unwrap();
    let names = SpeakerNames::default();
    let echoes = Echoes::find(&corpus, &names);
    let mut texts = Vec::new();
    corpus
        .with_statement_records(0..corpus.statements.len() as u32, |index, record| {
            texts.push((index, record.unwrap().text.clone(), record.unwrap().speaker.clone()));
            Ok::<(), ()>(())
        })
        .unwrap();
    let okafor: Vec<u32> = texts
        .iter()
        .filter(|(_, text, speaker)| {
            text.to_lowercase().contains("flooded school") && speaker.as_deref() == Some("Lena Okafor")
        })
        .map(|(index, _, _)| *index)
        .collect();
    assert_eq!(okafor.len(), 5, "{texts:?}");
    let echo = echoes.echo(&corpus, okafor[0]).expect("an echo group");
    assert_eq!((echo.statements, echo.articles, echo.outlets), (5, 5, 4));
    // First said on 1 May in the Northwind Wire (record 1), whatever the order of the file.
    assert_eq!(echo.first_article, 1);
    assert_eq!(echo.first_date, chrono::NaiveDate::from_ymd_opt(2019, 5, 1));
    assert_eq!(echo.first_outlet.as_deref(), Some("Northwind Wire"));
    for &statement in &okafor {
        assert_eq!(echoes.echo(&corpus, statement).unwrap(), echo);
        let own = corpus.statements[statement as usize].article;
        assert_eq!(echoes.first_said(&corpus, statement), (own != 1).then_some(1));
    }
    // Vosk's same words are not Okafor's statement.
    let vosk =
        texts.iter().find(|(_, text, speaker)| text.contains("flooded") && speaker.as_deref() == Some("Marek Vosk"));
    assert!(vosk.is_none_or(|(index, _, _)| !echoes.group(*index).contains(&okafor[0])));
    // Counting each statement once: one of the five.
    let firsts = echoes.firsts();
    assert_eq!(okafor.iter().filter(|&&s| firsts[s as usize]).count(), 1);
}

#[test]
fn the_chart_and_statements_can_count_each_statement_once() {
    let folder = tempfile::tempdir().unwrap();
    let (corpus_folder, cache) = (folder.path().join("corpus"), folder.path().join("cache"));
    std::fs::create_dir_all(&corpus_folder).unwrap();
    write_echo_fixture(&corpus_folder);
    let path = corpus_folder.to_str().unwrap();
    let said = |statements: &[serde_json::Value]| {
        statements
            .iter()
            .filter(|s| s["speaker"] == "Lena Okafor" && s["text"].as_str().unwrap().contains("flooded"))
            .count()
    };
    let all = json_lines(&dossier(&["statements", path], &cache));
    let once = json_lines(&dossier(&["statements", path, "--unique-statements"], &cache));
    assert_eq!((said(&all), said(&once)), (5, 1));
    let first: Vec<&serde_json::Value> =
        all.iter().filter(|s| s["speaker"] == "Lena Okafor" && s["first_said"].is_null()).collect();
    assert!(first.iter().all(|s| s["record"] == 1 || !s["text"].as_str().unwrap().contains("flooded")));
    assert!(
        all.iter()
            .filter(|s| s["speaker"] == "Lena Okafor"
                && s["record"] != 1
                && s["text"].as_str().unwrap().contains("flooded"))
            .all(|s| s["first_said"] == "echoes.jsonl#1")
    );
    let count = |extra: &[&str]| -> u64 {
        let out = folder.path().join(format!("chart-{}.csv", extra.len()));
        let mut args =
            vec!["chart", path, "--series", "speaker:Lena Okafor", "--bucket", "year", "--out", out.to_str().unwrap()];
        args.extend_from_slice(extra);
        let output = dossier(&args, &cache);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let mut reader = csv::Reader::from_path(&out).unwrap();
        reader.records().map(|row| row.unwrap()[1].parse::<u64>().unwrap()).sum()
    };
    let (every, each_once) = (count(&[]), count(&["--unique-statements"]));
    assert_eq!(every - each_once, 4, "the four echoes are not counted again");
}
