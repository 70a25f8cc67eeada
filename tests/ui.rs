//! The app driven as a person would: menus, clicks, keys and typing, through egui_kittest.
#![cfg(feature = "gui")]

use dossier::corpus::CorpusSource;
use dossier::loading;
use dossier::ui::dialogs::FakeDialogs;
use dossier::ui::{AppState, DossierApp, SortKey};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn sample_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-corpus")
}

/// A copy of the sample corpus of the test's own, so what a test saves for it (topics, speaker edits)
/// does not meet another test running at the same time.
fn own_sample_corpus() -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(sample_corpus()) {
        let entry = entry.unwrap();
        let target = folder.path().join(entry.path().strip_prefix(sample_corpus()).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    folder
}

/// Per-corpus data (speaker edits) goes to a temporary folder, never the user's.
fn isolate_data() {
    static DATA: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let folder = DATA.get_or_init(|| tempfile::tempdir().unwrap());
    // SAFETY: every test sets the same value before any app reads it.
    unsafe { std::env::set_var("DOSSIER_DATA_DIR", folder.path()) };
    // SAFETY: as above; the search index goes to the same temporary folder.
    unsafe { std::env::set_var("DOSSIER_CACHE_DIR", folder.path().join("cache")) };
}

fn harness_with(state: AppState, dialogs: FakeDialogs, path: Option<PathBuf>) -> Harness<'static, DossierApp> {
    isolate_data();
    Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(move |cc| DossierApp::with_state(&cc.egui_ctx, state, Box::new(dialogs), path))
}

/// Clicks the primary button at `position` `clicks` times, a frame for each press and each release (two
/// clicks within egui's double-click interval, at steps of 1/60 s, are a double-click).
fn click_at(harness: &mut Harness<'static, DossierApp>, position: egui::Pos2, clicks: usize) {
    for pressed in [true, false].repeat(clicks) {
        harness.event(egui::Event::PointerButton {
            pos: position,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        harness.step();
    }
}

/// Steps the app in real time until `done` holds, as background threads need wall-clock time.
fn step_until(harness: &mut Harness<'static, DossierApp>, what: &str, done: impl Fn(&DossierApp) -> bool) {
    // Up to half a minute: background threads are slow on a loaded two-core machine.
    for _ in 0..3000 {
        harness.step();
        if done(harness.state()) {
            harness.run_steps(3);
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("timed out waiting until {what}");
}

/// The words of the statements in view in All statements are read from their articles in the background,
/// which repaints when done: tests wait for that before a settled `run`.
fn rows_in_view_are_read(app: &DossierApp) -> bool {
    app.visible_statements().iter().take(8).all(|&i| app.statement_text(i).is_some())
}

fn loaded_and_shown(app: &DossierApp) -> bool {
    !app.is_loading() && !app.is_indexing() && app.shown_article().is_some()
}

#[test]
fn open_folder_from_the_file_menu_then_click_an_article() {
    let dialogs = FakeDialogs { folder: Some(sample_corpus()), ..Default::default() };
    let mut harness = harness_with(AppState::default(), dialogs, None);
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open folder…").click();
    step_until(&mut harness, "the sample corpus is loaded", loaded_and_shown);

    let expected = loading::load(&CorpusSource::Folder(sample_corpus()), 2).unwrap();
    assert_eq!(harness.state().corpus.articles.len(), expected.articles.len());
    harness.get_by_label(&format!("{} articles", expected.articles.len()));

    // Pick an article that is not the first in the list, click its title, and read its text in the view.
    let target = &expected.articles[expected.articles.len() / 2];
    assert_ne!(harness.shown_title(), target.title);
    harness.get_by_label(&target.title).click();
    step_until(&mut harness, "the clicked article is shown", |app| {
        app.shown_article().is_some_and(|a| a.meta.title == target.title)
    });
    let article = expected.read_article(target).unwrap();
    let first_paragraph = article
        .paragraphs()
        .into_iter()
        .find(|(_, role)| *role == dossier::article::LineRole::Body)
        .map(|(range, _)| article.text[range].trim().to_owned())
        .unwrap();
    harness.get_by_label(&first_paragraph);
    // The title shows twice: in the list and as the article's heading.
    assert_eq!(harness.query_all_by_label(&target.title).count(), 2);
}

/// On a machine with no desktop portal and no zenity the dialog cannot be shown: the app says so and
/// offers a field to type the path, which opens the corpus; a bad path is answered in the window.
#[test]
fn when_no_folder_dialog_can_be_shown_a_typed_path_opens_the_corpus() {
    let reason = "No file dialog could be shown (zenity: not found). Install zenity";
    let dialogs = FakeDialogs { failure: Some(reason.to_owned()), ..Default::default() };
    let mut harness = harness_with(AppState::default(), dialogs, None);
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open folder…").click();
    step_until(&mut harness, "the path window shows", DossierApp::is_asking_for_a_path);
    harness.get_by_label(reason);
    let field = harness.get_by_label("The path to use");
    field.focus();
    field.type_text("/no/such/folder");
    harness.run();
    harness.get_by_label("Open").click();
    harness.run();
    harness.get_by_label("/no/such/folder does not exist.");
    assert!(harness.state().corpus.articles.is_empty());
    // Select what was typed and type the real path over it, then press Enter.
    let field = harness.get_by_label("The path to use");
    field.focus();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("The path to use").type_text(sample_corpus().to_str().unwrap());
    harness.run();
    harness.key_press(egui::Key::Enter);
    step_until(&mut harness, "the typed corpus is loaded", loaded_and_shown);
    assert!(!harness.state().is_asking_for_a_path());
    let expected = loading::load(&CorpusSource::Folder(sample_corpus()), 2).unwrap();
    assert_eq!(harness.state().corpus.articles.len(), expected.articles.len());
}

/// An export whose save dialog cannot be shown is written to the path typed instead.
#[test]
fn when_no_save_dialog_can_be_shown_the_export_goes_to_a_typed_path() {
    let folder = tempfile::tempdir().unwrap();
    let dialogs = FakeDialogs { failure: Some("No file dialog could be shown".to_owned()), ..Default::default() };
    let mut harness = harness_with(AppState::default(), dialogs, Some(sample_corpus()));
    step_until(&mut harness, "the sample corpus is loaded", loaded_and_shown);
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Export").click();
    harness.run();
    harness.get_by_label("Article list as CSV…").click();
    step_until(&mut harness, "the path window shows", DossierApp::is_asking_for_a_path);
    let target = folder.path().join("list");
    harness.get_by_label("The path to use").focus();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("The path to use").type_text(target.to_str().unwrap());
    harness.run();
    harness.get_by_label("Save").click();
    harness.run();
    // The file type's extension is added, as after a dialog.
    let written = std::fs::read_to_string(folder.path().join("list.csv")).unwrap();
    assert_eq!(written.lines().count(), 1 + harness.state().corpus.articles.len());
    assert!(!harness.state().is_asking_for_a_path());
}

trait ShownTitle {
    fn shown_title(&self) -> String;
}

impl ShownTitle for Harness<'static, DossierApp> {
    fn shown_title(&self) -> String {
        self.state().shown_article().map(|a| a.meta.title.clone()).unwrap_or_default()
    }
}

#[test]
fn arrow_keys_and_j_k_move_through_the_list() {
    let mut harness = harness_with(AppState::default(), FakeDialogs::default(), Some(sample_corpus()));
    step_until(&mut harness, "loaded", loaded_and_shown);
    let visible: Vec<u32> = harness.state().visible_articles().to_vec();
    let title_of = |app: &DossierApp, row: usize| app.corpus.articles[visible[row] as usize].title.clone();
    assert_eq!(harness.shown_title(), title_of(harness.state(), 0));
    harness.key_press(egui::Key::ArrowDown);
    let second = title_of(harness.state(), 1);
    step_until(&mut harness, "the second row is shown", |app| {
        app.shown_article().is_some_and(|a| a.meta.title == second)
    });
    harness.key_press(egui::Key::J);
    let third = title_of(harness.state(), 2);
    step_until(&mut harness, "the third row is shown", |app| {
        app.shown_article().is_some_and(|a| a.meta.title == third)
    });
    harness.key_press(egui::Key::K);
    step_until(&mut harness, "back on the second row", |app| {
        app.shown_article().is_some_and(|a| a.meta.title == second)
    });
}

#[test]
fn typing_in_the_filter_narrows_the_list_and_sorting_reorders_it() {
    let mut harness = harness_with(AppState::default(), FakeDialogs::default(), Some(sample_corpus()));
    step_until(&mut harness, "loaded", loaded_and_shown);
    let total = harness.state().corpus.articles.len();
    // Ctrl+F focuses the filter box; typing then filters.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run();
    let word =
        harness.state().corpus.articles[0].title.split_whitespace().max_by_key(|w| w.len()).unwrap().to_lowercase();
    harness.get_by_label("Filter titles and outlets").type_text(&word);
    harness.run();
    let app = harness.state();
    let shown = app.visible_articles().len();
    assert!(shown >= 1 && shown < total, "{shown} of {total} for {word:?}");
    assert!(app.visible_articles().iter().all(|&i| {
        let a = &app.corpus.articles[i as usize];
        a.title.to_lowercase().contains(&word) || a.outlet.as_deref().unwrap_or("").to_lowercase().contains(&word)
    }));

    harness.get_by_label("Filter titles and outlets").focus();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.key_press(egui::Key::Backspace);
    harness.run();
    assert_eq!(harness.state().visible_articles().len(), total);

    harness.get_by_label("Title").click();
    harness.run();
    assert_eq!(harness.state().state.sort, SortKey::Title);
    let app = harness.state();
    let titles: Vec<String> =
        app.visible_articles().iter().map(|&i| app.corpus.articles[i as usize].title.to_lowercase()).collect();
    assert!(titles.windows(2).all(|w| w[0] <= w[1]), "{titles:?}");
}

#[test]
fn problems_are_listed_with_their_reasons() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("good.txt"), "Headline\n\nSome text here.").unwrap();
    std::fs::write(folder.path().join("scan.txt"), b"%PDF-1.4 binary").unwrap();
    std::fs::write(folder.path().join("photo.png"), [0x89, b'P', b'N', b'G']).unwrap();
    let mut harness = harness_with(AppState::default(), FakeDialogs::default(), Some(folder.path().to_owned()));
    step_until(&mut harness, "loaded", loaded_and_shown);
    // Counts of one read in the singular.
    harness.get_by_label("1 article");
    harness.get_by_label("1 file of another type skipped");
    harness.get_by_label("1 problem").click();
    harness.run();
    harness.get_by_label("1 file: not read, or read only in part.");
    harness.get_by_label("scan.txt");
    harness.get_by_label("not a text file (a PDF document)");
}

/// Hostile files (HTML nested 20,000 deep, which once overflowed a reader's stack and aborted the app, JSON
/// nested past the parser's limit, a run of quote marks and speech verbs) beside ordinary articles: the app
/// keeps drawing frames while it reads them, lists every ordinary article, and says what it made of the rest.
#[test]
fn hostile_files_neither_stop_the_app_nor_the_other_articles() {
    let folder = own_sample_corpus();
    let hostile = folder.path().join("hostile");
    std::fs::create_dir(&hostile).unwrap();
    for generator in dossier::adversarial::GENERATORS {
        let text = (generator.make)(256 << 10);
        std::fs::write(hostile.join(format!("{}.{}", generator.name, generator.extension)), text).unwrap();
    }
    let deep = format!("<html><body>{}<p>Deep down, the minister said so.</p></body></html>", "<div>".repeat(20_000));
    std::fs::write(hostile.join("deep.html"), deep).unwrap();
    let ordinary = loading::load(&CorpusSource::Folder(sample_corpus()), 2).unwrap();
    let mut harness = harness_with(AppState::default(), FakeDialogs::default(), Some(folder.path().to_owned()));
    let mut frames_while_loading = 0;
    for _ in 0..6000 {
        harness.step();
        if harness.state().is_loading() {
            frames_while_loading += 1;
        } else if loaded_and_shown(harness.state()) {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(loaded_and_shown(harness.state()), "the corpus finished loading");
    assert!(frames_while_loading > 1, "frames were drawn while the files were read");
    let app = harness.state();
    let titles: Vec<&str> = app.corpus.articles.iter().map(|a| a.title.as_str()).collect();
    for article in &ordinary.articles {
        assert!(titles.contains(&article.title.as_str()), "{} is listed", article.title);
    }
    let problems: Vec<String> = app.corpus.problems.iter().map(|p| format!("{}: {}", p.path, p.message)).collect();
    assert!(problems.iter().any(|p| p.contains("deep.html") && p.contains("nested deeper than 256")), "{problems:?}");
    assert!(
        problems.iter().any(|p| p.contains("json-deep-arrays.json") && p.contains("recursion limit")),
        "{problems:?}"
    );
    assert!(titles.contains(&"Soup"), "the quote soup is read as an article");
}

/// The View menu shows the keys of the views; Ctrl+4 hides the Statements panel, which shows beside the
/// article only, and the choice is part of the saved state.
#[test]
fn the_view_menu_shows_its_keys_and_the_statements_panel_hides() {
    let mut harness = harness_with(AppState::default(), FakeDialogs::default(), Some(sample_corpus()));
    step_until(&mut harness, "the sample corpus is loaded", loaded_and_shown);
    let panel_note = "in this article · click one";
    assert!(harness.query_by_label_contains(panel_note).is_some(), "the panel beside the article");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num4);
    harness.run();
    assert!(harness.query_by_label_contains(panel_note).is_none(), "hidden by Ctrl+4");
    assert!(!harness.state().state.show_statements_panel);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num4);
    harness.run();
    assert!(harness.query_by_label_contains(panel_note).is_some(), "shown again");
    // Other views have the window's width to themselves.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num3);
    step_until(&mut harness, "the chart is counted", |app| {
        app.state.tab == dossier::ui::CentralTab::Chart && !app.is_charting()
    });
    assert!(harness.query_by_label_contains(panel_note).is_none(), "not beside the chart");
    harness.get_by_label("View").click();
    harness.run();
    for key in ["Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4"] {
        assert!(harness.query_by_label_contains(key).is_some(), "{key} in the View menu");
    }
}

/// Another article opens at its top, in the article view and in the Statements panel, wherever the last
/// one was scrolled to.
#[test]
fn another_article_opens_scrolled_to_its_top() {
    let mut harness = harness_with(AppState::default(), FakeDialogs::default(), Some(sample_corpus()));
    step_until(&mut harness, "loaded", loaded_and_shown);
    let heading_top = |harness: &Harness<'static, DossierApp>| {
        let title = harness.state().shown_article().unwrap().meta.title.clone();
        // The title shows in the list and as the heading; the heading is the one right of the list.
        harness
            .query_all_by_label(&title)
            .map(|node| node.rect())
            .max_by(|a, b| a.left().total_cmp(&b.left()))
            .unwrap()
            .top()
    };
    let top_before = heading_top(&harness);
    let article = harness.state().shown_article().unwrap().clone();
    let (last_paragraph, _) = article.paragraphs().into_iter().last().unwrap();
    let last_words = article.text[last_paragraph].trim().to_owned();
    harness.get_by_label(&last_words).scroll_to_me();
    harness.run();
    assert!(heading_top(&harness) < top_before - 100.0, "the first article was scrolled down");
    let first_title = article.meta.title.clone();
    harness.key_press(egui::Key::ArrowDown);
    step_until(&mut harness, "the next article is shown", |app| {
        app.shown_article().is_some_and(|a| a.meta.title != first_title)
    });
    assert_eq!(heading_top(&harness), top_before, "the next article opens at its top");
}

