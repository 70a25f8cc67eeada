//! The corpus-wide statements view: every statement, filterable by speaker, with counts per speaker.

use super::jobs::Job;
use super::state::{Command, ExportKind};
use super::statements_panel::kind_label;
use crate::corpus::Corpus;
use crate::export::ListFormat;
use crate::speakers::SpeakerNames;
use std::collections::HashMap;
use std::sync::Arc;

const ROW_HEIGHT: f32 = 44.0;
/// Words of more statements than this are forgotten, to be read again when scrolled back to.
const MAX_KEPT_TEXTS: usize = 4096;

/// The filtered statements and the speaker list with counts.
#[derive(Default)]
pub struct StatementsView {
    /// Indices into `corpus.statements` that pass the speaker filter.
    pub visible: Vec<u32>,
    /// Canonical speakers with their statement counts, most first.
    pub speaker_counts: Vec<(String, usize)>,
    /// With a search or a period: how many statements they leave, and the speakers counted in them.
    listed_counts: Option<(usize, Vec<(String, usize)>)>,
    /// Canonical speakers whose statements mostly name no one (`officials`), listed apart and dimmed; with
    /// the number of statements they were counted from, to count again only when the corpus changed.
    unnamed: (usize, std::collections::HashSet<String>),
    /// Only this speaker's statements, if set.
    pub speaker_filter: Option<String>,
    /// Text typed to find a speaker in the list.
    pub speaker_search: String,
    /// Only statements of articles dated in this period, if set.
    pub period: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    /// Only these statements (sorted indices), when a search is in force.
    pub search: Option<Vec<u32>>,
    /// When each story counts once: which articles stand for their story (by index), so the statements
    /// of the other copies are left out.
    pub kept_articles: Option<std::sync::Arc<Vec<bool>>>,
    has_changed: bool,
    /// The words of statements shown lately, by index: statements keep only where their words lie.
    texts: HashMap<u32, String>,
    /// Reading the words of the rows in view from their articles.
    reading: Option<Job<Vec<(u32, String)>>>,
    /// A row to bring into view (picked with the keyboard).
    pub scroll_to_row: Option<usize>,
    /// Where the rows were scrolled to and how tall their view was, at the last frame.
    rows_in_view: (f32, f32),
}

impl StatementsView {
    /// Notes that statements, names or the filter changed.
    pub fn mark_changed(&mut self) {
        self.has_changed = true;
    }

    /// Recounts speakers and refilters, if something changed.
    /// `found` holds how many statements each name as found made.
    pub fn rebuild_if_changed(
        &mut self,
        corpus: &Corpus,
        names: &SpeakerNames,
        found: &std::collections::BTreeMap<String, usize>,
    ) {
        if !self.has_changed {
            return;
        }
        self.has_changed = false;
        if self.unnamed.0 != corpus.statements.len() {
            let named = corpus.named_speakers();
            let unnamed = found.keys().filter(|raw| !named.contains(*raw)).map(|raw| names.canonical(raw).to_owned());
            self.unnamed = (corpus.statements.len(), unnamed.collect());
        }
        self.speaker_counts = names.ranked_counts(found.iter().map(|(name, count)| (name.as_str(), *count)));
        let filter = self.speaker_filter.as_deref();
        let period = self.period;
        // Only what a filter asks for is looked up: at a million articles, reading each statement's article
        // date when no period is set took most of the half second this list took.
        let in_period = |i: &u32| {
            // Hits of a search made before the corpus changed may point past its end.
            let Some(statement) = corpus.statements.get(*i as usize) else { return false };
            let is_kept = self
                .kept_articles
                .as_ref()
                .is_none_or(|kept| kept.get(statement.article as usize).copied().unwrap_or(true));
            is_kept
                && period.is_none_or(|(from, to)| {
                    corpus.articles[statement.article as usize].date.is_some_and(|d| from <= d && d <= to)
                })
        };
        let kept: Vec<u32> = match &self.search {
            Some(hits) => hits.iter().copied().filter(in_period).collect(),
            None => (0..corpus.statements.len() as u32).filter(in_period).collect(),
        };
        // The speaker list counts what the search and the period leave (not the speaker chosen, so the
        // others stay to choose from).
        self.listed_counts = (self.search.is_some() || period.is_some()).then(|| {
            let found = crate::corpus::count_speakers(kept.iter().map(|&i| &corpus.statements[i as usize]));
            (kept.len(), names.ranked_counts(found))
        });
        self.visible = match filter {
            None => kept,
            Some(wanted) => kept
                .into_iter()
                .filter(|&i| {
                    corpus.statements[i as usize].speaker.as_deref().is_some_and(|s| names.canonical(s) == wanted)
                })
                .collect(),
        };
    }

