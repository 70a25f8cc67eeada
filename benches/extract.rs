//! Statement extraction speed on English news: `cargo bench --bench extract`.
//!
//! Reads the Wikinews articles (and our messy fixtures and the sample corpus) once, then extracts statements from them
//! over and over on one thread for a few seconds, and prints megabytes of article text per second.

use dossier::corpus::CorpusSource;
use dossier::loading;
use dossier::statements;
use std::path::Path;
use std::time::{Duration, Instant};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut articles = Vec::new();
    for folder in [root.join("tests/data/wikinews"), root.join("tests/data/messy"), root.join("assets/sample-corpus")] {
        let Ok(corpus) = loading::load(&CorpusSource::Folder(folder.clone()), 2) else {
            eprintln!("skipping {}: not found", folder.display());
            continue;
        };
        articles.extend(corpus.articles.iter().filter_map(|meta| corpus.read_article(meta).ok()));
    }
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    assert!(bytes > 0, "no articles to measure");
    let mut statements_found = 0;
    let mut rounds = 0;
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(3) {
        for article in &articles {
            statements_found += statements::extract(article).len();
        }
        rounds += 1;
    }
    let seconds = started.elapsed().as_secs_f64();
    let megabytes = (bytes * rounds) as f64 / 1e6;
    println!(
        "statement extraction: {} articles, {:.2} MB of text, {rounds} rounds in {seconds:.2} s on one thread: {:.1} MB/s ({} statements a round)",
        articles.len(),
        bytes as f64 / 1e6,
        megabytes / seconds,
        statements_found / rounds.max(1)
    );
}
