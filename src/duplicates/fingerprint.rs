//! Fingerprints of what an article and a statement say, computed once while a file is read and kept in the
//! extraction cache, so grouping copies never needs the texts again.

use crate::article::{Article, LineRole};
use serde::{Deserialize, Serialize};

/// How many MinHash values a fingerprint holds: 64 keep the estimate of a similarity near 0.8 within
/// ±0.05 (one standard deviation) for 132 bytes an article.
pub const BINS: usize = 64;
/// Values packed four to a word: a word is also one band of locality-sensitive hashing.
const WORDS: usize = BINS / 4;
/// Words per shingle: four keep a reworded sentence from touching more than its own few shingles.
const SHINGLE: usize = 4;
/// Bodies with fewer shingles than this (under about twenty words) get no fingerprint: a one-line brief
/// or an empty body would otherwise be a copy of every other.
pub const MIN_SHINGLES: u32 = 16;

/// A MinHash of the word 4-shingles of an article's body (boilerplate, headline, date lines, bylines and
/// mastheads left out), by one-permutation hashing: each shingle's hash falls in one of `BINS` bins, each
/// bin keeps its least hash (its top 16 bits), and empty bins borrow from their neighbour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryFingerprint {
    /// The bins' values, four 16-bit values to a word.
    words: [u64; WORDS],
    /// How many shingles the body has; 0 when it has no fingerprint.
    pub shingles: u32,
}

impl Default for StoryFingerprint {
    fn default() -> Self {
        StoryFingerprint { words: [0; WORDS], shingles: 0 }
    }
}

impl StoryFingerprint {
    /// The fingerprint of an article's body text.
    pub fn of_article(article: &Article) -> StoryFingerprint {
        let body = article.lines.iter().filter(|line| line.role == LineRole::Body);
        Self::of_parts(body.filter_map(|line| article.text.get(line.range.clone())))
    }

    /// The fingerprint of text given in parts (lines), read as one run of words.
    pub fn of_parts<'a>(parts: impl Iterator<Item = &'a str>) -> StoryFingerprint {
        let mut least = [u64::MAX; BINS];
        let mut window = [0u64; SHINGLE];
        let (mut words, mut shingles) = (0usize, 0u32);
        for part in parts {
            for_each_word_hash(part, |word| {
                window.rotate_left(1);
                window[SHINGLE - 1] = word;
                words += 1;
                if words >= SHINGLE {
                    let mut hash = 0u64;
                    for &w in &window {
                        hash = hash.rotate_left(17) ^ w;
                    }
                    let hash = mix(hash);
                    // The top bits choose the bin; the rest, shifted up, compete within it.
                    let bin = (hash >> (64 - BINS.trailing_zeros())) as usize;
                    least[bin] = least[bin].min(hash << BINS.trailing_zeros());
                    shingles += 1;
                }
            });
        }
        if shingles < MIN_SHINGLES {
            return StoryFingerprint::default();
        }
        let mut values = [0u16; BINS];
        for bin in 0..BINS {
            // An empty bin takes the value of the next full one with its distance mixed in (rotation
            // densification), so two copies with the same empty bins still agree there.
            let (distance, full) =
                (0..BINS).map(|d| (d, least[(bin + d) % BINS])).find(|(_, v)| *v != u64::MAX).unwrap_or((0, 0));
            values[bin] = ((full >> 48) as u16) ^ (distance as u16).wrapping_mul(0x9E37);
        }
        let mut packed = [0u64; WORDS];
        for (word, chunk) in packed.iter_mut().zip(values.chunks(4)) {
            *word = chunk.iter().fold(0u64, |acc, &v| (acc << 16) | v as u64);
        }
        StoryFingerprint { words: packed, shingles }
    }

    /// True when the body was too short to have a fingerprint.
    pub fn is_empty(&self) -> bool {
        self.shingles == 0
    }

    /// The key of band `band` (four bins): copies agree on at least one band with high probability.
    pub fn band(&self, band: usize) -> u64 {
        self.words[band]
    }

    /// How many bands a fingerprint has.
    pub const BANDS: usize = WORDS;

    /// The estimated Jaccard similarity of two bodies' shingle sets: the share of bins that agree.
    pub fn similarity(&self, other: &StoryFingerprint) -> f64 {
        let same: u32 = self
            .words
            .iter()
            .zip(&other.words)
            .map(|(a, b)| {
                let differ = a ^ b;
                (0..4).filter(|lane| (differ >> (lane * 16)) & 0xFFFF == 0).count() as u32
            })
            .sum();
        same as f64 / BINS as f64
    }

    /// True when two articles are copies of one story at `threshold`: their estimated similarity reaches it,
    /// and so does the ratio of their sizes, which bounds the true similarity exactly, so estimation noise
    /// cannot merge an update that added much text.
    pub fn same_story(&self, other: &StoryFingerprint, threshold: f64) -> bool {
        if self.is_empty() || other.is_empty() {
            return false;
        }
        let ratio = self.shingles.min(other.shingles) as f64 / self.shingles.max(other.shingles) as f64;
        ratio >= threshold && self.similarity(other) >= threshold
    }
}

