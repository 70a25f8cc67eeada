//! The article view: the selected article's text with its metadata, boilerplate dimmed.

use super::jobs::Job;
use super::state::{AppState, Command};
use crate::article::{Article, LineRole};
use crate::corpus::Corpus;

/// Widest a column of article text gets, for comfortable reading.
const TEXT_WIDTH: f32 = 760.0;

/// The article in the centre: nothing, being read, read, or unreadable.
pub enum ArticleSlot {
    /// No article selected.
    Empty,
    /// Being read from its file.
    Loading(Job<Result<Article, String>>),
    /// Read.
    Ready(Box<Article>),
    /// Could not be read, and why.
    Failed(String),
}

impl ArticleSlot {
    /// Takes the result of the reading job once it has ended.
    pub fn poll(&mut self) {
        if let ArticleSlot::Loading(job) = self
            && let Some(result) = job.poll()
        {
            *self = match result.and_then(|inner| inner) {
                Ok(article) => ArticleSlot::Ready(Box::new(article)),
                Err(message) => ArticleSlot::Failed(message),
            };
        }
    }
}

/// Draws the centre panel.
pub fn article_view_ui(
    ui: &mut egui::Ui,
    slot: &ArticleSlot,
    corpus: &Corpus,
    is_loading: bool,
    state: &AppState,
    commands: &mut Vec<Command>,
) {
    match slot {
        ArticleSlot::Empty if corpus.articles.is_empty() && !is_loading => welcome_ui(ui, state, commands),
        ArticleSlot::Empty => {
            ui.centered_and_justified(|ui| {
                ui.weak(if is_loading { "Reading articles…" } else { "Select an article in the list." })
            });
        }
        ArticleSlot::Loading(_) => {
            ui.centered_and_justified(|ui| ui.spinner());
        }
        ArticleSlot::Failed(message) => {
            ui.centered_and_justified(|ui| {
                ui.colored_label(ui.visuals().error_fg_color, format!("Cannot show this article: {message}"))
            });
        }
        ArticleSlot::Ready(article) => {
            egui::ScrollArea::vertical().id_salt("article_text").auto_shrink(false).show(ui, |ui| {
                let margin = ((ui.available_width() - TEXT_WIDTH) / 2.0).max(8.0);
                egui::Frame::new().inner_margin(egui::Margin::symmetric(margin as i8, 12)).show(ui, |ui| {
                    ui.set_max_width(TEXT_WIDTH.min(ui.available_width()));
                    article_ui(ui, article, corpus);
                });
            });
        }
    }
}

fn article_ui(ui: &mut egui::Ui, article: &Article, corpus: &Corpus) {
    let meta = &article.meta;
    ui.add(egui::Label::new(egui::RichText::new(&meta.title).size(24.0).strong()).wrap());
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        match (meta.date, meta.date_source) {
            (Some(date), Some(source)) => {
                ui.label(egui::RichText::new(date.format("%A, %-d %B %Y").to_string()).strong())
                    .on_hover_text(format!("Date read {}", source.description()));
                ui.weak(format!("({})", source.description()));
            }
            _ => {
                ui.weak("No date found in the file's fields, text or name");
            }
        }
        if let Some(outlet) = &meta.outlet {
            ui.separator();
            ui.label(outlet);
        }
        if let Some(author) = &meta.author {
            ui.separator();
            ui.label(format!("by {author}"));
        }
        ui.separator();
        ui.weak(format!("{} words", meta.words));
    });
    ui.horizontal_wrapped(|ui| {
        let file = &corpus.files[meta.file_id as usize];
        let place = if file.format.holds_many() {
            format!("{} · record {}", file.relative_path, meta.record)
        } else {
            file.relative_path.clone()
        };
        ui.weak(place);
        if let Some(url) = &meta.url {
            ui.hyperlink_to(url, url);
        }
    });
    ui.separator();
    ui.add_space(6.0);
    for (range, role) in article.paragraphs() {
        let text = article.text[range].trim();
        let rich = match role {
            LineRole::Title | LineRole::Blank => continue,
            LineRole::Body => egui::RichText::new(text).size(16.0).line_height(Some(24.0)),
            LineRole::Date | LineRole::Byline | LineRole::Masthead => egui::RichText::new(text).small().weak(),
            LineRole::Boilerplate => egui::RichText::new(text).small().weak().italics().strikethrough(),
        };
        let response = ui.add(egui::Label::new(rich).wrap());
        if role == LineRole::Boilerplate {
            response.on_hover_text("Web boilerplate: left out of titles, counts and extraction");
        }
        ui.add_space(8.0);
    }
}

/// What a new user sees: how to open a corpus.
fn welcome_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() / 4.0);
        ui.heading("Dossier");
        ui.label("Who said what, about what, and when.");
        ui.add_space(16.0);
        if ui.add(egui::Button::new("Open folder…").min_size(egui::vec2(160.0, 32.0))).clicked() {
            commands.push(Command::PickFolder);
        }
        ui.add_space(8.0);
        ui.weak("or drop a folder or files here (txt, md, html, json, jsonl, csv) — Ctrl+O opens too");
        if !state.recent.is_empty() {
            ui.add_space(16.0);
            ui.label("Recent");
            for source in state.recent.iter().take(5) {
                if ui.link(source.display_name()).clicked() {
                    commands.push(Command::Open(source.clone()));
                }
            }
        }
    });
}
