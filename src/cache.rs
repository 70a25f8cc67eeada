//! The extraction cache: what was read from each file (metadata, statements, problems), kept in the cache
//! folder so a corpus reopens without reading its files again. Files are reused one by one while their
//! size and modification time hold; a cache that is damaged or from another version is rebuilt, never trusted.

use crate::article::ArticleMeta;
use crate::corpus::{Corpus, CorpusStatement, FileEntry, FileResult, Problem};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

/// Names the layout and the extraction rules; a cache written under another name is ignored, and so is a
/// search index (it finds statements by their place in their article). Bump the number when the rules
/// change; the crate version is part of it so that every release reads files afresh.
pub const CACHE_VERSION: &str = concat!("dossier-extract-3 ", env!("CARGO_PKG_VERSION"));

/// A file modified within this many nanoseconds before it was read may have changed again in the same tick
/// of a coarse file-system clock after the read, so such a file is compared by content.
const UNSURE_NANOS: u64 = 2_000_000_000;

/// What was read from one file, as saved.
#[derive(Debug, Serialize, Deserialize)]
struct CachedFile {
    entry: FileEntry,
    articles: Vec<ArticleMeta>,
    /// With `article` counted within the file.
    statements: Vec<CorpusStatement>,
    problems: Vec<Problem>,
}

/// The same, borrowed from a corpus for saving without copying it.
#[derive(Serialize)]
struct CachedFileRef<'a> {
    entry: &'a FileEntry,
    articles: &'a [ArticleMeta],
    statements: Vec<CorpusStatement>,
    problems: Vec<&'a Problem>,
}

/// The cached files of a corpus, by relative path.
#[derive(Debug, Default)]
pub struct ExtractionCache {
    files: HashMap<String, CachedFile>,
}

/// Whether a listed file can be taken from the cache.
#[derive(Debug, PartialEq, Eq)]
pub enum Reuse {
    /// Its size and modification time are as cached.
    Yes,
    /// Size and time agree, but the time is too close to the cache's writing to be sure: compare contents.
    IfContentIs(u64),
    /// Not cached, or changed.
    No,
}

impl ExtractionCache {
    /// Loads the cache file, decoding its chunks on `threads` threads; a missing, damaged or old one gives
    /// an empty cache (and a reason when damaged).
    pub fn load(path: &Path, threads: usize) -> (ExtractionCache, Option<String>) {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Default::default(),
            Err(error) => return (Default::default(), Some(format!("cannot read the cache: {error}"))),
        };
        let damaged = |error: String| (Default::default(), Some(format!("the cache was damaged ({error}); rebuilt")));
        let chunks = match postcard::take_from_bytes::<String>(&bytes) {
            Ok((version, rest)) if version == CACHE_VERSION => match split_chunks(rest) {
                Some(chunks) => chunks,
                None => return damaged("a chunk runs past the end".into()),
            },
            Ok(_) => return Default::default(),
            Err(error) => return damaged(error.to_string()),
        };
        let threads = threads.clamp(1, chunks.len().max(1));
        let decoded: Vec<Result<Vec<CachedFile>, postcard::Error>> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .map(|worker| {
                    let chunks = &chunks;
                    scope.spawn(move || {
                        chunks.iter().skip(worker).step_by(threads).map(|c| postcard::from_bytes(c)).collect::<Vec<_>>()
                    })
                })
                .collect();
            workers.into_iter().flat_map(|w| w.join().unwrap_or_default()).collect()
        });
        let mut files = HashMap::new();
        for chunk in decoded {
            match chunk {
                Ok(chunk) => files.extend(chunk.into_iter().map(|f| (f.entry.relative_path.clone(), f))),
                Err(error) => return damaged(error.to_string()),
            }
        }
        (ExtractionCache { files }, None)
    }

    /// How many articles and statements are cached.
    pub fn held(&self) -> (usize, usize) {
        self.files.values().fold((0, 0), |(a, s), f| (a + f.articles.len(), s + f.statements.len()))
    }

    /// True when nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Whether a listed file is unchanged since it was cached.
    pub fn reuse(&self, listed: &FileEntry) -> Reuse {
        let Some(cached) = self.files.get(&listed.relative_path) else { return Reuse::No };
        let (Some(modified), Some(cached_modified)) = (listed.modified, cached.entry.modified) else {
            return Reuse::No;
        };
        if cached.entry.size != listed.size || cached_modified != modified || cached.entry.format != listed.format {
            return Reuse::No;
        }
        if modified.saturating_add(UNSURE_NANOS) >= cached.entry.read_at {
            return Reuse::IfContentIs(cached.entry.content_hash);
        }
        Reuse::Yes
    }

    /// Takes a file's cached result out, renumbered as file `file_id` of the new listing. `checked_at` is
    /// when its content was found unchanged, if it was read to compare.
    pub fn take(&mut self, file_id: u32, listed: &FileEntry, checked_at: Option<u64>) -> Option<FileResult> {
        let cached = self.files.remove(&listed.relative_path)?;
        let mut articles = cached.articles;
        for meta in &mut articles {
            meta.file_id = file_id;
        }
        Some(FileResult {
            file_id,
            entry: FileEntry {
                raw_path: listed.raw_path.clone(),
                read_at: checked_at.unwrap_or(cached.entry.read_at),
                ..cached.entry
            },
            articles,
            statements: cached.statements,
            problems: cached.problems,
            from_cache: true,
        })
    }

    /// How many cached files were not taken (deleted or changed since).
    pub fn left_over(&self) -> usize {
        self.files.len()
    }
}

/// Saves what a fully loaded corpus read from each file, atomically.
pub fn save(corpus: &Corpus, path: &Path) -> std::io::Result<()> {
    let mut problems_of: HashMap<&str, Vec<&Problem>> = HashMap::new();
    for problem in &corpus.problems {
        problems_of.entry(problem.path.as_str()).or_default().push(problem);
    }
    crate::store::write_atomically_with(path, |file| {
        file.write_all(&postcard::to_stdvec(CACHE_VERSION).map_err(std::io::Error::other)?)?;
        let mut add_chunk = |chunk: &[CachedFileRef]| -> std::io::Result<()> {
            let encoded = postcard::to_stdvec(chunk).map_err(std::io::Error::other)?;
            file.write_all(&(encoded.len() as u64).to_le_bytes())?;
            file.write_all(&encoded)
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
/// decoded in parallel.
const FILES_PER_CHUNK: usize = 512;

/// The chunks after the version: each an 8-byte little-endian length and that many bytes.
fn split_chunks(mut rest: &[u8]) -> Option<Vec<&[u8]>> {
    let mut chunks = Vec::new();
    while !rest.is_empty() {
        let (length, after) = rest.split_first_chunk::<8>()?;
        let length = usize::try_from(u64::from_le_bytes(*length)).ok()?;
        if length > after.len() {
            return None;
        }
        chunks.push(&after[..length]);
        rest = &after[length..];
    }
    Some(chunks)
}
