//! The command line: `dossier articles PATH …`, and `dossier [PATH]` to open the app.

use crate::corpus::{self, Corpus, CorpusSource};
use crate::duplicates::{DEFAULT_COPY_THRESHOLD, Echoes, Stories};
use crate::export::{self, ListFormat};
use crate::loading;
use crate::search::{self, BuildProgress, Scope, SearchIndex, SpeakerLookup};
use crate::speakers::{SpeakerEdits, SpeakerNames};
use crate::timeline::{self, Bucket, ChartRequest, Measure, SeriesSpec, Style, TopicHits, Unit};
use crate::topics::Topics;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit code when the command ran but some files could not be read (their problems went to stderr).
pub const EXIT_PROBLEMS: u8 = 3;
/// Exit code for bad arguments or a path that cannot be opened.
pub const EXIT_USAGE: u8 = 2;

/// Dossier: explore a corpus of news articles — who said what, about what, and when.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// What to do; without a command, the app opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A folder (or file) of articles to open in the app, or an index on a cluster (http://HOST:9200/NAME).
    pub path: Option<PathBuf>,
    /// With an index on a cluster: browse it on the server a page at a time, whatever its size.
    #[arg(long)]
    pub browse: bool,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print one record per article: file, record, title, date, date_source, outlet, author, url, words.
    Articles(ArticlesArgs),
    /// Print one record per statement (quote or reported speech), in article order.
    Statements(StatementsArgs),
    /// Count speakers over time and write the chart as PNG or SVG, or its data as CSV.
    Chart(ChartArgs),
    /// Score the statements and dates found against a gold file of hand annotations (the seeds format).
    Score(ScoreArgs),
    /// Print one record per speaker (name, statements, named), or with --merges the automatic merges of names.
    Speakers(SpeakersArgs),
    /// Send a corpus to an OpenSearch index (only files changed since the last run; removed files deleted).
    Index(IndexArgs),
}

/// Arguments of `dossier index`.
#[derive(Debug, clap::Args)]
pub struct IndexArgs {
    /// Folder (searched recursively) or file of articles.
    pub path: PathBuf,
    /// The index to fill: http(s)://HOST:9200/NAME (NAME-statements and NAME-files are made beside it).
    #[arg(long, value_name = "URL")]
    pub to: String,
    /// This machine's share when n machines ingest one corpus at once: i/n (files by a hash of their path).
    #[arg(long, value_name = "I/N", value_parser = crate::remote::ingest::Part::parse)]
    pub part: Option<crate::remote::ingest::Part>,
    /// Reader and sender threads (default: one per core).
    #[arg(long)]
    pub threads: Option<usize>,
    /// No progress lines on stderr.
    #[arg(long)]
    pub quiet: bool,
}

/// Arguments of `dossier speakers`.
#[derive(Debug, clap::Args)]
pub struct SpeakersArgs {
    /// Folder (searched recursively) or file of articles.
    pub path: PathBuf,
    /// Print the automatic merges of speaker names across articles instead: from, to, reason, statements, articles.
    #[arg(long)]
    pub merges: bool,
    /// With --merges: a hand review ({"merges": [{"from", "to", "right"}]}) to score the merges against (on stderr).
    #[arg(long, value_name = "FILE", requires = "merges")]
    pub review: Option<PathBuf>,
    /// Speaker merges and renames (JSON, as the app exports them) to apply to the speaker list.
    #[arg(long, value_name = "FILE")]
    pub speakers: Option<PathBuf>,
    /// Reader threads (default: one per core).
    #[arg(long)]
    pub threads: Option<usize>,
}

/// Arguments of `dossier score`.
#[derive(Debug, clap::Args)]
pub struct ScoreArgs {
    /// Folder (searched recursively) or file of the annotated articles.
    pub path: PathBuf,
    /// The gold file: {"articles": [{"file", "record", "date", "statements": [{"speaker", "text", "core"}]}]}.
    pub gold: PathBuf,
    /// Share of a gold statement's characters a found statement must cover to match it.
    #[arg(long, default_value_t = 0.3)]
    pub overlap: f64,
    /// Also print every miss, false find, wrong speaker and wrong date.
    #[arg(long)]
    pub verbose: bool,
}

