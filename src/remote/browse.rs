//! `Browse` over a corpus in OpenSearch, asked a page or a count at a time: the article list is sorted and
//! paged by the server (`search_after`), searches are translated to query DSL, facets are terms
//! aggregations and the chart is date histograms. Nothing here grows with the corpus but the speaker names,
//! read once (at most `MAX_SPEAKERS`) to merge them at query time.

use super::client::{Client, ErrorKind, RemoteError, Target};
use super::query::to_dsl;
use super::reader::{ARTICLE_ORDER, STATEMENT_ORDER, buckets, statement_record, str_of};
use crate::browse::{
    ArticleDocument, ArticleOrder, ArticleRow, Browse, Cursor, Facet, Page, StatementRow, chartable, parse_query,
    ranked,
};
use crate::search::{Scope, SpeakerLookup};
use crate::speakers::{SpeakerEdits, SpeakerNames, SpeakerRoles};
use crate::statements::StatementKind;
use crate::timeline::{Chart, ChartRequest, Series, SeriesSpec, UNNAMED_SOURCES, bucket_starts};
use crate::topics::Topics;
use chrono::NaiveDate;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};

/// The most frequent speaker names read to merge speakers at query time. Rarer names stand as they are found:
/// at ten million articles there may be millions of names, and merges matter for the frequent ones.
pub const MAX_SPEAKERS: usize = 50_000;

/// Speaker names asked for when counting speakers (a facet, the chart's ranking): more than are shown, so
/// that the variants of a name merged with another are summed.
const SPEAKER_BUCKETS: usize = 5_000;

/// Distinct articles counted exactly up to this many per bucket (OpenSearch's `cardinality` is an estimate
/// above it).
const EXACT_ARTICLES: u64 = 40_000;

/// A corpus in OpenSearch, browsed without holding it.
pub struct RemoteBrowse {
    client: Client,
    target: Target,
    names: SpeakerNames,
    lookup: SpeakerLookup,
    /// The speaker names read (as found), with their statement counts.
    found: BTreeMap<String, usize>,
}

impl RemoteBrowse {
    /// Connects to the corpus at `target` and reads its most frequent speaker names, merged under `edits`.
    pub fn open(client: Client, target: &Target, edits: &SpeakerEdits) -> Result<RemoteBrowse, RemoteError> {
        super::reader::check_index(&client, target)?;
        let mapping = client.ok("GET", &format!("/{}/_mapping", target.statements()), None)?;
        let has_article_fields = mapping
            .as_object()
            .and_then(|indices| indices.values().next())
            .is_some_and(|index| index["mappings"]["properties"]["article_title"].is_object());
        if !has_article_fields {
            return Err(RemoteError::new(
                ErrorKind::Settings,
                format!(
                    "the index `{}` was made by an earlier Dossier: run `dossier index PATH --to {}/{}` again to bring it up to date",
                    target.name, target.base, target.name
                ),
            ));
        }
        let answer = client.ok_json(
            "POST",
            &format!("/{}/_search", target.statements()),
            &json!({"size": 0, "aggs": {"speakers": {"terms": {"field": "speaker", "size": MAX_SPEAKERS}}}}),
        )?;
        let found: BTreeMap<String, usize> = buckets(&answer["aggregations"]["speakers"])
            .into_iter()
            .map(|(name, count)| (name, count as usize))
            .collect();
        // Roles, which let a lone surname join a full name, are read from the articles by a local corpus;
        // here names merge by their spelling and the user's edits.
        let names = SpeakerNames::build_with_roles(&found, &SpeakerRoles::new(), edits);
        let lookup = SpeakerLookup::new(&found, &names);
        Ok(RemoteBrowse { client, target: target.clone(), names, lookup, found })
    }

    /// How the speakers are merged (the names read, under the user's edits).
    pub fn speaker_names(&self) -> &SpeakerNames {
        &self.names
    }

    /// The query DSL of a query in Dossier's syntax (everything when empty).
    fn dsl(&self, query: &str, scope: Scope) -> Result<Value, String> {
        Ok(match parse_query(query)? {
            Some(node) => to_dsl(&node, scope, &self.lookup),
            None => json!({"match_all": {}}),
        })
    }

    fn search(&self, scope: Scope, body: &Value) -> Result<Value, String> {
        let index = match scope {
            Scope::Articles => self.target.articles(),
            Scope::Statements => self.target.statements(),
        };
        self.client.ok_json("POST", &format!("/{index}/_search"), body).map_err(|e| e.message)
    }

