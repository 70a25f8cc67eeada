//! The status bar: articles loaded, problems, date span, and loading progress with Cancel.

use super::counts::{counted, thousands};
use super::jobs::Loading;
use super::state::Command;
use crate::corpus::Corpus;
use std::sync::atomic::Ordering;

/// The corpus' date span and undated articles. Articles arriving while loading are added to the counts
/// as they come: counting a million every frame would take most of the frame. Reset it (`default`) when
/// the corpus is replaced.
#[derive(Debug, Default)]
pub struct DateSummary {
    /// How many of the corpus' articles are counted.
    counted: usize,
    span: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    undated: usize,
}

impl DateSummary {
    fn update(&mut self, corpus: &Corpus) {
        if self.counted > corpus.articles.len() {
            *self = DateSummary::default();
        }
        for article in &corpus.articles[self.counted..] {
            match (article.date, self.span) {
                (None, _) => self.undated += 1,
                (Some(date), None) => self.span = Some((date, date)),
                (Some(date), Some((first, last))) => self.span = Some((first.min(date), last.max(date))),
            }
        }
        self.counted = corpus.articles.len();
    }
}

/// Draws the status bar: counts, problems, dates, loading progress and messages.
#[allow(clippy::too_many_arguments)]
pub fn status_bar_ui(
    ui: &mut egui::Ui,
    corpus: &Corpus,
    dates: &mut DateSummary,
    loading: Option<&Loading>,
    skipped_files: usize,
    message: Option<&str>,
    remote_location: Option<&str>,
    has_disk_changes: bool,
    copies: super::copies::CopyCounting,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.label(counted(corpus.articles.len(), "article", "articles"));
        if let Some(location) = remote_location {
            ui.label(format!("on {location}"))
                .on_hover_text("Read from an OpenSearch cluster: texts are fetched as they are shown");
        }
        ui.separator();
        if copies.has_copies {
            super::copies::story_switch_ui(ui, copies, commands);
            ui.separator();
        }
        let problems = corpus.problems.len();
        let problems_text = match problems {
            0 => "No problems".to_owned(),
            n => counted(n, "problem", "problems"),
        };
        if ui
            .add_enabled(problems > 0, egui::Button::new(problems_text).small())
            .on_hover_text("Files that could not be read, and why")
            .clicked()
        {
            commands.push(Command::ShowProblems(true));
        }
        ui.separator();
        dates.update(corpus);
        if let Some((first, last)) = dates.span {
            ui.label(format!("{} – {}", first.format("%Y-%m-%d"), last.format("%Y-%m-%d")));
        }
        if dates.undated > 0 {
            ui.weak(format!("{} undated", thousands(dates.undated)));
        }
        if skipped_files > 0 {
            ui.separator();
            ui.weak(format!("{} skipped", counted(skipped_files, "file of another type", "files of other types")));
        }
        if has_disk_changes && loading.is_none() {
            ui.separator();
            ui.colored_label(ui.visuals().warn_fg_color, "Files changed on disk");
            if ui.button("Refresh (F5)").on_hover_text("Read the changed files again").clicked() {
                commands.push(Command::Refresh);
            }
        }
        if let Some(message) = message {
            ui.separator();
            ui.colored_label(ui.visuals().warn_fg_color, message);
        }
        if let Some(loading) = loading {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("Cancel").clicked() {
                    commands.push(Command::CancelLoad);
                }
                let progress = &loading.job.progress;
                let files_done = progress.files_done.load(Ordering::Relaxed);
                let files_total = progress.files_total.load(Ordering::Relaxed);
                let bytes_done = progress.bytes_done.load(Ordering::Relaxed);
                let bytes_total = progress.bytes_total.load(Ordering::Relaxed);
                let seconds = loading.started.elapsed().as_secs();
                let text = if progress.listing_done.load(Ordering::Relaxed) {
                    format!(
                        "Reading {} / {} files · {} / {} · {seconds} s",
                        thousands(files_done),
                        thousands(files_total),
                        megabytes(bytes_done),
                        megabytes(bytes_total)
                    )
                } else {
                    "Looking for files…".to_owned()
                };
                let fraction = if bytes_total > 0 { bytes_done as f32 / bytes_total as f32 } else { 0.0 };
                ui.add(egui::ProgressBar::new(fraction).desired_width(360.0).text(text).animate(true));
            });
        }
    });
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_counted_as_articles_arrive() {
        let article = |date: Option<(i32, u32, u32)>| crate::article::ArticleMeta {
            date: date.and_then(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(y, m, d)),
            ..Default::default()
        };
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let (mut corpus, mut dates) = (Corpus::default(), DateSummary::default());
        corpus.articles.extend([article(Some((2020, 5, 1))), article(None)]);
        dates.update(&corpus);
        assert_eq!((dates.span, dates.undated), (Some((day(2020, 5, 1), day(2020, 5, 1))), 1));
        corpus.articles.extend([article(Some((2019, 1, 2))), article(None), article(Some((2021, 3, 3)))]);
        dates.update(&corpus);
        assert_eq!((dates.span, dates.undated), (Some((day(2019, 1, 2), day(2021, 3, 3))), 2));
        // Fewer articles than counted: counted anew.
        corpus.articles.truncate(2);
        dates.update(&corpus);
        assert_eq!((dates.span, dates.undated), (Some((day(2020, 5, 1), day(2020, 5, 1))), 1));
    }
}
