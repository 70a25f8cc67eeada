//! `dossier index` and `--from` against a real OpenSearch node (never a mock). The node's URL comes from
//! `DOSSIER_TEST_OPENSEARCH` (`./dev.sh test` starts one); without it every test fails and says how to
//! start one.

mod common;
use common::{TestNode, free_port, node};
use dossier::browse::{ArticleOrder, ArticleRow, Browse, Cursor, Facet, LocalBrowse, Page, StatementRow};
use dossier::remote::ingest::{IngestOptions, Part, ingest};
use dossier::remote::{Client, RemoteBrowse, RemoteCorpus, Target};
use dossier::timeline::{Bucket, ChartRequest, Measure, SeriesSpec};
use dossier::topics::Topics;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// A fresh index name on the test node (its three indices deleted first), unique to this test and process.
fn fresh_index(test: &str) -> String {
    let base = node();
    let name = format!("t-{test}-{}", std::process::id());
    let client = Client::from_env(&base).expect("client");
    client
        .send("DELETE", &format!("/{name},{name}-statements,{name}-files?ignore_unavailable=true"), None)
        .expect("delete");
    format!("{base}/{name}")
}

fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Runs `dossier` with a cache folder of its own.
fn dossier(cache: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .env("DOSSIER_CACHE_DIR", cache)
        .args(args)
        .output()
        .expect("dossier runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn index_corpus(cache: &Path, corpus: &Path, url: &str, extra: &[&str]) -> Output {
    let mut args = vec!["index", corpus.to_str().unwrap(), "--to", url];
    args.extend_from_slice(extra);
    let output = dossier(cache, &args);
    assert!(output.status.success(), "dossier index failed: {}", stderr(&output));
    output
}

/// How many statements the corpus holds, read locally: what the index must hold after an ingest.
fn local_statements(corpus: &Path) -> usize {
    dossier::loading::load(&dossier::corpus::CorpusSource::from_path(corpus), 2).unwrap().statements.len()
}

/// The local command and the same command `--from` the index print the same bytes; returns the records.
fn assert_same(cache: &Path, corpus: &Path, url: &str, command: &[&str]) -> usize {
    let mut local = vec![command[0], corpus.to_str().unwrap()];
    local.extend_from_slice(&command[1..]);
    let mut remote = vec![command[0], "--from", url];
    remote.extend_from_slice(&command[1..]);
    let (local, remote) = (dossier(cache, &local), dossier(cache, &remote));
    assert!(remote.status.success(), "{command:?} --from failed: {}", stderr(&remote));
    let (local_out, remote_out) = (stdout(&local), stdout(&remote));
    assert_eq!(local_out, remote_out, "{command:?}: the records from the index differ from the local ones");
    local_out.lines().count()
}

/// Chart CSV from the index equals the local one.
fn assert_same_chart(cache: &Path, corpus: &Path, url: &str, options: &[&str]) {
    let folder = tempfile::tempdir().unwrap();
    let (local_csv, remote_csv) = (folder.path().join("local.csv"), folder.path().join("remote.csv"));
    let mut local = vec!["chart", corpus.to_str().unwrap(), "--out", local_csv.to_str().unwrap()];
    local.extend_from_slice(options);
    let mut remote = vec!["chart", "--from", url, "--out", remote_csv.to_str().unwrap()];
    remote.extend_from_slice(options);
    let local_run = dossier(cache, &local);
    let remote_run = dossier(cache, &remote);
    assert!(remote_run.status.success(), "chart --from failed: {}", stderr(&remote_run));
    assert!(local_run.status.success(), "local chart failed: {}", stderr(&local_run));
    let (local_text, remote_text) =
        (std::fs::read_to_string(&local_csv).unwrap(), std::fs::read_to_string(&remote_csv).unwrap());
    assert!(local_text.lines().count() > 1, "the chart has buckets");
    assert_eq!(local_text, remote_text, "chart {options:?}");
}

/// Documents in an index, counted by the cluster.
fn count(url: &str, suffix: &str) -> u64 {
    let target = Target::parse(url).unwrap();
    let client = Client::from_env(&target.base).unwrap();
    client.ok("POST", &format!("/{}{suffix}/_refresh", target.name), None).unwrap();
    client.ok("GET", &format!("/{}{suffix}/_count", target.name), None).unwrap()["count"].as_u64().unwrap()
}

/// Copies a folder of articles.
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

#[test]
fn the_sample_corpus_reads_back_with_the_same_records_queries_and_chart() {
    let url = fresh_index("sample");
    let cache = tempfile::tempdir().unwrap();
    let corpus = data("assets/sample-corpus");
    index_corpus(cache.path(), &corpus, &url, &["--quiet"]);
    assert_eq!(assert_same(cache.path(), &corpus, &url, &["articles"]), 31);
    assert_same(cache.path(), &corpus, &url, &["articles", "--format", "csv"]);
    assert_eq!(assert_same(cache.path(), &corpus, &url, &["statements"]), local_statements(&corpus));
    assert_same(cache.path(), &corpus, &url, &["statements", "--format", "csv"]);
    assert!(assert_same(cache.path(), &corpus, &url, &["articles", "--query", "sanctions OR troops"]) > 0);
    assert!(assert_same(cache.path(), &corpus, &url, &["statements", "--query", "\"said\" AND NOT date:2023"]) > 0);
    assert_same_chart(cache.path(), &corpus, &url, &[]);
}

#[test]
fn wikinews_reads_back_with_the_same_records_queries_and_charts() {
    let url = fresh_index("wikinews");
    let cache = tempfile::tempdir().unwrap();
    let corpus = data("tests/data/wikinews");
    index_corpus(cache.path(), &corpus, &url, &["--quiet"]);
    assert_eq!(assert_same(cache.path(), &corpus, &url, &["articles"]), 295);
    assert_eq!(assert_same(cache.path(), &corpus, &url, &["statements"]), local_statements(&corpus));
    // Stems, phrases, booleans, prefixes, dates, fields, merged speakers, dotted abbreviations, file types.
    for query in [
        "withdraw",
        "\"prime minister\"",
        "Iran OR Iraq",
        "speaker:obama",
        "title:elect* AND NOT date:2019",
        "date:[2020-01-01 TO 2020-06-30] has:statements",
        "U.S. forces",
        "police -officials",
        "type:csv outlet:wikinews",
    ] {
        let articles = assert_same(cache.path(), &corpus, &url, &["articles", "--query", query]);
        let statements = assert_same(cache.path(), &corpus, &url, &["statements", "--query", query]);
        assert!(articles > 0 && statements > 0, "`{query}` finds something");
    }
    assert_same(cache.path(), &corpus, &url, &["articles", "--unique"]);
    assert_same(cache.path(), &corpus, &url, &["statements", "--unique-statements", "--format", "csv"]);
    assert_same_chart(cache.path(), &corpus, &url, &[]);
    assert_same_chart(
        cache.path(),
        &corpus,
        &url,
        &["--bucket", "year", "--count", "articles", "--series", "speakers:unnamed", "speakers:top5"],
    );
    assert_same_chart(cache.path(), &corpus, &url, &["--measure", "share", "--query", "election"]);
}

#[test]
fn facets_and_histograms_count_as_the_local_corpus() {
    let url = fresh_index("facets");
    let cache = tempfile::tempdir().unwrap();
    let corpus_path = data("assets/sample-corpus");
    index_corpus(cache.path(), &corpus_path, &url, &["--quiet"]);
    let remote = RemoteCorpus::open(&Target::parse(&url).unwrap()).unwrap();
    let local = dossier::loading::load(&dossier::corpus::CorpusSource::from_path(&corpus_path), 2).unwrap();
    let mut outlets = std::collections::BTreeMap::new();
    for article in &local.articles {
        if let Some(outlet) = &article.outlet {
            *outlets.entry(outlet.clone()).or_insert(0u64) += 1;
        }
    }
    let facet: std::collections::BTreeMap<String, u64> = remote
        .facet(false, "outlet.keyword", &serde_json::json!({"match_all": {}}), 1000)
        .unwrap()
        .into_iter()
        .collect();
    assert_eq!(facet, outlets);
    let mut years = std::collections::BTreeMap::new();
    for article in local.articles.iter().filter_map(|a| a.date) {
        *years.entry(format!("{}-01-01", chrono::Datelike::year(&article))).or_insert(0u64) += 1;
    }
    let histogram: std::collections::BTreeMap<String, u64> =
        remote.date_histogram(false, "year").unwrap().into_iter().filter(|(_, n)| *n > 0).collect();
    assert_eq!(histogram, years);
    // One article read back whole.
    let source = remote.article_source(0).unwrap();
    assert_eq!(source["title"], local.articles[0].title.as_str());
    assert!(source["text"].as_str().unwrap().len() > 100);
}

#[test]
fn a_second_run_sends_only_changed_files_and_deletes_removed_ones() {
    let url = fresh_index("rerun");
    let cache = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    copy_folder(&data("assets/sample-corpus"), folder.path());
    let target = Target::parse(&url).unwrap();
    let options = IngestOptions { threads: 2, part: None, progress: false };
    let first = ingest(folder.path(), &target, &options).unwrap();
    assert_eq!((first.files_sent, first.files_unchanged), (25, 0));
    let again = ingest(folder.path(), &target, &options).unwrap();
    assert_eq!((again.files_sent, again.files_unchanged, again.articles_sent), (0, 25, 0), "nothing changed");

    let mut files: Vec<PathBuf> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let changed = &files[0];
    let text = std::fs::read_to_string(changed).unwrap();
    std::fs::write(changed, text.replace("said", "stated")).unwrap();
    std::fs::remove_file(&files[1]).unwrap();
    std::fs::write(folder.path().join("zz-added.txt"), "Added story\n\n\"We are here,\" said Mara Quill, the mayor.\n")
        .unwrap();
    let third = ingest(folder.path(), &target, &options).unwrap();
    assert_eq!((third.files_sent, third.files_removed, third.files_unchanged), (2, 1, 23));
    assert_same(cache.path(), folder.path(), &url, &["articles"]);
    assert_same(cache.path(), folder.path(), &url, &["statements"]);
    assert_eq!(count(&url, "-files"), 25);
}

#[test]
fn an_interrupted_ingest_resumes_with_nothing_lost_or_doubled() {
    let url = fresh_index("resume");
    let cache = tempfile::tempdir().unwrap();
    let corpus = data("assets/sample-corpus");
    let stopped = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .env("DOSSIER_CACHE_DIR", cache.path())
        .env("DOSSIER_INDEX_STOP_AFTER_FILES", "6")
        .args(["index", corpus.to_str().unwrap(), "--to", &url, "--threads", "2"])
        .output()
        .unwrap();
    assert_eq!(stopped.status.code(), Some(75), "the test hook stops the run: {}", stderr(&stopped));
    let files_before = count(&url, "-files");
    assert!((6..25).contains(&files_before), "part of the files are in the manifest: {files_before}");
    let resumed = index_corpus(cache.path(), &corpus, &url, &[]);
    let report = stderr(&resumed);
    assert!(report.contains(&format!("{} to send, {files_before} unchanged", 25 - files_before)), "{report}");
    assert!(report.contains("dossier: sent"), "progress on stderr: {report}");
    assert_eq!(count(&url, ""), 31);
    assert_eq!(count(&url, "-statements"), local_statements(&corpus) as u64);
    assert_eq!(count(&url, "-files"), 25);
    assert_same(cache.path(), &corpus, &url, &["statements"]);
}

#[test]
fn parts_ingest_their_share_and_keep_the_other_parts_files() {
    let url = fresh_index("parts");
    let cache = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    copy_folder(&data("assets/sample-corpus"), folder.path());
    let target = Target::parse(&url).unwrap();
    let part = |index| IngestOptions { threads: 1, part: Some(Part { index, count: 2 }), progress: false };
    // Both halves at once, as two machines would.
    let (one, two) = std::thread::scope(|scope| {
        let one = scope.spawn(|| ingest(folder.path(), &target, &part(1)).unwrap());
        let two = scope.spawn(|| ingest(folder.path(), &target, &part(2)).unwrap());
        (one.join().unwrap(), two.join().unwrap())
    });
    assert_eq!(one.files + two.files, 25);
    assert!(one.files > 0 && two.files > 0, "both parts hold files");
    assert_same(cache.path(), folder.path(), &url, &["articles"]);
    assert_same(cache.path(), folder.path(), &url, &["statements"]);
    // A file of part 1 removed: part 2's run leaves it; part 1's run deletes it.
    let mut files: Vec<String> = walkdir::WalkDir::new(folder.path())
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(folder.path()).unwrap().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let of_part_one = files.iter().find(|f| Part { index: 1, count: 2 }.holds(f)).unwrap().clone();
    std::fs::remove_file(folder.path().join(&of_part_one)).unwrap();
    let two_again = ingest(folder.path(), &target, &part(2)).unwrap();
    assert_eq!((two_again.files_removed, two_again.files_sent), (0, 0));
    assert_eq!(count(&url, "-files"), 25);
    let one_again = ingest(folder.path(), &target, &part(1)).unwrap();
    assert_eq!(one_again.files_removed, 1);
    assert_eq!(count(&url, "-files"), 24);
    assert_same(cache.path(), folder.path(), &url, &["articles"]);
}

#[test]
fn a_node_that_is_down_gives_a_clear_error() {
    node();
    let cache = tempfile::tempdir().unwrap();
    let url = format!("http://127.0.0.1:{}/news", free_port());
    let corpus = data("assets/sample-corpus");
    for args in [
        vec!["index", corpus.to_str().unwrap(), "--to", &url],
        vec!["articles", "--from", &url],
        vec!["statements", "--from", &url, "--query", "troops"],
    ] {
        let output = dossier(cache.path(), &args);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {message}");
        assert!(message.contains("cannot reach OpenSearch at http://127.0.0.1:"), "{message}");
        assert!(message.contains("is the node running?"), "{message}");
        assert!(!message.contains("panicked"), "{message}");
    }
    // A bad address and a missing index are said plainly too.
    let output = dossier(cache.path(), &["articles", "--from", "localhost:9200/news"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("must start with http://"), "{}", stderr(&output));
    let missing = format!("{}/no-such-index-{}", node(), std::process::id());
    let output = dossier(cache.path(), &["articles", "--from", &missing]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("there is no index"), "{}", stderr(&output));
}

#[test]
fn wrong_credentials_give_a_clear_401() {
    node();
    let guarded = TestNode::with_basic_auth("dossier", "right-password");
    let url = format!("http://127.0.0.1:{}/news", guarded.port);
    let cache = tempfile::tempdir().unwrap();
    let corpus = data("assets/sample-corpus");
    let run = |credentials: &[(&str, &str)], args: &[&str]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_dossier"));
        command
            .env("DOSSIER_CACHE_DIR", cache.path())
            .env_remove("DOSSIER_OPENSEARCH_USER")
            .env_remove("DOSSIER_OPENSEARCH_PASSWORD")
            .env_remove("DOSSIER_OPENSEARCH_API_KEY");
        for (name, value) in credentials {
            command.env(name, value);
        }
        command.args(args).output().unwrap()
    };
    let index_args = ["index", corpus.to_str().unwrap(), "--to", &url, "--quiet"];
    let none = run(&[], &index_args);
    assert_eq!(none.status.code(), Some(1));
    assert!(stderr(&none).contains("401 Unauthorized: no credentials were sent"), "{}", stderr(&none));
    let wrong = [("DOSSIER_OPENSEARCH_USER", "dossier"), ("DOSSIER_OPENSEARCH_PASSWORD", "wrong")];
    let refused = run(&wrong, &index_args);
    assert_eq!(refused.status.code(), Some(1));
    let message = stderr(&refused);
    assert!(message.contains("401 Unauthorized") && message.contains("DOSSIER_OPENSEARCH_USER"), "{message}");
    assert!(!message.contains("panicked"), "{message}");
    let refused = run(&wrong, &["articles", "--from", &url]);
    assert!(stderr(&refused).contains("401 Unauthorized"), "{}", stderr(&refused));
    let right = [("DOSSIER_OPENSEARCH_USER", "dossier"), ("DOSSIER_OPENSEARCH_PASSWORD", "right-password")];
    let indexed = run(&right, &index_args);
    assert!(indexed.status.success(), "{}", stderr(&indexed));
    let listed = run(&right, &["articles", "--from", &url]);
    assert_eq!(stdout(&listed).lines().count(), 31);
}

/// Every page of a list, followed from the first by its cursors.
fn all_pages<T>(mut page: impl FnMut(Option<&Cursor>) -> Page<T>) -> (Vec<T>, u64) {
    let mut rows = Vec::new();
    let mut from: Option<Cursor> = None;
    loop {
        let answer = page(from.as_ref());
        assert!(answer.rows.len() <= 40, "a page holds at most what was asked");
        rows.extend(answer.rows);
        match answer.next {
            Some(next) => from = Some(next),
            None => return (rows, answer.total),
        }
    }
}

/// An article row without its key, which names the article differently in each corpus.
fn unkeyed(row: &ArticleRow) -> ArticleRow {
    ArticleRow { article_key: String::new(), ..row.clone() }
}

#[test]
fn browsing_the_node_pages_searches_counts_and_charts_as_the_local_corpus() {
    let url = fresh_index("browse");
    let cache = tempfile::tempdir().unwrap();
    let corpus_path = data("tests/data/wikinews");
    index_corpus(cache.path(), &corpus_path, &url, &["--quiet"]);
    let target = Target::parse(&url).unwrap();
    let edits = dossier::speakers::SpeakerEdits::default();
    let remote = RemoteBrowse::open(Client::from_env(&target.base).unwrap(), &target, &edits).expect("opens");
    let corpus = std::sync::Arc::new(
        dossier::loading::load(&dossier::corpus::CorpusSource::from_path(&corpus_path), 2).unwrap(),
    );
    let index = std::sync::Arc::new(dossier::search::SearchIndex::build_in_memory(&corpus).unwrap());
    // The same merges on both sides: the names the node read, without the roles only the files hold.
    let names = dossier::speakers::SpeakerNames::build_with_roles(
        &corpus.found_speakers(),
        &dossier::speakers::SpeakerRoles::new(),
        &edits,
    );
    let local = LocalBrowse::new(corpus.clone(), index, names, corpus_path.display().to_string());
    let topics = Topics::from_json(
        r#"[{"name": "Troops", "query": "troops OR military"}, {"name": "Health", "query": "health OR \"public health\""}, {"name": "Broken", "query": "date:20x1"}]"#,
    )
    .unwrap();

    for query in [
        "",
        "withdraw",
        "\"prime minister\"",
        "speaker:obama",
        "title:elect* AND NOT date:2019",
        "U.S. forces",
        "police -officials",
        "date:2020 type:csv",
    ] {
        for order in ArticleOrder::ALL {
            let (local_rows, local_total) = all_pages(|from| local.articles(query, order, from, 40).unwrap());
            let (remote_rows, remote_total) = all_pages(|from| remote.articles(query, order, from, 40).unwrap());
            assert_eq!(local_total, remote_total, "`{query}` {order:?}: articles counted");
            assert_eq!(local_total as usize, local_rows.len(), "`{query}`: the pages hold every article once");
            assert!(local_total > 0, "`{query}` finds articles");
            let local_rows: Vec<ArticleRow> = local_rows.iter().map(unkeyed).collect();
            let remote_rows: Vec<ArticleRow> = remote_rows.iter().map(unkeyed).collect();
            assert_eq!(local_rows, remote_rows, "`{query}` {order:?}: the same articles in the same order");
        }
        let (local_rows, local_total) = all_pages(|from| local.statements(query, from, 40).unwrap());
        let (remote_rows, remote_total) = all_pages(|from| remote.statements(query, from, 40).unwrap());
        assert_eq!(local_total, remote_total, "`{query}`: statements counted");
        assert!(local_total > 0 && local_total as usize == remote_rows.len(), "`{query}` finds statements, all paged");
        let unkeyed = |row: &StatementRow| StatementRow { article_key: String::new(), ..row.clone() };
        assert_eq!(
            local_rows.iter().map(unkeyed).collect::<Vec<_>>(),
            remote_rows.iter().map(unkeyed).collect::<Vec<_>>(),
            "`{query}`: the same statements"
        );
        for facet in [Facet::Outlet, Facet::Speaker, Facet::UnnamedSource] {
            assert_eq!(
                local.facet(query, facet, 12).unwrap(),
                remote.facet(query, facet, 12).unwrap(),
                "`{query}` {facet:?}"
            );
        }
        // Speakers, two topics (one asked twice, one unknown) and unnamed sources, in the local order.
        let mut request = ChartRequest::default();
        for topic in ["Troops", "Health", "Troops", "Unknown topic", "Broken"] {
            request.series.push(SeriesSpec::Topic(topic.into()));
        }
        request.series.push(SeriesSpec::UnnamedSources);
        let (local_chart, remote_chart) =
            (local.chart(query, &request, &topics).unwrap(), remote.chart(query, &request, &topics).unwrap());
        assert_eq!(local_chart, remote_chart, "`{query}`: chart");
        let topic_series: Vec<&str> =
            remote_chart.series.iter().filter(|s| s.is_topic).map(|s| s.name.as_str()).collect();
        assert_eq!(topic_series, ["Troops", "Health", "Unnamed sources"], "`{query}`");
    }
    // Named speakers and unnamed sources part the statements that have a speaker between them.
    let counted = |facet| remote.facet("", facet, 20_000).unwrap().iter().map(|(_, count)| count).sum::<u64>();
    let (named, unnamed) = (counted(Facet::Speaker), counted(Facet::UnnamedSource));
    assert!(named > 0 && unnamed > 0, "{named} named, {unnamed} unnamed");
    assert_eq!(named + unnamed, corpus.statements.iter().filter(|s| s.speaker.is_some()).count() as u64);
    let (statements, total) = all_pages(|from| remote.statements("", from, 40).unwrap());
    assert_eq!(total as usize, corpus.statements.len());
    assert!(statements.len() == corpus.statements.len() && total > 1000, "every statement, paged");
    let mut request = ChartRequest { bucket: Some(Bucket::Year), measure: Measure::Share, ..ChartRequest::default() };
    request.series.push(SeriesSpec::Speaker("Obama".into()));
    assert_eq!(
        local.chart("", &request, &topics).unwrap(),
        remote.chart("", &request, &topics).unwrap(),
        "yearly shares"
    );
    request.series = vec![SeriesSpec::Topic("Troops".into())];
    let chart = remote.chart("", &request, &topics).unwrap();
    assert!(chart.series[0].total() > 0, "the topic is counted: {chart:?}");

    // An article read from its document: the same text and statements as from its file.
    let first_local = local.articles("troops", ArticleOrder::Newest, None, 3).unwrap();
    let first_remote = remote.articles("troops", ArticleOrder::Newest, None, 3).unwrap();
    assert_eq!(first_local.rows.len(), 3);
    for (local_row, remote_row) in first_local.rows.iter().zip(&first_remote.rows) {
        let (local_article, remote_article) =
            (local.article(&local_row.article_key).unwrap(), remote.article(&remote_row.article_key).unwrap());
        assert_eq!(local_article.text, remote_article.text);
        assert_eq!(local_article.statements, remote_article.statements);
        assert_eq!(unkeyed(&local_article.row), unkeyed(&remote_article.row));
    }
    assert!(remote.article("no-such-article").unwrap_err().contains("no longer in the index"));
    assert!(remote.articles("date:20x1", ArticleOrder::Corpus, None, 10).unwrap_err().contains("date"));
}

/// Writes a generated corpus into `folder`: `files` articles in ten subfolders, each of `paragraphs`
/// paragraphs, every third one quoting a speaker; big enough that an ingest takes seconds, not
/// milliseconds, so a test can interrupt it. Returns the number of files.
fn write_generated_corpus(folder: &Path, files: usize, paragraphs: usize) -> usize {
    use std::fmt::Write as _;
    let speakers = [
        "Mara Quill, the mayor of Tervask",
        "General Radomir Kessel",
        "Ilse Marrow, a spokesperson for the Ministry of Defence",
        "Amara Dused, the foreign minister",
        "Pieter Vance, who runs the water board",
    ];
    let topics = ["the dam", "the withdrawal", "the water accord", "the border crossing", "the harvest", "the budget"];
    for file in 0..files {
        let topic = topics[file % topics.len()];
        let mut text = format!("Talks on {topic} continue, day {file}\nBy Test Reporter\nGenerated Daily\n\n");
        for paragraph in 0..paragraphs {
            let speaker = speakers[(file + paragraph) % speakers.len()];
            let other = topics[(file + paragraph) % topics.len()];
            if paragraph % 3 == 0 {
                let _ = writeln!(
                    text,
                    "\"We will keep working on {other} until it is settled, whatever it costs in story {file},\" said {speaker}.\n"
                );
            } else {
                let _ = writeln!(
                    text,
                    "Officials met again on the {paragraph}th day to discuss {other} and what it means for the villages \
                     along the river, where farmers have waited {file} weeks for an answer about {topic}.\n"
                );
            }
        }
        let subfolder = folder.join(format!("batch-{}", file % 10));
        std::fs::create_dir_all(&subfolder).unwrap();
        std::fs::write(subfolder.join(format!("story-{file:04}.txt")), text).unwrap();
    }
    files
}

/// Documents in an index grouped by `fields` (a composite aggregation, paged): how many distinct keys, and
/// how many keys have more than one document (a record doubled, under two versions of its file).
fn distinct_and_doubled(url: &str, suffix: &str, fields: &[&str]) -> (u64, u64) {
    let target = Target::parse(url).unwrap();
    let client = Client::from_env(&target.base).unwrap();
    client.ok("POST", &format!("/{}{suffix}/_refresh", target.name), None).unwrap();
    let sources: Vec<serde_json::Value> =
        fields.iter().map(|field| serde_json::json!({*field: {"terms": {"field": field}}})).collect();
    let (mut distinct, mut doubled) = (0, 0);
    let mut after = None;
    loop {
        let mut composite = serde_json::json!({"size": 1000, "sources": sources});
        if let Some(after) = after.take() {
            composite["after"] = after;
        }
        let body = serde_json::json!({"size": 0, "aggs": {"keys": {"composite": composite}}});
        let answer = client.ok_json("POST", &format!("/{}{suffix}/_search", target.name), &body).unwrap();
        let buckets = answer["aggregations"]["keys"]["buckets"].as_array().unwrap();
        if buckets.is_empty() {
            return (distinct, doubled);
        }
        distinct += buckets.len() as u64;
        doubled += buckets.iter().filter(|bucket| bucket["doc_count"].as_u64().unwrap() > 1).count() as u64;
        after = Some(answer["aggregations"]["keys"]["after_key"].clone());
    }
}

/// The index holds the corpus at `folder` exactly: as many articles, statements and manifest entries as
/// the local corpus has, none doubled, and the same records in the same order as the local commands.
fn assert_index_holds_exactly(cache: &Path, folder: &Path, url: &str, files: u64) {
    let articles = assert_same(cache, folder, url, &["articles"]) as u64;
    let statements = assert_same(cache, folder, url, &["statements"]) as u64;
    assert_eq!(statements, local_statements(folder) as u64);
    assert_eq!(count(url, ""), articles, "articles in the index");
    assert_eq!(count(url, "-statements"), statements, "statements in the index");
    assert_eq!(count(url, "-files"), files, "manifest entries");
    assert_eq!(distinct_and_doubled(url, "", &["file", "record"]), (articles, 0), "articles doubled");
    assert_eq!(
        distinct_and_doubled(url, "-statements", &["file", "record", "ordinal"]),
        (statements, 0),
        "statements doubled"
    );
}

/// Manifest entries written so far, or none while the index does not exist yet.
fn files_done(url: &str) -> u64 {
    let target = Target::parse(url).unwrap();
    let client = Client::from_env(&target.base).unwrap().with_attempts(1);
    match client.send("GET", &format!("/{}/_count", target.files()), None) {
        Ok((200, answer)) => answer["count"].as_u64().unwrap_or(0),
        _ => 0,
    }
}

/// Starts `dossier index FOLDER --to URL` in the background, its stderr in `log`.
fn spawn_index(cache: &Path, folder: &Path, url: &str, threads: &str, log: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .env("DOSSIER_CACHE_DIR", cache)
        .args(["index", folder.to_str().unwrap(), "--to", url, "--threads", threads])
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(log).unwrap())
        .spawn()
        .expect("dossier runs")
}

