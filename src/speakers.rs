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

/// Why a name as found was merged into another automatically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MergeReason {
    /// A lone surname (`Rouhani`) joined the one full name of the corpus that ends with it.
    Surname,
    /// Another spelling of one full name (`Mohamed Shia al-Sudani`, `Mohammed Shia Al-Sudani`).
    Spelling,
    /// The same words in other capitals (`Officials`, `officials`).
    Case,
}

/// Maps every name as found in articles to its canonical name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SpeakerNames {
    canonical: BTreeMap<String, String>,
    /// The automatic merges: name as found → (the name it joined, why), before the user's edits.
    automatic: BTreeMap<String, (String, MergeReason)>,
}

/// The role words the articles give each speaker name as found (`president`, `turk…`), gathered with
/// `role_words` from the statements' roles: the evidence a lone surname needs to join a full name.
pub type SpeakerRoles = BTreeMap<String, BTreeSet<String>>;

/// The words of a role that say what someone is: role nouns and titles (not honorifics) in lower case,
/// and countries and nationalities as their first four letters prefixed with `@` (`@turk` for `Turkish`
/// and `Turkey`), so that roles can be compared.
pub fn role_words(role: &str) -> BTreeSet<String> {
    use crate::statements::lexicon;
    role.split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| lexicon::strip_possessive(w).trim_end_matches('.').to_lowercase())
        .filter_map(|w| {
            if lexicon::NATIONALITIES.contains(&w) || lexicon::PLACES.contains(&w) {
                Some(format!("@{}", w.chars().take(4).collect::<String>()))
            } else if lexicon::ROLE_NOUNS.contains(&w)
                || lexicon::TITLES.contains(&w) && !lexicon::HONORIFICS.contains(&w)
            {
                Some(w)
            } else {
                None
            }
        })
        .collect()
}

/// True when the roles the articles give a lone surname and a full name support one person: they share a
/// role word, and name no different countries (`Turkish president` and `President`, not `Pope` and none).
fn roles_support(a: Option<&BTreeSet<String>>, b: Option<&BTreeSet<String>>) -> bool {
    let (Some(a), Some(b)) = (a, b) else { return false };
    let offices = |set: &BTreeSet<String>| set.iter().filter(|w| !w.starts_with('@')).cloned().collect::<BTreeSet<_>>();
    let nations = |set: &BTreeSet<String>| set.iter().filter(|w| w.starts_with('@')).cloned().collect::<BTreeSet<_>>();
    let shares_office = !offices(a).is_disjoint(&offices(b));
    let (x, y) = (nations(a), nations(b));
    shares_office && (x.is_empty() || y.is_empty() || !x.is_disjoint(&y))
}

impl SpeakerNames {
    /// Builds the mapping from the names found (with how often each was found) and the user's edits, with
    /// no roles known: lone surnames then stay apart (see `build_with_roles`).
    pub fn build(found: &BTreeMap<String, usize>, edits: &SpeakerEdits) -> SpeakerNames {
        SpeakerNames::build_with_roles(found, &SpeakerRoles::new(), edits)
    }

