//! Counting over time: calendar buckets, and series of speaker counts per bucket for the chart.

use crate::corpus::{Corpus, CorpusStatement};
use crate::fast_hash::FastMap;
use crate::speakers::SpeakerNames;
use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// How many speakers a default chart shows.
pub const DEFAULT_TOP_SPEAKERS: usize = 5;

/// Series colours, shared by the app and the exported figures so both look the same.
pub const PALETTE: [(u8, u8, u8); 10] = [
    (31, 119, 180),
    (255, 127, 14),
    (44, 160, 44),
    (214, 39, 40),
    (148, 103, 189),
    (140, 86, 75),
    (227, 119, 194),
    (127, 127, 127),
    (188, 189, 34),
    (23, 190, 207),
];

/// A span of calendar time that counts are gathered into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Bucket {
    /// One calendar day.
    Day,
    /// A week from Monday (ISO weeks).
    Week,
    /// A calendar month.
    Month,
    /// A calendar quarter.
    Quarter,
    /// A calendar year.
    Year,
}

impl Bucket {
    /// Every bucket size, smallest first.
    pub const ALL: [Bucket; 5] = [Bucket::Day, Bucket::Week, Bucket::Month, Bucket::Quarter, Bucket::Year];

    /// The name used on the command line and in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Bucket::Day => "day",
            Bucket::Week => "week",
            Bucket::Month => "month",
            Bucket::Quarter => "quarter",
            Bucket::Year => "year",
        }
    }

    /// A size that gives a readable number of buckets (about 10 to 150) for a span of dates.
    pub fn automatic(first: NaiveDate, last: NaiveDate) -> Bucket {
        let days = (last - first).num_days();
        match days {
            ..=92 => Bucket::Day,
            93..=731 => Bucket::Week,
            732..=3653 => Bucket::Month,
            3654..=14610 => Bucket::Quarter,
            _ => Bucket::Year,
        }
    }

    /// The first day of the bucket holding `date`.
    pub fn start(self, date: NaiveDate) -> NaiveDate {
        let first_of = |year, month| NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(date);
        match self {
            Bucket::Day => date,
            Bucket::Week => date - Duration::days(date.weekday().num_days_from_monday() as i64),
            Bucket::Month => first_of(date.year(), date.month()),
            Bucket::Quarter => first_of(date.year(), (date.month0() / 3) * 3 + 1),
            Bucket::Year => first_of(date.year(), 1),
        }
    }

    /// The first day of the bucket after the one starting at `start`.
    pub fn next(self, start: NaiveDate) -> NaiveDate {
        let months = |n: u32| start.checked_add_months(chrono::Months::new(n)).unwrap_or(NaiveDate::MAX);
        match self {
            Bucket::Day => start.succ_opt().unwrap_or(NaiveDate::MAX),
            Bucket::Week => start.checked_add_signed(Duration::days(7)).unwrap_or(NaiveDate::MAX),
            Bucket::Month => months(1),
            Bucket::Quarter => months(3),
            Bucket::Year => months(12),
        }
    }

    /// A short label for the bucket starting at `start`: `2021-04-12`, `2021-04`, `2021 Q2`, `2021`.
    pub fn label(self, start: NaiveDate) -> String {
        match self {
            Bucket::Day | Bucket::Week => start.format("%Y-%m-%d").to_string(),
            Bucket::Month => start.format("%Y-%m").to_string(),
            Bucket::Quarter => format!("{} Q{}", start.year(), start.month0() / 3 + 1),
            Bucket::Year => start.year().to_string(),
        }
    }
}

