//! `Browse` over a corpus in memory and its search index.

use super::{
    ArticleDocument, ArticleOrder, ArticleRow, Browse, Cursor, Facet, Page, StatementRow, parse_query, ranked,
};
use crate::corpus::Corpus;
use crate::search::{Scope, SearchIndex, SpeakerLookup};
use crate::speakers::SpeakerNames;
use crate::timeline::{Chart, ChartRequest, TopicHits};
use crate::topics::Topics;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// A corpus in memory, answering page by page as a cluster would.
pub struct LocalBrowse {
    corpus: Arc<Corpus>,
    index: Arc<SearchIndex>,
    names: SpeakerNames,
    lookup: SpeakerLookup,
    location: String,
}

impl LocalBrowse {
    /// Browses `corpus` through its search `index`, speakers merged by `names`.
    pub fn new(corpus: Arc<Corpus>, index: Arc<SearchIndex>, names: SpeakerNames, location: String) -> LocalBrowse {
        let lookup = SpeakerLookup::new(&corpus.found_speakers(), &names);
        LocalBrowse { corpus, index, names, lookup, location }
    }

    /// The articles (`Scope::Articles`) or statements matching `query`, as sorted indices.
    fn matching(&self, query: &str, scope: Scope) -> Result<Vec<u32>, String> {
        match parse_query(query)? {
            Some(node) => self.index.search(&node, scope, &self.lookup),
            None => {
                let count = match scope {
                    Scope::Articles => self.corpus.articles.len(),
                    Scope::Statements => self.corpus.statements.len(),
                };
                Ok((0..count as u32).collect())
            }
        }
    }

    /// The statements of an article, as a range of indices into `corpus.statements`.
    fn statements_of(&self, article: u32) -> std::ops::Range<u32> {
        let statements = &self.corpus.statements;
        let start = statements.partition_point(|s| s.article < article);
        let end = statements.partition_point(|s| s.article <= article);
        start as u32..end as u32
    }

    fn row(&self, article: u32) -> ArticleRow {
        let meta = &self.corpus.articles[article as usize];
        ArticleRow {
            article_key: article.to_string(),
            title: meta.title.clone(),
            date: meta.date,
            outlet: meta.outlet.clone(),
            author: meta.author.clone(),
            file: self.corpus.article_file(meta),
            statements: self.statements_of(article).len() as u32,
        }
    }
}

/// The rows `from..from + limit` of `items`, and the cursor after them.
fn page_of<T>(items: &[u32], from: Option<&Cursor>, limit: usize, row: impl FnMut(u32) -> T) -> Page<T> {
    let start = from.and_then(|cursor| cursor.0.parse::<usize>().ok()).unwrap_or(0).min(items.len());
    let end = (start + limit).min(items.len());
    Page {
        rows: items[start..end].iter().copied().map(row).collect(),
        total: items.len() as u64,
        next: (end < items.len()).then(|| Cursor(end.to_string())),
    }
}

impl Browse for LocalBrowse {
    fn location(&self) -> String {
        self.location.clone()
    }

    fn articles(
        &self,
        query: &str,
        order: ArticleOrder,
        from: Option<&Cursor>,
        limit: usize,
    ) -> Result<Page<ArticleRow>, String> {
        let mut articles = self.matching(query, Scope::Articles)?;
        let metas = &self.corpus.articles;
        // Stable sorts of indices in corpus order: ties keep it. `None` sorts last in each.
        match order {
            ArticleOrder::Corpus => {}
            ArticleOrder::Newest => articles.sort_by_key(|&a| std::cmp::Reverse(metas[a as usize].date)),
            ArticleOrder::Oldest => {
                articles.sort_by_key(|&a| (metas[a as usize].date.is_none(), metas[a as usize].date))
            }
            ArticleOrder::Outlet => articles.sort_by(|&a, &b| {
                let (a, b) = (&metas[a as usize].outlet, &metas[b as usize].outlet);
                a.is_none().cmp(&b.is_none()).then_with(|| a.cmp(b))
            }),
        }
        Ok(page_of(&articles, from, limit, |article| self.row(article)))
    }

