//! The article view: the selected article's text with its metadata, boilerplate dimmed.

use super::jobs::Job;
use super::state::{AppState, Command};
use crate::article::{Article, LineRole};
use crate::corpus::Corpus;
use crate::statements::Statement;
use std::ops::Range;

/// An article read for showing, with its statements (byte ranges of its text).
pub struct ShownArticle {
    /// The article.
    pub article: Article,
    /// Its statements, in text order.
    pub statements: Vec<Statement>,
}

/// Widest a column of article text gets, for comfortable reading.
const TEXT_WIDTH: f32 = 760.0;

/// The article in the centre: nothing, being read, read, or unreadable.
pub enum ArticleSlot {
    /// No article selected.
    Empty,
    /// Being read from its file.
    Loading(Job<Result<ShownArticle, String>>),
    /// Read.
    Ready(Box<ShownArticle>),
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
                Ok(shown) => ArticleSlot::Ready(Box::new(shown)),
                Err(message) => ArticleSlot::Failed(message),
            };
        }
    }
}

/// Where the search matches the shown article, which match is current, and whether to scroll to it.
#[derive(Debug, Clone, Default)]
pub struct MatchFocus {
    /// Byte ranges of the matches in the article text.
    pub ranges: Vec<Range<usize>>,
    /// Index into `ranges` of the current match (F3 / Shift+F3).
    pub current: Option<usize>,
    /// Scroll the current match into view (once).
    pub scroll: bool,
    /// The search found articles, and this one is not among them (its words may still occur in it).
    pub is_outside_results: bool,
    /// With "Statements matching": where the article's matching statements start (byte offsets), else `None`.
    pub matching_statements: Option<Vec<usize>>,
}

/// Which statement is selected, and whether the view should scroll to it this frame.
#[derive(Debug, Clone, Copy, Default)]
pub struct StatementFocus {
    /// Index into the shown article's statements.
    pub selected: Option<usize>,
    /// Scroll the selected statement into view (once).
    pub scroll: bool,
}

/// Draws the centre panel.
pub fn article_view_ui(
    ui: &mut egui::Ui,
    slot: &ArticleSlot,
    corpus: &Corpus,
    stories: &crate::duplicates::Stories,
    is_loading: bool,
    state: &AppState,
    focus: &mut StatementFocus,
    matches: &mut MatchFocus,
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
        ArticleSlot::Ready(shown) => {
            // A scroll state per article: another article opens at its top.
            let article_key = (shown.article.meta.file_id, shown.article.meta.record);
            egui::ScrollArea::vertical().id_salt(("article_text", article_key)).auto_shrink(false).show(ui, |ui| {
                let margin = ((ui.available_width() - TEXT_WIDTH) / 2.0).max(8.0);
                egui::Frame::new().inner_margin(egui::Margin::symmetric(margin as i8, 12)).show(ui, |ui| {
                    ui.set_max_width(TEXT_WIDTH.min(ui.available_width()));
                    article_ui(ui, shown, corpus, focus, matches);
                    copies_ui(ui, shown, corpus, stories);
                });
            });
        }
    }
}

/// Under the article: how many copies of its story the corpus holds, where else it was published, and
/// which copy came first.
fn copies_ui(ui: &mut egui::Ui, shown: &ShownArticle, corpus: &Corpus, stories: &crate::duplicates::Stories) {
    let key = (shown.article.meta.file_id, shown.article.meta.record);
    let Ok(index) = corpus.articles.binary_search_by_key(&key, |a| (a.file_id, a.record)) else { return };
    let copies = stories.copies(index as u32);
    if copies.len() < 2 {
        return;
    }
    ui.add_space(12.0);
    ui.separator();
    let outlets = stories.other_outlets(corpus, index as u32);
    let mut line = format!("{} copies of this story", copies.len());
    if !outlets.is_empty() {
        line.push_str(&format!(" · also published by {}", outlets.join(", ")));
    }
    if let Some(first) = stories.copy_of(index as u32) {
        line.push_str(&format!(" · first copy: {}", crate::export::article_reference(corpus, first)));
    }
    ui.weak(line);
}