/// Buckets worth a label on the x axis, with their labels: those that begin a calendar unit — the
/// bucket itself, a month, quarter, year, or every 2, 5, 10… years — using the finest unit that gives
/// at most `max_labels` labels.
pub fn axis_ticks(bucket: Bucket, starts: &[NaiveDate], max_labels: usize) -> Vec<(usize, String)> {
    let max_labels = max_labels.max(2);
    let finer_than_bucket = Bucket::ALL.iter().position(|b| *b == bucket).unwrap_or(0);
    for unit in &Bucket::ALL[finer_than_bucket..] {
        let ticks: Vec<(usize, String)> = (0..starts.len())
            .filter(|&i| match i {
                0 => unit.start(starts[0]) == starts[0],
                _ => unit.start(starts[i]) != unit.start(starts[i - 1]),
            })
            .map(|i| (i, unit.label(unit.start(starts[i]))))
            .collect();
        if ticks.len() <= max_labels {
            return ticks;
        }
    }
    let mut step = 2;
    loop {
        let ticks: Vec<(usize, String)> = (0..starts.len())
            .filter(|&i| {
                let year = starts[i].year();
                year % step == 0 && (i == 0 || starts[i - 1].year() != year)
            })
            .map(|i| (i, starts[i].year().to_string()))
            .collect();
        if ticks.len() <= max_labels {
            return ticks;
        }
        step = match step.to_string().chars().next() {
            Some('2') => step / 2 * 5,
            _ => step * 2,
        };
    }
}

/// What a series counts per bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// Statements made by the speaker.
    #[default]
    Statements,
    /// Articles in which the speaker has at least one statement.
    Articles,
}

impl Unit {
    /// The name used on the command line and in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Statements => "statements",
            Unit::Articles => "articles",
        }
    }
}

/// How counts are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    /// The number of statements or articles.
    #[default]
    Count,
    /// The percentage of all statements (or all articles) in the bucket.
    Share,
}

impl Measure {
    /// The name used on the command line and in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Count => "count",
            Measure::Share => "share",
        }
    }
}

/// How series are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Style {
    /// One line per series.
    #[default]
    Line,
    /// Bars stacked per bucket.
    Bars,
}

impl Style {
    /// The name used on the command line and in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Style::Line => "line",
            Style::Bars => "bars",
        }
    }
}

/// One series the user asked for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SeriesSpec {
    /// The speakers with the most statements (or articles) in the selection.
    TopSpeakers(usize),
    /// One speaker, by canonical name.
    Speaker(String),
    /// One topic, by name: its matching statements (or articles).
    Topic(String),
    /// The statements (or articles) of all unnamed sources together (`officials`, `a source`, `police`).
    UnnamedSources,
}

/// The name of the series of unnamed sources, in the app, the legend and the CSV.
pub const UNNAMED_SOURCES: &str = "Unnamed sources";

impl SeriesSpec {
    /// Reads `speakers:top5`, `speakers:top` (five), `speakers:unnamed`, `speaker:NAME` or `topic:NAME`.
    pub fn parse(text: &str) -> Result<SeriesSpec, String> {
        let (kind, value) = text
            .split_once(':')
            .ok_or_else(|| format!("series `{text}` should look like speakers:top5, speaker:NAME or topic:NAME"))?;
        match kind.trim().to_ascii_lowercase().as_str() {
            "speakers" if value.trim().eq_ignore_ascii_case("unnamed") => Ok(SeriesSpec::UnnamedSources),
            "speakers" => {
                let count = value.trim().strip_prefix("top").unwrap_or(value.trim());
                let count = if count.is_empty() { Ok(DEFAULT_TOP_SPEAKERS) } else { count.parse::<usize>() };
                count
                    .ok()
                    .filter(|n| (1..=PALETTE.len() * 10).contains(n))
                    .map(SeriesSpec::TopSpeakers)
                    .ok_or_else(|| format!("series `{text}`: expected speakers:topN with N from 1 to 100"))
            }
            "speaker" if !value.trim().is_empty() => Ok(SeriesSpec::Speaker(value.trim().to_owned())),
            "topic" if !value.trim().is_empty() => Ok(SeriesSpec::Topic(value.trim().to_owned())),
            _ => Err(format!("series `{text}` should look like speakers:top5, speaker:NAME or topic:NAME")),
        }
    }
}

/// Everything that decides a chart, so an export can say how to reproduce it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChartRequest {
    /// The series, in order; top-speaker series expand to several.
    pub series: Vec<SeriesSpec>,
    /// The bucket size; `None` chooses one from the date span.
    pub bucket: Option<Bucket>,
    /// What a speaker series counts.
    pub unit: Unit,
    /// Counts or shares.
    pub measure: Measure,
    /// Lines or stacked bars.
    pub style: Style,
}

