//! Full-text search with tantivy: one document per article and one per statement, in an index kept in
//! Dossier's cache directory (never in the corpus) and reused while the corpus has not changed.

pub mod clauses;
pub mod item_set;
pub mod query;
mod stem;
mod words;

use crate::corpus::Corpus;
use crate::speakers::SpeakerNames;
use item_set::ItemSet;
use query::{Field, Node, QueryError};
use std::collections::BTreeMap;
use std::ops::Bound;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{
    AllQuery, BooleanQuery, EmptyQuery, Occur, PhraseQuery, Query, RangeQuery, RegexQuery, TermQuery,
};
use tantivy::schema::{FAST, INDEXED, IndexRecordOption, STRING, Schema, TextFieldIndexing, TextOptions};
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, RemoveLongFilter, TextAnalyzer};
use tantivy::{DocId, Index, IndexReader, Searcher, SegmentReader, TantivyDocument, Term};

/// Changes whenever the index layout or the text analysis changes, so an old index is rebuilt.
const INDEX_VERSION: &str = "dossier-index-6";
/// The analyzer of every text field: words, lower case, accents folded, English stems.
const ANALYZER: &str = "dossier";

/// What a search returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Scope {
    /// Articles matching (indices into `corpus.articles`).
    #[default]
    Articles,
    /// Statements matching on their own text and speaker and their article's fields (indices into `corpus.statements`).
    Statements,
}

struct Fields {
    title: tantivy::schema::Field,
    text: tantivy::schema::Field,
    outlet: tantivy::schema::Field,
    author: tantivy::schema::Field,
    speaker: tantivy::schema::Field,
    day: tantivy::schema::Field,
    file_type: tantivy::schema::Field,
    has_statements: tantivy::schema::Field,
}

/// A corpus' search index, open for queries: one tantivy index of articles and one of statements, so a
/// search of articles never walks through the (many more) statements.
///
/// A statement's document holds only what is its own (its words and speaker). Its article's fields
/// (title, outlet, author, date, file type) are looked up in the article's document, and the articles
/// found stand for all their statements: repeating them in every statement made indexing a sixth slower.
pub struct SearchIndex {
    articles: Part,
    statements: Part,
    fields: Fields,
    /// Index of each article's first statement, and one past the last article's.
    first_statement: Arc<[u32]>,
}

/// Finds the corpus' article and statement for a document's file, record and ordinal.
struct Locator {
    article_of: std::collections::HashMap<(u64, u64), u32>,
    /// Index of each article's first statement, and one past the last article's.
    first_statement: Vec<u32>,
}

impl Locator {
    fn new(corpus: &Corpus) -> Locator {
        let article_of = corpus
            .articles
            .iter()
            .enumerate()
            .map(|(index, meta)| {
                ((file_key(&corpus.files[meta.file_id as usize].relative_path), meta.record as u64), index as u32)
            })
            .collect();
        let mut first_statement = vec![0u32; corpus.articles.len() + 1];
        for statement in &corpus.statements {
            first_statement[statement.article as usize + 1] += 1;
        }
        for index in 1..first_statement.len() {
            first_statement[index] += first_statement[index - 1];
        }
        Locator { article_of, first_statement }
    }

    fn article(&self, file_key: u64, record: u64) -> Option<u32> {
        self.article_of.get(&(file_key, record)).copied()
    }

    fn statement(&self, article: u32, ordinal: u64) -> Option<u32> {
        let (first, end) = (self.first_statement[article as usize], self.first_statement[article as usize + 1]);
        let statement = first as u64 + ordinal;
        (statement < end as u64).then_some(statement as u32)
    }

    /// The corpus item (article or statement) of each document of a segment, or `NOT_IN_CORPUS`.
    fn items_of(&self, segment: &SegmentReader, scope: Scope) -> Result<Arc<[u32]>, String> {
        let fast_fields = segment.fast_fields();
        let column = |name: &str| fast_fields.u64(name).map_err(|e| e.to_string());
        let (file_keys, records, ordinals) = (column("file_key")?, column("record")?, column("ordinal")?);
        // A statement's documents follow their article's: one lookup serves them all.
        let mut last: Option<((u64, u64), Option<u32>)> = None;
        let mut item_of = |doc: DocId| {
            let place = (file_keys.first(doc)?, records.first(doc)?);
            let article = match last {
                Some((known, article)) if known == place => article,
                _ => last.insert((place, self.article(place.0, place.1))).1,
            }?;
            match scope {
                Scope::Articles => Some(article),
                Scope::Statements => self.statement(article, ordinals.first(doc)?),
            }
        };
        Ok((0..segment.max_doc()).map(|doc| item_of(doc).unwrap_or(NOT_IN_CORPUS)).collect())
    }
}