/// Waits until the ingest has written some manifest entries (refreshed every second by the node), and
/// fails if it ends first: a kill must come mid-ingest.
fn wait_for_some_files_done(url: &str, child: &mut std::process::Child, log: &Path) -> u64 {
    let give_up = Instant::now() + Duration::from_secs(300);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the ingest ended ({status}) before it could be interrupted: {}", read(log));
        }
        let done = files_done(url);
        if done > 0 {
            return done;
        }
        assert!(Instant::now() < give_up, "no file done after 300 s: {}", read(log));
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// `N to send, M unchanged` from an ingest's progress.
fn sent_and_unchanged(report: &str) -> (u64, u64) {
    let line = report.lines().find(|line| line.contains(" to send, ")).expect("the plan line");
    let words: Vec<&str> = line.split_whitespace().collect();
    let number_before = |word: &str| {
        let at = words.iter().position(|w| w.trim_end_matches(',') == word).unwrap();
        words[at - 1].parse::<u64>().unwrap()
    };
    (number_before("to"), number_before("unchanged"))
}

#[test]
fn a_killed_ingest_resumes_with_nothing_lost_or_doubled() {
    let url = fresh_index("kill9");
    let cache = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let files = write_generated_corpus(folder.path(), 600, 60) as u64;
    let log = cache.path().join("killed.log");
    let mut child = spawn_index(cache.path(), folder.path(), &url, "2", &log);
    wait_for_some_files_done(&url, &mut child, &log);
    // SIGKILL: no handler runs, whatever bulk request is on the wire is cut.
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), None, "killed by a signal: {}", read(&log));
    // The node may still apply a request the process had sent; then the manifest stays put.
    std::thread::sleep(Duration::from_secs(2));
    let done_at_kill = count(&url, "-files");
    assert!(done_at_kill > 0 && done_at_kill < files, "killed mid-ingest: {done_at_kill} of {files} files done");
    eprintln!("killed with {done_at_kill} files in the manifest and {} articles in the index", count(&url, ""));

    let resumed = index_corpus(cache.path(), folder.path(), &url, &["--threads", "2"]);
    let (to_send, unchanged) = sent_and_unchanged(&stderr(&resumed));
    assert_eq!((to_send, unchanged), (files - done_at_kill, done_at_kill), "only the files not done are sent");
    assert_index_holds_exactly(cache.path(), folder.path(), &url, files);
}

