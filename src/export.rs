//! Exports: the chart as PNG or SVG (drawn from its data, not grabbed from the screen), the chart's
//! data as CSV with a JSON sidecar, and statement and article lists as CSV or JSONL.

use crate::article::ArticleMeta;
use crate::corpus::Corpus;
use crate::duplicates::{Echoes, Stories};
use crate::speakers::SpeakerNames;
use crate::statements::{Act, SpeakerType, StatementKind};
use crate::timeline::{self, Chart, Style};
use plotters::prelude::*;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The default size of an exported chart image, in pixels.
pub const DEFAULT_SIZE: (u32, u32) = (1600, 900);

/// The largest exported chart image side, in pixels (a bigger one would take gigabytes).
pub const MAX_SIDE: u32 = 16_000;

/// A file format the chart can be exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartFormat {
    /// A PNG image.
    Png,
    /// An SVG drawing.
    Svg,
    /// The chart's data, one row per bucket, with a JSON sidecar saying how it was made.
    Csv,
}

impl ChartFormat {
    /// The format a file name asks for, from its extension.
    pub fn from_path(path: &Path) -> Option<ChartFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "png" => Some(ChartFormat::Png),
            "svg" => Some(ChartFormat::Svg),
            "csv" => Some(ChartFormat::Csv),
            _ => None,
        }
    }
}

/// Reads a size written `1600x900`.
pub fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let (width, height) =
        text.split_once(['x', 'X']).ok_or_else(|| format!("size `{text}` should look like 1600x900"))?;
    let side = |s: &str| s.trim().parse::<u32>().ok().filter(|n| (100..=MAX_SIDE).contains(n));
    side(width)
        .zip(side(height))
        .ok_or_else(|| format!("size `{text}`: each side must be from 100 to {MAX_SIDE} pixels"))
}

/// What the export of a chart records beside its data so the figure can be made again.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ChartContext {
    /// The corpus the chart counts.
    pub corpus: String,
    /// The article filter in force, if any.
    pub filter: Option<String>,
    /// The period the chart was limited to, if any.
    pub period: Option<(String, String)>,
}