    /// The words of a statement, once read for showing.
    pub fn text_of(&self, statement: u32) -> Option<&str> {
        self.texts.get(&statement).map(String::as_str)
    }

    /// Takes the words read in the background, and starts reading those of `wanted` rows not known yet.
    fn read_texts(&mut self, ctx: &egui::Context, corpus: &Arc<Corpus>, wanted: Vec<u32>) {
        if let Some(result) = self.reading.as_ref().and_then(Job::poll) {
            self.reading = None;
            if self.texts.len() > MAX_KEPT_TEXTS {
                self.texts.clear();
            }
            self.texts.extend(result.unwrap_or_default());
        }
        let missing: Vec<u32> = wanted.into_iter().filter(|i| !self.texts.contains_key(i)).collect();
        if missing.is_empty() || self.reading.is_some() {
            return;
        }
        let corpus = corpus.clone();
        self.reading = Some(Job::spawn("reading statements", ctx, move || {
            let mut texts = Vec::with_capacity(missing.len());
            let _ = corpus.with_statement_records(missing, |index, record| -> Result<(), ()> {
                texts.push((index, record.map_or_else(|reason| format!("({reason})"), |r| r.text.clone())));
                Ok(())
            });
            texts
        }));
    }

    /// Draws the speaker list beside the statement rows.
    pub fn view_ui(
        &mut self,
        ui: &mut egui::Ui,
        corpus: &Arc<Corpus>,
        names: &SpeakerNames,
        copy_counting: super::copies::CopyCounting,
        picked: Option<u32>,
        commands: &mut Vec<Command>,
    ) {
        let speakers = egui::Panel::left("speaker_counts").resizable(true).default_size(240.0).min_size(140.0);
        speakers.max_size((ui.available_width() * 0.35).max(140.0)).show(ui, |ui| {
            ui.heading("Speakers");
            ui.add(
                egui::TextEdit::singleline(&mut self.speaker_search)
                    .hint_text("Find a speaker")
                    .desired_width(f32::INFINITY),
            )
            .on_hover_text("Find a speaker");
            let search = self.speaker_search.to_lowercase();
            let (total, counts) = match &self.listed_counts {
                Some((total, counts)) => (*total, counts.as_slice()),
                None => (corpus.statements.len(), self.speaker_counts.as_slice()),
            };
            if self.listed_counts.is_some() {
                ui.weak("Counted in what the search and the period leave");
            }
            egui::ScrollArea::vertical().id_salt("speaker_list").auto_shrink(false).show(ui, |ui| {
                if ui.selectable_label(self.speaker_filter.is_none(), format!("All speakers ({total})")).clicked() {
                    commands.push(Command::FilterSpeaker(None));
                }
                let found = counts.iter().filter(|(s, _)| s.to_lowercase().contains(&search));
                let (unnamed, named): (Vec<_>, Vec<_>) = found.partition(|(s, _)| self.unnamed.1.contains(s));
                let mut speaker_ui = |ui: &mut egui::Ui, speaker: &String, count: &usize, is_unnamed: bool| {
                    let is_current = self.speaker_filter.as_deref() == Some(speaker.as_str());
                    let label = egui::RichText::new(format!("{speaker} ({count})"));
                    let item = ui.selectable_label(is_current, if is_unnamed { label.weak() } else { label });
                    if item.clicked() {
                        commands.push(Command::FilterSpeaker(Some(speaker.clone())));
                    }
                    item.context_menu(|ui| {
                        if ui.button("Chart this speaker").clicked() {
                            commands.push(Command::ChartSpeaker { name: speaker.clone(), is_shown: true });
                        }
                    });
                };
                for (speaker, count) in named {
                    speaker_ui(ui, speaker, count, false);
                }
                if !unnamed.is_empty() {
                    ui.add_space(6.0);
                    ui.weak("Unnamed sources")
                        .on_hover_text("Speakers described, not named: officials, a source, police");
                }
                for (speaker, count) in unnamed {
                    speaker_ui(ui, speaker, count, true);
                }
            });
        });
        // Wraps in a narrow window, so Export stays in reach.
        ui.horizontal_wrapped(|ui| {
            ui.heading("All statements");
            ui.weak(format!("{} shown", self.visible.len()));
            if ui.button("Speakers…").on_hover_text("Merge, rename and split speakers").clicked() {
                commands.push(Command::ShowSpeakers(true));
            }
            ui.menu_button("Export", |ui| {
                for (label, format) in [("As CSV…", ListFormat::Csv), ("As JSON lines…", ListFormat::Jsonl)] {
                    if ui.button(label).clicked() {
                        commands.push(Command::Export(ExportKind::Statements(format)));
                        ui.close();
                    }
                }
            });
            if let Some((from, to)) = self.period {
                ui.weak(format!("dated {from} – {to}"));
                if ui.small_button("All dates").clicked() {
                    commands.push(Command::FilterPeriod(None));
                }
            }
            super::copies::story_switch_ui(ui, copy_counting, commands);
        });
        ui.separator();
        let spacing = ui.spacing().item_spacing.y;
        let mut in_view = Vec::new();
        let mut rows_area = egui::ScrollArea::vertical().id_salt("statement_rows").auto_shrink(false);
        // A row picked with the keyboard is kept in view: scrolled to only when it lies outside it.
        if let Some(row) = self.scroll_to_row.take() {
            let top = row as f32 * ROW_HEIGHT;
            let (shown_top, shown_height) = self.rows_in_view;
            if top < shown_top || top + ROW_HEIGHT > shown_top + shown_height {
                rows_area = rows_area.vertical_scroll_offset((top - shown_height / 2.0).max(0.0));
            }
        }
        let output = rows_area.show_rows(ui, ROW_HEIGHT - spacing, self.visible.len(), |ui, rows| {
            for row in rows {
                let index = self.visible[row];
                in_view.push(index);
                let statement = &corpus.statements[index as usize];
                let article = &corpus.articles[statement.article as usize];
                let speaker = statement.speaker.as_deref().map_or("Unknown speaker", |s| names.canonical(s));
                let text = self.texts.get(&index).map_or("…", String::as_str);
                let date = article.date.map_or_else(|| "undated".to_owned(), |d| d.format("%Y-%m-%d").to_string());
                let (rect, response) = ui
                    .allocate_exact_size(egui::vec2(ui.available_width(), ROW_HEIGHT - spacing), egui::Sense::click());
                response.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::ListItem, true, format!("{speaker}: {text}"))
                });
                if ui.is_rect_visible(rect) {
                    let visuals = ui.visuals();
                    if picked == Some(index) {
                        ui.painter().rect_filled(rect, 4.0, visuals.selection.bg_fill.gamma_multiply(0.5));
                    } else if response.hovered() {
                        ui.painter().rect_filled(rect, 4.0, visuals.widgets.hovered.weak_bg_fill);
                    }
                    let inner = rect.shrink2(egui::vec2(6.0, 3.0));
                    let head = format!("{speaker} · {date} · {} · {}", kind_label(statement.kind), article.title);
                    let head_galley =
                        super::article_list::one_line(ui, &head, 12.0, visuals.weak_text_color(), inner.width());
                    let head_galley_elided = head_galley.elided;
                    ui.painter().galley(inner.left_top(), head_galley, visuals.weak_text_color());
                    let text_galley =
                        super::article_list::one_line(ui, text, 14.0, visuals.strong_text_color(), inner.width());
                    // A statement or heading cut to fit shows whole on hover.
                    if text_galley.elided || head_galley_elided {
                        response.clone().on_hover_text(format!("{head}\n\n{text}"));
                    }
                    ui.painter().galley(
                        egui::pos2(inner.left(), inner.bottom() - text_galley.size().y),
                        text_galley,
                        visuals.strong_text_color(),
                    );
                }
                // A click reads it in context in the right panel; a double-click opens its article.
                if response.double_clicked() {
                    commands.push(Command::OpenStatement(index));
                } else if response.clicked() {
                    commands.push(Command::PreviewStatement(index));
                }
            }
        });
        self.rows_in_view = (output.state.clamped_offset().y, output.inner_rect.height());
        self.read_texts(ui.ctx(), corpus, in_view);
    }
}