#[test]
fn what_a_killed_run_leaves_behind_is_cleaned_up() {
    let url = fresh_index("leftovers");
    let cache = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    copy_folder(&data("assets/sample-corpus"), folder.path());
    let target = Target::parse(&url).unwrap();
    let client = Client::from_env(&target.base).unwrap();
    let options = IngestOptions { threads: 2, part: None, progress: false };
    let manifest_doc = |file: &str| format!("/{}/_doc/{}", target.files(), dossier::remote::mapping::file_id(file));
    ingest(folder.path(), &target, &options).unwrap();
    let (removed, reverted) = ("troops-begin-withdrawal.txt", "un-envoy-appointed.txt");

    // A file whose new version was sent, its old documents deleted, and the run killed before its manifest
    // entry was written; then the file is changed back: its entry names the version it has again, but
    // the documents are of the other one.
    let original = std::fs::read_to_string(folder.path().join(reverted)).unwrap();
    let entry_of_original = client.ok("GET", &manifest_doc(reverted), None).unwrap()["_source"].clone();
    std::fs::write(folder.path().join(reverted), original.replace("said", "stated")).unwrap();
    ingest(folder.path(), &target, &options).unwrap();
    client.ok_json("PUT", &manifest_doc(reverted), &entry_of_original).unwrap();
    std::fs::write(folder.path().join(reverted), &original).unwrap();

    // A file whose documents were acknowledged and the run killed before its manifest entry was written;
    // then the file is removed from the corpus.
    client.ok("DELETE", &manifest_doc(removed), None).unwrap();
    std::fs::remove_file(folder.path().join(removed)).unwrap();

    let report = ingest(folder.path(), &target, &options).unwrap();
    assert_eq!((report.files_removed, report.files_sent), (1, 1), "{report:?}");
    assert_index_holds_exactly(cache.path(), folder.path(), &url, 24);
}