/// Writes the chart to `path` in the format of its extension (PNG or SVG at `size`, or CSV with a
/// `.json` sidecar). Files are written atomically; returns every file written.
pub fn write_chart(
    chart: &Chart,
    path: &Path,
    size: (u32, u32),
    context: &ChartContext,
) -> Result<Vec<PathBuf>, String> {
    let format = ChartFormat::from_path(path)
        .ok_or_else(|| format!("{}: the file name should end in .png, .svg or .csv", path.display()))?;
    let write = |path: &Path, bytes: &[u8]| {
        crate::store::write_atomically(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    // An image of no dates would be an empty frame with a made-up axis: say so instead.
    if chart.starts.is_empty() && format != ChartFormat::Csv {
        return Err("nothing to draw: no article of the selection has a date".to_owned());
    }
    match format {
        ChartFormat::Png => write(path, &chart_png(chart, size)?)?,
        ChartFormat::Svg => write(path, chart_svg(chart, size)?.as_bytes())?,
        ChartFormat::Csv => {
            write(path, chart_csv(chart).as_bytes())?;
            let sidecar = sidecar_path(path);
            let json = serde_json::to_string_pretty(&chart_sidecar(chart, context)).map_err(|e| e.to_string())?;
            write(&sidecar, json.as_bytes())?;
            return Ok(vec![path.to_owned(), sidecar]);
        }
    }
    Ok(vec![path.to_owned()])
}

/// Where the sidecar of a CSV export goes: `chart.csv` → `chart.csv.json`.
pub fn sidecar_path(csv_path: &Path) -> PathBuf {
    let mut name = csv_path.file_name().unwrap_or_default().to_owned();
    name.push(".json");
    csv_path.with_file_name(name)
}

/// The chart's data: one row per bucket (its first day), one column per series, then the bucket's
/// total articles and total statements, so shares can be computed again from the file. Values are
/// counts, or percentages when the chart shows shares.
pub fn chart_csv(chart: &Chart) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["bucket_start".to_owned()];
    header.extend(chart.series.iter().map(|s| s.name.clone()));
    header.push("total_articles".to_owned());
    header.push("total_statements".to_owned());
    // Writing to a Vec cannot fail.
    let _ = writer.write_record(&header);
    for bucket in 0..chart.starts.len() {
        let mut row = vec![chart.starts[bucket].format("%Y-%m-%d").to_string()];
        row.extend((0..chart.series.len()).map(|s| format_value(chart.value(s, bucket))));
        row.push(chart.total_articles[bucket].to_string());
        row.push(chart.total_statements[bucket].to_string());
        let _ = writer.write_record(&row);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn format_value(value: f64) -> String {
    if value.fract() == 0.0 { format!("{value:.0}") } else { format!("{value:.4}") }
}

/// How the chart was made, and what it leaves out (undated articles), as JSON.
pub fn chart_sidecar(chart: &Chart, context: &ChartContext) -> serde_json::Value {
    serde_json::json!({
        "generator": format!("dossier {}", env!("CARGO_PKG_VERSION")),
        "corpus": context.corpus,
        "filter": context.filter,
        "period": context.period,
        "request": chart.request,
        "bucket": chart.bucket,
        "measure": chart.request.measure,
        "unit": chart.request.unit,
        "series": chart.series.iter().map(|s| serde_json::json!({
            "name": s.name, "total": s.total(), "undated": s.undated,
        })).collect::<Vec<_>>(),
        "undated_articles": chart.undated_articles,
        "total_articles": chart.total_articles.iter().sum::<u64>() + chart.undated_articles,
    })
}

/// Draws the chart as an SVG document of `size` pixels.
pub fn chart_svg(chart: &Chart, size: (u32, u32)) -> Result<String, String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        draw_chart(&root, chart, size)?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

/// Draws the chart as a PNG image of `size` pixels.
pub fn chart_png(chart: &Chart, size: (u32, u32)) -> Result<Vec<u8>, String> {
    let (width, height) = size;
    let mut pixels = vec![255u8; width as usize * height as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, size).into_drawing_area();
        draw_chart(&root, chart, size)?;
        root.present().map_err(|e| e.to_string())?;
    }
    let mut png = Vec::new();
    let mut encoder = png::Encoder::new(&mut png, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer.write_image_data(&pixels).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(png)
}

/// Makes the embedded font known to the renderer, once, so no system font set-up is needed.
fn register_font() {
    static REGISTERED: std::sync::Once = std::sync::Once::new();
    REGISTERED.call_once(|| {
        let _ = plotters::style::register_font("sans-serif", FontStyle::Normal, epaint_default_fonts::UBUNTU_LIGHT);
    });
}

/// The colour of a series, as on screen.
pub fn series_color(index: usize) -> RGBColor {
    let (r, g, b) = timeline::PALETTE[index % timeline::PALETTE.len()];
    RGBColor(r, g, b)
}

fn draw_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    chart: &Chart,
    size: (u32, u32),
) -> Result<(), String>
where
    DB::ErrorType: 'static,
{
    register_font();
    let error = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    // Text grows with the image so a large export stays legible (1600×900 → 22 px labels).
    let scale = (size.0.min(size.1 * 16 / 9) as f64 / 1600.0).max(0.4);
    let px = |n: f64| (n * scale).round().max(8.0) as u32;
    root.fill(&WHITE).map_err(error)?;
    let buckets = chart.starts.len().max(1);
    let stacked = chart.stacks();
    let is_bars = chart.request.style == Style::Bars;
    let top = (0..chart.starts.len())
        .map(|b| {
            let values = (0..chart.series.len()).map(|s| chart.value(s, b));
            if stacked { values.sum::<f64>() } else { values.fold(0.0, f64::max) }
        })
        .fold(0.0, f64::max);
    let y_max = if top <= 0.0 { 1.0 } else { top * 1.1 };
    let mut caption = chart.title();
    if chart.undated_articles > 0 {
        caption.push_str(&format!(" ({} undated articles not shown)", chart.undated_articles));
    }
    let mut plot = ChartBuilder::on(root)
        .caption(caption, ("sans-serif", px(34.0)))
        .margin(px(24.0))
        .x_label_area_size(px(70.0))
        .y_label_area_size(px(90.0))
        .build_cartesian_2d(-0.5f64..(buckets as f64 - 0.5), 0f64..y_max)
        .map_err(error)?;
    let ticks = timeline::axis_ticks(chart.bucket, &chart.starts, (12.0 * size.0 as f64 / 1600.0).max(3.0) as usize);
    let tick_positions: Vec<f64> = ticks.iter().map(|(i, _)| *i as f64).collect();
    plot.configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_desc(chart.y_label())
        .y_label_formatter(&|value| if value.fract() == 0.0 { format!("{value:.0}") } else { format!("{value:.1}") })
        .x_desc(format!("Date ({}s)", chart.bucket.as_str()))
        .axis_desc_style(("sans-serif", px(24.0)))
        .label_style(("sans-serif", px(20.0)))
        .light_line_style(RGBColor(235, 235, 235))
        .draw()
        .map_err(error)?;
    // Calendar-aligned ticks and labels under the x axis.
    let label_style = TextStyle::from(("sans-serif", px(20.0)).into_font()).color(&BLACK).pos(
        plotters::style::text_anchor::Pos::new(
            plotters::style::text_anchor::HPos::Center,
            plotters::style::text_anchor::VPos::Top,
        ),
    );
    for ((_, label), x) in ticks.iter().zip(&tick_positions) {
        let (px_x, px_y) = plot.backend_coord(&(*x, 0.0));
        root.draw(&PathElement::new(vec![(px_x, px_y), (px_x, px_y + px(8.0) as i32)], BLACK)).map_err(error)?;
        root.draw(&Text::new(label.clone(), (px_x, px_y + px(12.0) as i32), label_style.clone())).map_err(error)?;
    }
    let stroke = (3.0 * scale).round().max(1.0) as u32;
    let mut base = vec![0.0; chart.starts.len()];
    for (index, series) in chart.series.iter().enumerate() {
        let color = series_color(index);
        let legend_name = format!("{} ({})", series.name, series.total());
        let drawn = if is_bars {
            let (offset, width) = if stacked { (0.0, 0.8) } else { Chart::side_by_side(index, chart.series.len()) };
            let bars: Vec<Rectangle<(f64, f64)>> = (0..chart.starts.len())
                .map(|b| {
                    let value = chart.value(index, b);
                    let (left, right) = (b as f64 + offset - width / 2.0, b as f64 + offset + width / 2.0);
                    let rectangle = Rectangle::new([(left, base[b]), (right, base[b] + value)], color.filled());
                    if stacked {
                        base[b] += value;
                    }
                    rectangle
                })
                .collect();
            plot.draw_series(bars).map_err(error)?
        } else {
            let points: Vec<(f64, f64)> = (0..chart.starts.len()).map(|b| (b as f64, chart.value(index, b))).collect();
            plot.draw_series(LineSeries::new(points, color.stroke_width(stroke))).map_err(error)?
        };
        // The swatch looks like what is drawn: a square for bars, a thin line for lines.
        let half_height = if is_bars { stroke as i32 * 3 } else { (stroke as i32 / 2).max(1) };
        drawn
            .label(legend_name)
            .legend(move |(x, y)| Rectangle::new([(x, y - half_height), (x + 24, y + half_height)], color.filled()));
    }
    if !chart.series.is_empty() {
        plot.configure_series_labels()
            .label_font(("sans-serif", px(20.0)))
            .background_style(WHITE.mix(0.85))
            .border_style(RGBColor(180, 180, 180))
            .position(SeriesLabelPosition::UpperLeft)
            .draw()
            .map_err(error)?;
    }
    Ok(())
}

/// One line of a statements export: the `dossier statements` contract, fields in its order.
#[derive(Debug, Serialize)]
pub struct StatementLine<'a> {
    file: String,
    record: u32,
    speaker: Option<&'a str>,
    speaker_type: Option<SpeakerType>,
    named: bool,
    role: Option<&'a str>,
    mention: Option<&'a str>,
    mention_span: Option<Span>,
    cue: Option<&'a str>,
    cue_span: Option<Span>,
    kind: StatementKind,
    act: Act,
    text: &'a str,
    text_span: Span,
    date: Option<String>,
    title: &'a str,
    url: Option<&'a str>,
    /// `FILE#RECORD` of the article where the statement first appeared, when that is another article.
    first_said: Option<String>,
}

/// How an article is named in `copy_of` and `first_said`: `FILE#RECORD`.
pub fn article_reference(corpus: &Corpus, article: u32) -> String {
    let meta = &corpus.articles[article as usize];
    format!("{}#{}", corpus.files[meta.file_id as usize].relative_path, meta.record)
}

/// A character span: a JSON array, or in CSV (whose cells hold no lists) the same written as text.
#[derive(Debug, Serialize)]
#[serde(untagged)]
enum Span {
    List([usize; 2]),
    Text(String),
}

impl Span {
    fn new(span: [usize; 2], format: ListFormat) -> Span {
        match format {
            ListFormat::Jsonl => Span::List(span),
            ListFormat::Csv => Span::Text(format!("[{}, {}]", span[0], span[1])),
        }
    }
}

/// Formats of statement and article lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// One JSON object per line.
    Jsonl,
    /// CSV with a header row.
    Csv,
}