impl Default for ChartRequest {
    fn default() -> Self {
        ChartRequest {
            series: vec![SeriesSpec::TopSpeakers(DEFAULT_TOP_SPEAKERS)],
            bucket: None,
            unit: Unit::default(),
            measure: Measure::default(),
            style: Style::default(),
        }
    }
}

/// One line (or bar stack layer) of the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The canonical speaker name, or the topic's name.
    pub name: String,
    /// True for a topic, false for a speaker.
    pub is_topic: bool,
    /// Statements or articles per bucket.
    pub counts: Vec<u64>,
    /// Statements or articles of undated articles, which no bucket holds.
    pub undated: u64,
}

impl Series {
    /// All counts, the undated included.
    pub fn total(&self) -> u64 {
        self.counts.iter().sum::<u64>() + self.undated
    }
}

/// Counts per bucket for a selection of articles, ready to draw or export.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// What was asked for.
    pub request: ChartRequest,
    /// The bucket size used (the request's, or the automatic choice).
    pub bucket: Bucket,
    /// First day of each bucket, without gaps, from the first to the last dated article.
    pub starts: Vec<NaiveDate>,
    /// All articles of the selection per bucket.
    pub total_articles: Vec<u64>,
    /// All statements of the selection per bucket.
    pub total_statements: Vec<u64>,
    /// The series, in the order asked.
    pub series: Vec<Series>,
    /// Articles of the selection without a date.
    pub undated_articles: u64,
}

impl Chart {
    /// The value drawn for a series in a bucket: a count, or a percentage of the bucket's total.
    pub fn value(&self, series: usize, bucket: usize) -> f64 {
        let count = self.series[series].counts[bucket] as f64;
        match self.request.measure {
            Measure::Count => count,
            Measure::Share => {
                let total = match self.request.unit {
                    Unit::Statements => self.total_statements[bucket],
                    Unit::Articles => self.total_articles[bucket],
                };
                if total == 0 { 0.0 } else { 100.0 * count / total as f64 }
            }
        }
    }

    /// Whether bars are stacked: only when the series split the total, each statement in one series (speakers
    /// counting statements). Topics overlap speakers and each other, and an article has several speakers,
    /// so stacking those would count the same statements twice; their bars stand side by side instead.
    pub fn stacks(&self) -> bool {
        self.request.style == Style::Bars
            && self.request.unit == Unit::Statements
            && self.series.iter().all(|series| !series.is_topic)
    }

    /// Where series `index` of `count` stands in a bucket when bars stand side by side: its offset from the
    /// bucket's centre, and the bar's width.
    pub fn side_by_side(index: usize, count: usize) -> (f64, f64) {
        let width = 0.8 / count.max(1) as f64;
        (-0.4 + width * (index as f64 + 0.5), width)
    }

    /// The bucket size the date span would get automatically (what "Auto" means for this chart).
    pub fn automatic_bucket(&self) -> Bucket {
        match (self.starts.first(), self.starts.last()) {
            (Some(&first), Some(&last)) => Bucket::automatic(first, self.bucket_end(self.starts.len() - 1).max(last)),
            _ => self.bucket,
        }
    }

    /// The last day of a bucket.
    pub fn bucket_end(&self, bucket: usize) -> NaiveDate {
        self.bucket.next(self.starts[bucket]).pred_opt().unwrap_or(self.starts[bucket])
    }

    /// The bucket's dates for people: `2021-04`, or `2021-04-12 – 2021-04-18` for a week.
    pub fn bucket_description(&self, bucket: usize) -> String {
        match self.bucket {
            Bucket::Week => format!("{} – {}", self.starts[bucket], self.bucket_end(bucket)),
            _ => self.bucket.label(self.starts[bucket]),
        }
    }

    /// The y axis title, e.g. "Statements per month" or "Share of articles (%)".
    pub fn y_label(&self) -> String {
        match self.request.measure {
            Measure::Count => format!("{} per {}", capitalised(self.request.unit.as_str()), self.bucket.as_str()),
            Measure::Share => {
                format!("Share of all {} in the {} (%)", self.request.unit.as_str(), self.bucket.as_str())
            }
        }
    }

