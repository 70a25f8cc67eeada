//! The Topics window: add, rename, edit (with a live match count), reorder and delete topics; import and
//! export them as a JSON codebook.

use super::state::{Command, ExportKind};
use crate::topics::{Topic, Topics};
use std::collections::HashMap;

/// How many articles and statements a topic matches, or why it cannot be counted.
pub type TopicCounts = HashMap<String, Result<(u64, u64), String>>;

/// Draws the window. Edits go out as a whole new topic list, applied after the frame.
pub fn topics_window(
    ctx: &egui::Context,
    is_open: &mut bool,
    topics: &Topics,
    counts: &TopicCounts,
    suggestions: Option<&[Topic]>,
    is_suggesting: bool,
    commands: &mut Vec<Command>,
) {
    // Below the menu and the search bar, never over them.
    egui::Window::new("Topics")
        .open(is_open)
        .default_width(640.0)
        // At the right, where it leaves the list and the chart's controls in view.
        .default_pos(ctx.content_rect().right_top() + egui::vec2(-660.0, 90.0))
        .constrain_to(ctx.content_rect().with_min_y(ctx.content_rect().top() + 60.0))
        .show(ctx, |ui| {
            ui.weak("A topic is a name and a query in the search syntax; use it as topic:NAME in searches and charts.");
            let mut edited = topics.clone();
            let count = edited.topics.len();
            let mut move_up = None;
            let mut delete = None;
            egui::ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
                for (index, topic) in edited.topics.iter_mut().enumerate() {
                    ui.horizontal(|ui| {
                        ui.add(
                            egui::TextEdit::singleline(&mut topic.name)
                                .id_salt(("topic_name", index))
                                .desired_width(160.0),
                        )
                        .on_hover_text("Topic name");
                        ui.add(
                            egui::TextEdit::singleline(&mut topic.query)
                                .id_salt(("topic_query", index))
                                .desired_width(300.0),
                        )
                        .on_hover_text("Topic query");
                        if ui.add_enabled(index > 0, egui::Button::new("Up")).on_hover_text("Move up").clicked() {
                            move_up = Some(index);
                        }
                        if ui
                            .add_enabled(index + 1 < count, egui::Button::new("Down"))
                            .on_hover_text("Move down")
                            .clicked()
                        {
                            move_up = Some(index + 1);
                        }
                        let name = format!("Chart the topic {}", topic.name);
                        let chart_button = ui.button("Chart it").on_hover_text(&name);
                        chart_button.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
                        if chart_button.clicked() {
                            commands.push(Command::ChartTopic { name: topic.name.clone(), is_shown: true });
                        }
                        if ui.button("Delete").clicked() {
                            delete = Some(index);
                        }
                    });
                    match counts.get(&topic.name) {
                        // A new topic waits for its query without being told off.
                        _ if topic.query.trim().is_empty() => {
                            ui.weak(format!("{}: type a query, as in the search box", topic.name));
                        }
                        Some(Ok((articles, statements))) => {
                            ui.weak(format!(
                                "{}: {} · {}",
                                topic.name,
                                super::counts::counted(*articles as usize, "article", "articles"),
                                super::counts::counted(*statements as usize, "statement", "statements")
                            ));
                        }
                        Some(Err(error)) => {
                            ui.colored_label(ui.visuals().error_fg_color, format!("{}: {error}", topic.name));
                        }
                        None => {
                            ui.weak(format!("{}: counting…", topic.name));
                        }
                    }
                    ui.separator();
                }
            });
            if let Some(index) = move_up {
                edited.topics.swap(index - 1, index);
            }
            if let Some(index) = delete {
                edited.topics.remove(index);
            }
            ui.horizontal(|ui| {
                if ui.button("Add topic").clicked() {
                    let name =
                        (1..).map(|n| format!("Topic {n}")).find(|n| edited.query_of(n).is_none()).unwrap_or_default();
                    edited.topics.push(Topic { name, query: String::new() });
                }
                if ui.button("Import…").on_hover_text("Add the topics of a JSON codebook").clicked() {
                    commands.push(Command::ImportTopics);
                }
                if ui.button("Export…").on_hover_text("Save the topics as a JSON codebook").clicked() {
                    commands.push(Command::Export(ExportKind::Topics));
                }
                if ui
                    .add_enabled(!is_suggesting, egui::Button::new("Suggest topics"))
                    .on_hover_text("Key phrases of this corpus, as ready queries")
                    .clicked()
                {
                    commands.push(Command::SuggestTopics);
                }
                if is_suggesting {
                    ui.spinner();
                }
            });
            if let Some(suggestions) = suggestions {
                ui.separator();
                ui.strong("Suggested from the corpus");
                egui::ScrollArea::vertical().id_salt("suggestions").max_height(260.0).show(ui, |ui| {
                    for suggestion in suggestions.iter().filter(|s| topics.query_of(&s.name).is_none()) {
                        ui.horizontal(|ui| {
                            let name = format!("Add the topic {}", suggestion.name);
                            let button = ui.button("Add").on_hover_text(&name);
                            button.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
                            if button.clicked() {
                                commands.push(Command::AddTopic(suggestion.clone()));
                            }
                            ui.label(&suggestion.name);
                            ui.weak(&suggestion.query);
                        });
                    }
                });
            }
            if edited != *topics {
                commands.push(Command::SetTopics(edited));
            }
        });
}
