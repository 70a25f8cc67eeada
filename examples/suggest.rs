//! Prints suggested topics for a corpus: `cargo run --example suggest -- PATH`.

use dossier::corpus::CorpusSource;
use dossier::loading;

fn main() {
    let path = std::env::args().nth(1).expect("a corpus path");
    let corpus = loading::load(&CorpusSource::from_path(std::path::Path::new(&path)), 2).expect("the corpus opens");
    let texts: Vec<String> =
        corpus.articles.iter().filter_map(|a| corpus.read_article(a).ok()).map(|a| a.body_text()).collect();
    for topic in dossier::suggest::suggest_topics(texts.iter().map(String::as_str), &[], 20) {
        println!("{:30} {}", topic.name, topic.query);
    }
}
