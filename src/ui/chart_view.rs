//! The chart tab: how often speakers come up over time, with bucket, measure and style controls,
//! a series picker, click or drag to filter by period, and exports.

use super::copies::{self, CopyCounting};
use super::jobs::Job;
use super::state::{Command, ExportKind};
use crate::corpus::Corpus;
use crate::duplicates::Echoes;
use crate::export::ChartFormat;
use crate::speakers::SpeakerNames;
use crate::timeline::{self, Bucket, Chart, ChartRequest, Measure, SeriesSpec, Style, TopicHits, Unit};
use crate::topics::Topics;
use chrono::NaiveDate;
use egui_plot::{Bar, BarChart, GridMark, Line, Plot, Span};
use std::collections::HashMap;
use std::sync::Arc;

/// The chart computed for the current selection, and the state of the mouse over it.
#[derive(Default)]
pub struct ChartView {
    chart: Option<Chart>,
    has_changed: bool,
    speaker_search: String,
    /// The bucket where a drag across the chart began.
    drag_start: Option<usize>,
    /// Where each bucket's centre was drawn, in screen points (for tests that click a bucket).
    bucket_positions: Vec<egui::Pos2>,
    /// Show the speaker × topic table instead of the chart over time.
    pub show_table: bool,
    table: Option<TopicTable>,
    counting: Option<Job<(Chart, TopicTable)>>,
}

/// Everything a chart is counted from, owned so the count can run on another thread.
pub struct ChartInputs {
    /// The corpus.
    pub corpus: Arc<Corpus>,
    /// Canonical speaker names.
    pub names: SpeakerNames,
    /// The selection: the filtered list, any period aside.
    pub articles: Vec<u32>,
    /// What the user asked for.
    pub request: ChartRequest,
    /// The corpus' topics, in order, for the table's columns.
    pub topics: Topics,
    /// What each topic matches.
    pub topic_hits: HashMap<String, TopicHits>,
    /// When each statement counts once: the echo groups, whose earliest statement stands for the others.
    pub echoes: Option<Arc<Echoes>>,
}

impl ChartInputs {
    /// Counts the chart over time and the speaker × topic table.
    pub fn count(&self) -> (Chart, TopicTable) {
        let topic = |name: &str| self.topic_hits.get(name).cloned();
        let counted = self.echoes.as_ref().map(|echoes| echoes.counted_once(&self.corpus, &self.articles));
        let chart = timeline::compute_counting(
            &self.corpus,
            &self.names,
            &self.articles,
            &self.request,
            &topic,
            counted.as_deref(),
        );
        let speakers: Vec<String> = chart.series.iter().filter(|s| !s.is_topic).map(|s| s.name.clone()).collect();
        let columns: Vec<(&str, &[u32])> = self
            .topics
            .topics
            .iter()
            .filter_map(|t| Some((t.name.as_str(), self.topic_hits.get(&t.name)?.statements.as_slice())))
            .collect();
        let table = TopicTable {
            counts: timeline::speaker_topic_table(
                &self.corpus,
                &self.names,
                &self.articles,
                &speakers,
                &columns.iter().map(|(_, c)| *c).collect::<Vec<_>>(),
            ),
            speakers,
            topics: columns.iter().map(|(name, _)| (*name).to_owned()).collect(),
        };
        (chart, table)
    }
}

/// Statements per speaker and topic, for the table view.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicTable {
    /// Row names: the chart's speakers.
    pub speakers: Vec<String>,
    /// Column names: the corpus' topics.
    pub topics: Vec<String>,
    /// `counts[speaker][topic]`.
    pub counts: Vec<Vec<u64>>,
}

impl ChartView {
    /// Notes that the selection, the names or the request changed.
    pub fn mark_changed(&mut self) {
        self.has_changed = true;
    }

    /// The chart as last computed.
    pub fn chart(&self) -> Option<&Chart> {
        self.chart.as_ref()
    }

    /// The speaker × topic table as last computed.
    pub fn table(&self) -> Option<&TopicTable> {
        self.table.as_ref()
    }

    /// Where the centre of a bucket was drawn on screen, once the chart has been shown.
    pub fn bucket_position(&self, bucket: usize) -> Option<egui::Pos2> {
        self.bucket_positions.get(bucket).copied()
    }

    /// Counts now, dropping any count running in the background (for exports and tests, which need the
    /// chart at once).
    pub fn count_now(&mut self, inputs: ChartInputs) {
        self.has_changed = false;
        self.counting = None;
        let (chart, table) = inputs.count();
        (self.chart, self.table) = (Some(chart), Some(table));
    }

