//! The extraction cache: what was read from each file (metadata, statements, problems), kept in the cache
//! folder so a corpus reopens without reading its files again. Files are reused one by one while their
//! size and modification time hold; a cache that is damaged or from another version is rebuilt, never trusted.

use crate::article::ArticleMeta;
use crate::corpus::{Corpus, CorpusStatement, FileEntry, FileResult, Problem};
use crate::duplicates::StoryFingerprint;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::{BufRead, Read, Write};
use std::path::Path;

/// Names the layout and the extraction rules; a cache written under another name is ignored, and so is a
/// search index (it finds statements by their place in their article). Bump the number when the rules
/// change; the crate version is part of it so that every release reads files afresh.
pub const CACHE_VERSION: &str = concat!("dossier-extract-18 ", env!("CARGO_PKG_VERSION"));

/// A file modified within this many nanoseconds before it was read may have changed again in the same tick
/// of a coarse file-system clock after the read, so such a file is compared by content.
const UNSURE_NANOS: u64 = 2_000_000_000;

/// What was read from one file, as saved.
#[derive(Debug, Serialize, Deserialize)]
pub struct CachedFile {
    entry: FileEntry,
    articles: Vec<ArticleMeta>,
    /// With `article` counted within the file.
    statements: Vec<CorpusStatement>,
    problems: Vec<Problem>,
    /// Parallel to `articles`: kept so that finding copies after a reopen reads no text.
    fingerprints: Vec<StoryFingerprint>,
}

/// The same, borrowed from a corpus for saving; only the statements are copied (a chunk at a time), to
/// count their articles within the file.
#[derive(Serialize)]
struct CachedFileRef<'a> {
    entry: &'a FileEntry,
    articles: &'a [ArticleMeta],
    statements: Vec<CorpusStatement>,
    problems: Vec<&'a Problem>,
    fingerprints: &'a [StoryFingerprint],
}

/// Whether a listed file can be taken from the cache.
#[derive(Debug, PartialEq, Eq)]
pub enum Reuse {
    /// Its size and modification time are as cached.
    Yes,
    /// Size and time agree, but the time is too close to the file's reading to be sure: compare contents
    /// with `content_hash`.
    IfContentIsUnchanged,
    /// Changed.
    No,
}

impl CachedFile {
    /// The file's path relative to the corpus root.
    pub fn relative_path(&self) -> &str {
        &self.entry.relative_path
    }

    /// The hash of the file's bytes when it was read.
    pub fn content_hash(&self) -> u64 {
        self.entry.content_hash
    }

    /// Whether the listed file is unchanged since it was cached.
    pub fn reuse(&self, listed: &FileEntry) -> Reuse {
        let (Some(modified), Some(cached_modified)) = (listed.modified, self.entry.modified) else {
            return Reuse::No;
        };
        if self.entry.size != listed.size || cached_modified != modified || self.entry.format != listed.format {
            return Reuse::No;
        }
        if modified.saturating_add(UNSURE_NANOS) >= self.entry.read_at {
            return Reuse::IfContentIsUnchanged;
        }
        Reuse::Yes
    }

    /// The cached result as file `file_id` of the new listing. `checked_at` is when its content was found
    /// unchanged, if it was read to compare.
    pub fn into_result(self, file_id: u32, listed: &FileEntry, checked_at: Option<u64>) -> FileResult {
        let mut articles = self.articles;
        for meta in &mut articles {
            meta.file_id = file_id;
        }
        FileResult {
            file_id,
            entry: FileEntry {
                raw_path: listed.raw_path.clone(),
                read_at: checked_at.unwrap_or(self.entry.read_at),
                ..self.entry
            },
            articles,
            statements: self.statements,
            fingerprints: self.fingerprints,
            problems: self.problems,
            from_cache: true,
        }
    }
}

/// Marks the start of a cache file, so that a file of anything else is known as damaged.
const MAGIC: &[u8] = b"DOSSIER-CACHE\n";

/// A cache file read chunk by chunk, so a big cache is never held whole in memory.
pub struct CacheReader {
    file: std::io::BufReader<std::fs::File>,
    /// The file's size: no length or count read from it can be larger in an undamaged cache.
    size: u64,
    /// How many articles and statements the cache holds.
    pub expected: (usize, usize),
}

impl CacheReader {
    /// Opens a cache file: `Ok(None)` when there is none or it was written by another version, an error
    /// when it is damaged.
    pub fn open(path: &Path) -> Result<Option<CacheReader>, String> {
        let file = match std::fs::File::open(path) {
            Ok(file) => file,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(error) => return Err(format!("cannot read the cache: {error}")),
        };
        let size = file.metadata().map_err(|error| format!("cannot read the cache: {error}"))?.len();
        let mut file = std::io::BufReader::new(file);
        let mut magic = [0u8; MAGIC.len()];
        file.read_exact(&mut magic).map_err(|_| damaged("too short"))?;
        if magic != MAGIC {
            return Err(damaged("not a cache file"));
        }
        let version = read_block(&mut file, 256).map_err(damaged)?;
        if version != CACHE_VERSION.as_bytes() {
            return Ok(None);
        }
        let (articles, statements) = (read_u64(&mut file), read_u64(&mut file));
        let (Ok(articles), Ok(statements)) = (articles, statements) else { return Err(damaged("too short")) };
        // Each article and statement takes at least a byte of the file: bigger counts are damage, and must
        // not be trusted to make room in memory.
        if articles > size || statements > size {
            return Err(damaged("counts out of bounds"));
        }
        Ok(Some(CacheReader { file, size, expected: (articles as usize, statements as usize) }))
    }

