//! The switches that count each story, or each statement, once: the same widgets in the status bar, the
//! chart, All statements and the filters, so the setting reads alike wherever the user meets it.

use super::counts::counted;
use super::state::Command;

/// What the copy switches show: how many stories the corpus tells and what counts once now.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CopyCounting {
    /// Stories, each copy of one counted with it (0 while copies are being found).
    pub stories: usize,
    /// Whether some story has more than one copy.
    pub has_copies: bool,
    /// Whether the views count each story once.
    pub each_story_once: bool,
    /// Whether the chart counts each statement once, however many articles repeat it.
    pub each_statement_once: bool,
}

/// Draws "Count each story once (N stories)", where the corpus has copies of a story.
pub fn story_switch_ui(ui: &mut egui::Ui, counting: CopyCounting, commands: &mut Vec<Command>) {
    if !counting.has_copies {
        return;
    }
    let mut once = counting.each_story_once;
    let label = format!("Count each story once ({})", counted(counting.stories, "story", "stories"));
    let toggle = ui.checkbox(&mut once, label).on_hover_text(
        "Copies of a story (run by other outlets, or downloaded twice) are listed, counted and charted once: \
         its first copy, by date then path, stands for the others",
    );
    if toggle.changed() {
        commands.push(Command::CountEachStoryOnce(once));
    }
}

/// Draws "Count each statement once", for the chart.
pub fn statement_switch_ui(ui: &mut egui::Ui, counting: CopyCounting, commands: &mut Vec<Command>) {
    let mut once = counting.each_statement_once;
    let toggle = ui.checkbox(&mut once, "Count each statement once").on_hover_text(
        "A statement quoted again in other articles (the same speaker, near-identical words) counts once, \
         where it first appeared",
    );
    if toggle.changed() {
        commands.push(Command::CountEachStatementOnce(once));
    }
}

/// Draws the View menu's Copies submenu: both switches and how alike two articles must be to be copies.
pub fn copies_menu_ui(ui: &mut egui::Ui, counting: CopyCounting, threshold: f64, commands: &mut Vec<Command>) {
    if counting.has_copies {
        story_switch_ui(ui, counting, commands);
    } else {
        ui.weak("No copies of a story found");
    }
    statement_switch_ui(ui, counting, commands);
    ui.separator();
    let mut changed = threshold;
    let slider =
        ui.add(egui::Slider::new(&mut changed, 0.5..=0.95).step_by(0.05).text("alike at least")).on_hover_text(
            "How much of two articles' text must be the same for them to be copies of one story (shared \
             four-word runs). Lower finds copies that were cut or reworded more, and risks merging two reports \
             of one event; higher keeps updated stories apart.",
        );
    // Copies are found again once the slider is let go, not at every step of a drag.
    if slider.changed() || slider.drag_stopped() {
        let find_again = !slider.dragged() || slider.drag_stopped();
        commands.push(Command::SetCopyThreshold { threshold: changed, find_again });
    }
}
