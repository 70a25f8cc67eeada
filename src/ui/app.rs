//! The app: its state, its background jobs, and the layout of its panels.

use super::article_list::ArticleList;
use super::article_view::{self, ArticleSlot, MatchFocus, ShownArticle, StatementFocus};
use super::browse_view::{BrowseTab, BrowseView};
use super::chart_view::{ChartInputs, ChartView};
use super::connect_window::{ConnectWindow, Connected, Connection};
use super::dialogs::{DialogAnswer, Dialogs};
use super::facets_panel::Facets;
use super::jobs::Job;
use super::jobs::Loading;
use super::path_prompt::PathPrompt;
use super::search_bar::{SearchBar, SearchContext};
use super::speaker_manager::SpeakerManager;
use super::state::PathPurpose;
use super::state::{AppState, CentralTab, Command, ExportKind};
use super::statement_context::StatementContext;
use super::statements_view::StatementsView;
use super::{copies, counts, problems, statements_panel, status_bar};
use crate::corpus::{self, Corpus, CorpusSource};
use crate::export::{self, ChartFormat, ListFormat};
use crate::loading::{self, LoadEvent};
use crate::search::{BuildProgress, Scope, SearchIndex, SpeakerLookup};
use crate::speakers::{SpeakerEdits, SpeakerNames};
use crate::timeline::{SeriesSpec, TopicHits};
use crate::topics::Topics;
use crate::watch::CorpusWatcher;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long one frame may spend taking in loaded files, so the UI stays responsive under a flood of results.
const LOAD_POLL_BUDGET: Duration = Duration::from_millis(8);
/// How long a toast stays on screen.
const TOAST_DURATION: Duration = Duration::from_secs(6);

/// The tabs of the centre, their labels and the keys that show them (with Ctrl).
const CENTRAL_TABS: [(CentralTab, &str, egui::Key); 3] = [
    (CentralTab::Article, "Article", egui::Key::Num1),
    (CentralTab::Statements, "All statements", egui::Key::Num2),
    (CentralTab::Chart, "Chart", egui::Key::Num3),
];

/// The Dossier app.
pub struct DossierApp {
    /// What is saved between runs.
    pub state: AppState,
    /// The open corpus (metadata only). Shared with background jobs once loaded; changed only while loading.
    pub corpus: Arc<Corpus>,
    dialogs: Arc<dyn Dialogs>,
    loading: Option<Loading>,
    /// A file dialog that is open, and what the path it answers is for.
    dialog: Option<(PathPurpose, Job<DialogAnswer>)>,
    /// The window to type a path in (when no dialog could be shown, or asked for).
    path_prompt: Option<PathPrompt>,
    list: ArticleList,
    /// Index into `corpus.articles` of the selected article.
    selected: Option<usize>,
    /// When picking a period opened its first article: the article selected before, and the one opened, so
    /// that a double-click (whose first click picked the period) resets the period and undoes the opening.
    opened_by_period: Option<(Option<usize>, usize)>,
    article: ArticleSlot,
    show_problems: bool,
    skipped_files: usize,
    /// A message for the status bar (e.g. why a folder could not be opened).
    message: Option<String>,
    focus_filter: bool,
    /// The selected statement of the shown article.
    statement_focus: StatementFocus,
    /// A statement to select once its article is read: the byte offset where its text starts.
    pending_statement: Option<usize>,
    /// The user's speaker merges and renames for this corpus.
    pub speaker_edits: SpeakerEdits,
    /// Canonical speaker names, from automatic merges and the user's edits.
    pub speaker_names: SpeakerNames,
    /// How many statements each speaker name (as found) made: counted once a corpus has loaded, as a
    /// million articles hold some twenty million statements.
    found_speakers: BTreeMap<String, usize>,
    /// The corpus' articles grouped with their copies, found when loading ends.
    stories: Arc<crate::duplicates::Stories>,
    /// How many stories `stories` holds (counted once, not each frame).
    story_count: usize,
    /// The statement picked in All statements, read in its article for the right panel.
    statement_context: StatementContext,
    /// Statements found again in other articles (echoes), found with the stories.
    echoes: Arc<crate::duplicates::Echoes>,
    /// Copies of stories and echoes of statements being found once loading ended.
    story_finding: Option<Job<(crate::duplicates::Stories, crate::duplicates::Echoes)>>,
    date_summary: status_bar::DateSummary,
    statements_view: StatementsView,
    speaker_manager: SpeakerManager,
    show_speakers: bool,
    /// The roles the articles give the speakers listed in the speaker manager, most frequent first.
    listed_roles: Arc<BTreeMap<String, Vec<(String, usize)>>>,
    /// Whether `listed_roles` must be read again (new names or a new corpus).
    has_stale_roles: bool,
    /// Reading the speakers' roles from their articles for the speaker manager.
    role_listing: Option<Job<BTreeMap<String, Vec<(String, usize)>>>>,
    chart_view: ChartView,
    /// A short notice (where an export went), and when it appeared.
    toast: Option<(String, Instant)>,
    search_bar: SearchBar,
    /// The search index being built, with its progress.
    indexing: Option<(Job<Result<SearchIndex, String>>, Arc<BuildProgress>)>,
    /// What searches need, once the index is ready.
    search_context: Option<SearchContext>,
    /// Why the index could not be built, if it could not.
    index_problem: Option<String>,
    /// The corpus' topics, saved beside its speaker edits.
    pub topics: Topics,
    /// What each topic matches (or why its query fails).
    topic_hits: HashMap<String, Result<TopicHits, String>>,
    topic_counting: Option<Job<HashMap<String, Result<TopicHits, String>>>>,
    show_topics: bool,
    facets: Facets,
    /// Topics suggested from the corpus, once found.
    suggestions: Option<Vec<crate::topics::Topic>>,
    suggesting: Option<Job<Vec<crate::topics::Topic>>>,
    /// Search matches in the shown article.
    matches: MatchFocus,
    /// Which article and which search results `matches` was computed for.
    matches_key: Option<(usize, u64)>,
    /// Counts changes of the search results.
    search_generation: u64,
    commands: Vec<Command>,
    /// Writing the extraction cache after a load that read files afresh.
    cache_saving: Option<Job<Result<(), String>>>,
    /// The roles given to speakers whose surname also stands alone, read from their articles: the evidence
    /// that merges a surname into a full name (see `Corpus::found_speaker_roles`).
    role_weighing: Option<Job<crate::speakers::SpeakerRoles>>,
    speaker_roles: crate::speakers::SpeakerRoles,
    /// Starting to watch the corpus files (walking a big tree takes a while).
    watching: Option<Job<Result<CorpusWatcher, String>>>,
    /// Tells when files of the open corpus changed on disk.
    watcher: Option<CorpusWatcher>,
    /// File ▸ Connect to cluster…, while shown.
    connect_window: Option<ConnectWindow>,
    /// A corpus browsed on a cluster, a page at a time (too large to read in): it replaces the views.
    browse: Option<BrowseView>,
    /// `URL/NAME` when the open corpus is read from an OpenSearch cluster.
    remote_location: Option<String>,
}

impl DossierApp {
    /// Creates the app, restoring saved settings; opens `path` if given, else the corpus open last time.
    pub fn new(cc: &eframe::CreationContext<'_>, dialogs: Box<dyn Dialogs>, path: Option<PathBuf>) -> Self {
        Self::from_saved_settings(&cc.egui_ctx, dialogs, path)
    }

    /// Creates the app from the saved settings file. A damaged one is kept aside as `*.bad` and reported.
    pub fn from_saved_settings(ctx: &egui::Context, dialogs: Box<dyn Dialogs>, path: Option<PathBuf>) -> Self {
        // Settings are our own atomic JSON file rather than eframe's storage, which is written in place.
        let (state, problem) = match crate::store::settings_path() {
            Some(settings) => crate::store::load_json(&settings),
            None => (AppState::default(), None),
        };
        let mut app = Self::with_state(ctx, state, dialogs, path);
        if problem.is_some() {
            app.message = problem;
        }
        app
    }

    /// Creates the app from a given state (used by `new` and by tests).
    pub fn with_state(ctx: &egui::Context, state: AppState, dialogs: Box<dyn Dialogs>, path: Option<PathBuf>) -> Self {
        set_style(ctx);
        let mut app = DossierApp {
            state,
            corpus: Arc::new(Corpus::default()),
            dialogs: Arc::from(dialogs),
            loading: None,
            dialog: None,
            path_prompt: None,
            list: ArticleList::default(),
            selected: None,
            opened_by_period: None,
            article: ArticleSlot::Empty,
            show_problems: false,
            skipped_files: 0,
            message: None,
            focus_filter: false,
            statement_focus: StatementFocus::default(),
            pending_statement: None,
            speaker_edits: SpeakerEdits::default(),
            speaker_names: SpeakerNames::default(),
            found_speakers: BTreeMap::new(),
            stories: Default::default(),
            story_finding: None,
            echoes: Default::default(),
            statement_context: Default::default(),
            story_count: 0,
            date_summary: status_bar::DateSummary::default(),
            statements_view: StatementsView::default(),
            speaker_manager: SpeakerManager::default(),
            show_speakers: false,
            listed_roles: Default::default(),
            has_stale_roles: true,
            role_listing: None,
            chart_view: ChartView::default(),
            toast: None,
            search_bar: SearchBar::default(),
            indexing: None,
            search_context: None,
            index_problem: None,
            topics: Topics::default(),
            topic_hits: HashMap::new(),
            topic_counting: None,
            show_topics: false,
            facets: Facets::default(),
            suggestions: None,
            suggesting: None,
            matches: MatchFocus::default(),
            matches_key: None,
            search_generation: 0,
            commands: Vec::new(),
            role_weighing: None,
            speaker_roles: Default::default(),
            cache_saving: None,
            watching: None,
            watcher: None,
            connect_window: None,
            browse: None,
            remote_location: None,
        };
        let source = match path {
            Some(path) => Some(CorpusSource::from_path(&path)),
            None => app.state.corpus_source.clone().filter(source_exists),
        };
        if let Some(source) = source {
            app.open(ctx, source);
        }
        app
    }