impl ListFormat {
    /// The format a file name asks for, from its extension.
    pub fn from_path(path: &Path) -> Option<ListFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "jsonl" | "json" | "ndjson" => Some(ListFormat::Jsonl),
            "csv" => Some(ListFormat::Csv),
            _ => None,
        }
    }
}

/// Writes statements (indices into `corpus.statements`) in the `dossier statements` contract, reading
/// their words from their articles; `echoes` (found with the same `names`) gives `first_said`. Fails,
/// naming the file, when an article changed since it was read.
pub fn write_statements(
    out: impl Write,
    corpus: &Corpus,
    names: &SpeakerNames,
    echoes: &Echoes,
    statements: impl Iterator<Item = u32>,
    format: ListFormat,
) -> std::io::Result<()> {
    let mut writer = RecordWriter::new(out, format);
    corpus.with_statement_records(statements, |index, record| {
        let article = &corpus.articles[corpus.statements[index as usize].article as usize];
        let record =
            record.map_err(|reason| std::io::Error::other(format!("{}: {reason}", corpus.article_file(article))))?;
        writer.write(&statement_line(corpus, names, echoes, index, record, format))
    })?;
    writer.finish()
}

/// Writes statements like `write_statements`, their words and spans given by `fetch` a page of indices at
/// a time (from a search cluster, say), in the order asked for.
pub fn write_statements_fetched(
    out: impl Write,
    corpus: &Corpus,
    names: &SpeakerNames,
    echoes: &Echoes,
    statements: &[u32],
    format: ListFormat,
    mut fetch: impl FnMut(&[u32]) -> Result<Vec<crate::statements::StatementRecord>, String>,
) -> std::io::Result<()> {
    let mut writer = RecordWriter::new(out, format);
    // A thousand statements a request: few round trips, and a page's words stay small in memory.
    for indices in statements.chunks(1000) {
        let records = fetch(indices).map_err(std::io::Error::other)?;
        for (&index, record) in indices.iter().zip(&records) {
            writer.write(&statement_line(corpus, names, echoes, index, record, format))?;
        }
    }
    writer.finish()
}

