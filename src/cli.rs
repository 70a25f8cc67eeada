//! The command line: `dossier articles PATH …`, and `dossier [PATH]` to open the app.

use crate::article::ArticleMeta;
use crate::corpus::{self, Corpus, CorpusSource};
use crate::speakers::{SpeakerEdits, SpeakerNames};
use crate::statements::{SpeakerType, StatementKind};
use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;
use std::io::Write;
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
    /// A folder (or file) of articles to open in the app.
    pub path: Option<PathBuf>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print one record per article: file, record, title, date, date_source, outlet, author, url, words.
    Articles(ArticlesArgs),
    /// Print one record per statement (quote or reported speech), in article order.
    Statements(StatementsArgs),
}

/// Arguments of `dossier statements`.
#[derive(Debug, clap::Args)]
pub struct StatementsArgs {
    /// Folder (searched recursively) or file of articles.
    pub path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Jsonl)]
    pub format: OutputFormat,
    /// Speaker merges and renames (JSON, as the app exports them) to apply.
    #[arg(long, value_name = "FILE")]
    pub speakers: Option<PathBuf>,
    /// Reader threads (default: one per core).
    #[arg(long)]
    pub threads: Option<usize>,
}

/// Arguments of `dossier articles`.
#[derive(Debug, clap::Args)]
pub struct ArticlesArgs {
    /// Folder (searched recursively) or file of articles.
    pub path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Jsonl)]
    pub format: OutputFormat,
    /// Reader threads (default: one per core).
    #[arg(long)]
    pub threads: Option<usize>,
}

/// Output formats of the listing commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// One JSON object per line.
    Jsonl,
    /// CSV with a header row.
    Csv,
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
    }
}

/// One line of `dossier statements`, fields in the order of the contract.
#[derive(Debug, Serialize)]
struct StatementLine<'a> {
    file: &'a str,
    record: u32,
    speaker: Option<&'a str>,
    speaker_type: Option<SpeakerType>,
    mention: Option<&'a str>,
    mention_span: Option<Span>,
    cue: Option<&'a str>,
    cue_span: Option<Span>,
    kind: StatementKind,
    text: &'a str,
    text_span: Span,
    date: Option<String>,
}

/// A character span: a JSON array, or in CSV (whose cells hold no lists) the same written as text.
#[derive(Debug, Serialize)]
#[serde(untagged)]
enum Span {
    List([usize; 2]),
    Text(String),
}

impl Span {
    fn new(span: [usize; 2], format: OutputFormat) -> Span {
        match format {
            OutputFormat::Jsonl => Span::List(span),
            OutputFormat::Csv => Span::Text(format!("[{}, {}]", span[0], span[1])),
        }
    }
}

fn statements(args: &StatementsArgs) -> ExitCode {
    let edits = match &args.speakers {
        Some(path) => match std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|t| serde_json::from_str::<SpeakerEdits>(&t).map_err(|e| e.to_string()))
        {
            Ok(edits) => edits,
            Err(error) => {
                eprintln!("dossier: cannot read speaker edits {}: {error}", path.display());
                return ExitCode::from(EXIT_USAGE);
            }
        },
        None => SpeakerEdits::default(),
    };
    let corpus = match open(&args.path, args.threads) {
        Ok(corpus) => corpus,
        Err(code) => return code,
    };
    let names = SpeakerNames::build(&corpus.found_speakers(), &edits);
    let lines = corpus.statements.iter().map(|statement| {
        let article = &corpus.articles[statement.article as usize];
        let record = &statement.record;
        StatementLine {
            file: &corpus.files[article.file_id as usize].relative_path,
            record: article.record,
            speaker: record.speaker.as_deref().map(|s| names.canonical(s)),
            speaker_type: record.speaker_type,
            mention: record.mention.as_deref(),
            mention_span: record.mention_span.map(|s| Span::new(s, args.format)),
            cue: record.cue.as_deref(),
            cue_span: record.cue_span.map(|s| Span::new(s, args.format)),
            kind: record.kind,
            text: &record.text,
            text_span: Span::new(record.text_span, args.format),
            date: article.date.map(|d| d.format("%Y-%m-%d").to_string()),
        }
    });
    if let Err(error) = write_records(lines, args.format) {
        if error.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("dossier: cannot write the output: {error}");
            return ExitCode::FAILURE;
        }
    }
    report_problems(&corpus)
}

/// One line of `dossier articles`.
#[derive(Debug, Serialize)]
struct ArticleRecord<'a> {
    file: &'a str,
    record: u32,
    title: &'a str,
    date: Option<String>,
    date_source: Option<&'static str>,
    outlet: Option<&'a str>,
    author: Option<&'a str>,
    url: Option<&'a str>,
    words: u32,
}

impl<'a> ArticleRecord<'a> {
    fn new(corpus: &'a Corpus, article: &'a ArticleMeta) -> Self {
        ArticleRecord {
            file: &corpus.files[article.file_id as usize].relative_path,
            record: article.record,
            title: &article.title,
            date: article.date.map(|d| d.format("%Y-%m-%d").to_string()),
            date_source: article.date_source.map(|s| s.as_str()),
            outlet: article.outlet.as_deref(),
            author: article.author.as_deref(),
            url: article.url.as_deref(),
            words: article.words,
        }
    }
}

fn articles(args: &ArticlesArgs) -> ExitCode {
    let corpus = match open(&args.path, args.threads) {
        Ok(corpus) => corpus,
        Err(code) => return code,
    };
    let records = corpus.articles.iter().map(|a| ArticleRecord::new(&corpus, a));
    if let Err(error) = write_records(records, args.format) {
        // A closed pipe (`dossier articles … | head`) is not an error.
        if error.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("dossier: cannot write the output: {error}");
            return ExitCode::FAILURE;
        }
    }
    report_problems(&corpus)
}

/// Loads a corpus for a command, or prints why it cannot be opened.
fn open(path: &std::path::Path, threads: Option<usize>) -> Result<Corpus, ExitCode> {
    if !path.exists() {
        eprintln!("dossier: {}: no such file or folder", path.display());
        return Err(ExitCode::from(EXIT_USAGE));
    }
    corpus::load(&CorpusSource::from_path(path), threads.unwrap_or_else(corpus::default_threads)).map_err(|message| {
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

fn write_records<T: Serialize>(records: impl Iterator<Item = T>, format: OutputFormat) -> std::io::Result<()> {
    let stdout = std::io::stdout().lock();
    let mut out = std::io::BufWriter::new(stdout);
    match format {
        OutputFormat::Jsonl => {
            for record in records {
                serde_json::to_writer(&mut out, &record)?;
                out.write_all(b"\n")?;
            }
        }
        OutputFormat::Csv => {
            let mut writer = csv::Writer::from_writer(&mut out);
            for record in records {
                writer.serialize(record).map_err(std::io::Error::other)?;
            }
            writer.flush()?;
        }
    }
    out.flush()
}