    /// Connects to `URL/NAME` as File ▸ Connect to cluster… would, with the environment's credentials;
    /// `browse` keeps the corpus on the server whatever its size. A bad location is said in the window.
    pub fn connect_to(&mut self, ctx: &egui::Context, location: &str, browse: bool) {
        let location = location.trim_end_matches('/');
        // `http://HOST:PORT` alone has no index name: the window asks for one.
        let (url, index) = match location.rsplit_once('/') {
            Some((url, index)) if !url.ends_with('/') => (url, index),
            _ => (location, ""),
        };
        let mut window = ConnectWindow::new(url, index);
        window.always_browse = browse;
        window.connect(ctx);
        self.connect_window = Some(window);
    }

    /// True while a corpus is loading.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// `URL/NAME` when the open corpus is read from an OpenSearch cluster.
    pub fn remote_location(&self) -> Option<&str> {
        self.remote_location.as_deref()
    }

    /// True while File ▸ Connect to cluster… is connecting.
    pub fn is_connecting(&self) -> bool {
        self.connect_window.as_ref().is_some_and(ConnectWindow::is_connecting)
    }

    /// Why the last connection to a cluster failed (shown in the connect window), if it did.
    pub fn connect_error(&self) -> Option<&str> {
        self.connect_window.as_ref().and_then(ConnectWindow::error)
    }

    /// How many stories the corpus tells once copies are found (0 before, or with no copies).
    pub fn story_count(&self) -> usize {
        if self.stories.copied_stories() > 0 { self.story_count } else { 0 }
    }

    /// Index into the corpus' articles of the selected article, if any.
    pub fn selected_article(&self) -> Option<usize> {
        self.selected
    }

    /// The article shown in the centre, if one is read.
    pub fn shown_article(&self) -> Option<&crate::article::Article> {
        self.shown().map(|shown| &shown.article)
    }

    fn shown(&self) -> Option<&ShownArticle> {
        match &self.article {
            ArticleSlot::Ready(shown) => Some(shown),
            _ => None,
        }
    }

    /// The selected statement of the shown article, as (canonical speaker, text).
    pub fn selected_statement(&self) -> Option<(String, String)> {
        let shown = self.shown()?;
        let statement = shown.statements.get(self.statement_focus.selected?)?;
        let speaker =
            statement.speaker.as_deref().map(|s| self.speaker_names.canonical(s).to_owned()).unwrap_or_default();
        Some((speaker, shown.article.text[statement.text.clone()].to_owned()))
    }

    /// The statement picked in All statements and the words around it in its article, once read.
    pub fn statement_in_context(&self) -> Option<&str> {
        self.statement_context.text()
    }

    /// The statement picked in All statements (index into `corpus.statements`).
    pub fn picked_statement(&self) -> Option<u32> {
        self.statement_context.statement
    }

    /// Statements listed in the corpus-wide view, as indices into `corpus.statements`.
    pub fn visible_statements(&self) -> &[u32] {
        &self.statements_view.visible
    }

    /// The chart of the current selection, computed now if it is out of date.
    pub fn chart(&mut self) -> Option<&crate::timeline::Chart> {
        if let Some(browse) = &self.browse {
            return browse.chart();
        }
        // Inputs are gathered (cloning the selection) only when the chart is out of date.
        if self.chart_view.is_counting() {
            let inputs = self.chart_inputs();
            self.chart_view.count_now(inputs);
        }
        self.chart_view.chart()
    }

    /// True while the chart is being counted in the background.
    pub fn is_charting(&self) -> bool {
        self.chart_view.is_counting()
    }

    fn chart_inputs(&self) -> ChartInputs {
        ChartInputs {
            corpus: self.corpus.clone(),
            names: self.speaker_names.clone(),
            articles: self.list.matching.clone(),
            request: self.state.chart.clone(),
            echoes: self.state.count_each_statement_once.then(|| self.echoes.clone()),
            topics: self.topics.clone(),
            topic_hits: self
                .topic_hits
                .iter()
                .filter_map(|(name, hits)| Some((name.clone(), hits.as_ref().ok()?.clone())))
                .collect(),
        }
    }

    /// The speaker × topic table of the current selection, computed now if it is out of date.
    pub fn topic_table(&mut self) -> Option<&super::chart_view::TopicTable> {
        self.chart();
        self.chart_view.table()
    }

    /// Where the centre of a chart bucket was last drawn.
    pub fn chart_bucket_position(&self, bucket: usize) -> Option<egui::Pos2> {
        self.chart_view.bucket_position(bucket)
    }

    /// True once the corpus files are watched for changes.
    pub fn is_watching(&self) -> bool {
        self.watcher.is_some()
    }

    /// True when files of the open corpus changed on disk since it was opened.
    pub fn has_disk_changes(&self) -> bool {
        self.watcher.as_ref().is_some_and(CorpusWatcher::has_changes)
    }

    /// The words of a statement of the corpus, once read for the All statements view.
    pub fn statement_text(&self, statement: u32) -> Option<&str> {
        self.statements_view.text_of(statement)
    }

    /// The message in the status bar (an error or a problem the user should know of), if any.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The toast shown now (where an export went, or why it failed), if any.
    pub fn toast(&self) -> Option<&str> {
        self.toast.as_ref().map(|(text, _)| text.as_str())
    }

    /// Rebuilds canonical speaker names after the statements or the user's edits changed.
    fn rebuild_speaker_names(&mut self) {
        self.speaker_names =
            SpeakerNames::build_with_roles(&self.found_speakers, &self.speaker_roles, &self.speaker_edits);
        self.has_stale_roles = true;
        self.statements_view.mark_changed();
        self.facets.mark_changed();
        self.chart_view.mark_changed();
        self.refresh_search_context();
    }

    /// Reads the roles of the speaker manager's speakers (the 500 with most statements, from 20 articles
    /// each) off this thread, while the manager is open and the names changed since they were read.
    fn list_speaker_roles(&mut self, ctx: &egui::Context) {
        if let Some(result) = self.role_listing.as_ref().and_then(Job::poll) {
            self.role_listing = None;
            self.listed_roles = Arc::new(result.unwrap_or_default());
        }
        let is_ready =
            self.loading.is_none() && self.role_listing.is_none() && !self.statements_view.speaker_counts.is_empty();
        if self.show_speakers && self.has_stale_roles && is_ready {
            self.has_stale_roles = false;
            let (corpus, names) = (self.corpus.clone(), self.speaker_names.clone());
            let speakers: Vec<String> =
                self.statements_view.speaker_counts.iter().take(500).map(|(name, _)| name.clone()).collect();
            self.role_listing =
                Some(Job::spawn("reading speakers' roles", ctx, move || corpus.roles_of(&names, &speakers, 20)));
        }
    }

    /// True while the speaker manager's roles are being read (or wait to be, with the manager open).
    pub fn is_reading_roles(&self) -> bool {
        self.role_listing.is_some() || (self.show_speakers && self.has_stale_roles)
    }

    /// True while the search index is being built.
    pub fn is_indexing(&self) -> bool {
        self.indexing.is_some()
    }

    /// True once the search index is ready.
    pub fn is_search_ready(&self) -> bool {
        self.search_context.is_some()
    }

    /// True while a search waits for the debounce or runs.
    pub fn is_searching(&self) -> bool {
        self.search_bar.is_busy() || self.topic_counting.is_some() || self.suggesting.is_some()
    }

    /// The current search error, if the query cannot run.
    pub fn search_error(&self) -> Option<String> {
        self.search_bar.error.as_ref().map(|e| e.to_string())
    }

    /// Starts building (or reopening) the search index of the loaded corpus, off the UI thread.
    fn start_indexing(&mut self, ctx: &egui::Context) {
        let corpus = self.corpus.clone();
        let folder =
            self.state.corpus_source.as_ref().and_then(crate::store::corpus_cache_dir).map(|d| d.join("search"));
        let progress = Arc::new(BuildProgress::default());
        let job_progress = progress.clone();
        let job = Job::spawn("indexing the corpus", ctx, move || match folder {
            Some(folder) => SearchIndex::open_or_build(&corpus, &folder, &job_progress),
            None => SearchIndex::build_in_memory(&corpus),
        });
        self.indexing = Some((job, progress));
    }

    /// Makes a new search context after the index, names or topics changed, and searches again.
    fn refresh_search_context(&mut self) {
        let Some(context) = &self.search_context else { return };
        self.search_context = Some(SearchContext {
            index: context.index.clone(),
            article_of_statement: context.article_of_statement.clone(),
            topics: Arc::new(self.topics.clone()),
            speakers: Arc::new(SpeakerLookup::new(&self.found_speakers, &self.speaker_names)),
        });
        self.search_bar.mark_changed();
        self.topic_counting = None;
        self.topic_hits.clear();
    }

