//! `dossier index PATH --to URL`: reads a corpus on every core (the local loader and its cache) and
//! bulk-loads its articles and statements into OpenSearch, sending only files whose content changed since
//! the last run and deleting the documents of files removed since.
//!
//! Nothing is lost or doubled by an interruption: documents have ids made of their file, the file's
//! content version and their record, so sending a file again overwrites them; a file's manifest entry
//! (`NAME-files`) is written only after all its documents were acknowledged, and only then are its older
//! versions' documents deleted. A run after an interruption sends the files without an entry again.
//!
//! An interruption can also leave documents the manifest does not account for (a run killed after a file's
//! documents were acknowledged but before its entry was written, the file then removed or changed back):
//! each run first lists which versions of which files have documents, deletes those of files no longer in
//! the corpus, and sends again the files whose documents are not exactly their current version.

use super::client::{Client, ErrorKind, RemoteError, Target};
use super::mapping;
use crate::corpus::{self, Corpus, CorpusSource};
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Test hook: the process exits abruptly (code 75) once this many files' manifest entries are written,
/// as if killed mid-run, leaving other files' documents sent but unacknowledged in the manifest.
pub const ENV_STOP_AFTER_FILES: &str = "DOSSIER_INDEX_STOP_AFTER_FILES";

/// A bulk request is sent once its body reaches this size.
const BULK_BYTES: usize = 4 << 20;
/// Files sent before their documents are flushed and their manifest entries written.
const FILES_PER_FLUSH: usize = 100;

/// This machine's share of a corpus ingested by several at once: files whose path hashes to `index - 1`
/// modulo `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    /// From 1 to `count`.
    pub index: u64,
    /// How many machines share the corpus.
    pub count: u64,
}

impl Part {
    /// Reads `i/n` with 1 ≤ i ≤ n.
    pub fn parse(text: &str) -> Result<Part, String> {
        let (index, count) = text.split_once('/').ok_or_else(|| format!("--part `{text}` should look like 2/4"))?;
        let (index, count) = (index.trim().parse::<u64>(), count.trim().parse::<u64>());
        match (index, count) {
            (Ok(index), Ok(count)) if index >= 1 && index <= count => Ok(Part { index, count }),
            _ => Err(format!("--part `{text}`: expected i/n with 1 ≤ i ≤ n")),
        }
    }

    /// True when the file at `relative_path` is this part's.
    pub fn holds(&self, relative_path: &str) -> bool {
        mapping::part_key(relative_path) % self.count == self.index - 1
    }
}

/// What an ingest did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct IngestReport {
    /// Files of this part in the corpus.
    pub files: usize,
    /// Files whose documents were sent.
    pub files_sent: usize,
    /// Files already there in this version.
    pub files_unchanged: usize,
    /// Files removed from the corpus whose documents were deleted.
    pub files_removed: usize,
    /// Articles and statements sent.
    pub articles_sent: u64,
    /// Statements sent.
    pub statements_sent: u64,
    /// Bytes of the files sent (as on disk).
    pub bytes_sent: u64,
    /// Requests (or the refused part of a bulk request) sent again because the cluster answered 429 or 5xx.
    pub retried: u64,
    /// Problems met reading files (they are sent with what could be read).
    pub problems: Vec<corpus::Problem>,
    /// Time spent reading and extracting the corpus.
    pub load_time: Duration,
    /// Time spent in all.
    pub total_time: Duration,
}

/// Options of an ingest.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Reader and sender threads.
    pub threads: usize,
    /// This machine's share, if the corpus is split among several.
    pub part: Option<Part>,
    /// Print progress on stderr.
    pub progress: bool,
}