    /// The next chunk's bytes, `None` at the end.
    pub fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, String> {
        if self.file.fill_buf().map_err(|e| e.to_string())?.is_empty() {
            return Ok(None);
        }
        read_block(&mut self.file, self.size).map(Some).map_err(damaged)
    }
}

/// The problem reported for a damaged cache.
fn damaged(what: impl std::fmt::Display) -> String {
    format!("the cache was damaged ({what}); rebuilt")
}

fn read_u64(file: &mut impl Read) -> std::io::Result<u64> {
    let mut bytes = [0u8; 8];
    file.read_exact(&mut bytes)?;
    Ok(u64::from_le_bytes(bytes))
}

/// An 8-byte little-endian length and that many bytes.
fn read_block(file: &mut impl Read, max: u64) -> Result<Vec<u8>, String> {
    let length = read_u64(file).map_err(|_| "too short".to_owned())?;
    if length > max {
        return Err("a length out of bounds".into());
    }
    let mut bytes = Vec::new();
    file.take(length).read_to_end(&mut bytes).map_err(|e| e.to_string())?;
    if bytes.len() as u64 != length {
        return Err("cut short".into());
    }
    Ok(bytes)
}

fn write_block(file: &mut impl Write, bytes: &[u8]) -> std::io::Result<()> {
    file.write_all(&(bytes.len() as u64).to_le_bytes())?;
    file.write_all(bytes)
}

/// Decodes the files of one chunk.
pub fn decode_chunk(bytes: &[u8]) -> Result<Vec<CachedFile>, String> {
    postcard::from_bytes(bytes).map_err(damaged)
}

/// Saves what a fully loaded corpus read from each file, atomically.
pub fn save(corpus: &Corpus, path: &Path) -> std::io::Result<()> {
    let mut problems_of: HashMap<&str, Vec<&Problem>> = HashMap::new();
    for problem in &corpus.problems {
        problems_of.entry(problem.path.as_str()).or_default().push(problem);
    }
    crate::store::write_atomically_with(path, |file| {
        file.write_all(MAGIC)?;
        write_block(file, CACHE_VERSION.as_bytes())?;
        // Files that could not be read hold no articles, so the corpus' counts are the cache's.
        file.write_all(&(corpus.articles.len() as u64).to_le_bytes())?;
        file.write_all(&(corpus.statements.len() as u64).to_le_bytes())?;
        let mut add_chunk = |chunk: &[CachedFileRef]| -> std::io::Result<()> {
            write_block(file, &postcard::to_stdvec(chunk).map_err(std::io::Error::other)?)
        };
        // Articles are sorted by file and statements by article, so each file's share of both is one run;
        // a chunk at a time is copied, with statements counted within their file.
        let mut chunk = Vec::with_capacity(FILES_PER_CHUNK);
        let (mut article_start, mut statement_start) = (0, 0);
        for (file_id, entry) in corpus.files.iter().enumerate() {
            let article_end = article_start
                + corpus.articles[article_start..].iter().take_while(|a| a.file_id as usize == file_id).count();
            let statement_end = statement_start
                + corpus.statements[statement_start..]
                    .iter()
                    .take_while(|s| (s.article as usize) < article_end)
                    .count();
            // A file that could not be read (permission denied, binary) is tried again next time.
            if entry.encoding.is_some() {
                let statements = corpus.statements[statement_start..statement_end]
                    .iter()
                    .map(|s| CorpusStatement { article: s.article - article_start as u32, ..s.clone() })
                    .collect();
                chunk.push(CachedFileRef {
                    entry,
                    articles: &corpus.articles[article_start..article_end],
                    statements,
                    problems: problems_of.remove(entry.relative_path.as_str()).unwrap_or_default(),
                    fingerprints: corpus.fingerprints.get(article_start..article_end).unwrap_or_default(),
                });
            }
            if chunk.len() == FILES_PER_CHUNK {
                add_chunk(&chunk)?;
                chunk.clear();
            }
            (article_start, statement_start) = (article_end, statement_end);
        }
        if !chunk.is_empty() {
            add_chunk(&chunk)?;
        }
        Ok(())
    })
}

/// The cache is saved in chunks of this many files, each with its length before it, so chunks can be
/// read one at a time and decoded in parallel.
const FILES_PER_CHUNK: usize = 512;
