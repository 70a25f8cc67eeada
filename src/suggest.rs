//! Suggested topics: the corpus' own key phrases (YAKE-style: frequent, spread over many articles, not
//! function words), with phrases that travel together merged into one ready query.

use crate::topics::Topic;
use std::collections::{BTreeSet, HashMap};

/// Words that never start or end a key phrase.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "even",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "last",
    "like",
    "made",
    "make",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "new",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "own",
    "per",
    "said",
    "same",
    "say",
    "says",
    "saying",
    "she",
    "should",
    "since",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "told",
    "two",
    "under",
    "until",
    "up",
    "us_",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "year",
    "years",
    "you",
    "your",
    "added",
    "according",
    "stated",
    "noted",
    "stressed",
    "called",
    "well",
    "way",
    "time",
    "including",
    "however",
    "within",
    "without",
    "among",
    "still",
    "yet",
    "already",
    "today",
    "yesterday",
    "news",
    "agency",
    "reported",
    "report",
    "statement",
    "week",
    "month",
    "day",
    "first",
    "second",
    "three",
    "several",
    "part",
    "people",
    "country",
    "countries",
    "asked",
    "get",
    "go",
    "president",
    "minister",
    "government",
    "official",
    "officials",
    "spokesman",
    "leader",
    "prime",
    "state",
    "national",
    "party",
    "mr",
    "ms",
    "mrs",
    "dr",
    "general",
];

/// How many articles at most are read to suggest topics, so a huge corpus answers quickly.
pub const SAMPLE_LIMIT: usize = 5_000;

fn is_stop(word: &str) -> bool {
    STOP_WORDS.contains(&word) || crate::statements::CALENDAR_WORDS.contains(word)
}

/// A word in lower case, whether it was capitalised inside a sentence (as names are), and as written.
type Word = (String, bool, String);

/// Words of a text, with a break marker at punctuation so phrases never cross it.
fn words(text: &str) -> Vec<Option<Word>> {
    let mut out: Vec<Option<Word>> = Vec::new();
    let mut current = String::new();
    let mut is_capitalised = false;
    let mut opens_sentence = true;
    let flush = |current: &mut String, is_capitalised: bool, opens_sentence: bool, out: &mut Vec<Option<Word>>| {
        if !current.is_empty() {
            let written = current.trim_matches(|c| c == '-' || c == '\'' || c == '’').replace('’', "'");
            let written = written.strip_suffix("'s").unwrap_or(&written).to_owned();
            out.push(Some((written.to_lowercase(), is_capitalised && !opens_sentence, written)));
            current.clear();
        }
    };
    for c in text.chars() {
        if c.is_alphanumeric() || c == '-' || c == '\'' || c == '’' {
            if current.is_empty() {
                is_capitalised = c.is_uppercase();
            }
            current.push(c);
        } else {
            let had_word = !current.is_empty();
            flush(&mut current, is_capitalised, opens_sentence, &mut out);
            if had_word {
                opens_sentence = false;
            }
            if !c.is_whitespace() {
                out.push(None);
                opens_sentence = matches!(c, '.' | '!' | '?' | '"' | '“' | '\n');
            } else if c == '\n' {
                opens_sentence = true;
            }
        }
    }
    flush(&mut current, is_capitalised, opens_sentence, &mut out);
    out
}