    /// Builds the mapping from the names found (with how often each was found), the roles the articles
    /// give them, and the user's edits.
    ///
    /// Automatic merges join only proper names of people, never descriptions (`government officials` and
    /// `German officials` stay two speakers): a lone surname (`Rouhani`) joins the one full name in the
    /// corpus that ends with it (`Hassan Rouhani`) when no other full name or first name of the corpus
    /// shares that surname and the articles give both the same role (`Turkish president Erdoğan`, `Turkish
    /// President Recep Tayyip Erdoğan`; `Pope Francis` is not `Saint Francis`); spellings of one full name with the same surname and given names that differ
    /// by a letter or two or by an initial (`Mohamed Shia al-Sudani`, `Mohammed Shia Al-Sudani`) join the
    /// most frequent of them. Any name joins the most frequent of its case variants (`Officials`).
    pub fn build_with_roles(
        found: &BTreeMap<String, usize>,
        roles: &SpeakerRoles,
        edits: &SpeakerEdits,
    ) -> SpeakerNames {
        let mut canonical = BTreeMap::new();
        let mut automatic = BTreeMap::new();
        // Full names grouped by surname and by spelling key, so each name finds its kin in one lookup (tens
        // of thousands of names are found in a large corpus).
        let mut by_surname: HashMap<String, Vec<&String>> = HashMap::new();
        let mut by_spelling: HashMap<String, Vec<&String>> = HashMap::new();
        let mut by_lower_case: HashMap<String, Vec<&String>> = HashMap::new();
        // Given names of the corpus' full names: a lone word that is someone's first name is no safe surname.
        let mut given_names: BTreeSet<String> = BTreeSet::new();
        for name in found.keys() {
            by_lower_case.entry(name.to_lowercase()).or_default().push(name);
        }
        for name in found.keys().filter(|name| name.split_whitespace().count() > 1 && is_personal_name(name)) {
            let surname = bare_surname(name.split_whitespace().last().unwrap_or(""));
            by_surname.entry(surname).or_default().push(name);
            by_spelling.entry(spelling_key(name)).or_default().push(name);
            given_names.insert(bare_surname(name.split_whitespace().next().unwrap_or("")));
        }
        for name in found.keys() {
            if edits.kept_apart.contains(name) {
                continue;
            }
            let words: Vec<&str> = name.split_whitespace().collect();
            let by_name = if !is_personal_name(name) {
                None
            } else if words.len() == 1 {
                let owners = by_surname.get(&bare_surname(name)).map_or(&[][..], Vec::as_slice);
                // Only an unambiguous surname is merged: two Khameneis stay apart, and so do a `Jordan`
                // that is someone's first name and `Michael Jordan`.
                let distinct: BTreeSet<String> = owners.iter().map(|o| spelling_key(o)).collect();
                let is_given_name = given_names.contains(&bare_surname(name));
                (distinct.len() == 1 && !is_given_name)
                    .then(|| most_frequent(owners.iter().copied(), found))
                    .flatten()
                    .filter(|_| {
                        // The role may be given to any spelling of the full name.
                        let owner_roles: BTreeSet<String> =
                            owners.iter().filter_map(|o| roles.get(*o)).flatten().cloned().collect();
                        roles_support(roles.get(name), Some(&owner_roles))
                    })
                    .map(|target| (target, MergeReason::Surname))
            } else {
                let variants = by_spelling.get(&spelling_key(name)).map_or(&[][..], Vec::as_slice);
                let same_person: Vec<&String> =
                    variants.iter().copied().filter(|v| given_names_agree(name, v)).collect();
                // `J. Smith` beside `John Smith` and `Jane Smith` could be either: it stays apart.
                let is_ambiguous = same_person.iter().any(|a| same_person.iter().any(|b| !given_names_agree(a, b)));
                // A full name never joins a form written with initials (`Jane Smith` is not put under `J. Smith`).
                let initials =
                    |n: &str| n.split_whitespace().filter(|w| w.ends_with('.') && w.chars().count() == 2).count();
                let targets = same_person.iter().copied().filter(|v| initials(v) <= initials(name));
                let best = most_frequent(targets, found).filter(|best| *best != name);
                best.filter(|_| !is_ambiguous).map(|target| (target, MergeReason::Spelling))
            };
            let by_case = || {
                let variants = by_lower_case.get(&name.to_lowercase()).map_or(&[][..], Vec::as_slice);
                most_frequent(variants.iter().copied(), found)
                    .filter(|best| *best != name)
                    .map(|target| (target, MergeReason::Case))
            };
            if let Some((target, reason)) = by_name.or_else(by_case) {
                canonical.insert(name.clone(), target.clone());
                automatic.insert(name.clone(), (target.clone(), reason));
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
        SpeakerNames { canonical: resolved, automatic }
    }

    /// The automatic merges, by name as found: the name it joined and why (the user's edits aside).
    pub fn automatic_merges(&self) -> impl Iterator<Item = (&str, &str, MergeReason)> {
        self.automatic.iter().map(|(from, (to, reason))| (from.as_str(), to.as_str(), *reason))
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

/// True for a person's proper name: every word a name word (`Hassan Rouhani`, `al-Sudani`), so no
/// description (`German officials`, `statement`, `company`) and no acronym.
pub fn is_personal_name(name: &str) -> bool {
    let is_initial = |word: &str| {
        let mut letters = word.chars();
        letters.next().is_some_and(char::is_uppercase) && letters.as_str() == "."
    };
    let words: Vec<&str> = name.split_whitespace().collect();
    // An initial stands only before a surname (`J. Smith`).
    words.last().is_some_and(|last| crate::statements::lexicon::is_name_word(last))
        && words.iter().all(|w| crate::statements::lexicon::is_name_word(w) || is_initial(w))
}

/// True when two full names of one surname have given names that can be one person's: the same, one an
/// initial of the other (`J.`, `John`), or long ones a letter or two apart (`Mohamed`, `Mohammed`), never
/// `John` and `Jane`.
fn given_names_agree(a: &str, b: &str) -> bool {
    let given = |name: &str| -> Vec<String> {
        let words: Vec<&str> = name.split_whitespace().collect();
        words[..words.len().saturating_sub(1)].iter().map(|w| bare_surname(w.trim_end_matches('.'))).collect()
    };
    let (x, y) = (given(a), given(b));
    x.len() == y.len()
        && x.iter().zip(&y).all(|(p, q)| {
            let (short, long) = if p.chars().count() <= q.chars().count() { (p, q) } else { (q, p) };
            p == q
                || short.chars().count() == 1 && long.starts_with(short.as_str())
                || short.chars().count() >= 5 && edit_distance(short, long) <= 2
        })
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
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

    fn roles(given: &[(&str, &str)]) -> SpeakerRoles {
        given.iter().map(|(name, role)| (name.to_string(), role_words(role))).collect()
    }

    #[test]
    fn a_surname_joins_a_full_name_only_when_the_articles_give_them_one_role() {
        let found = found(&[("Recep Tayyip Erdoğan", 7), ("Erdoğan", 4), ("Saint Francis", 1), ("Francis", 2)]);
        // No roles known: surnames stay apart.
        let names = SpeakerNames::build(&found, &SpeakerEdits::default());
        assert_eq!(names.canonical("Erdoğan"), "Erdoğan");
        let given = roles(&[
            ("Recep Tayyip Erdoğan", "Turkish President"),
            ("Erdoğan", "Turkish president"),
            ("Francis", "Pope"),
        ]);
        let names = SpeakerNames::build_with_roles(&found, &given, &SpeakerEdits::default());
        assert_eq!(names.canonical("Erdoğan"), "Recep Tayyip Erdoğan");
        assert_eq!(names.canonical("Francis"), "Francis");
        let merges: Vec<_> = names.automatic_merges().collect();
        assert_eq!(merges, [("Erdoğan", "Recep Tayyip Erdoğan", MergeReason::Surname)]);
        // Roles of different countries do not support one person.
        let other_country = roles(&[("Recep Tayyip Erdoğan", "Turkish President"), ("Erdoğan", "Iraqi president")]);
        let names = SpeakerNames::build_with_roles(&found, &other_country, &SpeakerEdits::default());
        assert_eq!(names.canonical("Erdoğan"), "Erdoğan");
    }

    #[test]
    fn descriptions_never_merge_by_their_head_noun() {
        let found = found(&[
            ("German officials", 3),
            ("government officials", 1),
            ("Turkish statement", 2),
            ("statement", 1),
            ("Ford Motor Company", 6),
            ("company", 4),
        ]);
        let roles = roles(&[("company", "company"), ("Ford Motor Company", "company")]);
        let names = SpeakerNames::build_with_roles(&found, &roles, &SpeakerEdits::default());
        for name in found.keys() {
            assert_eq!(names.canonical(name), name);
        }
        assert_eq!(names.automatic_merges().count(), 0);
    }

    #[test]
    fn spellings_merge_only_when_the_given_names_can_be_one_person() {
        let found = found(&[
            ("John Smith", 3),
            ("Jane Smith", 1),
            ("J. Smith", 1),
            ("Mohamed Salah", 1),
            ("Mohammed Salah", 2),
        ]);
        let names = SpeakerNames::build(&found, &SpeakerEdits::default());
        assert_eq!(names.canonical("Jane Smith"), "Jane Smith");
        // Either Smith: it stays apart; with one Smith of that initial it joins.
        assert_eq!(names.canonical("J. Smith"), "J. Smith");
        let one_smith = super::tests::found(&[("John Smith", 3), ("J. Smith", 1)]);
        let names_of_one = SpeakerNames::build(&one_smith, &SpeakerEdits::default());
        assert_eq!(names_of_one.canonical("J. Smith"), "John Smith");
        assert_eq!(names.canonical("Mohamed Salah"), "Mohammed Salah");
    }

    #[test]
    fn case_variants_of_a_name_are_one_speaker() {
        let found = found(&[("officials", 23), ("Officials", 5), ("Police", 2)]);
        let names = SpeakerNames::build(&found, &SpeakerEdits::default());
        assert_eq!(names.canonical("Officials"), "officials");
        assert_eq!(names.canonical("Police"), "Police");
        assert_eq!(names.automatic_merges().collect::<Vec<_>>(), [("Officials", "officials", MergeReason::Case)]);
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
        let roles = roles(&[
            ("Hassan Rouhani", "Iran's President"),
            ("Rouhani", "President"),
            ("Sudani", "Prime Minister"),
            ("Mohamed Shia al-Sudani", "Iraqi Prime Minister"),
        ]);
        let names = SpeakerNames::build_with_roles(&found, &roles, &SpeakerEdits::default());
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
        let roles = roles(&[("Nasser Kanaani", "Foreign Ministry spokesman"), ("Kanaani", "spokesman")]);
        let mut edits = SpeakerEdits::default();
        edits.merges.insert("Nasser Kanani".into(), "Nasser Kanaani".into());
        edits.renames.insert("Nasser Kanaani".into(), "Nasser Kanaani (MFA)".into());
        let names = SpeakerNames::build_with_roles(&found, &roles, &edits);
        assert_eq!(names.canonical("Nasser Kanani"), "Nasser Kanaani (MFA)");
        assert_eq!(names.canonical("Kanaani"), "Nasser Kanaani (MFA)");
        edits.kept_apart.insert("Kanaani".into());
        let names = SpeakerNames::build_with_roles(&found, &roles, &edits);
        assert_eq!(names.canonical("Kanaani"), "Kanaani");
        assert_eq!(names.variants("Nasser Kanaani (MFA)", &found), ["Nasser Kanaani", "Nasser Kanani"]);
    }
}
