//! Reading a corpus back from OpenSearch: its metadata paged into a `Corpus` (what the local commands keep
//! in memory: metadata, statements without words, fingerprints), words fetched a page at a time, and the
//! counts a UI asks for (facets, date histograms) as aggregations.

use super::client::{Client, ErrorKind, RemoteError, Target};
use super::mapping;
use crate::article::{ArticleMeta, DateSource};
use crate::corpus::{ByteSpan, Corpus, CorpusStatement, FileEntry};
use crate::speakers::{SpeakerEdits, SpeakerNames, SpeakerRoles};
use crate::statements::{Act, SpeakerType, StatementKind, StatementRecord};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;

/// Counts per bucket: (the bucket's first day, `yyyy-MM-dd`; count).
pub type Histogram = Vec<(String, u64)>;

/// Documents asked for in one page of a scan.
const PAGE: usize = 5000;

/// Pages through every document of `index` matching `query`, in `sort` order (which must order them
/// wholly: search_after resumes after the last sort values), handing each hit to `each`.
pub fn scan(
    client: &Client,
    index: &str,
    query: &Value,
    sort: &[(&str, &str)],
    source: Option<Value>,
    mut each: impl FnMut(&Value) -> Result<(), RemoteError>,
) -> Result<(), RemoteError> {
    let sort: Vec<Value> = sort.iter().map(|(field, order)| json!({*field: {"order": order}})).collect();
    let mut after: Option<Value> = None;
    loop {
        let mut body = json!({"size": PAGE, "query": query, "sort": sort, "track_total_hits": false,
                              "_source": source.clone().unwrap_or(Value::Bool(false))});
        if let Some(after) = &after {
            body["search_after"] = after.clone();
        }
        let answer = client.ok_json("POST", &format!("/{index}/_search"), &body)?;
        let hits = answer["hits"]["hits"].as_array().map(Vec::as_slice).unwrap_or_default();
        for hit in hits {
            each(hit)?;
        }
        if hits.len() < PAGE {
            return Ok(());
        }
        after = hits.last().map(|hit| hit["sort"].clone());
    }
}

/// The sort that puts articles in the local listing's order (file, then record).
pub const ARTICLE_ORDER: [(&str, &str); 2] = [("order", "asc"), ("record", "asc")];
/// The sort that puts statements in the local listing's order (article, then place in it).
pub const STATEMENT_ORDER: [(&str, &str); 3] = [("order", "asc"), ("record", "asc"), ("ordinal", "asc")];

/// A corpus in OpenSearch, its metadata held as a local `Corpus` so the local code (speaker merges, copies,
/// echoes, the chart) runs on it unchanged.
pub struct RemoteCorpus {
    /// The connection.
    pub client: Client,
    /// The indices.
    pub target: Target,
    /// Metadata, statements (without words) and fingerprints, in the local commands' order.
    pub corpus: Corpus,
    /// The roles the articles give speakers whose surname may merge (see `Corpus::found_speaker_roles`).
    pub roles: SpeakerRoles,
    /// Each file's document version, by `file_id`, to name its documents.
    versions: Vec<String>,
    /// For each article, its first statement; one more entry at the end.
    first_statement: Vec<u32>,
    /// Article index by (file order key, record).
    article_by_key: HashMap<(String, u32), u32>,
}

/// Attempts for one article's text (a first try and two retries, 0.75 s of backoff in all).
const TEXT_ATTEMPTS: u32 = 3;

/// Article texts read from the article documents' `_source`, one request per article.
pub struct RemoteTexts {
    client: Client,
    target: Target,
    /// Each file's path, by `file_id`, to name its documents.
    paths: Vec<String>,
    /// Each file's document version, by `file_id`.
    versions: Vec<String>,
}

impl std::fmt::Debug for RemoteTexts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RemoteTexts({}/{})", self.target.base, self.target.name)
    }
}

impl crate::corpus::ArticleTexts for RemoteTexts {
    fn text(&self, meta: &ArticleMeta) -> Result<String, String> {
        let file = meta.file_id as usize;
        let (Some(path), Some(version)) = (self.paths.get(file), self.versions.get(file)) else {
            return Err(format!("article {} names no file of the index", meta.record));
        };
        let id = mapping::article_id(path, version, meta.record);
        let answer = self
            .client
            .ok("GET", &format!("/{}/_doc/{id}?_source_includes=text", self.target.articles()), None)
            .map_err(|e| e.message)?;
        answer["_source"]["text"]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| format!("{path}: the article's text is missing from the index (is an ingest running?)"))
    }
}

