//! The views of a corpus browsed on a server (`browse::Browse`): the article list paged and sorted by the
//! corpus, statements paged, facets and the chart counted there, and one article read at a time. Every
//! request runs off the UI thread; what failed is shown with Retry. Nothing here holds more than a page.

use super::jobs::Job;
use super::state::{Command, ExportKind};
use super::topics_window::TopicCounts;
use crate::browse::{ArticleDocument, ArticleOrder, ArticleRow, Browse, Cursor, Facet, Page, StatementRow, narrowed};
use crate::export::ChartFormat;
use crate::timeline::{Bucket, Chart, ChartRequest, Measure, SeriesSpec};
use crate::topics::Topics;
use std::sync::Arc;

/// Rows in one page of a list.
pub const PAGE_SIZE: usize = 50;
/// Values shown in each facet.
const FACET_SIZE: usize = 12;

/// What the centre of a browsed corpus shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BrowseTab {
    /// The article list.
    Articles,
    /// The statement list.
    Statements,
    /// Speakers over time.
    Chart,
}

/// One request to the corpus and its last answer.
struct Fetch<T> {
    job: Option<Job<Result<T, String>>>,
    value: Option<T>,
    error: Option<String>,
}

impl<T: Send + 'static> Fetch<T> {
    fn new() -> Fetch<T> {
        Fetch { job: None, value: None, error: None }
    }

    /// Starts `work`, replacing any request under way (its answer is dropped with it).
    fn start(
        &mut self,
        name: &'static str,
        ctx: &egui::Context,
        work: impl FnOnce() -> Result<T, String> + Send + 'static,
    ) {
        self.error = None;
        self.job = Some(Job::spawn(name, ctx, work));
    }

    fn poll(&mut self) {
        let Some(result) = self.job.as_ref().and_then(Job::poll) else { return };
        self.job = None;
        match result.and_then(|answer| answer) {
            Ok(value) => self.value = Some(value),
            Err(error) => self.error = Some(error),
        }
    }

    fn is_busy(&self) -> bool {
        self.job.is_some()
    }

    /// A spinner while busy, the error with Retry after a failure; true when Retry was clicked.
    fn status_ui(&self, ui: &mut egui::Ui) -> bool {
        if let Some(job) = &self.job {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.weak(format!("{}…", capitalised(job.name)));
            });
        }
        let mut retry = false;
        if let Some(error) = &self.error {
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(ui.visuals().error_fg_color, error);
                retry = ui.button("Retry").clicked();
            });
        }
        retry
    }
}

fn capitalised(text: &str) -> String {
    crate::timeline::capitalised(text)
}

/// What the user asked for while the view was drawn, applied after.
enum Intent {
    /// Search for the typed query.
    Search,
    /// Add a condition to the query (a facet clicked).
    Narrow(&'static str, String),
    Order(ArticleOrder),
    Tab(BrowseTab),
    /// Next (+1) or previous (-1) page of the current list, or the first (0).
    Page(isize),
    OpenArticle(String),
    CloseArticle,
    Chart(ChartRequest),
    RetryList,
    RetryFacets,
    RetryChart,
    RetryArticle,
}

/// A corpus browsed a page at a time.
pub struct BrowseView {
    browse: Arc<dyn Browse>,
    /// The query being typed.
    pub query_text: String,
    /// The query in force.
    query: String,
    order: ArticleOrder,
    tab: BrowseTab,
    /// Where each page of the article list shown so far starts: the last one is on screen.
    article_pages: Vec<Option<Cursor>>,
    /// The same for the statement list.
    statement_pages: Vec<Option<Cursor>>,
    articles: Fetch<Page<ArticleRow>>,
    statements: Fetch<Page<StatementRow>>,
    outlets: Fetch<Vec<(String, u64)>>,
    speakers: Fetch<Vec<(String, u64)>>,
    unnamed_sources: Fetch<Vec<(String, u64)>>,
    chart_request: ChartRequest,
    /// The topics the chart may show (the app's, for this corpus).
    topics: Topics,
    /// What each topic matches in the whole corpus, counted on it.
    topic_counts: Fetch<TopicCounts>,
    chart: Fetch<Chart>,
    article: Fetch<ArticleDocument>,
    /// The key of the article open (or being read).
    open_article: Option<String>,
    /// True until the first requests are sent (they need a context).
    is_new: bool,
}

impl BrowseView {
    /// A view of `browse`, charting `chart_request`.
    pub fn new(browse: Arc<dyn Browse>, chart_request: ChartRequest) -> BrowseView {
        BrowseView {
            browse,
            query_text: String::new(),
            query: String::new(),
            order: ArticleOrder::Corpus,
            tab: BrowseTab::Articles,
            article_pages: vec![None],
            statement_pages: vec![None],
            articles: Fetch::new(),
            statements: Fetch::new(),
            outlets: Fetch::new(),
            speakers: Fetch::new(),
            unnamed_sources: Fetch::new(),
            chart_request: crate::browse::chartable(&chart_request),
            topics: Topics::default(),
            topic_counts: Fetch::new(),
            chart: Fetch::new(),
            article: Fetch::new(),
            open_article: None,
            is_new: true,
        }
    }

