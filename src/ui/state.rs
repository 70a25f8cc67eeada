//! What the app remembers between runs, and what the user can ask it to do.

use crate::corpus::CorpusSource;
use serde::{Deserialize, Serialize};

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
}

/// What the centre of the window shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum CentralTab {
    /// The selected article.
    #[default]
    Article,
    /// Every statement of the corpus.
    Statements,
}