pub fn str_of(value: &Value) -> Option<String> {
    value.as_str().map(str::to_owned)
}

fn span_of(value: &Value) -> Option<std::ops::Range<usize>> {
    let pair = value.as_array()?;
    Some(pair.first()?.as_u64()? as usize..pair.get(1)?.as_u64()? as usize)
}

fn char_span(value: &Value) -> Option<[usize; 2]> {
    span_of(value).map(|r| [r.start, r.end])
}

/// Checks that the node answers and holds the corpus at `target`, or says how to make it.
pub(crate) fn check_index(client: &Client, target: &Target) -> Result<(), RemoteError> {
    client.check()?;
    let (status, _) = client.send("HEAD", &format!("/{}", target.articles()), None)?;
    if status == 404 {
        return Err(RemoteError::new(
            ErrorKind::NoSuchIndex,
            format!(
                "there is no index `{}` at {}: make it with `dossier index PATH --to {}/{}`",
                target.name, target.base, target.base, target.name
            ),
        ));
    }
    Ok(())
}

impl RemoteCorpus {
    /// Reads the metadata of the corpus at `target`: two scans, of articles and of statements.
    pub fn open(target: &Target) -> Result<RemoteCorpus, RemoteError> {
        RemoteCorpus::open_with(Client::from_env(&target.base)?, target)
    }