/// A key of a statement's words, whatever their case, punctuation, quote marks and spacing; 0 when it has
/// fewer than three words (too short to tell an echo from a coincidence).
pub fn statement_words_key(text: &str) -> u64 {
    let (mut key, mut words) = (0u64, 0);
    for_each_word_hash(text, |word| {
        key = mix(key.rotate_left(23) ^ word);
        words += 1;
    });
    if words < 3 { 0 } else { key | 1 }
}

/// Calls `each` with a hash of every word of `text` (a run of letters and digits), lowercased.
fn for_each_word_hash(text: &str, mut each: impl FnMut(u64)) {
    const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    let mut hash = FNV_OFFSET;
    let mut in_word = false;
    for c in text.chars() {
        // ASCII, nearly all of English news, skips the Unicode tables.
        if c.is_ascii_alphanumeric() {
            hash = (hash ^ c.to_ascii_lowercase() as u64).wrapping_mul(0x0100_0000_01b3);
            in_word = true;
        } else if !c.is_ascii() && c.is_alphanumeric() {
            for lower in c.to_lowercase() {
                hash = (hash ^ lower as u64).wrapping_mul(0x0100_0000_01b3);
            }
            in_word = true;
        } else if in_word {
            each(mix(hash));
            hash = FNV_OFFSET;
            in_word = false;
        }
    }
    if in_word {
        each(mix(hash));
    }
}

/// SplitMix64's finaliser: spreads every input bit over the whole hash.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(count: usize, seed: usize) -> String {
        (0..count).map(|i| format!("w{}", (i * 7919 + seed * 104_729) % 100_003)).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn the_same_words_in_another_case_and_punctuation_have_the_same_fingerprint() {
        let text = words(200, 1);
        let shouted = text.to_uppercase().replace(' ', ", ");
        let a = StoryFingerprint::of_parts([text.as_str()].into_iter());
        let b = StoryFingerprint::of_parts([shouted.as_str()].into_iter());
        assert_eq!(a, b);
        assert_eq!(a.similarity(&b), 1.0);
    }

    #[test]
    fn similarity_estimates_jaccard() {
        // 400 shared words and 100 of each side's own: about 400 / 600 shingles shared.
        let shared = words(400, 2);
        let a = format!("{shared} {}", words(100, 3));
        let b = format!("{shared} {}", words(100, 4));
        let (a, b) = (
            StoryFingerprint::of_parts([a.as_str()].into_iter()),
            StoryFingerprint::of_parts([b.as_str()].into_iter()),
        );
        let estimate = a.similarity(&b);
        assert!((0.5..0.85).contains(&estimate), "{estimate}");
        let unrelated = StoryFingerprint::of_parts([words(500, 5).as_str()].into_iter());
        assert!(a.similarity(&unrelated) < 0.1);
    }

    #[test]
    fn a_short_body_has_no_fingerprint_and_is_nobody_s_copy() {
        let short = StoryFingerprint::of_parts(["Talks resume on Monday."].into_iter());
        assert!(short.is_empty());
        assert!(!short.same_story(&short, 0.5));
    }

    #[test]
    fn statement_keys_ignore_case_and_punctuation_but_not_words() {
        let key = statement_words_key("We will not accept this, ever.");
        assert_eq!(key, statement_words_key("we WILL not accept  this — ever"));
        assert_ne!(key, statement_words_key("We will accept this, ever."));
        assert_eq!(statement_words_key("No comment"), 0);
    }
}
