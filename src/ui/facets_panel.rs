//! The filter panel: counts that follow the query (dates, outlets, speakers, topics, file types,
//! articles with statements). Clicking a value adds it to the query, so every filter is also text.

use super::state::Command;
use crate::corpus::Corpus;
use crate::search::clauses;
use crate::search::query::date_span;
use crate::speakers::SpeakerNames;
use crate::timeline::{Bucket, TopicHits};
use crate::topics::Topics;
use chrono::NaiveDate;
use std::collections::HashMap;

/// How many values each list shows.
const SHOWN_VALUES: usize = 12;

/// Counts over the articles the query and filter select.
#[derive(Default)]
pub struct Facets {
    has_changed: bool,
    /// Outlets with their article counts, most first.
    pub outlets: Vec<(String, usize)>,
    /// Canonical speakers with their statement counts in the selected articles.
    pub speakers: Vec<(String, usize)>,
    /// Topics with the number of selected articles they match.
    pub topics: Vec<(String, usize)>,
    /// File types with their article counts.
    pub file_types: Vec<(&'static str, usize)>,
    /// Selected articles with at least one statement.
    pub with_statements: usize,
    /// Articles per month (or year, for long spans), for the date strip.
    strip: Vec<(NaiveDate, NaiveDate, usize)>,
    from: String,
    to: String,
    drag_start: Option<usize>,
}

impl Facets {
    /// Notes that the selection, names or topics changed.
    pub fn mark_changed(&mut self) {
        self.has_changed = true;
    }

    /// Counts again if something changed.
    pub fn rebuild_if_changed(
        &mut self,
        corpus: &Corpus,
        names: &SpeakerNames,
        articles: &[u32],
        topics: &Topics,
        topic_hits: &HashMap<String, Result<TopicHits, String>>,
    ) {
        if !self.has_changed {
            return;
        }
        self.has_changed = false;
        let mut is_selected = vec![false; corpus.articles.len()];
        let mut outlets: HashMap<&str, usize> = HashMap::new();
        let mut file_types: HashMap<&'static str, usize> = HashMap::new();
        let mut dates = Vec::new();
        for &index in articles {
            let article = &corpus.articles[index as usize];
            is_selected[index as usize] = true;
            if let Some(outlet) = &article.outlet {
                *outlets.entry(outlet).or_default() += 1;
            }
            *file_types.entry(corpus.files[article.file_id as usize].format.name()).or_default() += 1;
            dates.extend(article.date);
        }
        let mut has_statements = vec![false; corpus.articles.len()];
        let selected_statements = corpus.statements.iter().filter(|s| is_selected[s.article as usize]);
        let found =
            crate::corpus::count_speakers(selected_statements.inspect(|s| has_statements[s.article as usize] = true));
        // Narrowed by a search, values keep the places the whole corpus gave them, so the next click lands
        // where the pointer aims; the whole corpus (also while it loads) is ranked afresh.
        let is_whole_corpus = articles.len() == corpus.articles.len();
        let (outlets, speakers) =
            (ranked(outlets.into_iter().map(|(k, v)| (k.to_owned(), v))), names.ranked_counts(found));
        (self.outlets, self.speakers) = if is_whole_corpus {
            (outlets, speakers)
        } else {
            (keep_order(&self.outlets, outlets), keep_order(&self.speakers, speakers))
        };
        self.file_types = {
            let mut types: Vec<(&'static str, usize)> = file_types.into_iter().collect();
            types.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            types
        };
        // In the user's order, each topic whose query runs.
        self.topics = topics
            .topics
            .iter()
            .filter_map(|topic| {
                let hits = topic_hits.get(&topic.name)?.as_ref().ok()?;
                Some((topic.name.clone(), hits.articles.iter().filter(|&&a| is_selected[a as usize]).count()))
            })
            .collect();
        self.with_statements = has_statements.iter().filter(|&&has| has).count();
        self.strip = date_strip(&dates);
    }

    /// Draws the panel.
    pub fn panel_ui(
        &mut self,
        ui: &mut egui::Ui,
        query: &str,
        copy_counting: super::copies::CopyCounting,
        commands: &mut Vec<Command>,
    ) {
        ui.heading("Filters");
        // The counts below follow the switch: with it on, a story's copies count once.
        super::copies::story_switch_ui(ui, copy_counting, commands);
        ui.weak("Click to add or remove · OR within a filter, AND across").on_hover_text(
            "A click adds the value to the search; a second click takes it out. Values of one filter join with OR \
             (any of these outlets), filters with AND (these outlets and these speakers).",
        );
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            egui::CollapsingHeader::new("Dates").default_open(true).show(ui, |ui| self.dates_ui(ui, commands));
            value_list_ui(ui, "Outlets", &self.outlets, "outlet", query, commands);
            value_list_ui(ui, "Speakers", &self.speakers, "speaker", query, commands);
            if !self.topics.is_empty() {
                value_list_ui(ui, "Topics", &self.topics, "topic", query, commands);
            }
            egui::CollapsingHeader::new("File types").default_open(true).show(ui, |ui| {
                for (name, count) in &self.file_types {
                    let clause = format!("type:{name}");
                    if ui.selectable_label(clauses::holds(query, &clause), format!("{name} ({count})")).clicked() {
                        commands.push(Command::ToggleClause { field: "type".into(), clause });
                    }
                }
            });
            egui::CollapsingHeader::new("Statements").default_open(true).show(ui, |ui| {
                let clause = "has:statements".to_owned();
                let label = format!("Has statements ({})", self.with_statements);
                if ui.selectable_label(clauses::holds(query, &clause), label).clicked() {
                    commands.push(Command::ToggleClause { field: "has".into(), clause });
                }
            });
        });
    }