    /// Counts what every topic matches, off the UI thread.
    fn start_topic_counting(&mut self, ctx: &egui::Context) {
        let Some(context) = self.search_context.clone() else { return };
        let names: Vec<String> = self.topics.topics.iter().map(|t| t.name.clone()).collect();
        self.topic_counting = Some(Job::spawn("counting topics", ctx, move || {
            names
                .into_iter()
                .map(|name| {
                    let hits = crate::search::topic_hits(&context.index, &name, &context.topics, &context.speakers);
                    (name, hits.map_err(|e| e.message))
                })
                .collect()
        }));
    }

    fn topics_path(&self) -> Option<PathBuf> {
        Some(self.data_dir()?.join(crate::store::TOPICS_FILE))
    }

    /// Where Dossier keeps what it saves about the open corpus, local or on a cluster.
    fn data_dir(&self) -> Option<PathBuf> {
        match (&self.state.corpus_source, &self.remote_location) {
            (Some(source), _) => crate::store::corpus_data_dir(source),
            (None, Some(location)) => crate::store::remote_data_dir(location),
            (None, None) => None,
        }
    }

    /// Saves the settings; a failure is shown, not fatal.
    pub fn save_settings(&mut self) {
        let Some(path) = crate::store::settings_path() else { return };
        if let Err(error) = crate::store::save_json(&path, &self.state) {
            self.message = Some(format!("Cannot save settings to {}: {error}", path.display()));
        }
    }

    fn save_topics(&mut self) {
        let Some(path) = self.topics_path() else { return };
        if let Err(error) = crate::store::save_json(&path, &self.topics) {
            self.message = Some(format!("Cannot save topics to {}: {error}", path.display()));
        }
    }

    /// Refilters the article list if due; the chart follows it. While the list waits for a pause in typing,
    /// asks for the frame that ends the wait, as no input may come to make one.
    fn rebuild_list(&mut self, ctx: &egui::Context) {
        let started = Instant::now();
        if self.list.rebuild_if_due(&self.corpus, &self.state, self.loading.is_some()) {
            self.chart_view.mark_changed();
            self.facets.mark_changed();
            self.rebuild_facets();
            self.list.rebuilt_in(started.elapsed());
        }
        if let Some(left) = self.list.waiting_for_typing_pause() {
            ctx.request_repaint_after(left);
        }
    }

    /// Recounts the facets, if shown and something changed.
    fn rebuild_facets(&mut self) {
        if self.state.show_facets {
            self.facets.rebuild_if_changed(
                &self.corpus,
                &self.speaker_names,
                &self.list.matching,
                &self.topics,
                &self.topic_hits,
            );
        }
    }

    /// Saves the speaker edits for this corpus, outside the corpus folder.
    fn save_speaker_edits(&mut self) {
        let Some(path) = self.speaker_edits_path() else { return };
        if let Err(error) = crate::store::save_json(&path, &self.speaker_edits) {
            self.message = Some(format!("Cannot save speaker changes to {}: {error}", path.display()));
        }
    }

    fn speaker_edits_path(&self) -> Option<PathBuf> {
        Some(self.data_dir()?.join(crate::store::SPEAKER_EDITS_FILE))
    }

    /// Reads the open corpus' saved speaker changes and topics; a damaged file is said, and not used.
    fn load_edits_and_topics(&mut self) {
        let (edits, problem) = match self.speaker_edits_path() {
            Some(path) => crate::store::load_json(&path),
            None => (SpeakerEdits::default(), None),
        };
        self.speaker_edits = edits;
        let (topics, topics_problem) = match self.topics_path() {
            Some(path) => crate::store::load_json(&path),
            None => (Topics::default(), None),
        };
        self.topics = topics;
        if let Some(problem) = problem.or(topics_problem) {
            self.message = Some(problem);
        }
    }

    /// The articles in the list as shown (filtered and sorted), as indices into `corpus.articles`.
    pub fn visible_articles(&self) -> &[u32] {
        &self.list.visible
    }

