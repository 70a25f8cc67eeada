//! Measures Dossier on a corpus: `cargo run --release --example bench -- CORPUS_DIR`.
//!
//! Prints, as a Markdown table: a ripgrep scan of the same files (`rg -c said`, the floor of reading the
//! bytes, if `rg` is installed), cold open (read and extract, then save the extraction cache), building the
//! search index, warm reopen (extraction cache and index reused), when the first articles reach the list,
//! reopen after 1% of the files changed
//! (their modification time is moved forward, so they are read again; their bytes are left alone), query
//! latency p50/p99 for three query shapes with facet counts, the chart of the top five speakers by month,
//! and peak resident memory. Caches go to a temporary folder, so every run starts cold.
//!
//! Copies: after the cold open, finding copies of stories (`Stories::find`) and echoes of statements
//! (`Echoes::find`), and the peak memory up to there. With `--no-dedup`, files are read without
//! fingerprints and nothing is grouped, to measure what finding copies costs (run it as its own process,
//! since peak memory is the process').

use dossier::corpus::{self, CorpusSource};
use dossier::duplicates::{DEFAULT_COPY_THRESHOLD, Echoes, Stories, StoryFingerprint};
use dossier::loading;
use dossier::search::{self, BuildProgress, Scope, SearchIndex, SpeakerLookup};
use dossier::speakers::{SpeakerEdits, SpeakerNames};
use dossier::timeline::{self, Bucket, ChartRequest};
use dossier::topics::Topics;
use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

fn peak_memory_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kilobytes = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse::<f64>().ok())
        .unwrap_or(0.0);
    kilobytes / 1024.0
}

/// CPU time used by this process so far (user and system, all threads), which a busy machine disturbs less
/// than the wall clock.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces) start at its closing parenthesis.
    let fields: Vec<&str> = stat.rsplit_once(')').map_or("", |(_, rest)| rest).split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name; 100 ticks a second.
    (ticks(11) + ticks(12)) / 100.0
}