/// The statements matching every part of `parts` (`all`), or any, found by `matching`: parts of one level
/// are asked together in one query, parts of both one by one, and the answers combined as sets.
pub fn statements_matching_parts<E>(
    parts: &[Node],
    all: bool,
    statement_count: usize,
    mut matching: impl FnMut(&Node) -> Result<ItemSet, E>,
) -> Result<ItemSet, E> {
    let group = |level: Level| {
        let chosen: Vec<Node> = parts.iter().filter(|part| Level::of(part) == Some(level)).cloned().collect();
        (!chosen.is_empty()).then_some(if all { Node::And(chosen) } else { Node::Or(chosen) })
    };
    let groups = [group(Level::Statement), group(Level::Article)].into_iter().flatten();
    let mixed = parts.iter().filter(|part| Level::of(part).is_none()).cloned();
    let mut found: Option<ItemSet> = None;
    for part in groups.chain(mixed) {
        let answer = matching(&part)?;
        match &mut found {
            None => found = Some(answer),
            Some(found) if all => found.intersect(&answer),
            Some(found) => found.unite(&answer),
        }
    }
    Ok(found.unwrap_or_else(|| ItemSet::empty(statement_count)))
}

/// Which documents hold what a query node asks about: a statement's own or its article's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// The statement's words or speaker.
    Statement,
    /// Its article's title, outlet, author, date, file type or statements.
    Article,
}

impl Level {
    /// The text fields of this level.
    pub fn fields(self) -> &'static [Field] {
        match self {
            Level::Statement => &[Field::Text, Field::Speaker],
            Level::Article => &[Field::Title, Field::Outlet, Field::Author],
        }
    }

    /// The one level `node` asks about, or `None` when it asks about both.
    pub fn of(node: &Node) -> Option<Level> {
        match node {
            Node::Word(field, _) | Node::Prefix(field, _) | Node::Phrase(field, _) => {
                let field = (*field)?;
                [Level::Statement, Level::Article].into_iter().find(|level| level.fields().contains(&field))
            }
            Node::Dates(..) | Node::FileType(_) | Node::HasStatements => Some(Level::Article),
            Node::Not(inner) => Level::of(inner),
            Node::And(parts) | Node::Or(parts) => {
                let mut levels = parts.iter().map(Level::of);
                let first = levels.next().unwrap_or(Some(Level::Statement));
                levels.all(|level| level == first).then_some(first).flatten()
            }
        }
    }
}

/// What a document stands for when it is in no article of the corpus (a stale document).
const NOT_IN_CORPUS: u32 = u32::MAX;

/// Gathers the corpus items of the documents a query finds.
struct ItemCollector<'a> {
    /// The corpus item of each document, segment by segment.
    items: &'a [Arc<[u32]>],
    /// How many items the corpus has.
    universe: usize,
}

struct SegmentItems {
    items: Arc<[u32]>,
    found: Vec<u32>,
}

impl Collector for ItemCollector<'_> {
    type Fruit = ItemSet;
    type Child = SegmentItems;

    fn for_segment(&self, segment_ord: u32, _: &SegmentReader) -> tantivy::Result<SegmentItems> {
        let items = self.items.get(segment_ord as usize).cloned().unwrap_or_default();
        Ok(SegmentItems { items, found: Vec::new() })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, found: Vec<Vec<u32>>) -> tantivy::Result<ItemSet> {
        let mut set = ItemSet::empty(self.universe);
        found.iter().flatten().for_each(|&item| set.insert(item as usize));
        Ok(set)
    }
}

impl SegmentCollector for SegmentItems {
    type Fruit = Vec<u32>;

    fn collect(&mut self, doc: DocId, _: tantivy::Score) {
        self.collect_block(&[doc]);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        let items = docs.iter().filter_map(|&doc| self.items.get(doc as usize)).filter(|&&item| item != NOT_IN_CORPUS);
        self.found.extend(items);
    }

    fn harvest(self) -> Vec<u32> {
        self.found
    }
}

/// A file's key in the index: a stable hash of its relative path.
fn file_key(relative_path: &str) -> u64 {
    crate::store::stable_hash(relative_path.as_bytes())
}