/// Arguments of `dossier chart`.
#[derive(Debug, clap::Args)]
pub struct ChartArgs {
    /// Folder (searched recursively) or file of articles.
    #[arg(required_unless_present = "from")]
    pub path: Option<PathBuf>,
    /// Read the corpus from an OpenSearch index made by `dossier index` instead (http://HOST:9200/NAME).
    #[arg(long, value_name = "URL", conflicts_with = "path")]
    pub from: Option<String>,
    /// Series to draw: `speakers:top5` (the most frequent named speakers), `speakers:unnamed` (all unnamed
    /// sources together), `speaker:NAME` or `topic:NAME`; repeatable.
    #[arg(long = "series", value_name = "SERIES", default_value = "speakers:top5", num_args = 1..)]
    pub series: Vec<String>,
    /// Time bucket: day, week, month, quarter or year (default: chosen from the date span).
    #[arg(long, value_enum)]
    pub bucket: Option<Bucket>,
    /// Counts, or the share of all statements (or articles) in each bucket, in percent.
    #[arg(long, value_enum, default_value_t = Measure::Count)]
    pub measure: Measure,
    /// What a speaker series counts: their statements, or the articles in which they speak.
    #[arg(long, value_enum, default_value_t = Unit::Statements)]
    pub count: Unit,
    /// Lines, or stacked bars.
    #[arg(long, value_enum, default_value_t = Style::Line)]
    pub style: Style,
    /// Where to write: a .png, .svg or .csv file (CSV gets a .csv.json sidecar saying how it was made).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Image size in pixels.
    #[arg(long, default_value = "1600x900", value_parser = export::parse_size)]
    pub size: (u32, u32),
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Speaker merges and renames (JSON, as the app exports them) to apply.
    #[arg(long, value_name = "FILE")]
    pub speakers: Option<PathBuf>,
    /// Reader threads (default: one per core).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Query and topics.
    #[command(flatten)]
    pub search: SearchArgs,
    /// Copies of stories and statements.
    #[command(flatten)]
    pub copies: CopiesArgs,
    /// Count each statement once (the same words by the same speaker, in however many articles): only
    /// its earliest occurrence is counted.
    #[arg(long)]
    pub unique_statements: bool,
}

/// Options about copies of a story, shared by the listing and chart commands.
#[derive(Debug, Clone, clap::Args)]
pub struct CopiesArgs {
    /// Count each story once: keep only its first copy (the earliest date, then path order).
    #[arg(long)]
    pub unique: bool,
    /// How alike two articles' bodies must be to be copies of one story, from 0 to 1 (the estimated Jaccard
    /// similarity of their word 4-shingles; their sizes must be as close).
    #[arg(long, value_name = "SIMILARITY", default_value_t = DEFAULT_COPY_THRESHOLD)]
    pub copy_threshold: f64,
}

impl CopiesArgs {
    /// The threshold, or a usage error when it lies outside (0, 1].
    fn threshold(&self) -> Result<f64, ExitCode> {
        if self.copy_threshold > 0.0 && self.copy_threshold <= 1.0 {
            return Ok(self.copy_threshold);
        }
        eprintln!("dossier: --copy-threshold must be above 0 and at most 1");
        Err(ExitCode::from(EXIT_USAGE))
    }
}

/// Arguments of `dossier statements`.
#[derive(Debug, clap::Args)]
pub struct StatementsArgs {
    /// Folder (searched recursively) or file of articles.
    #[arg(required_unless_present = "from")]
    pub path: Option<PathBuf>,
    /// Read the corpus from an OpenSearch index made by `dossier index` instead (http://HOST:9200/NAME).
    #[arg(long, value_name = "URL", conflicts_with = "path")]
    pub from: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Jsonl)]
    pub format: ListFormat,
    /// Speaker merges and renames (JSON, as the app exports them) to apply.
    #[arg(long, value_name = "FILE")]
    pub speakers: Option<PathBuf>,
    /// Reader threads (default: one per core).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Query and topics.
    #[command(flatten)]
    pub search: SearchArgs,
    /// Copies of stories.
    #[command(flatten)]
    pub copies: CopiesArgs,
    /// Keep each statement once (the same words by the same speaker, in however many articles): its
    /// earliest occurrence.
    #[arg(long)]
    pub unique_statements: bool,
}