fn percentile(times: &mut [Duration], share: f64) -> Duration {
    times.sort_unstable();
    times[((times.len() - 1) as f64 * share).round() as usize]
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: bench CORPUS_DIR [--no-dedup]");
    let dedup = std::env::args().nth(2).as_deref() != Some("--no-dedup");
    dossier::duplicates::set_fingerprinting(dedup);
    let source = CorpusSource::from_path(Path::new(&path));
    let threads = corpus::default_threads();
    let mut rows: Vec<(String, String)> = Vec::new();

    let started = Instant::now();
    let ripgrep = std::process::Command::new("rg").args(["-c", "said", &path]).output();
    let ripgrep_time = started.elapsed();
    match ripgrep {
        Ok(output) if output.status.success() || output.status.code() == Some(1) => {
            rows.push(("ripgrep scan (`rg -c said`)".into(), format!("{:.2} s", ripgrep_time.as_secs_f64())))
        }
        _ => rows.push(("ripgrep scan".into(), "rg not installed".into())),
    }

    let cache = tempfile::tempdir().expect("a temporary folder");
    let cache_file = cache.path().join("extracted.bin");
    let open = || loading::load_cached(&source, threads, Some(&cache_file)).expect("the corpus opens");
    let (started, cpu_before) = (Instant::now(), cpu_seconds());
    let corpus = open();
    let cold = started.elapsed();
    let cold_cpu = cpu_seconds() - cpu_before;
    let bytes: u64 = corpus.files.iter().map(|f| f.size).sum();
    rows.push((
        format!(
            "cold open: read, extract and save the cache ({} articles, {} statements, {:.0} MB)",
            corpus.articles.len(),
            corpus.statements.len(),
            bytes as f64 / 1e6
        ),
        format!(
            "{:.2} s ({:.1} MB/s, {:.1}× ripgrep)",
            cold.as_secs_f64(),
            bytes as f64 / 1e6 / cold.as_secs_f64(),
            cold.as_secs_f64() / ripgrep_time.as_secs_f64()
        ),
    ));

    rows.push(("cold open, CPU time (all threads)".into(), format!("{cold_cpu:.2} s")));
    if dedup {
        // What fingerprinting adds to reading a file, on 5,000 articles, one thread, each article's work
        // timed next to its extraction so a busy machine disturbs both alike.
        let (mut fingerprinting, mut extracting, mut measured) = (Duration::ZERO, Duration::ZERO, 0);
        for meta in corpus.articles.iter().step_by((corpus.articles.len() / 5000).max(1)) {
            let Ok(article) = corpus.read_article(meta) else { continue };
            let started = Instant::now();
            let statements = dossier::statements::extract(&article);
            extracting += started.elapsed();
            let started = Instant::now();
            let fingerprint = StoryFingerprint::of_article(&article);
            let keys: u64 = statements
                .iter()
                .map(|s| dossier::duplicates::statement_words_key(&article.text[s.text.clone()]))
                .fold(0, |a, k| a ^ k);
            fingerprinting += started.elapsed();
            std::hint::black_box((fingerprint, keys));
            measured += 1;
        }
        rows.push((
            format!("fingerprint and statement keys, against extraction ({measured} articles, one thread)"),
            format!(
                "{:.1} µs against {:.1} µs an article (+{:.1}%)",
                fingerprinting.as_secs_f64() * 1e6 / measured as f64,
                extracting.as_secs_f64() * 1e6 / measured as f64,
                100.0 * fingerprinting.as_secs_f64() / extracting.as_secs_f64()
            ),
        ));
    }
    let names = SpeakerNames::build(&corpus.found_speakers(), &SpeakerEdits::default());
    if dedup {
        let started = Instant::now();
        let stories = Stories::find(&corpus, DEFAULT_COPY_THRESHOLD);
        let found_stories = started.elapsed();
        let echoes = Echoes::find(&corpus, &names);
        let found = started.elapsed();
        rows.push((
            format!(
                "finding copies: {} stories of {} articles ({} with copies), {} echo groups",
                stories.story_count(),
                corpus.articles.len(),
                stories.copied_stories(),
                echoes.group_count()
            ),
            format!(
                "{:.2} s (stories {:.2} s, echoes {:.2} s)",
                found.as_secs_f64(),
                found_stories.as_secs_f64(),
                (found - found_stories).as_secs_f64()
            ),
        ));
        rows.push(("cold open and finding copies".into(), format!("{:.2} s", (cold + found).as_secs_f64())));
    } else {
        rows.push(("finding copies".into(), "off (--no-dedup): no fingerprints computed".into()));
    }
    rows.push(("peak resident memory after the cold open".into(), format!("{:.0} MB", peak_memory_mb())));
    drop(names);

    let index_folder = cache.path().join("index");
    let started = Instant::now();
    let index =
        SearchIndex::open_or_build(&corpus, &index_folder, &BuildProgress::default()).expect("the index builds");
    rows.push(("building the search index".into(), format!("{:.2} s", started.elapsed().as_secs_f64())));
    drop((index, corpus));

    // Three warm reopens: the median and the range, as memory allocation makes single runs vary.
    let mut reopens = Vec::new();
    for _ in 0..3 {
        let started = Instant::now();
        let corpus = open();
        let index =
            SearchIndex::open_or_build(&corpus, &index_folder, &BuildProgress::default()).expect("the index opens");
        reopens.push((started.elapsed(), corpus.files_from_cache, corpus.files.len()));
        drop((index, corpus));
    }
    reopens.sort();
    let (median, from_cache, files) = reopens[1];
    rows.push((
        format!("warm reopen ({from_cache} of {files} files from the cache, index reused), median of 3"),
        format!(
            "{:.2} s (from {:.2} to {:.2} s)",
            median.as_secs_f64(),
            reopens[0].0.as_secs_f64(),
            reopens[2].0.as_secs_f64()
        ),
    ));
    // When the first articles reach the list, as the app shows them while the rest load.
    for (what, cache) in [("warm", Some(cache_file.clone())), ("cold, nothing cached", None)] {
        let started = Instant::now();
        let job = loading::start_load(source.clone(), threads, cache, || {});
        let first = job.events.iter().find(|e| matches!(e, loading::LoadEvent::File(r) if !r.articles.is_empty()));
        let seconds = started.elapsed().as_secs_f64();
        rows.push((
            format!("first articles in the list ({what})"),
            format!("{seconds:.2} s{}", if first.is_some() { "" } else { " (none)" }),
        ));
        job.cancel();
    }

    let later = std::time::SystemTime::now();
    let listed = corpus::list_files(&source).expect("the corpus lists");
    let changed: Vec<_> = listed.files.iter().step_by(100).map(|f| f.path_under(&listed.root)).collect();
    for path in &changed {
        let _ = std::fs::File::options().write(true).open(path).and_then(|f| f.set_modified(later));
    }
    let started = Instant::now();
    let corpus = open();
    let loaded = started.elapsed();
    let index = SearchIndex::open_or_build(&corpus, &index_folder, &BuildProgress::default()).expect("the index opens");
    rows.push((
        format!(
            "reopen after 1% of the files changed ({} files read again, their documents in the index replaced)",
            changed.len()
        ),
        format!("{:.2} s (corpus {:.2} s)", started.elapsed().as_secs_f64(), loaded.as_secs_f64()),
    ));

    let found = corpus.found_speakers();
    let names = SpeakerNames::build(&found, &SpeakerEdits::default());
    let lookup = SpeakerLookup::new(&found, &names);
    let topics = Topics::default();
    let queries = [
        "troops withdrawal",
        "\"foreign minister\" dam AND date:[2018-01-01 TO 2019-12-31]",
        "(sanctions OR tariffs) -protest speaker:Dused",
    ];
    for query in queries {
        let mut times = Vec::new();
        let mut hits = 0;
        for _ in 0..30 {
            let started = Instant::now();
            let found = search::run(&index, query, Scope::Articles, &topics, &lookup).expect("the query runs");
            // Facet counts, as the filter panel makes them.
            let mut outlets: HashMap<&str, usize> = HashMap::new();
            for &article in &found {
                if let Some(outlet) = &corpus.articles[article as usize].outlet {
                    *outlets.entry(outlet).or_default() += 1;
                }
            }
            hits = found.len();
            times.push(started.elapsed());
        }
        let p50 = percentile(&mut times, 0.5);
        let p99 = percentile(&mut times, 0.99);
        rows.push((
            format!("query `{query}` ({hits} articles) with facet counts"),
            format!("p50 {:.1} ms, p99 {:.1} ms", p50.as_secs_f64() * 1e3, p99.as_secs_f64() * 1e3),
        ));
    }

    let all: Vec<u32> = (0..corpus.articles.len() as u32).collect();
    let request = ChartRequest { bucket: Some(Bucket::Month), ..Default::default() };
    let started = Instant::now();
    let chart = timeline::compute(&corpus, &names, &all, &request, &|_| None);
    rows.push((
        format!("chart: top 5 speakers by month ({} buckets)", chart.starts.len()),
        format!("{:.1} ms", started.elapsed().as_secs_f64() * 1e3),
    ));
    rows.push(("peak resident memory".into(), format!("{:.0} MB", peak_memory_mb())));

    println!("| measure | result |\n| --- | --- |");
    for (what, result) in rows {
        println!("| {what} | {result} |");
    }
}