    fn dates_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        if self.strip.is_empty() {
            ui.weak("No dated articles.");
            return;
        }
        // A strip of bars, one per month (or year); drag across it to pick a period.
        let (rect, response) =
            ui.allocate_exact_size(egui::vec2(ui.available_width(), 48.0), egui::Sense::click_and_drag());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Slider, true, "Date strip"));
        let largest = self.strip.iter().map(|(_, _, c)| *c).max().unwrap_or(1).max(1) as f32;
        let width = rect.width() / self.strip.len() as f32;
        let slot_at = |x: f32| (((x - rect.left()) / width).floor().max(0.0) as usize).min(self.strip.len() - 1);
        let painter = ui.painter_at(rect);
        painter.rect_filled(rect, 2.0, ui.visuals().extreme_bg_color);
        let hovered = response.hover_pos().map(|p| slot_at(p.x));
        let dragged = self.drag_start.zip(response.interact_pointer_pos().map(|p| slot_at(p.x)));
        for (slot, (_, _, count)) in self.strip.iter().enumerate() {
            let height = rect.height() * (*count as f32 / largest);
            let left = rect.left() + slot as f32 * width;
            let bar = egui::Rect::from_min_max(
                egui::pos2(left, rect.bottom() - height),
                egui::pos2(left + width.max(1.0) - 0.5, rect.bottom()),
            );
            let is_marked =
                dragged.is_some_and(|(a, b)| (a.min(b)..=a.max(b)).contains(&slot)) || hovered == Some(slot);
            let color =
                if is_marked { ui.visuals().selection.bg_fill } else { ui.visuals().widgets.inactive.fg_stroke.color };
            painter.rect_filled(bar, 0.0, color);
        }
        if let Some(slot) = hovered {
            let (first, last, count) = &self.strip[slot];
            response
                .clone()
                .on_hover_text(format!("{first} – {last}: {}", super::counts::counted(*count, "article", "articles")));
        }
        if response.drag_started() || response.clicked() {
            self.drag_start = response.interact_pointer_pos().map(|p| slot_at(p.x));
        }
        if response.drag_stopped() || response.clicked() {
            if let (Some(start), Some(end)) =
                (self.drag_start.take(), response.interact_pointer_pos().map(|p| slot_at(p.x)))
            {
                let (first, last) = (self.strip[start.min(end)].0, self.strip[start.max(end)].1);
                commands.push(Command::AddToQuery(format!("date:[{first} TO {last}]")));
            }
        }
        ui.horizontal(|ui| {
            ui.add(egui::TextEdit::singleline(&mut self.from).hint_text("from 2021-01-01").desired_width(90.0))
                .on_hover_text("First day");
            ui.add(egui::TextEdit::singleline(&mut self.to).hint_text("to 2021-06-30").desired_width(90.0))
                .on_hover_text("Last day");
            let from = date_span(self.from.trim()).map(|(first, _)| first);
            let to = date_span(self.to.trim()).map(|(_, last)| last);
            let is_valid = (self.from.trim().is_empty() || from.is_some())
                && (self.to.trim().is_empty() || to.is_some())
                && (from.is_some() || to.is_some());
            if ui
                .add_enabled(is_valid, egui::Button::new("Add"))
                .on_hover_text("Add this date range to the search")
                .clicked()
            {
                let bound = |date: Option<NaiveDate>| date.map_or("*".to_owned(), |d| d.to_string());
                commands.push(Command::AddToQuery(format!("date:[{} TO {}]", bound(from), bound(to))));
            }
        });
    }
}