    /// Reads the metadata of the corpus at `target` through `client` (credentials given in the app).
    pub fn open_with(client: Client, target: &Target) -> Result<RemoteCorpus, RemoteError> {
        check_index(&client, target)?;
        let mut corpus = Corpus::default();
        let mut versions = Vec::new();
        let mut file_of_order: HashMap<String, u32> = HashMap::new();
        let mut article_by_key = HashMap::new();
        let fields = json!([
            "file",
            "order",
            "record",
            "version",
            "title",
            "date",
            "date_source",
            "outlet",
            "author",
            "url",
            "words",
            "member",
            "meta"
        ]);
        scan(&client, &target.articles(), &json!({"match_all": {}}), &ARTICLE_ORDER, Some(fields), |hit| {
            let source = &hit["_source"];
            let order = source["order"].as_str().unwrap_or_default().to_owned();
            let file_id = match file_of_order.get(&order) {
                Some(&id) => id,
                None => {
                    let id = corpus.files.len() as u32;
                    corpus.files.push(FileEntry {
                        relative_path: str_of(&source["file"]).unwrap_or_default(),
                        raw_path: None,
                        format: crate::ingest::Format::Text,
                        compression: None,
                        size: 0,
                        modified: None,
                        content_hash: 0,
                        read_at: 0,
                        encoding: None,
                        is_verbatim: false,
                        bom_len: 0,
                        header_len: 0,
                    });
                    versions.push(str_of(&source["version"]).unwrap_or_default());
                    file_of_order.insert(order.clone(), id);
                    id
                }
            };
            let record = source["record"].as_u64().unwrap_or(0) as u32;
            let date_source = match source["date_source"].as_str() {
                Some("field") => Some(DateSource::Field),
                Some("text") => Some(DateSource::Text),
                Some("filename") => Some(DateSource::Filename),
                Some("crawl") => Some(DateSource::Crawl),
                _ => None,
            };
            let meta = ArticleMeta {
                file_id,
                record,
                byte_range: span_of(&source["meta"]["byte_range"])
                    .map(|r| r.start as u64..r.end as u64)
                    .unwrap_or(0..0),
                title: str_of(&source["title"]).unwrap_or_default(),
                date: source["date"].as_str().and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
                date_source,
                outlet: str_of(&source["outlet"]),
                author: str_of(&source["author"]),
                url: str_of(&source["url"]),
                words: source["words"].as_u64().unwrap_or(0) as u32,
                member: str_of(&source["member"]),
            };
            let fingerprint =
                source["meta"]["fingerprint"].as_str().and_then(|f| serde_json::from_str(f).ok()).unwrap_or_default();
            article_by_key.insert((order, record), corpus.articles.len() as u32);
            corpus.articles.push(meta);
            corpus.fingerprints.push(fingerprint);
            Ok(())
        })?;

        // Statements: one shared copy of each speaker name, as the local loader keeps.
        let mut shared: HashMap<String, Arc<str>> = HashMap::new();
        let mut role_texts: Vec<(Arc<str>, String)> = Vec::new();
        let fields = json!([
            "order",
            "record",
            "speaker",
            "speaker_type",
            "named",
            "kind",
            "act",
            "role",
            "spans.bytes",
            "meta"
        ]);
        scan(&client, &target.statements(), &json!({"match_all": {}}), &STATEMENT_ORDER, Some(fields), |hit| {
            let source = &hit["_source"];
            let key = (str_of(&source["order"]).unwrap_or_default(), source["record"].as_u64().unwrap_or(0) as u32);
            let Some(&article) = article_by_key.get(&key) else {
                // A statement whose article is gone (its file being replaced right now) is left out.
                return Ok(());
            };
            let speaker = source["speaker"]
                .as_str()
                .map(|name| shared.entry(name.to_owned()).or_insert_with(|| Arc::from(name)).clone());
            if let (Some(speaker), Some(role)) = (&speaker, source["role"].as_str()) {
                role_texts.push((speaker.clone(), role.to_owned()));
            }
            let bytes = &source["spans"]["bytes"];
            let text = span_of(&bytes["text"]).unwrap_or(0..0);
            corpus.statements.push(CorpusStatement {
                article,
                speaker,
                speaker_type: serde_json::from_value::<Option<SpeakerType>>(source["speaker_type"].clone())
                    .unwrap_or(None),
                named: source["named"].as_bool().unwrap_or(false),
                kind: serde_json::from_value::<StatementKind>(source["kind"].clone()).unwrap_or(StatementKind::Direct),
                act: serde_json::from_value::<Act>(source["act"].clone()).unwrap_or_default(),
                text: [text.start as u32, text.end as u32],
                mention: ByteSpan::new(span_of(&bytes["mention"]).as_ref()),
                cue: ByteSpan::new(span_of(&bytes["cue"]).as_ref()),
                role: ByteSpan::new(span_of(&bytes["role"]).as_ref()),
                words_key: source["meta"]["words_key"]
                    .as_str()
                    .and_then(|k| u64::from_str_radix(k, 16).ok())
                    .unwrap_or(0),
            });
            Ok(())
        })?;
        let mut first_statement = Vec::with_capacity(corpus.articles.len() + 1);
        let mut next = 0usize;
        for article in 0..corpus.articles.len() as u32 {
            while next < corpus.statements.len() && corpus.statements[next].article < article {
                next += 1;
            }
            first_statement.push(next as u32);
        }
        first_statement.push(corpus.statements.len() as u32);
        let roles = speaker_roles(&corpus, &role_texts);
        Ok(RemoteCorpus { client, target: target.clone(), corpus, roles, versions, first_statement, article_by_key })
    }

    /// The corpus, its article texts fetched from the cluster when asked for (`Corpus::texts`), and the
    /// speakers' roles (which the local corpus reads from its files).
    pub fn into_local(self) -> (Corpus, SpeakerRoles) {
        let texts = RemoteTexts {
            // Texts are asked for one by one (a search index reads them all): with a node gone, eight
            // attempts with backoff would hold each for half a minute.
            client: self.client.with_attempts(TEXT_ATTEMPTS),
            target: self.target,
            paths: self.corpus.files.iter().map(|file| file.relative_path.clone()).collect(),
            versions: self.versions,
        };
        let mut corpus = self.corpus;
        corpus.texts = Some(Arc::new(texts));
        (corpus, self.roles)
    }

    /// The canonical speaker names, as `Corpus::speaker_names` gives them for the local corpus.
    pub fn speaker_names(&self, edits: &SpeakerEdits) -> SpeakerNames {
        SpeakerNames::build_with_roles(&self.corpus.found_speakers(), &self.roles, edits)
    }

    /// The id of an article's document.
    pub fn article_id(&self, article: u32) -> String {
        let meta = &self.corpus.articles[article as usize];
        let file = &self.corpus.files[meta.file_id as usize];
        mapping::article_id(&file.relative_path, &self.versions[meta.file_id as usize], meta.record)
    }

