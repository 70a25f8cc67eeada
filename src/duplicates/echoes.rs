//! Echoes: one statement (the same speaker, the same words) found in several articles, as a quote travels
//! through the press or a story is copied.

use super::stories::story_order;
use crate::corpus::Corpus;
use crate::fast_hash::FastMap;
use crate::speakers::SpeakerNames;
use chrono::NaiveDate;

/// The statements of a corpus grouped into echo groups: the same words (whatever their case, punctuation
/// and spacing) by the same speaker (after the user's merges), in whatever articles.
#[derive(Debug, Clone, Default)]
pub struct Echoes {
    /// For each statement, its echo group, or `NO_GROUP` when it was found once.
    group_of: Vec<u32>,
    /// The statements of each group, earliest article first (by date, then path order).
    groups: Vec<Vec<u32>>,
}

/// Marks a statement found only once.
const NO_GROUP: u32 = u32::MAX;

/// What an echo group says about one statement: how far it travelled and where it was first.
#[derive(Debug, Clone, PartialEq)]
pub struct Echo {
    /// Statements in the group (a statement repeated within one article counts twice).
    pub statements: usize,
    /// Distinct articles it appears in.
    pub articles: usize,
    /// Distinct outlets of those articles (articles without an outlet are not counted).
    pub outlets: usize,
    /// The article where it appeared first.
    pub first_article: u32,
    /// That article's date.
    pub first_date: Option<NaiveDate>,
    /// That article's outlet.
    pub first_outlet: Option<String>,
}

impl Echoes {
    /// Groups the statements of `corpus` by speaker (canonical name, or none) and words. Keys seen once,
    /// the most of them, are told apart with two bitsets before any list is made, so the lists hold only the
    /// echoes.
    pub fn find(corpus: &Corpus, names: &SpeakerNames) -> Echoes {
        // A speaker's part of the key, by the address of the shared copy of the raw name (see `timeline`).
        let mut speaker_keys: FastMap<usize, u64> = FastMap::default();
        let mut key_of = |index: usize| -> u64 {
            let statement = &corpus.statements[index];
            if statement.words_key == 0 {
                return 0;
            }
            let speaker = match statement.speaker.as_deref() {
                Some(raw) => *speaker_keys
                    .entry(raw.as_ptr() as usize)
                    .or_insert_with(|| crate::store::stable_hash(names.canonical(raw).as_bytes())),
                None => 0,
            };
            (statement.words_key ^ speaker.rotate_left(29)).max(1)
        };
        const BITS: usize = 1 << 25;
        let (mut seen, mut seen_twice) = (vec![0u64; BITS / 64], vec![0u64; BITS / 64]);
        // A key's bit in each bitset: its slot (word) and mask.
        let bit = |key: u64| {
            let index = (key >> 3) as usize & (BITS - 1);
            (index / 64, 1u64 << (index % 64))
        };
        let keys: Vec<u64> = (0..corpus.statements.len()).map(&mut key_of).collect();
        for &key in keys.iter().filter(|&&k| k != 0) {
            let (slot, mask) = bit(key);
            if seen[slot] & mask != 0 {
                seen_twice[slot] |= mask;
            }
            seen[slot] |= mask;
        }
        drop(seen);
        let mut keyed: Vec<(u64, u32)> = keys
            .iter()
            .enumerate()
            .filter(|&(_, &key)| {
                key != 0 && {
                    let (slot, mask) = bit(key);
                    seen_twice[slot] & mask != 0
                }
            })
            .map(|(index, &key)| (key, index as u32))
            .collect();
        drop(keys);
        keyed.sort_unstable();
        let mut group_of = vec![NO_GROUP; corpus.statements.len()];
        let mut groups = Vec::new();
        for run in keyed.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
            let mut members: Vec<u32> = run.iter().map(|&(_, statement)| statement).collect();
            members.sort_by_key(|&s| (story_order(corpus, corpus.statements[s as usize].article), s));
            for &statement in &members {
                group_of[statement as usize] = groups.len() as u32;
            }
            groups.push(members);
        }
        Echoes { group_of, groups }
    }

    /// The statements of a statement's echo group, earliest first (just itself when it was found once).
    pub fn group(&self, statement: u32) -> &[u32] {
        match self.group_of.get(statement as usize) {
            Some(&group) if group != NO_GROUP => &self.groups[group as usize],
            _ => &[],
        }
    }

    /// The article where a statement first appeared, when that is another article than its own; `None`
    /// when its own article is the first (or it was found once).
    pub fn first_said(&self, corpus: &Corpus, statement: u32) -> Option<u32> {
        let first = *self.group(statement).first()?;
        let (first_article, own) =
            (corpus.statements[first as usize].article, corpus.statements[statement as usize].article);
        (first_article != own).then_some(first_article)
    }

    /// True when a statement is its group's first (or alone): counting only these counts each statement once.
    pub fn is_first(&self, statement: u32) -> bool {
        self.group(statement).first().is_none_or(|&first| first == statement)
    }

    /// For every statement, whether it is the first of its echo group, as a chart counting each statement
    /// once takes it.
    pub fn firsts(&self) -> Vec<bool> {
        (0..self.group_of.len() as u32).map(|s| self.is_first(s)).collect()
    }

    /// How far a statement travelled, when it was found in more than one place.
    pub fn echo(&self, corpus: &Corpus, statement: u32) -> Option<Echo> {
        let group = self.group(statement);
        let first = *group.first()?;
        let mut articles: Vec<u32> = group.iter().map(|&s| corpus.statements[s as usize].article).collect();
        articles.sort_unstable();
        articles.dedup();
        let mut outlets: Vec<&str> =
            articles.iter().filter_map(|&a| corpus.articles[a as usize].outlet.as_deref()).collect();
        outlets.sort_unstable();
        outlets.dedup();
        let first_article = corpus.statements[first as usize].article;
        let meta = &corpus.articles[first_article as usize];
        Some(Echo {
            statements: group.len(),
            articles: articles.len(),
            outlets: outlets.len(),
            first_article,
            first_date: meta.date,
            first_outlet: meta.outlet.clone(),
        })
    }

    /// How many echo groups (statements found more than once) there are.
    pub fn group_count(&self) -> usize {
        self.groups.len()
    }
}