    /// True when something changed since the last count.
    pub fn has_changes(&self) -> bool {
        self.has_changed
    }

    /// Recounts off the UI thread; the chart shown stays until the new one is ready, and only the newest
    /// count is kept.
    pub fn start_count(&mut self, ctx: &egui::Context, inputs: ChartInputs) {
        self.has_changed = false;
        self.counting = Some(Job::spawn("counting the chart", ctx, move || inputs.count()));
    }

    /// Takes in a finished background count.
    pub fn poll_count(&mut self) {
        if let Some(job) = &self.counting
            && let Some(result) = job.poll()
        {
            self.counting = None;
            if let Ok((chart, table)) = result {
                (self.chart, self.table) = (Some(chart), Some(table));
            }
        }
    }

    /// True while a count runs in the background.
    pub fn is_counting(&self) -> bool {
        self.counting.is_some() || self.has_changed
    }

    /// Draws the controls, the series picker and the plot.
    pub fn view_ui(
        &mut self,
        ui: &mut egui::Ui,
        request: &ChartRequest,
        speaker_counts: &[(String, usize)],
        topics: &Topics,
        period: Option<(NaiveDate, NaiveDate)>,
        copy_counting: CopyCounting,
        commands: &mut Vec<Command>,
    ) {
        let is_counting = self.counting.is_some();
        let ChartView { chart, speaker_search, drag_start, bucket_positions, show_table, table, .. } = self;
        let Some(chart) = chart.as_ref() else {
            if is_counting {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.weak("Counting…");
                });
            } else {
                ui.weak("Open a corpus to chart its speakers.");
            }
            return;
        };
        controls_ui(ui, request, chart, copy_counting, commands);
        ui.separator();
        let series = egui::Panel::left("chart_series").resizable(true).default_size(230.0).min_size(140.0);
        series.max_size((ui.available_width() * 0.3).max(140.0)).show(ui, |ui| {
            series_picker_ui(ui, speaker_search, request, chart, speaker_counts, topics, commands);
        });
        egui::CentralPanel::default().show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.selectable_value(show_table, false, "Over time");
                ui.selectable_value(show_table, true, "Speakers × topics")
                    .on_hover_text("Statements of the chart's speakers about each topic");
                if is_counting {
                    ui.spinner();
                }
            });
            if *show_table {
                table_ui(ui, table.as_ref(), commands);
                return;
            }
            match period {
                Some((from, to)) => {
                    ui.horizontal(|ui| {
                        ui.label(format!("Showing {from} – {to} in the list."));
                        if ui.small_button("Show all dates").clicked() {
                            commands.push(Command::FilterPeriod(None));
                        }
                    });
                }
                None => {
                    ui.weak("Click a bucket, or drag across several, to list that period; double-click resets.");
                }
            }
            if chart.undated_articles > 0 {
                let undated = super::counts::counted(
                    chart.undated_articles as usize,
                    "undated article is",
                    "undated articles are",
                );
                ui.weak(format!("{undated} not shown."))
                    .on_hover_text("Articles with no date in a field, the text or the file name.");
            }
            if chart.starts.is_empty() {
                ui.add_space(20.0);
                ui.weak("No dated articles in the current selection.");
                return;
            }
            *bucket_positions = plot_ui(ui, chart, drag_start, period, commands);
        });
    }
}

/// Draws a chart alone, without picking periods (a corpus browsed on a server).
pub fn chart_plot_ui(ui: &mut egui::Ui, chart: &Chart) {
    if chart.undated_articles > 0 {
        let undated =
            super::counts::counted(chart.undated_articles as usize, "undated article is", "undated articles are");
        ui.weak(format!("{undated} not shown."));
    }
    plot_ui(ui, chart, &mut None, None, &mut Vec::new());
}

