//! The article list: quick filter, sort buttons and a virtualized list that scrolls through a million rows.

use super::state::{AppState, Command, SortKey};
use crate::article::ArticleMeta;
use crate::corpus::Corpus;
use std::cmp::Ordering;
use std::time::{Duration, Instant};

const ROW_HEIGHT: f32 = 46.0;
/// While loading, new articles join the list at most this often, and at most as often as keeps the time
/// spent on them under a fifth of the frames' (see `rebuilt_in`), so a flood of files does not stall them.
const REBUILD_INTERVAL_WHILE_LOADING: Duration = Duration::from_millis(300);
/// Once listing takes longer than a frame (a big corpus), typing in the filter box lists again only when
/// the typing pauses this long, so the keys never wait for the list.
const TYPING_PAUSE: Duration = Duration::from_millis(250);
/// Listing slower than this waits for a pause in typing.
const SLOW_REBUILD: Duration = Duration::from_millis(16);
/// Rows more than this share (one in N) of the articles are picked from all articles in order rather
/// than sorted.
const MANY_ROWS_SHARE: usize = 16;

/// The filtered, sorted rows of the article list.
#[derive(Default)]
pub struct ArticleList {
    /// Indices into `corpus.articles`, in display order.
    pub visible: Vec<u32>,
    /// Articles passing the filter, any period aside, in corpus order: what the chart counts.
    pub matching: Vec<u32>,
    /// Only articles dated in this period (first and last day included) are listed, if set.
    pub period: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    /// Only these articles (sorted indices), when a search is in force.
    pub search: Option<Vec<u32>>,
    /// When each story counts once: the stories, whose first listed copy stands for the others.
    pub stories: Option<std::sync::Arc<crate::duplicates::Stories>>,
    /// Every article in the order of the last full sort. While it is still in order, listing many rows
    /// again (a pause in typing) picks them from it instead of sorting them: at a million articles the
    /// sort was most of that frame.
    sorted_all: Vec<u32>,
    has_changed: bool,
    /// How many of the corpus' articles the rows account for: those after arrived since.
    listed: usize,
    last_rebuild: Option<Instant>,
    /// What the last rebuild cost, with what follows from it.
    last_cost: Duration,
    /// When the filter text last changed.
    typed_at: Option<Instant>,
    scroll_to: Option<usize>,
    scroll_offset: f32,
    /// How many rows the scroll area laid out last frame: it clamps an offset to what it laid out then.
    laid_out_rows: usize,
}

impl ArticleList {
    /// Notes that the filter or sort changed, or the corpus changed other than by articles added at its end.
    pub fn mark_changed(&mut self) {
        self.has_changed = true;
    }

    /// Forgets the rows of a corpus that is gone, so the next frame lists the new one from scratch.
    pub fn forget_rows(&mut self) {
        self.visible.clear();
        self.matching.clear();
        self.listed = 0;
        self.last_rebuild = None;
        self.has_changed = true;
    }

    /// Notes that the filter text changed (a key typed).
    pub fn filter_typed(&mut self) {
        self.has_changed = true;
        self.typed_at = Some(Instant::now());
    }

    /// How long listing waits yet for a pause in typing, if it waits.
    pub fn waiting_for_typing_pause(&self) -> Option<Duration> {
        let typed_at = self.typed_at.filter(|_| self.has_changed && self.last_cost > SLOW_REBUILD)?;
        TYPING_PAUSE.checked_sub(typed_at.elapsed()).filter(|left| !left.is_zero())
    }

    /// Notes what the last rebuild cost, with the work it caused (facet counts), to space rebuilds while
    /// loading.
    pub fn rebuilt_in(&mut self, cost: Duration) {
        self.last_cost = cost;
    }

    /// Asks the list to bring a row into view on the next frame.
    pub fn scroll_to_row(&mut self, row: usize) {
        self.scroll_to = Some(row);
    }

    /// The display row of an article.
    pub fn row_of(&self, article_index: usize) -> Option<usize> {
        self.visible.iter().position(|&i| i as usize == article_index)
    }