/// The export line of statement `index`, from its record.
fn statement_line<'a>(
    corpus: &'a Corpus,
    names: &'a SpeakerNames,
    echoes: &Echoes,
    index: u32,
    record: &'a crate::statements::StatementRecord,
    format: ListFormat,
) -> StatementLine<'a> {
    let article = &corpus.articles[corpus.statements[index as usize].article as usize];
    StatementLine {
        file: corpus.article_file(article),
        record: article.record,
        speaker: record.speaker.as_deref().map(|s| names.canonical(s)),
        speaker_type: record.speaker_type,
        named: record.named,
        role: record.role.as_deref(),
        mention: record.mention.as_deref(),
        mention_span: record.mention_span.map(|s| Span::new(s, format)),
        cue: record.cue.as_deref(),
        cue_span: record.cue_span.map(|s| Span::new(s, format)),
        kind: record.kind,
        act: record.act,
        text: &record.text,
        text_span: Span::new(record.text_span, format),
        date: article.date.map(|d| d.format("%Y-%m-%d").to_string()),
        title: &article.title,
        url: article.url.as_deref(),
        first_said: echoes.first_said(corpus, index).map(|first| article_reference(corpus, first)),
    }
}

/// One line of an article list export (`dossier articles`).
#[derive(Debug, Serialize)]
struct ArticleLine<'a> {
    file: String,
    record: u32,
    title: &'a str,
    date: Option<String>,
    date_source: Option<&'static str>,
    outlet: Option<&'a str>,
    author: Option<&'a str>,
    url: Option<&'a str>,
    words: u32,
    /// `FILE#RECORD` of the story's first copy, when this article is a later copy.
    copy_of: Option<String>,
}

