//! A corpus on an OpenSearch cluster: `dossier index PATH --to URL` sends it (`ingest`), and `--from URL`
//! on the listing and chart commands reads it back (`reader`, `query`) with the same records as the local
//! commands. Engine only, no UI; blocking HTTP (`client`). `browse` answers the app's views a page at a
//! time, without reading the corpus in.

pub mod browse;
pub mod client;
pub mod ingest;
pub mod mapping;
pub mod query;
pub mod reader;

pub use browse::RemoteBrowse;
pub use client::{Client, Credentials, ErrorKind, RemoteError, Target};
pub use reader::{RemoteCorpus, RemoteTexts};
