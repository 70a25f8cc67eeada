//! The right panel: the statements of the open article, each a card that scrolls the article to it.

use super::article_view::ShownArticle;
use super::state::Command;
use crate::speakers::SpeakerNames;
use crate::statements::StatementKind;

/// Draws the statements of the shown article.
pub fn statements_panel_ui(
    ui: &mut egui::Ui,
    shown: Option<&ShownArticle>,
    echoes: &[Option<String>],
    names: &SpeakerNames,
    selected: Option<usize>,
    matching: Option<&[usize]>,
    commands: &mut Vec<Command>,
) {
    ui.heading("Statements");
    let Some(shown) = shown else {
        ui.weak("Quotes and reported speech of the open article are listed here.");
        return;
    };
    if shown.statements.is_empty() {
        ui.weak("No quotes or reported speech found in this article.");
        return;
    }
    ui.weak(format!("{} in this article · click one to find it in the text", shown.statements.len()));
    if let Some(matching) = matching {
        ui.weak(format!("{} match the search, marked «match»", matching.len()));
    }
    ui.add_space(4.0);
    // A scroll state per article: another article's statements open at the top.
    let article_key = (shown.article.meta.file_id, shown.article.meta.record);
    egui::ScrollArea::vertical().id_salt(("article_statements", article_key)).auto_shrink(false).show(ui, |ui| {
        for (index, statement) in shown.statements.iter().enumerate() {
            let is_selected = selected == Some(index);
            let speaker = statement.speaker.as_deref().map_or("Unknown speaker", |s| names.canonical(s));
            let text = &shown.article.text[statement.text.clone()];
            let fill = if is_selected {
                ui.visuals().selection.bg_fill.gamma_multiply(0.5)
            } else {
                ui.visuals().faint_bg_color
            };
            // The card answers clicks; one on its echo line lists where else the statement was said.
            let frame = egui::Frame::group(ui.style()).fill(fill).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal_wrapped(|ui| {
                    if matching.is_some_and(|m| m.contains(&statement.text.start)) {
                        let tag = egui::RichText::new("match").small().color(ui.visuals().selection.stroke.color);
                        ui.label(tag).on_hover_text("This statement matches the search");
                    }
                    // An unnamed source is dimmed, as in the speaker lists; a role reads as the article gives it.
                    let name = egui::RichText::new(speaker).strong();
                    ui.label(if statement.named { name } else { name.weak() }).on_hover_text(if statement.named {
                        "Named source"
                    } else {
                        "Unnamed source"
                    });
                    if let Some(role) = statement.role.clone().and_then(|r| shown.article.text.get(r)) {
                        ui.weak(role);
                    }
                    let cue = statement.cue.clone().map(|c| shown.article.text[c].to_owned());
                    ui.weak(format!("{} · {}", kind_label(statement.kind), cue.as_deref().unwrap_or("no verb")))
                        .on_hover_text(KIND_HELP);
                });
                let preview: String = text.chars().take(280).collect();
                let ellipsis = if preview.len() < text.len() { "…" } else { "" };
                ui.add(egui::Label::new(format!("{preview}{ellipsis}")).wrap().selectable(false));
                echoes.get(index).and_then(Option::as_deref).map(|echo| {
                    let link = egui::Label::new(egui::RichText::new(echo).small().underline()).selectable(false);
                    ui.add(link).rect
                })
            });
            let response =
                ui.interact(frame.response.rect, ui.scope_id().with(("statement", index)), egui::Sense::click());
            response.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::ListItem, true, is_selected, format!("{speaker}: {text}"))
            });
            let on_echo = |pos: Option<egui::Pos2>| frame.inner.zip(pos).is_some_and(|(rect, pos)| rect.contains(pos));
            if response.clicked() && on_echo(response.interact_pointer_pos()) {
                commands.push(Command::FindStatements(echo_query(text)));
            } else if response.clicked() {
                commands.push(Command::SelectStatement(index));
            }
            if on_echo(response.hover_pos()) {
                response.clone().on_hover_text("List them: the same words by the same speaker in other articles");
            }
            if response.hovered() {
                ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
            }
        }
    });
}

/// A search for a statement's words as a phrase (at most its first twelve words, without quote marks),
/// which finds it wherever it was said again.
fn echo_query(text: &str) -> String {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| w.chars().filter(|c| c.is_alphanumeric() || *c == '\'' || *c == '-').collect::<String>())
        .filter(|w| !w.is_empty())
        .take(12)
        .collect();
    format!("\"{}\"", words.join(" "))
}

/// The kind as a word for the UI: the word the exports and the command line use.
pub fn kind_label(kind: StatementKind) -> &'static str {
    match kind {
        StatementKind::Direct => "direct",
        StatementKind::Indirect => "indirect",
        StatementKind::Mixed => "mixed",
    }
}

/// What each kind means, for hover text.
pub const KIND_HELP: &str = "direct: the words inside quotation marks · indirect: reported speech · mixed: reported speech holding a quoted phrase";