impl<'a> ArticleLine<'a> {
    fn new(corpus: &'a Corpus, stories: &Stories, index: u32, article: &'a ArticleMeta) -> Self {
        ArticleLine {
            file: corpus.article_file(article),
            record: article.record,
            title: &article.title,
            date: article.date.map(|d| d.format("%Y-%m-%d").to_string()),
            date_source: article.date_source.map(|s| s.as_str()),
            outlet: article.outlet.as_deref(),
            author: article.author.as_deref(),
            url: article.url.as_deref(),
            words: article.words,
            copy_of: stories.copy_of(index).map(|first| article_reference(corpus, first)),
        }
    }
}

/// Writes articles (indices into `corpus.articles`) as `dossier articles` does; `stories` gives `copy_of`.
pub fn write_articles(
    out: impl Write,
    corpus: &Corpus,
    stories: &Stories,
    articles: impl Iterator<Item = u32>,
    format: ListFormat,
) -> std::io::Result<()> {
    let lines = articles
        .filter_map(|index| Some(ArticleLine::new(corpus, stories, index, corpus.articles.get(index as usize)?)));
    write_records(out, lines, format)
}

fn write_records<T: Serialize>(
    out: impl Write,
    records: impl Iterator<Item = T>,
    format: ListFormat,
) -> std::io::Result<()> {
    let mut writer = RecordWriter::new(out, format);
    for record in records {
        writer.write(&record)?;
    }
    writer.finish()
}

/// Writes records one at a time as JSON lines or CSV rows.
enum RecordWriter<W: Write> {
    Jsonl(std::io::BufWriter<W>),
    Csv(csv::Writer<W>),
}

impl<W: Write> RecordWriter<W> {
    fn new(out: W, format: ListFormat) -> Self {
        match format {
            ListFormat::Jsonl => RecordWriter::Jsonl(std::io::BufWriter::new(out)),
            ListFormat::Csv => RecordWriter::Csv(csv::Writer::from_writer(out)),
        }
    }

    fn write(&mut self, record: &impl Serialize) -> std::io::Result<()> {
        match self {
            RecordWriter::Jsonl(out) => {
                serde_json::to_writer(&mut *out, record)?;
                out.write_all(b"\n")
            }
            RecordWriter::Csv(writer) => writer.serialize(record).map_err(std::io::Error::other),
        }
    }

    fn finish(self) -> std::io::Result<()> {
        match self {
            RecordWriter::Jsonl(mut out) => out.flush(),
            RecordWriter::Csv(mut writer) => writer.flush(),
        }
    }
}

/// Writes a list export to a file atomically (the whole list is built in memory first).
pub fn write_list_file(path: &Path, write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> Result<(), String> {
    let mut bytes = Vec::new();
    write(&mut bytes).map_err(|e| e.to_string())?;
    crate::store::write_atomically(path, &bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}