/// The Topics window opens below the menu and the search bar, and a new topic waits for its query
/// without an error.
#[test]
fn the_topics_window_leaves_the_menu_free_and_a_new_topic_shows_no_error() {
    let folder = own_sample_corpus();
    let mut harness = harness_with(AppState::default(), FakeDialogs::default(), Some(folder.path().to_owned()));
    step_until(&mut harness, "loaded", loaded_and_shown);
    harness.get_by_label("Topics…").click();
    harness.run();
    let search_bottom = harness.get_by_label("Search the corpus").rect().bottom();
    let add = harness.get_by_label("Add topic");
    assert!(add.rect().top() > search_bottom);
    add.click();
    // The new topic starts a count in the background, whose end repaints: steps, not a settled run.
    harness.run_steps(4);
    harness.get_by_label("Topic 1: type a query, as in the search box");
    let errors: Vec<String> = harness.query_all_by_label_contains("query is empty").map(|n| format!("{n:?}")).collect();
    assert!(errors.is_empty(), "no error for a topic still being written: {errors:?}");
}

/// A title cut to fit the list shows whole when the pointer rests on it.
#[test]
fn a_cut_title_shows_whole_on_hover() {
    let mut harness = harness_with(AppState::default(), FakeDialogs::default(), Some(sample_corpus()));
    step_until(&mut harness, "loaded", loaded_and_shown);
    let title = harness.state().shown_article().unwrap().meta.title.clone();
    assert!(title.len() > 50, "the first sample title is long enough to be cut: {title}");
    // In the list and as the heading; no tooltip yet.
    assert_eq!(harness.query_all_by_label(&title).count(), 2);
    let row = harness.query_all_by_label(&title).min_by(|a, b| a.rect().left().total_cmp(&b.rect().left())).unwrap();
    harness.hover_at(row.rect().center());
    // Tooltips wait for the pointer to rest.
    for _ in 0..40 {
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(harness.query_all_by_label(&title).count(), 3, "the whole title in a tooltip");
}

#[test]
fn the_last_corpus_reopens_and_the_state_survives_a_restart() {
    let mut state = AppState::default();
    state.remember(&CorpusSource::Folder(sample_corpus()));
    state.sort = SortKey::Outlet;
    let saved = serde_json::to_string(&state).unwrap();
    let restored: AppState = serde_json::from_str(&saved).unwrap();
    assert_eq!(restored, state);
    let mut harness = harness_with(restored, FakeDialogs::default(), None);
    step_until(&mut harness, "the last corpus is open again", loaded_and_shown);
    assert!(!harness.state().corpus.articles.is_empty());
    assert_eq!(harness.state().state.sort, SortKey::Outlet);
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_files_on_the_window_opens_them() {
    let folder = tempfile::tempdir().unwrap();
    for name in ["one", "two"] {
        std::fs::write(folder.path().join(format!("{name}.txt")), format!("Dropped {name}\n\nText of {name}."))
            .unwrap();
    }
    let mut harness = harness_with(AppState::default(), FakeDialogs::default(), None);
    harness.run();
    harness.get_by_label("Open folder…");
    for name in ["one", "two"] {
        harness.input_mut().dropped_files.push(std::sync::Arc::new(Dropped(folder.path().join(format!("{name}.txt")))));
    }
    step_until(&mut harness, "the dropped files are open", loaded_and_shown);
    // The first is listed and shown, the second listed.
    assert_eq!(harness.query_all_by_label("Dropped one").count(), 2);
    assert_eq!(harness.query_all_by_label("Dropped two").count(), 1);
    assert_eq!(harness.state().corpus.articles.len(), 2);
}

#[test]
fn main_window_snapshot() {
    let mut harness = harness_with(AppState::default(), FakeDialogs::default(), Some(sample_corpus()));
    step_until(&mut harness, "loaded", loaded_and_shown);
    harness.run();
    harness.snapshot("main_window");
}

#[test]
fn clicking_a_statement_selects_it_and_all_statements_filter_by_speaker() {
    let mut harness = harness_with(AppState::default(), FakeDialogs::default(), Some(sample_corpus()));
    step_until(&mut harness, "loaded", loaded_and_shown);
    let article = harness.state().shown_article().unwrap().clone();
    let statements = dossier::statements::extract(&article);
    assert!(!statements.is_empty(), "the first sample article has statements");
    // Each card names its kind in the words of the exports (direct, indirect, mixed) and its cue.
    for statement in &statements {
        let kind = serde_json::to_value(statement.kind).unwrap();
        let cue = statement.cue.clone().map_or("no verb", |c| &article.text[c]);
        let label = format!("{} · {cue}", kind.as_str().unwrap());
        assert!(harness.query_all_by_label(&label).next().is_some(), "{label}");
    }
    // Click the second statement's card in the right panel.
    let target = &statements[1];
    let text = &article.text[target.text.clone()];
    let speaker = target.speaker.clone().unwrap();
    harness.get_by_label(&format!("{speaker}: {text}")).click();
    harness.run();
    assert_eq!(harness.state().selected_statement(), Some((speaker.clone(), text.to_owned())));

    // The corpus-wide view lists every statement; a speaker filters it, with the count shown.
    harness.get_by_label("All statements").click();
    step_until(&mut harness, "the rows' words are read", rows_in_view_are_read);
    let total = harness.state().corpus.statements.len();
    assert_eq!(harness.state().visible_statements().len(), total);
    let count =
        harness.state().corpus.statements.iter().filter(|s| s.speaker.as_deref() == Some(speaker.as_str())).count();
    harness.get_by_label(&format!("{speaker} ({count})")).click();
    step_until(&mut harness, "the speaker's rows are listed and their words read", |app| {
        app.visible_statements().len() == count && rows_in_view_are_read(app)
    });
    assert_eq!(harness.state().visible_statements().len(), count);

    // Clicking a statement reads it in its article in the right panel; "Open in article" opens the article
    // with the statement selected.
    // Rows are virtualized: pick one in view, from another article than the one shown.
    let shown_title = harness.state().shown_article().unwrap().meta.title.clone();
    let index = *harness.state().visible_statements()[..8]
        .iter()
        .find(|&&i| {
            let app = harness.state();
            app.corpus.articles[app.corpus.statements[i as usize].article as usize].title != shown_title
        })
        .unwrap();
    let wanted = harness.state().corpus.statements[index as usize].clone();
    let wanted_title = harness.state().corpus.articles[wanted.article as usize].title.clone();
    let wanted_text = harness.state().statement_text(index).unwrap().to_owned();
    harness.get_by_label(&format!("{speaker}: {wanted_text}")).click();
    step_until(&mut harness, "the statement is read in context", |app| app.statement_in_context().is_some());
    let context = harness.state().statement_in_context().unwrap().to_owned();
    assert!(context.contains(&wanted_text), "{context:?} holds {wanted_text:?}");
    assert!(context.len() > wanted_text.len(), "with words around it: {context:?}");
    assert_eq!(harness.state().state.tab, dossier::ui::CentralTab::Statements);
    harness.get_by_label("Open in article").click();
    step_until(&mut harness, "the statement's article is shown", |app| {
        app.shown_article().is_some_and(|a| a.meta.title == wanted_title)
    });
    assert_eq!(harness.state().state.tab, dossier::ui::CentralTab::Article);
    assert_eq!(harness.state().selected_statement().map(|(_, text)| text), Some(wanted_text));
}

/// On All statements the arrows pick the next or previous statement (read in context at the right) and
/// Enter opens it; a double-click on a row opens its article too.
#[test]
fn statements_are_picked_with_the_keyboard_and_opened_with_enter_or_a_double_click() {
    let sample = sample_corpus();
    let mut harness = Harness::builder().with_size([1280.0, 800.0]).with_step_dt(1.0 / 60.0).build_eframe(move |cc| {
        isolate_data();
        DossierApp::with_state(&cc.egui_ctx, AppState::default(), Box::new(FakeDialogs::default()), Some(sample))
    });
    step_until(&mut harness, "loaded", loaded_and_shown);
    harness.get_by_label("All statements").click();
    step_until(&mut harness, "the rows' words are read", rows_in_view_are_read);
    assert!(harness.query_by_label_contains("Click a statement in All statements").is_some());
    harness.key_press(egui::Key::ArrowDown);
    harness.key_press(egui::Key::ArrowDown);
    harness.run_steps(2);
    let second = harness.state().visible_statements()[1];
    assert_eq!(harness.state().picked_statement(), Some(second));
    step_until(&mut harness, "read in context", |app| app.statement_in_context().is_some());
    let words = harness.state().statement_text(second).unwrap().to_owned();
    assert!(harness.state().statement_in_context().unwrap().contains(&words));
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    assert_eq!(harness.state().state.tab, dossier::ui::CentralTab::Article);
    step_until(&mut harness, "the statement is selected", |app| app.selected_statement().is_some());
    assert_eq!(harness.state().selected_statement().map(|(_, text)| text), Some(words));

    // A double-click on the first row opens its article.
    harness.get_by_label("All statements").click();
    step_until(&mut harness, "the rows' words are read", rows_in_view_are_read);
    let first = harness.state().visible_statements()[0];
    let first_words = harness.state().statement_text(first).unwrap().to_owned();
    let row = harness.query_all_by_label_contains(&format!(": {first_words}")).next().expect("the first row").rect();
    // Past the double-click interval since the tab's click, so the two clicks are not a triple-click.
    harness.hover_at(row.center());
    harness.run_steps(30);
    click_at(&mut harness, row.center(), 2);
    harness.run_steps(2);
    assert_eq!(harness.state().state.tab, dossier::ui::CentralTab::Article);
    step_until(&mut harness, "the statement is selected", |app| app.selected_statement().is_some());
    assert_eq!(harness.state().selected_statement().map(|(_, text)| text), Some(first_words));
}

#[test]
fn merging_speakers_in_the_speaker_manager_changes_every_view_and_is_saved() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(
        folder.path().join("a.txt"),
        "Talks resume\n\nForeign Minister Amara Dused said the talks would resume next week.",
    )
    .unwrap();
    std::fs::write(
        folder.path().join("b.txt"),
        "Talks stall\n\nMinister Amara Duset told reporters that the talks had stalled again.",
    )
    .unwrap();
    let mut harness = harness_with(AppState::default(), FakeDialogs::default(), Some(folder.path().to_owned()));
    step_until(&mut harness, "loaded", loaded_and_shown);
    harness.get_by_label("All statements").click();
    step_until(&mut harness, "the rows' words are read", rows_in_view_are_read);
    harness.get_by_label("Amara Dused (1)");
    harness.get_by_label("Amara Duset (1)");
    harness.get_by_label("Speakers…").click();
    // Background work (the index, the speakers' roles) asks for frames as it ends, so a fixed number of
    // frames rather than `run`, which fails when a busy machine makes them come late.
    step_until(&mut harness, "the roles are read", |app| !app.is_reading_roles() && !app.is_indexing());
    harness.get_by_label("Tick Amara Dused").click();
    harness.get_by_label("Tick Amara Duset").click();
    harness.run_steps(3);
    harness.get_by_label("Merge 2 ticked into…").click();
    harness.run_steps(3);
    harness.get_by_label("into Amara Dused").click();
    harness.run_steps(3);
    harness.get_by_label("Amara Dused (2)");
    assert_eq!(harness.state().speaker_names.canonical("Amara Duset"), "Amara Dused");
    // Saved outside the corpus folder, and reloaded when the corpus opens again.
    assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 2, "nothing written into the corpus");
    let mut reopened = harness_with(AppState::default(), FakeDialogs::default(), Some(folder.path().to_owned()));
    step_until(&mut reopened, "loaded again", loaded_and_shown);
    assert_eq!(reopened.state().speaker_names.canonical("Amara Duset"), "Amara Dused");
}