#[test]
fn a_node_killed_mid_ingest_gives_a_clear_error_and_the_ingest_resumes() {
    node();
    let own = TestNode::start(&[]);
    let url = format!("{}/news", own.url());
    let cache = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let files = write_generated_corpus(folder.path(), 600, 60) as u64;
    let log = cache.path().join("node-killed.log");
    let mut child = spawn_index(cache.path(), folder.path(), &url, "2", &log);
    wait_for_some_files_done(&url, &mut child, &log);
    own.kill();
    let killed_at = Instant::now();
    // The client tries a request 8 times over about 32 s before it gives up.
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if killed_at.elapsed() > Duration::from_secs(120) {
            child.kill().unwrap();
            panic!("dossier index still runs 120 s after the node was killed: {}", read(&log));
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let gave_up_after = killed_at.elapsed();
    let message = read(&log);
    eprintln!("dossier index gave up {gave_up_after:?} after the node was killed");
    assert_eq!(status.code(), Some(1), "{message}");
    let last = message.lines().last().unwrap_or_default();
    assert!(last.contains(&format!("cannot reach OpenSearch at {}", own.url())), "{message}");
    assert!(last.contains("is the node running?"), "{message}");
    assert!(message.contains("no answer"), "the retries are said as they happen: {message}");
    assert!(!message.contains("panicked"), "{message}");

    own.start_again();
    let done_before = count(&url, "-files");
    assert!(done_before < files, "the node was killed mid-ingest: {done_before} of {files} files done");
    let resumed = index_corpus(cache.path(), folder.path(), &url, &["--threads", "2"]);
    assert_eq!(sent_and_unchanged(&stderr(&resumed)), (files - done_before, done_before));
    assert_index_holds_exactly(cache.path(), folder.path(), &url, files);
}

#[test]
fn a_node_that_answers_429_gets_the_refused_documents_again() {
    node();
    // One write thread and a queue of one: bulk requests sent at once are refused with 429.
    let busy = TestNode::start(&[("DOSSIER_NODE_SETTINGS", "thread_pool.write.size=1 thread_pool.write.queue_size=1")]);
    let url = format!("{}/news", busy.url());
    let cache = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let files = write_generated_corpus(folder.path(), 600, 30) as u64;
    let indexed = index_corpus(cache.path(), folder.path(), &url, &["--threads", "6"]);
    let report = stderr(&indexed);
    let retried: u64 = report
        .lines()
        .find_map(|line| line.strip_prefix("dossier: retried ")?.split_whitespace().next()?.parse().ok())
        .unwrap_or_else(|| panic!("no retries reported: {report}"));
    let first_refusal = report.lines().find(|line| line.contains("429")).unwrap_or_else(|| panic!("{report}"));
    eprintln!("retried {retried} requests; the first refusal: {first_refusal}");
    assert!(retried > 0);
    assert_index_holds_exactly(cache.path(), folder.path(), &url, files);
}

#[test]
fn an_api_key_is_sent_and_a_wrong_one_gives_a_clear_401() {
    node();
    let guarded = TestNode::start(&[("DOSSIER_NODE_API_KEY", "right-key")]);
    let url = format!("{}/news", guarded.url());
    let cache = tempfile::tempdir().unwrap();
    let corpus = data("assets/sample-corpus");
    let run = |key: &str, args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_dossier"))
            .env("DOSSIER_CACHE_DIR", cache.path())
            .env_remove("DOSSIER_OPENSEARCH_USER")
            .env_remove("DOSSIER_OPENSEARCH_PASSWORD")
            .env("DOSSIER_OPENSEARCH_API_KEY", key)
            .args(args)
            .output()
            .unwrap()
    };
    let index_args = ["index", corpus.to_str().unwrap(), "--to", &url, "--quiet"];
    let refused = run("wrong-key", &index_args);
    assert_eq!(refused.status.code(), Some(1));
    let message = stderr(&refused);
    assert!(
        message.contains("answered 401 Unauthorized: the key in DOSSIER_OPENSEARCH_API_KEY was refused"),
        "{message}"
    );
    assert!(!message.contains("panicked"), "{message}");
    let indexed = run("right-key", &index_args);
    assert!(indexed.status.success(), "{}", stderr(&indexed));
    let listed = run("right-key", &["articles", "--from", &url]);
    assert_eq!(stdout(&listed).lines().count(), 31);
    let refused = run("wrong-key", &["articles", "--from", &url]);
    assert!(stderr(&refused).contains("401 Unauthorized"), "{}", stderr(&refused));
}

