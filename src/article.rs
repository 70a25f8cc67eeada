//! What Dossier knows about an article: its metadata (always in memory) and its text (read on demand).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// Where an article's publication date was found, from most to least trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// A structured field: a JSON/CSV column or an HTML meta tag.
    Field,
    /// A date line or dateline in the article text.
    Text,
    /// The file name.
    Filename,
    /// The day a crawler fetched the page (a web archive's `WARC-Date`), where the page gave no date.
    Crawl,
}

impl DateSource {
    /// The name used on the command line and in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Field => "field",
            DateSource::Text => "text",
            DateSource::Filename => "filename",
            DateSource::Crawl => "crawl",
        }
    }

    /// A phrase for the UI, e.g. "from the text".
    pub fn description(self) -> &'static str {
        match self {
            DateSource::Field => "from a metadata field",
            DateSource::Text => "from the article text",
            DateSource::Filename => "from the file name",
            DateSource::Crawl => "from the crawl: the page gives no publication date",
        }
    }
}

/// The metadata of one article, small enough to keep a million in memory.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleMeta {
    /// Index of the file in the corpus' file list.
    pub file_id: u32,
    /// Index of the record within a multi-article file (JSON array, JSONL, CSV), else 0.
    pub record: u32,
    /// Where the record lies in the decoded file text, so it can be read again alone.
    pub byte_range: Range<u64>,
    /// Headline, or the opening words when the text has none.
    pub title: String,
    /// Publication date, if any was found.
    pub date: Option<NaiveDate>,
    /// Where `date` came from; `None` exactly when `date` is `None`.
    pub date_source: Option<DateSource>,
    /// Publisher or outlet.
    pub outlet: Option<String>,
    /// Author or byline name.
    pub author: Option<String>,
    /// Address of the original.
    pub url: Option<String>,
    /// Words in the article, boilerplate excluded.
    pub words: u32,
    /// The file inside an archive the article came from (`articles/03.txt`), if it came from one.
    pub member: Option<String>,
}

/// What a line of article text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineRole {
    /// An empty line (paragraph break).
    Blank,
    /// The headline.
    Title,
    /// A date line.
    Date,
    /// A byline (`By …`).
    Byline,
    /// A masthead naming the outlet.
    Masthead,
    /// Web boilerplate, kept out of titles, counts and extraction.
    Boilerplate,
    /// Article text.
    Body,
}

/// One line of article text and its role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextLine {
    /// Byte range of the line in the article text, without the line break.
    pub range: Range<usize>,
    /// What the line is.
    pub role: LineRole,
}

/// An article read in full: metadata, text and the role of each line.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// The metadata, as in the corpus list.
    pub meta: ArticleMeta,
    /// The text exactly as decoded (for CSV/JSON records: the text field; for HTML: the main text).
    pub text: String,
    /// The lines of `text` with their roles.
    pub lines: Vec<TextLine>,
}

impl Article {
    /// The article's own words: its body paragraphs, without headline, date lines, bylines or boilerplate.
    pub fn body_text(&self) -> String {
        let body = self.paragraphs().into_iter().filter(|(_, role)| *role == LineRole::Body);
        body.map(|(range, _)| &self.text[range]).collect::<Vec<_>>().join("\n\n")
    }

    /// The paragraphs of the article: runs of non-blank lines, each as (byte range, role of its first line).
    pub fn paragraphs(&self) -> Vec<(Range<usize>, LineRole)> {
        let mut paragraphs: Vec<(Range<usize>, LineRole)> = Vec::new();
        let mut previous_blank = true;
        for line in &self.lines {
            if line.role == LineRole::Blank {
                previous_blank = true;
                continue;
            }
            match paragraphs.last_mut() {
                // Lines of one paragraph stay together unless their roles differ (a date line under a title).
                Some((range, role)) if !previous_blank && *role == line.role => range.end = line.range.end,
                _ => paragraphs.push((line.range.clone(), line.role)),
            }
            previous_blank = false;
        }
        paragraphs
    }
}
