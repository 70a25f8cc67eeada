//! Stories: articles grouped with their copies (near-duplicates across the corpus), each group's first copy
//! being the earliest (by date, then path order).

use super::StoryFingerprint;
use crate::corpus::Corpus;
use crate::fast_hash::FastMap;
use chrono::NaiveDate;

/// The articles of a corpus grouped into stories: each article and the copies of it.
#[derive(Debug, Clone, Default)]
pub struct Stories {
    /// For each article, the first copy of its story (itself when it is the first or has no copies).
    first_copy: Vec<u32>,
    /// The articles of each story with more than one copy, first copy first, by its first copy.
    copies: FastMap<u32, Vec<u32>>,
    /// The similarity two copies reach at least.
    pub threshold: f64,
}

/// The order in which copies of a story came out: dated before undated, earliest date first, then path order
/// (the corpus' order of articles).
pub fn story_order(corpus: &Corpus, article: u32) -> (bool, Option<NaiveDate>, u32) {
    let date = corpus.articles.get(article as usize).and_then(|a| a.date);
    (date.is_none(), date, article)
}

impl Stories {
    /// Groups the articles of `corpus` whose bodies are at least `threshold` alike (see
    /// `StoryFingerprint::same_story`). Candidates are the articles that agree on all four values of a band
    /// of their fingerprints, found by sorting each band's keys (16 sorts of n keys); a candidate joins a
    /// group when it is alike to the band's first article or to its neighbour in the band.
    pub fn find(corpus: &Corpus, threshold: f64) -> Stories {
        let count = corpus.articles.len();
        let empty = StoryFingerprint::default();
        let fingerprint = |article: u32| corpus.fingerprints.get(article as usize).unwrap_or(&empty);
        let mut groups = UnionFind::new(count);
        let mut keyed: Vec<(u64, u32)> = Vec::new();
        for band in 0..StoryFingerprint::BANDS {
            keyed.clear();
            keyed.extend(
                (0..count as u32).filter(|&a| !fingerprint(a).is_empty()).map(|a| (fingerprint(a).band(band), a)),
            );
            keyed.sort_unstable();
            for run in keyed.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
                let leader = run[0].1;
                for pair in run.windows(2) {
                    let (previous, article) = (pair[0].1, pair[1].1);
                    if groups.root(article) == groups.root(leader) {
                        continue;
                    }
                    let alike = |other: u32| fingerprint(other).same_story(fingerprint(article), threshold);
                    if alike(leader) {
                        groups.join(leader, article);
                    } else if previous != leader && alike(previous) {
                        groups.join(previous, article);
                    }
                }
            }
        }
        drop(keyed);
        // Members of each group of two or more, in story order.
        let mut members: FastMap<u32, Vec<u32>> = FastMap::default();
        for article in 0..count as u32 {
            let root = groups.root(article);
            if root != article || groups.size[root as usize] > 1 {
                members.entry(root).or_default().push(article);
            }
        }
        let mut first_copy: Vec<u32> = (0..count as u32).collect();
        let mut copies = FastMap::with_capacity_and_hasher(members.len(), Default::default());
        for (_, mut group) in members {
            if group.len() < 2 {
                continue;
            }
            group.sort_by_key(|&a| story_order(corpus, a));
            for &article in &group {
                first_copy[article as usize] = group[0];
            }
            copies.insert(group[0], group);
        }
        Stories { first_copy, copies, threshold }
    }

    /// The first copy of an article's story: itself when it is the first or the only one.
    pub fn first_copy(&self, article: u32) -> u32 {
        self.first_copy.get(article as usize).copied().unwrap_or(article)
    }

    /// The first copy of the article's story when the article is a later copy, else `None`.
    pub fn copy_of(&self, article: u32) -> Option<u32> {
        Some(self.first_copy(article)).filter(|&first| first != article)
    }

    /// Every copy of the article's story, first copy first (just the article when it has no copies).
    pub fn copies(&self, article: u32) -> &[u32] {
        match self.copies.get(&self.first_copy(article)) {
            Some(group) => group,
            None => self.first_copy.get(article as usize).map(std::slice::from_ref).unwrap_or_default(),
        }
    }

    /// How many stories the corpus holds: its articles, counting each story's copies once.
    pub fn story_count(&self) -> usize {
        self.first_copy.iter().enumerate().filter(|&(index, &first)| index as u32 == first).count()
    }

    /// How many stories have more than one copy.
    pub fn copied_stories(&self) -> usize {
        self.copies.len()
    }

    /// The outlets of an article's copies other than its own, in story order, each once: "also published by".
    pub fn other_outlets<'a>(&self, corpus: &'a Corpus, article: u32) -> Vec<&'a str> {
        let own = corpus.articles.get(article as usize).and_then(|a| a.outlet.as_deref());
        let mut outlets: Vec<&str> = Vec::new();
        for &copy in self.copies(article) {
            if let Some(outlet) = corpus.articles[copy as usize].outlet.as_deref()
                && Some(outlet) != own
                && !outlets.contains(&outlet)
            {
                outlets.push(outlet);
            }
        }
        outlets
    }

    /// Of a selection of articles (sorted indices), one per story: the earliest selected copy. Sorted.
    pub fn once_each(&self, corpus: &Corpus, selection: &[u32]) -> Vec<u32> {
        let mut chosen: FastMap<u32, u32> = FastMap::default();
        let mut kept = Vec::with_capacity(selection.len());
        for &article in selection {
            if !self.copies.contains_key(&self.first_copy(article)) {
                kept.push(article);
                continue;
            }
            let best = chosen.entry(self.first_copy(article)).or_insert(article);
            if story_order(corpus, article) < story_order(corpus, *best) {
                *best = article;
            }
        }
        kept.extend(chosen.into_values());
        kept.sort_unstable();
        kept
    }
}

/// Union-find with union by size and path halving.
struct UnionFind {
    parent: Vec<u32>,
    size: Vec<u32>,
}

impl UnionFind {
    fn new(count: usize) -> UnionFind {
        UnionFind { parent: (0..count as u32).collect(), size: vec![1; count] }
    }

    fn root(&mut self, mut item: u32) -> u32 {
        while self.parent[item as usize] != item {
            let grandparent = self.parent[self.parent[item as usize] as usize];
            self.parent[item as usize] = grandparent;
            item = grandparent;
        }
        item
    }

    fn join(&mut self, a: u32, b: u32) {
        let (mut a, mut b) = (self.root(a), self.root(b));
        if a == b {
            return;
        }
        if self.size[a as usize] < self.size[b as usize] {
            std::mem::swap(&mut a, &mut b);
        }
        self.parent[b as usize] = a;
        self.size[a as usize] += self.size[b as usize];
    }
}