/// The chart names its series above the plot, tells a bucket's dates and counts on hover, and a drag
/// lists the period from the bucket where the button went down.
#[test]
fn the_chart_tells_a_bucket_on_hover_and_a_drag_starts_where_the_button_went_down() {
    let mut harness = harness_with(AppState::default(), FakeDialogs::default(), Some(sample_corpus()));
    step_until(&mut harness, "loaded", loaded_and_shown);
    harness.get_by_label("Chart").click();
    step_until(&mut harness, "the chart is counted", |app| !app.is_charting());
    harness.run_steps(2);
    let chart = harness.state_mut().chart().unwrap().clone();
    assert!(chart.starts.len() > 8, "months over several years");
    // The legend: every series with its total, above the plot's data.
    let baseline = harness.state().chart_bucket_position(0).unwrap().y;
    // Below the plot's zero line, the date labels and the axis title still fit above the status bar
    // (once, the legend pushed them out of the window).
    let status_bar_top = harness.get_by_label("31 articles").rect().top();
    assert!(baseline + 40.0 < status_bar_top, "zero line at {baseline}, status bar at {status_bar_top}");
    for series in &chart.series {
        let name = format!("{} ({})", series.name, series.total());
        let bottom = harness.query_all_by_label(&name).map(|n| n.rect().bottom()).fold(f32::MAX, f32::min);
        assert!(bottom < baseline - 100.0, "{name} above the plot");
    }
    // Hovering a bucket tells its dates and counts.
    let positions: Vec<egui::Pos2> = (0..chart.starts.len())
        .map(|bucket| harness.state().chart_bucket_position(bucket).unwrap() - egui::vec2(0.0, 30.0))
        .collect();
    let position = |bucket: usize| positions[bucket];
    harness.hover_at(position(5));
    harness.run_steps(3);
    let hover = harness.get_by_label_contains("All articles:");
    assert!(format!("{hover:?}").contains(&chart.bucket_description(5)), "{hover:?}");
    // A drag from bucket 2 to bucket 6 lists that period, starting at bucket 2.
    let (from, to) = (position(2), position(6));
    harness.hover_at(from);
    harness.run_steps(1);
    harness.event(egui::Event::PointerButton {
        pos: from,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run_steps(1);
    for step in 1..=8 {
        harness.hover_at(from + (to - from) * (step as f32 / 8.0));
        harness.run_steps(1);
    }
    harness.event(egui::Event::PointerButton {
        pos: to,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run_steps(3);
    let app = harness.state();
    let expected: u64 = chart.total_articles[2..=6].iter().sum();
    assert_eq!(app.visible_articles().len() as u64, expected);
    let (first, last) = (chart.starts[2], chart.bucket_end(6));
    assert!(
        app.visible_articles()
            .iter()
            .all(|&i| app.corpus.articles[i as usize].date.is_some_and(|d| first <= d && d <= last))
    );
}

#[test]
fn the_chart_follows_the_series_and_bucket_chosen_and_a_click_lists_that_period() {
    let mut harness = harness_with(AppState::default(), FakeDialogs::default(), Some(sample_corpus()));
    step_until(&mut harness, "loaded", loaded_and_shown);
    harness.get_by_label("Chart").click();
    step_until(&mut harness, "the chart is counted", |app| !app.is_charting());
    // By default: the five most quoted speakers.
    let top = harness.state_mut().chart().unwrap().series.clone();
    assert_eq!(top.len(), 5);

    // Pick one more series from the list, by clicking its checkbox.
    let counts = {
        let app = harness.state();
        let mut counts = std::collections::HashMap::<String, usize>::new();
        for statement in &app.corpus.statements {
            if let Some(speaker) = statement.speaker.as_deref() {
                *counts.entry(app.speaker_names.canonical(speaker).to_owned()).or_default() += 1;
            }
        }
        let mut counts: Vec<(String, usize)> = counts.into_iter().collect();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        counts
    };
    let (sixth, sixth_count) = counts[5].clone();
    harness.get_by_label(&format!("{sixth} ({sixth_count})")).click();
    step_until(&mut harness, "the chart is counted", |app| !app.is_charting());
    let series: Vec<String> = harness.state_mut().chart().unwrap().series.iter().map(|s| s.name.clone()).collect();
    assert_eq!(series.len(), 6);
    assert_eq!(series.last(), Some(&sixth));

    // Change the bucket to years; the toolbar's buttons keep their labels and places.
    let auto_before = harness.get_by_label("Auto (month)").rect();
    let year_before = harness.get_by_label("Year").rect();
    harness.get_by_label("Year").click();
    step_until(&mut harness, "the chart is counted by year", |app| !app.is_charting());
    assert_eq!(harness.get_by_label("Auto (month)").rect(), auto_before);
    assert_eq!(harness.get_by_label("Year").rect(), year_before);
    let chart = harness.state_mut().chart().unwrap().clone();
    assert_eq!(chart.bucket, dossier::timeline::Bucket::Year);
    assert!(chart.starts.iter().all(|d| d.format("%m-%d").to_string() == "01-01"));

    // Click the busiest year: the list shows only that year's articles.
    let busiest = (0..chart.starts.len()).max_by_key(|&b| chart.total_articles[b]).unwrap();
    let position = harness.state().chart_bucket_position(busiest).unwrap();
    harness.hover_at(position);
    harness.run();
    harness.event(egui::Event::PointerButton {
        pos: position,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run();
    harness.event(egui::Event::PointerButton {
        pos: position,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run();
    // The period and the count have a line of their own under the sort buttons, never over them.
    let all_dates = harness.get_by_label("All dates").rect();
    for sort in ["Date ⏷", "Title", "Outlet"] {
        let button = harness.get_by_label(sort).rect();
        assert!(
            !button.intersects(all_dates) && button.bottom() <= all_dates.top(),
            "{sort} {button:?} / {all_dates:?}"
        );
    }
    let app = harness.state();
    let year = chart.starts[busiest].format("%Y").to_string();
    assert_eq!(app.visible_articles().len() as u64, chart.total_articles[busiest]);
    assert!(
        app.visible_articles()
            .iter()
            .all(|&i| { app.corpus.articles[i as usize].date.is_some_and(|d| d.format("%Y").to_string() == year) })
    );
    // The statements view is filtered to the period too.
    assert!(app.visible_statements().iter().all(|&i| {
        let article = &app.corpus.articles[app.corpus.statements[i as usize].article as usize];
        article.date.is_some_and(|d| d.format("%Y").to_string() == year)
    }));
    harness.get_by_label(&format!("Showing {year}-01-01 – {year}-12-31 in the list."));

    // "Show all dates" brings every article back.
    harness.get_by_label("Show all dates").click();
    harness.run();
    assert_eq!(harness.state().visible_articles().len(), harness.state().corpus.articles.len());
}

/// A double-click on the chart resets the period; its first click, which picked a period and opened that
/// period's first article, is undone: the article read before stays open.
#[test]
fn a_double_click_on_the_chart_resets_the_period_and_keeps_the_article_read_before() {
    // Steps of a sixtieth of a second, as a screen's frames, so two clicks fit egui's 0.3 s double-click.
    let corpus = sample_corpus();
    let mut harness = Harness::builder().with_size([1280.0, 800.0]).with_step_dt(1.0 / 60.0).build_eframe(move |cc| {
        DossierApp::with_state(&cc.egui_ctx, AppState::default(), Box::new(FakeDialogs::default()), Some(corpus))
    });
    step_until(&mut harness, "loaded", loaded_and_shown);
    let all = harness.state().corpus.articles.len();
    let read_before = harness.state().selected_article();
    assert!(read_before.is_some());
    harness.get_by_label("Chart").click();
    step_until(&mut harness, "the chart is counted", |app| !app.is_charting());
    let chart = harness.state_mut().chart().unwrap().clone();
    // A bucket whose articles do not include the one read, so a single click would open another.
    let read_date = read_before.and_then(|a| harness.state().corpus.articles[a].date);
    let bucket = (0..chart.starts.len())
        .find(|&b| {
            chart.total_articles[b] > 0 && read_date.is_none_or(|d| d < chart.starts[b] || d > chart.bucket_end(b))
        })
        .unwrap();
    let position = harness.state().chart_bucket_position(bucket).unwrap();
    harness.hover_at(position);
    // The tooltip fades in over a few frames.
    harness.run_steps(30);
    click_at(&mut harness, position, 2);
    // Past the double-click interval, so the next click counts alone.
    harness.run_steps(30);
    assert_eq!(harness.state().visible_articles().len(), all, "the period is reset");
    assert_eq!(harness.state().selected_article(), read_before, "the article read before stays open");

    // A single click still picks the period and opens its first article.
    click_at(&mut harness, position, 1);
    harness.run_steps(30);
    assert_eq!(harness.state().visible_articles().len() as u64, chart.total_articles[bucket]);
    let opened = harness.state().selected_article();
    assert!(opened.is_some() && opened != read_before);
}

/// After "All dates", the list scrolls to the article read and stays there (it sprang back to its top:
/// the offset was set before the scroll area knew the longer list).
#[test]
fn the_list_draws_the_rows_around_the_article_read_as_soon_as_all_dates_are_shown() {
    let wikinews = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/wikinews");
    let mut harness = harness_with(AppState::default(), FakeDialogs::default(), Some(wikinews));
    step_until(&mut harness, "loaded", loaded_and_shown);
    harness.get_by_label("Chart").click();
    step_until(&mut harness, "the chart is counted", |app| !app.is_charting());
    let chart = harness.state_mut().chart().unwrap().clone();
    // The oldest month with articles: its first article lies far down the list, newest first.
    let bucket = (0..chart.starts.len()).find(|&b| chart.total_articles[b] > 0).unwrap();
    let position = harness.state().chart_bucket_position(bucket).unwrap();
    harness.hover_at(position);
    harness.run_steps(3);
    click_at(&mut harness, position, 1);
    step_until(&mut harness, "the period's first article is read", loaded_and_shown);
    let selected = harness.state().selected_article().unwrap();
    let title = harness.state().corpus.articles[selected].title.clone();
    harness.get_by_label("All dates").click();
    // Scrolled at once, and still there once everything has settled.
    harness.run_steps(20);
    let row_of_selected = harness.state().visible_articles().iter().position(|&i| i as usize == selected).unwrap();
    assert!(row_of_selected > 50, "the article read is far down the list ({row_of_selected})");
    let row = harness.get_by_label(&title).rect();
    let sort = harness.get_by_label("Title").rect();
    assert!(row.top() > sort.bottom() && row.bottom() < 800.0, "{title}: {row:?}");
}

/// A statement's card in the Statements panel shows the role the article gives its speaker.
#[test]
fn a_statement_card_shows_the_speakers_role() {
    let mut harness = harness_with(AppState::default(), FakeDialogs::default(), Some(sample_corpus()));
    step_until(&mut harness, "loaded", loaded_and_shown);
    // Through the articles until one has a statement whose speaker the article gives a role.
    for row in 0..harness.state().visible_articles().len() {
        if row > 0 {
            harness.key_press(egui::Key::ArrowDown);
            step_until(&mut harness, "the next article is read", loaded_and_shown);
        }
        let article = harness.state().shown_article().unwrap().clone();
        let roles: Vec<String> = dossier::statements::extract(&article)
            .iter()
            .filter_map(|s| s.role.clone().map(|r| article.text[r].to_owned()))
            .collect();
        if let Some(role) = roles.first() {
            assert!(!harness.query_all_by_label(role).collect::<Vec<_>>().is_empty(), "{role} on a card");
            return;
        }
    }
    panic!("no statement of the sample corpus has a role");
}

/// The speaker manager says what each speaker is: the roles their articles give them, most given first.
#[test]
fn the_speaker_manager_shows_the_roles_articles_give_a_speaker() {
    let folder = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("a.txt", "Budget passes\n\nThe Vice President, Mara Olsen, said the budget would pass this week."),
        ("b.txt", "Budget delayed\n\nThe Vice President, Mara Olsen, said on Monday that the vote was delayed."),
        ("c.txt", "Budget signed\n\nThe former senator, Mara Olsen, said the law was a good start."),
    ] {
        std::fs::write(folder.path().join(name), text).unwrap();
    }
    let mut harness = harness_with(AppState::default(), FakeDialogs::default(), Some(folder.path().to_owned()));
    step_until(&mut harness, "loaded", loaded_and_shown);
    harness.get_by_label("All statements").click();
    harness.run_steps(3);
    harness.get_by_label("Speakers…").click();
    step_until(&mut harness, "the roles are read", |app| !app.is_reading_roles());
    harness.run_steps(2);
    harness.get_by_label("Vice President · former senator");
}

/// All statements lists unnamed sources (`police`, `officials`) in a section of their own, below the
/// named speakers.
#[test]
fn unnamed_sources_have_a_section_of_their_own_in_the_speaker_list() {
    let wikinews = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/wikinews");
    let mut harness = harness_with(AppState::default(), FakeDialogs::default(), Some(wikinews));
    step_until(&mut harness, "loaded", loaded_and_shown);
    harness.get_by_label("All statements").click();
    harness.run_steps(5);
    let heading = harness.get_by_label("Unnamed sources").rect();
    let police = harness.query_all_by_label_contains("police (").next().expect("police listed").rect();
    let trump = harness.query_all_by_label_contains("Donald Trump (").next().expect("Donald Trump listed").rect();
    assert!(trump.bottom() <= heading.top(), "named speakers come first: {trump:?} / {heading:?}");
    assert!(police.top() >= heading.bottom(), "police is an unnamed source: {police:?} / {heading:?}");
}

/// The chart's "Unnamed sources" box adds one series of all unnamed sources, beside the top speakers.
#[test]
fn the_chart_adds_a_series_of_unnamed_sources() {
    let wikinews = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/wikinews");
    let mut harness = harness_with(AppState::default(), FakeDialogs::default(), Some(wikinews));
    step_until(&mut harness, "loaded", loaded_and_shown);
    harness.get_by_label("Chart").click();
    step_until(&mut harness, "the chart is counted", |app| !app.is_charting());
    harness.get_by_label("Unnamed sources").click();
    step_until(&mut harness, "the chart is counted", |app| !app.is_charting());
    let chart = harness.state_mut().chart().unwrap().clone();
    let names: Vec<&str> = chart.series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names.len(), 6, "{names:?}");
    assert_eq!(names.last(), Some(&"Unnamed sources"));
    assert!(chart.series.last().unwrap().total() > 50);
}

/// The sample corpus with two of its articles run again under another headline.
fn sample_corpus_with_two_copies() -> tempfile::TempDir {
    let folder = own_sample_corpus();
    for name in ["farmers-fear-dry-summers.txt", "kestrand-unveils-sarnow-dam.txt"] {
        let text = std::fs::read_to_string(folder.path().join("2019").join(name)).unwrap();
        let (_, rest) = text.split_once('\n').unwrap();
        std::fs::write(
            folder.path().join(format!("copy-of-{name}")),
            format!("A new headline for the wire copy\n{rest}"),
        )
        .unwrap();
    }
    folder
}

/// The chart's own switches: "Count each statement once" counts a copy's statements once, as "Count each
/// story once" does when the copies say nothing else; unticked, every copy counts again.
#[test]
fn the_chart_counts_each_statement_or_story_once() {
    let folder = sample_corpus_with_two_copies();
    let mut harness = harness_with(AppState::default(), FakeDialogs::default(), Some(folder.path().to_owned()));
    step_until(&mut harness, "loaded", loaded_and_shown);
    step_until(&mut harness, "copies found", |app| app.story_count() > 0);
    harness.get_by_label("Chart").click();
    let chart_total = |harness: &mut Harness<'static, DossierApp>| {
        step_until(harness, "the chart is counted", |app| !app.is_charting());
        harness.state_mut().chart().unwrap().series.iter().map(|s| s.total()).sum::<u64>()
    };
    let every_copy = chart_total(&mut harness);
    harness.get_by_label("Count each statement once").click();
    let each_statement_once = chart_total(&mut harness);
    assert!(each_statement_once < every_copy, "{each_statement_once} < {every_copy}");
    harness.get_by_label("Count each statement once").click();
    assert_eq!(chart_total(&mut harness), every_copy);
    // The story switch shows in the status bar too: the chart's is the first.
    let stories = harness.state().story_count();
    harness.query_all_by_label(&format!("Count each story once ({stories} stories)")).next().unwrap().click();
    assert_eq!(chart_total(&mut harness), each_statement_once);
}

/// View ▸ Copies sets how alike two articles must be to be copies; the copies are found again with it.
#[test]
fn the_copy_threshold_is_set_in_the_view_menu() {
    let folder = sample_corpus_with_two_copies();
    let mut harness = harness_with(AppState::default(), FakeDialogs::default(), Some(folder.path().to_owned()));
    step_until(&mut harness, "loaded", loaded_and_shown);
    step_until(&mut harness, "copies found", |app| app.story_count() > 0);
    harness.get_by_label("View").click();
    harness.run_steps(2);
    harness.get_by_label("Copies").click();
    harness.run_steps(2);
    // The slider and its number field carry the label: the slider comes first.
    harness.query_all_by_label("alike at least").next().unwrap().focus();
    harness.run_steps(1);
    harness.key_press(egui::Key::ArrowRight);
    harness.run_steps(2);
    let threshold = harness.state().state.copy_threshold;
    assert!((threshold - 0.75).abs() < 1e-9, "{threshold}");
    // Exact copies stay copies at any threshold: found again, the same two.
    step_until(&mut harness, "copies found again", |app| app.story_count() > 0);
    assert_eq!(harness.state().story_count(), harness.state().corpus.articles.len() - 2);
}

/// Copies of a story (here two sample articles run again under another headline) are listed, counted and
/// charted once when "Count each story once" is ticked in the status bar, and all again when it is not.
#[test]
fn count_each_story_once_lists_one_copy_of_each_story() {
    let folder = sample_corpus_with_two_copies();
    let mut harness = harness_with(AppState::default(), FakeDialogs::default(), Some(folder.path().to_owned()));
    step_until(&mut harness, "loaded", loaded_and_shown);
    step_until(&mut harness, "copies found", |app| app.story_count() > 0);
    let all = harness.state().corpus.articles.len();
    let statements = harness.state().visible_statements().len();
    harness.get_by_label(&format!("Count each story once ({} stories)", all - 2)).click();
    harness.run_steps(5);
    assert_eq!(harness.state().visible_articles().len(), all - 2);
    assert!(harness.state().visible_statements().len() < statements, "the copies' statements are left out");
    harness.get_by_label(&format!("Count each story once ({} stories)", all - 2)).click();
    harness.run_steps(5);
    assert_eq!(harness.state().visible_articles().len(), all);
    assert_eq!(harness.state().visible_statements().len(), statements);

    // A copy's statements were said in the original too: their cards say where else, and first where.
    harness.get_by_label("Filter titles and outlets").focus();
    harness.get_by_label("Filter titles and outlets").type_text("wire copy");
    step_until(&mut harness, "the copies are listed", |app| app.visible_articles().len() == 2);
    harness.query_all_by_label("A new headline for the wire copy").next().unwrap().click();
    step_until(&mut harness, "the copy is read", |app| {
        app.shown_article().is_some_and(|a| a.meta.title == "A new headline for the wire copy")
    });
    let echoes = harness.query_all_by_label_contains("also in 1 other article, ").count();
    assert!(echoes > 0, "no echo shown");
    assert_eq!(harness.query_all_by_label_contains(", first on 2019-").count(), echoes);

    // A click on an echo lists where the statement was said: a phrase search of statements.
    step_until(&mut harness, "search is ready", |app| app.is_search_ready());
    harness.query_all_by_label_contains("also in 1 other article, ").next().unwrap().click();
    step_until(&mut harness, "the echo is searched", |app| !app.is_searching() && app.state.search.starts_with('"'));
    let app = harness.state();
    assert_eq!(app.state.tab, dossier::ui::CentralTab::Statements);
    let listed = app.visible_statements();
    assert!(listed.len() >= 2, "{} for {}", listed.len(), app.state.search);
    let articles: std::collections::BTreeSet<u32> =
        listed.iter().map(|&s| app.corpus.statements[s as usize].article).collect();
    assert!(articles.len() >= 2, "said in the copy and its original: {articles:?}");
}

#[test]
fn exports_go_where_the_save_dialog_says_and_a_toast_tells() {
    let folder = tempfile::tempdir().unwrap();
    let dialogs = FakeDialogs { save_folder: Some(folder.path().to_owned()), ..Default::default() };
    let mut harness = harness_with(AppState::default(), dialogs, Some(sample_corpus()));
    step_until(&mut harness, "loaded", loaded_and_shown);
    for (item, file) in [
        ("Chart as PNG…", "chart.png"),
        ("Chart as SVG…", "chart.svg"),
        ("Chart data as CSV…", "chart.csv"),
        ("Statements as CSV…", "statements.csv"),
        ("Article list as CSV…", "articles.csv"),
    ] {
        harness.get_by_label("File").click();
        harness.run();
        harness.get_by_label("Export").click();
        harness.run();
        harness.get_by_label(item).click();
        let path = folder.path().join(file);
        step_until(&mut harness, "the export is written", |app| app.toast().is_some_and(|t| t.contains(file)));
        assert!(path.is_file(), "{file}");
        assert!(harness.state().toast().unwrap().starts_with("Saved "));
        harness.key_press(egui::Key::Escape);
        harness.run();
    }
    // A second export offers a new name: the first file is never replaced unasked.
    let first_png = std::fs::read(folder.path().join("chart.png")).unwrap();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Export").click();
    harness.run();
    harness.get_by_label("Chart as PNG…").click();
    step_until(&mut harness, "the second export is written", |app| {
        app.toast().is_some_and(|t| t.contains("chart-2.png"))
    });
    assert_eq!(std::fs::read(folder.path().join("chart.png")).unwrap(), first_png);
    let articles = csv::Reader::from_path(folder.path().join("articles.csv")).unwrap().records().count();
    assert_eq!(articles, harness.state().corpus.articles.len());
    let statements = csv::Reader::from_path(folder.path().join("statements.csv")).unwrap().records().count();
    assert_eq!(statements, harness.state().corpus.statements.len());
    assert!(folder.path().join("chart.csv.json").is_file());
    assert_eq!(harness.state().state.export_folder.as_deref(), Some(folder.path()));
}

#[test]
fn damaged_settings_are_kept_aside_and_reported_and_good_ones_survive_a_restart() {
    isolate_data();
    let settings = dossier::store::settings_path().unwrap();
    std::fs::create_dir_all(settings.parent().unwrap()).unwrap();
    std::fs::write(&settings, "{ \"search\": \"troops\", oops").unwrap();
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(|cc| DossierApp::from_saved_settings(&cc.egui_ctx, Box::new(FakeDialogs::default()), None));
    harness.run();
    let bad = settings.with_extension("json.bad");
    assert_eq!(std::fs::read_to_string(&bad).unwrap(), "{ \"search\": \"troops\", oops", "kept as it was");
    let message = harness.state().message().unwrap().to_owned();
    assert!(message.contains("is damaged") && message.contains("settings.json.bad"), "{message}");
    harness.get_by_label_contains("is damaged");
    // Settings the user changes are saved atomically and read back by the next start.
    harness.state_mut().state.search = "withdrawal".into();
    harness.state_mut().save_settings();
    let restarted = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(|cc| DossierApp::from_saved_settings(&cc.egui_ctx, Box::new(FakeDialogs::default()), None));
    assert_eq!(restarted.state().state.search, "withdrawal");
    assert!(restarted.state().message().is_none());
    std::fs::remove_file(&settings).unwrap();
}

#[test]
fn a_file_added_on_disk_is_noticed_and_one_click_reads_it() {
    let folder = own_sample_corpus();
    let mut harness = harness_with(AppState::default(), FakeDialogs::default(), Some(folder.path().to_owned()));
    step_until(&mut harness, "loaded and watched", |app| loaded_and_shown(app) && app.is_watching());
    let before = harness.state().corpus.articles.len();
    assert!(harness.query_by_label("Refresh (F5)").is_none(), "nothing changed yet");
    std::fs::write(folder.path().join("late.txt"), "Late news\n\nThe mayor said the bridge had reopened.\n").unwrap();
    step_until(&mut harness, "the change is noticed", DossierApp::has_disk_changes);
    harness.get_by_label("Files changed on disk");
    harness.get_by_label("Refresh (F5)").click();
    step_until(&mut harness, "the corpus is read again", |app| {
        !app.is_loading() && app.corpus.articles.len() == before + 1
    });
    assert!(harness.state().corpus.articles.iter().any(|a| a.title == "Late news"));
    step_until(&mut harness, "watched again", |app| app.is_watching());
    assert!(!harness.state().has_disk_changes());
}

fn search_for(harness: &mut Harness<'static, DossierApp>, query: &str) {
    harness.get_by_label("Search the corpus").focus();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.key_press(egui::Key::Backspace);
    harness.get_by_label("Search the corpus").type_text(query);
    step_until(harness, "the search ran", |app| !app.is_searching());
}

#[test]
fn searching_narrows_the_list_and_a_bad_query_says_why_and_keeps_the_results() {
    let mut harness = harness_with(AppState::default(), FakeDialogs::default(), Some(sample_corpus()));
    step_until(&mut harness, "loaded", loaded_and_shown);
    step_until(&mut harness, "the search index is ready", |app| app.is_search_ready());
    let total = harness.state().corpus.articles.len();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::K);
    harness.run();
    search_for(&mut harness, "reservoir*");
    let app = harness.state();
    let shown: Vec<u32> = app.visible_articles().to_vec();
    assert!(!shown.is_empty() && shown.len() < total, "{} of {total}", shown.len());
    // The same query through the engine, by a fresh index over the same corpus.
    let index = dossier::search::SearchIndex::build_in_memory(&app.corpus).unwrap();
    let expected = dossier::search::run(
        &index,
        "reservoir*",
        dossier::search::Scope::Articles,
        &Default::default(),
        &Default::default(),
    )
    .unwrap();
    let mut sorted = shown.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, expected);
    harness.get_by_label(&format!("{} articles · {} statements", expected.len(), app.visible_statements().len()));

    // A broken query says why, and the list keeps the last results.
    harness.get_by_label("Search the corpus").type_text(" AND (dam");
    step_until(&mut harness, "the error shows", |app| app.search_error().is_some());
    assert!(harness.state().search_error().unwrap().contains("never closed"));
    assert_eq!(harness.state().visible_articles().len(), shown.len());

    // Statements matching: only that speaker's statements are listed.
    search_for(&mut harness, "speaker:Dused");
    harness.get_by_label("Statements matching").click();
    step_until(&mut harness, "the statement search ran", |app| !app.is_searching());
    let app = harness.state();
    assert!(!app.visible_statements().is_empty());
    assert!(
        app.visible_statements()
            .iter()
            .all(|&s| { app.corpus.statements[s as usize].speaker.as_deref().is_some_and(|n| n.contains("Dused")) })
    );
}

#[test]
fn topics_are_imported_counted_saved_and_charted() {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("codebook.json");
    std::fs::write(&file, r#"{"topics": [{"name": "Water", "query": "dam OR reservoir* OR river"}]}"#).unwrap();
    let dialogs = FakeDialogs { open_file: Some(file), ..Default::default() };
    let corpus = own_sample_corpus();
    let mut harness = harness_with(AppState::default(), dialogs, Some(corpus.path().to_owned()));
    step_until(&mut harness, "loaded", loaded_and_shown);
    step_until(&mut harness, "the search index is ready", |app| app.is_search_ready());
    harness.get_by_label("Topics…").click();
    harness.run();
    harness.get_by_label("Import…").click();
    step_until(&mut harness, "the topics are imported and counted", |app| {
        app.topics.topics.len() == 1 && !app.is_searching()
    });
    harness.run();
    let index = dossier::search::SearchIndex::build_in_memory(&harness.state().corpus).unwrap();
    let topics = harness.state().topics.clone();
    let run = |scope| dossier::search::run(&index, "topic:Water", scope, &topics, &Default::default()).unwrap();
    let (articles, statements) = (run(dossier::search::Scope::Articles), run(dossier::search::Scope::Statements));
    harness.get_by_label(&format!("Water: {} articles · {} statements", articles.len(), statements.len()));

    harness.get_by_label("Chart the topic Water").click();
    step_until(&mut harness, "the chart is counted", |app| !app.is_charting());
    let app = harness.state_mut();
    assert_eq!(app.state.tab, dossier::ui::CentralTab::Chart);
    let chart = app.chart().unwrap().clone();
    let water = chart.series.iter().find(|s| s.is_topic && s.name == "Water").expect("a Water series");
    let dated = statements
        .iter()
        .filter(|&&s| app.corpus.articles[app.corpus.statements[s as usize].article as usize].date.is_some())
        .count() as u64;
    assert_eq!(water.counts.iter().sum::<u64>(), dated);
    assert!(dated > 0);

    // Who spoke about it: the speaker × topic table, and a click to those statements. The Topics window is
    // closed first, as it stands over the chart.
    harness.get_by_label("Close window").click();
    harness.run();
    harness.get_by_label("Speakers × topics").click();
    step_until(&mut harness, "the table is counted", |app| !app.is_charting());
    let table = harness.state_mut().topic_table().unwrap().clone();
    assert_eq!(table.topics, ["Water"]);
    let (row, count) = table.counts.iter().enumerate().map(|(r, c)| (r, c[0])).max_by_key(|(_, c)| *c).unwrap();
    assert!(count > 0);
    let speaker = table.speakers[row].clone();
    // An older speaker filter in All statements must not hide what the click asks for.
    let other = table.speakers.iter().find(|s| **s != speaker).unwrap().clone();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num2);
    harness.run();
    harness.get_by_label_contains(&format!("{other} (")).click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num3);
    step_until(&mut harness, "the table is shown again", |app| !app.is_charting());
    harness.get_by_label(&format!("{speaker} on Water: {count}")).click();
    step_until(&mut harness, "the statements are listed", |app| !app.is_searching());
    let app = harness.state();
    assert_eq!(app.state.tab, dossier::ui::CentralTab::Statements);
    assert_eq!(app.visible_statements().len() as u64, count);
    assert!(app.visible_statements().iter().all(|s| statements.contains(s)));
}

#[test]
fn clicking_a_filter_value_adds_it_to_the_query_and_the_counts_follow() {
    let mut harness = harness_with(AppState::default(), FakeDialogs::default(), Some(sample_corpus()));
    step_until(&mut harness, "loaded", loaded_and_shown);
    step_until(&mut harness, "the search index is ready", |app| app.is_search_ready());
    harness.get_by_label("Filters").click();
    harness.run();
    // The most frequent outlet, with its count as the panel shows it.
    let (outlet, count) = {
        let app = harness.state();
        let mut counts = std::collections::HashMap::<String, usize>::new();
        for article in &app.corpus.articles {
            if let Some(outlet) = &article.outlet {
                *counts.entry(outlet.clone()).or_default() += 1;
            }
        }
        counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0))).unwrap()
    };
    harness.get_by_label(&format!("{outlet} ({count})")).click();
    step_until(&mut harness, "the outlet search ran", |app| !app.is_searching());
    let app = harness.state();
    assert_eq!(app.state.search, format!("outlet:\"{outlet}\""));
    assert_eq!(app.visible_articles().len(), count);
    assert!(
        app.visible_articles()
            .iter()
            .all(|&a| app.corpus.articles[a as usize].outlet.as_deref() == Some(outlet.as_str()))
    );
    // Articles with statements, added to the same query.
    let with_statements = {
        let articles: std::collections::HashSet<u32> = app.corpus.statements.iter().map(|s| s.article).collect();
        app.visible_articles().iter().filter(|a| articles.contains(a)).count()
    };
    // At the bottom of the panel: scrolled into view first, as a person would.
    harness.get_by_label(&format!("Has statements ({with_statements})")).scroll_to_me();
    harness.run();
    harness.get_by_label(&format!("Has statements ({with_statements})")).click();
    step_until(&mut harness, "the second search ran", |app| !app.is_searching());
    assert_eq!(harness.state().state.search, format!("outlet:\"{outlet}\" has:statements"));
    assert_eq!(harness.state().visible_articles().len(), with_statements);
    // Two speakers join with OR: the articles of either.
    let speakers: Vec<String> = harness
        .state()
        .speaker_names
        .ranked_counts(harness.state().corpus.found_speakers().iter().map(|(name, count)| (name.as_str(), *count)))
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    let label_of = |harness: &Harness<'static, DossierApp>, name: &str| {
        harness.query_all_by_label_contains(&format!("{name} (")).next().map(|n| format!("{n:?}"))
    };
    // Narrowed, the speakers keep the order the whole corpus gave them, so clicks land where aimed.
    let tops: Vec<f32> = speakers
        .iter()
        .filter_map(|name| harness.query_all_by_label_contains(&format!("{name} (")).next().map(|n| n.rect().top()))
        .collect();
    assert!(tops.len() >= 3 && tops.is_sorted(), "{tops:?}");
    for name in &speakers[..2] {
        assert!(label_of(&harness, name).is_some(), "{name} listed");
        harness.get_by_label_contains(&format!("{name} (")).scroll_to_me();
        harness.run();
        harness.get_by_label_contains(&format!("{name} (")).click();
        step_until(&mut harness, "the speaker search ran", |app| !app.is_searching());
    }
    let (first, second) = (&speakers[0], &speakers[1]);
    assert_eq!(
        harness.state().state.search,
        format!("outlet:\"{outlet}\" has:statements (speaker:\"{first}\" OR speaker:\"{second}\")")
    );
    // A value already in the search is taken out by a second click.
    harness.get_by_label_contains(&format!("{outlet} (")).scroll_to_me();
    harness.run();
    harness.get_by_label_contains(&format!("{outlet} (")).click();
    step_until(&mut harness, "the outlet is taken out", |app| !app.state.search.contains("outlet:"));
    assert_eq!(harness.state().state.search, format!("has:statements (speaker:\"{first}\" OR speaker:\"{second}\")"));
}

