//! File ▸ Connect to cluster… driven as a person would, against a real OpenSearch node (never a mock). The
//! node's URL comes from `DOSSIER_TEST_OPENSEARCH` (`./dev.sh test` starts one); without it the tests that
//! need a node fail and say how to start one.
#![cfg(feature = "gui")]

mod common;
use common::{TestNode, free_port, node};
use dossier::browse::Facet;
use dossier::corpus::{Corpus, CorpusSource};
use dossier::loading;
use dossier::remote::Client;
use dossier::ui::BrowseView;
use dossier::ui::dialogs::FakeDialogs;
use dossier::ui::{AppState, DossierApp};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn sample_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-corpus")
}

/// Per-corpus data and caches go to a temporary folder, never the user's.
fn isolate_data() -> &'static Path {
    static DATA: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let folder = DATA.get_or_init(|| tempfile::tempdir().unwrap());
    // SAFETY: every test sets the same values before any app or command reads them.
    unsafe { std::env::set_var("DOSSIER_DATA_DIR", folder.path()) };
    // SAFETY: as above.
    unsafe { std::env::set_var("DOSSIER_CACHE_DIR", folder.path().join("cache")) };
    folder.path()
}

/// The sample corpus sent to a fresh index of its own (deleted first) with `dossier index`; its name.
fn index_sample(test: &str) -> String {
    let base = node();
    let name = format!("t-ui-{test}-{}", std::process::id());
    let client = Client::from_env(&base).expect("client");
    client
        .send("DELETE", &format!("/{name},{name}-statements,{name}-files?ignore_unavailable=true"), None)
        .expect("delete the old index");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .env("DOSSIER_CACHE_DIR", isolate_data().join("index-cache"))
        .args(["index", sample_corpus().to_str().unwrap(), "--to", &format!("{base}/{name}"), "--quiet"])
        .output()
        .expect("dossier runs");
    assert!(output.status.success(), "dossier index failed: {}", String::from_utf8_lossy(&output.stderr));
    name
}

fn harness() -> Harness<'static, DossierApp> {
    harness_on(None)
}

/// The app, on a local corpus when given.
fn harness_on(path: Option<PathBuf>) -> Harness<'static, DossierApp> {
    isolate_data();
    Harness::builder().with_size([1280.0, 800.0]).build_eframe(move |cc| {
        DossierApp::with_state(&cc.egui_ctx, AppState::default(), Box::new(FakeDialogs::default()), path)
    })
}