    /// Filters and sorts again if something changed (throttled while loading); true if the matching
    /// articles (what the chart and filters count) changed.
    pub fn rebuild_if_due(&mut self, corpus: &Corpus, state: &AppState, is_loading: bool) -> bool {
        let articles = &corpus.articles;
        let interval = REBUILD_INTERVAL_WHILE_LOADING.max(self.last_cost * 4);
        let is_due = (!is_loading || self.last_rebuild.is_none_or(|t| t.elapsed() >= interval))
            && self.waiting_for_typing_pause().is_none();
        if !(self.has_changed || self.listed != articles.len()) || !is_due {
            return false;
        }
        // Articles added at the end (while loading) are merged into the rows; any other change lists anew.
        let first_new = if self.has_changed || self.listed > articles.len() { 0 } else { self.listed };
        self.has_changed = false;
        self.listed = articles.len();
        self.last_rebuild = Some(Instant::now());
        let terms: Vec<String> = state.filter.to_lowercase().split_whitespace().map(str::to_owned).collect();
        let found = |i: u32| self.search.as_ref().is_none_or(|hits| hits.binary_search(&i).is_ok());
        let mut matching: Vec<u32> = (first_new as u32..articles.len() as u32)
            .filter(|&i| found(i) && matches_filter(&articles[i as usize], &terms))
            .collect();
        if let Some(stories) = self.stories.as_ref().filter(|_| first_new == 0) {
            matching = stories.once_each(corpus, &matching);
        }
        let in_period = |i: &u32| {
            self.period.is_none_or(|(from, to)| articles[*i as usize].date.is_some_and(|d| from <= d && d <= to))
        };
        let mut rows: Vec<u32> = matching.iter().copied().filter(in_period).collect();
        let (key, descending) = (state.sort, state.sort_descending);
        let order = |a: &u32, b: &u32| compare(&articles[*a as usize], &articles[*b as usize], key, descending);
        if first_new == 0 && rows.len() > articles.len() / MANY_ROWS_SHARE {
            // Rows listing every article (as while loading, without a filter) are such an order too.
            if self.sorted_all.len() != articles.len() && self.visible.len() == articles.len() {
                self.sorted_all.clone_from(&self.visible);
            }
            // Checked in one pass rather than trusted: any change to the articles or the sort that
            // breaks the order is caught, and the order of all is made again.
            let is_still_sorted = self.sorted_all.len() == articles.len()
                && self.sorted_all.windows(2).all(|pair| order(&pair[0], &pair[1]) != Ordering::Greater);
            if !is_still_sorted {
                self.sorted_all = (0..articles.len() as u32).collect();
                self.sorted_all.sort_by(order);
            }
            let mut is_listed = vec![false; articles.len()];
            rows.iter().for_each(|&i| is_listed[i as usize] = true);
            rows = self.sorted_all.iter().copied().filter(|&i| is_listed[i as usize]).collect();
        } else {
            rows.sort_by(order);
        }
        if first_new == 0 {
            let has_matching_changed = matching != self.matching;
            self.matching = matching;
            self.visible = rows;
            return has_matching_changed;
        }
        self.visible = merged(std::mem::take(&mut self.visible), rows, order);
        self.matching.extend(&matching);
        !matching.is_empty()
    }

