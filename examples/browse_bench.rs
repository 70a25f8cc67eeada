//! Measures browsing a corpus on OpenSearch a page at a time (`remote::RemoteBrowse`, what the app does with
//! "Browse on the server") against browsing the same corpus in memory (`browse::LocalBrowse`):
//! `cargo run --release --example browse_bench -- http://HOST:9200/NAME [CORPUS_DIR]` (ingest it first with
//! `dossier index CORPUS_DIR --to http://HOST:9200/NAME`).
//!
//! Prints, as a Markdown table: connecting (reading the speaker names) and the process' memory after browsing
//! every view remotely; then p50/p99 of 20 runs of each request — the first page of articles for three query
//! shapes, the first page of statements, both facets, and the chart of the top five speakers — remote
//! against local (the local corpus is opened after the remote measurements, so they hold none of it).

use dossier::browse::{ArticleOrder, Browse, Facet, LocalBrowse};
use dossier::corpus::CorpusSource;
use dossier::remote::{Client, RemoteBrowse, Target};
use dossier::search::SearchIndex;
use dossier::speakers::SpeakerEdits;
use dossier::timeline::ChartRequest;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn resident_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse::<f64>().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

fn percentiles(mut times: Vec<Duration>) -> String {
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1e3;
    format!("{:.1} / {:.1} ms", at(0.5), at(0.99))
}

/// The requests a user's browsing makes, by name.
fn requests() -> Vec<(&'static str, Box<dyn Fn(&dyn Browse) -> u64>)> {
    let page = |query: &'static str, order: ArticleOrder| {
        Box::new(move |browse: &dyn Browse| browse.articles(query, order, None, 50).expect("articles").total)
            as Box<dyn Fn(&dyn Browse) -> u64>
    };
    vec![
        ("articles, all, newest first", page("", ArticleOrder::Newest)),
        ("articles, `troops withdrawal`", page("troops withdrawal", ArticleOrder::Corpus)),
        (
            "articles, `\"foreign minister\" dam AND date:[2018-01-01 TO 2019-12-31]`",
            page("\"foreign minister\" dam AND date:[2018-01-01 TO 2019-12-31]", ArticleOrder::Corpus),
        ),
        (
            "articles, `(sanctions OR tariffs) -protest speaker:Dused`",
            page("(sanctions OR tariffs) -protest speaker:Dused", ArticleOrder::Corpus),
        ),
        (
            "statements, `troops`",
            Box::new(|browse: &dyn Browse| browse.statements("troops", None, 50).expect("statements").total),
        ),
        (
            "facets (outlets and speakers), `troops`",
            Box::new(|browse: &dyn Browse| {
                let outlets = browse.facet("troops", Facet::Outlet, 12).expect("outlets");
                let speakers = browse.facet("troops", Facet::Speaker, 12).expect("speakers");
                (outlets.len() + speakers.len()) as u64
            }),
        ),
        (
            "chart, top 5 speakers, all",
            Box::new(|browse: &dyn Browse| {
                browse.chart("", &ChartRequest::default(), &Default::default()).expect("chart").series.len() as u64
            }),
        ),
    ]
}

fn measure(browse: &dyn Browse, runs: usize) -> Vec<(String, u64)> {
    requests()
        .into_iter()
        .map(|(_, request)| {
            let mut times = Vec::new();
            let mut answer = 0;
            for _ in 0..runs {
                let started = Instant::now();
                answer = request(browse);
                times.push(started.elapsed());
            }
            (percentiles(times), answer)
        })
        .collect()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: browse_bench http://HOST:9200/NAME [CORPUS_DIR]";
    let target = Target::parse(&args.next().expect(usage)).unwrap_or_else(|e| panic!("{e}"));
    let folder = args.next();
    let before = resident_mb();
    let started = Instant::now();
    let client = Client::from_env(&target.base).expect("client");
    let remote = RemoteBrowse::open(client, &target, &SpeakerEdits::default()).expect("connects");
    let connect = started.elapsed();
    let remote_times = measure(&remote, 20);
    let after = resident_mb();
    println!("| | remote |");
    println!("|---|---|");
    println!("| connect (speaker names read) | {:.2} s |", connect.as_secs_f64());
    println!("| process memory after browsing every view | {after:.0} MB (before connecting: {before:.0} MB) |");
    println!();
    let local_times = folder.map(|folder| {
        let corpus = Arc::new(dossier::loading::load(&CorpusSource::from_path(folder.as_ref()), 2).expect("loads"));
        let index = Arc::new(SearchIndex::build_in_memory(&corpus).expect("indexes"));
        let names = corpus.speaker_names(&SpeakerEdits::default());
        let local = LocalBrowse::new(corpus, index, names, folder);
        measure(&local, 20)
    });
    println!("| request (p50 / p99 of 20) | hits | remote | local |");
    println!("|---|---|---|---|");
    for (index, (name, _)) in requests().iter().enumerate() {
        let (remote_time, hits) = &remote_times[index];
        let local_time = local_times.as_ref().map_or("–".to_owned(), |times| times[index].0.clone());
        println!("| {name} | {hits} | {remote_time} | {local_time} |");
    }
}