    /// Stops loading and lets go of the open corpus and everything computed from it.
    fn forget_corpus(&mut self) {
        if let Some(loading) = self.loading.take() {
            loading.job.cancel();
        }
        self.watcher = None;
        self.watching = None;
        self.remote_location = None;
        self.browse = None;
        // Roles still being read belong to the corpus let go of.
        self.role_weighing = None;
        self.speaker_roles = Default::default();
        let previous = std::mem::replace(&mut self.corpus, Arc::new(Corpus::default()));
        // Freeing a big corpus takes a while (0.4 s at 100,000 articles), so not on the UI thread.
        std::thread::spawn(move || drop(previous));
        self.list.forget_rows();
        self.date_summary = status_bar::DateSummary::default();
        self.selected = None;
        self.article = ArticleSlot::Empty;
        self.skipped_files = 0;
        self.message = None;
        self.statement_focus = StatementFocus::default();
        self.statements_view = StatementsView::default();
        self.statement_context.clear();
        self.chart_view = ChartView::default();
        self.list.period = None;
        self.list.search = None;
        if let Some((_, progress)) = self.indexing.take() {
            progress.cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        self.search_context = None;
        self.index_problem = None;
        self.search_bar = SearchBar::default();
        self.topic_hits.clear();
        self.topic_counting = None;
        self.suggestions = None;
        self.suggesting = None;
    }

    fn open(&mut self, ctx: &egui::Context, source: CorpusSource) {
        self.forget_corpus();
        // Watching starts before reading, so a change made while the files are read is not missed.
        let (watched, repaint) = (source.clone(), ctx.clone());
        self.watching = Some(Job::spawn("watching the corpus files", ctx, move || {
            CorpusWatcher::start(&watched, move || repaint.request_repaint())
        }));
        self.state.remember(&source);
        self.load_edits_and_topics();
        self.speaker_names = SpeakerNames::default();
        self.found_speakers.clear();
        let repaint = ctx.clone();
        let cache_file = crate::store::extraction_cache_file(&source);
        let job = loading::start_load(source, corpus::default_threads(), cache_file, move || repaint.request_repaint());
        self.loading = Some(Loading { job, started: Instant::now() });
        ctx.send_viewport_cmd(egui::ViewportCommand::Title(format!(
            "Dossier — {}",
            self.state.corpus_source.as_ref().map(CorpusSource::display_name).unwrap_or_default()
        )));
    }

    /// Replaces the open corpus with one read from a cluster: its metadata is in memory as a local corpus'
    /// is, its texts are fetched when shown or indexed, and nothing is watched or cached on disk.
    fn open_remote(&mut self, ctx: &egui::Context, connected: Connected) {
        self.forget_corpus();
        let location = connected.request.location();
        self.state.cluster_url = connected.request.target.base.clone();
        self.state.cluster_index = connected.request.target.name.clone();
        let (corpus, roles) = match connected.connection {
            Connection::Loaded { corpus, roles } => (corpus, roles),
            Connection::Browsing(remote) => {
                self.state.corpus_source = None;
                self.remote_location = Some(location.clone());
                // Its speaker changes were read with it, and applied on the server.
                self.load_edits_and_topics();
                self.browse = Some(BrowseView::new(Arc::new(remote), self.state.chart.clone()));
                ctx.send_viewport_cmd(egui::ViewportCommand::Title(format!("Dossier — {location}")));
                return;
            }
        };
        // No local source: speaker changes and topics are saved by the cluster's address and index; Refresh
        // and the next start do not reopen it.
        self.state.corpus_source = None;
        self.remote_location = Some(location.clone());
        self.load_edits_and_topics();
        self.speaker_names = SpeakerNames::default();
        self.corpus = Arc::new(corpus);
        self.list.mark_changed();
        self.statements_view.mark_changed();
        self.found_speakers = self.corpus.found_speakers();
        self.speaker_roles = roles;
        self.start_story_finding(ctx);
        self.rebuild_speaker_names();
        self.start_indexing(ctx);
        ctx.send_viewport_cmd(egui::ViewportCommand::Title(format!("Dossier — {location}")));
    }

    fn poll_jobs(&mut self, ctx: &egui::Context) {
        if let Some(connected) = self.connect_window.as_mut().and_then(ConnectWindow::poll) {
            self.connect_window = None;
            self.open_remote(ctx, connected);
        }
        if let Some(loading) = &self.loading {
            let deadline = Instant::now() + LOAD_POLL_BUDGET;
            let (mut is_finished, mut save_cache) = (false, false);
            while Instant::now() < deadline {
                let Ok(event) = loading.job.events.try_recv() else {
                    break;
                };
                match event {
                    LoadEvent::Listed(listing) => {
                        self.skipped_files = listing.skipped_files;
                        Arc::make_mut(&mut self.corpus).take_listing(listing);
                    }
                    LoadEvent::File(result) => Arc::make_mut(&mut self.corpus).add_file_result(result),
                    LoadEvent::Problem(problem) => Arc::make_mut(&mut self.corpus).problems.push(problem),
                    LoadEvent::Failed(message) => self.message = Some(message),
                    LoadEvent::Finished { cancelled, cache_is_stale } => {
                        is_finished = true;
                        save_cache = cache_is_stale && !cancelled;
                        if cancelled {
                            self.message = Some("Loading cancelled: the list shows the files read so far.".to_owned());
                        }
                    }
                }
            }
            if is_finished {
                self.loading = None;
                // File order, as the command line has it, so indices agree with a cached search index.
                let selected_key =
                    self.selected.map(|i| (self.corpus.articles[i].file_id, self.corpus.articles[i].record));
                if Arc::make_mut(&mut self.corpus).sort_articles() {
                    self.selected = selected_key
                        .and_then(|key| self.corpus.articles.iter().position(|a| (a.file_id, a.record) == key));
                    self.list.mark_changed();
                }
                self.statements_view.mark_changed();
                self.found_speakers = self.corpus.found_speakers();
                self.speaker_roles = Default::default();
                self.start_story_finding(ctx);
                self.rebuild_speaker_names();
                // Roles are read from the articles' files, off this thread; names are built again with them.
                let corpus = self.corpus.clone();
                self.role_weighing =
                    Some(Job::spawn("reading speakers' roles", ctx, move || corpus.found_speaker_roles()));
                self.start_indexing(ctx);
                if let (true, Some(path)) =
                    (save_cache, self.state.corpus_source.as_ref().and_then(crate::store::extraction_cache_file))
                {
                    let corpus = self.corpus.clone();
                    self.cache_saving = Some(Job::spawn("saving the cache", ctx, move || {
                        crate::cache::save(&corpus, &path)
                            .map_err(|e| format!("Cannot save the cache to {}: {e}", path.display()))
                    }));
                }
            } else {
                // Progress counters move without events while big files are read.
                ctx.request_repaint_after(Duration::from_millis(100));
            }
        }
        if let Some(result) = self.watching.as_ref().and_then(Job::poll) {
            self.watching = None;
            // Without a watcher the corpus can still be refreshed by hand (F5).
            self.watcher = result.and_then(|started| started).ok();
        }
        if let Some(result) = self.story_finding.as_ref().and_then(Job::poll) {
            self.story_finding = None;
            if let Ok((stories, echoes)) = result {
                self.echoes = Arc::new(echoes);
                self.story_count = stories.story_count();
                self.stories = Arc::new(stories);
                self.apply_story_counting();
            }
        }
        if let Some(result) = self.role_weighing.as_ref().and_then(Job::poll) {
            self.role_weighing = None;
            if let Ok(roles) = result {
                self.speaker_roles = roles;
                self.rebuild_speaker_names();
            }
        }
        if let Some(result) = self.cache_saving.as_ref().and_then(Job::poll) {
            self.cache_saving = None;
            if let Err(message) = result.and_then(|saved| saved) {
                self.message = Some(message);
            }
        }
        self.rebuild_list(ctx);
        if self.selected.is_none() && !self.list.visible.is_empty() && self.loading.is_none() {
            self.commands.push(Command::SelectRow(0));
        }
        if let Some((purpose, job)) = &self.dialog
            && let Some(result) = job.poll()
        {
            let purpose = *purpose;
            self.dialog = None;
            match result {
                Ok(Ok(Some(path))) => self.commands.push(Command::UsePath { purpose, path }),
                Ok(Ok(None)) => {}
                Ok(Err(reason)) => {
                    let start = self.dialog_start(purpose).map(|p| p.display().to_string()).unwrap_or_default();
                    self.path_prompt = Some(PathPrompt::new(purpose, start, Some(reason)));
                }
                Err(message) => self.message = Some(message),
            }
        }
        if let Some((job, _)) = &self.indexing
            && let Some(result) = job.poll()
        {
            self.indexing = None;
            match result.and_then(|r| r) {
                Ok(index) => {
                    let article_of_statement = self.corpus.statements.iter().map(|s| s.article).collect();
                    self.search_context = Some(SearchContext {
                        index: Arc::new(index),
                        article_of_statement: Arc::new(article_of_statement),
                        topics: Arc::new(Topics::default()),
                        speakers: Arc::new(SpeakerLookup::default()),
                    });
                    self.refresh_search_context();
                }
                Err(message) => self.index_problem = Some(format!("Search is unavailable: {message}")),
            }
        }
        if self.search_bar.poll(ctx, &self.state, self.search_context.as_ref()) {
            self.list.search = self.search_bar.hits.as_ref().map(|h| h.articles.clone());
            self.statements_view.search = self.search_bar.hits.as_ref().map(|h| h.statements.clone());
            self.list.mark_changed();
            self.statements_view.mark_changed();
            self.search_generation += 1;
        }
        self.update_matches();
        if self.search_context.is_some()
            && self.topic_counting.is_none()
            && self.topic_hits.is_empty()
            && !self.topics.topics.is_empty()
        {
            self.start_topic_counting(ctx);
        }
        if let Some(job) = &self.topic_counting
            && let Some(result) = job.poll()
        {
            self.topic_counting = None;
            match result {
                Ok(hits) => self.topic_hits = hits,
                Err(message) => self.message = Some(message),
            }
            self.chart_view.mark_changed();
            self.facets.mark_changed();
        }
        if let Some(job) = &self.suggesting
            && let Some(result) = job.poll()
        {
            self.suggesting = None;
            match result {
                Ok(topics) => self.suggestions = Some(topics),
                Err(message) => self.message = Some(message),
            }
        }
        self.poll_pending_now();
        self.statements_view.rebuild_if_changed(&self.corpus, &self.speaker_names, &self.found_speakers);
    }

    /// Finds the search's words in the shown article, when the article or the results changed.
    fn update_matches(&mut self) {
        let ArticleSlot::Ready(shown) = &self.article else { return };
        let Some(selected) = self.selected else { return };
        let key = (selected, self.search_generation);
        if self.matches_key == Some(key) {
            return;
        }
        self.matches_key = Some(key);
        let topics = &self.topics;
        let node = (!self.state.search.trim().is_empty())
            .then(|| crate::search::query::parse(&self.state.search, &|name| topics.query_of(name)).ok())
            .flatten();
        // An article the search left out shows no matches: its words may occur in it (`troops -Iraq`), but it
        // does not match.
        let article_id = selected as u32;
        let is_outside_results = self.search_bar.hits.as_ref().is_some_and(|hits| !hits.articles.contains(&article_id));
        let ranges = match node {
            Some(node) if !is_outside_results => crate::search::match_ranges(&shown.article.text, &node),
            _ => Vec::new(),
        };
        let matching_statements = self.matching_statements(selected);
        self.matches = MatchFocus { current: None, scroll: false, ranges, is_outside_results, matching_statements };
    }

    /// With "Statements matching", where the matching statements of an article start. An article's statements
    /// lie together in the corpus, and hits come in order, so both are found by binary search.
    fn matching_statements(&self, article_index: usize) -> Option<Vec<usize>> {
        if self.state.search_scope != Scope::Statements {
            return None;
        }
        let hits = self.search_bar.hits.as_ref()?;
        let statements = &self.corpus.statements;
        let first = statements.partition_point(|s| (s.article as usize) < article_index) as u32;
        let end = statements.partition_point(|s| (s.article as usize) <= article_index) as u32;
        let from = hits.statements.partition_point(|&i| i < first);
        let to = hits.statements.partition_point(|&i| i < end);
        Some(hits.statements[from..to].iter().map(|&i| statements[i as usize].text[0] as usize).collect())
    }

    /// The search matches in the shown article, and the current one.
    pub fn article_matches(&self) -> &MatchFocus {
        &self.matches
    }

    /// Writes an export to the file the user chose, and says where it went.
    /// Adds the topics of a codebook file to the corpus' topics (same names are replaced).
    fn import_topics(&mut self, path: &std::path::Path) {
        match std::fs::read_to_string(path).map_err(|e| e.to_string()).and_then(|t| Topics::from_json(&t)) {
            Ok(imported) => {
                let mut topics = self.topics.clone();
                for topic in imported.topics {
                    topics.topics.retain(|t| !t.name.eq_ignore_ascii_case(&topic.name));
                    topics.topics.push(topic);
                }
                self.commands.push(Command::SetTopics(topics));
                self.toast = Some((format!("Imported topics from {}", path.display()), Instant::now()));
            }
            Err(error) => self.toast = Some((format!("Cannot import {}: {error}", path.display()), Instant::now())),
        }
    }

    /// Where a dialog for `purpose` starts: beside the last corpus opened, or in the last export's folder;
    /// absolute, as a path typed on the command line may not be.
    fn dialog_start(&self, purpose: PathPurpose) -> Option<PathBuf> {
        let start = match purpose {
            PathPurpose::OpenCorpus => self.state.recent.iter().find_map(|s| match s {
                CorpusSource::Folder(folder) => folder.parent().map(PathBuf::from),
                CorpusSource::Files(_) => None,
            }),
            PathPurpose::ImportTopics | PathPurpose::Export(_) => self.state.export_folder.clone(),
        };
        start.map(|path| std::path::absolute(&path).unwrap_or(path))
    }

    /// Shows the system's file dialog for `purpose` on a thread of its own; one at a time.
    fn ask_for_path(&mut self, ctx: &egui::Context, purpose: PathPurpose) {
        if self.dialog.is_some() {
            return;
        }
        let dialogs = self.dialogs.clone();
        let start = self.dialog_start(purpose);
        let job = Job::spawn("choosing a path", ctx, move || match purpose {
            PathPurpose::OpenCorpus => dialogs.pick_folder(start.as_deref()),
            PathPurpose::ImportTopics => dialogs.open_file(start.as_deref(), ("JSON codebook", "json")),
            PathPurpose::Export(kind) => {
                let (file_name, description, extension) = kind.suggestion();
                let file_name = crate::store::unused_file_name(start.as_deref(), file_name);
                dialogs.save_file(start.as_deref(), &file_name, (description, extension))
            }
        });
        self.dialog = Some((purpose, job));
    }

    /// The path shown in a dialog whose answer was `path`, or typed, is put to its use.
    fn use_path(&mut self, purpose: PathPurpose, path: PathBuf) {
        match purpose {
            PathPurpose::OpenCorpus => self.commands.push(Command::Open(CorpusSource::from_path(&path))),
            PathPurpose::ImportTopics => self.import_topics(&path),
            PathPurpose::Export(kind) => self.export(kind, path),
        }
    }

    /// Whether a window for typing a path is shown.
    pub fn is_asking_for_a_path(&self) -> bool {
        self.path_prompt.is_some()
    }

    fn export(&mut self, kind: ExportKind, mut path: PathBuf) {
        let (_, _, extension) = kind.suggestion();
        let has_extension = path.extension().is_some_and(|e| e.eq_ignore_ascii_case(extension));
        if !has_extension {
            path.set_extension(extension);
        }
        let result = match kind {
            ExportKind::Chart(_) => {
                let size = self.state.chart_size;
                let context = export::ChartContext {
                    corpus: (self.state.corpus_source.as_ref().map(CorpusSource::display_name))
                        .or_else(|| self.remote_location.clone())
                        .unwrap_or_default(),
                    filter: Some(self.state.filter.clone()).filter(|f| !f.is_empty()),
                    period: self.list.period.map(|(from, to)| (from.to_string(), to.to_string())),
                };
                match self.chart() {
                    Some(chart) => export::write_chart(chart, &path, size, &context),
                    None => Err("there is no chart to export yet".to_owned()),
                }
            }
            ExportKind::Statements(format) => export::write_list_file(&path, |out| {
                let visible = self.statements_view.visible.iter().copied();
                let echoes = crate::duplicates::Echoes::find(&self.corpus, &self.speaker_names);
                export::write_statements(out, &self.corpus, &self.speaker_names, &echoes, visible, format)
            })
            .map(|()| vec![path.clone()]),
            ExportKind::Articles => export::write_list_file(&path, |out| {
                export::write_articles(
                    out,
                    &self.corpus,
                    &self.stories,
                    self.list.visible.iter().copied(),
                    ListFormat::Csv,
                )
            })
            .map(|()| vec![path.clone()]),
            ExportKind::Topics => crate::store::save_json(&path, &self.topics)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))
                .map(|()| vec![path.clone()]),
        };
        let notice = match result {
            Ok(written) => {
                self.state.export_folder = path.parent().map(PathBuf::from);
                let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
                format!("Saved {}", names.join(" and "))
            }
            Err(error) => format!("Export failed: {error}"),
        };
        self.toast = Some((notice, Instant::now()));
    }

    fn keyboard(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let open = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
        let open_path = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
        let find = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
        let quit = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);
        let is_typing = ctx.text_edit_focused();
        ctx.input_mut(|input| {
            // The longer shortcut first: Ctrl+O would also match Ctrl+Shift+O.
            if input.consume_shortcut(&open_path) {
                self.commands.push(Command::TypePath(PathPurpose::OpenCorpus));
            }
            if input.consume_shortcut(&open) {
                self.commands.push(Command::PickFolder);
            }
            if input.consume_shortcut(&find) {
                self.focus_filter = true;
            }
            if input.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::K)) {
                self.search_bar.focus = true;
            }
            if input.consume_shortcut(&KeyboardShortcut::new(Modifiers::SHIFT, Key::F3)) {
                self.commands.push(Command::StepMatch(-1));
            }
            if input.consume_shortcut(&KeyboardShortcut::new(Modifiers::NONE, Key::F3)) {
                self.commands.push(Command::StepMatch(1));
            }
            if input.consume_shortcut(&KeyboardShortcut::new(Modifiers::NONE, Key::F5)) {
                self.commands.push(Command::Refresh);
            }
            if input.consume_shortcut(&quit) {
                self.commands.push(Command::Quit);
            }
            if input.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Num4)) {
                self.commands.push(Command::ShowStatementsPanel(!self.state.show_statements_panel));
            }
            for (tab, _, key) in CENTRAL_TABS {
                if input.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, key)) {
                    self.commands.push(Command::ShowTab(tab));
                }
            }
            // Enter opens the statement picked in All statements, unless a text field takes it.
            if self.state.tab == CentralTab::Statements && !is_typing && input.consume_key(Modifiers::NONE, Key::Enter)
            {
                self.commands.push(Command::OpenPreviewedStatement);
            }
            // Arrows move through the list (on All statements, its rows) even from the filter box; letters
            // only when nobody is typing.
            let moves = [
                (Key::ArrowDown, 1, true),
                (Key::ArrowUp, -1, true),
                (Key::PageDown, 20, true),
                (Key::PageUp, -20, true),
                (Key::J, 1, false),
                (Key::K, -1, false),
            ];
            for (key, step, works_while_typing) in moves {
                if (works_while_typing || !is_typing) && input.consume_key(Modifiers::NONE, key) {
                    self.commands.push(Command::MoveSelection(step));
                }
            }
        });
    }

    fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_owned()).collect());
        match dropped.as_slice() {
            [] => {}
            [single] if single.is_dir() => self.commands.push(Command::Open(CorpusSource::Folder(single.clone()))),
            _ => self.commands.push(Command::Open(CorpusSource::Files(dropped))),
        }
    }

    fn apply_commands(&mut self, ctx: &egui::Context) {
        for command in std::mem::take(&mut self.commands) {
            match command {
                Command::PickFolder => self.ask_for_path(ctx, PathPurpose::OpenCorpus),
                Command::TypePath(purpose) => {
                    let start = self.dialog_start(purpose).map(|p| p.display().to_string()).unwrap_or_default();
                    self.path_prompt = Some(PathPrompt::new(purpose, start, None));
                }
                Command::UsePath { purpose, path } => self.use_path(purpose, path),
                Command::Open(source) => self.open(ctx, source),
                Command::Refresh => {
                    if let Some(source) = self.state.corpus_source.clone() {
                        self.open(ctx, source);
                    }
                }
                Command::ShowConnect => {
                    if self.connect_window.is_none() {
                        self.connect_window =
                            Some(ConnectWindow::new(&self.state.cluster_url, &self.state.cluster_index));
                    }
                }
                Command::Connect(request) => {
                    if let Some(window) = &mut self.connect_window {
                        window.start(ctx, request);
                    }
                }
                Command::CancelLoad => {
                    if let Some(loading) = &self.loading {
                        loading.job.cancel();
                    }
                }
                Command::SelectRow(row) => self.select_row(ctx, row),
                Command::MoveSelection(step) if self.state.tab == CentralTab::Statements => {
                    let visible = &self.statements_view.visible;
                    let current = self.statement_context.statement.and_then(|s| visible.iter().position(|&v| v == s));
                    let last = visible.len().saturating_sub(1) as isize;
                    let row = current.map_or(0, |r| (r as isize + step).clamp(0, last)) as usize;
                    if let Some(&statement) = visible.get(row) {
                        self.statement_context.show(ctx, &self.corpus, statement);
                        self.statements_view.scroll_to_row = Some(row);
                    }
                }
                Command::MoveSelection(step) => {
                    let current = self.selected.and_then(|s| self.list.row_of(s));
                    let last = self.list.visible.len().saturating_sub(1) as isize;
                    let row = current.map_or(0, |r| (r as isize + step).clamp(0, last)) as usize;
                    self.select_row(ctx, row);
                    self.list.scroll_to_row(row);
                }
                Command::SortBy(key) => {
                    if self.state.sort == key {
                        self.state.sort_descending = !self.state.sort_descending;
                    } else {
                        self.state.sort = key;
                        self.state.sort_descending = key == super::SortKey::Date;
                    }
                    self.list.mark_changed();
                    self.rebuild_list(ctx);
                    if let Some(row) = self.selected.and_then(|s| self.list.row_of(s)) {
                        self.list.scroll_to_row(row);
                    }
                }
                Command::FilterChanged => {
                    self.list.filter_typed();
                    self.rebuild_list(ctx);
                }
                Command::ShowProblems(show) => self.show_problems = show,
                Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
                Command::SelectStatement(index) => {
                    self.statement_focus = StatementFocus { selected: Some(index), scroll: true }
                }
                Command::PreviewStatement(index) => self.statement_context.show(ctx, &self.corpus, index),
                Command::OpenPreviewedStatement => {
                    if let Some(index) = self.statement_context.statement {
                        self.open_statement(ctx, index);
                    }
                }
                Command::OpenStatement(index) => self.open_statement(ctx, index),
                Command::ShowTab(tab) => match &mut self.browse {
                    Some(browse) => browse.show_tab(match tab {
                        CentralTab::Article => BrowseTab::Articles,
                        CentralTab::Statements => BrowseTab::Statements,
                        CentralTab::Chart => BrowseTab::Chart,
                    }),
                    None => self.state.tab = tab,
                },
                Command::FilterSpeaker(speaker) => {
                    self.statements_view.speaker_filter = speaker;
                    self.statements_view.mark_changed();
                }
                Command::ShowSpeakers(show) => self.show_speakers = show,
                Command::MergeSpeakers { names, into } => {
                    for name in names.iter().filter(|n| **n != into) {
                        // Every variant under the merged name moves with it.
                        for variant in self.speaker_names.variants(name, &self.found_speakers) {
                            self.speaker_edits.merges.insert(variant.to_owned(), into.clone());
                            self.speaker_edits.kept_apart.remove(variant);
                        }
                        self.speaker_edits.merges.insert(name.clone(), into.clone());
                    }
                    self.rebuild_speaker_names();
                    self.save_speaker_edits();
                }
                Command::RenameSpeaker { from, to } => {
                    self.speaker_edits.renames.retain(|_, v| *v != from);
                    let root = self
                        .speaker_names
                        .variants(&from, &self.found_speakers)
                        .into_iter()
                        .find(|v| self.speaker_edits.merges.get(*v).is_none())
                        .map(str::to_owned)
                        .unwrap_or(from.clone());
                    self.speaker_edits.renames.insert(root, to);
                    self.rebuild_speaker_names();
                    self.save_speaker_edits();
                }
                Command::SplitSpeaker(variant) => {
                    self.speaker_edits.merges.remove(&variant);
                    self.speaker_edits.kept_apart.insert(variant);
                    self.rebuild_speaker_names();
                    self.save_speaker_edits();
                }
                Command::SetChart(request) => {
                    self.state.chart = request;
                    self.chart_view.mark_changed();
                }
                Command::ChartSpeaker { name, is_shown } => {
                    // Top-N series become the names they stand for, so one can be taken off or added to.
                    let mut names: Vec<String> = self
                        .chart()
                        .map(|c| c.series.iter().filter(|s| !s.is_topic).map(|s| s.name.clone()).collect())
                        .unwrap_or_default();
                    names.retain(|n| *n != name);
                    if is_shown {
                        names.push(name);
                        self.state.tab = CentralTab::Chart;
                    }
                    let topics = self
                        .state
                        .chart
                        .series
                        .iter()
                        .filter(|s| matches!(s, SeriesSpec::Topic(_) | SeriesSpec::UnnamedSources))
                        .cloned();
                    let speakers = names.into_iter().map(SeriesSpec::Speaker);
                    self.state.chart.series = speakers.chain(topics.collect::<Vec<_>>()).collect();
                    self.chart_view.mark_changed();
                }
                Command::FilterPeriod(period) => {
                    self.set_period(ctx, period);
                    if let Some(row) = self.selected.and_then(|s| self.list.row_of(s)) {
                        self.list.scroll_to_row(row);
                    } else if !self.list.visible.is_empty() {
                        let before = self.selected.take();
                        self.select_row(ctx, 0);
                        self.list.scroll_to_row(0);
                        self.opened_by_period = self.selected.map(|opened| (before, opened));
                    }
                }
                Command::UndoPeriodPick => {
                    let opened = self.opened_by_period.take().filter(|&(_, opened)| self.selected == Some(opened));
                    self.set_period(ctx, None);
                    if let Some((before, _)) = opened {
                        // Nothing else was read since: the article the pick opened is closed again.
                        self.selected = None;
                        self.article = ArticleSlot::Empty;
                        if let Some(row) = before.and_then(|b| self.list.row_of(b)) {
                            self.select_row(ctx, row);
                        }
                    }
                    if let Some(row) = self.selected.and_then(|s| self.list.row_of(s)) {
                        self.list.scroll_to_row(row);
                    }
                }
                Command::SearchChanged => self.search_bar.mark_changed(),
                Command::SetSearchScope(scope) => {
                    self.state.search_scope = scope;
                    self.search_bar.mark_changed();
                }
                Command::ShowTopics(show) => self.show_topics = show,
                Command::SetTopics(topics) => {
                    self.topics = topics;
                    self.save_topics();
                    self.refresh_search_context();
                    self.chart_view.mark_changed();
                }
                Command::StepMatch(step) => {
                    let count = self.matches.ranges.len() as isize;
                    if count > 0 {
                        let next = match self.matches.current {
                            Some(current) => (current as isize + step).rem_euclid(count),
                            None if step > 0 => 0,
                            None => count - 1,
                        };
                        self.matches.current = Some(next as usize);
                        self.matches.scroll = true;
                        self.state.tab = CentralTab::Article;
                    }
                }
                Command::ToggleClause { field, clause } => {
                    self.state.search = crate::search::clauses::toggle(&self.state.search, &field, &clause);
                    self.search_bar.mark_changed();
                }
                Command::AddToQuery(clause) => {
                    let current = self.state.search.trim();
                    self.state.search = if current.is_empty() { clause } else { format!("{current} {clause}") };
                    self.search_bar.mark_changed();
                }
                Command::ShowFacets(show) => self.state.show_facets = show,
                Command::ShowStatementsPanel(show) => self.state.show_statements_panel = show,
                Command::FindStatements(query) => {
                    self.state.search = query;
                    self.state.search_scope = crate::search::Scope::Statements;
                    self.state.tab = CentralTab::Statements;
                    self.search_bar.mark_changed();
                }
                Command::CountEachStoryOnce(once) => {
                    self.state.count_each_story_once = once;
                    self.apply_story_counting();
                }
                Command::CountEachStatementOnce(once) => {
                    self.state.count_each_statement_once = once;
                    self.chart_view.mark_changed();
                }
                Command::SetCopyThreshold { threshold, find_again } => {
                    self.state.copy_threshold = threshold;
                    if find_again && self.loading.is_none() {
                        self.start_story_finding(ctx);
                    }
                }
                Command::ShowStatementsFor { speaker, topic } => {
                    let quoted = |text: &str| format!("\"{}\"", text.replace('"', ""));
                    self.state.search = format!("speaker:{} AND topic:{}", quoted(&speaker), quoted(&topic));
                    self.state.search_scope = Scope::Statements;
                    self.state.tab = CentralTab::Statements;
                    self.search_bar.mark_changed();
                    // The query names the speaker: an older speaker filter would hide what was asked for.
                    self.statements_view.speaker_filter = None;
                    self.statements_view.mark_changed();
                }
                Command::SuggestTopics => {
                    if self.suggesting.is_none() {
                        let corpus = self.corpus.clone();
                        // Speakers have their own views; topics are what they speak about.
                        let speakers: Vec<String> =
                            self.statements_view.speaker_counts.iter().map(|(name, _)| name.to_lowercase()).collect();
                        self.suggesting = Some(Job::spawn("suggesting topics", ctx, move || {
                            let texts = corpus
                                .articles
                                .iter()
                                .take(crate::suggest::SAMPLE_LIMIT)
                                .filter_map(|meta| corpus.read_article(meta).ok())
                                .map(|article| article.body_text());
                            let texts: Vec<String> = texts.collect();
                            crate::suggest::suggest_topics(texts.iter().map(String::as_str), &speakers, 20)
                        }));
                    }
                }
                Command::AddTopic(topic) => {
                    let mut topics = self.topics.clone();
                    topics.topics.retain(|t| !t.name.eq_ignore_ascii_case(&topic.name));
                    topics.topics.push(topic);
                    self.commands.push(Command::SetTopics(topics));
                }
                Command::ImportTopics => self.ask_for_path(ctx, PathPurpose::ImportTopics),
                Command::ChartTopic { name, is_shown } => {
                    self.state.chart.series.retain(|s| *s != SeriesSpec::Topic(name.clone()));
                    if let Some(browse) = &mut self.browse {
                        browse.chart_topic(ctx, &name, is_shown);
                    }
                    if is_shown {
                        self.state.chart.series.push(SeriesSpec::Topic(name));
                        self.state.tab = CentralTab::Chart;
                    }
                    self.chart_view.mark_changed();
                }
                Command::Export(kind) => self.ask_for_path(ctx, PathPurpose::Export(kind)),
            }
        }
    }

    /// For each statement of the shown article, where else it was said ("also in 7 articles, 5 outlets,
    /// first on 2021-04-12 in Press TV"), if it was.
    fn echo_lines(&self, shown: &ShownArticle) -> Vec<Option<String>> {
        let meta = &shown.article.meta;
        let key = (meta.file_id, meta.record);
        let Ok(article) = self.corpus.articles.binary_search_by_key(&key, |a| (a.file_id, a.record)) else {
            return Vec::new();
        };
        // The corpus keeps statements in article order: this article's are one run of them.
        let statements = &self.corpus.statements;
        let start = statements.partition_point(|s| (s.article as usize) < article);
        let end = statements.partition_point(|s| (s.article as usize) <= article);
        shown
            .statements
            .iter()
            .map(|statement| {
                let index = (start..end).find(|&i| statements[i].text[0] as usize == statement.text.start)?;
                let echo = self.echoes.echo(&self.corpus, index as u32).filter(|e| e.articles > 1)?;
                let first = match (echo.first_date, echo.first_outlet.as_deref()) {
                    (Some(date), Some(outlet)) => format!(", first on {date} in {outlet}"),
                    (Some(date), None) => format!(", first on {date}"),
                    (None, Some(outlet)) => format!(", first in {outlet}"),
                    (None, None) => String::new(),
                };
                let others = counts::counted(echo.articles - 1, "other article", "other articles");
                Some(format!("also in {others}, {}{first}", counts::counted(echo.outlets, "outlet", "outlets")))
            })
            .collect()
    }

    /// Opens a statement's article on the Article tab, with the statement selected.
    fn open_statement(&mut self, ctx: &egui::Context, index: u32) {
        let Some(statement) = self.corpus.statements.get(index as usize) else { return };
        let article_index = statement.article as usize;
        self.pending_statement = Some(statement.text[0] as usize);
        self.state.tab = CentralTab::Article;
        // The article may be filtered out of the list: clear the filter so it can be shown there.
        if self.list.row_of(article_index).is_none() {
            self.state.filter.clear();
            self.list.period = None;
            self.list.mark_changed();
            self.rebuild_list(ctx);
        }
        if let Some(row) = self.list.row_of(article_index) {
            if self.selected == Some(article_index) {
                // Already shown: select the statement now.
                self.poll_pending_now();
            } else {
                self.select_row(ctx, row);
            }
            self.list.scroll_to_row(row);
        }
    }

    /// Finds copies of stories and echoes of statements again, off this thread: linear in the articles, but
    /// 0.2 s at 100,000. Until they are found every article counts as a story of its own.
    fn start_story_finding(&mut self, ctx: &egui::Context) {
        let (corpus, threshold) = (self.corpus.clone(), self.state.copy_threshold.clamp(0.05, 1.0));
        let names = self.speaker_names.clone();
        self.stories = Default::default();
        self.echoes = Default::default();
        self.apply_story_counting();
        self.story_finding = Some(Job::spawn("finding copies of stories", ctx, move || {
            let stories = crate::duplicates::Stories::find(&corpus, threshold);
            (stories, crate::duplicates::Echoes::find(&corpus, &names))
        }));
    }

    /// What the copy switches show now.
    fn copy_counting(&self) -> copies::CopyCounting {
        copies::CopyCounting {
            stories: self.story_count,
            has_copies: self.stories.copied_stories() > 0,
            each_story_once: self.state.count_each_story_once,
            each_statement_once: self.state.count_each_statement_once,
        }
    }

    /// Lists, counts and charts each story once, or every copy, as the setting says: the list keeps a
    /// story's first listed copy (so the chart and the filters count it once), All statements the
    /// statements of a story's first copy.
    fn apply_story_counting(&mut self) {
        let once = self.state.count_each_story_once;
        self.list.stories = once.then(|| self.stories.clone());
        self.statements_view.kept_articles = once.then(|| {
            let kept = (0..self.corpus.articles.len() as u32).map(|a| self.stories.copy_of(a).is_none());
            Arc::new(kept.collect())
        });
        self.list.mark_changed();
        self.statements_view.mark_changed();
        self.chart_view.mark_changed();
        self.facets.mark_changed();
    }

    /// Lists only the articles and statements of a period (`None`: all dates).
    fn set_period(&mut self, ctx: &egui::Context, period: Option<(chrono::NaiveDate, chrono::NaiveDate)>) {
        self.list.period = period;
        self.list.mark_changed();
        // The chart counts the selection without the period, so it does not change.
        self.rebuild_list(ctx);
        self.statements_view.period = period;
        self.statements_view.mark_changed();
    }

    fn select_row(&mut self, ctx: &egui::Context, row: usize) {
        let Some(&article_index) = self.list.visible.get(row) else {
            return;
        };
        let article_index = article_index as usize;
        if self.selected == Some(article_index) {
            return;
        }
        self.selected = Some(article_index);
        self.statement_focus = StatementFocus::default();
        let meta = self.corpus.articles[article_index].clone();
        let root = self.corpus.root.clone();
        let entry = self.corpus.files[meta.file_id as usize].clone();
        // The text source, not the whole corpus: a job holding the corpus would make loading copy it.
        let texts = self.corpus.texts.clone();
        self.article = ArticleSlot::Loading(Job::spawn("reading an article", ctx, move || {
            corpus::read_article_from(texts.as_deref(), &root, &entry, &meta).map(|article| {
                // The budget of reading the corpus: an article cut then is cut here too, instead of holding its job.
                let deadline = crate::statements::time_budget().map(|b| Instant::now() + b);
                let statements = crate::statements::extract_until(&article, deadline).statements;
                ShownArticle { article, statements }
            })
        }));
    }

    /// Selects the pending statement once its article is shown.
    fn poll_pending_now(&mut self) {
        self.article.poll();
        if let (Some(start), ArticleSlot::Ready(shown)) = (self.pending_statement, &self.article) {
            self.pending_statement = None;
            let index = shown.statements.iter().position(|s| s.text.start == start);
            self.statement_focus = StatementFocus { selected: index, scroll: index.is_some() };
        }
    }

    fn menu_bar_ui(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui
                    .add(egui::Button::new("Open folder…").shortcut_text(
                        ui.ctx().format_shortcut(&egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::O)),
                    ))
                    .clicked()
                {
                    self.commands.push(Command::PickFolder);
                }
                if ui
                    .add(egui::Button::new("Open path…").shortcut_text(ui.ctx().format_shortcut(
                        &egui::KeyboardShortcut::new(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::O),
                    )))
                    .on_hover_text("Type or paste the path of a folder or file of articles")
                    .clicked()
                {
                    self.commands.push(Command::TypePath(PathPurpose::OpenCorpus));
                }
                if ui
                    .button("Connect to cluster…")
                    .on_hover_text("Open a corpus sent to OpenSearch with dossier index PATH --to URL/NAME")
                    .clicked()
                {
                    self.commands.push(Command::ShowConnect);
                }
                let refresh = egui::Button::new("Refresh").shortcut_text(
                    ui.ctx().format_shortcut(&egui::KeyboardShortcut::new(egui::Modifiers::NONE, egui::Key::F5)),
                );
                if ui
                    .add_enabled(self.state.corpus_source.is_some(), refresh)
                    .on_hover_text("Read the corpus again: changed files are read, the rest comes from the cache")
                    .clicked()
                {
                    self.commands.push(Command::Refresh);
                }
                ui.menu_button("Export", |ui| {
                    let items = [
                        ("Chart as PNG…", ExportKind::Chart(ChartFormat::Png)),
                        ("Chart as SVG…", ExportKind::Chart(ChartFormat::Svg)),
                        ("Chart data as CSV…", ExportKind::Chart(ChartFormat::Csv)),
                        ("Statements as CSV…", ExportKind::Statements(ListFormat::Csv)),
                        ("Statements as JSON lines…", ExportKind::Statements(ListFormat::Jsonl)),
                        ("Article list as CSV…", ExportKind::Articles),
                    ];
                    for (label, kind) in items {
                        if ui.add_enabled(!self.corpus.articles.is_empty(), egui::Button::new(label)).clicked() {
                            self.commands.push(Command::Export(kind));
                        }
                    }
                    ui.separator();
                    ui.horizontal(|ui| {
                        ui.label("Image size:");
                        let (width, height) = &mut self.state.chart_size;
                        ui.add(egui::DragValue::new(width).range(100..=export::MAX_SIDE).suffix(" px"))
                            .on_hover_text("Width of exported chart images");
                        ui.label("×");
                        ui.add(egui::DragValue::new(height).range(100..=export::MAX_SIDE).suffix(" px"))
                            .on_hover_text("Height of exported chart images");
                    });
                });
                ui.menu_button("Recent", |ui| {
                    if self.state.recent.is_empty() {
                        ui.weak("Nothing opened yet");
                    }
                    for source in &self.state.recent {
                        if ui.button(source.display_name()).clicked() {
                            self.commands.push(Command::Open(source.clone()));
                        }
                    }
                });
                ui.separator();
                if ui
                    .add(egui::Button::new("Quit").shortcut_text(
                        ui.ctx().format_shortcut(&egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Q)),
                    ))
                    .clicked()
                {
                    self.commands.push(Command::Quit);
                }
            });
            ui.menu_button("View", |ui| {
                for (tab, label, key) in CENTRAL_TABS {
                    let shortcut = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, key);
                    let button = egui::Button::new(label).shortcut_text(ui.ctx().format_shortcut(&shortcut));
                    if ui.add(button).clicked() {
                        self.commands.push(Command::ShowTab(tab));
                    }
                }
                let panel_shortcut = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Num4);
                let panel_label =
                    if self.state.show_statements_panel { "Hide statements panel" } else { "Statements panel" };
                let panel_button =
                    egui::Button::new(panel_label).shortcut_text(ui.ctx().format_shortcut(&panel_shortcut));
                if ui.add(panel_button).clicked() {
                    self.commands.push(Command::ShowStatementsPanel(!self.state.show_statements_panel));
                }
                let counting = self.copy_counting();
                ui.menu_button("Copies", |ui| {
                    copies::copies_menu_ui(ui, counting, self.state.copy_threshold, &mut self.commands);
                });
                if ui.button("Speakers…").clicked() {
                    self.commands.push(Command::ShowSpeakers(true));
                }
                if ui.button("Topics…").clicked() {
                    self.commands.push(Command::ShowTopics(true));
                }
                if ui.button(if self.state.show_facets { "Hide filters" } else { "Filters" }).clicked() {
                    self.commands.push(Command::ShowFacets(!self.state.show_facets));
                }
                ui.separator();
                if ui.button(format!("Problems ({})", self.corpus.problems.len())).clicked() {
                    self.commands.push(Command::ShowProblems(true));
                }
            });
            // A browsed corpus draws its own tabs (the article list in place of one article).
            if self.browse.is_some() {
                return;
            }
            ui.separator();
            for (tab, label, key) in CENTRAL_TABS {
                let shortcut = ui.ctx().format_shortcut(&egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, key));
                if ui.selectable_label(self.state.tab == tab, label).on_hover_text(shortcut).clicked() {
                    self.commands.push(Command::ShowTab(tab));
                }
            }
        });
    }
}