/// What the index holds of one file, to tell later which files changed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct ManifestEntry {
    relative_path: String,
    size: u64,
    modified: Option<u64>,
    content_hash: u64,
}

fn manifest_of(corpus: &Corpus) -> Vec<ManifestEntry> {
    corpus
        .files
        .iter()
        .map(|f| ManifestEntry {
            relative_path: f.relative_path.clone(),
            size: f.size,
            modified: f.modified,
            content_hash: f.content_hash,
        })
        .collect()
}

fn read_manifest(path: &Path) -> Option<Vec<ManifestEntry>> {
    let bytes = std::fs::read(path).ok()?;
    let (version, extraction, entries): (String, String, Vec<ManifestEntry>) = postcard::from_bytes(&bytes).ok()?;
    // Statements are found by their place in their article: other extraction rules, another index.
    (version == INDEX_VERSION && extraction == crate::cache::CACHE_VERSION).then_some(entries)
}

fn write_manifest(path: &Path, entries: &[ManifestEntry]) -> std::io::Result<()> {
    let bytes =
        postcard::to_stdvec(&(INDEX_VERSION, crate::cache::CACHE_VERSION, entries)).map_err(std::io::Error::other)?;
    crate::store::write_atomically(path, &bytes)
}

/// Above this share of changed files, building anew is quicker than updating.
const MAX_SHARE_TO_UPDATE: f64 = 0.25;

/// One tantivy index, its reader, and what it held when last refreshed.
struct Part {
    index: Index,
    reader: IndexReader,
    /// The committed segments searched.
    searcher: Searcher,
    /// The corpus item of each document of those segments, in the searcher's order.
    items: Vec<Arc<[u32]>>,
}

impl Part {
    fn new(mut index: Index) -> Result<Part, String> {
        index.tokenizers().register(ANALYZER, analyzer());
        if index.schema() != schema().0 {
            return Err("the index was made by another version".into());
        }
        // Segments are searched on every core.
        index.set_multithread_executor(crate::corpus::default_threads()).map_err(|e| e.to_string())?;
        // Reloaded by hand after building: no watcher thread on files that may be moved.
        let reader: IndexReader = index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()
            .map_err(|e: tantivy::TantivyError| e.to_string())?;
        Ok(Part { searcher: reader.searcher(), index, reader, items: Vec::new() })
    }

    /// Takes in what was committed, and works out the corpus item of each of its documents.
    fn refresh(&mut self, locator: &Locator, scope: Scope) -> Result<(), String> {
        self.reader.reload().map_err(|e| e.to_string())?;
        self.searcher = self.reader.searcher();
        self.items = self
            .searcher
            .segment_readers()
            .iter()
            .map(|segment| locator.items_of(segment, scope))
            .collect::<Result<_, _>>()?;
        Ok(())
    }

    fn open(folder: &Path) -> Result<Part, String> {
        Part::new(Index::open_in_dir(folder).map_err(|e| e.to_string())?)
    }

    fn create(folder: &Path) -> Result<Part, String> {
        std::fs::create_dir_all(folder).map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
        Part::new(Index::create_in_dir(folder, schema().0).map_err(|e| e.to_string())?)
    }
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer(ANALYZER).set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        title: builder.add_text_field("title", text.clone()),
        text: builder.add_text_field("text", text.clone()),
        outlet: builder.add_text_field("outlet", text.clone()),
        author: builder.add_text_field("author", text.clone()),
        speaker: builder.add_text_field("speaker", text),
        day: builder.add_i64_field("day", INDEXED | FAST),
        file_type: builder.add_text_field("file_type", STRING),
        has_statements: builder.add_u64_field("has_statements", INDEXED),
    };
    // Where a document comes from, in terms that survive other files changing: its file (as a term, to
    // delete the file's documents, and hashed, to find its articles), its record, and for a statement its
    // place among the article's statements.
    builder.add_text_field("file", STRING);
    builder.add_u64_field("file_key", FAST);
    builder.add_u64_field("record", FAST);
    builder.add_u64_field("ordinal", FAST);
    (builder.build(), fields)
}

fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(words::WordTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(stem::RememberingStemmer)
        .build()
}

/// How far building has come, and a way to stop it.
#[derive(Debug, Default)]
pub struct BuildProgress {
    /// Articles indexed so far.
    pub articles_done: AtomicUsize,
    /// Set to stop building.
    pub cancel: AtomicBool,
}