    /// Where the corpus is.
    pub fn location(&self) -> String {
        self.browse.location()
    }

    /// The chart, once counted.
    pub fn chart(&self) -> Option<&Chart> {
        self.chart.value.as_ref()
    }

    /// The page of articles shown, once read.
    pub fn article_page(&self) -> Option<&Page<ArticleRow>> {
        self.articles.value.as_ref()
    }

    /// The page of statements shown, once read.
    pub fn statement_page(&self) -> Option<&Page<StatementRow>> {
        self.statements.value.as_ref()
    }

    /// The article open, once read.
    pub fn open_article(&self) -> Option<&ArticleDocument> {
        self.article.value.as_ref().filter(|_| self.open_article.is_some())
    }

    /// What each topic matches in the whole corpus (articles, statements), once counted.
    pub fn topic_counts(&self) -> Option<&TopicCounts> {
        self.topic_counts.value.as_ref()
    }

    /// The values of a facet, once counted.
    pub fn facet(&self, facet: Facet) -> Option<&[(String, u64)]> {
        match facet {
            Facet::Outlet => self.outlets.value.as_deref(),
            Facet::Speaker => self.speakers.value.as_deref(),
            Facet::UnnamedSource => self.unnamed_sources.value.as_deref(),
        }
    }

    /// Shows or hides a topic's series in the chart (the Topics window's Chart it), and shows the chart.
    pub fn chart_topic(&mut self, ctx: &egui::Context, name: &str, is_shown: bool) {
        let spec = SeriesSpec::Topic(name.to_owned());
        self.chart_request.series.retain(|s| *s != spec);
        if is_shown {
            self.chart_request.series.push(spec);
            self.tab = BrowseTab::Chart;
        }
        self.start_chart(ctx);
    }

    /// Shows one of the tabs (as the View menu and Ctrl+1/2/3 ask).
    pub fn show_tab(&mut self, tab: BrowseTab) {
        self.tab = tab;
    }

    /// True while any request is under way.
    pub fn is_busy(&self) -> bool {
        [self.articles.is_busy(), self.statements.is_busy(), self.outlets.is_busy(), self.speakers.is_busy()]
            .into_iter()
            .chain([self.unnamed_sources.is_busy(), self.chart.is_busy(), self.article.is_busy()])
            .any(|busy| busy)
    }

    /// The first error of the requests, if any failed.
    pub fn error(&self) -> Option<&str> {
        [&self.articles.error, &self.statements.error, &self.outlets.error, &self.speakers.error, &self.chart.error]
            .into_iter()
            .chain([&self.unnamed_sources.error, &self.article.error])
            .find_map(|error| error.as_deref())
    }

    fn start_articles(&mut self, ctx: &egui::Context) {
        let (browse, query, order) = (self.browse.clone(), self.query.clone(), self.order);
        let from = self.article_pages.last().cloned().flatten();
        self.articles.start("reading articles", ctx, move || browse.articles(&query, order, from.as_ref(), PAGE_SIZE));
    }

    fn start_statements(&mut self, ctx: &egui::Context) {
        let (browse, query) = (self.browse.clone(), self.query.clone());
        let from = self.statement_pages.last().cloned().flatten();
        self.statements.start("reading statements", ctx, move || browse.statements(&query, from.as_ref(), PAGE_SIZE));
    }

    /// The list on screen asked again (its page, after a Retry or a step).
    fn start_list(&mut self, ctx: &egui::Context) {
        match self.tab {
            BrowseTab::Statements => self.start_statements(ctx),
            _ => self.start_articles(ctx),
        }
    }