    /// Draws the filter box, the sort buttons and the rows.
    pub fn list_ui(
        &mut self,
        ui: &mut egui::Ui,
        corpus: &Corpus,
        state: &mut AppState,
        selected: Option<usize>,
        stories: &crate::duplicates::Stories,
        focus_filter: &mut bool,
        commands: &mut Vec<Command>,
    ) {
        ui.add_space(4.0);
        let filter = ui
            .add(
                egui::TextEdit::singleline(&mut state.filter)
                    .hint_text("Filter titles and outlets (Ctrl+F)")
                    .desired_width(f32::INFINITY),
            )
            .on_hover_text("Filter titles and outlets");
        if std::mem::take(focus_filter) {
            filter.request_focus();
        }
        if filter.changed() {
            commands.push(Command::FilterChanged);
        }
        ui.horizontal(|ui| {
            ui.weak("Sort:");
            for key in [SortKey::Date, SortKey::Title, SortKey::Outlet] {
                let is_current = state.sort == key;
                let arrow = match (is_current, state.sort_descending) {
                    (false, _) => "",
                    (true, true) => " ⏷",
                    (true, false) => " ⏶",
                };
                if ui.add(egui::Button::selectable(is_current, format!("{}{arrow}", key.label()))).clicked() {
                    commands.push(Command::SortBy(key));
                }
            }
        });
        // What narrows the list has a line of its own, so it never draws over the sort buttons.
        let is_narrowed = self.visible.len() != corpus.articles.len();
        if is_narrowed || self.period.is_some() {
            ui.horizontal_wrapped(|ui| {
                if is_narrowed {
                    ui.weak(format!("{} of {}", self.visible.len(), corpus.articles.len()));
                }
                if let Some((from, to)) = self.period {
                    ui.weak(format!("{from} – {to}"));
                    if ui.small_button("All dates").on_hover_text("Stop listing only one period").clicked() {
                        commands.push(Command::FilterPeriod(None));
                    }
                }
            });
        }
        ui.separator();

        let mut scroll_area = egui::ScrollArea::vertical().id_salt("article_rows").auto_shrink(false);
        // The area knows a new number of rows only once it laid them out: an offset past the old rows would
        // spring back to the top (the list went blank, then showed its top, after "All dates").
        let is_laid_out = self.laid_out_rows == self.visible.len();
        if !is_laid_out && self.scroll_to.is_some() {
            ui.ctx().request_repaint();
        }
        if let Some(row) = self.scroll_to.take_if(|_| is_laid_out) {
            // Keep the row in view with some context above it.
            let viewport = ui.available_height();
            let offset = self.scroll_offset;
            let row_top = row as f32 * ROW_HEIGHT;
            if row_top < offset || row_top + ROW_HEIGHT > offset + viewport {
                scroll_area = scroll_area.vertical_scroll_offset((row_top - viewport / 3.0).max(0.0));
            }
        }
        let spacing = ui.spacing().item_spacing.y;
        let output = scroll_area.show_rows(ui, ROW_HEIGHT - spacing, self.visible.len(), |ui, rows| {
            for row in rows {
                let article_index = self.visible[row] as usize;
                let is_selected = selected == Some(article_index);
                let copies = stories.copies(article_index as u32);
                if row_ui(ui, corpus, article_index, is_selected, copies).clicked() {
                    commands.push(Command::SelectRow(row));
                }
            }
        });
        self.scroll_offset = output.state.clamped_offset().y;
        self.laid_out_rows = self.visible.len();
        if corpus.articles.is_empty() {
            ui.weak("No articles yet.");
        }
    }
}

/// One row: the title on the first line, date and outlet on the second, and how many copies the story
/// has (hover lists them: outlet, date, file).
fn row_ui(
    ui: &mut egui::Ui,
    corpus: &Corpus,
    article_index: usize,
    is_selected: bool,
    copies: &[u32],
) -> egui::Response {
    let article = &corpus.articles[article_index];
    let width = ui.available_width();
    let spacing = ui.spacing().item_spacing.y;
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, ROW_HEIGHT - spacing), egui::Sense::click());
    let title = if article.title.is_empty() { "(untitled)" } else { article.title.as_str() };
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::ListItem, true, is_selected, title));
    if !ui.is_rect_visible(rect) {
        return response;
    }
    let visuals = ui.visuals();
    if is_selected {
        ui.painter().rect_filled(rect, 4.0, visuals.selection.bg_fill);
    } else if response.hovered() {
        ui.painter().rect_filled(rect, 4.0, visuals.widgets.hovered.weak_bg_fill);
    }
    let strong = if is_selected { visuals.selection.stroke.color } else { visuals.strong_text_color() };
    let weak = if is_selected { visuals.selection.stroke.color.gamma_multiply(0.8) } else { visuals.weak_text_color() };
    let inner = rect.shrink2(egui::vec2(6.0, 3.0));
    let title_galley = one_line(ui, title, 14.0, strong, inner.width());
    // A title cut to fit shows whole on hover.
    let response = if title_galley.elided { response.on_hover_text(title) } else { response };
    ui.painter().galley(inner.left_top(), title_galley, strong);
    let date = article.date.map_or_else(|| "undated".to_owned(), |d| d.format("%Y-%m-%d").to_string());
    let mut details = match &article.outlet {
        Some(outlet) => format!("{date} · {outlet}"),
        None => date,
    };
    let response = if copies.len() > 1 {
        details = format!("{} copies · {details}", copies.len());
        response.on_hover_ui(|ui| {
            ui.strong(format!("{} copies of this story", copies.len()));
            for &copy in copies {
                let meta = &corpus.articles[copy as usize];
                let date = meta.date.map_or_else(|| "undated".to_owned(), |d| d.format("%Y-%m-%d").to_string());
                let outlet = meta.outlet.as_deref().unwrap_or("no outlet");
                ui.label(format!("{outlet} · {date} · {}", corpus.article_file(meta)));
            }
        })
    } else {
        response
    };
    let details_galley = one_line(ui, &details, 12.0, weak, inner.width());
    ui.painter().galley(egui::pos2(inner.left(), inner.bottom() - details_galley.size().y), details_galley, weak);
    response
}