impl eframe::App for DossierApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.poll_jobs(&ctx);
        self.keyboard(&ctx);
        self.dropped_files(&ctx);

        egui::Panel::top("menu_bar").show(ui, |ui| self.menu_bar_ui(ui));
        if let Some(browse) = &mut self.browse {
            egui::Panel::bottom("status_bar").show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label(format!("Browsing {} on the server, a page at a time", browse.location()));
                    if browse.is_busy() {
                        ui.spinner();
                    }
                });
            });
            browse.view_ui(ui, &self.topics, &mut self.commands);
            self.topics_ui(&ctx);
            self.windows_ui(&ctx);
            return;
        }
        egui::Panel::top("search_bar").show(ui, |ui| {
            let note = match (&self.indexing, &self.index_problem) {
                (Some((_, progress)), _) => Some(format!(
                    "Indexing for search: {} of {} articles",
                    progress.articles_done.load(std::sync::atomic::Ordering::Relaxed),
                    self.corpus.articles.len()
                )),
                (None, Some(problem)) => Some(problem.clone()),
                (None, None) if self.loading.is_some() => Some("Search starts when loading ends".to_owned()),
                _ => None,
            };
            self.search_bar.bar_ui(
                ui,
                &mut self.state,
                self.search_context.is_some(),
                self.indexing.is_some() || self.loading.is_some(),
                note.as_deref(),
                &mut self.commands,
            );
        });
        let has_disk_changes = self.has_disk_changes();
        let copy_counting = self.copy_counting();
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            status_bar::status_bar_ui(
                ui,
                &self.corpus,
                &mut self.date_summary,
                self.loading.as_ref(),
                self.skipped_files,
                self.message.as_deref(),
                self.remote_location.as_deref(),
                has_disk_changes,
                copy_counting,
                &mut self.commands,
            );
        });
        self.rebuild_facets();
        // Side panels take a share of the window at most, so every view keeps room from 1000 px wide up.
        let window_width = ui.available_width();
        if self.state.show_facets {
            let facets = egui::Panel::left("facets").resizable(true).default_size(230.0).min_size(160.0);
            facets.max_size((window_width * 0.22).max(160.0)).show(ui, |ui| {
                let copy_counting = self.copy_counting();
                self.facets.panel_ui(ui, &self.state.search, copy_counting, &mut self.commands);
            });
        }
        let list_share = if self.state.tab == CentralTab::Article { 0.4 } else { 0.25 };
        let list = egui::Panel::left("article_list").resizable(true).default_size(380.0).min_size(220.0);
        list.max_size((window_width * list_share).max(220.0)).show(ui, |ui| {
            self.list.list_ui(
                ui,
                &self.corpus,
                &mut self.state,
                self.selected,
                &self.stories,
                &mut self.focus_filter,
                &mut self.commands,
            );
        });
        // Beside the article, its statements; beside All statements and the chart, the statement picked in
        // All statements read in its article. Narrower there, as those views need the width: the chart gets
        // it only in a wide window, since its plot comes first.
        self.statement_context.poll();
        let shows_context = match self.state.tab {
            CentralTab::Article => false,
            CentralTab::Statements => true,
            CentralTab::Chart => window_width >= 1400.0,
        };
        if self.state.show_statements_panel && shows_context {
            let panel = egui::Panel::right("statement_context").resizable(true).default_size(280.0).min_size(180.0);
            panel.max_size((window_width * 0.25).max(180.0)).show(ui, |ui| {
                self.statement_context.panel_ui(ui, &self.corpus, &self.speaker_names, &mut self.commands);
            });
        }
        if self.state.show_statements_panel && self.state.tab == CentralTab::Article {
            egui::Panel::right("statements").resizable(true).default_size(320.0).min_size(180.0).show(ui, |ui| {
                let shown = match &self.article {
                    ArticleSlot::Ready(shown) => Some(shown.as_ref()),
                    _ => None,
                };
                let echoes = shown.map(|shown| self.echo_lines(shown)).unwrap_or_default();
                statements_panel::statements_panel_ui(
                    ui,
                    shown,
                    &echoes,
                    &self.speaker_names,
                    self.statement_focus.selected,
                    self.matches.matching_statements.as_deref(),
                    &mut self.commands,
                );
            });
        }
        egui::CentralPanel::default().show(ui, |ui| match self.state.tab {
            CentralTab::Article => article_view::article_view_ui(
                ui,
                &self.article,
                &self.corpus,
                &self.stories,
                self.loading.is_some(),
                &self.state,
                &mut self.statement_focus,
                &mut self.matches,
                &mut self.commands,
            ),
            CentralTab::Statements => {
                let copy_counting = self.copy_counting();
                let picked = self.statement_context.statement;
                self.statements_view.view_ui(
                    ui,
                    &self.corpus,
                    &self.speaker_names,
                    copy_counting,
                    picked,
                    &mut self.commands,
                )
            }
            CentralTab::Chart => {
                // Only when the inputs changed are they gathered (cloning the selection) for a new count; not
                // while loading, as a count holding the corpus would make each file added copy all of it.
                if self.chart_view.has_changes() && self.loading.is_none() {
                    let inputs = self.chart_inputs();
                    self.chart_view.start_count(&ctx, inputs);
                }
                self.chart_view.poll_count();
                let copy_counting = self.copy_counting();
                self.chart_view.view_ui(
                    ui,
                    &self.state.chart,
                    &self.statements_view.speaker_counts,
                    &self.topics,
                    self.list.period,
                    copy_counting,
                    &mut self.commands,
                );
            }
        });
        self.list_speaker_roles(&ctx);
        if self.show_speakers {
            let mut is_open = true;
            self.speaker_manager.window(
                &ctx,
                &mut is_open,
                &self.statements_view.speaker_counts,
                &self.found_speakers,
                &self.speaker_names,
                &self.listed_roles,
                &mut self.commands,
            );
            if !is_open {
                self.commands.push(Command::ShowSpeakers(false));
            }
        }
        self.topics_ui(&ctx);
        if self.show_problems {
            let mut is_open = true;
            problems::problems_window(&ctx, &self.corpus.problems, &mut is_open);
            if !is_open {
                self.commands.push(Command::ShowProblems(false));
            }
        }
        self.windows_ui(&ctx);
    }

    fn save(&mut self, _storage: &mut dyn eframe::Storage) {
        self.save_settings();
    }
}