/// Suggests up to `limit` topics from article texts: each a name and a query of its phrases. Phrases in
/// `excluded` (lower case: the corpus' speakers, who have their own views) are left out.
pub fn suggest_topics<'a>(texts: impl Iterator<Item = &'a str>, excluded: &[String], limit: usize) -> Vec<Topic> {
    // Phrase → (occurrences, capitalised occurrences, the articles it is in, a capitalised written form).
    let mut phrases: HashMap<String, (usize, usize, BTreeSet<usize>, Option<String>)> = HashMap::new();
    let mut articles = 0;
    for (article, text) in texts.take(SAMPLE_LIMIT).enumerate() {
        articles += 1;
        let all_words = words(text);
        // A capitalised neighbour that is not a title (`General` before `Qassem Soleimani` is not part of the name).
        let is_capital_at = |i: usize| {
            all_words
                .get(i)
                .and_then(|w| w.as_ref())
                .is_some_and(|(word, capital, _)| *capital && !crate::statements::is_title_word(word))
        };
        for start in 0..all_words.len() {
            for length in 1..=3 {
                let Some(slice) = all_words.get(start..start + length) else { break };
                let Some(words) = slice.iter().cloned().collect::<Option<Vec<Word>>>() else { break };
                let is_capitalised = words.iter().any(|(_, capital, _)| *capital);
                // Short words only as written capitals (`US`, not the pronoun `us`); no contractions (`don't`).
                let is_word = |(word, capital, _): &Word| {
                    (word.chars().count() >= 3 || *capital && matches!(word.as_str(), "us" | "uk" | "un" | "eu"))
                        && !word.contains('\'')
                };
                if !words.iter().all(is_word) {
                    continue;
                }
                let written = words.iter().map(|(_, _, written)| written.as_str()).collect::<Vec<_>>().join(" ");
                // Part of a longer name (`leader Petar` of `Petar Vosk`, `Velorian Foreign` of `… Ministry`) is no phrase.
                let cuts_a_name = (words[length - 1].1 && is_capital_at(start + length))
                    || (words[0].1 && start > 0 && is_capital_at(start - 1));
                if cuts_a_name {
                    continue;
                }
                let parts: Vec<String> = words.into_iter().map(|(word, _, _)| word).collect();
                let (first, last) = (&parts[0], &parts[length - 1]);
                if is_stop(first) || is_stop(last) || parts.iter().any(|w| w.chars().all(|c| c.is_numeric())) {
                    continue;
                }
                let entry = phrases.entry(parts.join(" ")).or_insert((0, 0, BTreeSet::new(), None));
                entry.0 += 1;
                entry.1 += usize::from(is_capitalised);
                entry.2.insert(article);
                if is_capitalised && entry.3.is_none() {
                    entry.3 = Some(written);
                }
            }
        }
    }
    if articles == 0 {
        return Vec::new();
    }
    let minimum_articles = if articles >= 10 { 2 } else { 1 };
    // Frequent, spread over articles, and longer phrases first; but not in nearly every article of a large
    // corpus (that is its subject's vocabulary, not a topic).
    // A single word must be a name (capitalised inside sentences most of the time); phrases are kept
    // when they recur.
    let mut scored: Vec<(f64, String, BTreeSet<usize>, String)> = phrases
        .into_iter()
        .filter(|(phrase, (count, capitalised, docs, _))| {
            let is_name_like = *capitalised * 2 >= *count;
            *count >= 2
                && docs.len() >= minimum_articles
                && (phrase.contains(' ') || is_name_like)
                && !excluded.iter().any(|name| format!(" {phrase} ").contains(&format!(" {name} ")))
        })
        .map(|(phrase, (count, capitalised, docs, written))| {
            let length = phrase.split(' ').count() as f64;
            let spread = docs.len() as f64 / articles as f64;
            let commonness = if articles >= 20 && spread > 0.6 { 0.3 } else { 1.0 };
            let naming = if capitalised > 0 { 1.2 } else { 1.0 };
            let score =
                (count as f64).ln_1p() * (1.0 + docs.len() as f64).ln() * length.powf(0.75) * commonness * naming;
            // A name is shown as written (`Iraq`, `Red Ash Brigades`, `US`); other phrases in lower case.
            let name = written.filter(|_| capitalised * 2 >= count).unwrap_or_else(|| phrase.clone());
            (score, phrase, docs, name)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    // Keep a phrase unless a longer kept one holds it and they occur in the same articles.
    let mut kept: Vec<(String, BTreeSet<usize>, String)> = Vec::new();
    for (_, phrase, docs, name) in scored {
        let is_covered = kept.iter().any(|(other, other_docs, _)| {
            format!(" {other} ").contains(&format!(" {phrase} ")) && jaccard(&docs, other_docs) >= 0.5
        });
        if !is_covered {
            kept.push((phrase, docs, name));
        }
        if kept.len() >= limit * 4 {
            break;
        }
    }
    // Merge phrases that travel together (mostly the same articles) into one topic.
    let mut topics: Vec<(Vec<String>, BTreeSet<usize>, String)> = Vec::new();
    for (phrase, docs, name) in kept {
        // One word and its derived forms (`Iraq`, `Iraqi`) are one topic too.
        let is_derived = |group: &Vec<String>| {
            !phrase.contains(' ')
                && group.iter().any(|g| {
                    !g.contains(' ') && g.len() >= 4 && (phrase.starts_with(g.as_str()) || g.starts_with(&phrase))
                })
        };
        match topics
            .iter_mut()
            .find(|(group, group_docs, _)| is_derived(group) || jaccard(&docs, group_docs) >= 0.8 && articles >= 10)
        {
            Some((group, group_docs, _)) if group.len() < 4 => {
                group.push(phrase);
                group_docs.extend(docs);
            }
            Some(_) => {}
            None => topics.push((vec![phrase], docs, name)),
        }
    }
    topics
        .into_iter()
        .take(limit)
        .map(|(group, _, name)| Topic {
            name,
            query: group
                .iter()
                .map(|p| if p.contains(' ') { format!("\"{p}\"") } else { p.clone() })
                .collect::<Vec<_>>()
                .join(" OR "),
        })
        .collect()
}

fn jaccard(a: &BTreeSet<usize>, b: &BTreeSet<usize>) -> f64 {
    let shared = a.intersection(b).count() as f64;
    let all = a.union(b).count() as f64;
    if all == 0.0 { 0.0 } else { shared / all }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_messy_articles_suggest_their_subjects() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/messy");
        let corpus = crate::loading::load(&crate::corpus::CorpusSource::Folder(folder), 1).unwrap();
        let texts: Vec<String> = corpus.articles.iter().map(|a| corpus.read_article(a).unwrap().body_text()).collect();
        let topics = suggest_topics(texts.iter().map(String::as_str), &[], 20);
        let queries: Vec<&str> = topics.iter().map(|t| t.query.as_str()).collect();
        let has = |word: &str| queries.iter().any(|q| q.contains(word));
        assert!(has("troops") || has("soldiers") || has("ardel"), "the troops at Fort Ardel in {queries:?}");
        assert!(has("red ash") || has("brigades"), "the Red Ash Brigades in {queries:?}");
        assert!(has("accord") || has("dam"), "the accord or the dam in {queries:?}");
    }

    #[test]
    fn names_keep_their_capitals_and_pronouns_and_contractions_are_no_topics() {
        let texts = [
            "Talks with Iraq resumed. Officials in Iraq said the US would help us. I don't know, he said.",
            "Iraq and the US met again. They told us they don't know. Iraq wants the US troops to leave.",
        ];
        let topics = suggest_topics(texts.iter().copied(), &[], 10);
        let names: Vec<&str> = topics.iter().map(|t| t.name.as_str()).collect();
        assert!(names.contains(&"Iraq") && names.contains(&"US"), "{names:?}");
        assert!(!names.iter().any(|n| n.contains('\'') || *n == "us" || n.contains("know")), "{names:?}");
    }

    #[test]
    fn phrases_never_start_or_end_with_function_words_nor_cross_punctuation() {
        let texts = ["The dam talks collapsed. Dam talks resume.", "The dam talks, again: dam talks."];
        let topics = suggest_topics(texts.iter().copied(), &[], 5);
        assert_eq!(topics[0].name, "dam talks");
        assert!(topics.iter().all(|t| !t.name.starts_with("the ") && !t.name.ends_with(" the")));
        assert!(topics.iter().all(|t| !t.name.contains("collapsed dam")));
    }
}