/// Lays out text on one line, cut with an ellipsis to fit.
pub fn one_line(
    ui: &egui::Ui,
    text: &str,
    size: f32,
    color: egui::Color32,
    width: f32,
) -> std::sync::Arc<egui::Galley> {
    let mut job = egui::text::LayoutJob::single_section(
        text.to_owned(),
        egui::TextFormat { font_id: egui::FontId::proportional(size), color, ..Default::default() },
    );
    job.wrap =
        egui::text::TextWrapping {
            max_width: width, max_rows: 1, break_anywhere: true, overflow_character: Some('…')
        };
    ui.painter().layout_job(job)
}

/// Two sorted lists as one sorted list.
fn merged(old: Vec<u32>, new: Vec<u32>, order: impl Fn(&u32, &u32) -> Ordering) -> Vec<u32> {
    let mut rows = Vec::with_capacity(old.len() + new.len());
    let (mut old, mut new) = (old.into_iter().peekable(), new.into_iter().peekable());
    while let (Some(a), Some(b)) = (old.peek(), new.peek()) {
        let next = if order(b, a) == Ordering::Less { new.next() } else { old.next() };
        rows.extend(next);
    }
    rows.extend(old.chain(new));
    rows
}

fn matches_filter(article: &ArticleMeta, terms: &[String]) -> bool {
    if terms.is_empty() {
        return true;
    }
    let title = article.title.to_lowercase();
    let outlet = article.outlet.as_deref().unwrap_or("").to_lowercase();
    terms.iter().all(|term| title.contains(term.as_str()) || outlet.contains(term.as_str()))
}

