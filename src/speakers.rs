//! One name per speaker across the corpus: automatic merges of name variants, and the user's own merges,
//! renames and splits, saved per corpus.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The user's decisions about speaker names. Saved per corpus, outside the corpus folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SpeakerEdits {
    /// Name as found → the name it is merged into.
    pub merges: BTreeMap<String, String>,
    /// Canonical name → the name the user gave it.
    pub renames: BTreeMap<String, String>,
    /// Names the user split off: never merged automatically.
    pub kept_apart: BTreeSet<String>,
}

/// Maps every name as found in articles to its canonical name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SpeakerNames {
    canonical: BTreeMap<String, String>,
}

impl SpeakerNames {
    /// Builds the mapping from the names found (with how often each was found) and the user's edits.
    ///
    /// Automatic merges: a lone surname (`Rouhani`) joins the one full name in the corpus that ends with
    /// it (`Hassan Rouhani`); spellings of one full name with the same initials and surname
    /// (`Mohamed Shia al-Sudani`, `Mohammed Shia Al-Sudani`) join the most frequent of them.
    pub fn build(found: &BTreeMap<String, usize>, edits: &SpeakerEdits) -> SpeakerNames {
        let mut canonical = BTreeMap::new();
        // Full names grouped by surname and by spelling key, so each name finds its kin in one lookup (tens
        // of thousands of names are found in a large corpus).
        let mut by_surname: HashMap<String, Vec<&String>> = HashMap::new();
        let mut by_spelling: HashMap<String, Vec<&String>> = HashMap::new();
        for name in found.keys().filter(|name| name.split_whitespace().count() > 1) {
            let surname = bare_surname(name.split_whitespace().last().unwrap_or(""));
            by_surname.entry(surname).or_default().push(name);
            by_spelling.entry(spelling_key(name)).or_default().push(name);
        }
        for name in found.keys() {
            if edits.kept_apart.contains(name) {
                continue;
            }
            let words: Vec<&str> = name.split_whitespace().collect();
            let target = if words.len() == 1 {
                let owners = by_surname.get(&bare_surname(name)).map_or(&[][..], Vec::as_slice);
                // Only an unambiguous surname is merged: two Khameneis stay apart.
                let distinct: BTreeSet<String> = owners.iter().map(|o| spelling_key(o)).collect();
                (distinct.len() == 1).then(|| most_frequent(owners.iter().copied(), found)).flatten()
            } else {
                let variants = by_spelling.get(&spelling_key(name)).map_or(&[][..], Vec::as_slice);
                most_frequent(variants.iter().copied(), found).filter(|best| *best != name)
            };
            if let Some(target) = target {
                canonical.insert(name.clone(), target.clone());
            }
        }
        for (from, to) in &edits.merges {
            canonical.insert(from.clone(), to.clone());
        }
        // Merges may chain (A → B, B → C); renames apply to the end of the chain.
        let mut resolved = BTreeMap::new();
        for name in found.keys().chain(edits.merges.keys()) {
            let mut current = name.clone();
            for _ in 0..16 {
                match canonical.get(&current) {
                    Some(next) if *next != current => current = next.clone(),
                    _ => break,
                }
            }
            let renamed = edits.renames.get(&current).cloned().unwrap_or(current);
            if renamed != *name {
                resolved.insert(name.clone(), renamed);
            }
        }
        SpeakerNames { canonical: resolved }
    }

    /// The canonical name of a name as found.
    pub fn canonical<'a>(&'a self, name: &'a str) -> &'a str {
        self.canonical.get(name).map_or(name, String::as_str)
    }

    /// Counts by canonical name, most first (ties by name), from counts by name as found.
    pub fn ranked_counts<'a>(&self, found: impl IntoIterator<Item = (&'a str, usize)>) -> Vec<(String, usize)> {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for (name, count) in found {
            *counts.entry(self.canonical(name)).or_default() += count;
        }
        let mut ranked: Vec<(String, usize)> =
            counts.into_iter().map(|(name, count)| (name.to_owned(), count)).collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        ranked
    }

    /// The names found that end up under `canonical`, itself included if it was found.
    pub fn variants<'a>(&'a self, canonical: &str, found: &'a BTreeMap<String, usize>) -> Vec<&'a str> {
        found.keys().map(String::as_str).filter(|name| self.canonical(name) == canonical).collect()
    }
}