/// Search options of the listing and chart commands.
#[derive(Debug, Clone, clap::Args)]
pub struct SearchArgs {
    /// Only what matches this query, in the app's search syntax (`troops AND date:2021`).
    #[arg(long, value_name = "QUERY")]
    pub query: Option<String>,
    /// Topics (JSON: {"topics": [{"name": …, "query": …}]}) for `topic:NAME` in queries and chart series.
    #[arg(long, value_name = "FILE")]
    pub topics: Option<PathBuf>,
}

/// Arguments of `dossier articles`.
#[derive(Debug, clap::Args)]
pub struct ArticlesArgs {
    /// Folder (searched recursively) or file of articles.
    #[arg(required_unless_present = "from")]
    pub path: Option<PathBuf>,
    /// Read the corpus from an OpenSearch index made by `dossier index` instead (http://HOST:9200/NAME).
    #[arg(long, value_name = "URL", conflicts_with = "path")]
    pub from: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Jsonl)]
    pub format: ListFormat,
    /// Reader threads (default: one per core).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Query and topics.
    #[command(flatten)]
    pub search: SearchArgs,
    /// Copies of stories.
    #[command(flatten)]
    pub copies: CopiesArgs,
}

/// Parses the arguments; help and version are printed here, errors become one line on stderr.
pub fn parse() -> Result<Cli, ExitCode> {
    Cli::try_parse().map_err(|error| {
        use clap::error::ErrorKind;
        if matches!(
            error.kind(),
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        ) {
            let _ = error.print();
            return ExitCode::SUCCESS;
        }
        let rendered = error.render().to_string();
        let first_line = rendered.lines().find(|l| !l.trim().is_empty()).unwrap_or("invalid arguments");
        eprintln!("dossier: {} (see `dossier --help`)", first_line.trim_start_matches("error: "));
        ExitCode::from(EXIT_USAGE)
    })
}

/// Runs a command and returns the process exit code.
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Articles(args) => articles(&args),
        Command::Statements(args) => statements(&args),
        Command::Chart(args) => chart(&args),
        Command::Score(args) => score(&args),
        Command::Speakers(args) => speakers(&args),
        Command::Index(args) => index(&args),
    }
}

/// One line of `dossier speakers`.
#[derive(Debug, serde::Serialize)]
struct SpeakerLine<'a> {
    speaker: &'a str,
    statements: usize,
    named: bool,
}

fn speakers(args: &SpeakersArgs) -> ExitCode {
    if args.merges {
        let merges = match crate::evaluate::speaker_merges(&args.path) {
            Ok(merges) => merges,
            Err(error) => {
                eprintln!("dossier: {error}");
                return ExitCode::from(EXIT_USAGE);
            }
        };
        let written = print(|mut out| {
            use std::io::Write;
            merges.iter().try_for_each(|merge| {
                serde_json::to_writer(&mut out, merge)?;
                out.write_all(b"\n")
            })
        });
        if let Err(code) = written {
            return code;
        }
        if let Some(review) = &args.review {
            match crate::evaluate::score_merges(&merges, review) {
                Ok(score) => {
                    for label in score
                        .wrong
                        .iter()
                        .map(|l| ("wrong", l))
                        .chain(score.unreviewed.iter().map(|l| ("unreviewed", l)))
                    {
                        eprintln!("dossier: {}: {}", label.0, label.1);
                    }
                    eprintln!("dossier: {}", score.summary());
                }
                Err(error) => {
                    eprintln!("dossier: {error}");
                    return ExitCode::from(EXIT_USAGE);
                }
            }
        }
        return ExitCode::SUCCESS;
    }
    let edits = match read_edits(args.speakers.as_deref()) {
        Ok(edits) => edits,
        Err(code) => return code,
    };
    let corpus = match open(&args.path, args.threads) {
        Ok(corpus) => corpus,
        Err(code) => return code,
    };
    let found = corpus.found_speakers();
    let names = corpus.speaker_names(&edits);
    let named = corpus.named_speakers();
    // A canonical speaker is named when any of its names as found is.
    let named_canonical: std::collections::BTreeSet<&str> = named.iter().map(|name| names.canonical(name)).collect();
    let ranked = names.ranked_counts(found.iter().map(|(name, count)| (name.as_str(), *count)));
    let lines = ranked.iter().map(|(speaker, statements)| SpeakerLine {
        speaker,
        statements: *statements,
        named: named_canonical.contains(speaker.as_str()),
    });
    let written = print(|mut out| {
        use std::io::Write;
        lines.into_iter().try_for_each(|line| {
            serde_json::to_writer(&mut out, &line)?;
            out.write_all(b"\n")
        })
    });
    if let Err(code) = written {
        return code;
    }
    report_problems(&corpus)
}

