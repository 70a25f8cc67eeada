//! Scoring extracted statements and dates against hand annotations (gold files in the seeds format).
//!
//! A prediction matches a gold statement when its text span covers at least a share (`overlap`, 0.3 by
//! default) of the gold fragment's characters; gold items with `core: false` count neither as a miss nor
//! as a false find. Used by the test suite on the project's own gold and by `dossier score` on any other.

use crate::corpus::CorpusSource;
use crate::loading;
use crate::speakers::{MergeReason, SpeakerEdits};
use crate::statements::{self, Statement};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::Path;

/// Precision, recall, F1 and speaker accuracy of statements, and how many gold dates were right.
#[derive(Debug, Default, Clone, Copy)]
pub struct Score {
    /// Core gold statements.
    pub gold: usize,
    /// Predictions that count (matching a core statement, or matching nothing).
    pub predicted: usize,
    /// Predictions that match a core gold statement.
    pub true_predictions: usize,
    /// Core gold statements that some prediction matches.
    pub found_gold: usize,
    /// Found gold statements whose speaker is right.
    pub speaker_right: usize,
    /// Found gold statements (the denominator of speaker accuracy).
    pub speaker_checked: usize,
    /// Gold articles with a `date` key (null included: then the article must have no date).
    pub dates_checked: usize,
    /// Of those, the ones whose date was found as the gold says.
    pub dates_right: usize,
}

