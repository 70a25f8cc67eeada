//! Measures a corpus on OpenSearch against the same corpus opened locally:
//! `cargo run --release --example remote_bench -- http://HOST:9200/NAME CORPUS_DIR` (ingest it first with
//! `dossier index CORPUS_DIR --to http://HOST:9200/NAME`).
//!
//! Prints, as a Markdown table: opening the remote corpus (its metadata paged in, as `--from` does) and
//! the memory it holds; the local cold open for comparison (no cache); the same three query shapes as the
//! `bench` example with facet counts, remote (query DSL, facets as a terms aggregation) against local
//! (tantivy in memory, facets counted in memory), p50/p99 of 20 runs; and the chart of the top five
//! speakers by month, remote (date histograms per speaker) against local (`timeline::compute`).

use dossier::corpus::CorpusSource;
use dossier::loading;
use dossier::remote::client::Target;
use dossier::remote::reader::RemoteCorpus;
use dossier::search::{self, Scope, SearchIndex, SpeakerLookup};
use dossier::speakers::SpeakerEdits;
use dossier::timeline::{self, Bucket, ChartRequest};
use dossier::topics::Topics;
use std::collections::HashMap;
use std::time::{Duration, Instant};

fn resident_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|n| n.parse::<f64>().ok())
            .unwrap_or(0.0)
            / 1024.0
    };
    field("VmRSS:")
}

fn percentiles(times: &mut [Duration]) -> String {
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1e3;
    format!("p50 {:.1} ms, p99 {:.1} ms", at(0.5), at(0.99))
}

fn timed<T>(runs: usize, mut work: impl FnMut() -> T) -> (T, String) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let started = Instant::now();
        last = Some(work());
        times.push(started.elapsed());
    }
    (last.expect("at least one run"), percentiles(&mut times))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: remote_bench http://HOST:9200/NAME CORPUS_DIR";
    let (url, folder) = (args.next().expect(usage), args.next().expect(usage));
    let target = Target::parse(&url).unwrap_or_else(|e| panic!("{e}"));
    let mut rows: Vec<(String, String)> = Vec::new();

    let before = resident_mb();
    let started = Instant::now();
    let remote = RemoteCorpus::open(&target).unwrap_or_else(|e| panic!("{e}"));
    rows.push((
        format!(
            "remote: open (metadata of {} articles and {} statements paged in)",
            remote.corpus.articles.len(),
            remote.corpus.statements.len()
        ),
        format!("{:.2} s, holding {:.0} MB", started.elapsed().as_secs_f64(), resident_mb() - before),
    ));

    let started = Instant::now();
    let local =
        loading::load(&CorpusSource::from_path(folder.as_ref()), dossier::corpus::default_threads()).expect("opens");
    rows.push(("local: cold open, nothing cached".into(), format!("{:.2} s", started.elapsed().as_secs_f64())));
    let started = Instant::now();
    let index = SearchIndex::build_in_memory(&local).expect("the index builds");
    rows.push(("local: building the search index".into(), format!("{:.2} s", started.elapsed().as_secs_f64())));

    let edits = SpeakerEdits::default();
    let (local_found, remote_found) = (local.found_speakers(), remote.corpus.found_speakers());
    let (local_names, remote_names) = (local.speaker_names(&edits), remote.speaker_names(&edits));
    let local_lookup = SpeakerLookup::new(&local_found, &local_names);
    let remote_lookup = SpeakerLookup::new(&remote_found, &remote_names);
    let topics = Topics::default();
    let queries = [
        "troops withdrawal",
        "\"foreign minister\" dam AND date:[2018-01-01 TO 2019-12-31]",
        "(sanctions OR tariffs) -protest speaker:Dused",
    ];
    for query in queries {
        let (local_hits, local_times) = timed(20, || {
            let found = search::run(&index, query, Scope::Articles, &topics, &local_lookup).expect("runs");
            let mut outlets: HashMap<&str, usize> = HashMap::new();
            for &article in &found {
                if let Some(outlet) = &local.articles[article as usize].outlet {
                    *outlets.entry(outlet).or_default() += 1;
                }
            }
            found.len()
        });
        let node = search::query::parse(query, &|_| None).expect("the query parses");
        let dsl = dossier::remote::query::to_dsl(&node, Scope::Articles, &remote_lookup);
        let (remote_hits, remote_times) = timed(20, || {
            let found = dossier::remote::query::search(&remote, &node, Scope::Articles, &remote_lookup).expect("runs");
            remote.facet(false, "outlet.keyword", &dsl, 50).expect("the facet counts");
            found.len()
        });
        assert_eq!(local_hits, remote_hits, "the same hits for `{query}`");
        rows.push((
            format!("query `{query}` ({local_hits} articles) with facet counts: local / remote"),
            format!("{local_times} / {remote_times}"),
        ));
    }

    let all: Vec<u32> = (0..local.articles.len() as u32).collect();
    let request = ChartRequest { bucket: Some(Bucket::Month), ..Default::default() };
    let (chart, local_times) = timed(10, || timeline::compute(&local, &local_names, &all, &request, &|_| None));
    let speakers: Vec<String> = chart.series.iter().map(|s| s.name.clone()).collect();
    let (_, remote_times) = timed(10, || remote.speaker_histograms(&speakers, "month").expect("the histograms"));
    rows.push((
        format!("chart: top {} speakers by month: local / remote (date histograms)", speakers.len()),
        format!("{local_times} / {remote_times}"),
    ));
    rows.push((
        "resident memory at the end (both corpora and the local index)".into(),
        format!("{:.0} MB", resident_mb()),
    ));

    println!("| measure | result |\n| --- | --- |");
    for (what, result) in rows {
        println!("| {what} | {result} |");
    }
}
