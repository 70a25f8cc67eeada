//! Dossier's query language (`search::query`) translated to OpenSearch query DSL, with the same hits as the
//! local index: the same fields and analysis (see `mapping::analysis`). A statement's document carries its
//! article's searched fields, so one query over the statements finds what the local search finds by asking
//! statements and articles apart.

use super::client::RemoteError;
use super::reader::{ARTICLE_ORDER, RemoteCorpus, STATEMENT_ORDER, scan};
use crate::search::item_set::ItemSet;
use crate::search::query::{Field, Node};
use crate::search::{Scope, SpeakerLookup};
use serde_json::{Value, json};

/// The document field holding a query field's words: the same in both indices, but for the title, which a
/// statement's document carries as `article_title` (its `title` is only shown).
fn field_name(field: Field, scope: Scope) -> &'static str {
    match field {
        Field::Title if scope == Scope::Statements => "article_title",
        Field::Title => "title",
        Field::Text => "text",
        Field::Outlet => "outlet",
        Field::Author => "author",
        Field::Speaker => "speaker.words",
    }
}

const MATCH_NONE: fn() -> Value = || json!({"match_none": {}});

/// Words in order in one field: `match_phrase` analyses them as the index did (one word: a term).
fn words_query(field: &str, text: &str) -> Value {
    json!({"match_phrase": {field: {"query": text}}})
}

/// Words, a phrase or a prefix in `field`.
fn in_field(node: &Node, field: Field, scope: Scope, speakers: &SpeakerLookup) -> Value {
    let name = field_name(field, scope);
    match node {
        Node::Word(typed_field, text) | Node::Phrase(typed_field, text) => {
            if field == Field::Speaker && typed_field.is_some() {
                // Every spelling merged under the speaker asked for, as the local search asks.
                let clauses: Vec<Value> = std::iter::once(text.clone())
                    .chain(speakers.variants(text))
                    .map(|variant| words_query(name, &variant))
                    .collect();
                return json!({"bool": {"should": clauses, "minimum_should_match": 1}});
            }
            words_query(name, text)
        }
        Node::Prefix(_, prefix) => {
            let folded: String = crate::statements::fold_name(prefix).chars().filter(|c| c.is_alphanumeric()).collect();
            json!({"prefix": {name: {"value": folded}}})
        }
        _ => MATCH_NONE(),
    }
}

fn in_fields(node: &Node, fields: &[Field], scope: Scope, speakers: &SpeakerLookup) -> Value {
    let clauses: Vec<Value> = fields.iter().map(|&field| in_field(node, field, scope, speakers)).collect();
    if clauses.len() == 1 {
        return clauses.into_iter().next().unwrap_or_else(MATCH_NONE);
    }
    json!({"bool": {"should": clauses, "minimum_should_match": 1}})
}

/// The query DSL of `node` over the articles' index (`Scope::Articles`) or the statements' (as
/// `SearchIndex::to_query`). A statement's document holds its article's searched fields too, so the one query
/// finds what the local search finds by asking the statements and their articles apart.
pub fn to_dsl(node: &Node, scope: Scope, speakers: &SpeakerLookup) -> Value {
    match node {
        Node::Word(field, _) | Node::Phrase(field, _) | Node::Prefix(field, _) => {
            in_fields(node, field.as_ref().map_or(&Field::ALL[..], std::slice::from_ref), scope, speakers)
        }
        Node::Dates(from, to) => {
            let mut range = serde_json::Map::new();
            if let Some(from) = from {
                range.insert("gte".into(), json!(from.format("%Y-%m-%d").to_string()));
            }
            if let Some(to) = to {
                range.insert("lte".into(), json!(to.format("%Y-%m-%d").to_string()));
            }
            if range.is_empty() {
                return json!({"exists": {"field": "date"}});
            }
            range.insert("format".into(), json!("yyyy-MM-dd"));
            json!({"range": {"date": range}})
        }
        Node::FileType(name) => json!({"term": {"file_type": name}}),
        Node::HasStatements => json!({"term": {"has_statements": true}}),
        Node::And(parts) => {
            let (mut must, mut must_not) = (Vec::new(), Vec::new());
            for part in parts {
                match part {
                    Node::Not(inner) => must_not.push(to_dsl(inner, scope, speakers)),
                    other => must.push(to_dsl(other, scope, speakers)),
                }
            }
            if must.is_empty() {
                must.push(json!({"match_all": {}}));
            }
            json!({"bool": {"must": must, "must_not": must_not}})
        }
        Node::Or(parts) => json!({"bool": {
            "should": parts.iter().map(|p| to_dsl(p, scope, speakers)).collect::<Vec<_>>(), "minimum_should_match": 1}}),
        Node::Not(inner) => {
            json!({"bool": {"must": [{"match_all": {}}], "must_not": [to_dsl(inner, scope, speakers)]}})
        }
    }
}

/// Runs a parsed query on the corpus in the cluster; returns sorted indices into `corpus.articles` or
/// `corpus.statements`, as `SearchIndex::search` does locally.
pub fn search(
    remote: &RemoteCorpus,
    node: &Node,
    scope: Scope,
    speakers: &SpeakerLookup,
) -> Result<Vec<u32>, RemoteError> {
    let query = to_dsl(node, scope, speakers);
    let first = remote.first_statement();
    let (universe, index, order) = match scope {
        Scope::Articles => (remote.corpus.articles.len(), remote.target.articles(), &ARTICLE_ORDER[..]),
        Scope::Statements => (remote.corpus.statements.len(), remote.target.statements(), &STATEMENT_ORDER[..]),
    };
    let mut found = ItemSet::empty(universe);
    scan(&remote.client, &index, &query, order, None, |hit| {
        let sort = &hit["sort"];
        let Some(article) = sort[0].as_str().zip(sort[1].as_u64()).and_then(|(o, r)| remote.article_at(o, r as u32))
        else {
            return Ok(());
        };
        let item = match scope {
            Scope::Articles => Some(article as usize),
            Scope::Statements => sort[2].as_u64().map(|ordinal| first[article as usize] as usize + ordinal as usize),
        };
        if let Some(item) = item.filter(|&item| item < universe) {
            // A statement past its article's own (a stale document) is left out.
            if scope == Scope::Articles || item < first[article as usize + 1] as usize {
                found.insert(item);
            }
        }
        Ok(())
    })?;
    Ok(found.items())
}