/// An article the search no longer finds says so, and claims no matches, though its words still hold them.
#[test]
fn an_article_left_out_by_the_search_says_so_and_claims_no_matches() {
    let mut harness = harness_with(AppState::default(), FakeDialogs::default(), Some(sample_corpus()));
    step_until(&mut harness, "loaded", loaded_and_shown);
    step_until(&mut harness, "the search index is ready", |app| app.is_search_ready());
    let title = "Last troops leave Fort Ardel, closing a chapter in the Olvane dispute";
    assert_eq!(harness.state().shown_article().unwrap().meta.title, title);
    search_for(&mut harness, "Ardel");
    step_until(&mut harness, "its matches are marked", |app| !app.article_matches().ranges.is_empty());
    // `-Kessel` leaves it out: the article names him.
    search_for(&mut harness, "Ardel -Kessel");
    step_until(&mut harness, "it is left out", |app| app.article_matches().is_outside_results);
    harness.run();
    assert_eq!(harness.state().shown_article().unwrap().meta.title, title, "still open");
    assert!(harness.state().article_matches().ranges.is_empty());
    harness.get_by_label("This article is not among the search results.");
    assert!(harness.query_by_label_contains("of the search in this article").is_none());
}

/// With "Statements matching", the Statements panel marks which of the article's statements matched.
#[test]
fn the_statements_panel_marks_the_statements_the_search_found() {
    let mut harness = harness_with(AppState::default(), FakeDialogs::default(), Some(sample_corpus()));
    step_until(&mut harness, "loaded", loaded_and_shown);
    step_until(&mut harness, "the search index is ready", |app| app.is_search_ready());
    let article = harness.state().shown_article().unwrap().clone();
    let by_dused =
        dossier::statements::extract(&article).iter().filter(|s| s.speaker.as_deref() == Some("Amara Dused")).count();
    assert!(by_dused > 0 && by_dused < 8, "some of the first article's statements are Dused's");
    harness.get_by_label("Statements matching").click();
    search_for(&mut harness, "speaker:Dused");
    step_until(&mut harness, "the matches are known", |app| app.article_matches().matching_statements.is_some());
    harness.run();
    harness.get_by_label(&format!("{by_dused} match the search, marked «match»"));
    assert_eq!(harness.query_all_by_label("match").count(), by_dused);
}