impl DossierApp {
    /// The windows any view may show (a typed path, Connect to cluster, the toast), then what was asked for.
    /// The Topics window, when open (over a local corpus or one browsed on a cluster).
    fn topics_ui(&mut self, ctx: &egui::Context) {
        if self.show_topics {
            let mut is_open = true;
            // A corpus browsed on a server counts its topics there.
            let counts = match &self.browse {
                Some(browse) => browse.topic_counts().cloned().unwrap_or_default(),
                None => (self.topic_hits.iter())
                    .map(|(name, hits)| {
                        let counts = hits.as_ref().map(|h| (h.articles.len() as u64, h.statements.len() as u64));
                        (name.clone(), counts.map_err(Clone::clone))
                    })
                    .collect(),
            };
            super::topics_window::topics_window(
                ctx,
                &mut is_open,
                &self.topics,
                &counts,
                self.suggestions.as_deref(),
                self.suggesting.is_some(),
                &mut self.commands,
            );
            if !is_open {
                self.commands.push(Command::ShowTopics(false));
            }
        }
    }

    fn windows_ui(&mut self, ctx: &egui::Context) {
        if let Some(prompt) = &mut self.path_prompt
            && !prompt.window_ui(ctx, &mut self.commands)
        {
            self.path_prompt = None;
        }
        if let Some(window) = &mut self.connect_window
            && !window.window_ui(ctx, &mut self.commands)
        {
            self.connect_window = None;
        }
        self.toast_ui(ctx);
        drop_overlay(ctx);
        self.apply_commands(ctx);
    }