fn most_frequent<'a>(names: impl Iterator<Item = &'a String>, found: &BTreeMap<String, usize>) -> Option<&'a String> {
    names.max_by_key(|name| {
        (found.get(*name).copied().unwrap_or(0), std::cmp::Reverse(name.len()), std::cmp::Reverse((*name).clone()))
    })
}

/// A key equal for spellings of one name: initials and the surname without `al-`, in lower case.
fn spelling_key(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let initials: String =
        words[..words.len() - 1].iter().filter_map(|w| crate::statements::fold_name(w).chars().next()).collect();
    format!("{initials} {}", bare_surname(words.last().copied().unwrap_or("")))
}

fn bare_surname(word: &str) -> String {
    let lower = crate::statements::fold_name(word);
    lower.strip_prefix("al-").or_else(|| lower.strip_prefix("el-")).unwrap_or(&lower).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(names: &[(&str, usize)]) -> BTreeMap<String, usize> {
        names.iter().map(|(n, c)| (n.to_string(), *c)).collect()
    }

    #[test]
    fn surnames_and_spellings_merge_automatically() {
        let found = found(&[
            ("Hassan Rouhani", 5),
            ("Rouhani", 3),
            ("Mohamed Shia al-Sudani", 1),
            ("Mohammed Shia Al-Sudani", 2),
            ("Sudani", 1),
        ]);
        let names = SpeakerNames::build(&found, &SpeakerEdits::default());
        assert_eq!(names.canonical("Rouhani"), "Hassan Rouhani");
        assert_eq!(names.canonical("Mohamed Shia al-Sudani"), "Mohammed Shia Al-Sudani");
        assert_eq!(names.canonical("Sudani"), "Mohammed Shia Al-Sudani");
        assert_eq!(names.canonical("Hassan Rouhani"), "Hassan Rouhani");
        // Counts follow the merges, most first, ties by name.
        let ranked = names.ranked_counts(found.iter().map(|(name, count)| (name.as_str(), *count)));
        let expected = [("Hassan Rouhani", 8), ("Mohammed Shia Al-Sudani", 4)];
        assert_eq!(ranked, expected.map(|(name, count)| (name.to_owned(), count)));
        let tied = names.ranked_counts([("Bo Ray", 2), ("Ann Lee", 2)]);
        assert_eq!(tied, [("Ann Lee".to_owned(), 2), ("Bo Ray".to_owned(), 2)]);
    }

    #[test]
    fn ambiguous_surnames_stay_apart() {
        let found = found(&[("Ali Khamenei", 2), ("Mojtaba Khamenei", 1), ("Khamenei", 4)]);
        let names = SpeakerNames::build(&found, &SpeakerEdits::default());
        assert_eq!(names.canonical("Khamenei"), "Khamenei");
    }

    #[test]
    fn user_merges_renames_and_splits() {
        let found = found(&[("Nasser Kanaani", 4), ("Nasser Kanani", 1), ("Kanaani", 1)]);
        let mut edits = SpeakerEdits::default();
        edits.merges.insert("Nasser Kanani".into(), "Nasser Kanaani".into());
        edits.renames.insert("Nasser Kanaani".into(), "Nasser Kanaani (MFA)".into());
        let names = SpeakerNames::build(&found, &edits);
        assert_eq!(names.canonical("Nasser Kanani"), "Nasser Kanaani (MFA)");
        assert_eq!(names.canonical("Kanaani"), "Nasser Kanaani (MFA)");
        edits.kept_apart.insert("Kanaani".into());
        let names = SpeakerNames::build(&found, &edits);
        assert_eq!(names.canonical("Kanaani"), "Kanaani");
        assert_eq!(names.variants("Nasser Kanaani (MFA)", &found), ["Nasser Kanaani", "Nasser Kanani"]);
    }
}