impl SearchIndex {
    /// Opens the index in `folder` if it was built for this corpus, updating the documents of files that
    /// changed since (when they are few); else builds it there anew.
    pub fn open_or_build(corpus: &Corpus, folder: &Path, progress: &BuildProgress) -> Result<SearchIndex, String> {
        let manifest_path = folder.join("manifest.bin");
        let current = manifest_of(corpus);
        let locator = Locator::new(corpus);
        // A damaged index, or one another window is updating, is rebuilt rather than trusted.
        if let Some(previous) = read_manifest(&manifest_path)
            && let Ok(mut search) = SearchIndex::open(&folder.join("index"))
        {
            let previous: std::collections::HashMap<&str, &ManifestEntry> =
                previous.iter().map(|e| (e.relative_path.as_str(), e)).collect();
            let mut changed: Vec<&str> = current
                .iter()
                .filter(|e| previous.get(e.relative_path.as_str()) != Some(e))
                .map(|e| e.relative_path.as_str())
                .collect();
            let present: std::collections::HashSet<&str> = current.iter().map(|e| e.relative_path.as_str()).collect();
            changed.extend(previous.keys().filter(|path| !present.contains(*path)));
            if changed.is_empty() && search.refresh(&locator).is_ok() {
                progress.articles_done.store(corpus.articles.len(), Ordering::Relaxed);
                return Ok(search);
            }
            let share = changed.len() as f64 / current.len().max(1) as f64;
            if share <= MAX_SHARE_TO_UPDATE && search.update(corpus, &locator, &changed, progress).is_ok() {
                // Written after the commit: should this stop between the two, the next opening redoes the update.
                let _ = write_manifest(&manifest_path, &current);
                return Ok(search);
            }
        }
        // Built in a folder of its own, then moved into place, so two windows on one corpus never collide
        // and a half-built index is never taken for a whole one.
        let unique = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let building = folder.join(format!("building-{}-{unique}", std::process::id()));
        std::fs::create_dir_all(&building).map_err(|e| format!("cannot create {}: {e}", building.display()))?;
        let built = (|| {
            let mut search = SearchIndex {
                articles: Part::create(&building.join("articles"))?,
                statements: Part::create(&building.join("statements"))?,
                fields: schema().1,
                first_statement: Arc::new([]),
            };
            search.add(corpus, &locator, 0..corpus.articles.len(), &[], progress)?;
            Ok(search)
        })();
        let search = match built {
            Ok(search) => search,
            Err(error) => {
                let _ = std::fs::remove_dir_all(&building);
                return Err(error);
            }
        };
        // The index stays open on its files whatever happens to the folder names below (another window
        // may be doing the same): moving it into place only serves the next opening.
        let index_folder = folder.join("index");
        let _ = std::fs::remove_file(&manifest_path);
        let _ = std::fs::remove_dir_all(&index_folder);
        if std::fs::rename(&building, &index_folder).is_ok() {
            let _ = write_manifest(&manifest_path, &current);
        }
        Ok(search)
    }

    fn open(folder: &Path) -> Result<SearchIndex, String> {
        Ok(SearchIndex {
            articles: Part::open(&folder.join("articles"))?,
            statements: Part::open(&folder.join("statements"))?,
            fields: schema().1,
            first_statement: Arc::new([]),
        })
    }

    fn refresh(&mut self, locator: &Locator) -> Result<(), String> {
        self.articles.refresh(locator, Scope::Articles)?;
        self.statements.refresh(locator, Scope::Statements)?;
        self.first_statement = locator.first_statement.as_slice().into();
        Ok(())
    }

    /// Replaces the documents of the files at `changed` (changed, added or deleted) with their articles now.
    fn update(
        &mut self,
        corpus: &Corpus,
        locator: &Locator,
        changed: &[&str],
        progress: &BuildProgress,
    ) -> Result<(), String> {
        let changed_set: std::collections::HashSet<&str> = changed.iter().copied().collect();
        let articles: Vec<usize> = (0..corpus.articles.len())
            .filter(|&i| changed_set.contains(corpus.files[corpus.articles[i].file_id as usize].relative_path.as_str()))
            .collect();
        progress.articles_done.store(corpus.articles.len() - articles.len(), Ordering::Relaxed);
        self.add(corpus, locator, articles, changed, progress)
    }

