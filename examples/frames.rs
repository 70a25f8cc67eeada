//! Measures how long the app takes to make a frame on a corpus: `cargo run --release --example frames --
//! CORPUS_DIR [CACHE_DIR]`.
//!
//! The app runs headless under egui_kittest, as the UI tests drive it. After the corpus has loaded and
//! been indexed, it times 300 frames of each of: idling, scrolling the article list with the mouse wheel,
//! moving the selection down the list with the arrow key (the article is read in the background, as in the
//! app), scrolling All statements, and showing the chart; and 40 keystrokes in the filter box. A frame's time is the app's layout (egui's
//! `run`, which also builds the accessibility tree kittest reads) plus tessellation of what it drew; the
//! GPU's work is not included. Caches go to CACHE_DIR if given (so a second run opens warm), else to a
//! temporary folder.

use dossier::ui::dialogs::FakeDialogs;
use dossier::ui::{AppState, DossierApp};
use egui_kittest::Harness;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Frames timed per scenario.
const FRAMES: usize = 300;
/// Keystrokes timed in the filter box (each can take long on a big corpus).
const TYPING_FRAMES: usize = 40;

fn main() {
    let mut args = std::env::args().skip(1);
    let corpus = PathBuf::from(args.next().expect("usage: frames CORPUS_DIR [CACHE_DIR]"));
    let temporary = tempfile::tempdir().expect("a temporary folder");
    let cache = args.next().map_or_else(|| temporary.path().join("cache"), PathBuf::from);
    // SAFETY: set before any thread starts.
    unsafe {
        std::env::set_var("DOSSIER_CACHE_DIR", &cache);
        std::env::set_var("DOSSIER_DATA_DIR", temporary.path().join("data"));
    }
    let mut harness = Harness::builder().with_size([1280.0, 800.0]).build_eframe(move |cc| {
        DossierApp::with_state(&cc.egui_ctx, AppState::default(), Box::new(FakeDialogs::default()), Some(corpus))
    });
    let started = Instant::now();
    let mut loading = Vec::new();
    while harness.state().is_loading() || harness.state().is_indexing() || harness.state().shown_article().is_none() {
        let frame = Instant::now();
        harness.step();
        loading.push(frame.elapsed());
        std::thread::sleep(Duration::from_millis(20));
    }
    println!(
        "Opened {} articles in {:.1} s (cache: {}).\n",
        harness.state().visible_articles().len(),
        started.elapsed().as_secs_f64(),
        cache.display()
    );

    println!("| scenario | p50 | p95 | p99 | max |\n| --- | --- | --- | --- | --- |");
    print_row("opening: loading, then indexing (no tessellation)", loading);
    let list_point = egui::pos2(200.0, 400.0);
    let statements_point = egui::pos2(700.0, 400.0);
    let wheel = |harness: &mut Harness<'static, DossierApp>, at: egui::Pos2| {
        harness.input_mut().events.push(egui::Event::PointerMoved(at));
        harness.input_mut().events.push(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -120.0),
            phase: egui::TouchPhase::Move,
            modifiers: egui::Modifiers::NONE,
            source: egui::MouseWheelSource::Wheel,
        });
    };
    time_frames(&mut harness, "idle, article shown", |_| {});
    time_frames(&mut harness, "scrolling the article list", |harness| wheel(harness, list_point));
    time_frames(&mut harness, "arrow down through the list (article read in the background)", |harness| {
        press(harness, egui::Modifiers::NONE, egui::Key::ArrowDown)
    });
    // Each keystroke filters all the articles again and recounts the facets, on the UI thread.
    press(&mut harness, egui::Modifiers::COMMAND, egui::Key::F);
    harness.step();
    let mut typed = false;
    time_some_frames(&mut harness, "typing in the filter box (a letter, then Backspace)", TYPING_FRAMES, |harness| {
        if typed {
            press(harness, egui::Modifiers::NONE, egui::Key::Backspace);
        } else {
            harness.input_mut().events.push(egui::Event::Text("e".into()));
        }
        typed = !typed;
    });
    // On a big corpus the list waits for a pause in typing (250 ms): the frame after it lists again.
    std::thread::sleep(Duration::from_millis(300));
    time_some_frames(&mut harness, "the frame that lists again once typing pauses", 1, |_| {});
    press(&mut harness, egui::Modifiers::COMMAND, egui::Key::Num2);
    harness.step();
    while !harness.state().visible_statements().iter().take(8).all(|&i| harness.state().statement_text(i).is_some()) {
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    time_frames(&mut harness, "scrolling All statements", |harness| wheel(harness, statements_point));
    press(&mut harness, egui::Modifiers::COMMAND, egui::Key::Num3);
    harness.step();
    while harness.state_mut().chart().is_none() || harness.state().is_charting() {
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    time_frames(&mut harness, "chart shown", |_| {});
}

/// Queues a key press (down and up) for the next frame alone.
fn press(harness: &mut Harness<'static, DossierApp>, modifiers: egui::Modifiers, key: egui::Key) {
    for pressed in [true, false] {
        harness.input_mut().events.push(egui::Event::Key {
            key,
            physical_key: None,
            pressed,
            repeat: false,
            modifiers,
        });
    }
}

/// Times `FRAMES` frames, each after `before` queued its input, and prints a row of the table.
fn time_frames(
    harness: &mut Harness<'static, DossierApp>,
    scenario: &str,
    before: impl FnMut(&mut Harness<'static, DossierApp>),
) {
    time_some_frames(harness, scenario, FRAMES, before);
}

/// Times `frames` frames, each after `before` queued its input, and prints a row of the table.
fn time_some_frames(
    harness: &mut Harness<'static, DossierApp>,
    scenario: &str,
    frames: usize,
    mut before: impl FnMut(&mut Harness<'static, DossierApp>),
) {
    let mut times = Vec::with_capacity(frames);
    for _ in 0..frames {
        before(harness);
        let started = Instant::now();
        harness.step();
        let shapes = harness.output().shapes.clone();
        let pixels_per_point = harness.ctx.pixels_per_point();
        let meshes = harness.ctx.tessellate(shapes, pixels_per_point);
        times.push(started.elapsed());
        std::hint::black_box(meshes);
        // Like a person's pace: background work (reading an article) can land between frames.
        std::thread::sleep(Duration::from_millis(4));
    }
    print_row(scenario, times);
}

fn print_row(scenario: &str, mut times: Vec<Duration>) {
    if times.is_empty() {
        return;
    }
    times.sort_unstable();
    let at = |share: f64| times[((times.len() - 1) as f64 * share).round() as usize].as_secs_f64() * 1e3;
    println!("| {scenario} | {:.1} ms | {:.1} ms | {:.1} ms | {:.1} ms |", at(0.5), at(0.95), at(0.99), at(1.0));
}
