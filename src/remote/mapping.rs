//! The three indices of a corpus on OpenSearch, their analysis, and how documents are named and ordered.
//!
//! - `NAME`: one document per article (metadata, text, the speakers of its statements).
//! - `NAME-statements`: one document per statement, with its article's id (`article_id`) and the article
//!   fields that its listing and a statement search need (date, title, outlet, author, url, file type), so
//!   statements are searched, paged and counted without a join.
//! - `NAME-files`: one manifest document per ingested file: its path, the version (content hash) of its
//!   documents and their counts, written only once all of the file's documents were acknowledged.

use serde_json::{Value, json};

/// Changes whenever the documents' shape or analysis changes, so every file is sent again.
pub const MAPPING_VERSION: u64 = 2;

/// The analysis shared by the article and statement indices: the local index's words (runs of letters
/// and digits, dotted abbreviations joined: `U.S.` → `US`), words of 40 bytes or more dropped, lower case,
/// accents folded, Snowball English (Porter2) stems. The built-in `english` analyzer is not used: it drops
/// stop words and stems with Porter, so `"the end"` or `news` would not find what the local index finds.
pub fn analysis() -> Value {
    json!({
        "char_filter": {
            // A dot between two single letters goes: `U.S.A.` → `USA.`
            "dossier_abbreviations": {
                "type": "pattern_replace",
                "pattern": "(?<=(?<![\\p{IsAlphabetic}\\p{N}])\\p{IsAlphabetic})\\.(?=\\p{IsAlphabetic}(?![\\p{IsAlphabetic}\\p{N}]))",
                "replacement": ""
            }
        },
        "tokenizer": {
            "dossier_words": {"type": "pattern", "pattern": "[^\\p{IsAlphabetic}\\p{N}]+"}
        },
        "filter": {
            "dossier_long": {"type": "length", "max": 39},
            "dossier_stem": {"type": "snowball", "language": "English"}
        },
        "analyzer": {
            "dossier_english": {
                "type": "custom",
                "char_filter": ["dossier_abbreviations"],
                "tokenizer": "dossier_words",
                "filter": ["dossier_long", "lowercase", "asciifolding", "dossier_stem"]
            }
        }
    })
}

fn text() -> Value {
    json!({"type": "text", "analyzer": "dossier_english"})
}

/// Text searched by words that is also counted and sorted whole (facets).
fn text_and_keyword() -> Value {
    json!({"type": "text", "analyzer": "dossier_english", "fields": {"keyword": {"type": "keyword", "ignore_above": 1024}}})
}

/// A name counted whole (facets, histograms), searched by its words in `.words`.
fn keyword_and_words() -> Value {
    json!({"type": "keyword", "ignore_above": 1024, "fields": {"words": {"type": "text", "analyzer": "dossier_english"}}})
}

fn keyword() -> Value {
    json!({"type": "keyword"})
}

/// Kept in `_source` only: what rebuilds the corpus' metadata (fingerprints, byte spans), never searched.
fn stored_only() -> Value {
    json!({"type": "object", "enabled": false})
}

/// Fields every document of a file carries: where it comes from and its order in the corpus.
fn place() -> serde_json::Map<String, Value> {
    let mut fields = serde_json::Map::new();
    fields.insert("file".into(), keyword());
    fields.insert("order".into(), keyword());
    fields.insert("record".into(), json!({"type": "integer"}));
    fields.insert("version".into(), keyword());
    fields.insert("part_key".into(), json!({"type": "long"}));
    fields
}

/// The body that creates the article index.
pub fn articles_index() -> Value {
    let mut properties = place();
    for (name, mapping) in [
        ("title", text()),
        ("text", text()),
        ("outlet", text_and_keyword()),
        ("author", text_and_keyword()),
        ("speaker", keyword_and_words()),
        ("url", keyword()),
        ("date", json!({"type": "date", "format": "yyyy-MM-dd"})),
        ("date_source", keyword()),
        ("member", keyword()),
        ("file_type", keyword()),
        ("words", json!({"type": "integer"})),
        ("statements", json!({"type": "integer"})),
        ("has_statements", json!({"type": "boolean"})),
        ("meta", stored_only()),
    ] {
        properties.insert(name.into(), mapping);
    }
    json!({"settings": {"analysis": analysis()}, "mappings": {"dynamic": "strict", "properties": properties}})
}

/// The body that creates the statement index.
pub fn statements_index() -> Value {
    let mut properties = place();
    for (name, mapping) in [
        ("ordinal", json!({"type": "integer"})),
        ("article_id", keyword()),
        ("text", text()),
        ("speaker", keyword_and_words()),
        ("speaker_type", keyword()),
        ("named", json!({"type": "boolean"})),
        ("kind", keyword()),
        ("act", keyword()),
        ("role", keyword_and_words()),
        ("mention", keyword_and_words()),
        ("cue", keyword()),
        ("date", json!({"type": "date", "format": "yyyy-MM-dd"})),
        ("title", json!({"type": "keyword", "index": false, "doc_values": false})),
        ("url", json!({"type": "keyword", "index": false, "doc_values": false})),
        ("spans", stored_only()),
        ("meta", stored_only()),
    ] {
        properties.insert(name.into(), mapping);
    }
    if let Value::Object(added) = statement_fields_added()["properties"].take() {
        properties.extend(added);
    }
    json!({"settings": {"analysis": analysis()}, "mappings": {"dynamic": "strict", "properties": properties}})
}

/// The statement fields added in mapping version 2 (their article's title, outlet, author and file type, so a
/// statement search needs no join), as a body for `PUT NAME-statements/_mapping` on an index made before.
pub fn statement_fields_added() -> Value {
    json!({"properties": {
        "article_title": text(),
        "outlet": text_and_keyword(),
        "author": text_and_keyword(),
        "file_type": keyword(),
        "has_statements": {"type": "boolean"},
    }})
}

/// The body that creates the file manifest index.
pub fn files_index() -> Value {
    json!({"mappings": {"dynamic": "strict", "properties": {
        "file": keyword(),
        "version": keyword(),
        "part_key": {"type": "long"},
        "articles": {"type": "integer"},
        "statements": {"type": "integer"},
        "size": {"type": "long"},
    }}})
}

/// A file's place in the corpus' order as a sortable string: the path's components joined by U+0001, so
/// byte order of the keys is the order of the local listing (folders walked by name, component by
/// component: `a/b` before `a-b/c`).
pub fn order_key(relative_path: &str) -> String {
    relative_path.replace('/', "\u{1}")
}

/// A 64-bit hash of a file's path that every machine computes alike; `--part i/n` takes the files
/// whose `part_key % n == i - 1`.
pub fn part_key(relative_path: &str) -> u64 {
    // Kept below 2^63 so the cluster's `long` holds it.
    crate::store::stable_hash(relative_path.as_bytes()) >> 1
}

/// The version of a file's documents: its content hash and the documents' shape.
pub fn file_version(content_hash: u64) -> String {
    format!("{:016x}", content_hash ^ MAPPING_VERSION.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// The id of a file's manifest document.
pub fn file_id(relative_path: &str) -> String {
    format!("{:016x}", crate::store::stable_hash(relative_path.as_bytes()))
}

/// The id of an article: its file, the file's version and its record, so sending a file again overwrites
/// its documents and a changed file's documents get new ids.
pub fn article_id(relative_path: &str, version: &str, record: u32) -> String {
    format!("{}-{version}-{record}", file_id(relative_path))
}

/// The id of an article's `ordinal`-th statement.
pub fn statement_id(article_id: &str, ordinal: u32) -> String {
    format!("{article_id}-s{ordinal}")
}