    /// A title naming what is counted.
    pub fn title(&self) -> String {
        let has_topics = self.series.iter().any(|s| s.is_topic);
        let has_speakers = self.series.iter().any(|s| !s.is_topic);
        let what = match (self.request.unit, has_topics, has_speakers) {
            (Unit::Statements, true, false) => "Statements by topic",
            (Unit::Statements, true, true) => "Statements by speaker and topic",
            (Unit::Statements, false, _) => "Statements by speaker",
            (Unit::Articles, true, false) => "Articles by topic",
            (Unit::Articles, true, true) => "Articles by speaker and topic",
            (Unit::Articles, false, _) => "Articles quoting each speaker",
        };
        format!("{what}, by {}", self.bucket.as_str())
    }
}

/// The word with its first letter in upper case.
pub fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// What a topic matches: statements and articles, as sorted indices into `corpus.statements` and `corpus.articles`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TopicHits {
    /// Matching statements.
    pub statements: Vec<u32>,
    /// Matching articles.
    pub articles: Vec<u32>,
}

/// The bucket a chart uses (the one asked for, else one that suits the span `(first, last)`) and the start
/// of each of its buckets over that span (none without a span).
pub fn bucket_starts(asked: Option<Bucket>, span: Option<(NaiveDate, NaiveDate)>) -> (Bucket, Vec<NaiveDate>) {
    let bucket = asked.or(span.map(|(first, last)| Bucket::automatic(first, last))).unwrap_or(Bucket::Month);
    let mut starts = Vec::new();
    if let Some((first, last)) = span {
        let mut start = bucket.start(first);
        while start <= last {
            starts.push(start);
            start = bucket.next(start);
        }
    }
    (bucket, starts)
}

/// Counts the series of `request` over the given articles (indices into `corpus.articles`, e.g. the
/// current filter) and their statements. `topic` gives what a topic matches, by name (`None` if unknown).
pub fn compute(
    corpus: &Corpus,
    names: &SpeakerNames,
    articles: &[u32],
    request: &ChartRequest,
    topic: &dyn Fn(&str) -> Option<TopicHits>,
) -> Chart {
    compute_counting(corpus, names, articles, request, topic, None)
}

