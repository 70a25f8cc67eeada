//! Dossier's engine: reading a corpus of news articles and learning who said what, about what, and when.
//!
//! The engine has no user-interface code; the desktop app (`ui`, behind the `gui` feature) and the
//! command line (`cli`) both stand on it.

/// See `allocator`: mimalloc for small blocks, the system allocator for big ones.
#[global_allocator]
static ALLOCATOR: allocator::SplitAllocator = allocator::SplitAllocator;

pub mod adversarial;
pub mod allocator;
pub mod article;
pub mod boilerplate;
pub mod browse;
pub mod cache;
pub mod cli;
pub mod corpus;
pub mod dates;
pub mod decode;
pub mod duplicates;
pub mod evaluate;
pub mod export;
pub mod fast_hash;
pub mod ingest;
pub mod loading;
pub mod metadata;
pub mod remote;
pub mod search;
pub mod speakers;
pub mod statements;
pub mod store;
pub mod suggest;
pub mod timeline;
pub mod topics;
pub mod watch;

#[cfg(feature = "gui")]
pub mod ui;
