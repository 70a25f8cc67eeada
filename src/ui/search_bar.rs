//! The search bar: a query over the whole corpus, run off the UI thread on a short debounce (the newest
//! query wins), with an inline error that keeps the last good results.

use super::jobs::Job;
use super::state::{AppState, Command};
use crate::search::query::QueryError;
use crate::search::{self, Scope, SearchIndex, SpeakerLookup};
use crate::topics::Topics;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long typing must pause before the query runs.
const DEBOUNCE: Duration = Duration::from_millis(250);

/// What a query matched: articles, and statements (indices into the corpus, sorted).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchHits {
    /// Articles matching (or holding a matching statement).
    pub articles: Vec<u32>,
    /// Statements matching (or in a matching article).
    pub statements: Vec<u32>,
}

/// Everything a search needs, shared with the thread that runs it.
#[derive(Clone)]
pub struct SearchContext {
    /// The corpus' index.
    pub index: Arc<SearchIndex>,
    /// For each statement, its article.
    pub article_of_statement: Arc<Vec<u32>>,
    /// The corpus' topics.
    pub topics: Arc<Topics>,
    /// Speaker names through the user's merges.
    pub speakers: Arc<SpeakerLookup>,
}

impl SearchContext {
    /// Runs a query in a scope; the other side follows (the statements of matching articles, or the
    /// articles of matching statements).
    pub fn run(&self, query: &str, scope: Scope) -> Result<SearchHits, QueryError> {
        let hits = search::run(&self.index, query, scope, &self.topics, &self.speakers)?;
        Ok(match scope {
            Scope::Articles => SearchHits {
                statements: (0..self.article_of_statement.len() as u32)
                    .filter(|&s| hits.binary_search(&self.article_of_statement[s as usize]).is_ok())
                    .collect(),
                articles: hits,
            },
            Scope::Statements => {
                let mut articles: Vec<u32> = hits.iter().map(|&s| self.article_of_statement[s as usize]).collect();
                articles.sort_unstable();
                articles.dedup();
                SearchHits { articles, statements: hits }
            }
        })
    }
}

/// The search bar's runtime state.
#[derive(Default)]
pub struct SearchBar {
    /// The results of the last query that ran without error; `None` when the box is empty.
    pub hits: Option<SearchHits>,
    /// Why the query as typed cannot run.
    pub error: Option<QueryError>,
    edited_at: Option<Instant>,
    running: Option<(u64, Job<Result<SearchHits, QueryError>>)>,
    generation: u64,
    /// Set to focus the box on the next frame.
    pub focus: bool,
}

impl SearchBar {
    /// Notes that the query, scope, topics or index changed: it runs again after the debounce.
    pub fn mark_changed(&mut self) {
        self.edited_at = Some(Instant::now());
    }

    /// True while a query waits or runs.
    pub fn is_busy(&self) -> bool {
        self.edited_at.is_some() || self.running.is_some()
    }

    /// Starts the query when typing has paused, and takes in results; true when the hits changed.
    pub fn poll(&mut self, ctx: &egui::Context, state: &AppState, context: Option<&SearchContext>) -> bool {
        let mut has_changed = false;
        if let Some((generation, job)) = &self.running
            && let Some(result) = job.poll()
        {
            // Only the newest query's answer counts.
            if *generation == self.generation {
                match result {
                    Ok(Ok(hits)) => {
                        self.hits = Some(hits);
                        self.error = None;
                        has_changed = true;
                    }
                    Ok(Err(error)) => self.error = Some(error),
                    Err(message) => self.error = Some(QueryError { message, start: 0, end: 0 }),
                }
            }
            self.running = None;
        }
        let Some(edited_at) = self.edited_at else { return has_changed };
        if state.search.trim().is_empty() {
            self.edited_at = None;
            self.error = None;
            self.generation += 1;
            self.running = None;
            return self.hits.take().is_some() || has_changed;
        }
        // Without an index yet, the query waits: it runs when the index is ready (which marks it changed).
        let Some(context) = context else { return has_changed };
        if edited_at.elapsed() < DEBOUNCE {
            ctx.request_repaint_after(DEBOUNCE.saturating_sub(edited_at.elapsed()));
            return has_changed;
        }
        self.edited_at = None;
        self.generation += 1;
        let (query, scope, context) = (state.search.clone(), state.search_scope, context.clone());
        self.running = Some((self.generation, Job::spawn("searching", ctx, move || context.run(&query, scope))));
        has_changed
    }

    /// Draws the box, the scope switch and what the query found (or why it cannot run).
    pub fn bar_ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &mut AppState,
        is_index_ready: bool,
        is_index_building: bool,
        index_note: Option<&str>,
        commands: &mut Vec<Command>,
    ) {
        ui.horizontal(|ui| {
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut state.search)
                        .hint_text("Search (Ctrl+K): words, \"phrases\", OR, NOT, title:, speaker:, topic:, date:2021")
                        .desired_width((ui.available_width() - 720.0).max(200.0)),
                )
                .on_hover_text("Search the corpus");
            if std::mem::take(&mut self.focus) {
                response.request_focus();
            }
            if response.changed() {
                commands.push(Command::SearchChanged);
            }
            for (scope, label, hint) in [
                (Scope::Articles, "Articles matching", "List articles matching the query"),
                (
                    Scope::Statements,
                    "Statements matching",
                    "List statements matching on their text, speaker and article",
                ),
            ] {
                if ui.selectable_label(state.search_scope == scope, label).on_hover_text(hint).clicked() {
                    commands.push(Command::SetSearchScope(scope));
                }
            }
            if ui.button("Topics…").on_hover_text("Define topics: named queries to count and chart").clicked() {
                commands.push(Command::ShowTopics(true));
            }
            if ui
                .selectable_label(state.show_facets, "Filters")
                .on_hover_text("Counts by date, outlet, speaker, topic and type")
                .clicked()
            {
                commands.push(Command::ShowFacets(!state.show_facets));
            }
            match (&self.hits, index_note) {
                (_, Some(note)) if !is_index_ready && is_index_building => {
                    ui.spinner();
                    ui.weak(note);
                }
                (_, Some(note)) if !is_index_ready => {
                    ui.colored_label(ui.visuals().warn_fg_color, note);
                }
                _ if self.is_busy() && !state.search.trim().is_empty() => {
                    ui.spinner();
                }
                (Some(hits), _) => {
                    ui.label(format!(
                        "{} · {}",
                        super::counts::counted(hits.articles.len(), "article", "articles"),
                        super::counts::counted(hits.statements.len(), "statement", "statements")
                    ));
                }
                _ => {}
            }
        });
        if let Some(error) = &self.error {
            let color = ui.visuals().error_fg_color;
            ui.colored_label(color, format!("{} — showing the last results that worked", error))
                .on_hover_text("Fix the query to search again");
        }
    }
}
