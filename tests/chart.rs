//! `dossier chart`: the exported SVG, PNG and CSV, checked against the statements the command line lists.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Output};

/// Runs the program with a cache folder of its own, so tests never touch the user's.
fn dossier(args: &[&str]) -> Output {
    static CACHE: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .env("DOSSIER_CACHE_DIR", CACHE.get_or_init(|| tempfile::tempdir().unwrap()).path())
        .args(args)
        .output()
        .expect("dossier runs")
}

fn sample() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-corpus").to_str().unwrap().to_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Statements per canonical speaker in dated articles, from `dossier statements`.
fn dated_statement_counts(args: &[&str]) -> HashMap<String, u64> {
    let mut all = vec!["statements", "--format", "jsonl"];
    all.extend_from_slice(args);
    let output = dossier(&all);
    let mut counts = HashMap::new();
    for line in String::from_utf8(output.stdout).unwrap().lines() {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        if let (Some(speaker), false) = (record["speaker"].as_str(), record["date"].is_null()) {
            *counts.entry(speaker.to_owned()).or_insert(0) += 1;
        }
    }
    counts
}

#[test]
fn csv_columns_sum_to_the_statement_counts() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("chart.csv");
    let output = dossier(&["chart", &sample(), "--bucket", "quarter", "--out", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut reader = csv::Reader::from_path(&out).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header.first().map(String::as_str), Some("bucket_start"));
    assert_eq!(header[header.len() - 2..], ["total_articles", "total_statements"]);
    let series = &header[1..header.len() - 2];
    assert_eq!(series.len(), 5, "top five speakers by default: {header:?}");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(rows.len() > 4, "the sample spans several years");
    for row in &rows {
        let start = chrono::NaiveDate::parse_from_str(&row[0], "%Y-%m-%d").unwrap();
        assert!([1, 4, 7, 10].contains(&chrono::Datelike::month(&start)), "quarters start on quarter days");
    }
    let expected = dated_statement_counts(&[&sample()]);
    for (column, name) in series.iter().enumerate() {
        let sum: u64 = rows.iter().map(|r| r[column + 1].parse::<u64>().unwrap()).sum();
        assert_eq!(sum, expected[name], "column {name}");
    }
    // The five are the most frequent speakers.
    let mut ranked: Vec<u64> = expected.values().copied().collect();
    ranked.sort_unstable_by(|a, b| b.cmp(a));
    let fifth_largest = ranked[4];
    assert!(series.iter().all(|name| expected[name] >= fifth_largest));
    // Total articles per bucket add up to the dated articles.
    let articles = dossier(&["articles", &sample()]);
    let dated = String::from_utf8(articles.stdout).unwrap().lines().filter(|l| !l.contains("\"date\":null")).count();
    let total: usize = rows.iter().map(|r| r[header.len() - 2].parse::<usize>().unwrap()).sum();
    assert_eq!(total, dated);
    // Total statements per bucket add up to the statements of dated articles, so shares can be recomputed.
    let statements = dossier(&["statements", &sample()]);
    let dated_statements =
        String::from_utf8(statements.stdout).unwrap().lines().filter(|l| !l.contains("\"date\":null")).count();
    let total_statements: usize = rows.iter().map(|r| r[header.len() - 1].parse::<usize>().unwrap()).sum();
    assert_eq!(total_statements, dated_statements);
    // The sidecar says how the chart was made.
    let sidecar: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(folder.path().join("chart.csv.json")).unwrap()).unwrap();
    assert_eq!(sidecar["bucket"], "quarter");
    assert_eq!(sidecar["measure"], "count");
    assert_eq!(sidecar["series"].as_array().unwrap().len(), 5);
}