/// Creates the three indices unless they exist.
pub fn ensure_indices(client: &Client, target: &Target) -> Result<(), RemoteError> {
    for (index, body) in [
        (target.articles(), mapping::articles_index()),
        (target.statements(), mapping::statements_index()),
        (target.files(), mapping::files_index()),
    ] {
        let (status, _) = client.send("HEAD", &format!("/{index}"), None)?;
        if status == 200 {
            if index == target.statements() {
                // An index made by an earlier version gains the fields added since (its files are sent
                // again: their version names the mapping).
                let body = mapping::statement_fields_added().to_string();
                client.ok("PUT", &format!("/{index}/_mapping"), Some(body.as_bytes()))?;
            }
            continue;
        }
        let (status, answer) = client.send("PUT", &format!("/{index}"), Some(body.to_string().as_bytes()))?;
        // Another machine's part may have created it a moment ago.
        if !(200..300).contains(&status) && answer["error"]["type"] != "resource_already_exists_exception" {
            return Err(RemoteError::new(
                ErrorKind::Server,
                format!("cannot create the index {index}: {}", answer["error"]["reason"].as_str().unwrap_or("?")),
            ));
        }
    }
    Ok(())
}

/// One manifest entry: a file's path and the version of its documents in the cluster.
#[derive(Debug, Clone)]
struct ManifestEntry {
    version: String,
}

/// Every manifest entry, by path.
fn read_manifest(client: &Client, target: &Target) -> Result<HashMap<String, ManifestEntry>, RemoteError> {
    let mut entries = HashMap::new();
    super::reader::scan(
        client,
        &target.files(),
        &json!({"match_all": {}}),
        &[("file", "asc")],
        Some(json!(["file", "version"])),
        |hit| {
            let source = &hit["_source"];
            if let (Some(file), Some(version)) = (source["file"].as_str(), source["version"].as_str()) {
                entries.insert(file.to_owned(), ManifestEntry { version: version.to_owned() });
            }
            Ok(())
        },
    )?;
    Ok(entries)
}

/// Which versions of which files have documents in the article or statement index: normally each file's
/// manifest version only; anything else is the leftover of an interrupted run.
fn indexed_versions(client: &Client, target: &Target) -> Result<HashMap<String, HashSet<String>>, RemoteError> {
    let mut versions: HashMap<String, HashSet<String>> = HashMap::new();
    let mut after: Option<Value> = None;
    loop {
        // A composite aggregation pages through every (file, version) pair, however many files there are.
        let mut composite = json!({"size": 1000, "sources": [
            {"file": {"terms": {"field": "file"}}}, {"version": {"terms": {"field": "version"}}}]});
        if let Some(after) = &after {
            composite["after"] = after.clone();
        }
        let body = json!({"size": 0, "track_total_hits": false, "aggs": {"pairs": {"composite": composite}}});
        let answer =
            client.ok_json("POST", &format!("/{},{}/_search", target.articles(), target.statements()), &body)?;
        let pairs = &answer["aggregations"]["pairs"];
        let buckets = pairs["buckets"].as_array().map(Vec::as_slice).unwrap_or_default();
        for bucket in buckets {
            if let (Some(file), Some(version)) = (bucket["key"]["file"].as_str(), bucket["key"]["version"].as_str()) {
                versions.entry(file.to_owned()).or_default().insert(version.to_owned());
            }
        }
        match pairs.get("after_key") {
            Some(key) if !buckets.is_empty() => after = Some(key.clone()),
            _ => return Ok(versions),
        }
    }
}