/// The speaker list of All statements counts what the search leaves, not the whole corpus.
#[test]
fn the_speaker_counts_follow_the_search() {
    let mut harness = harness_with(AppState::default(), FakeDialogs::default(), Some(sample_corpus()));
    step_until(&mut harness, "loaded", loaded_and_shown);
    step_until(&mut harness, "the search index is ready", |app| app.is_search_ready());
    let total = harness.state().corpus.statements.len();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num2);
    step_until(&mut harness, "all statements are listed", rows_in_view_are_read);
    harness.get_by_label(&format!("All speakers ({total})"));
    search_for(&mut harness, "Ardel");
    step_until(&mut harness, "the rows in view are read", rows_in_view_are_read);
    let listed = harness.state().visible_statements().len();
    assert!(listed > 0 && listed < total);
    harness.get_by_label(&format!("All speakers ({listed})"));
    harness.get_by_label("Counted in what the search and the period leave");
    // Each speaker's count is that of the listed statements.
    let app = harness.state();
    let names: Vec<String> = app
        .visible_statements()
        .iter()
        .filter_map(|&i| {
            app.corpus.statements[i as usize].speaker.as_deref().map(|s| app.speaker_names.canonical(s).to_owned())
        })
        .collect();
    let first = names[0].clone();
    let count = names.iter().filter(|n| **n == first).count();
    harness.get_by_label(&format!("{first} ({count})"));
}

