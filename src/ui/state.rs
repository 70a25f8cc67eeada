//! What the app remembers between runs, and what the user can ask it to do.

use crate::corpus::CorpusSource;
use crate::export::{ChartFormat, ListFormat};
use crate::remote::{Credentials, Target};
use crate::search::Scope;
use crate::timeline::ChartRequest;
use crate::topics::{Topic, Topics};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// How many corpora File ▸ Recent lists.
pub const RECENT_LIMIT: usize = 10;

/// Everything the app saves between runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AppState {
    /// The corpus open when the app closed, reopened at start.
    pub corpus_source: Option<CorpusSource>,
    /// Recently opened corpora, newest first.
    pub recent: Vec<CorpusSource>,
    /// Order of the article list.
    pub sort: SortKey,
    /// True when the list runs from the largest value down (newest first for dates).
    pub sort_descending: bool,
    /// Text of the quick filter.
    pub filter: String,
    /// What the centre shows.
    pub tab: CentralTab,
    /// The chart's series, bucket, measure and style.
    pub chart: ChartRequest,
    /// Pixel size of exported chart images.
    pub chart_size: (u32, u32),
    /// The folder of the last export, where the next save dialog starts.
    pub export_folder: Option<PathBuf>,
    /// The search query.
    pub search: String,
    /// Whether the search lists articles or statements.
    pub search_scope: Scope,
    /// Whether the filter panel is shown.
    pub show_facets: bool,
    /// Whether the Statements panel beside the article is shown.
    pub show_statements_panel: bool,
    /// How alike two articles' bodies must be to be copies of one story (see `duplicates`), from 0 to 1.
    pub copy_threshold: f64,
    /// List, count and chart each story once (its first copy among those listed), not every copy.
    pub count_each_story_once: bool,
    /// Chart each statement once where other articles quote it again (an echo), not every time.
    pub count_each_statement_once: bool,
    /// The OpenSearch cluster last connected to (File ▸ Connect to cluster…); never its password.
    pub cluster_url: String,
    /// The index last opened on that cluster.
    pub cluster_index: String,
}

impl Default for AppState {
    fn default() -> Self {
        AppState {
            corpus_source: None,
            recent: Vec::new(),
            sort: SortKey::Date,
            sort_descending: true,
            filter: String::new(),
            tab: CentralTab::Article,
            chart: ChartRequest::default(),
            chart_size: crate::export::DEFAULT_SIZE,
            export_folder: None,
            search: String::new(),
            search_scope: Scope::Articles,
            show_facets: false,
            show_statements_panel: true,
            copy_threshold: crate::duplicates::DEFAULT_COPY_THRESHOLD,
            count_each_story_once: false,
            count_each_statement_once: false,
            cluster_url: String::new(),
            cluster_index: String::new(),
        }
    }
}

impl AppState {
    /// Puts a corpus first in the recent list.
    pub fn remember(&mut self, source: &CorpusSource) {
        self.recent.retain(|s| s != source);
        self.recent.insert(0, source.clone());
        self.recent.truncate(RECENT_LIMIT);
        self.corpus_source = Some(source.clone());
    }
}

/// A column the article list can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortKey {
    /// Publication date (undated articles last).
    Date,
    /// Title.
    Title,
    /// Outlet.
    Outlet,
}

impl SortKey {
    /// The column's name.
    pub fn label(self) -> &'static str {
        match self {
            SortKey::Date => "Date",
            SortKey::Title => "Title",
            SortKey::Outlet => "Outlet",
        }
    }
}