/// Orders two articles by a column; missing values always sort last, ties go by file and record.
fn compare(a: &ArticleMeta, b: &ArticleMeta, key: SortKey, descending: bool) -> Ordering {
    fn missing_last<T>(a: Option<T>, b: Option<T>, descending: bool, order: impl Fn(&T, &T) -> Ordering) -> Ordering {
        match (a, b) {
            (Some(x), Some(y)) if descending => order(&y, &x),
            (Some(x), Some(y)) => order(&x, &y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }
    // In lower case without copying the words, as a million-row sort compares twenty million times.
    let folded =
        |x: &&str, y: &&str| x.chars().flat_map(char::to_lowercase).cmp(y.chars().flat_map(char::to_lowercase));
    let order = match key {
        SortKey::Date => missing_last(a.date, b.date, descending, Ord::cmp),
        SortKey::Title => missing_last(Some(a.title.as_str()), Some(b.title.as_str()), descending, folded),
        SortKey::Outlet => missing_last(a.outlet.as_deref(), b.outlet.as_deref(), descending, folded),
    };
    order.then_with(|| (a.file_id, a.record).cmp(&(b.file_id, b.record)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(title: &str, date: Option<(i32, u32, u32)>, outlet: Option<&str>) -> ArticleMeta {
        ArticleMeta {
            title: title.into(),
            date: date.and_then(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(y, m, d)),
            outlet: outlet.map(Into::into),
            ..ArticleMeta::default()
        }
    }

    #[test]
    fn undated_articles_sort_last_both_ways() {
        let old = meta("b", Some((2019, 1, 1)), None);
        let new = meta("a", Some((2021, 1, 1)), None);
        let undated = meta("c", None, None);
        assert_eq!(compare(&new, &old, SortKey::Date, true), Ordering::Less);
        assert_eq!(compare(&old, &new, SortKey::Date, false), Ordering::Less);
        assert_eq!(compare(&undated, &old, SortKey::Date, true), Ordering::Greater);
        assert_eq!(compare(&undated, &old, SortKey::Date, false), Ordering::Greater);
    }

    #[test]
    fn articles_arriving_while_loading_are_listed_as_a_fresh_list_would_list_them() {
        let dates = [Some((2020, 5, 1)), None, Some((2019, 1, 1)), Some((2021, 3, 3)), Some((2020, 5, 1)), None];
        let state = AppState { filter: "dam".into(), ..AppState::default() };
        for key in [SortKey::Date, SortKey::Title] {
            let state = AppState { sort: key, ..state.clone() };
            let (mut corpus, mut loading) = (Corpus::default(), ArticleList::default());
            for (index, date) in dates.iter().enumerate() {
                let title = if index % 3 == 2 { format!("Vote {index}") } else { format!("dam {}", 9 - index) };
                corpus.articles.push(ArticleMeta { record: index as u32, ..meta(&title, *date, None) });
                if index % 2 == 1 {
                    loading.last_rebuild = None;
                    loading.rebuild_if_due(&corpus, &state, true);
                }
            }
            let mut fresh = ArticleList::default();
            fresh.rebuild_if_due(&corpus, &state, false);
            assert_eq!(loading.visible, fresh.visible);
            assert_eq!(loading.matching, fresh.matching);
            assert_eq!(fresh.visible.len(), 4);
            // A date changed after the full list was sorted: the order of all is made again.
            fresh.mark_changed();
            fresh.rebuild_if_due(&corpus, &state, false);
            corpus.articles[0].date = chrono::NaiveDate::from_ymd_opt(2022, 1, 1);
            corpus.articles[3].date = None;
            for list in [&mut loading, &mut fresh] {
                list.mark_changed();
                list.rebuild_if_due(&corpus, &state, false);
            }
            let mut again = ArticleList::default();
            again.rebuild_if_due(&corpus, &state, false);
            assert_eq!(fresh.visible, again.visible);
            assert_eq!(loading.visible, again.visible);
            // Fewer articles than listed: listed anew, never pointing past the end.
            corpus.articles.truncate(3);
            loading.rebuild_if_due(&corpus, &state, false);
            assert_eq!(loading.visible.len(), 2);
            assert!(loading.visible.iter().all(|&i| (i as usize) < 3));
        }
    }

    #[test]
    fn listing_again_reuses_the_order_of_all_articles_only_while_it_holds() {
        let mut corpus = Corpus::default();
        for index in 0..40u32 {
            let date = (index % 7 != 0).then_some((2020, 1 + index % 12, 1 + index % 28));
            corpus
                .articles
                .push(ArticleMeta { record: index, ..meta(&format!("Talks {}", index * 7 % 40), date, None) });
        }
        for key in [SortKey::Date, SortKey::Title] {
            let state = AppState { sort: key, ..AppState::default() };
            let (mut corpus, mut list) = (corpus.clone(), ArticleList::default());
            // Listed while loading (merged), then anew: every row, so the rows are the order of all.
            list.rebuild_if_due(&corpus, &state, true);
            list.mark_changed();
            list.rebuild_if_due(&corpus, &state, false);
            assert_eq!(list.sorted_all, list.visible);
            for (article, date) in [(3, None), (5, Some((1999, 1, 1))), (0, Some((2030, 1, 1)))] {
                corpus.articles[article].date = date.and_then(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(y, m, d));
                corpus.articles[article + 1].title = format!("Aardvark {article}");
                list.mark_changed();
                list.rebuild_if_due(&corpus, &state, false);
                let mut fresh = ArticleList::default();
                fresh.rebuild_if_due(&corpus, &state, false);
                assert_eq!(list.visible, fresh.visible, "{key:?}");
            }
        }
    }

    #[test]
    fn a_slow_list_waits_for_a_pause_in_typing_and_a_quick_one_does_not() {
        let mut corpus = Corpus::default();
        corpus.articles.push(meta("Dam talks", None, None));
        let state = AppState::default();
        for (cost, waits) in [(Duration::from_millis(1), false), (Duration::from_millis(100), true)] {
            let mut list = ArticleList::default();
            list.rebuild_if_due(&corpus, &state, false);
            list.rebuilt_in(cost);
            list.filter_typed();
            list.rebuild_if_due(&corpus, &state, false);
            assert_eq!(list.has_changed, waits);
            assert_eq!(list.waiting_for_typing_pause().is_some(), waits);
            std::thread::sleep(TYPING_PAUSE);
            list.rebuild_if_due(&corpus, &state, false);
            assert!(!list.has_changed);
        }
    }

    #[test]
    fn filter_matches_every_term_in_title_or_outlet() {
        let article = meta("Dam talks collapse", None, Some("Kestrand Daily"));
        assert!(matches_filter(&article, &["dam".into(), "kestrand".into()]));
        assert!(!matches_filter(&article, &["dam".into(), "veloria".into()]));
    }
}