/// Counts like `compute`, counting only the statements marked in `counted` (by statement index) when it is
/// given: with `Echoes::firsts`, each statement once however often it was quoted again.
pub fn compute_counting(
    corpus: &Corpus,
    names: &SpeakerNames,
    articles: &[u32],
    request: &ChartRequest,
    topic: &dyn Fn(&str) -> Option<TopicHits>,
    counted: Option<&[bool]>,
) -> Chart {
    let is_counted = |statement: usize| counted.is_none_or(|c| c.get(statement).copied().unwrap_or(true));
    let mut is_selected = vec![false; corpus.articles.len()];
    for &article in articles {
        if let Some(slot) = is_selected.get_mut(article as usize) {
            *slot = true;
        }
    }
    let dates = articles.iter().filter_map(|&a| corpus.articles.get(a as usize)?.date);
    let span = dates.clone().min().zip(dates.max());
    let (bucket, starts) = bucket_starts(request.bucket, span);
    // Each article's bucket, computed once: `UNDATED` for articles without a date.
    const UNDATED: u32 = u32::MAX;
    let article_bucket: Vec<u32> = corpus
        .articles
        .iter()
        .map(|meta| meta.date.and_then(|d| starts.binary_search(&bucket.start(d)).ok()).map_or(UNDATED, |b| b as u32))
        .collect();
    let bucket_of = |article: u32| -> Option<usize> {
        let b = *article_bucket.get(article as usize)?;
        (b != UNDATED).then_some(b as usize)
    };

    let mut total_articles = vec![0u64; starts.len()];
    let mut undated_articles = 0;
    for &article in articles {
        match bucket_of(article) {
            Some(b) => total_articles[b] += 1,
            None => undated_articles += 1,
        }
    }

    // One pass over the statements: canonical speaker ids (each raw name resolved once), totals per bucket
    // and per speaker, and a compact list of (speaker, article) for the series. Raw names are known by
    // the address of their shared copy: hashing it is quicker than hashing the letters, tens of millions
    // of times at a million articles (another copy of a name only costs one more lookup).
    let mut id_of_raw: FastMap<usize, u32> = FastMap::default();
    let mut id_of_canonical: HashMap<&str, u32> = HashMap::new();
    let mut canonical_names: Vec<&str> = Vec::new();
    let mut total_statements = vec![0u64; starts.len()];
    let mut speaker_totals: Vec<u64> = Vec::new();
    let mut last_article_of_speaker: Vec<u32> = Vec::new();
    // Statements of each speaker that name them, against all theirs: "top speakers" ranks named ones.
    let mut named_votes: Vec<(u32, u32)> = Vec::new();
    let mut spoken: Vec<(u32, u32)> = Vec::new();
    for (index, statement) in corpus.statements.iter().enumerate() {
        if !is_selected.get(statement.article as usize).copied().unwrap_or(false) || !is_counted(index) {
            continue;
        }
        if let Some(b) = bucket_of(statement.article) {
            total_statements[b] += 1;
        }
        let Some(raw) = statement.speaker.as_deref() else { continue };
        let id = *id_of_raw.entry(raw.as_ptr() as usize).or_insert_with(|| {
            let canonical = names.canonical(raw);
            *id_of_canonical.entry(canonical).or_insert_with(|| {
                canonical_names.push(canonical);
                speaker_totals.push(0);
                last_article_of_speaker.push(u32::MAX);
                named_votes.push((0, 0));
                (canonical_names.len() - 1) as u32
            })
        });
        let votes = &mut named_votes[id as usize];
        *votes = (votes.0 + statement.named as u32, votes.1 + 1);
        let is_new_article = last_article_of_speaker[id as usize] != statement.article;
        last_article_of_speaker[id as usize] = statement.article;
        if request.unit == Unit::Statements || is_new_article {
            speaker_totals[id as usize] += 1;
        }
        spoken.push((id, statement.article));
    }
    // Unnamed sources ("officials", "police") are left out of the top speakers, which rank people and
    // named organisations.
    let mut ranked: Vec<(&str, u64)> = canonical_names
        .iter()
        .copied()
        .zip(speaker_totals.iter().copied())
        .zip(&named_votes)
        .filter(|(_, (named, all))| 2 * named > *all)
        .map(|(ranked, _)| ranked)
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));

    // Which speakers are shown, in order, each once.
    let mut shown: Vec<String> = Vec::new();
    let mut topics: Vec<(String, TopicHits)> = Vec::new();
    for spec in &request.series {
        let wanted: Vec<String> = match spec {
            SeriesSpec::TopSpeakers(n) => ranked.iter().take(*n).map(|(name, _)| (*name).to_owned()).collect(),
            SeriesSpec::Speaker(name) => vec![names.canonical(name).to_owned()],
            SeriesSpec::Topic(name) => {
                if let Some(hits) = topic(name).filter(|_| !topics.iter().any(|(n, _)| n == name)) {
                    topics.push((name.clone(), hits));
                }
                Vec::new()
            }
            SeriesSpec::UnnamedSources => Vec::new(),
        };
        for name in wanted {
            if !shown.contains(&name) {
                shown.push(name);
            }
        }
    }

    // Speaker id → series, for the speakers shown.
    let mut series_of_id: Vec<Option<usize>> = vec![None; canonical_names.len()];
    for (index, name) in shown.iter().enumerate() {
        if let Some(&id) = id_of_canonical.get(name.as_str()) {
            series_of_id[id as usize] = Some(index);
        }
    }
    let mut series: Vec<Series> = shown
        .iter()
        .map(|name| Series { name: name.clone(), is_topic: false, counts: vec![0; starts.len()], undated: 0 })
        .collect();
    let mut last_article = vec![u32::MAX; series.len()];
    for &(id, article) in &spoken {
        let Some(index) = series_of_id[id as usize] else { continue };
        if request.unit == Unit::Articles && last_article[index] == article {
            continue;
        }
        last_article[index] = article;
        match bucket_of(article) {
            Some(b) => series[index].counts[b] += 1,
            None => series[index].undated += 1,
        }
    }
    for (name, hits) in topics {
        let mut counts = vec![0u64; starts.len()];
        let mut undated = 0;
        let mut count_article = |article: u32| {
            if is_selected.get(article as usize).copied().unwrap_or(false) {
                match bucket_of(article) {
                    Some(b) => counts[b] += 1,
                    None => undated += 1,
                }
            }
        };
        match request.unit {
            Unit::Statements => {
                for &statement in &hits.statements {
                    if let Some(s) =
                        corpus.statements.get(statement as usize).filter(|_| is_counted(statement as usize))
                    {
                        count_article(s.article);
                    }
                }
            }
            Unit::Articles => hits.articles.iter().for_each(|&a| count_article(a)),
        }
        series.push(Series { name, is_topic: true, counts, undated });
    }
    if request.series.contains(&SeriesSpec::UnnamedSources) {
        let (mut counts, mut undated, mut last_article) = (vec![0u64; starts.len()], 0, u32::MAX);
        for (index, statement) in corpus.statements.iter().enumerate() {
            let is_counted = statement.speaker.is_some()
                && !statement.named
                && is_counted(index)
                && is_selected.get(statement.article as usize).copied().unwrap_or(false)
                && (request.unit == Unit::Statements || last_article != statement.article);
            if is_counted {
                last_article = statement.article;
                match bucket_of(statement.article) {
                    Some(b) => counts[b] += 1,
                    None => undated += 1,
                }
            }
        }
        // Counted like a topic: it overlaps the speakers, so it is never stacked on them.
        series.push(Series { name: UNNAMED_SOURCES.to_owned(), is_topic: true, counts, undated });
    }
    Chart { request: request.clone(), bucket, starts, total_articles, total_statements, series, undated_articles }
}

