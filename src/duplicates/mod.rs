//! Copies: the same story published again (syndicated, re-downloaded, re-formatted) and the same statement
//! quoted again, so a corpus can count each story and each statement once.
//!
//! Each article gets a `StoryFingerprint` while its file is read (a MinHash of the word 4-shingles of its
//! body); once every file is read, `Stories::find` groups the articles whose fingerprints agree, in time
//! linear in the number of articles (locality-sensitive hashing, no comparison of all pairs). Statements
//! get a key of their normalised words, and `Echoes::find` groups those said by the same speaker.

pub mod echoes;
pub mod fingerprint;
pub mod stories;

pub use echoes::{Echo, Echoes};
pub use fingerprint::{StoryFingerprint, statement_words_key};
pub use stories::Stories;

/// The default least similarity (estimated Jaccard of the bodies' word 4-shingles) of two copies of a story.
pub const DEFAULT_COPY_THRESHOLD: f64 = 0.7;