#[test]
fn https_with_a_custom_ca_is_trusted_and_without_it_refused_clearly() {
    node();
    // The node's own TLS transport, with a certificate signed by a CA made for this test.
    let secure = TestNode::start(&[("DOSSIER_NODE_TLS", "1")]);
    let url = format!("{}/news", secure.url());
    assert!(url.starts_with("https://"));
    let cache = tempfile::tempdir().unwrap();
    let corpus = data("assets/sample-corpus");
    let run = |ca: Option<&Path>, args: &[&str]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_dossier"));
        command.env("DOSSIER_CACHE_DIR", cache.path()).env_remove("DOSSIER_OPENSEARCH_CA").args(args);
        if let Some(ca) = ca {
            command.env("DOSSIER_OPENSEARCH_CA", ca);
        }
        command.output().unwrap()
    };
    let ca = secure.ca_pem();
    let indexed = run(Some(&ca), &["index", corpus.to_str().unwrap(), "--to", &url, "--quiet"]);
    assert!(indexed.status.success(), "{}", stderr(&indexed));
    let listed = run(Some(&ca), &["articles", "--from", &url]);
    assert_eq!(stdout(&listed).lines().count(), 31, "{}", stderr(&listed));

    // Without the CA, the web roots do not know the node's certificate: a clear message, no panic.
    let refused = run(None, &["articles", "--from", &url]);
    assert_eq!(refused.status.code(), Some(1));
    let message = stderr(&refused);
    assert!(message.contains("certificate") && message.contains("DOSSIER_OPENSEARCH_CA"), "{message}");
    // Plain HTTP to an HTTPS node says to use https://.
    let plain = run(Some(&ca), &["articles", "--from", &url.replacen("https://", "http://", 1)]);
    assert_eq!(plain.status.code(), Some(1));
    assert!(stderr(&plain).contains("use https://"), "{}", stderr(&plain));
    // A CA file that holds no certificate is refused before any request.
    let not_pem = cache.path().join("not-a-ca.pem");
    std::fs::write(&not_pem, "hello").unwrap();
    let bad_ca = run(Some(&not_pem), &["articles", "--from", &url]);
    assert_eq!(bad_ca.status.code(), Some(2), "a setting to fix, as a bad argument");
    assert!(stderr(&bad_ca).contains("holds no PEM certificate"), "{}", stderr(&bad_ca));
}