    /// The corpus browsed on a server, if one is.
    pub fn browse_view(&self) -> Option<&BrowseView> {
        self.browse.as_ref()
    }

    /// Shows the toast in the bottom-right corner until it expires.
    fn toast_ui(&mut self, ctx: &egui::Context) {
        let Some((text, shown_at)) = &self.toast else { return };
        let remaining = TOAST_DURATION.saturating_sub(shown_at.elapsed());
        if remaining.is_zero() {
            self.toast = None;
            return;
        }
        ctx.request_repaint_after(remaining);
        egui::Area::new(egui::Id::unique("toast"))
            .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-16.0, -40.0))
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_max_width(520.0);
                    ui.label(text.as_str());
                });
            });
    }
}

fn source_exists(source: &CorpusSource) -> bool {
    match source {
        CorpusSource::Folder(folder) => folder.is_dir(),
        CorpusSource::Files(files) => files.iter().any(|f| f.exists()),
    }
}

/// Readable typography: a larger body font and roomier spacing than egui's defaults.
fn set_style(ctx: &egui::Context) {
    use egui::{FontFamily, FontId, TextStyle};
    ctx.global_style_mut(|style| {
        style.text_styles = [
            (TextStyle::Heading, FontId::new(22.0, FontFamily::Proportional)),
            (TextStyle::Body, FontId::new(14.5, FontFamily::Proportional)),
            (TextStyle::Button, FontId::new(14.0, FontFamily::Proportional)),
            (TextStyle::Small, FontId::new(12.0, FontFamily::Proportional)),
            (TextStyle::Monospace, FontId::new(13.0, FontFamily::Monospace)),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
    });
}

/// Darkens the window and says what a drop will do while files are dragged over it.
fn drop_overlay(ctx: &egui::Context) {
    let hovered = ctx.input(|i| i.raw.hovered_files.len());
    if hovered == 0 {
        return;
    }
    let painter = ctx.layer_painter(egui::LayerId::new(egui::Order::Foreground, egui::Id::unique("drop_overlay")));
    let rect = ctx.content_rect();
    painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(180));
    let text = if hovered == 1 {
        "Drop to open this folder or file".to_owned()
    } else {
        format!("Drop to open these {hovered} files")
    };
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        text,
        egui::FontId::proportional(24.0),
        egui::Color32::WHITE,
    );
}
