//! Scoring extracted statements against hand annotations, with the rule of `shared/gold/seeds.json`:
//! a prediction matches a gold statement when its text span covers at least a share (0.3) of the gold
//! fragment's characters; gold items with `core: false` count neither as a miss nor as a false find.

#![allow(dead_code)]

use dossier::corpus::{self, CorpusSource};
use dossier::statements::{self, Statement};
use std::path::Path;

/// Precision, recall, F1 and speaker accuracy.
#[derive(Debug, Default, Clone, Copy)]
pub struct Score {
    pub gold: usize,
    pub predicted: usize,
    pub true_predictions: usize,
    pub found_gold: usize,
    pub speaker_right: usize,
    pub speaker_checked: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        ratio(self.true_predictions, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.found_gold, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
    pub fn speaker_accuracy(&self) -> f64 {
        ratio(self.speaker_right, self.speaker_checked)
    }
    pub fn summary(&self) -> String {
        format!(
            "P {:.1}% R {:.1}% F1 {:.1}% speaker {:.1}% ({} gold, {} predicted)",
            100.0 * self.precision(),
            100.0 * self.recall(),
            100.0 * self.f1(),
            100.0 * self.speaker_accuracy(),
            self.gold,
            self.predicted
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Names compare without case, with one apostrophe, and without a leading `the` (`The Times` = `Times`).
fn normalise_name(name: &str) -> String {
    let lower = name.to_lowercase().replace(['’', '\''], "'");
    lower.strip_prefix("the ").map(str::to_owned).unwrap_or(lower)
}

/// Scores one corpus (folder or file) against a gold file in the seeds format, at the given overlap.
pub fn score(corpus_path: &Path, gold_path: &Path, overlap: f64) -> (Score, Vec<String>) {
    let gold: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(gold_path).unwrap()).unwrap();
    let corpus = corpus::load(&CorpusSource::from_path(corpus_path), 2).unwrap();
    let mut score = Score::default();
    let mut notes = Vec::new();
    for entry in gold["articles"].as_array().unwrap() {
        let file = entry["file"].as_str().unwrap();
        let record = entry["record"].as_u64().unwrap_or(0) as u32;
        let meta = corpus
            .articles
            .iter()
            .find(|a| corpus.files[a.file_id as usize].relative_path == file && a.record == record)
            .unwrap_or_else(|| panic!("{file}#{record} is in the corpus"));
        let article = corpus.read_article(meta).unwrap();
        let predictions = statements::extract(&article);
        let text = &article.text;
        // Gold fragments as byte ranges.
        let gold_items: Vec<(std::ops::Range<usize>, bool, String)> = entry["statements"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|s| {
                let fragment = s["text"].as_str().unwrap();
                let range = find_fragment(text, fragment).or_else(|| {
                    notes.push(format!("{file}: gold fragment not found: {fragment}"));
                    None
                })?;
                Some((range, s["core"].as_bool().unwrap_or(true), s["speaker"].as_str().unwrap_or("").to_owned()))
            })
            .collect();
        let covers = |prediction: &Statement, gold: &std::ops::Range<usize>| {
            let shared = prediction.text.end.min(gold.end).saturating_sub(prediction.text.start.max(gold.start));
            let shared_chars = if shared == 0 {
                0
            } else {
                text[prediction.text.start.max(gold.start)..prediction.text.end.min(gold.end)].chars().count()
            };
            shared_chars as f64 >= overlap * text[gold.clone()].chars().count() as f64
        };
        for prediction in &predictions {
            let matches_core = gold_items.iter().any(|(range, core, _)| *core && covers(prediction, range));
            let matches_other = gold_items.iter().any(|(range, core, _)| !*core && covers(prediction, range));
            if matches_core {
                score.predicted += 1;
                score.true_predictions += 1;
            } else if !matches_other {
                score.predicted += 1;
                notes.push(format!(
                    "{file}#{record}: false find: [{}] {:?}",
                    prediction.speaker.as_deref().unwrap_or("?"),
                    &text[prediction.text.clone()]
                ));
            }
        }
        for (range, core, speaker) in gold_items.iter().filter(|(_, core, _)| *core) {
            let _ = core;
            score.gold += 1;
            let matched: Vec<&Statement> = predictions.iter().filter(|p| covers(p, range)).collect();
            if matched.is_empty() {
                notes.push(format!("{file}#{record}: missed: [{speaker}] {:?}", &text[range.clone()]));
                continue;
            }
            score.found_gold += 1;
            score.speaker_checked += 1;
            if matched.iter().any(|p| p.speaker.as_deref().map(normalise_name) == Some(normalise_name(speaker))) {
                score.speaker_right += 1;
            } else {
                notes.push(format!(
                    "{file}#{record}: wrong speaker {:?} for [{speaker}] {:?}",
                    matched[0].speaker,
                    &text[range.clone()]
                ));
            }
        }
    }
    (score, notes)
}

/// Finds a gold fragment in the text, taking straight and curly quotes and apostrophes as the same.
pub fn find_fragment(text: &str, fragment: &str) -> Option<std::ops::Range<usize>> {
    let fold = |c: char| match c {
        '’' | '‘' | '`' => '\'',
        '“' | '”' => '"',
        '\u{a0}' => ' ',
        c => c,
    };
    let haystack: Vec<(usize, char)> = text.char_indices().map(|(i, c)| (i, fold(c))).collect();
    let needle: Vec<char> = fragment.chars().map(fold).collect();
    if needle.is_empty() || needle.len() > haystack.len() {
        return None;
    }
    (0..=haystack.len() - needle.len())
        .find(|&i| haystack[i..i + needle.len()].iter().map(|(_, c)| *c).eq(needle.iter().copied()))
        .map(|i| {
            let end = haystack.get(i + needle.len()).map_or(text.len(), |(b, _)| *b);
            haystack[i].0..end
        })
}