    /// The id of a statement's document.
    pub fn statement_id(&self, statement: u32) -> String {
        let article = self.corpus.statements[statement as usize].article;
        mapping::statement_id(&self.article_id(article), statement - self.first_statement[article as usize])
    }

    /// The statements of each article: `first_statement[a]..first_statement[a + 1]`.
    pub fn first_statement(&self) -> &[u32] {
        &self.first_statement
    }

    /// The article at (file order key, record), as a hit's sort values name it.
    pub fn article_at(&self, order: &str, record: u32) -> Option<u32> {
        self.article_by_key.get(&(order.to_owned(), record)).copied()
    }

    /// One article's document as stored (metadata and text), for showing it.
    pub fn article_source(&self, article: u32) -> Result<Value, RemoteError> {
        let answer =
            self.client.ok("GET", &format!("/{}/_doc/{}", self.target.articles(), self.article_id(article)), None)?;
        Ok(answer["_source"].clone())
    }

    /// The records (words, spans, speaker as found) of `statements`, in that order, fetched in one request.
    pub fn statement_records(&self, statements: &[u32]) -> Result<Vec<StatementRecord>, RemoteError> {
        let ids: Vec<String> = statements.iter().map(|&s| self.statement_id(s)).collect();
        let answer = self.client.ok_json(
            "POST",
            &format!(
                "/{}/_mget?_source_includes=text,speaker,speaker_type,named,role,mention,cue,kind,act,spans",
                self.target.statements()
            ),
            &json!({"ids": ids}),
        )?;
        let docs = answer["docs"].as_array().map(Vec::as_slice).unwrap_or_default();
        statements
            .iter()
            .zip(docs)
            .map(|(&s, doc)| {
                if doc["found"] != true {
                    return Err(RemoteError::new(
                        ErrorKind::Server,
                        format!(
                            "statement {} of {} is missing from the index (is an ingest running?)",
                            s,
                            self.corpus.article_file(
                                &self.corpus.articles[self.corpus.statements[s as usize].article as usize]
                            )
                        ),
                    ));
                }
                Ok(statement_record(&doc["_source"]))
            })
            .collect()
    }

    /// A page of articles sorted by a field (`order` for the listing's order, `date`, `outlet.keyword`), ties
    /// in listing order, after the sort values `after`: their documents without text, and the sort values
    /// to pass for the next page (none after the last page).
    pub fn page_articles(
        &self,
        sort: &str,
        descending: bool,
        after: Option<Value>,
        size: usize,
    ) -> Result<(Vec<Value>, Option<Value>), RemoteError> {
        let direction = if descending { "desc" } else { "asc" };
        let mut body = json!({
            "size": size, "track_total_hits": false, "_source": {"excludes": ["text", "meta"]},
            "sort": [{sort: {"order": direction, "missing": "_last"}}, {"order": "asc"}, {"record": "asc"}],
        });
        if let Some(after) = after {
            body["search_after"] = after;
        }
        let answer = self.client.ok_json("POST", &format!("/{}/_search", self.target.articles()), &body)?;
        let hits = answer["hits"]["hits"].as_array().cloned().unwrap_or_default();
        let next = (hits.len() == size).then(|| hits.last().map(|h| h["sort"].clone())).flatten();
        Ok((hits.into_iter().map(|h| h["_source"].clone()).collect(), next))
    }

    /// How many articles (or statements) matching `query` (OpenSearch query DSL) hold each value of a keyword
    /// `field` (`outlet.keyword`, `speaker`, `file_type`), most first, at most `size` values.
    pub fn facet(
        &self,
        statements: bool,
        field: &str,
        query: &Value,
        size: usize,
    ) -> Result<Vec<(String, u64)>, RemoteError> {
        let index = if statements { self.target.statements() } else { self.target.articles() };
        let answer = self.client.ok_json(
            "POST",
            &format!("/{index}/_search"),
            &json!({"size": 0, "query": query, "aggs": {"values": {"terms": {"field": field, "size": size}}}}),
        )?;
        Ok(buckets(&answer["aggregations"]["values"]).into_iter().collect())
    }