#[test]
fn search_matches_are_marked_in_the_article_and_f3_steps_through_them() {
    let mut harness = harness_with(AppState::default(), FakeDialogs::default(), Some(sample_corpus()));
    step_until(&mut harness, "loaded", loaded_and_shown);
    step_until(&mut harness, "the search index is ready", |app| app.is_search_ready());
    search_for(&mut harness, "reservoir* OR dam");
    // Open the first article found.
    let first = harness.state().visible_articles()[0] as usize;
    let title = harness.state().corpus.articles[first].title.clone();
    if harness.state().shown_article().is_none_or(|a| a.meta.title != title) {
        harness.get_by_label(&title).click();
    }
    step_until(&mut harness, "the article is shown with its matches", |app| {
        app.shown_article().is_some_and(|a| a.meta.title == title) && !app.article_matches().ranges.is_empty()
    });
    let app = harness.state();
    let text = &app.shown_article().unwrap().text;
    let ranges = app.article_matches().ranges.clone();
    assert!(ranges.iter().all(|r| {
        let word = text[r.clone()].to_lowercase();
        word.starts_with("reservoir") || word == "dam" || word == "dams"
    }));
    harness.key_press(egui::Key::F3);
    harness.run();
    assert_eq!(harness.state().article_matches().current, Some(0));
    harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::F3);
    harness.run();
    assert_eq!(harness.state().article_matches().current, Some(ranges.len() - 1));
    let noun = if ranges.len() == 1 { "match" } else { "matches" };
    harness
        .get_by_label(&format!("{} {noun} of the search in this article · F3 next, Shift+F3 previous", ranges.len()));
}