fn article_ui(
    ui: &mut egui::Ui,
    shown: &ShownArticle,
    corpus: &Corpus,
    focus: &mut StatementFocus,
    matches: &mut MatchFocus,
) {
    let article = &shown.article;
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
        // Files of many articles (CSV, JSON, and exports such as Nexis, Factiva and WARC) name the record;
        // an archive names the file inside it.
        let place = if meta.member.is_none() && (file.format.holds_many() || meta.record > 0) {
            format!("{} · record {}", file.relative_path, meta.record)
        } else {
            corpus.article_file(meta)
        };
        ui.weak(place);
        if let Some(url) = &meta.url {
            ui.hyperlink_to(url, url);
        }
    });
    ui.separator();
    ui.add_space(6.0);
    let selected = focus.selected.and_then(|i| shown.statements.get(i));
    let current_match = matches.current.and_then(|i| matches.ranges.get(i)).cloned();
    if matches.is_outside_results {
        ui.weak("This article is not among the search results.");
    } else if !matches.ranges.is_empty() {
        let count = super::counts::counted(matches.ranges.len(), "match", "matches");
        ui.weak(format!("{count} of the search in this article · F3 next, Shift+F3 previous"));
    }
    for (range, role) in article.paragraphs() {
        let paragraph = trim(&article.text, range);
        let response = match role {
            LineRole::Title | LineRole::Blank => continue,
            LineRole::Body => ui.add(
                egui::Label::new(highlighted(
                    ui,
                    &article.text,
                    paragraph.clone(),
                    &shown.statements,
                    selected,
                    &matches.ranges,
                    current_match.as_ref(),
                ))
                .wrap(),
            ),
            LineRole::Date | LineRole::Byline | LineRole::Masthead => {
                ui.add(egui::Label::new(egui::RichText::new(&article.text[paragraph.clone()]).small().weak()).wrap())
            }
            LineRole::Boilerplate => ui
                .add(
                    egui::Label::new(
                        egui::RichText::new(&article.text[paragraph.clone()]).small().weak().italics().strikethrough(),
                    )
                    .wrap(),
                )
                .on_hover_text("Web boilerplate: left out of titles, counts and extraction"),
        };
        if focus.scroll
            && selected.is_some_and(|s| {
                paragraph.start <= s.text.start && s.text.start < paragraph.end.max(paragraph.start + 1)
            })
        {
            response.scroll_to_me(Some(egui::Align::Center));
            focus.scroll = false;
        }
        if matches.scroll
            && current_match.as_ref().is_some_and(|m| paragraph.start <= m.start && m.start < paragraph.end)
        {
            response.scroll_to_me(Some(egui::Align::Center));
            matches.scroll = false;
        }
        ui.add_space(8.0);
    }
}

fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    start..range.start + slice.trim_end().len()
}

/// What part of a statement a stretch of text is, strongest first.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Mark {
    Plain,
    Content,
    SelectedContent,
    Cue,
    Mention,
}

/// A paragraph laid out with its statements marked: speaker mentions bold and amber, cues italic and
/// underlined, statement text on a tinted ground (stronger for the selected one).
fn highlighted(
    ui: &egui::Ui,
    text: &str,
    paragraph: Range<usize>,
    statements: &[Statement],
    selected: Option<&Statement>,
    matches: &[Range<usize>],
    current_match: Option<&Range<usize>>,
) -> egui::text::LayoutJob {
    let mut marks: Vec<(Range<usize>, Mark)> = Vec::new();
    for statement in statements {
        let content_mark = if selected.is_some_and(|s| s == statement) { Mark::SelectedContent } else { Mark::Content };
        marks.push((statement.text.clone(), content_mark));
        marks.extend(statement.cue.clone().map(|r| (r, Mark::Cue)));
        marks.extend(statement.mention.clone().map(|r| (r, Mark::Mention)));
    }
    let mut cuts: Vec<usize> = vec![paragraph.start, paragraph.end];
    for range in marks.iter().map(|(r, _)| r).chain(matches) {
        for cut in [range.start, range.end] {
            if paragraph.start < cut && cut < paragraph.end {
                cuts.push(cut);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let dark = ui.visuals().dark_mode;
    let base = egui::TextFormat {
        font_id: egui::FontId::proportional(16.0),
        line_height: Some(24.0),
        color: ui.visuals().text_color(),
        ..Default::default()
    };
    let mut job = egui::text::LayoutJob::default();
    for piece in cuts.windows(2) {
        let (start, end) = (piece[0], piece[1]);
        let mark = marks
            .iter()
            .filter(|(r, _)| r.start <= start && end <= r.end)
            .map(|(_, m)| *m)
            .max()
            .unwrap_or(Mark::Plain);
        let in_selected = selected.is_some_and(|s| s.text.start <= start && end <= s.text.end);
        let tint = |alpha: u8| {
            if dark {
                egui::Color32::from_rgba_unmultiplied(70, 150, 220, alpha)
            } else {
                egui::Color32::from_rgba_unmultiplied(40, 120, 220, alpha)
            }
        };
        let mut format = base.clone();
        match mark {
            Mark::Plain => {}
            Mark::Content => format.background = tint(28),
            Mark::SelectedContent => format.background = tint(80),
            Mark::Cue => {
                format.italics = true;
                format.underline = egui::Stroke::new(1.0, tint(220));
            }
            Mark::Mention => {
                format.color =
                    if dark { egui::Color32::from_rgb(255, 196, 110) } else { egui::Color32::from_rgb(170, 90, 0) };
                format.underline = egui::Stroke::new(1.5, format.color);
            }
        }
        if in_selected && matches!(mark, Mark::Cue | Mark::Mention) {
            format.background = tint(80);
        }
        // Search matches on a yellow ground, the current one stronger.
        if let Some(found) = matches.iter().find(|m| m.start <= start && end <= m.end) {
            let is_current = current_match == Some(found);
            format.background = egui::Color32::from_rgba_unmultiplied(250, 210, 40, if is_current { 200 } else { 90 });
            if dark && is_current {
                format.color = egui::Color32::BLACK;
            }
        }
        job.append(&text[start..end], 0.0, format);
    }
    job
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