    fn start_facets(&mut self, ctx: &egui::Context) {
        for (facet, fetch, name) in [
            (Facet::Outlet, &mut self.outlets, "counting outlets"),
            (Facet::Speaker, &mut self.speakers, "counting speakers"),
            (Facet::UnnamedSource, &mut self.unnamed_sources, "counting unnamed sources"),
        ] {
            let (browse, query) = (self.browse.clone(), self.query.clone());
            fetch.start(name, ctx, move || browse.facet(&query, facet, FACET_SIZE));
        }
    }

    fn start_chart(&mut self, ctx: &egui::Context) {
        let (browse, query, request) = (self.browse.clone(), self.query.clone(), self.chart_request.clone());
        let topics = self.topics.clone();
        self.chart.start("counting the chart", ctx, move || browse.chart(&query, &request, &topics));
    }

    fn start_topic_counts(&mut self, ctx: &egui::Context) {
        let (browse, topics) = (self.browse.clone(), self.topics.clone());
        self.topic_counts.start("counting topics", ctx, move || {
            let count = |query: &str| -> Result<(u64, u64), String> {
                let articles = browse.articles(query, ArticleOrder::Corpus, None, 0)?.total;
                Ok((articles, browse.statements(query, None, 0)?.total))
            };
            Ok(topics.topics.iter().map(|topic| (topic.name.clone(), count(&topic.query))).collect())
        });
    }

    fn start_article(&mut self, ctx: &egui::Context) {
        if let Some(key) = self.open_article.clone() {
            let browse = self.browse.clone();
            self.article.start("reading the article", ctx, move || browse.article(&key));
        }
    }

    /// Everything that depends on the query, asked again.
    fn start_all(&mut self, ctx: &egui::Context) {
        self.article_pages = vec![None];
        self.statement_pages = vec![None];
        self.start_articles(ctx);
        self.start_statements(ctx);
        self.start_facets(ctx);
        self.start_chart(ctx);
    }

    fn apply(&mut self, ctx: &egui::Context, intents: Vec<Intent>) {
        for intent in intents {
            match intent {
                Intent::Search => {
                    self.query = self.query_text.trim().to_owned();
                    self.start_all(ctx);
                }
                Intent::Narrow(field, value) => {
                    self.query_text = narrowed(&self.query, field, &value);
                    self.query = self.query_text.clone();
                    self.start_all(ctx);
                }
                Intent::Order(order) => {
                    self.order = order;
                    self.article_pages = vec![None];
                    self.start_articles(ctx);
                }
                Intent::Tab(tab) => self.tab = tab,
                Intent::Page(step) => {
                    let next = match self.tab {
                        BrowseTab::Statements => self.statements.value.as_ref().and_then(|p| p.next.clone()),
                        _ => self.articles.value.as_ref().and_then(|p| p.next.clone()),
                    };
                    let pages = match self.tab {
                        BrowseTab::Statements => &mut self.statement_pages,
                        _ => &mut self.article_pages,
                    };
                    match step {
                        0 => pages.truncate(1),
                        1 if next.is_some() => pages.push(next),
                        -1 if pages.len() > 1 => {
                            pages.pop();
                        }
                        _ => continue,
                    }
                    self.start_list(ctx);
                }
                Intent::OpenArticle(key) => {
                    self.open_article = Some(key);
                    self.start_article(ctx);
                }
                Intent::CloseArticle => {
                    self.open_article = None;
                    self.article = Fetch::new();
                }
                Intent::Chart(request) => {
                    self.chart_request = request;
                    self.start_chart(ctx);
                }
                Intent::RetryList => self.start_list(ctx),
                Intent::RetryFacets => self.start_facets(ctx),
                Intent::RetryChart => self.start_chart(ctx),
                Intent::RetryArticle => self.start_article(ctx),
            }
        }
    }