impl Score {
    /// Share of predictions that match a core gold statement.
    pub fn precision(&self) -> f64 {
        ratio(self.true_predictions, self.predicted)
    }
    /// Share of core gold statements found.
    pub fn recall(&self) -> f64 {
        ratio(self.found_gold, self.gold)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
    /// Share of found gold statements with the right speaker.
    pub fn speaker_accuracy(&self) -> f64 {
        ratio(self.speaker_right, self.speaker_checked)
    }
    /// Share of gold dates found as annotated.
    pub fn date_accuracy(&self) -> f64 {
        ratio(self.dates_right, self.dates_checked)
    }
    /// One line for people: every figure in percent with the counts behind them.
    pub fn summary(&self) -> String {
        format!(
            "P {:.1}% R {:.1}% F1 {:.1}% speaker {:.1}% ({} gold, {} predicted); dates {}/{}",
            100.0 * self.precision(),
            100.0 * self.recall(),
            100.0 * self.f1(),
            100.0 * self.speaker_accuracy(),
            self.gold,
            self.predicted,
            self.dates_right,
            self.dates_checked
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
/// Returns the score and one note per miss, false find, wrong speaker or wrong date.
pub fn score(corpus_path: &Path, gold_path: &Path, overlap: f64) -> Result<(Score, Vec<String>), String> {
    let gold_text =
        std::fs::read_to_string(gold_path).map_err(|e| format!("cannot read {}: {e}", gold_path.display()))?;
    let gold: serde_json::Value =
        serde_json::from_str(&gold_text).map_err(|e| format!("{}: invalid JSON: {e}", gold_path.display()))?;
    let entries =
        gold["articles"].as_array().ok_or_else(|| format!("{}: no \"articles\" list", gold_path.display()))?;
    let corpus = loading::load(&CorpusSource::from_path(corpus_path), 2)?;
    let mut score = Score::default();
    let mut notes = Vec::new();
    for entry in entries {
        let file = entry["file"].as_str().ok_or("a gold article without \"file\"")?;
        let record = entry["record"].as_u64().unwrap_or(0) as u32;
        let meta = corpus
            .articles
            .iter()
            .find(|a| corpus.files[a.file_id as usize].relative_path == file && a.record == record)
            .ok_or_else(|| format!("{file}#{record} is not in {}", corpus_path.display()))?;
        if let Some(date) = entry.get("date") {
            score.dates_checked += 1;
            let found = meta.date.map(|d| d.format("%Y-%m-%d").to_string());
            if found.as_deref() == date.as_str() {
                score.dates_right += 1;
            } else {
                notes.push(format!("{file}#{record}: date {found:?}, gold {date}"));
            }
        }
        let article = corpus.read_article(meta)?;
        let predictions = statements::extract(&article);
        let text = &article.text;
        let gold_items: Vec<(Range<usize>, bool, String)> = entry["statements"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(|s| {
                let fragment = s["text"].as_str().unwrap_or_default();
                let range = find_fragment(text, fragment).or_else(|| {
                    notes.push(format!("{file}: gold fragment not found: {fragment}"));
                    None
                })?;
                Some((range, s["core"].as_bool().unwrap_or(true), s["speaker"].as_str().unwrap_or("").to_owned()))
            })
            .collect();
        let covers = |prediction: &Statement, gold: &Range<usize>| {
            let start = prediction.text.start.max(gold.start);
            let end = prediction.text.end.min(gold.end);
            let shared_chars = if start < end { text[start..end].chars().count() } else { 0 };
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
        for (range, _, speaker) in gold_items.iter().filter(|(_, core, _)| *core) {
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
    Ok((score, notes))
}

/// Finds a gold fragment in the text, taking straight and curly quotes and apostrophes as the same.
pub fn find_fragment(text: &str, fragment: &str) -> Option<Range<usize>> {
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

/// One automatic merge of speaker names across a corpus: the name as found, the name it joined, why,
/// and the statements and articles it moved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpeakerMerge {
    /// The speaker name as found in articles.
    pub from: String,
    /// The canonical name it was merged into.
    pub to: String,
    /// Surname, spelling or case.
    pub reason: MergeReason,
    /// How many statements carry `from`.
    pub statements: usize,
    /// The articles (`file#record`) where `from` speaks.
    pub articles: Vec<String>,
}

/// The automatic speaker merges of a corpus (folder or file), read afresh (no cache), most statements first.
pub fn speaker_merges(corpus_path: &Path) -> Result<Vec<SpeakerMerge>, String> {
    let corpus = loading::load(&CorpusSource::from_path(corpus_path), 2)?;
    let found = corpus.found_speakers();
    let names = corpus.speaker_names(&SpeakerEdits::default());
    let mut articles: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for statement in &corpus.statements {
        if let Some(speaker) = statement.speaker.as_deref() {
            let meta = &corpus.articles[statement.article as usize];
            let file = &corpus.files[meta.file_id as usize].relative_path;
            articles.entry(speaker).or_default().insert(format!("{file}#{}", meta.record));
        }
    }
    let mut merges: Vec<SpeakerMerge> = names
        .automatic_merges()
        .map(|(from, to, reason)| SpeakerMerge {
            from: from.to_owned(),
            to: to.to_owned(),
            reason,
            statements: found.get(from).copied().unwrap_or(0),
            articles: articles.get(from).map(|a| a.iter().cloned().collect()).unwrap_or_default(),
        })
        .collect();
    merges.sort_by(|a, b| b.statements.cmp(&a.statements).then_with(|| a.from.cmp(&b.from)));
    Ok(merges)
}

/// How many automatic merges a hand review found right, wrong, or has not seen.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct MergeScore {
    /// Merges the review marks right.
    pub right: usize,
    /// Merges the review marks wrong, as `from → to`.
    pub wrong: Vec<String>,
    /// Merges the review does not list, as `from → to` (to review and add).
    pub unreviewed: Vec<String>,
    /// Statements moved by right merges.
    pub right_statements: usize,
    /// Statements moved by wrong merges.
    pub wrong_statements: usize,
}

impl MergeScore {
    /// Share of reviewed merges that are right.
    pub fn precision(&self) -> f64 {
        ratio(self.right, self.right + self.wrong.len())
    }
    /// Share of the statements moved by reviewed merges that were moved rightly.
    pub fn statement_precision(&self) -> f64 {
        ratio(self.right_statements, self.right_statements + self.wrong_statements)
    }
    /// One line for people.
    pub fn summary(&self) -> String {
        format!(
            "merges: {} right, {} wrong, {} unreviewed; precision {:.1}% ({:.1}% of the statements moved)",
            self.right,
            self.wrong.len(),
            self.unreviewed.len(),
            100.0 * self.precision(),
            100.0 * self.statement_precision()
        )
    }
}

/// Scores merges against a hand review: `{"merges": [{"from", "to", "right": true|false}]}`.
pub fn score_merges(merges: &[SpeakerMerge], review_path: &Path) -> Result<MergeScore, String> {
    let text =
        std::fs::read_to_string(review_path).map_err(|e| format!("cannot read {}: {e}", review_path.display()))?;
    let review: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: invalid JSON: {e}", review_path.display()))?;
    let verdicts: BTreeMap<(String, String), bool> = review["merges"]
        .as_array()
        .ok_or_else(|| format!("{}: no \"merges\" list", review_path.display()))?
        .iter()
        .filter_map(|m| {
            let pair = (m["from"].as_str()?.to_owned(), m["to"].as_str()?.to_owned());
            Some((pair, m["right"].as_bool()?))
        })
        .collect();
    let mut score = MergeScore::default();
    for merge in merges {
        let label = format!("{} → {}", merge.from, merge.to);
        match verdicts.get(&(merge.from.clone(), merge.to.clone())) {
            Some(true) => {
                score.right += 1;
                score.right_statements += merge.statements;
            }
            Some(false) => {
                score.wrong.push(label);
                score.wrong_statements += merge.statements;
            }
            None => score.unreviewed.push(label),
        }
    }
    Ok(score)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_are_found_whatever_the_quote_marks() {
        let text = "He said: “It’s over.” Then left.";
        let range = find_fragment(text, "\"It's over.\"").unwrap();
        assert_eq!(&text[range], "“It’s over.”");
        assert_eq!(find_fragment(text, "not there"), None);
    }

    #[test]
    fn scores_are_ratios_of_their_counts() {
        let score = Score {
            gold: 10,
            predicted: 8,
            true_predictions: 6,
            found_gold: 5,
            speaker_right: 4,
            speaker_checked: 5,
            ..Score::default()
        };
        assert_eq!((score.precision(), score.recall(), score.speaker_accuracy()), (0.75, 0.5, 0.8));
        assert!((score.f1() - 0.6).abs() < 1e-9);
    }
}