/// Draws the plot; returns where each bucket's centre lies on screen.
fn plot_ui(
    ui: &mut egui::Ui,
    chart: &Chart,
    drag_start: &mut Option<usize>,
    period: Option<(NaiveDate, NaiveDate)>,
    commands: &mut Vec<Command>,
) -> Vec<egui::Pos2> {
    let buckets = chart.starts.len();
    let max_labels = (ui.available_width() / 90.0).max(2.0) as usize;
    let ticks = timeline::axis_ticks(chart.bucket, &chart.starts, max_labels);
    let tick_step = (buckets as f64 / ticks.len().max(1) as f64).max(1.0);
    let tick_values: Vec<(f64, String)> = ticks.into_iter().map(|(i, label)| (i as f64, label)).collect();
    let bucket_at = |x: f64| (x.round().max(0.0) as usize).min(buckets - 1);
    let tooltip = |x: f64| {
        let bucket = bucket_at(x);
        let mut text = chart.bucket_description(bucket);
        for (index, series) in chart.series.iter().enumerate() {
            let count = series.counts[bucket];
            match chart.request.measure {
                Measure::Count => text.push_str(&format!("\n{}: {count}", series.name)),
                Measure::Share => {
                    text.push_str(&format!("\n{}: {:.1}% ({count})", series.name, chart.value(index, bucket)))
                }
            }
        }
        text.push_str(&format!(
            "\nAll articles: {}  ·  all statements: {}",
            chart.total_articles[bucket], chart.total_statements[bucket]
        ));
        text
    };
    legend_ui(ui, chart);
    // The plot fills what is left of the panel below the legend, and no more (the panel may have grown
    // wider than the window).
    let visible = ui.clip_rect().intersect(ui.max_rect());
    let size = egui::vec2(visible.right() - ui.cursor().left(), visible.bottom() - ui.cursor().top());
    let plot = Plot::new("chart_plot")
        .width(size.x.max(120.0))
        .height(size.y.max(120.0))
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_x(false)
        .show_y(false)
        .include_x(-0.5)
        .include_x(buckets as f64 - 0.5)
        .include_y(0.0)
        .x_axis_label(format!("Date ({}s)", chart.bucket.as_str()))
        .y_axis_label(chart.y_label())
        .x_grid_spacer(|_| {
            tick_values.iter().map(|(value, _)| GridMark { value: *value, step_size: tick_step }).collect()
        })
        .x_axis_formatter(|mark, _| {
            tick_values.iter().find(|(value, _)| *value == mark.value).map(|(_, l)| l.clone()).unwrap_or_default()
        });
    let selected_buckets = period.map(|(from, to)| {
        let first = chart.starts.partition_point(|start| chart.bucket.next(*start) <= from);
        let last = chart.starts.partition_point(|start| *start <= to).saturating_sub(1);
        (first, last)
    });
    let response = plot.show(ui, |plot_ui| {
        if let Some((first, last)) = selected_buckets {
            plot_ui.span(
                Span::new("Selected period", (first as f64 - 0.5)..=(last as f64 + 0.5))
                    .fill(egui::Color32::from_rgba_unmultiplied(255, 200, 0, 40)),
            );
        }
        let mut stacked: Vec<BarChart> = Vec::new();
        for (index, series) in chart.series.iter().enumerate() {
            let name = format!("{} ({})", series.name, series.total());
            let color = series_color(index);
            match chart.request.style {
                Style::Line => {
                    let points: Vec<[f64; 2]> = (0..buckets).map(|b| [b as f64, chart.value(index, b)]).collect();
                    plot_ui.line(Line::new(name, points).color(color).width(2.0));
                }
                Style::Bars if chart.stacks() => {
                    let bars = (0..buckets).map(|b| Bar::new(b as f64, chart.value(index, b)).width(0.8)).collect();
                    let layer = BarChart::new(name, bars).color(color).stack_on(&stacked.iter().collect::<Vec<_>>());
                    stacked.push(layer);
                }
                Style::Bars => {
                    let (offset, width) = Chart::side_by_side(index, chart.series.len());
                    let bars =
                        (0..buckets).map(|b| Bar::new(b as f64 + offset, chart.value(index, b)).width(width)).collect();
                    plot_ui.bar_chart(BarChart::new(name, bars).color(color));
                }
            }
        }
        for layer in stacked {
            plot_ui.bar_chart(layer);
        }
    });
    let bucket_positions = (0..buckets)
        .map(|b| response.transform.position_from_point(&egui_plot::PlotPoint::new(b as f64, 0.0)))
        .map(|p| egui::pos2(p.x, p.y - 4.0))
        .collect();
    let plot_response = &response.response;
    // The hovered bucket's dates and counts, beside the pointer.
    if let Some(pointer) = plot_response.hover_pos() {
        let text = tooltip(response.transform.value_from_position(pointer).x);
        plot_response.clone().on_hover_text_at_pointer(text);
    }
    let bucket_of = |p: egui::Pos2| bucket_at(response.transform.value_from_position(p).x);
    let pointer_bucket = || plot_response.interact_pointer_pos().map(bucket_of);
    if plot_response.double_clicked() {
        commands.push(Command::UndoPeriodPick);
    } else if plot_response.drag_started() {
        // Where the button went down, not where the drag was recognised a few pixels later.
        *drag_start = ui.input(|i| i.pointer.press_origin()).map(bucket_of).or_else(pointer_bucket);
    } else if plot_response.drag_stopped() || plot_response.clicked() {
        let end = pointer_bucket();
        let start = drag_start.take().or(end);
        if let (Some(start), Some(end)) = (start, end) {
            let (first, last) = (start.min(end), start.max(end));
            commands.push(Command::FilterPeriod(Some((chart.starts[first], chart.bucket_end(last)))));
        }
    }
    bucket_positions
}