    /// Draws the browsed corpus' views into what is left of the window; `topics` are the ones the chart offers.
    pub fn view_ui(&mut self, ui: &mut egui::Ui, topics: &Topics, commands: &mut Vec<Command>) {
        let ctx = ui.ctx().clone();
        if self.topics != *topics {
            // A topic's query may have changed: the chart is counted again (the first one is started below).
            self.topics = topics.clone();
            self.start_topic_counts(&ctx);
            if !self.is_new {
                self.start_chart(&ctx);
            }
        }
        if std::mem::take(&mut self.is_new) {
            self.start_all(&ctx);
        }
        self.articles.poll();
        self.statements.poll();
        self.outlets.poll();
        self.speakers.poll();
        self.unnamed_sources.poll();
        self.chart.poll();
        self.article.poll();
        self.topic_counts.poll();
        let mut intents = Vec::new();
        egui::Panel::top("browse_query").show(ui, |ui| self.query_ui(ui, &mut intents));
        egui::Panel::left("browse_facets").resizable(true).default_size(230.0).min_size(160.0).show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| self.facets_ui(ui, &mut intents));
        });
        if self.open_article.is_some() {
            let width = (ui.available_width() * 0.45).max(280.0);
            egui::Panel::right("browse_article")
                .resizable(true)
                .default_size(width)
                .min_size(240.0)
                .show(ui, |ui| self.article_ui(ui, &mut intents));
        }
        egui::CentralPanel::default().show(ui, |ui| match self.tab {
            BrowseTab::Articles => self.articles_ui(ui, &mut intents),
            BrowseTab::Statements => self.statements_ui(ui, &mut intents),
            BrowseTab::Chart => self.chart_ui(ui, &mut intents, commands),
        });
        self.apply(&ctx, intents);
    }

    fn query_ui(&mut self, ui: &mut egui::Ui, intents: &mut Vec<Intent>) {
        ui.horizontal(|ui| {
            // The tabs first, so that a narrow window clips the query field, never a tab.
            for (tab, label, key) in [
                (BrowseTab::Articles, "Articles", egui::Key::Num1),
                (BrowseTab::Statements, "Statements", egui::Key::Num2),
                (BrowseTab::Chart, "Chart", egui::Key::Num3),
            ] {
                let shortcut = ui.ctx().format_shortcut(&egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, key));
                if ui.selectable_label(self.tab == tab, label).on_hover_text(shortcut).clicked() && self.tab != tab {
                    intents.push(Intent::Tab(tab));
                }
            }
            ui.separator();
            let label = ui.label("Query");
            // Room is kept for the Search and Clear buttons.
            let edit = egui::TextEdit::singleline(&mut self.query_text)
                .hint_text("Search: words, \"a phrase\", speaker:Name, outlet:Name, date:2021, AND OR NOT")
                .desired_width((ui.available_width() - 130.0).max(160.0));
            let response = ui.add(edit).labelled_by(label.id);
            if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                intents.push(Intent::Search);
            }
            if ui.button("Search").clicked() {
                intents.push(Intent::Search);
            }
            if !self.query.is_empty() && ui.button("Clear").clicked() {
                self.query_text.clear();
                intents.push(Intent::Search);
            }
        });
    }

    fn facets_ui(&mut self, ui: &mut egui::Ui, intents: &mut Vec<Intent>) {
        // Unnamed sources ("officials", "police") in their own dimmed section, as in a local corpus' speaker list.
        for (title, field, fetch, dimmed) in [
            ("Outlets", "outlet", &self.outlets, false),
            ("Speakers", "speaker", &self.speakers, false),
            ("Unnamed sources", "speaker", &self.unnamed_sources, true),
        ] {
            ui.strong(title);
            if fetch.status_ui(ui) {
                intents.push(Intent::RetryFacets);
            }
            for (value, count) in fetch.value.as_deref().unwrap_or_default() {
                let mut text = egui::RichText::new(format!("{value} ({})", thousands(*count)));
                if dimmed {
                    text = text.weak();
                }
                if ui.selectable_label(false, text).on_hover_text(format!("Only {field}:\"{value}\"")).clicked() {
                    intents.push(Intent::Narrow(field, value.clone()));
                }
            }
            ui.add_space(8.0);
        }
    }

    /// The line above a list: how many match, which rows are shown, and the page buttons.
    fn pager_ui<T>(ui: &mut egui::Ui, pages: usize, page: Option<&Page<T>>, noun: &str, intents: &mut Vec<Intent>) {
        ui.horizontal(|ui| {
            if let Some(page) = page {
                let first = (pages - 1) * PAGE_SIZE;
                let shown = if page.rows.is_empty() {
                    format!("No {noun} match")
                } else {
                    format!("{noun} {}–{} of {}", first + 1, first + page.rows.len(), thousands(page.total))
                };
                ui.label(capitalised(&shown));
                if ui.add_enabled(pages > 1, egui::Button::new("First")).clicked() {
                    intents.push(Intent::Page(0));
                }
                if ui.add_enabled(pages > 1, egui::Button::new("Previous")).clicked() {
                    intents.push(Intent::Page(-1));
                }
                if ui.add_enabled(page.next.is_some(), egui::Button::new("Next")).clicked() {
                    intents.push(Intent::Page(1));
                }
            }
        });
    }

    fn articles_ui(&mut self, ui: &mut egui::Ui, intents: &mut Vec<Intent>) {
        ui.horizontal(|ui| {
            egui::ComboBox::from_label("Order").selected_text(self.order.label()).show_ui(ui, |ui| {
                for order in ArticleOrder::ALL {
                    if ui.selectable_label(self.order == order, order.label()).clicked() && self.order != order {
                        intents.push(Intent::Order(order));
                    }
                }
            });
        });
        Self::pager_ui(ui, self.article_pages.len(), self.articles.value.as_ref(), "articles", intents);
        if self.articles.status_ui(ui) {
            intents.push(Intent::RetryList);
        }
        let Some(page) = &self.articles.value else { return };
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            for row in &page.rows {
                let is_open = self.open_article.as_deref() == Some(row.article_key.as_str());
                let date = row.date.map(|d| d.to_string()).unwrap_or_else(|| "undated".to_owned());
                let details = [Some(date), row.outlet.clone(), Some(format!("{} statements", row.statements))];
                let details: Vec<String> = details.into_iter().flatten().collect();
                let title = if row.title.is_empty() { row.file.as_str() } else { row.title.as_str() };
                let response = ui.selectable_label(is_open, format!("{title}\n{}", details.join("  ·  ")));
                if response.on_hover_text(&row.file).clicked() {
                    intents.push(Intent::OpenArticle(row.article_key.clone()));
                }
            }
        });
    }

    fn statements_ui(&mut self, ui: &mut egui::Ui, intents: &mut Vec<Intent>) {
        Self::pager_ui(ui, self.statement_pages.len(), self.statements.value.as_ref(), "statements", intents);
        if self.statements.status_ui(ui) {
            intents.push(Intent::RetryList);
        }
        let Some(page) = &self.statements.value else { return };
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            for row in &page.rows {
                let speaker = row.speaker.as_deref().unwrap_or("unknown speaker");
                let date = row.date.map(|d| d.to_string()).unwrap_or_else(|| "undated".to_owned());
                ui.horizontal_wrapped(|ui| {
                    let name = egui::RichText::new(speaker).strong();
                    ui.label(if row.named { name } else { name.weak() });
                    ui.weak(format!("{date}  ·  {}", row.title));
                });
                let response = ui.selectable_label(false, format!("“{}”", row.text));
                if response.on_hover_text("Open the article").clicked() {
                    intents.push(Intent::OpenArticle(row.article_key.clone()));
                }
                ui.separator();
            }
        });
    }

    fn chart_ui(&mut self, ui: &mut egui::Ui, intents: &mut Vec<Intent>, commands: &mut Vec<Command>) {
        let mut request = self.chart_request.clone();
        ui.horizontal_wrapped(|ui| {
            let mut top = request
                .series
                .iter()
                .find_map(|spec| match spec {
                    SeriesSpec::TopSpeakers(n) => Some(*n),
                    _ => None,
                })
                .unwrap_or(0);
            ui.label("Top speakers");
            ui.add(egui::DragValue::new(&mut top).range(0..=20));
            let mut unnamed = request.series.contains(&SeriesSpec::UnnamedSources);
            ui.checkbox(&mut unnamed, "Unnamed sources");
            ui.menu_button("Topics", |ui| {
                for topic in &self.topics.topics {
                    let spec = SeriesSpec::Topic(topic.name.clone());
                    let mut shown = request.series.contains(&spec);
                    if ui.checkbox(&mut shown, &topic.name).on_hover_text(&topic.query).changed() {
                        request.series.retain(|s| *s != spec);
                        if shown {
                            request.series.push(spec);
                        }
                    }
                }
                if self.topics.topics.is_empty() {
                    ui.weak("No topics yet.");
                }
                if ui.button("Edit topics…").clicked() {
                    commands.push(Command::ShowTopics(true));
                }
            });
            let bucket_label = request.bucket.map_or("automatic", Bucket::as_str);
            egui::ComboBox::from_label("per").selected_text(bucket_label).show_ui(ui, |ui| {
                ui.selectable_value(&mut request.bucket, None, "automatic");
                for bucket in Bucket::ALL {
                    ui.selectable_value(&mut request.bucket, Some(bucket), bucket.as_str());
                }
            });
            ui.selectable_value(&mut request.measure, Measure::Count, "Count");
            ui.selectable_value(&mut request.measure, Measure::Share, "Share");
            let mut series: Vec<SeriesSpec> = request
                .series
                .iter()
                .filter(|spec| !matches!(spec, SeriesSpec::TopSpeakers(_) | SeriesSpec::UnnamedSources))
                .cloned()
                .collect();
            if top > 0 {
                series.insert(0, SeriesSpec::TopSpeakers(top));
            }
            if unnamed {
                series.push(SeriesSpec::UnnamedSources);
            }
            request.series = series;
            ui.separator();
            ui.menu_button("Export", |ui| {
                for (format, label) in [
                    (ChartFormat::Png, "PNG image…"),
                    (ChartFormat::Svg, "SVG drawing…"),
                    (ChartFormat::Csv, "CSV table…"),
                ] {
                    if ui.add_enabled(self.chart.value.is_some(), egui::Button::new(label)).clicked() {
                        commands.push(Command::Export(ExportKind::Chart(format)));
                    }
                }
            });
        });
        if request != self.chart_request {
            intents.push(Intent::Chart(request));
        }
        if self.chart.status_ui(ui) {
            intents.push(Intent::RetryChart);
        }
        match &self.chart.value {
            Some(chart) if chart.starts.is_empty() => {
                ui.label("No dated statement matches.");
            }
            Some(chart) => super::chart_view::chart_plot_ui(ui, chart),
            None => {}
        }
    }

    fn article_ui(&mut self, ui: &mut egui::Ui, intents: &mut Vec<Intent>) {
        ui.horizontal(|ui| {
            if ui.button("Close").clicked() {
                intents.push(Intent::CloseArticle);
            }
        });
        if self.article.status_ui(ui) {
            intents.push(Intent::RetryArticle);
        }
        let Some(document) = &self.article.value else { return };
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            ui.heading(&document.row.title);
            let details = [
                document.row.date.map(|d| d.to_string()),
                document.row.outlet.clone(),
                document.row.author.clone(),
                Some(document.row.file.clone()),
            ];
            ui.weak(details.into_iter().flatten().collect::<Vec<_>>().join("  ·  "));
            if let Some(url) = &document.url {
                ui.hyperlink(url);
            }
            ui.label(format!("{} statements", document.statements.len()));
            ui.separator();
            ui.label(marked_text(ui, document));
        });
    }
}