/// Something the user asked for; the UI records it while drawing and the app applies it after.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Show the folder picker.
    PickFolder,
    /// Open a corpus.
    Open(CorpusSource),
    /// Stop loading.
    CancelLoad,
    /// Show the window to connect to an OpenSearch cluster.
    ShowConnect,
    /// Read the corpus of an index on a cluster, off the UI thread, to replace the open one.
    Connect(ConnectRequest),
    /// Read the open corpus again: changed files are read, the rest comes from the cache.
    Refresh,
    /// Select the article at this position of the visible list.
    SelectRow(usize),
    /// Move the selection by this many rows (negative is up).
    MoveSelection(isize),
    /// Sort by a column; choosing the current column again reverses the order.
    SortBy(SortKey),
    /// The filter text changed.
    FilterChanged,
    /// Show or hide the problems window.
    ShowProblems(bool),
    /// Close the window.
    Quit,
    /// Select a statement of the shown article and scroll to it.
    SelectStatement(usize),
    /// Open a statement of the corpus (index into `corpus.statements`) in its article.
    OpenStatement(u32),
    /// Pick a statement in All statements and read it in its article in the right panel.
    PreviewStatement(u32),
    /// Open the statement picked in All statements in its article.
    OpenPreviewedStatement,
    /// Show the article view or the corpus-wide statements.
    ShowTab(CentralTab),
    /// Show only one speaker's statements (or everyone's).
    FilterSpeaker(Option<String>),
    /// Show or hide the speaker manager.
    ShowSpeakers(bool),
    /// Merge speakers into one of them.
    MergeSpeakers {
        /// The speakers to merge (canonical names).
        names: Vec<String>,
        /// The name they all become.
        into: String,
    },
    /// Give a speaker another name.
    RenameSpeaker {
        /// The current canonical name.
        from: String,
        /// The new name.
        to: String,
    },
    /// Undo a merge for one name variant.
    SplitSpeaker(String),
    /// Change what the chart shows.
    SetChart(ChartRequest),
    /// Add a speaker to the chart (and show it), or take one off.
    ChartSpeaker {
        /// Canonical name.
        name: String,
        /// True to add, false to remove.
        is_shown: bool,
    },
    /// List only articles (and statements) of this period, first and last day included; `None` for all.
    FilterPeriod(Option<(NaiveDate, NaiveDate)>),
    /// Search statements for these words, and list them in All statements (where else a statement was said).
    FindStatements(String),
    /// Count each story once, or every copy.
    CountEachStoryOnce(bool),
    /// Chart each statement once, or every time an article repeats it.
    CountEachStatementOnce(bool),
    /// Set how alike two bodies must be to be copies of one story (0 to 1), and find copies again with it
    /// when `find_again` (a slider sends the final value once let go).
    SetCopyThreshold {
        /// The new threshold.
        threshold: f64,
        /// Whether to find copies again now.
        find_again: bool,
    },
    /// List all dates again, and close the article that picking the period opened if it is still the one
    /// shown (a double-click on the chart, whose first click picked a period).
    UndoPeriodPick,
    /// Ask where to save, then export.
    Export(ExportKind),
    /// Show the window to type a path for this purpose.
    TypePath(PathPurpose),
    /// Use a path chosen in a dialog or typed: open it, import it or export to it.
    UsePath {
        /// What the path is for.
        purpose: PathPurpose,
        /// The path.
        path: std::path::PathBuf,
    },
    /// The search text changed.
    SearchChanged,
    /// Search articles or statements.
    SetSearchScope(Scope),
    /// Show or hide the Topics window.
    ShowTopics(bool),
    /// Replace the corpus' topics.
    SetTopics(Topics),
    /// Ask for a topics file and add its topics.
    ImportTopics,
    /// Find key phrases in the corpus to offer as topics.
    SuggestTopics,
    /// Add one topic (a suggestion accepted).
    AddTopic(Topic),
    /// Go to the next (1) or previous (-1) search match in the article.
    StepMatch(isize),
    /// Add a clause (`outlet:"Press TV"`) to the search.
    AddToQuery(String),
    /// Add a filter clause to the search, beside the other values of its field (OR), or take it out.
    ToggleClause {
        /// The field (`outlet`), so values of one field group together.
        field: String,
        /// The clause as written in the query (`outlet:"Press TV"`).
        clause: String,
    },
    /// Show or hide the filter panel.
    ShowFacets(bool),
    /// Show or hide the Statements panel beside the article.
    ShowStatementsPanel(bool),
    /// List the statements of a speaker about a topic (a search).
    ShowStatementsFor {
        /// Canonical speaker name.
        speaker: String,
        /// Topic name.
        topic: String,
    },
    /// Add a topic to the chart (and show it), or take one off.
    ChartTopic {
        /// The topic's name.
        name: String,
        /// True to add, false to remove.
        is_shown: bool,
    },
}

/// What can be exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// The chart, as an image or its data.
    Chart(ChartFormat),
    /// The statements listed in the statements view (CSV or JSONL).
    Statements(ListFormat),
    /// The article list as shown (CSV).
    Articles,
    /// The topics, as a JSON codebook.
    Topics,
}

impl ExportKind {
    /// The file name offered, and the file type filter of the save dialog.
    pub fn suggestion(self) -> (&'static str, &'static str, &'static str) {
        match self {
            ExportKind::Chart(ChartFormat::Png) => ("chart.png", "PNG image", "png"),
            ExportKind::Chart(ChartFormat::Svg) => ("chart.svg", "SVG drawing", "svg"),
            ExportKind::Chart(ChartFormat::Csv) => ("chart.csv", "CSV table", "csv"),
            ExportKind::Statements(ListFormat::Csv) => ("statements.csv", "CSV table", "csv"),
            ExportKind::Statements(ListFormat::Jsonl) => ("statements.jsonl", "JSON lines", "jsonl"),
            ExportKind::Articles => ("articles.csv", "CSV table", "csv"),
            ExportKind::Topics => ("topics.json", "JSON codebook", "json"),
        }
    }
}

/// What the centre of the window shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum CentralTab {
    /// The selected article.
    #[default]
    Article,
    /// Every statement of the corpus.
    Statements,
    /// Speakers over time.
    Chart,
}

/// What a typed path is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPurpose {
    /// A folder or file of articles to open.
    OpenCorpus,
    /// A topics codebook to import.
    ImportTopics,
    /// Where to write an export.
    Export(ExportKind),
}

/// What the user asked to connect to: the index, and a user and password typed for this session.
#[derive(Debug, Clone, PartialEq)]
pub struct ConnectRequest {
    /// The cluster and the index name.
    pub target: Target,
    /// Typed credentials; `None` uses the environment's (`DOSSIER_OPENSEARCH_USER`…).
    pub credentials: Option<Credentials>,
}

impl ConnectRequest {
    /// `URL/NAME`, as the title and the status bar name a remote corpus.
    pub fn location(&self) -> String {
        format!("{}/{}", self.target.base, self.target.name)
    }
}