    /// A page of hits of `query` in `sort` order: asks one more than `limit` to know whether a page follows.
    fn page(
        &self,
        scope: Scope,
        query: Value,
        sort: Vec<Value>,
        source: Value,
        from: Option<&Cursor>,
        limit: usize,
    ) -> Result<(Vec<Value>, u64, Option<Cursor>), String> {
        let limit = limit.max(1);
        let mut body =
            json!({"size": limit + 1, "query": query, "sort": sort, "track_total_hits": true, "_source": source});
        if let Some(cursor) = from {
            body["search_after"] =
                serde_json::from_str(&cursor.0).map_err(|_| "this page no longer exists: start again".to_owned())?;
        }
        let answer = self.search(scope, &body)?;
        let mut hits = answer["hits"]["hits"].as_array().cloned().unwrap_or_default();
        let total = answer["hits"]["total"]["value"].as_u64().unwrap_or(0);
        let next = (hits.len() > limit).then(|| Cursor(hits[limit - 1]["sort"].to_string()));
        hits.truncate(limit);
        Ok((hits, total, next))
    }

    /// The canonical name of each speaker name counted in a terms aggregation, summed, with the statements
    /// of each that name their speaker when `named` sub-aggregations were asked.
    fn merged(&self, aggregation: &Value) -> Vec<(String, u64, u64)> {
        let mut merged: HashMap<&str, (u64, u64)> = HashMap::new();
        let empty = Vec::new();
        for bucket in aggregation["buckets"].as_array().unwrap_or(&empty) {
            let Some(name) = bucket["key"].as_str() else { continue };
            let canonical = self.names.canonical(name);
            let entry = merged.entry(canonical).or_default();
            entry.0 += bucket["doc_count"].as_u64().unwrap_or(0);
            entry.1 += bucket["named"]["doc_count"].as_u64().unwrap_or(0);
        }
        let mut merged: Vec<(String, u64, u64)> =
            merged.into_iter().map(|(name, (count, named))| (name.to_owned(), count, named)).collect();
        merged.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        merged
    }

    /// Every name found that stands for `canonical`.
    fn variants(&self, canonical: &str) -> Vec<String> {
        let mut variants: Vec<String> =
            self.names.variants(canonical, &self.found).into_iter().map(str::to_owned).collect();
        if !variants.iter().any(|v| v == canonical) {
            variants.push(canonical.to_owned());
        }
        variants
    }
}

fn date_of(value: &Value) -> Option<NaiveDate> {
    value.as_str().and_then(|d| NaiveDate::parse_from_str(d.get(..10)?, "%Y-%m-%d").ok())
}

fn article_row(hit: &Value) -> ArticleRow {
    let source = &hit["_source"];
    let file = str_of(&source["file"]).unwrap_or_default();
    ArticleRow {
        article_key: str_of(&hit["_id"]).unwrap_or_default(),
        title: str_of(&source["title"]).unwrap_or_default(),
        date: date_of(&source["date"]),
        outlet: str_of(&source["outlet"]),
        author: str_of(&source["author"]),
        file: match source["member"].as_str() {
            Some(member) => format!("{file}/{member}"),
            None => file,
        },
        statements: source["statements"].as_u64().unwrap_or(0) as u32,
    }
}

/// Counts per bucket start of a date histogram.
fn histogram(aggregation: &Value, value: impl Fn(&Value) -> u64) -> HashMap<NaiveDate, u64> {
    let empty = Vec::new();
    aggregation["buckets"]
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .filter_map(|bucket| Some((date_of(&bucket["key_as_string"])?, value(bucket))))
        .collect()
}

fn doc_count(bucket: &Value) -> u64 {
    bucket["doc_count"].as_u64().unwrap_or(0)
}

fn article_count(bucket: &Value) -> u64 {
    bucket["articles"]["value"].as_u64().unwrap_or(0)
}

impl Browse for RemoteBrowse {
    fn location(&self) -> String {
        format!("{}/{}", self.target.base, self.target.name)
    }