    /// Builds an index in memory (for tests and one-off command-line runs).
    pub fn build_in_memory(corpus: &Corpus) -> Result<SearchIndex, String> {
        let mut search = SearchIndex {
            articles: Part::new(Index::create_in_ram(schema().0))?,
            statements: Part::new(Index::create_in_ram(schema().0))?,
            fields: schema().1,
            first_statement: Arc::new([]),
        };
        search.add(corpus, &Locator::new(corpus), 0..corpus.articles.len(), &[], &BuildProgress::default())?;
        Ok(search)
    }

    /// Adds the documents of `articles` (indices into the corpus), after deleting those of the files at
    /// `delete_files`, commits, and refreshes the parts.
    fn add(
        &mut self,
        corpus: &Corpus,
        locator: &Locator,
        articles: impl IntoIterator<Item = usize>,
        delete_files: &[&str],
        progress: &BuildProgress,
    ) -> Result<(), String> {
        // Statements are most of the documents: two threads index them, sharing one memory budget.
        let writer = |part: &Part, threads: usize| -> Result<tantivy::IndexWriter<TantivyDocument>, String> {
            part.index.writer_with_num_threads(threads, 80_000_000).map_err(|e| e.to_string())
        };
        let (article_writer, statement_writer) = (writer(&self.articles, 1)?, writer(&self.statements, 2)?);
        let schema = self.articles.index.schema();
        let field = |name: &str| schema.get_field(name).map_err(|e| e.to_string());
        let (file_field, file_key_field, record_field, ordinal_field) =
            (field("file")?, field("file_key")?, field("record")?, field("ordinal")?);
        for path in delete_files {
            article_writer.delete_term(Term::from_field_text(file_field, path));
            statement_writer.delete_term(Term::from_field_text(file_field, path));
        }
        let f = &self.fields;
        for article_index in articles {
            if progress.cancel.load(Ordering::Relaxed) {
                return Err("cancelled".into());
            }
            let meta = &corpus.articles[article_index];
            let path = &corpus.files[meta.file_id as usize].relative_path;
            let statements =
                locator.first_statement[article_index] as usize..locator.first_statement[article_index + 1] as usize;
            // An article that cannot be read again is still found by its metadata.
            let text = corpus.read_text(meta).unwrap_or_default();
            let place = |ordinal: u64| {
                let mut document = TantivyDocument::default();
                document.add_text(file_field, path);
                document.add_u64(file_key_field, file_key(path));
                document.add_u64(record_field, meta.record as u64);
                document.add_u64(ordinal_field, ordinal);
                document
            };
            let mut article = place(u64::MAX);
            article.add_text(f.title, &meta.title);
            if let Some(outlet) = &meta.outlet {
                article.add_text(f.outlet, outlet);
            }
            if let Some(author) = &meta.author {
                article.add_text(f.author, author);
            }
            if let Some(date) = meta.date {
                article.add_i64(f.day, query::day_number(date));
            }
            article.add_text(f.file_type, corpus.files[meta.file_id as usize].format.name());
            article.add_u64(f.has_statements, u64::from(!statements.is_empty()));
            article.add_text(f.text, &text);
            for (ordinal, statement) in corpus.statements[statements.clone()].iter().enumerate() {
                if let Some(speaker) = statement.speaker.as_deref() {
                    article.add_text(f.speaker, speaker);
                }
                let mut document = place(ordinal as u64);
                document.add_text(f.text, statement.text_in(&text).unwrap_or_default());
                if let Some(speaker) = statement.speaker.as_deref() {
                    document.add_text(f.speaker, speaker);
                }
                statement_writer.add_document(document).map_err(|e| e.to_string())?;
            }
            article_writer.add_document(article).map_err(|e| e.to_string())?;
            progress.articles_done.fetch_add(1, Ordering::Relaxed);
        }
        for mut writer in [article_writer, statement_writer] {
            writer.commit().map_err(|e| e.to_string())?;
            writer.wait_merging_threads().map_err(|e| e.to_string())?;
        }
        self.refresh(locator)
    }

    /// Runs a parsed query; returns sorted indices into `corpus.articles` or `corpus.statements`.
    /// `speakers` maps a name typed after `speaker:` to the names found that it stands for.
    pub fn search(&self, node: &Node, scope: Scope, speakers: &SpeakerLookup) -> Result<Vec<u32>, String> {
        let found = match scope {
            Scope::Articles => self.articles_matching(node, speakers)?,
            Scope::Statements => self.statements_matching(node, speakers)?,
        };
        Ok(found.items())
    }