#[test]
fn suggested_topics_come_from_the_corpus_and_one_click_adds_one() {
    let corpus = own_sample_corpus();
    let mut harness = harness_with(AppState::default(), FakeDialogs::default(), Some(corpus.path().to_owned()));
    step_until(&mut harness, "loaded", loaded_and_shown);
    step_until(&mut harness, "the search index is ready", |app| app.is_search_ready());
    harness.get_by_label("Topics…").click();
    harness.run();
    harness.get_by_label("Suggest topics").click();
    step_until(&mut harness, "suggestions are found", |app| !app.is_searching());
    harness.run();
    // The sample corpus is about a dam and a river between two made-up countries.
    let (texts, speakers) = {
        let app = harness.state();
        let texts: Vec<String> =
            app.corpus.articles.iter().map(|a| app.corpus.read_article(a).unwrap().body_text()).collect();
        let mut speakers: Vec<String> = app
            .corpus
            .statements
            .iter()
            .filter_map(|s| s.speaker.as_deref().map(|n| app.speaker_names.canonical(n).to_lowercase()))
            .collect();
        speakers.sort();
        speakers.dedup();
        (texts, speakers)
    };
    let expected = dossier::suggest::suggest_topics(texts.iter().map(String::as_str), &speakers, 20);
    assert!(!expected.is_empty());
    let first = expected[0].clone();
    harness.get_by_label(&format!("Add the topic {}", first.name)).click();
    step_until(&mut harness, "the topic is added and counted", |app| {
        app.topics.topics.iter().any(|t| t.name == first.name) && !app.is_searching()
    });
    assert_eq!(harness.state().topics.topics.last(), Some(&first));
}

