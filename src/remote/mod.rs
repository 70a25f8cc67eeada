//! A corpus on an OpenSearch cluster: `dossier index PATH --to URL` sends it (`ingest`), and `--from URL`
//! on the listing and chart commands reads it back (`reader`, `query`) with the same records as the local
//! commands. Engine only, no UI; blocking HTTP (`client`).

pub mod client;
pub mod ingest;
pub mod mapping;
pub mod query;
pub mod reader;

pub use client::{Client, Credentials, ErrorKind, RemoteError, Target};
pub use reader::{RemoteCorpus, RemoteTexts};