    fn article_count(&self) -> usize {
        self.first_statement.len().saturating_sub(1)
    }

    fn statement_count(&self) -> usize {
        self.first_statement.last().map_or(0, |&count| count as usize)
    }

    /// The items of `part` (`universe` of them) that `query` finds.
    fn found(&self, part: &Part, universe: usize, query: &dyn Query) -> Result<ItemSet, String> {
        part.searcher.search(query, &ItemCollector { items: &part.items, universe }).map_err(|e| e.to_string())
    }

    fn articles_matching(&self, node: &Node, speakers: &SpeakerLookup) -> Result<ItemSet, String> {
        self.found(&self.articles, self.article_count(), self.to_query(node, speakers).as_ref())
    }

    /// Every statement of `articles`.
    fn statements_of(&self, articles: &ItemSet) -> ItemSet {
        let mut statements = ItemSet::empty(self.statement_count());
        for article in articles.items() {
            let article = article as usize;
            statements.insert_range(self.first_statement[article] as usize..self.first_statement[article + 1] as usize);
        }
        statements
    }

    /// The statements matching `node`: parts about the statement itself are asked of the statements'
    /// documents, parts about its article of the articles', and the two are combined as sets.
    fn statements_matching(&self, node: &Node, speakers: &SpeakerLookup) -> Result<ItemSet, String> {
        let (statements, articles) = (self.statement_count(), self.article_count());
        match Level::of(node) {
            Some(Level::Statement) => self.found(&self.statements, statements, self.to_query(node, speakers).as_ref()),
            Some(Level::Article) => Ok(self.statements_of(&self.articles_matching(node, speakers)?)),
            None => match node {
                Node::Word(..) | Node::Phrase(..) | Node::Prefix(..) => {
                    let own = self.in_fields(node, Level::Statement.fields(), speakers);
                    let of_article = self.in_fields(node, Level::Article.fields(), speakers);
                    let mut found = self.found(&self.statements, statements, own.as_ref())?;
                    found.unite(&self.statements_of(&self.found(&self.articles, articles, of_article.as_ref())?));
                    Ok(found)
                }
                Node::Not(inner) => {
                    let mut found = ItemSet::full(statements);
                    found.subtract(&self.statements_matching(inner, speakers)?);
                    Ok(found)
                }
                Node::And(parts) => self.statements_matching_all(parts, speakers, true),
                Node::Or(parts) => self.statements_matching_all(parts, speakers, false),
                // Every other node has a level.
                _ => Ok(ItemSet::empty(statements)),
            },
        }
    }

    /// The statements matching every part of `parts` (`all`), or any. Parts of one level are asked
    /// together, in one query.
    fn statements_matching_all(&self, parts: &[Node], speakers: &SpeakerLookup, all: bool) -> Result<ItemSet, String> {
        statements_matching_parts(parts, all, self.statement_count(), |part| self.statements_matching(part, speakers))
    }

    fn field(&self, field: Field) -> tantivy::schema::Field {
        match field {
            Field::Title => self.fields.title,
            Field::Text => self.fields.text,
            Field::Outlet => self.fields.outlet,
            Field::Author => self.fields.author,
            Field::Speaker => self.fields.speaker,
        }
    }

    /// Words in order in one field: a term, a phrase, or nothing.
    fn words_query(&self, field: tantivy::schema::Field, text: &str) -> Box<dyn Query> {
        let terms: Vec<Term> = analyzed_words(text).iter().map(|t| Term::from_field_text(field, t)).collect();
        match terms.len() {
            0 => Box::new(EmptyQuery),
            1 => Box::new(TermQuery::new(terms[0].clone(), IndexRecordOption::WithFreqs)),
            _ => Box::new(PhraseQuery::new(terms)),
        }
    }

