//! Loading a corpus: listing its files, taking unchanged ones from the extraction cache, reading the rest
//! on every core, and passing the results on in order as events, for the app (with progress and cancel)
//! and the command line alike. Apart from `corpus` so that the corpus' own types never depend on the cache.

use crate::cache::{CacheReader, CachedFile, Reuse, decode_chunk};
use crate::corpus::{
    Corpus, CorpusSource, FileEntry, FileResult, Listing, Problem, file_hash, list_files, nanos_since_epoch, read_file,
};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// Counters a loading job updates as it goes, for progress bars.
#[derive(Debug, Default)]
pub struct LoadProgress {
    /// Files listed so far.
    pub files_total: AtomicUsize,
    /// Bytes listed so far.
    pub bytes_total: AtomicU64,
    /// Files read.
    pub files_done: AtomicUsize,
    /// Bytes read.
    pub bytes_done: AtomicU64,
    /// True once listing has finished and the totals are final.
    pub listing_done: AtomicBool,
}

impl LoadProgress {
    /// Counts a file done, of `bytes` bytes.
    fn count_file(&self, bytes: u64) {
        self.files_done.fetch_add(1, Ordering::Relaxed);
        self.bytes_done.fetch_add(bytes, Ordering::Relaxed);
    }
}

/// A message from a loading job.
#[derive(Debug)]
pub enum LoadEvent {
    /// The files were listed; their entries, in file-id order.
    Listed(Listing),
    /// One file was read.
    File(FileResult),
    /// Something went wrong that belongs to no file being read (a damaged cache).
    Problem(Problem),
    /// The source could not be opened.
    Failed(String),
    /// All work has ended (finished or cancelled).
    Finished {
        /// True when the user cancelled.
        cancelled: bool,
        /// True when files were read afresh or have gone, so the cache should be saved again.
        cache_is_stale: bool,
    },
}

/// A loading job running on background threads.
pub struct LoadJob {
    /// Events, in the order they happened.
    pub events: crossbeam_channel::Receiver<LoadEvent>,
    /// Progress counters.
    pub progress: Arc<LoadProgress>,
    cancel: Arc<AtomicBool>,
}

