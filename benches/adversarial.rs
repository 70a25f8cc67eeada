//! Time per megabyte of every hostile input of `dossier::adversarial`, read end to end as a corpus file is
//! (decoding, the format's reader, metadata and dates, statements): `cargo bench --bench adversarial`.
//!
//! Sizes default to 1, 4 and 16 MB; give others in MB after `--`. The ratio of the time per MB at the
//! largest size to that at the smallest tells whether some stage grows faster than its input: it must stay
//! under 20 between 1 and 16 MB. The time budget per file is turned off here (`DOSSIER_EXTRACTION_SECONDS=0`),
//! so the figures show the algorithms, not the guard.

use dossier::adversarial::GENERATORS;
use dossier::corpus::CorpusSource;
use dossier::loading;
use std::time::Instant;

fn main() {
    // SAFETY: set before any thread starts.
    unsafe { std::env::set_var("DOSSIER_EXTRACTION_SECONDS", "0") };
    let sizes: Vec<f64> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![1.0, 4.0, 16.0] } else { sizes };
    // Other words pick generators by name.
    let only: Vec<String> = std::env::args().skip(1).filter(|a| a.parse::<f64>().is_err() && a != "--bench").collect();
    let folder = tempfile::tempdir().expect("a temporary folder");
    println!(
        "{:<22} {}  ratio",
        "generator",
        sizes.iter().map(|s| format!("{s:>5} MB: s/MB")).collect::<Vec<_>>().join("  ")
    );
    for generator in GENERATORS.iter().filter(|g| only.is_empty() || only.iter().any(|o| g.name.contains(o.as_str()))) {
        let mut per_megabyte = Vec::new();
        let mut notes = Vec::new();
        for &megabytes in &sizes {
            let text = (generator.make)((megabytes * (1 << 20) as f64) as usize);
            let path = folder.path().join(format!("{}-{megabytes}.{}", generator.name, generator.extension));
            std::fs::write(&path, &text).expect("write the input");
            let started = Instant::now();
            let corpus = loading::load(&CorpusSource::from_path(&path), 1).expect("the file opens");
            let seconds = started.elapsed().as_secs_f64();
            per_megabyte.push(seconds / (text.len() as f64 / (1 << 20) as f64));
            notes.extend(corpus.problems.iter().map(|p| format!("{megabytes} MB: {}", p.message)));
            std::fs::remove_file(&path).ok();
        }
        let ratio = per_megabyte.last().unwrap() / per_megabyte.first().unwrap().max(1e-9);
        let cells: Vec<String> = per_megabyte.iter().map(|s| format!("{s:>15.4}")).collect();
        println!(
            "{:<22} {}  {ratio:5.1}{}",
            generator.name,
            cells.join("  "),
            if ratio >= 20.0 { "  OVER 20" } else { "" }
        );
        for note in notes {
            println!("    {note}");
        }
    }
}