/// Steps the app in real time until `done` holds, as background threads need wall-clock time.
fn step_until(harness: &mut Harness<'static, DossierApp>, what: &str, done: impl Fn(&DossierApp) -> bool) {
    // Up to a minute: a loaded two-core machine, and a node answering over HTTP.
    for _ in 0..6000 {
        harness.step();
        if done(harness.state()) {
            harness.run_steps(3);
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("timed out waiting until {what}");
}

/// Selects what a field holds and types `text` over it.
fn type_over(harness: &mut Harness<'static, DossierApp>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.key_press(egui::Key::Backspace);
    harness.get_by_label(label).type_text(text);
    harness.run_steps(2);
}

/// The app as `dossier --browse LOCATION` opens it, once `ready` holds of what it browses.
fn browsing(location: &str, what: &str, ready: impl Fn(&BrowseView) -> bool) -> Harness<'static, DossierApp> {
    let mut harness = harness();
    harness.run();
    let ctx = harness.ctx.clone();
    harness.state_mut().connect_to(&ctx, location, true);
    harness.run_steps(2);
    step_until(&mut harness, what, |app| app.browse_view().is_some_and(&ready));
    harness
}

/// Opens File ▸ Connect to cluster…, types the address and index, and clicks Connect.
fn connect(harness: &mut Harness<'static, DossierApp>, url: &str, index: &str) {
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Connect to cluster…").click();
    harness.run();
    type_over(harness, "Cluster URL", url);
    type_over(harness, "Index name", index);
    harness.get_by_label("Connect").click();
    harness.run_steps(2);
}

/// Statements of undated articles, which no chart bucket holds.
fn undated_statements(corpus: &Corpus) -> usize {
    corpus.statements.iter().filter(|s| corpus.articles[s.article as usize].date.is_none()).count()
}

fn local_sample() -> Corpus {
    loading::load(&CorpusSource::Folder(sample_corpus()), 2).unwrap()
}

#[test]
fn a_corpus_on_a_cluster_opens_and_reads_as_the_local_one() {
    let index = index_sample("connect");
    let base = node();
    let local = local_sample();
    let mut harness = harness();
    harness.run();

    // A missing index is answered in the window, with Retry; the app goes on drawing frames.
    connect(&mut harness, &base, "no-such-index");
    step_until(&mut harness, "the missing index is reported", |app| {
        !app.is_connecting() && app.connect_error().is_some()
    });
    let error = harness.state().connect_error().unwrap().to_owned();
    assert!(error.contains("there is no index `no-such-index`"), "{error}");
    harness.get_by_label("Retry");

    type_over(&mut harness, "Index name", &index);
    harness.get_by_label("Connect").click();
    step_until(&mut harness, "the remote corpus is open, indexed and an article shown", |app| {
        app.remote_location().is_some() && !app.is_indexing() && app.shown_article().is_some()
    });
    let location = format!("{base}/{index}");
    assert_eq!(harness.state().remote_location(), Some(location.as_str()));
    assert_eq!(harness.state().corpus.articles.len(), local.articles.len());
    assert_eq!(local.articles.len(), 31, "the sample corpus holds 31 articles");
    harness.get_by_label(&format!("{} articles", local.articles.len()));
    harness.get_by_label(&format!("on {location}"));
    // The last cluster and index are remembered (never a password: the state has no field for one).
    assert_eq!(
        (harness.state().state.cluster_url.as_str(), harness.state().state.cluster_index.as_str()),
        (base.as_str(), index.as_str())
    );
    assert!(harness.state().state.corpus_source.is_none(), "a remote corpus is not reopened as a local one");

    // An article's text, fetched from the index, is the local text; its title is clicked in the list.
    let target = &local.articles[local.articles.len() / 2];
    harness.get_by_label(&target.title).click();
    step_until(&mut harness, "the clicked article is shown", |app| {
        app.shown_article().is_some_and(|a| a.meta.title == target.title)
    });
    let expected = local.read_article(target).unwrap();
    assert_eq!(harness.state().shown_article().unwrap().text, expected.text);

    // All statements reads the words of the statements in view from the index: the local words.
    harness.get_by_label("All statements").click();
    step_until(&mut harness, "the statements in view are read", |app| {
        !app.visible_statements().is_empty()
            && app.visible_statements().iter().take(8).all(|&i| app.statement_text(i).is_some())
    });
    assert_eq!(harness.state().corpus.statements.len(), local.statements.len());
    let in_view: Vec<u32> = harness.state().visible_statements().iter().take(8).copied().collect();
    let mut local_words = Vec::new();
    local
        .with_statement_records(in_view.iter().copied(), |_, record| -> Result<(), ()> {
            local_words.push(record.unwrap().text.clone());
            Ok(())
        })
        .unwrap();
    let remote_words: Vec<String> =
        in_view.iter().map(|&i| harness.state().statement_text(i).unwrap().to_owned()).collect();
    assert_eq!(remote_words, local_words);

    // The chart counts the remote corpus' articles and statements per bucket as the app counts the local one.
    let remote_chart = harness.state_mut().chart().expect("a chart of the remote corpus").clone();
    let mut local_app = harness_on(Some(sample_corpus()));
    step_until(&mut local_app, "the local sample is loaded", |app| !app.is_loading() && app.shown_article().is_some());
    let local_chart = local_app.state_mut().chart().expect("a chart of the local corpus").clone();
    let totals = |chart: &dossier::timeline::Chart| {
        (chart.starts.clone(), chart.total_articles.clone(), chart.total_statements.clone(), chart.undated_articles)
    };
    assert_eq!(totals(&remote_chart), totals(&local_chart));
    assert_eq!(
        remote_chart.total_statements.iter().sum::<u64>() as usize,
        local.statements.len() - undated_statements(&local)
    );
    drop(local_app);

    // Search runs on the index built from the remote texts, and finds what it finds locally.
    step_until(&mut harness, "search is ready", DossierApp::is_search_ready);
    harness.get_by_label("Search the corpus").focus();
    harness.get_by_label("Search the corpus").type_text("reservoir*");
    step_until(&mut harness, "the search ran", |app| !app.is_searching() && app.state.search == "reservoir*");
    let mut found: Vec<u32> = harness.state().visible_articles().to_vec();
    found.sort_unstable();
    let local_index = dossier::search::SearchIndex::build_in_memory(&local).unwrap();
    let expected = dossier::search::run(
        &local_index,
        "reservoir*",
        dossier::search::Scope::Articles,
        &Default::default(),
        &Default::default(),
    )
    .unwrap();
    assert!(!expected.is_empty() && expected.len() < local.articles.len());
    assert_eq!(found, expected);
}

#[test]
fn a_cluster_that_does_not_answer_is_reported_with_retry() {
    let mut harness = harness();
    harness.run();
    // A port just freed: nothing listens there, so the connection is refused at once.
    let url = format!("http://127.0.0.1:{}", free_port());
    connect(&mut harness, &url, "news");
    step_until(&mut harness, "the failure is reported", |app| !app.is_connecting() && app.connect_error().is_some());
    let error = harness.state().connect_error().unwrap().to_owned();
    assert!(error.contains(&format!("cannot reach OpenSearch at {url}")), "{error}");
    harness.get_by_label_contains("cannot reach OpenSearch");
    assert!(harness.state().corpus.articles.is_empty());
    assert_eq!(harness.state().remote_location(), None);

    // Retry tries again, fails again the same way, and the app keeps drawing frames throughout.
    harness.get_by_label("Retry").click();
    harness.step();
    step_until(&mut harness, "the retry is reported", |app| !app.is_connecting() && app.connect_error().is_some());
    harness.get_by_label("Retry");
    for _ in 0..10 {
        harness.step();
    }
    assert!(harness.state().connect_error().unwrap().contains("cannot reach"));
}

/// A user and password typed in the window are sent for this session: a wrong one is answered 401 with
/// Retry, the right one opens the corpus, and neither is saved.
#[test]
fn typed_credentials_are_used_and_a_refusal_says_so() {
    node();
    let guarded = TestNode::with_basic_auth("dossier", "right-password");
    let base = format!("http://127.0.0.1:{}", guarded.port);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .env("DOSSIER_CACHE_DIR", isolate_data().join("auth-cache"))
        .env("DOSSIER_OPENSEARCH_USER", "dossier")
        .env("DOSSIER_OPENSEARCH_PASSWORD", "right-password")
        .args(["index", sample_corpus().to_str().unwrap(), "--to", &format!("{base}/news"), "--quiet"])
        .output()
        .expect("dossier runs");
    assert!(output.status.success(), "dossier index failed: {}", String::from_utf8_lossy(&output.stderr));

    let mut harness = harness();
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Connect to cluster…").click();
    harness.run();
    type_over(&mut harness, "Cluster URL", &base);
    type_over(&mut harness, "Index name", "news");
    type_over(&mut harness, "User", "dossier");
    type_over(&mut harness, "Password", "wrong");
    harness.get_by_label("Connect").click();
    step_until(&mut harness, "the refusal is reported", |app| !app.is_connecting() && app.connect_error().is_some());
    let error = harness.state().connect_error().unwrap().to_owned();
    assert!(error.contains("401 Unauthorized: the user and password given were refused"), "{error}");
    assert!(!error.contains("wrong"), "the password is never shown: {error}");
    harness.get_by_label("Retry");

    type_over(&mut harness, "Password", "right-password");
    harness.get_by_label("Connect").click();
    step_until(&mut harness, "the guarded corpus is open", |app| app.remote_location().is_some());
    assert_eq!(harness.state().corpus.articles.len(), 31);
    let saved = serde_json::to_string(&harness.state().state).unwrap();
    assert!(!saved.contains("right-password"), "the password is not saved: {saved}");
    assert!(saved.contains(&base), "the cluster is remembered: {saved}");
}

/// A node that takes the connection and never answers: the window shows the spinner and what it connects
/// to, the app goes on drawing frames, and Cancel closes the window with nothing opened.
#[test]
fn a_node_that_never_answers_leaves_the_app_responsive_and_cancel_closes_the_window() {
    // Accepts connections (the system's backlog does) but never reads or answers them.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", silent.local_addr().unwrap());
    let mut harness = harness();
    harness.run();
    connect(&mut harness, &url, "news");
    assert!(harness.state().is_connecting());
    for _ in 0..50 {
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(harness.state().is_connecting(), "still waiting for an answer");
    harness.get_by_label(&format!("Connecting to {url}/news…"));
    harness.get_by_label("Cancel").click();
    harness.run_steps(3);
    assert!(!harness.state().is_connecting());
    assert!(harness.query_by_label("Cluster URL").is_none(), "the window is closed");
    assert!(harness.state().corpus.articles.is_empty());
    assert_eq!(harness.state().remote_location(), None);
    drop(silent);
}

/// The app with dialogs that save into `folder`.
fn harness_saving_into(folder: &Path) -> Harness<'static, DossierApp> {
    isolate_data();
    let dialogs = FakeDialogs { save_folder: Some(folder.to_owned()), ..Default::default() };
    Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(move |cc| DossierApp::with_state(&cc.egui_ctx, AppState::default(), Box::new(dialogs), None))
}

#[test]
fn a_corpus_browsed_on_the_server_lists_searches_reads_and_charts_a_page_at_a_time() {
    let index = index_sample("browse");
    let base = node();
    let local = local_sample();
    let exports = tempfile::tempdir().unwrap();
    let mut harness = harness_saving_into(exports.path());
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Connect to cluster…").click();
    harness.run();
    type_over(&mut harness, "Cluster URL", &base);
    type_over(&mut harness, "Index name", &index);
    harness.get_by_label("Browse on the server").click();
    harness.run_steps(2);
    harness.get_by_label("Connect").click();
    harness.run_steps(2);
    step_until(&mut harness, "the first page, the facets and the chart arrive", |app| {
        app.browse_view().is_some_and(|view| {
            view.article_page().is_some() && view.facet(Facet::Outlet).is_some() && view.chart().is_some()
        })
    });
    // Nothing was read in: the local views hold no corpus.
    assert_eq!(harness.state().visible_articles().len(), 0);
    let view = harness.state().browse_view().unwrap();
    assert_eq!(view.article_page().unwrap().total as usize, local.articles.len());
    let shown = format!("Articles 1–{} of {}", local.articles.len(), local.articles.len());
    assert!(harness.query_by_label(&shown).is_some(), "the pager says `{shown}`");
    let chart = view.chart().unwrap();
    let charted: u64 = chart.total_statements.iter().sum();
    assert_eq!(
        charted as usize,
        local.statements.len() - undated_statements(&local),
        "the chart counts every dated statement"
    );
    // Unnamed sources have their own section, apart from named speakers.
    step_until(&mut harness, "the speaker facets arrive", |app| {
        app.browse_view().is_some_and(|view| view.facet(Facet::UnnamedSource).is_some())
    });
    assert!(harness.query_by_label("Unnamed sources").is_some());
    let view = harness.state().browse_view().unwrap();
    let unnamed_sources = view.facet(Facet::UnnamedSource).unwrap();
    let unnamed_in_corpus = local.statements.iter().filter(|s| s.speaker.is_some() && !s.named).count();
    // The section shows the most frequent unnamed sources; with the statements of those it leaves out (case
    // variants are one source), it counts every unnamed statement once.
    let shown: Vec<String> = unnamed_sources.iter().map(|(name, _)| name.to_lowercase()).collect();
    let left_out = local
        .statements
        .iter()
        .filter(|s| !s.named && s.speaker.as_ref().is_some_and(|name| !shown.contains(&name.to_lowercase())))
        .count();
    assert_eq!(unnamed_sources.iter().map(|(_, count)| count).sum::<u64>() as usize + left_out, unnamed_in_corpus);
    assert!(view.facet(Facet::Speaker).unwrap().iter().all(|speaker| !unnamed_sources.contains(speaker)));

    // A search typed and sent with Enter narrows the list, the facets and the chart on the server.
    harness.get_by_label("Query").focus();
    harness.get_by_label("Query").type_text("sanctions");
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    step_until(&mut harness, "the search is answered", |app| {
        app.browse_view().is_some_and(|view| {
            !view.is_busy() && view.article_page().is_some_and(|p| (p.total as usize) < local.articles.len())
        })
    });
    let found = harness.state().browse_view().unwrap().article_page().unwrap().total;
    assert!(found > 0, "`sanctions` finds articles");

    // A click on an outlet narrows the query to it.
    let (outlet, count) = harness.state().browse_view().unwrap().facet(Facet::Outlet).unwrap()[0].clone();
    harness.get_by_label(&format!("{outlet} ({count})")).click();
    harness.run_steps(2);
    step_until(&mut harness, "the outlet's articles are listed", |app| {
        app.browse_view().is_some_and(|view| !view.is_busy() && view.query_text.contains("outlet:"))
    });
    assert_eq!(harness.state().browse_view().unwrap().article_page().unwrap().total, count);

    // Statements, paged; a click opens the article it was said in, read from the server.
    harness.get_by_label("Statements").click();
    harness.run_steps(2);
    step_until(&mut harness, "statements arrive", |app| {
        app.browse_view().is_some_and(|view| !view.is_busy() && view.statement_page().is_some())
    });
    let first = harness.state().browse_view().unwrap().statement_page().unwrap().rows[0].clone();
    harness.get_by_label(&format!("“{}”", first.text)).click();
    harness.run_steps(2);
    step_until(&mut harness, "the article is read", |app| {
        app.browse_view().is_some_and(|view| view.open_article().is_some())
    });
    let article = harness.state().browse_view().unwrap().open_article().unwrap().clone();
    assert_eq!(article.row.title, first.title);
    assert!(article.statements.iter().any(|s| s.text == first.text), "the statement is marked in its article");
    let local_article = local.articles.iter().find(|meta| meta.title == article.row.title).unwrap();
    assert_eq!(local.read_text(local_article).unwrap(), article.text);

    // The chart of the selection exports as CSV through the save dialog.
    harness.get_by_label("Chart").click();
    harness.run_steps(2);
    step_until(&mut harness, "the chart is counted", |app| app.browse_view().is_some_and(|view| !view.is_busy()));
    // A topic defined while browsing is offered beside the chart and counted on the server.
    harness.state_mut().topics =
        dossier::topics::Topics::from_json(r#"[{"name": "Water", "query": "river OR dam OR water"}]"#).unwrap();
    harness.run_steps(2);
    harness.get_by_label("Topics").click();
    harness.run_steps(2);
    harness.get_by_label("Water").click();
    harness.run_steps(2);
    step_until(&mut harness, "the topic is charted", |app| {
        app.browse_view().is_some_and(|view| {
            !view.is_busy()
                && view.chart().is_some_and(|chart| chart.series.iter().any(|s| s.is_topic && s.name == "Water"))
        })
    });
    let chart = harness.state().browse_view().unwrap().chart().unwrap().clone();
    let water = chart.series.iter().find(|s| s.name == "Water").unwrap();
    assert!(water.total() > 0 && water.total() <= charted, "{water:?}");
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    harness.get_by_label("Export").click();
    harness.run_steps(2);
    harness.get_by_label("CSV table…").click();
    harness.run_steps(2);
    let csv = exports.path().join("chart.csv");
    for _ in 0..500 {
        if csv.exists() {
            break;
        }
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    let written = std::fs::read_to_string(&csv).expect("the chart was exported");
    assert!(written.lines().count() > 1, "{written}");
}

#[test]
fn an_index_given_on_the_command_line_is_connected_at_start() {
    let index = index_sample("argument");
    let base = node();
    let harness = browsing(&format!("{base}/{index}"), "the first page arrives", |view| view.article_page().is_some());
    assert!(harness.query_by_label("Articles 1–31 of 31").is_some());
    // A location without an index name is said in the window, not connected to.
    let mut harness = self::harness();
    harness.run();
    let ctx = harness.ctx.clone();
    harness.state_mut().connect_to(&ctx, "http://127.0.0.1:9", false);
    harness.run_steps(2);
    assert!(harness.state().browse_view().is_none());
    let error = harness.state().connect_error().unwrap_or_default().to_owned();
    assert!(!error.is_empty(), "the window says why it cannot connect");
}

#[test]
fn topics_and_speaker_changes_of_a_cluster_index_are_kept_for_the_next_connection() {
    let index = index_sample("saved");
    let base = node();
    let location = format!("{base}/{index}");
    let mut harness = browsing(&location, "connected", |view| view.chart().is_some());
    // A topic written while browsing is saved for this index, outside the cluster.
    harness.get_by_label("Chart").click();
    harness.run_steps(2);
    harness.get_by_label("Topics").click();
    harness.run_steps(2);
    harness.get_by_label("Edit topics…").click();
    // A window is laid out unseen in its first frame.
    harness.run_steps(4);
    harness.get_by_label("Add topic").click();
    harness.run_steps(4);
    // The new topic's query field: the window's last text field.
    let topic_query =
        harness.query_all(egui_kittest::kittest::by().role(egui::accesskit::Role::TextInput)).last().unwrap();
    topic_query.focus();
    topic_query.type_text("river OR dam");
    harness.run_steps(4);
    let saved = dossier::store::remote_data_dir(&location).unwrap().join(dossier::store::TOPICS_FILE);
    let written = std::fs::read_to_string(&saved).expect("the topics are saved");
    assert!(written.contains("river OR dam"), "{written}");
    // The window counts the topic on the server, and Chart it charts it there.
    step_until(&mut harness, "the topic is counted", |app| {
        app.browse_view().and_then(|view| view.topic_counts()?.get("Topic 1")).is_some_and(|c| c.is_ok())
    });
    let (articles, statements) =
        harness.state().browse_view().unwrap().topic_counts().unwrap()["Topic 1"].clone().unwrap();
    assert!(articles > 0 && statements > 0);
    harness.run_steps(2);
    assert!(harness.query_by_label_contains(&format!("Topic 1: {articles} article")).is_some());
    harness.get_by_label("Chart the topic Topic 1").click();
    harness.run_steps(2);
    step_until(&mut harness, "the topic is charted", |app| {
        app.browse_view().is_some_and(|view| {
            !view.is_busy() && view.chart().is_some_and(|chart| chart.series.iter().any(|s| s.name == "Topic 1"))
        })
    });
    // A speaker change saved for the index is applied on the server at the next connection.
    let view = harness.state().browse_view().unwrap();
    let top = view.facet(Facet::Speaker).unwrap()[0].0.clone();
    let edits = format!(r#"{{"renames": {{"{top}": "Renamed Speaker"}}}}"#);
    let edits_file = dossier::store::remote_data_dir(&location).unwrap().join(dossier::store::SPEAKER_EDITS_FILE);
    std::fs::write(&edits_file, edits).unwrap();

    let harness = browsing(&location, "connected again, speakers counted", |view| {
        !view.is_busy() && view.facet(Facet::Speaker).is_some()
    });
    assert_eq!(harness.state().topics.query_of("Topic 1").as_deref(), Some("river OR dam"));
    let speakers = harness.state().browse_view().unwrap().facet(Facet::Speaker).unwrap().to_vec();
    assert!(speakers.iter().any(|(name, _)| name == "Renamed Speaker"), "{speakers:?}");
    assert!(!speakers.iter().any(|(name, _)| *name == top), "{speakers:?}");
}