/// Ingests the corpus at `path` into `target`.
pub fn ingest(path: &Path, target: &Target, options: &IngestOptions) -> Result<IngestReport, RemoteError> {
    let started = Instant::now();
    let client = Client::from_env(&target.base)?;
    client.check()?;
    ensure_indices(&client, target)?;
    // Documents of earlier runs must be searchable for the deletes of stale versions below.
    client.ok("POST", &format!("/{},{}/_refresh", target.articles(), target.statements()), None)?;

    let source = CorpusSource::from_path(path);
    let cache_file = crate::store::extraction_cache_file(&source).map(|file| match options.part {
        // A part's cache holds its files only: it must not replace the whole corpus' cache.
        Some(part) => file.with_file_name(format!("extracted-part-{}-of-{}.bin", part.index, part.count)),
        None => file,
    });
    let keep: Option<crate::loading::FileFilter> =
        options.part.map(|part| Arc::new(move |path: &str| part.holds(path)) as crate::loading::FileFilter);
    if options.progress {
        eprintln!("dossier: reading {} on {} threads", path.display(), options.threads);
    }
    let corpus = crate::loading::load_cached_filtered(&source, options.threads, cache_file.as_deref(), keep)
        .map_err(|message| RemoteError::new(ErrorKind::Settings, message))?;
    let load_time = started.elapsed();

    let sender = Sender::new(&corpus, &client, target);
    let manifest = read_manifest(&client, target)?;
    let indexed = indexed_versions(&client, target)?;
    let mut report = IngestReport { files: corpus.files.len(), load_time, ..IngestReport::default() };
    let present: HashSet<&str> = corpus.files.iter().map(|f| f.relative_path.as_str()).collect();
    // Files with a manifest entry or documents, gone from the corpus: the documents may be there without an
    // entry when a run was killed after they were acknowledged.
    let mut removed: Vec<&String> = manifest
        .keys()
        .chain(indexed.keys().filter(|file| !manifest.contains_key(*file)))
        .filter(|file| !present.contains(file.as_str()))
        .filter(|file| options.part.is_none_or(|part| part.holds(file)))
        .collect();
    removed.sort();
    for file in &removed {
        delete_file(&client, target, file)?;
    }
    report.files_removed = removed.len();

    let to_send: Vec<u32> = (0..corpus.files.len() as u32)
        .filter(|&f| {
            let entry = &corpus.files[f as usize];
            let version = mapping::file_version(entry.content_hash);
            let in_manifest = manifest.get(&entry.relative_path).is_some_and(|m| m.version == version);
            // Documents of another version, or none of this one, behind an entry that says this version: a run
            // killed between sending a new version and writing its entry, and the file changed back since.
            let has_documents = !sender.articles_of_file[f as usize].is_empty();
            let documents_match = match indexed.get(&entry.relative_path) {
                Some(versions) => versions.len() == 1 && versions.contains(&version),
                None => !has_documents,
            };
            !(in_manifest && documents_match)
        })
        .collect();
    report.files_unchanged = corpus.files.len() - to_send.len();
    if options.progress {
        eprintln!(
            "dossier: read {} files ({} articles, {} statements) in {:.1} s; {} to send, {} unchanged, {} removed",
            corpus.files.len(),
            corpus.articles.len(),
            corpus.statements.len(),
            load_time.as_secs_f64(),
            to_send.len(),
            report.files_unchanged,
            report.files_removed
        );
    }
    sender.send_files(&to_send, options)?;
    client.ok("POST", &format!("/{},{},{}/_refresh", target.articles(), target.statements(), target.files()), None)?;
    report.files_sent = sender.files_done.load(Ordering::Relaxed);
    report.articles_sent = sender.articles_sent.load(Ordering::Relaxed);
    report.statements_sent = sender.statements_sent.load(Ordering::Relaxed);
    report.bytes_sent = sender.bytes_sent.load(Ordering::Relaxed);
    report.retried = client.retried();
    report.problems = corpus.problems.clone();
    report.total_time = started.elapsed();
    Ok(report)
}

/// Deletes a removed file's documents, then its manifest entry.
fn delete_file(client: &Client, target: &Target, file: &str) -> Result<(), RemoteError> {
    delete_matching(client, target, &json!({"term": {"file": file}}))?;
    let (status, answer) =
        client.send("DELETE", &format!("/{}/_doc/{}", target.files(), mapping::file_id(file)), None)?;
    if status != 200 && status != 404 {
        return Err(RemoteError::new(ErrorKind::Server, format!("cannot delete the manifest of {file}: {answer}")));
    }
    Ok(())
}

/// How many files' older documents one query looks for.
const STALE_FILES_PER_QUERY: usize = 250;