    /// Words, a phrase or a prefix looked for in any of `fields`.
    fn in_fields(&self, node: &Node, fields: &[Field], speakers: &SpeakerLookup) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> =
            fields.iter().map(|&field| (Occur::Should, self.in_field(node, field, speakers))).collect();
        if clauses.len() == 1 {
            clauses.pop().map(|(_, q)| q).unwrap_or(Box::new(EmptyQuery))
        } else {
            Box::new(BooleanQuery::new(clauses))
        }
    }

    /// Words, a phrase or a prefix looked for in `field`.
    fn in_field(&self, node: &Node, field: Field, speakers: &SpeakerLookup) -> Box<dyn Query> {
        match node {
            Node::Word(typed_field, text) | Node::Phrase(typed_field, text) => {
                if field == Field::Speaker && typed_field.is_some() {
                    // Every spelling merged under the speaker asked for. A name holding the words typed is
                    // found by them already: asking for it too would only slow the search (a common surname
                    // is in hundreds of names).
                    let typed = analyzed_words(text);
                    let others = speakers.variants(text).into_iter().filter(|name| {
                        let words = analyzed_words(name);
                        typed.is_empty() || !words.windows(typed.len()).any(|window| window == typed.as_slice())
                    });
                    let clauses: Vec<(Occur, Box<dyn Query>)> = std::iter::once(text.clone())
                        .chain(others)
                        .map(|name| (Occur::Should, self.words_query(self.fields.speaker, &name)))
                        .collect();
                    return Box::new(BooleanQuery::new(clauses));
                }
                self.words_query(self.field(field), text)
            }
            Node::Prefix(_, prefix) => {
                let folded: String =
                    crate::statements::fold_name(prefix).chars().filter(|c| c.is_alphanumeric()).collect();
                RegexQuery::from_pattern(&format!("{}.*", regex::escape(&folded)), self.field(field))
                    .map(|q| Box::new(q) as Box<dyn Query>)
                    .unwrap_or_else(|_| Box::new(EmptyQuery))
            }
            _ => Box::new(EmptyQuery),
        }
    }

    fn to_query(&self, node: &Node, speakers: &SpeakerLookup) -> Box<dyn Query> {
        match node {
            Node::Word(field, _) | Node::Phrase(field, _) | Node::Prefix(field, _) => {
                self.in_fields(node, field.as_ref().map_or(&Field::ALL[..], std::slice::from_ref), speakers)
            }
            Node::Dates(from, to) => {
                let bound = |date: &Option<chrono::NaiveDate>| match date {
                    Some(date) => Bound::Included(Term::from_field_i64(self.fields.day, query::day_number(*date))),
                    None => Bound::Unbounded,
                };
                if from.is_none() && to.is_none() {
                    // `date:[* TO *]`: every dated article.
                    return Box::new(RangeQuery::new(
                        Bound::Included(Term::from_field_i64(self.fields.day, i64::MIN)),
                        Bound::Unbounded,
                    ));
                }
                Box::new(RangeQuery::new(bound(from), bound(to)))
            }
            Node::FileType(name) => {
                Box::new(TermQuery::new(Term::from_field_text(self.fields.file_type, name), IndexRecordOption::Basic))
            }
            Node::HasStatements => {
                Box::new(TermQuery::new(Term::from_field_u64(self.fields.has_statements, 1), IndexRecordOption::Basic))
            }
            Node::And(parts) => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = parts
                    .iter()
                    .map(|part| match part {
                        Node::Not(inner) => (Occur::MustNot, self.to_query(inner, speakers)),
                        other => (Occur::Must, self.to_query(other, speakers)),
                    })
                    .collect();
                if clauses.iter().all(|(occur, _)| *occur == Occur::MustNot) {
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                Box::new(BooleanQuery::new(clauses))
            }
            Node::Or(parts) => Box::new(BooleanQuery::new(
                parts.iter().map(|part| (Occur::Should, self.to_query(part, speakers))).collect(),
            )),
            Node::Not(inner) => Box::new(BooleanQuery::new(vec![
                (Occur::Must, Box::new(AllQuery)),
                (Occur::MustNot, self.to_query(inner, speakers)),
            ])),
        }
    }
}

/// Finds the speaker names that a name typed in a query stands for, through the corpus' merges.
#[derive(Debug, Default)]
pub struct SpeakerLookup {
    /// (folded canonical name, folded name as found, name as found).
    names: Vec<(String, String, String)>,
}

impl SpeakerLookup {
    /// Builds the lookup from the names found and the canonical names they map to.
    pub fn new(found: &BTreeMap<String, usize>, names: &SpeakerNames) -> SpeakerLookup {
        let fold = |s: &str| s.split_whitespace().map(crate::statements::fold_name).collect::<Vec<_>>().join(" ");
        SpeakerLookup {
            names: found.keys().map(|name| (fold(names.canonical(name)), fold(name), name.clone())).collect(),
        }
    }