fn score(args: &ScoreArgs) -> ExitCode {
    if !(0.0..=1.0).contains(&args.overlap) {
        eprintln!("dossier: --overlap must lie between 0 and 1");
        return ExitCode::from(EXIT_USAGE);
    }
    match crate::evaluate::score(&args.path, &args.gold, args.overlap) {
        Ok((score, notes)) => {
            if args.verbose {
                for note in &notes {
                    println!("  {note}");
                }
            }
            println!("overlap {}: {}", args.overlap, score.summary());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("dossier: {error}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// Reads the speaker edits given with `--speakers`, or says why it cannot.
fn read_edits(path: Option<&std::path::Path>) -> Result<SpeakerEdits, ExitCode> {
    let Some(path) = path else { return Ok(SpeakerEdits::default()) };
    std::fs::read_to_string(path)
        .map_err(|e| e.to_string())
        .and_then(|t| serde_json::from_str::<SpeakerEdits>(&t).map_err(|e| e.to_string()))
        .map_err(|error| {
            eprintln!("dossier: cannot read speaker edits {}: {error}", path.display());
            ExitCode::from(EXIT_USAGE)
        })
}

fn statements(args: &StatementsArgs) -> ExitCode {
    if let Some(url) = &args.from {
        return remote_statements(args, url);
    }
    let Some(path) = args.path.as_deref() else { return ExitCode::from(EXIT_USAGE) };
    let edits = match read_edits(args.speakers.as_deref()) {
        Ok(edits) => edits,
        Err(code) => return code,
    };
    let corpus = match open(path, args.threads) {
        Ok(corpus) => corpus,
        Err(code) => return code,
    };
    let names = corpus.speaker_names(&edits);
    let threshold = match args.copies.threshold() {
        Ok(threshold) => threshold,
        Err(code) => return code,
    };
    let mut selected = match Searcher::new(path, &corpus, &names, &args.search, false) {
        Ok(searcher) => match searcher.selection(Scope::Statements, corpus.statements.len()) {
            Ok(selected) => selected,
            Err(code) => return code,
        },
        Err(code) => return code,
    };
    let echoes = Echoes::find(&corpus, &names);
    if args.copies.unique {
        let stories = Stories::find(&corpus, threshold);
        let mut articles: Vec<u32> = selected.iter().map(|&s| corpus.statements[s as usize].article).collect();
        articles.dedup();
        let kept = stories.once_each(&corpus, &articles);
        selected.retain(|&s| kept.binary_search(&corpus.statements[s as usize].article).is_ok());
    }
    if args.unique_statements {
        selected = echoes.once_each(&corpus, &selected);
    }
    if let Err(code) =
        print(|out| export::write_statements(out, &corpus, &names, &echoes, selected.into_iter(), args.format))
    {
        return code;
    }
    report_problems(&corpus)
}

fn articles(args: &ArticlesArgs) -> ExitCode {
    if let Some(url) = &args.from {
        return remote_articles(args, url);
    }
    let Some(path) = args.path.as_deref() else { return ExitCode::from(EXIT_USAGE) };
    let corpus = match open(path, args.threads) {
        Ok(corpus) => corpus,
        Err(code) => return code,
    };
    let names = corpus.speaker_names(&SpeakerEdits::default());
    let threshold = match args.copies.threshold() {
        Ok(threshold) => threshold,
        Err(code) => return code,
    };
    let mut selected = match Searcher::new(path, &corpus, &names, &args.search, false) {
        Ok(searcher) => match searcher.selection(Scope::Articles, corpus.articles.len()) {
            Ok(selected) => selected,
            Err(code) => return code,
        },
        Err(code) => return code,
    };
    let stories = Stories::find(&corpus, threshold);
    if args.copies.unique {
        selected = stories.once_each(&corpus, &selected);
    }
    if let Err(code) = print(|out| export::write_articles(out, &corpus, &stories, selected.into_iter(), args.format)) {
        return code;
    }
    report_problems(&corpus)
}

fn chart(args: &ChartArgs) -> ExitCode {
    let series: Result<Vec<SeriesSpec>, String> = args.series.iter().map(|s| SeriesSpec::parse(s)).collect();
    let series = match series {
        Ok(series) => series,
        Err(error) => {
            eprintln!("dossier: {error}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    if export::ChartFormat::from_path(&args.out).is_none() {
        eprintln!("dossier: {}: the file name should end in .png, .svg or .csv", args.out.display());
        return ExitCode::from(EXIT_USAGE);
    }
    if args.out.exists() && !args.force {
        eprintln!("dossier: {} exists; add --force to replace it", args.out.display());
        return ExitCode::from(EXIT_USAGE);
    }
    let edits = match read_edits(args.speakers.as_deref()) {
        Ok(edits) => edits,
        Err(code) => return code,
    };
    if let Some(url) = &args.from {
        return remote_chart(args, url, series, &edits);
    }
    let Some(path) = args.path.as_deref() else { return ExitCode::from(EXIT_USAGE) };
    let corpus = match open(path, args.threads) {
        Ok(corpus) => corpus,
        Err(code) => return code,
    };
    let names = corpus.speaker_names(&edits);
    let request =
        ChartRequest { series, bucket: args.bucket, unit: args.count, measure: args.measure, style: args.style };
    let has_topics = request.series.iter().any(|s| matches!(s, SeriesSpec::Topic(_)));
    let searcher = match Searcher::new(path, &corpus, &names, &args.search, has_topics) {
        Ok(searcher) => searcher,
        Err(code) => return code,
    };
    let mut selected = match searcher.selection(Scope::Articles, corpus.articles.len()) {
        Ok(selected) => selected,
        Err(code) => return code,
    };
    let threshold = match args.copies.threshold() {
        Ok(threshold) => threshold,
        Err(code) => return code,
    };
    if args.copies.unique {
        selected = Stories::find(&corpus, threshold).once_each(&corpus, &selected);
    }
    // Each statement once: of the selected articles' statements, the earliest of each echo group.
    let counted = args.unique_statements.then(|| Echoes::find(&corpus, &names).counted_once(&corpus, &selected));
    for spec in &request.series {
        if let SeriesSpec::Topic(name) = spec
            && searcher.topics.query_of(name).is_none()
        {
            eprintln!("dossier: there is no topic `{name}` (give the topics with --topics FILE)");
            return ExitCode::from(EXIT_USAGE);
        }
    }
    let topic_hits = |name: &str| searcher.topic_hits(name);
    let chart = timeline::compute_counting(&corpus, &names, &selected, &request, &topic_hits, counted.as_deref());
    let context = export::ChartContext {
        corpus: path.display().to_string(),
        filter: args.search.query.clone(),
        ..Default::default()
    };
    match export::write_chart(&chart, &args.out, args.size, &context) {
        Ok(written) => {
            for path in written {
                eprintln!("dossier: wrote {}", path.display());
            }
            if chart.undated_articles > 0 {
                eprintln!("dossier: {} undated articles are not in any bucket", chart.undated_articles);
            }
        }
        Err(error) => {
            eprintln!("dossier: {error}");
            return ExitCode::FAILURE;
        }
    }
    report_problems(&corpus)
}

/// The search index and topics a command needs, if any.
struct Searcher {
    index: Option<SearchIndex>,
    topics: Topics,
    lookup: SpeakerLookup,
    query: Option<String>,
}

impl Searcher {
    /// Reads the topics and, when a query or topics are used, opens (or builds) the corpus' search index
    /// in the cache directory.
    fn new(
        path: &std::path::Path,
        corpus: &Corpus,
        names: &SpeakerNames,
        args: &SearchArgs,
        needs_index: bool,
    ) -> Result<Searcher, ExitCode> {
        let topics = read_topics(args)?;
        let index = if args.query.is_some() || needs_index {
            let source = CorpusSource::from_path(path);
            let built = match crate::store::corpus_cache_dir(&source) {
                Some(folder) => SearchIndex::open_or_build(corpus, &folder.join("search"), &BuildProgress::default()),
                None => SearchIndex::build_in_memory(corpus),
            };
            Some(built.map_err(|error| {
                eprintln!("dossier: cannot build the search index: {error}");
                ExitCode::FAILURE
            })?)
        } else {
            None
        };
        let lookup = SpeakerLookup::new(&corpus.found_speakers(), names);
        Ok(Searcher { index, topics, lookup, query: args.query.clone() })
    }

    /// What the query selects (everything without a query), as sorted indices.
    fn selection(&self, scope: Scope, total: usize) -> Result<Vec<u32>, ExitCode> {
        let (Some(index), Some(query)) = (&self.index, &self.query) else {
            return Ok((0..total as u32).collect());
        };
        search::run(index, query, scope, &self.topics, &self.lookup).map_err(|error| {
            eprintln!("dossier: query: {error}");
            ExitCode::from(EXIT_USAGE)
        })
    }

    fn topic_hits(&self, name: &str) -> Option<TopicHits> {
        search::topic_hits(self.index.as_ref()?, name, &self.topics, &self.lookup).ok()
    }
}

/// The topics file of `--topics`, or no topics; a file that cannot be read is a usage error.
fn read_topics(args: &SearchArgs) -> Result<Topics, ExitCode> {
    let Some(file) = &args.topics else { return Ok(Topics::default()) };
    std::fs::read_to_string(file).map_err(|e| e.to_string()).and_then(|text| Topics::from_json(&text)).map_err(
        |error| {
            eprintln!("dossier: cannot read topics {}: {error}", file.display());
            ExitCode::from(EXIT_USAGE)
        },
    )
}

/// Loads a corpus for a command, or prints why it cannot be opened.
fn open(path: &std::path::Path, threads: Option<usize>) -> Result<Corpus, ExitCode> {
    if !path.exists() {
        eprintln!("dossier: {}: no such file or folder", path.display());
        return Err(ExitCode::from(EXIT_USAGE));
    }
    let source = CorpusSource::from_path(path);
    let cache_file = crate::store::extraction_cache_file(&source);
    let threads = threads.unwrap_or_else(corpus::default_threads);
    loading::load_cached(&source, threads, cache_file.as_deref()).map_err(|message| {
        eprintln!("dossier: {message}");
        ExitCode::from(EXIT_USAGE)
    })
}

/// Prints each problem on one line of stderr; returns the exit code that says whether there were any.
fn report_problems(corpus: &Corpus) -> ExitCode {
    for problem in &corpus.problems {
        eprintln!("dossier: {}: {}", problem.path, problem.message);
    }
    if corpus.problems.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(EXIT_PROBLEMS) }
}

/// Writes a listing to stdout; a closed pipe (`dossier articles … | head`) is not an error.
fn print(write: impl FnOnce(std::io::StdoutLock<'static>) -> std::io::Result<()>) -> Result<(), ExitCode> {
    match write(std::io::stdout().lock()) {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("dossier: cannot write the output: {error}");
            Err(ExitCode::FAILURE)
        }
        _ => Ok(()),
    }
}

/// Says why a remote command failed; settings the user gave wrongly are a usage error.
fn remote_failure(error: &crate::remote::RemoteError) -> ExitCode {
    eprintln!("dossier: {error}");
    match error.kind {
        crate::remote::ErrorKind::Settings => ExitCode::from(EXIT_USAGE),
        _ => ExitCode::FAILURE,
    }
}

fn index(args: &IndexArgs) -> ExitCode {
    if !args.path.exists() {
        eprintln!("dossier: {}: no such file or folder", args.path.display());
        return ExitCode::from(EXIT_USAGE);
    }
    let target = match crate::remote::Target::parse(&args.to) {
        Ok(target) => target,
        Err(error) => return remote_failure(&error),
    };
    let options = crate::remote::ingest::IngestOptions {
        threads: args.threads.unwrap_or_else(corpus::default_threads),
        part: args.part,
        progress: !args.quiet,
    };
    let report = match crate::remote::ingest::ingest(&args.path, &target, &options) {
        Ok(report) => report,
        Err(error) => return remote_failure(&error),
    };
    let seconds = report.total_time.as_secs_f64().max(1e-3);
    eprintln!(
        "dossier: indexed {} into {}: {} files sent ({} articles, {} statements, {:.1} MB), {} unchanged, {} removed, in {:.1} s (reading {:.1} s): {:.0} articles/s, {:.2} MB/s",
        args.path.display(),
        args.to,
        report.files_sent,
        report.articles_sent,
        report.statements_sent,
        report.bytes_sent as f64 / 1e6,
        report.files_unchanged,
        report.files_removed,
        seconds,
        report.load_time.as_secs_f64(),
        report.articles_sent as f64 / seconds,
        report.bytes_sent as f64 / 1e6 / seconds,
    );
    if report.retried > 0 {
        // A busy cluster is otherwise only a slow run: said, so the cluster or --threads can be changed.
        eprintln!("dossier: retried {} requests after 429/5xx answers from the cluster", report.retried);
    }
    for problem in &report.problems {
        eprintln!("dossier: {}: {}", problem.path, problem.message);
    }
    if report.problems.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(EXIT_PROBLEMS) }
}

/// A corpus read back from OpenSearch, with what the query needs.
struct RemoteSearch {
    remote: crate::remote::RemoteCorpus,
    topics: Topics,
    lookup: SpeakerLookup,
    query: Option<String>,
}

impl RemoteSearch {
    fn open(url: &str, args: &SearchArgs, edits: &SpeakerEdits) -> Result<(RemoteSearch, SpeakerNames), ExitCode> {
        let topics = read_topics(args)?;
        let target = crate::remote::Target::parse(url).map_err(|e| remote_failure(&e))?;
        let remote = crate::remote::RemoteCorpus::open(&target).map_err(|e| remote_failure(&e))?;
        let names = remote.speaker_names(edits);
        let lookup = SpeakerLookup::new(&remote.corpus.found_speakers(), &names);
        Ok((RemoteSearch { remote, topics, lookup, query: args.query.clone() }, names))
    }

    fn run(&self, text: &str, scope: Scope) -> Result<Vec<u32>, ExitCode> {
        let node = search::query::parse(text, &|name| self.topics.query_of(name)).map_err(|error| {
            eprintln!("dossier: query: {error}");
            ExitCode::from(EXIT_USAGE)
        })?;
        crate::remote::query::search(&self.remote, &node, scope, &self.lookup).map_err(|e| remote_failure(&e))
    }

    /// What the query selects (everything without one).
    fn selection(&self, scope: Scope) -> Result<Vec<u32>, ExitCode> {
        match &self.query {
            Some(query) => self.run(query, scope),
            None => {
                let total = match scope {
                    Scope::Articles => self.remote.corpus.articles.len(),
                    Scope::Statements => self.remote.corpus.statements.len(),
                };
                Ok((0..total as u32).collect())
            }
        }
    }
}

fn remote_articles(args: &ArticlesArgs, url: &str) -> ExitCode {
    let threshold = match args.copies.threshold() {
        Ok(threshold) => threshold,
        Err(code) => return code,
    };
    let (search, _) = match RemoteSearch::open(url, &args.search, &SpeakerEdits::default()) {
        Ok(opened) => opened,
        Err(code) => return code,
    };
    let mut selected = match search.selection(Scope::Articles) {
        Ok(selected) => selected,
        Err(code) => return code,
    };
    let corpus = &search.remote.corpus;
    let stories = Stories::find(corpus, threshold);
    if args.copies.unique {
        selected = stories.once_each(corpus, &selected);
    }
    match print(|out| export::write_articles(out, corpus, &stories, selected.into_iter(), args.format)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

fn remote_statements(args: &StatementsArgs, url: &str) -> ExitCode {
    let edits = match read_edits(args.speakers.as_deref()) {
        Ok(edits) => edits,
        Err(code) => return code,
    };
    let threshold = match args.copies.threshold() {
        Ok(threshold) => threshold,
        Err(code) => return code,
    };
    let (search, names) = match RemoteSearch::open(url, &args.search, &edits) {
        Ok(opened) => opened,
        Err(code) => return code,
    };
    let mut selected = match search.selection(Scope::Statements) {
        Ok(selected) => selected,
        Err(code) => return code,
    };
    let corpus = &search.remote.corpus;
    let echoes = Echoes::find(corpus, &names);
    if args.copies.unique {
        let stories = Stories::find(corpus, threshold);
        let mut articles: Vec<u32> = selected.iter().map(|&s| corpus.statements[s as usize].article).collect();
        articles.dedup();
        let kept = stories.once_each(corpus, &articles);
        selected.retain(|&s| kept.binary_search(&corpus.statements[s as usize].article).is_ok());
    }
    if args.unique_statements {
        selected = echoes.once_each(corpus, &selected);
    }
    let fetch = |page: &[u32]| search.remote.statement_records(page).map_err(|e| e.to_string());
    match print(|out| export::write_statements_fetched(out, corpus, &names, &echoes, &selected, args.format, fetch)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

fn remote_chart(args: &ChartArgs, url: &str, series: Vec<SeriesSpec>, edits: &SpeakerEdits) -> ExitCode {
    let (search, names) = match RemoteSearch::open(url, &args.search, edits) {
        Ok(opened) => opened,
        Err(code) => return code,
    };
    let corpus = &search.remote.corpus;
    let request =
        ChartRequest { series, bucket: args.bucket, unit: args.count, measure: args.measure, style: args.style };
    let mut selected = match search.selection(Scope::Articles) {
        Ok(selected) => selected,
        Err(code) => return code,
    };
    let threshold = match args.copies.threshold() {
        Ok(threshold) => threshold,
        Err(code) => return code,
    };
    if args.copies.unique {
        selected = Stories::find(corpus, threshold).once_each(corpus, &selected);
    }
    let counted = args.unique_statements.then(|| {
        let echoes = Echoes::find(corpus, &names);
        let mut is_selected = vec![false; corpus.articles.len()];
        selected.iter().for_each(|&a| is_selected[a as usize] = true);
        let statements: Vec<u32> = (0..corpus.statements.len() as u32)
            .filter(|&s| is_selected[corpus.statements[s as usize].article as usize])
            .collect();
        let mut counted = vec![false; corpus.statements.len()];
        echoes.once_each(corpus, &statements).into_iter().for_each(|s| counted[s as usize] = true);
        counted
    });
    // Topic series: each topic's articles and statements, asked of the cluster before the chart is counted.
    let mut topics = std::collections::HashMap::new();
    for spec in &request.series {
        if let SeriesSpec::Topic(name) = spec {
            if search.topics.query_of(name).is_none() {
                eprintln!("dossier: there is no topic `{name}` (give the topics with --topics FILE)");
                return ExitCode::from(EXIT_USAGE);
            }
            let query = format!("topic:\"{}\"", name.replace('"', ""));
            let hits = search
                .run(&query, Scope::Articles)
                .and_then(|articles| Ok(TopicHits { articles, statements: search.run(&query, Scope::Statements)? }));
            match hits {
                Ok(hits) => topics.insert(name.clone(), hits),
                Err(code) => return code,
            };
        }
    }
    let topic_hits = |name: &str| topics.get(name).cloned();
    let chart = timeline::compute_counting(corpus, &names, &selected, &request, &topic_hits, counted.as_deref());
    let context =
        export::ChartContext { corpus: url.to_owned(), filter: args.search.query.clone(), ..Default::default() };
    match export::write_chart(&chart, &args.out, args.size, &context) {
        Ok(written) => {
            for path in written {
                eprintln!("dossier: wrote {}", path.display());
            }
            if chart.undated_articles > 0 {
                eprintln!("dossier: {} undated articles are not in any bucket", chart.undated_articles);
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("dossier: {error}");
            ExitCode::FAILURE
        }
    }
}