/// The series' names and colours above the plot, where they hide no data; a line's swatch is a line, a
/// bar's a square.
fn legend_ui(ui: &mut egui::Ui, chart: &Chart) {
    ui.horizontal_wrapped(|ui| {
        for (index, series) in chart.series.iter().enumerate() {
            let color = series_color(index);
            let (rect, _) = ui.allocate_exact_size(egui::vec2(18.0, 12.0), egui::Sense::hover());
            match chart.request.style {
                Style::Line => {
                    let y = rect.center().y;
                    ui.painter().line_segment([egui::pos2(rect.left(), y), egui::pos2(rect.right(), y)], (2.5, color));
                }
                Style::Bars => {
                    ui.painter().rect_filled(rect.shrink2(egui::vec2(3.0, 0.0)), 2.0, color);
                }
            }
            ui.label(format!("{} ({})", series.name, series.total()));
            ui.add_space(8.0);
        }
    });
}

/// The speaker × topic table: each cell a button to the statements it counts.
fn table_ui(ui: &mut egui::Ui, table: Option<&TopicTable>, commands: &mut Vec<Command>) {
    let Some(table) = table.filter(|t| !t.topics.is_empty() && !t.speakers.is_empty()) else {
        ui.weak("Define topics (Topics… beside the search box) and pick speakers to see who spoke about what.");
        return;
    };
    let largest = table.counts.iter().flatten().copied().max().unwrap_or(0).max(1) as f32;
    egui::ScrollArea::both().show(ui, |ui| {
        egui::Grid::new("speaker_topic_table").striped(false).spacing([6.0, 4.0]).show(ui, |ui| {
            ui.label("");
            for topic in &table.topics {
                ui.strong(topic);
            }
            ui.end_row();
            for (row, speaker) in table.speakers.iter().enumerate() {
                ui.label(speaker);
                for (column, topic) in table.topics.iter().enumerate() {
                    let count = table.counts[row][column];
                    let strength = count as f32 / largest;
                    let fill = egui::Color32::from_rgba_unmultiplied(31, 119, 180, (40.0 + 200.0 * strength) as u8);
                    let button = egui::Button::new(count.to_string()).fill(fill).min_size(egui::vec2(64.0, 24.0));
                    let name = format!("{speaker} on {topic}: {count}");
                    let response = ui.add_enabled(count > 0, button).on_hover_text(&name);
                    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, count > 0, &name));
                    if response.clicked() {
                        commands.push(Command::ShowStatementsFor { speaker: speaker.clone(), topic: topic.clone() });
                    }
                }
                ui.end_row();
            }
        });
    });
}

/// The colour of a series, as in exports.
pub fn series_color(index: usize) -> egui::Color32 {
    let (r, g, b) = timeline::PALETTE[index % timeline::PALETTE.len()];
    egui::Color32::from_rgb(r, g, b)
}

