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

static FINGERPRINTING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

/// Turns computing fingerprints and statement keys while files are read on or off for this process (on by
/// default); off, no copies or echoes are found. For measuring what finding copies costs.
pub fn set_fingerprinting(on: bool) {
    FINGERPRINTING.store(on, std::sync::atomic::Ordering::Relaxed);
}

/// Whether files read now get fingerprints (see `set_fingerprinting`).
pub fn fingerprinting() -> bool {
    FINGERPRINTING.load(std::sync::atomic::Ordering::Relaxed)
}