    fn statements(&self, query: &str, from: Option<&Cursor>, limit: usize) -> Result<Page<StatementRow>, String> {
        let statements = self.matching(query, Scope::Statements)?;
        let page = page_of(&statements, from, limit, |statement| statement);
        let mut texts: HashMap<u32, String> = HashMap::new();
        self.corpus.with_statement_records(page.rows.iter().copied(), |statement, record| {
            texts.insert(statement, record.map(|r| r.text.clone()).map_err(str::to_owned)?);
            Ok::<(), String>(())
        })?;
        let rows = page
            .rows
            .iter()
            .map(|&statement| {
                let found = &self.corpus.statements[statement as usize];
                let meta = &self.corpus.articles[found.article as usize];
                StatementRow {
                    article_key: found.article.to_string(),
                    speaker: found.speaker.as_deref().map(|name| self.names.canonical(name).to_owned()),
                    named: found.named,
                    text: texts.remove(&statement).unwrap_or_default(),
                    kind: found.kind,
                    act: found.act,
                    date: meta.date,
                    title: meta.title.clone(),
                }
            })
            .collect();
        Ok(Page { rows, total: page.total, next: page.next })
    }

    fn article(&self, article_key: &str) -> Result<ArticleDocument, String> {
        let article = article_key
            .parse::<u32>()
            .ok()
            .filter(|&a| (a as usize) < self.corpus.articles.len())
            .ok_or_else(|| format!("there is no article {article_key} in this corpus"))?;
        let meta = &self.corpus.articles[article as usize];
        let text = self.corpus.read_text(meta)?;
        let mut statements = Vec::new();
        self.corpus.with_statement_records(self.statements_of(article), |_, record| {
            statements.push(record.map_err(str::to_owned)?.clone());
            Ok::<(), String>(())
        })?;
        Ok(ArticleDocument { row: self.row(article), url: meta.url.clone(), text, statements })
    }

    fn facet(&self, query: &str, facet: Facet, limit: usize) -> Result<Vec<(String, u64)>, String> {
        let mut counts: BTreeMap<&str, u64> = BTreeMap::new();
        match facet {
            Facet::Outlet => {
                for article in self.matching(query, Scope::Articles)? {
                    if let Some(outlet) = &self.corpus.articles[article as usize].outlet {
                        *counts.entry(outlet).or_default() += 1;
                    }
                }
            }
            Facet::Speaker | Facet::UnnamedSource => {
                let named = facet == Facet::Speaker;
                for statement in self.matching(query, Scope::Statements)? {
                    let statement = &self.corpus.statements[statement as usize];
                    if let Some(speaker) = statement.speaker.as_ref().filter(|_| statement.named == named) {
                        *counts.entry(self.names.canonical(speaker)).or_default() += 1;
                    }
                }
            }
        }
        Ok(ranked(counts.into_iter().map(|(value, count)| (value.to_owned(), count)).collect(), limit))
    }

    fn chart(&self, query: &str, request: &ChartRequest, topics: &Topics) -> Result<Chart, String> {
        let statements = self.matching(query, Scope::Statements)?;
        let mut counted = vec![false; self.corpus.statements.len()];
        let mut articles = Vec::new();
        for &statement in &statements {
            counted[statement as usize] = true;
            let article = self.corpus.statements[statement as usize].article;
            if articles.last() != Some(&article) {
                articles.push(article);
            }
        }
        let request = super::chartable(request);
        // A topic's statements; the count keeps those the query matched too (`counted`).
        let topic = |name: &str| {
            let statements = self.matching(&topics.query_of(name)?, Scope::Statements).ok()?;
            Some(TopicHits { statements, articles: Vec::new() })
        };
        Ok(crate::timeline::compute_counting(&self.corpus, &self.names, &articles, &request, &topic, Some(&counted)))
    }
}