impl Echoes {
    /// Of a selection of statements (sorted indices), one per echo group: the earliest selected one. Sorted.
    pub fn once_each(&self, corpus: &Corpus, selection: &[u32]) -> Vec<u32> {
        let order = |s: u32| (story_order(corpus, corpus.statements[s as usize].article), s);
        let mut chosen: FastMap<u32, u32> = FastMap::default();
        let mut kept = Vec::with_capacity(selection.len());
        for &statement in selection {
            match self.group_of.get(statement as usize) {
                Some(&group) if group != NO_GROUP => {
                    let best = chosen.entry(group).or_insert(statement);
                    if order(statement) < order(*best) {
                        *best = statement;
                    }
                }
                _ => kept.push(statement),
            }
        }
        kept.extend(chosen.into_values());
        kept.sort_unstable();
        kept
    }

    /// Which statements count when each statement counts once (by statement index): of the statements of
    /// a selection of articles (indices in any order), the earliest of each echo group, and every one not
    /// echoed.
    pub fn counted_once(&self, corpus: &Corpus, articles: &[u32]) -> Vec<bool> {
        let mut is_selected = vec![false; corpus.articles.len()];
        articles.iter().for_each(|&a| is_selected[a as usize] = true);
        let statements: Vec<u32> = (0..corpus.statements.len() as u32)
            .filter(|&s| is_selected[corpus.statements[s as usize].article as usize])
            .collect();
        let mut counted = vec![false; corpus.statements.len()];
        self.once_each(corpus, &statements).into_iter().for_each(|s| counted[s as usize] = true);
        counted
    }
}
