//! Dossier's query language (`search::query`) translated to OpenSearch query DSL, with the same hits as the
//! local index: the same fields and analysis (see `mapping::analysis`), and statements matched as the
//! local search matches them — parts about the statement itself asked of the statements' documents, parts
//! about its article of the articles', combined as sets.

use super::client::RemoteError;
use super::reader::{ARTICLE_ORDER, RemoteCorpus, STATEMENT_ORDER, scan};
use crate::search::item_set::ItemSet;
use crate::search::query::{Field, Node};
use crate::search::{Level, Scope, SpeakerLookup, statements_matching_parts};
use serde_json::{Value, json};

/// The document field holding a query field's words (in both indices).
fn field_name(field: Field) -> &'static str {
    match field {
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
fn in_field(node: &Node, field: Field, speakers: &SpeakerLookup) -> Value {
    match node {
        Node::Word(typed_field, text) | Node::Phrase(typed_field, text) => {
            if field == Field::Speaker && typed_field.is_some() {
                // Every spelling merged under the speaker asked for, as the local search asks.
                let clauses: Vec<Value> = std::iter::once(text.clone())
                    .chain(speakers.variants(text))
                    .map(|name| words_query(field_name(Field::Speaker), &name))
                    .collect();
                return json!({"bool": {"should": clauses, "minimum_should_match": 1}});
            }
            words_query(field_name(field), text)
        }
        Node::Prefix(_, prefix) => {
            let folded: String = crate::statements::fold_name(prefix).chars().filter(|c| c.is_alphanumeric()).collect();
            json!({"prefix": {field_name(field): {"value": folded}}})
        }
        _ => MATCH_NONE(),
    }
}

fn in_fields(node: &Node, fields: &[Field], speakers: &SpeakerLookup) -> Value {
    let clauses: Vec<Value> = fields.iter().map(|&field| in_field(node, field, speakers)).collect();
    if clauses.len() == 1 {
        return clauses.into_iter().next().unwrap_or_else(MATCH_NONE);
    }
    json!({"bool": {"should": clauses, "minimum_should_match": 1}})
}

/// The query DSL of `node` over one index (as `SearchIndex::to_query`).
pub fn to_dsl(node: &Node, speakers: &SpeakerLookup) -> Value {
    match node {
        Node::Word(field, _) | Node::Phrase(field, _) | Node::Prefix(field, _) => {
            in_fields(node, field.as_ref().map_or(&Field::ALL[..], std::slice::from_ref), speakers)
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
                    Node::Not(inner) => must_not.push(to_dsl(inner, speakers)),
                    other => must.push(to_dsl(other, speakers)),
                }
            }
            if must.is_empty() {
                must.push(json!({"match_all": {}}));
            }
            json!({"bool": {"must": must, "must_not": must_not}})
        }
        Node::Or(parts) => json!({"bool": {
            "should": parts.iter().map(|p| to_dsl(p, speakers)).collect::<Vec<_>>(), "minimum_should_match": 1}}),
        Node::Not(inner) => json!({"bool": {"must": [{"match_all": {}}], "must_not": [to_dsl(inner, speakers)]}}),
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
    let searcher = Searcher { remote, speakers };
    let found = match scope {
        Scope::Articles => searcher.articles_matching(&to_dsl(node, speakers))?,
        Scope::Statements => searcher.statements_matching(node)?,
    };
    Ok(found.items())
}

struct Searcher<'a> {
    remote: &'a RemoteCorpus,
    speakers: &'a SpeakerLookup,
}

impl Searcher<'_> {
    fn article_count(&self) -> usize {
        self.remote.corpus.articles.len()
    }

    fn statement_count(&self) -> usize {
        self.remote.corpus.statements.len()
    }

    /// The articles the query DSL finds, paged by their listing order.
    fn articles_matching(&self, query: &Value) -> Result<ItemSet, RemoteError> {
        let mut found = ItemSet::empty(self.article_count());
        scan(&self.remote.client, &self.remote.target.articles(), query, &ARTICLE_ORDER, None, |hit| {
            let sort = &hit["sort"];
            if let (Some(order), Some(record)) = (sort[0].as_str(), sort[1].as_u64())
                && let Some(article) = self.remote.article_at(order, record as u32)
            {
                found.insert(article as usize);
            }
            Ok(())
        })?;
        Ok(found)
    }

    /// The statements the query DSL finds among the statements' documents.
    fn statements_found(&self, query: &Value) -> Result<ItemSet, RemoteError> {
        let mut found = ItemSet::empty(self.statement_count());
        let first = self.remote.first_statement();
        scan(&self.remote.client, &self.remote.target.statements(), query, &STATEMENT_ORDER, None, |hit| {
            let sort = &hit["sort"];
            if let (Some(order), Some(record), Some(ordinal)) = (sort[0].as_str(), sort[1].as_u64(), sort[2].as_u64())
                && let Some(article) = self.remote.article_at(order, record as u32)
            {
                let statement = first[article as usize] as usize + ordinal as usize;
                if statement < first[article as usize + 1] as usize {
                    found.insert(statement);
                }
            }
            Ok(())
        })?;
        Ok(found)
    }

    fn statements_of(&self, articles: &ItemSet) -> ItemSet {
        let first = self.remote.first_statement();
        let mut statements = ItemSet::empty(self.statement_count());
        for article in articles.items() {
            statements.insert_range(first[article as usize] as usize..first[article as usize + 1] as usize);
        }
        statements
    }

    fn statements_matching(&self, node: &Node) -> Result<ItemSet, RemoteError> {
        match Level::of(node) {
            Some(Level::Statement) => self.statements_found(&to_dsl(node, self.speakers)),
            Some(Level::Article) => Ok(self.statements_of(&self.articles_matching(&to_dsl(node, self.speakers))?)),
            None => match node {
                Node::Word(..) | Node::Phrase(..) | Node::Prefix(..) => {
                    let own = in_fields(node, Level::Statement.fields(), self.speakers);
                    let of_article = in_fields(node, Level::Article.fields(), self.speakers);
                    let mut found = self.statements_found(&own)?;
                    found.unite(&self.statements_of(&self.articles_matching(&of_article)?));
                    Ok(found)
                }
                Node::Not(inner) => {
                    let mut found = ItemSet::full(self.statement_count());
                    found.subtract(&self.statements_matching(inner)?);
                    Ok(found)
                }
                Node::And(parts) => self.statements_matching_all(parts, true),
                Node::Or(parts) => self.statements_matching_all(parts, false),
                _ => Ok(ItemSet::empty(self.statement_count())),
            },
        }
    }

    fn statements_matching_all(&self, parts: &[Node], all: bool) -> Result<ItemSet, RemoteError> {
        statements_matching_parts(parts, all, self.statement_count(), |part| self.statements_matching(part))
    }
}