/// Deletes the articles and statements matching `query`: their ids are paged by a search, then deleted in
/// bulk. (`_delete_by_query` would do it in one request, but it comes with the reindex module, which a
/// minimal node may lack.)
fn delete_matching(client: &Client, target: &Target, query: &Value) -> Result<(), RemoteError> {
    use super::reader::{ARTICLE_ORDER, STATEMENT_ORDER, scan};
    for (index, order) in [(target.articles(), &ARTICLE_ORDER[..]), (target.statements(), &STATEMENT_ORDER[..])] {
        let mut body = String::new();
        scan(client, &index, query, order, None, |hit| {
            if let Some(id) = hit["_id"].as_str() {
                let _ = writeln!(body, "{}", json!({"delete": {"_index": index, "_id": id}}));
            }
            Ok(())
        })?;
        if !body.is_empty() {
            send_bulk(client, &body).map_err(|error| {
                RemoteError::new(error.kind, format!("old documents in {index} could not be deleted: {error}"))
            })?;
        }
    }
    Ok(())
}

/// Sends files' documents on several threads, each with its own bulk buffer.
struct Sender<'a> {
    corpus: &'a Corpus,
    client: &'a Client,
    target: &'a Target,
    /// For each file, its articles' range in `corpus.articles`.
    articles_of_file: Vec<std::ops::Range<usize>>,
    /// For each article, the index of its first statement; one more entry at the end.
    first_statement: Vec<usize>,
    files_done: AtomicUsize,
    articles_sent: AtomicU64,
    statements_sent: AtomicU64,
    bytes_sent: AtomicU64,
    failed: AtomicBool,
}

/// A bulk body being filled, and the files whose documents are all in it or already acknowledged.
#[derive(Default)]
struct Batch {
    body: String,
    complete: Vec<u32>,
}