#[test]
fn share_of_articles_stays_within_a_hundred_percent() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("share.csv");
    let output = dossier(&[
        "chart",
        &sample(),
        "--measure",
        "share",
        "--count",
        "articles",
        "--bucket",
        "year",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut reader = csv::Reader::from_path(&out).unwrap();
    let width = reader.headers().unwrap().len();
    let mut largest: f64 = 0.0;
    for row in reader.records().map(Result::unwrap) {
        for cell in row.iter().skip(1).take(width - 2) {
            let value: f64 = cell.parse().unwrap();
            assert!((0.0..=100.0).contains(&value), "{value}");
            largest = largest.max(value);
        }
    }
    assert!(largest > 0.0);
}

#[test]
fn svg_is_xml_with_series_names_and_axis_labels() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("chart.svg");
    let output = dossier(&[
        "chart",
        &sample(),
        "--series",
        "speakers:top3",
        "--bucket",
        "year",
        "--style",
        "bars",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let svg = std::fs::read_to_string(&out).unwrap();
    let document = roxmltree::Document::parse(&svg).expect("the SVG is well-formed XML");
    let texts: Vec<&str> = document.descendants().filter_map(|n| n.text()).map(str::trim).collect();
    assert!(texts.iter().any(|t| t.starts_with("Statements per year")), "y axis label in {texts:?}");
    assert!(texts.iter().any(|t| t.starts_with("Date (years)")), "x axis label");
    assert!(texts.iter().any(|t| *t == "2021"), "year labels on the x axis");
    let top = dated_statement_counts(&[&sample()]);
    let mut ranked: Vec<(&String, &u64)> = top.iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    // Text may be written twice (an outline and a fill); count distinct entries.
    let legend: std::collections::BTreeSet<&&str> = texts
        .iter()
        .filter(|t| t.rsplit_once(" (").is_some_and(|(_, n)| n.trim_end_matches(')').parse::<u64>().is_ok()))
        .collect();
    let legend = legend.len();
    assert_eq!(legend, 3, "three legend entries in {texts:?}");
    assert!(texts.iter().any(|t| t.starts_with(ranked[0].0.as_str())), "the top speaker is in the legend");
}

#[test]
fn png_decodes_at_the_requested_size_and_is_not_blank() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("chart.png");
    let output = dossier(&["chart", &sample(), "--size", "800x450", "--out", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&out).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    assert_eq!((info.width, info.height), (800, 450));
    let colours: std::collections::HashSet<&[u8]> = pixels.chunks(3).collect();
    assert!(colours.len() > 20, "lines, text and axes are drawn ({} colours)", colours.len());
    let palette_blue = [31u8, 119, 180];
    assert!(pixels.chunks(3).filter(|p| *p == palette_blue).count() > 100, "the first series is drawn in its colour");
}

#[test]
fn existing_files_are_kept_without_force_and_bad_arguments_say_why() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("chart.svg");
    std::fs::write(&out, "mine").unwrap();
    let output = dossier(&["chart", &sample(), "--out", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--force"), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "mine");
    let output = dossier(&["chart", &sample(), "--force", "--out", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("<svg"));

    for (args, reason) in [
        (vec!["--out", "x.pdf"], ".png, .svg or .csv"),
        (vec!["--out", "x.png", "--size", "10x10"], "100 to"),
        (vec!["--out", "x.png", "--series", "nobody"], "speakers:top5"),
        (vec!["--out", "x.png", "--bucket", "decade"], "decade"),
    ] {
        let mut all = vec!["chart", "/nonexistent-corpus"];
        all.extend(args);
        let output = dossier(&all);
        assert_eq!(output.status.code(), Some(2), "{all:?}");
        let message = stderr(&output);
        assert_eq!(message.lines().count(), 1, "{message}");
        assert!(message.contains(reason), "{message}");
    }
}

#[test]
fn one_speaker_by_name_and_speaker_edits_apply() {
    let folder = tempfile::tempdir().unwrap();
    let counts = dated_statement_counts(&[&sample()]);
    let (name, count) = counts.iter().max_by_key(|(n, c)| (**c, std::cmp::Reverse((*n).clone()))).unwrap();
    let edits = folder.path().join("speakers.json");
    std::fs::write(&edits, format!(r#"{{"renames": {{"{name}": "Renamed Speaker"}}}}"#)).unwrap();
    let out = folder.path().join("one.csv");
    let output = dossier(&[
        "chart",
        &sample(),
        "--series",
        "speaker:Renamed Speaker",
        "--speakers",
        edits.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut reader = csv::Reader::from_path(&out).unwrap();
    assert_eq!(&reader.headers().unwrap()[1], "Renamed Speaker");
    let sum: u64 = reader.records().map(|r| r.unwrap()[1].parse::<u64>().unwrap()).sum();
    assert_eq!(sum, *count);
}

/// A corpus with no dates has nothing to draw: the image export says so and writes no file; the CSV
/// still says what there is (no buckets).
#[test]
fn no_dates_nothing_to_draw() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("a.txt"), "Talks\n\nThe minister said the talks would resume.").unwrap();
    let out = folder.path().join("out");
    std::fs::create_dir(&out).unwrap();
    for name in ["chart.png", "chart.svg"] {
        let target = out.join(name);
        let output =
            dossier(&["chart", folder.path().join("a.txt").to_str().unwrap(), "--out", target.to_str().unwrap()]);
        assert!(!output.status.success());
        assert!(
            stderr(&output).contains("nothing to draw: no article of the selection has a date"),
            "{}",
            stderr(&output)
        );
        assert!(!target.exists());
    }
}

/// The default "top speakers" ranks people and named organisations: unnamed sources such as "police" and
/// "officials", among the most frequent speakers of the Wikinews corpus, stay out of it.
#[test]
fn top_speakers_leave_unnamed_sources_out() {
    let wikinews = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/wikinews");
    let folder = tempfile::tempdir().unwrap();
    let statements = dossier(&["statements", wikinews.to_str().unwrap(), "--format", "jsonl"]);
    let mut unnamed_counts: HashMap<String, usize> = HashMap::new();
    let mut named_counts: HashMap<String, usize> = HashMap::new();
    for line in String::from_utf8(statements.stdout).unwrap().lines() {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        if let Some(speaker) = record["speaker"].as_str() {
            let counts = if record["named"] == true { &mut named_counts } else { &mut unnamed_counts };
            *counts.entry(speaker.to_owned()).or_insert(0) += 1;
        }
    }
    let busiest_unnamed = unnamed_counts.iter().max_by_key(|(_, count)| **count).map(|(name, _)| name.clone()).unwrap();
    let mut named: Vec<(&String, &usize)> = named_counts.iter().collect();
    named.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    // The busiest unnamed source would be among the top five if unnamed sources were ranked.
    assert!(unnamed_counts[&busiest_unnamed] > *named[4].1, "{busiest_unnamed} vs {named:?}");
    let out = folder.path().join("chart.csv");
    let output = dossier(&["chart", wikinews.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut reader = csv::Reader::from_path(&out).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let series = &header[1..header.len() - 2];
    assert_eq!(series.len(), 5);
    assert!(!series.contains(&busiest_unnamed), "{series:?}");
    for name in series {
        assert!(named_counts.contains_key(name), "{name} in {series:?}");
    }
}

/// `speakers:unnamed` counts the statements of all unnamed sources together, bucket by bucket; as a share,
/// their part of all statements.
#[test]
fn the_unnamed_sources_series_counts_every_statement_of_an_unnamed_source() {
    let wikinews = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/wikinews");
    let statements = dossier(&["statements", wikinews.to_str().unwrap(), "--format", "jsonl"]);
    let unnamed_dated = String::from_utf8(statements.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
        .filter(|r| r["speaker"].is_string() && r["named"] == false && r["date"].is_string())
        .count() as u64;
    assert!(unnamed_dated > 50, "{unnamed_dated}");
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("unnamed.csv");
    let output =
        dossier(&["chart", wikinews.to_str().unwrap(), "--series", "speakers:unnamed", "--out", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut reader = csv::Reader::from_path(&out).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header[1], "Unnamed sources");
    let total: u64 = reader.records().map(|r| r.unwrap()[1].parse::<u64>().unwrap()).sum();
    assert_eq!(total, unnamed_dated);
}