    fn articles(
        &self,
        query: &str,
        order: ArticleOrder,
        from: Option<&Cursor>,
        limit: usize,
    ) -> Result<Page<ArticleRow>, String> {
        let mut sort: Vec<Value> = match order {
            ArticleOrder::Corpus => Vec::new(),
            ArticleOrder::Newest => vec![json!({"date": {"order": "desc", "missing": "_last"}})],
            ArticleOrder::Oldest => vec![json!({"date": {"order": "asc", "missing": "_last"}})],
            ArticleOrder::Outlet => vec![json!({"outlet.keyword": {"order": "asc", "missing": "_last"}})],
        };
        sort.extend(ARTICLE_ORDER.iter().map(|(field, order)| json!({*field: {"order": order}})));
        let source = json!(["file", "member", "title", "date", "outlet", "author", "statements"]);
        let (hits, total, next) =
            self.page(Scope::Articles, self.dsl(query, Scope::Articles)?, sort, source, from, limit)?;
        Ok(Page { rows: hits.iter().map(article_row).collect(), total, next })
    }

    fn statements(&self, query: &str, from: Option<&Cursor>, limit: usize) -> Result<Page<StatementRow>, String> {
        let sort = STATEMENT_ORDER.iter().map(|(field, order)| json!({*field: {"order": order}})).collect();
        let source = json!(["article_id", "speaker", "named", "text", "kind", "act", "date", "title"]);
        let (hits, total, next) =
            self.page(Scope::Statements, self.dsl(query, Scope::Statements)?, sort, source, from, limit)?;
        let rows = hits
            .iter()
            .map(|hit| {
                let source = &hit["_source"];
                StatementRow {
                    article_key: str_of(&source["article_id"]).unwrap_or_default(),
                    speaker: source["speaker"].as_str().map(|name| self.names.canonical(name).to_owned()),
                    named: source["named"].as_bool().unwrap_or(false),
                    text: str_of(&source["text"]).unwrap_or_default(),
                    kind: serde_json::from_value(source["kind"].clone()).unwrap_or(StatementKind::Direct),
                    act: serde_json::from_value(source["act"].clone()).unwrap_or_default(),
                    date: date_of(&source["date"]),
                    title: str_of(&source["title"]).unwrap_or_default(),
                }
            })
            .collect();
        Ok(Page { rows, total, next })
    }

    fn article(&self, article_key: &str) -> Result<ArticleDocument, String> {
        let path = format!("/{}/_doc/{}", self.target.articles(), urlencoding_path(article_key));
        let (status, answer) = self.client.send("GET", &path, None).map_err(|e| e.message)?;
        if status == 404 {
            return Err("this article is no longer in the index (was the corpus indexed again?)".to_owned());
        }
        if !(200..300).contains(&status) {
            return Err(format!("the node answered {status} for the article"));
        }
        let row = article_row(&answer);
        let source = &answer["_source"];
        let statements = self.search(
            Scope::Statements,
            &json!({"size": 10_000, "query": {"term": {"article_id": article_key}}, "sort": [{"ordinal": "asc"}]}),
        )?;
        let empty = Vec::new();
        let statements = statements["hits"]["hits"]
            .as_array()
            .unwrap_or(&empty)
            .iter()
            .map(|hit| statement_record(&hit["_source"]))
            .collect();
        Ok(ArticleDocument {
            row,
            url: str_of(&source["url"]),
            text: str_of(&source["text"]).unwrap_or_default(),
            statements,
        })
    }

    fn facet(&self, query: &str, facet: Facet, limit: usize) -> Result<Vec<(String, u64)>, String> {
        match facet {
            Facet::Outlet => {
                // More buckets than shown, so ties at the cut are ranked by name as the local corpus does.
                let body = json!({"size": 0, "query": self.dsl(query, Scope::Articles)?,
                    "aggs": {"values": {"terms": {"field": "outlet.keyword", "size": limit * 2 + 10}}}});
                Ok(ranked(buckets(&self.search(Scope::Articles, &body)?["aggregations"]["values"]), limit))
            }
            Facet::Speaker | Facet::UnnamedSource => {
                let named = facet == Facet::Speaker;
                let body = json!({"size": 0, "query": self.dsl(query, Scope::Statements)?,
                    "aggs": {"kind": {"filter": {"term": {"named": named}},
                        "aggs": {"values": {"terms": {"field": "speaker", "size": SPEAKER_BUCKETS.max(limit * 2)}}}}}});
                let answer = self.search(Scope::Statements, &body)?;
                let mut merged = self.merged(&answer["aggregations"]["kind"]["values"]);
                merged.truncate(limit);
                Ok(merged.into_iter().map(|(name, count, _)| (name, count)).collect())
            }
        }
    }