    /// Statements per calendar `interval` (`day`, `week`, `month`, `quarter`, `year`) of each speaker name
    /// given (names as found, e.g. a canonical name's variants), as (speaker, [(bucket start, count)]).
    pub fn speaker_histograms(
        &self,
        speakers: &[String],
        interval: &str,
    ) -> Result<Vec<(String, Histogram)>, RemoteError> {
        let answer = self.client.ok_json(
            "POST",
            &format!("/{}/_search", self.target.statements()),
            &json!({"size": 0, "query": {"terms": {"speaker": speakers}}, "aggs": {"speakers": {
                "terms": {"field": "speaker", "size": speakers.len().max(1)},
                "aggs": {"dates": {"date_histogram": {"field": "date", "calendar_interval": interval, "format": "yyyy-MM-dd"}}}
            }}}),
        )?;
        Ok(answer["aggregations"]["speakers"]["buckets"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|bucket| {
                let name = bucket["key"].as_str().unwrap_or_default().to_owned();
                let dates = bucket["dates"]["buckets"]
                    .as_array()
                    .map(Vec::as_slice)
                    .unwrap_or_default()
                    .iter()
                    .map(|b| {
                        (
                            b["key_as_string"].as_str().unwrap_or_default().to_owned(),
                            b["doc_count"].as_u64().unwrap_or(0),
                        )
                    })
                    .collect();
                (name, dates)
            })
            .collect())
    }

    /// Articles (or statements) per calendar `interval`, over all dated ones.
    pub fn date_histogram(&self, statements: bool, interval: &str) -> Result<Vec<(String, u64)>, RemoteError> {
        let index = if statements { self.target.statements() } else { self.target.articles() };
        let answer = self.client.ok_json(
            "POST",
            &format!("/{index}/_search"),
            &json!({"size": 0, "aggs": {"dates": {"date_histogram": {"field": "date", "calendar_interval": interval, "format": "yyyy-MM-dd"}}}}),
        )?;
        Ok(answer["aggregations"]["dates"]["buckets"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|b| (b["key_as_string"].as_str().unwrap_or_default().to_owned(), b["doc_count"].as_u64().unwrap_or(0)))
            .collect())
    }
}

/// A statement's record (words, spans, speaker as found) from its document's `_source`.
pub fn statement_record(source: &Value) -> StatementRecord {
    let spans = &source["spans"];
    StatementRecord {
        speaker: str_of(&source["speaker"]),
        speaker_type: serde_json::from_value(source["speaker_type"].clone()).unwrap_or(None),
        named: source["named"].as_bool().unwrap_or(false),
        role: str_of(&source["role"]),
        mention: str_of(&source["mention"]),
        mention_span: char_span(&spans["mention"]),
        cue: str_of(&source["cue"]),
        cue_span: char_span(&spans["cue"]),
        kind: serde_json::from_value(source["kind"].clone()).unwrap_or(StatementKind::Direct),
        act: serde_json::from_value(source["act"].clone()).unwrap_or_default(),
        text: str_of(&source["text"]).unwrap_or_default(),
        text_span: char_span(&spans["text"]).unwrap_or([0, 0]),
    }
}

/// The (key, count) pairs of a terms aggregation.
pub fn buckets(aggregation: &Value) -> Vec<(String, u64)> {
    aggregation["buckets"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|b| {
            (
                b["key"].as_str().map(str::to_owned).unwrap_or_else(|| b["key"].to_string()),
                b["doc_count"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

/// The role words of speakers, as `Corpus::found_speaker_roles` gathers them, from the role texts stored
/// with the statements (the local function reads them from the articles' files, which are not here).
fn speaker_roles(corpus: &Corpus, role_texts: &[(Arc<str>, String)]) -> SpeakerRoles {
    use crate::speakers::is_personal_name;
    use std::collections::HashSet;
    let found = corpus.found_speakers();
    let surname = |name: &str| name.split_whitespace().last().map(crate::statements::fold_name).unwrap_or_default();
    let lone: HashSet<String> =
        found.keys().filter(|name| !name.contains(' ') && is_personal_name(name)).map(|name| surname(name)).collect();
    let mut roles = SpeakerRoles::new();
    for (speaker, role) in role_texts {
        if lone.contains(&surname(speaker)) && is_personal_name(speaker) {
            roles.entry(speaker.to_string()).or_default().extend(crate::speakers::role_words(role));
        }
    }
    roles
}