fn controls_ui(
    ui: &mut egui::Ui,
    request: &ChartRequest,
    chart: &Chart,
    copy_counting: CopyCounting,
    commands: &mut Vec<Command>,
) {
    let mut changed = request.clone();
    ui.horizontal_wrapped(|ui| {
        ui.label("Bucket:");
        // The same label whatever is chosen, so the buttons never move under the pointer.
        let automatic = format!("Auto ({})", chart.automatic_bucket().as_str());
        ui.selectable_value(&mut changed.bucket, None, automatic).on_hover_text("Chosen from the date span");
        for bucket in Bucket::ALL {
            ui.selectable_value(&mut changed.bucket, Some(bucket), timeline::capitalised(bucket.as_str()));
        }
        ui.separator();
        ui.label("Count:");
        ui.selectable_value(&mut changed.unit, Unit::Statements, "Statements")
            .on_hover_text("Each statement by the speaker counts");
        ui.selectable_value(&mut changed.unit, Unit::Articles, "Articles")
            .on_hover_text("Each article in which the speaker has a statement counts once");
        ui.separator();
        ui.selectable_value(&mut changed.measure, Measure::Count, "Absolute").on_hover_text("Counts");
        ui.selectable_value(&mut changed.measure, Measure::Share, "Share %")
            .on_hover_text("Percentage of all statements (or articles) in the bucket");
        ui.separator();
        ui.selectable_value(&mut changed.style, Style::Line, "Lines");
        ui.selectable_value(&mut changed.style, Style::Bars, "Bars").on_hover_text(
            "Stacked when the series split the statements (speakers); side by side when they overlap (topics, or \
             counting articles)",
        );
        ui.separator();
        copies::story_switch_ui(ui, copy_counting, commands);
        copies::statement_switch_ui(ui, copy_counting, commands);
        ui.separator();
        ui.menu_button("Export", |ui| {
            for (label, format) in [
                ("Chart as PNG…", ChartFormat::Png),
                ("Chart as SVG…", ChartFormat::Svg),
                ("Chart data as CSV…", ChartFormat::Csv),
            ] {
                if ui.button(label).clicked() {
                    commands.push(Command::Export(ExportKind::Chart(format)));
                    ui.close();
                }
            }
        });
    });
    if changed != *request {
        commands.push(Command::SetChart(changed));
    }
}

fn series_picker_ui(
    ui: &mut egui::Ui,
    search: &mut String,
    request: &ChartRequest,
    chart: &Chart,
    speaker_counts: &[(String, usize)],
    topics: &Topics,
    commands: &mut Vec<Command>,
) {
    ui.strong("Series");
    if !topics.topics.is_empty() {
        ui.weak("Topics");
        for topic in &topics.topics {
            let mut is_shown = request.series.contains(&SeriesSpec::Topic(topic.name.clone()));
            if ui.checkbox(&mut is_shown, format!("Topic: {}", topic.name)).changed() {
                commands.push(Command::ChartTopic { name: topic.name.clone(), is_shown });
            }
        }
        ui.weak("Speakers");
    }
    ui.horizontal(|ui| {
        let is_default = request.series == [SeriesSpec::TopSpeakers(timeline::DEFAULT_TOP_SPEAKERS)];
        if ui.add_enabled(!is_default, egui::Button::new("Top 5 speakers")).clicked() {
            let mut changed = request.clone();
            changed.series = vec![SeriesSpec::TopSpeakers(timeline::DEFAULT_TOP_SPEAKERS)];
            commands.push(Command::SetChart(changed));
        }
        if ui.add_enabled(!chart.series.is_empty(), egui::Button::new("Clear")).clicked() {
            let mut changed = request.clone();
            changed.series.clear();
            commands.push(Command::SetChart(changed));
        }
    });
    let mut shows_unnamed = request.series.contains(&SeriesSpec::UnnamedSources);
    let unnamed = ui
        .checkbox(&mut shows_unnamed, timeline::UNNAMED_SOURCES)
        .on_hover_text("The statements of all unnamed sources together (officials, a source, police); with Share %, their share of all statements");
    if unnamed.changed() {
        let mut changed = request.clone();
        changed.series.retain(|s| *s != SeriesSpec::UnnamedSources);
        if shows_unnamed {
            changed.series.push(SeriesSpec::UnnamedSources);
        }
        commands.push(Command::SetChart(changed));
    }
    ui.add(egui::TextEdit::singleline(search).hint_text("Find a speaker").desired_width(f32::INFINITY))
        .on_hover_text("Find a speaker");
    let needle = search.to_lowercase();
    let shown: Vec<&str> = chart.series.iter().filter(|s| !s.is_topic).map(|s| s.name.as_str()).collect();
    egui::ScrollArea::vertical().id_salt("chart_speakers").auto_shrink(false).show_rows(
        ui,
        ui.text_style_height(&egui::TextStyle::Body) + 6.0,
        speaker_counts.iter().filter(|(n, _)| n.to_lowercase().contains(&needle)).count(),
        |ui, rows| {
            let matching = speaker_counts.iter().filter(|(n, _)| n.to_lowercase().contains(&needle));
            for (name, count) in matching.skip(rows.start).take(rows.len()) {
                let mut is_shown = shown.contains(&name.as_str());
                let label = format!("{name} ({count})");
                if ui.checkbox(&mut is_shown, label).changed() {
                    commands.push(Command::ChartSpeaker { name: name.clone(), is_shown });
                }
            }
        },
    );
}