impl<'a> Sender<'a> {
    fn new(corpus: &'a Corpus, client: &'a Client, target: &'a Target) -> Sender<'a> {
        let mut articles_of_file = vec![0..0; corpus.files.len()];
        let mut start = 0;
        while start < corpus.articles.len() {
            let file = corpus.articles[start].file_id;
            let end = start + corpus.articles[start..].iter().take_while(|a| a.file_id == file).count();
            articles_of_file[file as usize] = start..end;
            start = end;
        }
        let mut first_statement = Vec::with_capacity(corpus.articles.len() + 1);
        let mut next = 0;
        for article in 0..corpus.articles.len() {
            while next < corpus.statements.len() && (corpus.statements[next].article as usize) < article {
                next += 1;
            }
            first_statement.push(next);
        }
        first_statement.push(corpus.statements.len());
        Sender {
            corpus,
            client,
            target,
            articles_of_file,
            first_statement,
            files_done: AtomicUsize::new(0),
            articles_sent: AtomicU64::new(0),
            statements_sent: AtomicU64::new(0),
            bytes_sent: AtomicU64::new(0),
            failed: AtomicBool::new(false),
        }
    }

    fn send_files(&self, files: &[u32], options: &IngestOptions) -> Result<(), RemoteError> {
        let next = AtomicUsize::new(0);
        let stop_after: Option<usize> = std::env::var(ENV_STOP_AFTER_FILES).ok().and_then(|v| v.parse().ok());
        let started = Instant::now();
        let total_bytes: u64 = files.iter().map(|&f| self.corpus.files[f as usize].size).sum();
        let finished = AtomicBool::new(false);
        let result = std::thread::scope(|scope| {
            if options.progress {
                let (finished, started) = (&finished, started);
                scope.spawn(move || {
                    let mut last = Instant::now();
                    while !finished.load(Ordering::Relaxed) {
                        std::thread::sleep(Duration::from_millis(100));
                        if last.elapsed() >= Duration::from_secs(1) {
                            last = Instant::now();
                            self.print_progress(files.len(), total_bytes, started);
                        }
                    }
                });
            }
            let workers: Vec<_> = (0..options.threads.max(1))
                .map(|_| {
                    scope.spawn(|| -> Result<(), RemoteError> {
                        let mut batch = Batch::default();
                        loop {
                            if self.failed.load(Ordering::Relaxed) {
                                return Ok(());
                            }
                            let Some(&file) = files.get(next.fetch_add(1, Ordering::Relaxed)) else { break };
                            self.add_file(file, &mut batch)
                                .inspect_err(|_| self.failed.store(true, Ordering::Relaxed))?;
                            batch.complete.push(file);
                            // Under the test hook each file is its own batch, so the stop comes after a known file.
                            // Files are acknowledged (their manifest written) a hundred at a time, so progress
                            // shows and an interruption loses at most that many files' work.
                            let is_due = batch.body.len() >= BULK_BYTES || batch.complete.len() >= FILES_PER_FLUSH;
                            if is_due || stop_after.is_some() {
                                self.flush(&mut batch, stop_after)
                                    .inspect_err(|_| self.failed.store(true, Ordering::Relaxed))?;
                            }
                        }
                        self.flush(&mut batch, stop_after).inspect_err(|_| self.failed.store(true, Ordering::Relaxed))
                    })
                })
                .collect();
            let mut result = Ok(());
            for worker in workers {
                let outcome = worker.join().unwrap_or_else(|_| {
                    Err(RemoteError::new(ErrorKind::Server, "internal error: a sending thread panicked"))
                });
                if result.is_ok() {
                    result = outcome;
                }
            }
            finished.store(true, Ordering::Relaxed);
            result
        });
        if options.progress {
            self.print_progress(files.len(), total_bytes, started);
        }
        result
    }

    fn print_progress(&self, total_files: usize, total_bytes: u64, started: Instant) {
        let seconds = started.elapsed().as_secs_f64().max(1e-3);
        let bytes = self.bytes_sent.load(Ordering::Relaxed);
        eprintln!(
            "dossier: sent {}/{} files, {} articles, {} statements, {:.1}/{:.1} MB ({:.1} MB/s)",
            self.files_done.load(Ordering::Relaxed),
            total_files,
            self.articles_sent.load(Ordering::Relaxed),
            self.statements_sent.load(Ordering::Relaxed),
            bytes as f64 / 1e6,
            total_bytes as f64 / 1e6,
            bytes as f64 / 1e6 / seconds
        );
    }

    /// Appends a file's documents to the batch, sending it whenever it is full.
    fn add_file(&self, file: u32, batch: &mut Batch) -> Result<(), RemoteError> {
        let corpus = self.corpus;
        let entry = &corpus.files[file as usize];
        let path = &entry.relative_path;
        let version = mapping::file_version(entry.content_hash);
        let order = mapping::order_key(path);
        let part_key = mapping::part_key(path);
        for article_index in self.articles_of_file[file as usize].clone() {
            let meta = &corpus.articles[article_index];
            let text = corpus.read_text(meta).map_err(|reason| {
                RemoteError::new(ErrorKind::Settings, format!("{path}: cannot read it again: {reason}"))
            })?;
            let statement_range = self.first_statement[article_index]..self.first_statement[article_index + 1];
            let statements = &corpus.statements[statement_range];
            let extracted: Option<Vec<crate::statements::Statement>> =
                statements.iter().map(|s| s.in_text(&text)).collect();
            let extracted = extracted.ok_or_else(|| {
                RemoteError::new(ErrorKind::Settings, format!("{path}: the file changed while it was read; run again"))
            })?;
            let records = crate::statements::to_records(&text, &extracted);
            let id = mapping::article_id(path, &version, meta.record);
            let mut speakers: Vec<&str> = statements.iter().filter_map(|s| s.speaker.as_deref()).collect();
            speakers.sort_unstable();
            speakers.dedup();
            let date = meta.date.map(|d| d.format("%Y-%m-%d").to_string());
            let article = json!({
                "file": path, "order": order, "record": meta.record, "version": version, "part_key": part_key,
                "title": meta.title, "text": text, "outlet": meta.outlet, "author": meta.author,
                "speaker": speakers, "url": meta.url, "date": date,
                "date_source": meta.date_source.map(|s| s.as_str()), "member": meta.member,
                "file_type": entry.format.name(), "words": meta.words, "statements": statements.len(),
                "has_statements": !statements.is_empty(),
                "meta": {
                    "fingerprint": corpus.fingerprints.get(article_index).map(|f| serde_json::to_string(f).unwrap_or_default()),
                    "byte_range": [meta.byte_range.start, meta.byte_range.end],
                },
            });
            push_action(&mut batch.body, &self.target.articles(), &id, &article);
            for (ordinal, (statement, record)) in statements.iter().zip(&records).enumerate() {
                let document = json!({
                    "file": path, "order": order, "record": meta.record, "ordinal": ordinal, "version": version,
                    "part_key": part_key, "article_id": id, "text": record.text, "speaker": statement.speaker.as_deref(),
                    "speaker_type": record.speaker_type, "named": record.named, "kind": record.kind, "act": record.act,
                    "role": record.role, "mention": record.mention, "cue": record.cue, "date": date,
                    "title": meta.title, "url": meta.url, "article_title": meta.title, "outlet": meta.outlet,
                    "author": meta.author, "file_type": entry.format.name(), "has_statements": true,
                    "spans": {
                        "text": record.text_span, "mention": record.mention_span, "cue": record.cue_span,
                        "bytes": {"text": statement.text, "mention": statement.mention.get(),
                                  "cue": statement.cue.get(), "role": statement.role.get()},
                    },
                    "meta": {"words_key": format!("{:016x}", statement.words_key)},
                });
                push_action(
                    &mut batch.body,
                    &self.target.statements(),
                    &mapping::statement_id(&id, ordinal as u32),
                    &document,
                );
            }
            self.articles_sent.fetch_add(1, Ordering::Relaxed);
            self.statements_sent.fetch_add(statements.len() as u64, Ordering::Relaxed);
            if batch.body.len() >= BULK_BYTES {
                send_bulk(self.client, &batch.body)?;
                batch.body.clear();
            }
        }
        self.bytes_sent.fetch_add(entry.size, Ordering::Relaxed);
        Ok(())
    }

    /// Sends what is left in the batch; then, for the files now wholly acknowledged, deletes their older
    /// versions' documents and writes their manifest entries.
    fn flush(&self, batch: &mut Batch, stop_after: Option<usize>) -> Result<(), RemoteError> {
        if !batch.body.is_empty() {
            send_bulk(self.client, &batch.body)?;
            batch.body.clear();
        }
        if batch.complete.is_empty() {
            return Ok(());
        }
        let corpus = self.corpus;
        // A few hundred files a query: each takes three clauses, and a node refuses more than 1,024.
        for files in batch.complete.chunks(STALE_FILES_PER_QUERY) {
            let stale: Vec<Value> = files
                .iter()
                .map(|&f| {
                    let entry = &corpus.files[f as usize];
                    json!({"bool": {"filter": [{"term": {"file": entry.relative_path}}],
                                    "must_not": [{"term": {"version": mapping::file_version(entry.content_hash)}}]}})
                })
                .collect();
            delete_matching(self.client, self.target, &json!({"bool": {"should": stale, "minimum_should_match": 1}}))?;
        }
        let mut manifest = String::new();
        for &f in &batch.complete {
            let entry = &corpus.files[f as usize];
            let articles = self.articles_of_file[f as usize].clone();
            let statements = self.first_statement[articles.end] - self.first_statement[articles.start];
            let document = json!({
                "file": entry.relative_path, "version": mapping::file_version(entry.content_hash),
                "part_key": mapping::part_key(&entry.relative_path), "articles": articles.len(),
                "statements": statements, "size": entry.size,
            });
            push_action(&mut manifest, &self.target.files(), &mapping::file_id(&entry.relative_path), &document);
        }
        send_bulk(self.client, &manifest)?;
        let done = self.files_done.fetch_add(batch.complete.len(), Ordering::Relaxed) + batch.complete.len();
        batch.complete.clear();
        if stop_after.is_some_and(|stop| done >= stop) {
            eprintln!("dossier: stopping after {done} files ({ENV_STOP_AFTER_FILES})");
            std::process::exit(75);
        }
        Ok(())
    }
}

/// Sends one bulk body of `index` and `delete` actions. Actions refused with 429 (the cluster's write queue
/// full) are sent again, alone, after a pause that doubles each time (with some jitter, so that the
/// threads refused together do not come back together); sending a document again with its id only
/// overwrites it. A delete of a document already gone (404) is no failure.
fn send_bulk(client: &Client, body: &str) -> Result<(), RemoteError> {
    let mut pending: Option<String> = None;
    let mut delay = Duration::from_millis(500);
    for attempt in 1.. {
        let sending = pending.as_deref().unwrap_or(body);
        let answer = client.ok("POST", "/_bulk", Some(sending.as_bytes()))?;
        if answer["errors"] != true {
            return Ok(());
        }
        let results: Vec<&Value> = answer["items"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(|item| item.as_object()?.values().next())
            .collect();
        let failed = |result: &&Value| {
            let status = result["status"].as_u64().unwrap_or(0);
            status >= 300 && !(status == 404 && result["result"] == "not_found")
        };
        let failures: Vec<&Value> = results.iter().copied().filter(failed).collect();
        if failures.is_empty() {
            return Ok(());
        }
        let only_busy = failures.iter().all(|f| f["status"] == 429);
        if !only_busy || attempt >= 8 {
            let first = failures.first().map(|f| f["error"].to_string()).unwrap_or_default();
            return Err(RemoteError::new(
                ErrorKind::Server,
                format!("{} documents were refused by OpenSearch; the first: {first}", failures.len()),
            ));
        }
        let actions = bulk_actions(sending);
        if actions.len() != results.len() {
            return Err(RemoteError::new(
                ErrorKind::Server,
                format!("a bulk request of {} actions was answered with {} results", actions.len(), results.len()),
            ));
        }
        let mut again = String::new();
        for (action, result) in actions.iter().zip(&results) {
            if failed(result) {
                again.push_str(action);
            }
        }
        client.note_retry();
        let pause = delay + jitter(delay / 2);
        eprintln!(
            "dossier: the cluster is busy (429 on {} of {} documents); sending them again in {pause:.1?}",
            failures.len(),
            results.len()
        );
        std::thread::sleep(pause);
        delay = (delay * 2).min(Duration::from_secs(30));
        pending = Some(again);
    }
    Ok(())
}

/// A bulk body cut into its actions, each with its document line if it has one (`index`, not `delete`).
fn bulk_actions(body: &str) -> Vec<&str> {
    let mut actions = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        let line_end = |text: &str| text.find('\n').map_or(text.len(), |i| i + 1);
        let mut end = line_end(rest);
        // Our action lines are serialized by serde_json, so they start exactly like this.
        if rest.starts_with("{\"index\"") {
            end += line_end(&rest[end..]);
        }
        actions.push(&rest[..end]);
        rest = &rest[end..];
    }
    actions
}

/// A pause between zero and `most`, different from one call to the next.
fn jitter(most: Duration) -> Duration {
    use std::hash::{BuildHasher, Hasher};
    // A fresh RandomState is seeded differently each time: enough randomness for spreading retries.
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(0);
    most.mul_f64((hasher.finish() % 1000) as f64 / 1000.0)
}

/// Appends an `index` action and its document to a bulk body.
fn push_action(body: &mut String, index: &str, id: &str, document: &Value) {
    let _ = writeln!(body, "{}", json!({"index": {"_index": index, "_id": id}}));
    let _ = writeln!(body, "{document}");
}