impl LoadJob {
    /// Asks the job to stop; files being read are finished, no new ones are started.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// Starts loading a corpus on `threads` background threads; `on_event` is called after each event is sent
/// (e.g. to repaint). With a `cache_file`, files unchanged since it was saved are taken from it unread.
pub fn start_load(
    source: CorpusSource,
    threads: usize,
    cache_file: Option<PathBuf>,
    on_event: impl Fn() + Send + Sync + 'static,
) -> LoadJob {
    start_load_filtered(source, threads, cache_file, None, on_event)
}

/// Which listed files a load reads, by relative path (`dossier index --part` reads its share only).
pub type FileFilter = Arc<dyn Fn(&str) -> bool + Send + Sync>;

/// Starts loading like `start_load`, reading only the listed files `keep` accepts (all without one).
pub fn start_load_filtered(
    source: CorpusSource,
    threads: usize,
    cache_file: Option<PathBuf>,
    keep: Option<FileFilter>,
    on_event: impl Fn() + Send + Sync + 'static,
) -> LoadJob {
    let (sender, events) = crossbeam_channel::unbounded();
    let progress = Arc::new(LoadProgress::default());
    let cancel = Arc::new(AtomicBool::new(false));
    let job = LoadJob { events, progress: progress.clone(), cancel: cancel.clone() };
    std::thread::Builder::new()
        .name("corpus-load".into())
        .spawn(move || {
            let send = |event: LoadEvent| {
                let _ = sender.send(event);
                on_event();
            };
            let mut listing = match list_files(&source) {
                Ok(listing) => listing,
                Err(message) => {
                    send(LoadEvent::Failed(message));
                    send(LoadEvent::Finished { cancelled: false, cache_is_stale: false });
                    return;
                }
            };
            if let Some(keep) = &keep {
                listing.files.retain(|file| keep(&file.relative_path));
            }
            let reader = match &cache_file {
                Some(path) => CacheReader::open(path).unwrap_or_else(|message| {
                    listing.problems.push(Problem { path: path.display().to_string(), message });
                    None
                }),
                None => None,
            };
            // A cache that was not there, or not usable, must be written (again).
            let mut cache_is_stale = cache_file.is_some() && reader.is_none();
            listing.expected = reader.as_ref().map_or((0, 0), |r| r.expected);
            progress.files_total.store(listing.files.len(), Ordering::Relaxed);
            progress.bytes_total.store(listing.files.iter().map(|f| f.size).sum(), Ordering::Relaxed);
            progress.listing_done.store(true, Ordering::Relaxed);
            let root = listing.root.clone();
            let files = listing.files.clone();
            send(LoadEvent::Listed(listing));

            let from_cache = match reader {
                Some(reader) => send_from_cache(reader, &files, threads.max(1), &progress, &cancel, &send),
                None => FromCache { taken: vec![false; files.len()], ..FromCache::default() },
            };
            if let (Some(message), Some(path)) = (from_cache.problem, &cache_file) {
                cache_is_stale = true;
                send(LoadEvent::Problem(Problem { path: path.display().to_string(), message }));
            }

            // The rest are read; a file whose time alone cannot prove it unchanged is compared by content.
            let queue: Vec<(usize, Option<u64>)> = (0..files.len())
                .filter(|&index| !from_cache.taken[index])
                .map(|index| (index, from_cache.unsure.get(&index).map(|cached| cached.content_hash())))
                .collect();
            let unsure = Mutex::new(from_cache.unsure);
            let read_afresh = AtomicUsize::new(0);
            let next = AtomicUsize::new(0);
            // Files are read on every core but passed on in the listing's order, so a corpus read afresh
            // also arrives sorted: sorting a million articles' statements held the app's window for seconds.
            let in_order = InOrder::default();
            std::thread::scope(|scope| {
                for worker in 0..threads.max(1) {
                    let (root, files, queue, next, progress, cancel, send, unsure, read_afresh, in_order) =
                        (&root, &files, &queue, &next, &progress, &cancel, &send, &unsure, &read_afresh, &in_order);
                    std::thread::Builder::new()
                        .name(format!("corpus-read-{worker}"))
                        .spawn_scoped(scope, move || {
                            loop {
                                if cancel.load(Ordering::Relaxed) {
                                    break;
                                }
                                let position = next.fetch_add(1, Ordering::Relaxed);
                                let Some(&(index, cached_hash)) = queue.get(position) else {
                                    break;
                                };
                                let entry = &files[index];
                                let checked_at = nanos_since_epoch(std::time::SystemTime::now());
                                let same_content = cached_hash.is_some_and(|hash| file_hash(root, entry) == Some(hash));
                                let cached = same_content
                                    .then(|| unsure.lock().unwrap_or_else(|e| e.into_inner()).remove(&index))
                                    .flatten()
                                    .map(|cached| cached.into_result(index as u32, entry, checked_at));
                                let result = cached.unwrap_or_else(|| {
                                    read_afresh.fetch_add(1, Ordering::Relaxed);
                                    read_file_guarded(root, index as u32, entry.clone())
                                });
                                progress.count_file(entry.size);
                                in_order.pass_on(position as u64, result, |result| send(LoadEvent::File(result)));
                            }
                        })
                        .expect("spawn a reader thread");
                }
            });
            cache_is_stale |= cache_file.is_some() && (read_afresh.into_inner() > 0 || from_cache.left_over > 0);
            send(LoadEvent::Finished { cancelled: cancel.load(Ordering::Relaxed), cache_is_stale });
        })
        .expect("spawn the loading thread");
    job
}

/// Passes on items made on several threads in the order of their sequence numbers (0, 1, 2, …), holding
/// back those that come early.
struct InOrder<T> {
    /// The next sequence number to pass on, and the items that came before their turn.
    state: Mutex<(u64, BTreeMap<u64, T>)>,
}

impl<T> Default for InOrder<T> {
    fn default() -> Self {
        InOrder { state: Mutex::new((0, BTreeMap::new())) }
    }
}

impl<T> InOrder<T> {
    /// Gives `item` to `send` when every item before it has been given.
    fn pass_on(&self, sequence: u64, item: T, send: impl Fn(T)) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let (next, waiting) = &mut *state;
        waiting.insert(sequence, item);
        while let Some(item) = waiting.remove(next) {
            send(item);
            *next += 1;
        }
    }
}

/// What the cache gave a load.
#[derive(Default)]
struct FromCache {
    /// Which listed files were sent from the cache.
    taken: Vec<bool>,
    /// Cached files whose time alone cannot prove them unchanged, by listed index: compared by content.
    unsure: HashMap<usize, CachedFile>,
    /// Cached files that are gone or changed.
    left_over: usize,
    /// Why the cache could not be read to its end.
    problem: Option<String>,
}