    /// Names found whose canonical name (or own spelling) holds the words typed.
    pub fn variants(&self, typed: &str) -> Vec<String> {
        let wanted: Vec<String> = typed.split_whitespace().map(crate::statements::fold_name).collect();
        if wanted.is_empty() {
            return Vec::new();
        }
        let holds = |name: &str| {
            let words: Vec<&str> = name.split(' ').collect();
            words.windows(wanted.len()).any(|w| w.iter().zip(&wanted).all(|(a, b)| *a == b.as_str()))
        };
        self.names
            .iter()
            .filter(|(canonical, own, _)| holds(canonical) || holds(own))
            .map(|(_, _, n)| n.clone())
            .collect()
    }
}

/// Parses and runs a query in one step; the error says where the query is wrong.
pub fn run(
    index: &SearchIndex,
    text: &str,
    scope: Scope,
    topics: &crate::topics::Topics,
    speakers: &SpeakerLookup,
) -> Result<Vec<u32>, QueryError> {
    let node = query::parse(text, &|name| topics.query_of(name))?;
    index.search(&node, scope, speakers).map_err(|message| QueryError { message, start: 0, end: 0 })
}

/// What a topic matches: its articles and its statements.
pub fn topic_hits(
    index: &SearchIndex,
    name: &str,
    topics: &crate::topics::Topics,
    speakers: &SpeakerLookup,
) -> Result<crate::timeline::TopicHits, QueryError> {
    let query = format!("topic:\"{}\"", name.replace('"', ""));
    Ok(crate::timeline::TopicHits {
        articles: run(index, &query, Scope::Articles, topics, speakers)?,
        statements: run(index, &query, Scope::Statements, topics, speakers)?,
    })
}

/// What a query looks for in an article's words, for highlighting.
enum Wanted {
    Words(Vec<String>),
    Prefix(String),
}

/// The words of a text as the index holds them (lower case, accents folded, stems), with their byte ranges.
fn analyzed_tokens(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut analyzer = analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut tokens = Vec::new();
    while let Some(token) = stream.next() {
        tokens.push((token.text.clone(), token.offset_from..token.offset_to));
    }
    tokens
}

/// The words of a text as the index holds them.
fn analyzed_words(text: &str) -> Vec<String> {
    analyzed_tokens(text).into_iter().map(|(word, _)| word).collect()
}

fn wanted_in_text(node: &Node, wanted: &mut Vec<Wanted>) {
    match node {
        Node::Word(field, text) | Node::Phrase(field, text)
            if matches!(field, None | Some(Field::Title | Field::Text)) =>
        {
            let words = analyzed_words(text);
            if !words.is_empty() {
                wanted.push(Wanted::Words(words));
            }
        }
        Node::Prefix(field, prefix) if matches!(field, None | Some(Field::Title | Field::Text)) => {
            wanted.push(Wanted::Prefix(crate::statements::fold_name(prefix)));
        }
        Node::And(parts) | Node::Or(parts) => parts.iter().for_each(|part| wanted_in_text(part, wanted)),
        _ => {}
    }
}

/// Where a query's words (not those it excludes) occur in a text: sorted, merged byte ranges.
pub fn match_ranges(text: &str, node: &Node) -> Vec<std::ops::Range<usize>> {
    let mut wanted = Vec::new();
    wanted_in_text(node, &mut wanted);
    if wanted.is_empty() {
        return Vec::new();
    }
    let tokens = analyzed_tokens(text);
    let mut ranges = Vec::new();
    for want in &wanted {
        match want {
            Wanted::Words(words) => {
                for start in 0..tokens.len().saturating_sub(words.len() - 1) {
                    if words.iter().enumerate().all(|(i, w)| tokens[start + i].0 == *w) {
                        ranges.push(tokens[start].1.start..tokens[start + words.len() - 1].1.end);
                    }
                }
            }
            Wanted::Prefix(prefix) => {
                ranges.extend(tokens.iter().filter(|(t, _)| t.starts_with(prefix.as_str())).map(|(_, r)| r.clone()))
            }
        }
    }
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<std::ops::Range<usize>> = Vec::new();
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_are_found_by_stem_phrase_and_prefix_but_not_where_excluded() {
        let text = "US troops withdrew. The withdrawal of American forces began; Iraq asked for it.";
        let node = query::parse("withdrawal \"American forces\" Ira* -asked", &|_| None).unwrap();
        let found: Vec<&str> = match_ranges(text, &node).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["withdrawal", "American forces", "Iraq"]);
        let none = query::parse("speaker:troops", &|_| None).unwrap();
        assert!(match_ranges(text, &none).is_empty());
    }
}