/// The article's text with the words of its statements marked.
fn marked_text(ui: &egui::Ui, document: &ArticleDocument) -> egui::text::LayoutJob {
    let text = &document.text;
    // Character spans to byte offsets.
    let byte_at: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    let to_bytes = |[start, end]: [usize; 2]| {
        let at = |c: usize| byte_at.get(c).copied().unwrap_or(text.len());
        at(start)..at(end.max(start))
    };
    let mut spans: Vec<std::ops::Range<usize>> =
        document.statements.iter().map(|s| to_bytes(s.text_span)).filter(|r| !r.is_empty()).collect();
    spans.sort_by_key(|r| r.start);
    let plain = egui::TextFormat { color: ui.visuals().text_color(), ..Default::default() };
    let marked = egui::TextFormat {
        color: ui.visuals().strong_text_color(),
        background: ui.visuals().selection.bg_fill.linear_multiply(0.4),
        ..Default::default()
    };
    let mut job = egui::text::LayoutJob::default();
    job.wrap.max_width = ui.available_width();
    let mut at = 0;
    for span in spans {
        if span.start < at {
            continue;
        }
        job.append(&text[at..span.start], 0.0, plain.clone());
        job.append(&text[span.clone()], 0.0, marked.clone());
        at = span.end;
    }
    job.append(&text[at..], 0.0, plain);
    job
}

/// A count of the corpus (a `u64` from a server) with thousands separators.
fn thousands(count: u64) -> String {
    super::counts::thousands(count as usize)
}
