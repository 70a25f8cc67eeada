//! The `dossier` command line, run as a user runs it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs the program with a cache folder of its own, so tests never touch the user's.
fn dossier(args: &[&str]) -> Output {
    with_cache(&mut Command::new(env!("CARGO_BIN_EXE_dossier"))).args(args).output().expect("dossier runs")
}

/// A folder or file of the repository's test data (`tests/data/…`).
fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(path)
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn articles_jsonl_has_one_record_per_article_with_every_field() {
    let output = dossier(&["articles", data("messy").to_str().unwrap(), "--format", "jsonl"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = stdout(&output);
    let records: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(records.len(), 6);
    let keys = ["file", "record", "title", "date", "date_source", "outlet", "author", "url", "words", "copy_of"];
    for (line, record) in text.lines().zip(&records) {
        assert_eq!(record.as_object().unwrap().len(), keys.len());
        let positions: Vec<usize> = keys.iter().map(|k| line.find(&format!("\"{k}\":")).unwrap()).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "fields in contract order: {line}");
    }
    assert_eq!(records[0]["file"], "000_c98080d3a6e5a15d.txt");
    assert_eq!(records[0]["record"], 0);
    assert_eq!(records[0]["date"], "2024-04-22");
    assert_eq!(records[0]["date_source"], "text");
    assert_eq!(records[1]["date"], serde_json::Value::Null);
    assert_eq!(records[1]["date_source"], serde_json::Value::Null);
    assert!(records.iter().all(|r| r["words"].as_u64().unwrap() > 100));
}

#[test]
fn articles_csv_over_wikinews() {
    let output = dossier(&["articles", data("wikinews").to_str().unwrap(), "--format", "csv"]);
    assert!(output.status.success());
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    assert_eq!(
        reader.headers().unwrap(),
        vec!["file", "record", "title", "date", "date_source", "outlet", "author", "url", "words", "copy_of"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 295);
    assert_eq!(&rows[0][0], "wikinews_2019.csv");
    assert_eq!(&rows[0][3], "2019-01-04");
    assert_eq!(&rows[0][4], "field");
    assert_eq!(&rows[171][0], "wikinews_2020.csv");
    assert_eq!(&rows[171][1], "0");
}

#[test]
fn a_single_file_can_be_given() {
    let output = dossier(&["articles", data("wikinews/wikinews_2020.csv").to_str().unwrap()]);
    assert!(output.status.success());
    assert_eq!(stdout(&output).lines().count(), 124);
}

#[test]
fn bad_arguments_and_missing_paths_give_one_line_and_a_non_zero_exit() {
    for args in [
        &["articles", "/no/such/folder"][..],
        &["articles", ".", "--format", "xml"],
        &["articles"],
        &["frobnicate", "x", "y"],
    ] {
        let output = dossier(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with("dossier: "), "{stderr}");
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn help_on_every_command() {
    for args in [&["--help"][..], &["articles", "--help"]] {
        let output = dossier(args);
        assert!(output.status.success());
        assert!(stdout(&output).contains("Usage: dossier"));
    }
    assert!(stdout(&dossier(&["articles", "--help"])).contains("--format"));
}

#[test]
fn problems_go_to_stderr_and_the_good_records_are_still_printed() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("good.txt"), "Headline\n\nBody.").unwrap();
    std::fs::write(folder.path().join("bad.json"), "{ nope").unwrap();
    let output = dossier(&["articles", folder.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(3));
    assert_eq!(stdout(&output).lines().count(), 1);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1);
    assert!(stderr.starts_with("dossier: bad.json: invalid JSON"), "{stderr}");
}

#[test]
fn statements_follow_the_contract_and_spans_reproduce_the_words() {
    let messy = data("messy");
    let output = dossier(&["statements", messy.to_str().unwrap(), "--format", "jsonl"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = stdout(&output);
    let keys = [
        "file",
        "record",
        "speaker",
        "speaker_type",
        "named",
        "role",
        "mention",
        "mention_span",
        "cue",
        "cue_span",
        "kind",
        "act",
        "text",
        "text_span",
        "date",
        "title",
        "url",
        "first_said",
    ];
    let mut count = 0;
    for line in text.lines() {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(record.as_object().unwrap().len(), keys.len());
        let positions: Vec<usize> = keys.iter().map(|k| line.find(&format!("\"{k}\":")).unwrap()).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "fields in contract order: {line}");
        // The spans index the article text as decoded from the file, in characters.
        let article: Vec<char> =
            std::fs::read_to_string(messy.join(record["file"].as_str().unwrap())).unwrap().chars().collect();
        let slice = |span: &serde_json::Value| -> String {
            let (start, end) = (span[0].as_u64().unwrap() as usize, span[1].as_u64().unwrap() as usize);
            article[start..end].iter().collect()
        };
        assert_eq!(slice(&record["text_span"]), record["text"].as_str().unwrap());
        if !record["cue_span"].is_null() {
            assert_eq!(slice(&record["cue_span"]), record["cue"].as_str().unwrap());
        }
        if !record["mention_span"].is_null() {
            assert_eq!(slice(&record["mention_span"]), record["mention"].as_str().unwrap());
        }
        assert!(["direct", "indirect", "mixed"].contains(&record["kind"].as_str().unwrap()));
        // A statement without a speaker has no named speaker; a role is a named person's.
        assert!(record["named"].is_boolean(), "{line}");
        if record["speaker"].is_null() {
            assert_eq!(record["named"], false, "{line}");
        }
        if !record["role"].is_null() {
            assert_eq!(
                (record["named"].as_bool(), record["speaker_type"].as_str()),
                (Some(true), Some("person")),
                "{line}"
            );
        }
        assert!(!record["title"].as_str().unwrap().is_empty(), "the article's title: {line}");
        count += 1;
    }
    assert!(count >= 40, "{count} statements");
    let csv_output = dossier(&["statements", messy.to_str().unwrap(), "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv_output.stdout.as_slice());
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), keys);
    assert_eq!(reader.records().count(), count);
}

#[test]
fn statements_apply_speaker_edits() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(
        folder.path().join("a.txt"),
        "Talks\n\nForeign Minister Amara Dused said the talks would resume next week.",
    )
    .unwrap();
    let edits = folder.path().join("speakers.json");
    std::fs::write(&edits, r#"{"renames": {"Amara Dused": "Amara Dused (Veloria)"}}"#).unwrap();
    let output =
        dossier(&["statements", folder.path().join("a.txt").to_str().unwrap(), "--speakers", edits.to_str().unwrap()]);
    let record: serde_json::Value = serde_json::from_str(stdout(&output).lines().next().unwrap()).unwrap();
    assert_eq!(record["speaker"], "Amara Dused (Veloria)");
    assert_eq!(record["text"], "the talks would resume next week");
}

/// A cache folder of its own, so the test never touches the user's.
fn with_cache(command: &mut Command) -> &mut Command {
    static CACHE: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    command.env("DOSSIER_CACHE_DIR", CACHE.get_or_init(|| tempfile::tempdir().unwrap()).path())
}

#[test]
fn queries_and_topics_select_articles_and_statements() {
    let messy = data("messy");
    let messy = messy.to_str().unwrap();
    let all = dossier(&["articles", messy]);
    let some = dossier(&["articles", messy, "--query", "Talvane"]);
    assert!(some.status.success(), "{}", String::from_utf8_lossy(&some.stderr));
    let (all, some) = (stdout(&all), stdout(&some));
    assert!(some.lines().count() >= 1 && some.lines().count() < all.lines().count());
    assert!(some.lines().all(|line| all.contains(line)));
    // Statements by a speaker, through the same syntax.
    let by_reyvik = dossier(&["statements", messy, "--query", "speaker:Reyvik"]);
    let records: Vec<serde_json::Value> =
        stdout(&by_reyvik).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(!records.is_empty());
    assert!(records.iter().all(|r| r["speaker"] == "Tomas Reyvik"));
    // A topic from a file.
    let folder = tempfile::tempdir().unwrap();
    let topics = folder.path().join("topics.json");
    std::fs::write(&topics, r#"{"topics": [{"name": "Brigades", "query": "\"Red Ash\" OR RAB"}]}"#).unwrap();
    let by_topic = dossier(&["articles", messy, "--topics", topics.to_str().unwrap(), "--query", "topic:Brigades"]);
    let same = dossier(&["articles", messy, "--query", "\"Red Ash\" OR RAB"]);
    assert_eq!(stdout(&by_topic), stdout(&same));
    assert!(!stdout(&same).is_empty());
    // A chart of the topic counts the statements the query finds, bucket by bucket.
    let out = folder.path().join("topic.csv");
    let chart = dossier(&[
        "chart",
        messy,
        "--series",
        "topic:Brigades",
        "--topics",
        topics.to_str().unwrap(),
        "--bucket",
        "year",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(chart.status.success(), "{}", String::from_utf8_lossy(&chart.stderr));
    let mut reader = csv::Reader::from_path(&out).unwrap();
    assert_eq!(&reader.headers().unwrap()[1], "Brigades");
    let charted: u64 = reader.records().map(|r| r.unwrap()[1].parse::<u64>().unwrap()).sum();
    let statements = dossier(&["statements", messy, "--query", "topic:Brigades", "--topics", topics.to_str().unwrap()]);
    let dated = stdout(&statements).lines().filter(|l| !l.contains("\"date\":null")).count() as u64;
    assert_eq!(charted, dated);
}

#[test]
fn a_bad_query_says_where_in_one_line() {
    let output = dossier(&["articles", data("messy").to_str().unwrap(), "--query", "troops AND (Iraq"]);
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(message.contains("never closed") && message.contains("character 12"), "{message}");
}

/// Past its time budget, extraction stops, keeps what it found, and the problem says so; the article is
/// still listed. (A budget of a microsecond stands in for a file that takes minutes.)
#[test]
fn extraction_past_its_time_budget_stops_and_says_so() {
    let folder = tempfile::tempdir().unwrap();
    let paragraph = "The minister said the talks would resume. \"We are ready,\" she added.\n\n";
    std::fs::write(folder.path().join("long.txt"), format!("Long report\n\n{}", paragraph.repeat(2000))).unwrap();
    // Caches of their own: what a file gave, cut or not, is cached and reused while the file is unchanged.
    let (cut_cache, whole_cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let output = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .env("DOSSIER_CACHE_DIR", cut_cache.path())
        .env("DOSSIER_EXTRACTION_SECONDS", "0.000001")
        .args(["statements", folder.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("long.txt: article 0: extraction stopped after 0.000001 s"), "{stderr}");
    assert!(stderr.contains("the statements found up to there are kept"), "{stderr}");
    let unlimited = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .env("DOSSIER_CACHE_DIR", whole_cache.path())
        .env("DOSSIER_EXTRACTION_SECONDS", "0")
        .args(["statements", folder.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(unlimited.status.success());
    assert_eq!(stdout(&unlimited).lines().count(), 4000);
    assert!(stdout(&output).lines().count() < 4000);
}

#[test]
fn statements_say_whether_the_speaker_is_named_and_give_the_role() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(
        folder.path().join("a.txt"),
        "Talks\n\nForeign Minister Amara Dused said the talks would resume next week.\n\nOfficials said the border would stay closed.",
    )
    .unwrap();
    let output = dossier(&["statements", folder.path().to_str().unwrap()]);
    let records: Vec<serde_json::Value> =
        stdout(&output).lines().map(|line| serde_json::from_str(line).unwrap()).collect();
    assert_eq!(records.len(), 2, "{records:?}");
    assert_eq!((&records[0]["speaker"], &records[0]["named"]), (&"Amara Dused".into(), &true.into()));
    assert_eq!(records[0]["role"], "Foreign Minister");
    assert_eq!((&records[1]["speaker"], &records[1]["named"]), (&"officials".into(), &false.into()));
    assert!(records[1]["role"].is_null());
    let csv_output = dossier(&["statements", folder.path().to_str().unwrap(), "--format", "csv"]);
    let csv_text = String::from_utf8(csv_output.stdout).unwrap();
    assert!(csv_text.contains(",true,Foreign Minister,"), "{csv_text}");
    assert!(csv_text.contains("officials,person,false,,"), "{csv_text}");
}

#[test]
fn speakers_lists_named_and_unnamed_speakers_and_the_merges() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(
        folder.path().join("a.txt"),
        "Talks\n\nTurkish President Recep Tayyip Erdoğan said the talks would resume.\n\nOfficials said the border would stay closed.",
    )
    .unwrap();
    std::fs::write(folder.path().join("b.txt"), "Gas\n\nTurkish president Erdoğan said the pipeline would open.")
        .unwrap();
    let output = dossier(&["speakers", folder.path().to_str().unwrap()]);
    let lines: Vec<serde_json::Value> = stdout(&output).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines[0], serde_json::json!({"speaker": "Recep Tayyip Erdoğan", "statements": 2, "named": true}));
    assert_eq!(lines[1], serde_json::json!({"speaker": "officials", "statements": 1, "named": false}));
    let review = folder.path().join("review.json");
    std::fs::write(&review, r#"{"merges": [{"from": "Erdoğan", "to": "Recep Tayyip Erdoğan", "right": true}]}"#)
        .unwrap();
    let output =
        dossier(&["speakers", folder.path().to_str().unwrap(), "--merges", "--review", review.to_str().unwrap()]);
    let merge: serde_json::Value = serde_json::from_str(stdout(&output).lines().next().unwrap()).unwrap();
    assert_eq!(
        (&merge["from"], &merge["to"], &merge["reason"]),
        (&"Erdoğan".into(), &"Recep Tayyip Erdoğan".into(), &"surname".into())
    );
    assert_eq!(merge["articles"], serde_json::json!(["b.txt#0"]));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("merges: 1 right, 0 wrong, 0 unreviewed; precision 100.0%"), "{stderr}");
}
