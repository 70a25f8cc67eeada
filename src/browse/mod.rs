//! What a view asks of a corpus, a page or a count at a time: one small interface that a corpus in memory
//! (`LocalBrowse`) and a corpus in OpenSearch (`remote::RemoteBrowse`) both answer. A view written against
//! it never knows which one it talks to, and nothing on this side holds more than the page it shows, so
//! a cluster of ten million articles is browsed in the memory of one page.
//!
//! Queries are in Dossier's syntax (`search::query`). Articles are found as the article search finds
//! them; statements, counts of speakers and the chart as the statement search does (a statement's own
//! words and speaker, or its article's title, outlet, author, date and file type).

mod local;

pub use local::LocalBrowse;

use crate::search::query::{self, Node, QueryError};
use crate::statements::{Act, StatementKind, StatementRecord};
use crate::timeline::{Chart, ChartRequest, Unit};
use crate::topics::Topics;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How the article list is ordered; ties keep the corpus' order (file, then record).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ArticleOrder {
    /// The corpus' order.
    #[default]
    Corpus,
    /// Newest first; undated last.
    Newest,
    /// Oldest first; undated last.
    Oldest,
    /// By outlet name; articles without one last.
    Outlet,
}

impl ArticleOrder {
    /// Every order, as offered to users.
    pub const ALL: [ArticleOrder; 4] =
        [ArticleOrder::Corpus, ArticleOrder::Newest, ArticleOrder::Oldest, ArticleOrder::Outlet];

    /// Its name in menus.
    pub fn label(self) -> &'static str {
        match self {
            ArticleOrder::Corpus => "Corpus order",
            ArticleOrder::Newest => "Newest first",
            ArticleOrder::Oldest => "Oldest first",
            ArticleOrder::Outlet => "Outlet",
        }
    }
}

/// One row of the article list.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleRow {
    /// What names the article to `Browse::article` (opaque to views).
    pub article_key: String,
    /// The headline.
    pub title: String,
    /// The publication date, if known.
    pub date: Option<NaiveDate>,
    /// The outlet, if known.
    pub outlet: Option<String>,
    /// The author, if known.
    pub author: Option<String>,
    /// The file it came from, relative to the corpus' folder.
    pub file: String,
    /// How many statements it holds.
    pub statements: u32,
}

/// One row of the statement list.
#[derive(Debug, Clone, PartialEq)]
pub struct StatementRow {
    /// The article it was said in (`Browse::article`).
    pub article_key: String,
    /// The speaker under the corpus' merges (canonical name), if known.
    pub speaker: Option<String>,
    /// True when the speaker is named (a person or a named organisation).
    pub named: bool,
    /// What was said.
    pub text: String,
    /// Direct, indirect or mixed.
    pub kind: StatementKind,
    /// Speech, belief or intention.
    pub act: Act,
    /// Its article's date, if known.
    pub date: Option<NaiveDate>,
    /// Its article's headline.
    pub title: String,
}

/// One article to read.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleDocument {
    /// Its metadata.
    pub row: ArticleRow,
    /// Where it was published, if known.
    pub url: Option<String>,
    /// Its text, which the statements' character spans count.
    pub text: String,
    /// Its statements in order, speakers as found (before merges).
    pub statements: Vec<StatementRecord>,
}

/// Where a page starts, as the corpus that gave it understands it: opaque to views.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor(pub String);

/// A page of rows, how many match in all, and where the next page starts (none after the last).
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The rows, in order.
    pub rows: Vec<T>,
    /// How many rows match in all.
    pub total: u64,
    /// Where the page after this one starts.
    pub next: Option<Cursor>,
}

/// What a facet counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    /// Matching articles per outlet.
    Outlet,
    /// Matching statements per named speaker (under the corpus' merges).
    Speaker,
    /// Matching statements per unnamed source, by the description the article gives ("officials").
    UnnamedSource,
}

/// One small interface to a corpus for views, local or remote alike. Every call may be slow (a network):
/// views call it off the UI thread.
pub trait Browse: Send + Sync {
    /// Where the corpus is, for titles and messages (a folder, or `URL/INDEX`).
    fn location(&self) -> String;

    /// A page of at most `limit` articles matching `query` (empty: all), in `order`, from `from` (none: the first).
    fn articles(
        &self,
        query: &str,
        order: ArticleOrder,
        from: Option<&Cursor>,
        limit: usize,
    ) -> Result<Page<ArticleRow>, String>;

    /// A page of at most `limit` statements matching `query`, in corpus order, from `from`.
    fn statements(&self, query: &str, from: Option<&Cursor>, limit: usize) -> Result<Page<StatementRow>, String>;

    /// One article, with its text and statements.
    fn article(&self, article_key: &str) -> Result<ArticleDocument, String>;

    /// The `limit` most frequent values of `facet` among what `query` matches, most first (ties by name).
    fn facet(&self, query: &str, facet: Facet, limit: usize) -> Result<Vec<(String, u64)>, String>;

    /// The chart of `request` over the statements matching `query`, counting statements: speaker series,
    /// topic series (the statements `topics` gives each topic's query for) and unnamed sources.
    fn chart(&self, query: &str, request: &ChartRequest, topics: &Topics) -> Result<Chart, String>;
}

/// Parses a query of Dossier's syntax; an empty one matches everything (`None`).
pub fn parse_query(text: &str) -> Result<Option<Node>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    query::parse(text, &|_| None).map(Some).map_err(|QueryError { message, .. }| message)
}

/// The query that adds to `query` the condition that `field` holds `value` (a click on a facet).
pub fn narrowed(query: &str, field: &str, value: &str) -> String {
    let condition = format!("{field}:\"{}\"", value.replace('"', ""));
    if query.trim().is_empty() { condition } else { format!("({}) AND {condition}", query.trim()) }
}

/// What a browsed corpus charts of `request`: its series counting statements (counting articles per speaker
/// needs every statement at hand).
pub fn chartable(request: &ChartRequest) -> ChartRequest {
    ChartRequest { unit: Unit::Statements, ..request.clone() }
}

/// Ranks (value, count) pairs most first, ties by value, and keeps `limit`.
pub fn ranked(mut counts: Vec<(String, u64)>, limit: usize) -> Vec<(String, u64)> {
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts.truncate(limit);
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_facet_click_narrows_the_query_it_is_given() {
        assert_eq!(narrowed("", "outlet", "BBC"), "outlet:\"BBC\"");
        assert_eq!(
            narrowed("troops OR army", "speaker", "Ali \"the\" Khamenei"),
            "(troops OR army) AND speaker:\"Ali the Khamenei\""
        );
        assert!(parse_query(&narrowed("troops OR army", "outlet", "BBC")).unwrap().is_some());
        assert_eq!(parse_query("  ").unwrap(), None);
        assert!(parse_query("date:20x1").is_err());
    }

    #[test]
    fn ranking_puts_the_most_first_and_ties_by_name() {
        let counts = vec![("b".to_owned(), 2), ("a".to_owned(), 2), ("c".to_owned(), 5), ("d".to_owned(), 1)];
        assert_eq!(ranked(counts, 3), vec![("c".to_owned(), 5), ("a".to_owned(), 2), ("b".to_owned(), 2)]);
    }
}