/// `fresh` in the order of `previous` for the values it held, then the new ones as ranked.
fn keep_order(previous: &[(String, usize)], fresh: Vec<(String, usize)>) -> Vec<(String, usize)> {
    let place: HashMap<&str, usize> = previous.iter().enumerate().map(|(i, (name, _))| (name.as_str(), i)).collect();
    let mut ordered: Vec<(usize, usize, (String, usize))> = fresh
        .into_iter()
        .enumerate()
        .map(|(rank, value)| (place.get(value.0.as_str()).copied().unwrap_or(usize::MAX), rank, value))
        .collect();
    ordered.sort_by_key(|(place, rank, _)| (*place, *rank));
    ordered.into_iter().map(|(_, _, value)| value).collect()
}

fn ranked(counts: impl Iterator<Item = (String, usize)>) -> Vec<(String, usize)> {
    let mut ranked: Vec<(String, usize)> = counts.collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked
}

/// Months (or years, when the dates span more than ten years) with their article counts, without gaps.
fn date_strip(dates: &[NaiveDate]) -> Vec<(NaiveDate, NaiveDate, usize)> {
    let (Some(first), Some(last)) = (dates.iter().min(), dates.iter().max()) else { return Vec::new() };
    let bucket = if (*last - *first).num_days() > 3653 { Bucket::Year } else { Bucket::Month };
    let mut strip = Vec::new();
    let mut start = bucket.start(*first);
    while start <= *last {
        let next = bucket.next(start);
        strip.push((start, next.pred_opt().unwrap_or(start), 0));
        start = next;
    }
    for date in dates {
        let slot = strip.partition_point(|(start, _, _)| start <= date).saturating_sub(1);
        strip[slot].2 += 1;
    }
    strip
}

fn value_list_ui(
    ui: &mut egui::Ui,
    title: &str,
    values: &[(String, usize)],
    field: &str,
    query: &str,
    commands: &mut Vec<Command>,
) {
    egui::CollapsingHeader::new(title).default_open(true).show(ui, |ui| {
        if values.is_empty() {
            ui.weak("None");
        }
        for (value, count) in values.iter().take(SHOWN_VALUES) {
            let clause = clauses::clause(field, value);
            if ui.selectable_label(clauses::holds(query, &clause), format!("{value} ({count})")).clicked() {
                commands.push(Command::ToggleClause { field: field.to_owned(), clause });
            }
        }
        if values.len() > SHOWN_VALUES {
            ui.weak(format!("and {} more", values.len() - SHOWN_VALUES));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_keep_their_places_as_counts_change() {
        let value = |name: &str, count: usize| (name.to_owned(), count);
        let before = vec![value("A", 9), value("B", 5), value("C", 2)];
        let after = keep_order(&before, vec![value("C", 2), value("D", 2), value("A", 1)]);
        assert_eq!(after, [value("A", 1), value("C", 2), value("D", 2)]);
    }

    #[test]
    fn the_date_strip_has_a_slot_per_month_without_gaps() {
        let date = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap();
        let strip = date_strip(&[date("2021-01-05"), date("2021-03-31"), date("2021-03-01")]);
        let counts: Vec<usize> = strip.iter().map(|(_, _, c)| *c).collect();
        assert_eq!(counts, [1, 0, 2]);
        assert_eq!(strip[1].0, date("2021-02-01"));
        assert_eq!(strip[1].1, date("2021-02-28"));
    }
}