/// At 1000×700 with the Filters open, All statements keeps its heading and Export in the window and a
/// list wide enough to read, and the chart keeps a plot wider than its series list.
#[test]
fn every_view_stays_usable_at_1000_by_700() {
    isolate_data();
    let mut harness = Harness::builder().with_size([1000.0, 700.0]).build_eframe(move |cc| {
        DossierApp::with_state(
            &cc.egui_ctx,
            AppState::default(),
            Box::new(FakeDialogs::default()),
            Some(sample_corpus()),
        )
    });
    step_until(&mut harness, "loaded", loaded_and_shown);
    harness.get_by_label("Filters").click();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num2);
    step_until(&mut harness, "rows", rows_in_view_are_read);
    harness.run_steps(3);
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1000.0, 700.0));
    // The heading, not the tab of the same name in the menu bar.
    let heading = harness
        .query_all_by_label("All statements")
        .map(|n| n.rect())
        .max_by(|a, b| a.top().total_cmp(&b.top()))
        .unwrap();
    let export = harness.get_by_label("Export").rect();
    assert!(window.contains_rect(export), "Export in reach: {export:?}");
    assert!(window.right() - heading.left() >= 250.0, "the list keeps 250 px: {heading:?}");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num3);
    step_until(&mut harness, "the chart is counted", |app| !app.is_charting());
    harness.run_steps(3);
    let first = harness.state().chart_bucket_position(0).unwrap();
    let chart = harness.state_mut().chart().unwrap().clone();
    let last = harness.state().chart_bucket_position(chart.starts.len() - 1).unwrap();
    assert!(last.x - first.x >= 250.0, "the plot is {} px wide", last.x - first.x);
}