/// The canonical name of a statement's speaker.
fn canonical_speaker<'a>(names: &'a SpeakerNames, statement: &'a CorpusStatement) -> Option<&'a str> {
    statement.speaker.as_deref().map(|name| names.canonical(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn bars_stack_only_series_that_split_the_statements() {
        let series = |name: &str, is_topic: bool| Series { name: name.into(), is_topic, counts: vec![1], undated: 0 };
        let mut chart = Chart {
            request: ChartRequest { style: Style::Bars, ..ChartRequest::default() },
            bucket: Bucket::Month,
            starts: vec![date("2021-01-01")],
            total_articles: vec![1],
            total_statements: vec![2],
            series: vec![series("A", false), series("B", false)],
            undated_articles: 0,
        };
        assert!(chart.stacks(), "speakers split the statements");
        chart.series.push(series("Water", true));
        assert!(!chart.stacks(), "a topic overlaps the speakers");
        chart.series.pop();
        chart.request.unit = Unit::Articles;
        assert!(!chart.stacks(), "an article has several speakers");
        chart.request = ChartRequest { style: Style::Line, ..ChartRequest::default() };
        assert!(!chart.stacks());
        // Side by side, the bars fill 0.8 of the bucket without overlapping.
        let bars: Vec<(f64, f64)> = (0..3).map(|i| Chart::side_by_side(i, 3)).collect();
        assert!((bars[0].0 - bars[0].1 / 2.0 + 0.4).abs() < 1e-9 && (bars[2].0 + bars[2].1 / 2.0 - 0.4).abs() < 1e-9);
        assert!(bars.windows(2).all(|w| (w[1].0 - w[0].0 - w[0].1).abs() < 1e-9));
    }

    #[test]
    fn buckets_are_calendar_aligned() {
        let day = date("2021-05-13");
        assert_eq!(Bucket::Week.start(day), date("2021-05-10"));
        assert_eq!(Bucket::Month.start(day), date("2021-05-01"));
        assert_eq!(Bucket::Quarter.start(day), date("2021-04-01"));
        assert_eq!(Bucket::Year.start(day), date("2021-01-01"));
        assert_eq!(Bucket::Quarter.next(date("2021-10-01")), date("2022-01-01"));
        assert_eq!(Bucket::Quarter.label(date("2021-04-01")), "2021 Q2");
        assert_eq!(Bucket::Month.label(date("2021-04-01")), "2021-04");
    }

    #[test]
    fn automatic_buckets_follow_the_span() {
        assert_eq!(Bucket::automatic(date("2021-01-01"), date("2021-01-20")), Bucket::Day);
        assert_eq!(Bucket::automatic(date("2021-01-01"), date("2021-09-20")), Bucket::Week);
        assert_eq!(Bucket::automatic(date("2019-01-01"), date("2024-09-20")), Bucket::Month);
        assert_eq!(Bucket::automatic(date("1990-01-01"), date("2024-09-20")), Bucket::Quarter);
    }

    #[test]
    fn axis_ticks_fall_on_calendar_boundaries() {
        let mut starts = vec![date("2019-11-01")];
        while starts.len() < 60 {
            starts.push(Bucket::Month.next(*starts.last().unwrap()));
        }
        let ticks = axis_ticks(Bucket::Month, &starts, 8);
        assert_eq!(ticks.iter().map(|(_, l)| l.as_str()).collect::<Vec<_>>(), ["2020", "2021", "2022", "2023", "2024"]);
        assert_eq!(ticks[0].0, 2);
        let ticks = axis_ticks(Bucket::Month, &starts, 30);
        assert_eq!(ticks[0], (2, "2020 Q1".to_owned()));
        assert_eq!(axis_ticks(Bucket::Month, &starts, 3).len(), 3);
    }

    #[test]
    fn speaker_topic_table_counts_statements_in_the_selection() {
        use crate::corpus::CorpusStatement;
        use crate::statements::StatementKind;
        let statement = |article: u32, speaker: &str| CorpusStatement {
            article,
            speaker: Some(speaker.into()),
            speaker_type: None,
            named: true,
            kind: StatementKind::Direct,
            act: crate::statements::Act::Speech,
            text: [0, 0],
            mention: crate::corpus::ByteSpan::NONE,
            cue: crate::corpus::ByteSpan::NONE,
            role: crate::corpus::ByteSpan::NONE,
            words_key: 0,
        };
        let mut corpus = Corpus::default();
        corpus.articles = vec![Default::default(), Default::default()];
        corpus.statements = vec![statement(0, "Ann Lee"), statement(0, "Bo Ray"), statement(1, "Ann Lee")];
        let names = SpeakerNames::default();
        let speakers = vec!["Ann Lee".to_owned(), "Bo Ray".to_owned()];
        let water: &[u32] = &[0, 1, 2];
        let dams: &[u32] = &[2];
        let table = speaker_topic_table(&corpus, &names, &[0, 1], &speakers, &[water, dams]);
        assert_eq!(table, vec![vec![2, 1], vec![1, 0]]);
        let only_first = speaker_topic_table(&corpus, &names, &[0], &speakers, &[water, dams]);
        assert_eq!(only_first, vec![vec![1, 0], vec![1, 0]]);
    }

    #[test]
    fn series_specs_parse() {
        assert_eq!(SeriesSpec::parse("speakers:top5"), Ok(SeriesSpec::TopSpeakers(5)));
        assert_eq!(SeriesSpec::parse("speakers:top"), Ok(SeriesSpec::TopSpeakers(5)));
        assert_eq!(SeriesSpec::parse("speaker:Hassan Rouhani"), Ok(SeriesSpec::Speaker("Hassan Rouhani".into())));
        assert!(SeriesSpec::parse("speakers:top0").is_err());
        assert!(SeriesSpec::parse("Rouhani").is_err());
        assert_eq!(SeriesSpec::parse("topic:US troops"), Ok(SeriesSpec::Topic("US troops".into())));
    }
}

/// Statements per speaker (rows) and topic (columns) over the given articles: `table[speaker][topic]`.
/// `speakers` are canonical names; each topic comes with the statements it matches (sorted).
pub fn speaker_topic_table(
    corpus: &Corpus,
    names: &SpeakerNames,
    articles: &[u32],
    speakers: &[String],
    topics: &[&[u32]],
) -> Vec<Vec<u64>> {
    let mut is_selected = vec![false; corpus.articles.len()];
    for &article in articles {
        if let Some(slot) = is_selected.get_mut(article as usize) {
            *slot = true;
        }
    }
    let row_of: HashMap<&str, usize> = speakers.iter().enumerate().map(|(i, n)| (n.as_str(), i)).collect();
    let mut table = vec![vec![0u64; topics.len()]; speakers.len()];
    for (column, statements) in topics.iter().enumerate() {
        for &statement in statements.iter() {
            let Some(statement) = corpus.statements.get(statement as usize) else { continue };
            if !is_selected.get(statement.article as usize).copied().unwrap_or(false) {
                continue;
            }
            if let Some(&row) = canonical_speaker(names, statement).and_then(|s| row_of.get(s)) {
                table[row][column] += 1;
            }
        }
    }
    table
}