    fn chart(&self, query: &str, request: &ChartRequest, topics: &Topics) -> Result<Chart, String> {
        let request = chartable(request);
        let query = self.dsl(query, Scope::Statements)?;
        // First the span of dates and the speakers ranked (named ones only, as the local chart ranks).
        let body = json!({"size": 0, "query": query, "aggs": {
            "first": {"min": {"field": "date", "format": "yyyy-MM-dd"}},
            "last": {"max": {"field": "date", "format": "yyyy-MM-dd"}},
            "speakers": {"terms": {"field": "speaker", "size": SPEAKER_BUCKETS},
                         "aggs": {"named": {"filter": {"term": {"named": true}}}}},
        }});
        let answer = self.search(Scope::Statements, &body)?;
        let aggregations = &answer["aggregations"];
        let span =
            date_of(&aggregations["first"]["value_as_string"]).zip(date_of(&aggregations["last"]["value_as_string"]));
        let (bucket, starts) = bucket_starts(request.bucket, span);
        let ranked_speakers: Vec<String> = self
            .merged(&aggregations["speakers"])
            .into_iter()
            .filter(|(_, count, named)| 2 * named > *count)
            .map(|(name, _, _)| name)
            .collect();
        let mut shown: Vec<String> = Vec::new();
        for spec in &request.series {
            let wanted = match spec {
                SeriesSpec::TopSpeakers(n) => ranked_speakers.iter().take(*n).cloned().collect(),
                SeriesSpec::Speaker(name) => vec![self.names.canonical(name).to_owned()],
                SeriesSpec::Topic(_) | SeriesSpec::UnnamedSources => Vec::new(),
            };
            for name in wanted {
                if !shown.contains(&name) {
                    shown.push(name);
                }
            }
        }

        // Then the counts per bucket: all statements and their articles, each series, the undated apart.
        let articles = json!({"cardinality": {"field": "article_id", "precision_threshold": EXACT_ARTICLES}});
        let per_bucket = |sub: Value| {
            json!({
                "dates": {"date_histogram": {"field": "date", "calendar_interval": bucket.as_str(), "format": "yyyy-MM-dd"},
                          "aggs": sub.clone()},
                "undated": {"missing": {"field": "date"}, "aggs": sub},
            })
        };
        let mut aggs = per_bucket(json!({"articles": articles}));
        let mut series_filters: Vec<(String, bool, Value)> = shown
            .iter()
            .map(|name| (name.clone(), false, json!({"terms": {"speaker": self.variants(name)}})))
            .collect();
        // Topics after speakers, in the order asked, each once, as the local chart orders them.
        for spec in &request.series {
            let SeriesSpec::Topic(name) = spec else { continue };
            // A topic whose query does not parse is left out, as the local chart leaves it.
            let Some(filter) = topics.query_of(name).and_then(|query| self.dsl(&query, Scope::Statements).ok()) else {
                continue;
            };
            if !series_filters.iter().any(|(shown, is_topic, _)| *is_topic && shown == name) {
                series_filters.push((name.clone(), true, filter));
            }
        }
        if request.series.contains(&SeriesSpec::UnnamedSources) {
            let unnamed = json!({"bool": {"filter": [{"exists": {"field": "speaker"}}, {"term": {"named": false}}]}});
            series_filters.push((UNNAMED_SOURCES.to_owned(), true, unnamed));
        }
        for (index, (_, _, filter)) in series_filters.iter().enumerate() {
            aggs[format!("series{index}")] = json!({"filter": filter, "aggs": per_bucket(json!({}))});
        }
        let answer = self.search(Scope::Statements, &json!({"size": 0, "query": query, "aggs": aggs}))?;
        let aggregations = &answer["aggregations"];
        let in_buckets = |counts: HashMap<NaiveDate, u64>| -> Vec<u64> {
            starts.iter().map(|start| counts.get(start).copied().unwrap_or(0)).collect()
        };
        let series = series_filters
            .iter()
            .enumerate()
            .map(|(index, (name, is_topic, _))| {
                let aggregation = &aggregations[format!("series{index}")];
                Series {
                    name: name.clone(),
                    is_topic: *is_topic,
                    counts: in_buckets(histogram(&aggregation["dates"], doc_count)),
                    undated: doc_count(&aggregation["undated"]),
                }
            })
            .collect();
        Ok(Chart {
            request: request.clone(),
            bucket,
            total_articles: in_buckets(histogram(&aggregations["dates"], article_count)),
            total_statements: in_buckets(histogram(&aggregations["dates"], doc_count)),
            starts,
            series,
            undated_articles: article_count(&aggregations["undated"]),
        })
    }
}

/// An id as one segment of a URL path (ids are made of hex digits and separators, but be safe).
fn urlencoding_path(id: &str) -> String {
    id.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
