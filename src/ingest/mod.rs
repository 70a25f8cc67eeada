//! Reading article files: which formats exist and how each turns into records with text and fields.

pub mod archive;
pub mod compressed;
pub mod delimited;
pub mod factiva;
pub mod fields;
pub mod html;
pub mod json;
pub mod nexis;
pub mod office;
pub mod pdf;
pub mod rtf;
pub mod warc;

use crate::metadata::Fields;
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::path::Path;

/// A file format Dossier reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text, one article.
    Text,
    /// Markdown, one article.
    Markdown,
    /// An HTML page, one article (or a Factiva export of many).
    Html,
    /// JSON: one article object or an array of them.
    Json,
    /// JSON Lines: one article object per line.
    JsonLines,
    /// CSV or TSV with a header row, one article per row.
    Csv,
    /// A Word document (one article, or a Nexis export of many).
    Docx,
    /// An OpenDocument text (one article, or a Nexis export of many).
    Odt,
    /// Rich Text Format (one article, or a Nexis or Factiva export of many).
    Rtf,
    /// A PDF's text layer (one article, or a Nexis export of many).
    Pdf,
    /// A web archive: the HTML pages it holds, one article each.
    Warc,
    /// A zip archive of files in the formats above.
    Zip,
    /// A tar archive of files in the formats above (`.tar`, `.tar.gz`, `.tgz`…).
    Tar,
}

impl Format {
    /// The format for a file name's extension, if Dossier reads it; for a compressed file
    /// (`news.jsonl.gz`), the format of what it holds.
    pub fn from_path(path: &Path) -> Option<Format> {
        if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("tgz")) {
            return Some(Format::Tar);
        }
        let path = match compressed::Compression::from_path(path) {
            Some(_) => Path::new(path.file_stem()?),
            None => path,
        };
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match extension.as_str() {
            "txt" | "text" => Format::Text,
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" | "xhtml" => Format::Html,
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::JsonLines,
            "csv" | "tsv" => Format::Csv,
            "docx" => Format::Docx,
            "odt" => Format::Odt,
            "rtf" => Format::Rtf,
            "pdf" => Format::Pdf,
            "warc" => Format::Warc,
            "zip" => Format::Zip,
            "tar" => Format::Tar,
            _ => return None,
        })
    }

    /// A short name for the UI and command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Json => "json",
            Format::JsonLines => "jsonl",
            Format::Csv => "csv",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Rtf => "rtf",
            Format::Pdf => "pdf",
            Format::Warc => "warc",
            Format::Zip => "zip",
            Format::Tar => "tar",
        }
    }

    /// True for formats that hold several articles, each re-read alone from its byte range in the decoded file.
    pub fn holds_many(self) -> bool {
        matches!(self, Format::Json | Format::JsonLines | Format::Csv)
    }

    /// True for formats whose bytes are no text: containers read by `read_binary`, not decoded.
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Docx | Format::Odt | Format::Pdf | Format::Warc | Format::Zip | Format::Tar)
    }

    /// True for formats read whole however large (up to `corpus::MAX_FILE_BYTES`): those of many articles,
    /// and containers and RTF (pictures make them large), which cannot be cut.
    pub fn is_read_whole(self) -> bool {
        self.holds_many() || self.is_binary() || self == Format::Rtf
    }
}

/// One article as a reader found it, before analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct RawRecord {
    /// Index within the file.
    pub record: u32,
    /// Structured fields.
    pub fields: Fields,
    /// The article text.
    pub text: String,
    /// The record's byte range in the decoded file text.
    pub byte_range: Range<usize>,
    /// The file inside an archive the record came from (`articles/03.txt`), if it came from one.
    pub member: Option<String>,
}

/// What a reader found in one file: records, warnings about parts it skipped, or an error that stopped it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Records {
    /// The articles read.
    pub records: Vec<RawRecord>,
    /// Parts of the file that were skipped, with why.
    pub warnings: Vec<String>,
    /// Why nothing could be read, if so.
    pub error: Option<String>,
}

impl Records {
    fn warn(&mut self, message: impl Into<String>) {
        self.warnings.push(message.into());
    }

    fn fail(&mut self, message: impl Into<String>) {
        self.error = Some(message.into());
    }
}

/// Reads the records of a file's decoded text in the given format (for a binary format, the text it holds).
pub fn read_records(format: Format, text: &str) -> Records {
    match format {
        Format::Text | Format::Markdown | Format::Docx | Format::Odt => read_document_text(text),
        Format::Html => read_page(text),
        Format::Json => json::read_json(text),
        Format::JsonLines => json::read_json_lines(text),
        Format::Csv => delimited::read_delimited(text),
        Format::Rtf => match rtf::rtf_text(text) {
            Ok(text) => read_document_text(&text),
            Err(reason) => Records { error: Some(reason), ..Records::default() },
        },
        Format::Pdf | Format::Warc | Format::Zip | Format::Tar => read_binary(format, text.as_bytes()),
    }
}

/// Reads the records of a binary file (see `Format::is_binary`) from its bytes.
pub fn read_binary(format: Format, bytes: &[u8]) -> Records {
    let text = match format {
        Format::Docx => office::document_text(bytes, office::Office::Docx),
        Format::Odt => office::document_text(bytes, office::Office::Odt),
        Format::Pdf => {
            return match pdf::document_text(bytes) {
                Ok(pdf) => {
                    let mut records = read_document_text(&pdf.text);
                    for record in &mut records.records {
                        record.fields.url = record.fields.url.take().or_else(|| pdf.url.clone());
                    }
                    records
                }
                Err(reason) => Records { error: Some(reason), ..Records::default() },
            };
        }
        Format::Warc => return warc::read_warc(bytes),
        Format::Zip => return archive::read_zip(bytes),
        Format::Tar => return archive::read_tar(bytes),
        _ => return read_records(format, &String::from_utf8_lossy(bytes)),
    };
    match text {
        Ok(text) => read_document_text(&text),
        Err(reason) => Records { error: Some(reason), ..Records::default() },
    }
}

/// The text of a document (plain text, or what a DOCX, ODT or RTF file holds): a Nexis or Factiva export
/// of many articles, or one article.
fn read_document_text(text: &str) -> Records {
    if nexis::is_nexis(text) {
        nexis::read_nexis(text)
    } else if factiva::is_factiva(text) {
        factiva::read_factiva(text)
    } else {
        read_plain(text)
    }
}

/// An HTML page: a Factiva export of many articles, or one article.
fn read_page(source: &str) -> Records {
    let page = html::read_html(source);
    match page.records.first() {
        Some(record) if page.records.len() == 1 && factiva::is_factiva(&record.text) => {
            let mut records = factiva::read_factiva(&record.text);
            records.warnings.splice(0..0, page.warnings);
            records
        }
        _ => page,
    }
}

/// A plain text or Markdown file is one article; its metadata is read from the text.
fn read_plain(text: &str) -> Records {
    let mut records = Records::default();
    if text.trim().is_empty() {
        records.fail("the file is empty");
    } else {
        records.records.push(RawRecord {
            record: 0,
            fields: Fields::default(),
            text: text.to_owned(),
            byte_range: 0..text.len(),
            member: None,
        });
    }
    records
}