/// Sends the listed files that are unchanged since they were cached, reading the cache a chunk at a time
/// and decoding chunks on `threads` threads, so the whole cache is never held in memory.
fn send_from_cache(
    mut reader: CacheReader,
    files: &[FileEntry],
    threads: usize,
    progress: &LoadProgress,
    cancel: &AtomicBool,
    send: &(impl Fn(LoadEvent) + Sync),
) -> FromCache {
    let index_of: HashMap<&str, usize> =
        files.iter().enumerate().map(|(index, f)| (f.relative_path.as_str(), index)).collect();
    let taken: Vec<AtomicBool> = files.iter().map(|_| AtomicBool::new(false)).collect();
    let unsure: Mutex<HashMap<usize, CachedFile>> = Mutex::default();
    let left_over = AtomicUsize::new(0);
    let problem: Mutex<Option<String>> = Mutex::default();
    let note_problem = |message: String| *problem.lock().unwrap_or_else(|e| e.into_inner()) = Some(message);
    let use_cached = |cached: CachedFile| -> Option<FileResult> {
        let Some(&index) = index_of.get(cached.relative_path()) else {
            left_over.fetch_add(1, Ordering::Relaxed);
            return None;
        };
        match cached.reuse(&files[index]) {
            Reuse::Yes => {
                taken[index].store(true, Ordering::Relaxed);
                progress.count_file(files[index].size);
                Some(cached.into_result(index as u32, &files[index], None))
            }
            Reuse::IfContentIsUnchanged => {
                unsure.lock().unwrap_or_else(|e| e.into_inner()).insert(index, cached);
                None
            }
            Reuse::No => {
                left_over.fetch_add(1, Ordering::Relaxed);
                None
            }
        }
    };
    // Chunks are decoded on every core but passed on in the cache's order (the corpus' own), so an
    // unchanged corpus arrives sorted and nobody has to sort twenty million statements afterwards.
    let in_order = InOrder::default();
    let pass_on = |sequence: u64, results: Vec<FileResult>| {
        in_order
            .pass_on(sequence, results, |results| results.into_iter().for_each(|result| send(LoadEvent::File(result))))
    };
    let (chunks, chunk_receiver) = crossbeam_channel::bounded::<(u64, Vec<u8>)>(threads);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (chunk_receiver, use_cached, note_problem, pass_on) =
                (chunk_receiver.clone(), &use_cached, &note_problem, &pass_on);
            scope.spawn(move || {
                for (sequence, bytes) in chunk_receiver.iter() {
                    let results = match decode_chunk(&bytes) {
                        Ok(cached_files) => cached_files.into_iter().filter_map(use_cached).collect(),
                        Err(message) => {
                            note_problem(message);
                            Vec::new()
                        }
                    };
                    pass_on(sequence, results);
                }
            });
        }
        drop(chunk_receiver);
        let mut sequence = 0;
        while !cancel.load(Ordering::Relaxed) {
            match reader.next_chunk() {
                Ok(Some(bytes)) => {
                    if chunks.send((sequence, bytes)).is_err() {
                        break;
                    }
                    sequence += 1;
                }
                Ok(None) => break,
                Err(message) => {
                    note_problem(message);
                    break;
                }
            }
        }
        drop(chunks);
    });
    FromCache {
        taken: taken.into_iter().map(AtomicBool::into_inner).collect(),
        unsure: unsure.into_inner().unwrap_or_else(|e| e.into_inner()),
        left_over: left_over.into_inner(),
        problem: problem.into_inner().unwrap_or_else(|e| e.into_inner()),
    }
}

/// Reads a file, turning a panic in a reader into a problem so one bad file cannot stop the load.
fn read_file_guarded(root: &Path, file_id: u32, entry: FileEntry) -> FileResult {
    let fallback = entry.clone();
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_file(root, file_id, entry))).unwrap_or_else(|panic| {
        let reason = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        FileResult {
            file_id,
            problems: vec![Problem {
                path: fallback.relative_path.clone(),
                message: format!("internal error while reading: {reason}"),
            }],
            entry: fallback,
            articles: Vec::new(),
            statements: Vec::new(),
            fingerprints: Vec::new(),
            from_cache: false,
        }
    })
}

/// Loads a whole corpus and waits for it, for the command line and tests; articles come sorted by file and record.
pub fn load(source: &CorpusSource, threads: usize) -> Result<Corpus, String> {
    load_cached(source, threads, None)
}

/// Loads a whole corpus like `load`, taking unchanged files from `cache_file` and saving it again when it
/// is out of date. A cache that cannot be saved is reported among the problems.
pub fn load_cached(source: &CorpusSource, threads: usize, cache_file: Option<&Path>) -> Result<Corpus, String> {
    load_cached_filtered(source, threads, cache_file, None)
}

/// Loads a corpus like `load_cached`, reading only the files `keep` accepts.
pub fn load_cached_filtered(
    source: &CorpusSource,
    threads: usize,
    cache_file: Option<&Path>,
    keep: Option<FileFilter>,
) -> Result<Corpus, String> {
    let job = start_load_filtered(source.clone(), threads, cache_file.map(Path::to_owned), keep, || {});
    let mut corpus = Corpus::default();
    let mut cache_is_stale = false;
    for event in job.events.iter() {
        match event {
            LoadEvent::Listed(listing) => corpus.take_listing(listing),
            LoadEvent::File(result) => corpus.add_file_result(result),
            LoadEvent::Problem(problem) => corpus.problems.push(problem),
            LoadEvent::Failed(message) => return Err(message),
            LoadEvent::Finished { cache_is_stale: stale, .. } => {
                cache_is_stale = stale;
                break;
            }
        }
    }
    corpus.sort_articles();
    if let (true, Some(path)) = (cache_is_stale, cache_file)
        && let Err(error) = crate::cache::save(&corpus, path)
    {
        corpus
            .problems
            .push(Problem { path: path.display().to_string(), message: format!("cannot save the cache: {error}") });
    }
    corpus.problems.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(corpus)
}
