//! Statement extraction scored against hand annotations: the shared seed gold and our own Wikinews gold.

mod common;

use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn seeds_gold_precision_recall_and_speakers_are_at_least_90_percent() {
    let (score, notes) =
        common::score(&root().join("../shared/corpus/seeds"), &root().join("../shared/gold/seeds.json"), 0.3);
    println!("seeds @0.3: {}", score.summary());
    for note in &notes {
        println!("  {note}");
    }
    assert!(score.precision() >= 0.9, "{}", score.summary());
    assert!(score.recall() >= 0.9, "{}", score.summary());
    assert!(score.f1() >= 0.9, "{}", score.summary());
    assert!(score.speaker_accuracy() >= 0.9, "{}", score.summary());
}
