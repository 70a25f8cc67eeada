//! Reading Factiva exports (RTF or HTML, once turned into lines of text): many articles a file, each
//! ending with its `Document …` identifier line and opening with a header of headline, byline, word
//! count (`612 words`), date, time, source name and code, language and copyright.

use super::{RawRecord, Records};
use crate::metadata::Fields;
use regex::Regex;
use std::sync::LazyLock;

/// `Document NWW0000020190104ef140001l`: Factiva's identifier, the last line of each article.
static DOCUMENT_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*Document\s+(?P<id>[A-Za-z0-9]{12,40})\s*$").unwrap());

static WORD_COUNT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^\d[\d,.]*\s+words$").unwrap());

static TIME_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?(?:\s+[A-Z]{2,5})?$").unwrap());

/// The languages Factiva names on a line of their own.
const LANGUAGES: &[&str] = &[
    "English",
    "French",
    "German",
    "Spanish",
    "Italian",
    "Portuguese",
    "Dutch",
    "Russian",
    "Arabic",
    "Chinese",
    "Japanese",
    "Turkish",
    "Polish",
    "Swedish",
    "Norwegian",
    "Danish",
    "Finnish",
    "Greek",
    "Czech",
    "Hungarian",
];

/// The header is looked for within this many lines of an article's start.
const HEADER_LINES: usize = 10;

/// True when `text` looks like a Factiva export: `Document …` identifier lines and word count lines.
pub fn is_factiva(text: &str) -> bool {
    let finder = |word: &str| memchr::memmem::find(text.as_bytes(), word.as_bytes()).is_some();
    if !finder("Document") || !finder(" words") {
        return false;
    }
    text.lines().any(|line| DOCUMENT_LINE.is_match(line)) && text.lines().any(|line| WORD_COUNT.is_match(line.trim()))
}

/// Reads the articles of a Factiva export's text.
pub fn read_factiva(text: &str) -> Records {
    let mut records = Records::default();
    let mut article: Vec<&str> = Vec::new();
    let mut start = 0usize;
    let mut offset = 0usize;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        offset += line.len();
        if DOCUMENT_LINE.is_match(trimmed) {
            let number = records.records.len() + records.warnings.len() + 1;
            push_article(&mut records, &article, start..offset, number);
            article.clear();
            start = offset;
        } else if !trimmed.is_empty() {
            article.push(trimmed);
        }
    }
    // Factiva closes an export with a summary of the search, which is no article.
    if let Some(summary) = article.iter().position(|line| line.eq_ignore_ascii_case("search summary")) {
        article.truncate(summary);
    }
    if !article.is_empty() {
        records.warn(format!(
            "the text after the last `Document …` line has no identifier line: read as article {}, it may be cut short",
            records.records.len() + 1
        ));
        let number = records.records.len() + 1;
        push_article(&mut records, &article, start..text.len(), number);
    }
    if records.records.is_empty() && records.error.is_none() {
        records.fail("no article could be read from this Factiva export");
    }
    records
}

/// Reads one article's lines into a record, with a warning when its header cannot be found.
fn push_article(records: &mut Records, lines: &[&str], byte_range: std::ops::Range<usize>, number: usize) {
    if lines.is_empty() {
        records.warn(format!("article {number}: nothing before its `Document …` line"));
        return;
    }
    let mut fields = Fields::default();
    let body_start = match lines.iter().take(HEADER_LINES).position(|line| WORD_COUNT.is_match(line)) {
        Some(words_at) => read_header(lines, words_at, &mut fields),
        None => {
            records.warn(format!(
                "article {number}: no word count line (such as `612 words`), so its header cannot be told from its body: read as plain text"
            ));
            0
        }
    };
    let body: Vec<&str> = lines[body_start..].iter().copied().filter(|line| !is_copyright(line)).collect();
    if body.is_empty() {
        records.warn(format!("article {number}: no body text: listed by its header alone"));
    }
    records.records.push(RawRecord {
        record: records.records.len() as u32,
        fields,
        text: body.join("\n\n"),
        byte_range,
        member: None,
    });
}

/// Reads the header around the word count line at `words_at` into `fields`; returns where the body starts.
fn read_header(lines: &[&str], words_at: usize, fields: &mut Fields) -> usize {
    if words_at > 0 {
        fields.title = Some(lines[0].to_owned());
    }
    // Between the headline and the word count: a section name and the byline, the byline last.
    if words_at >= 2 {
        let candidate = lines[words_at - 1];
        let name = candidate.strip_prefix("By ").or_else(|| candidate.strip_prefix("BY ")).unwrap_or(candidate);
        if candidate.starts_with("By ") || candidate.starts_with("BY ") || looks_like_name(name) {
            fields.author = Some(name.trim().to_owned());
        }
    }
    let mut at = words_at + 1;
    if let Some(line) = lines.get(at)
        && let Some((date, _)) = crate::dates::date_line(line)
    {
        fields.date = Some(date.format("%Y-%m-%d").to_string());
        at += 1;
    }
    if lines.get(at).is_some_and(|line| TIME_LINE.is_match(line)) {
        at += 1;
    }
    if let Some(source) = lines.get(at) {
        fields.outlet = Some((*source).to_owned());
        at += 1;
    }
    // Source code, page, volume and edition lines, then the language, then the copyright.
    let rest_of_header = (at..lines.len().min(at + 6)).find(|&i| is_copyright(lines[i]));
    if let Some(copyright) = rest_of_header {
        return copyright + 1;
    }
    if let Some(language) = (at..lines.len().min(at + 5)).find(|&i| LANGUAGES.contains(&lines[i])) {
        return language + 1;
    }
    while lines.get(at).is_some_and(|line| is_code_line(line)) {
        at += 1;
    }
    at
}

/// True for a short line of capitalised words without digits, as a byline name.
fn looks_like_name(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words.iter().all(|word| {
            word.chars().next().is_some_and(char::is_uppercase) || ["and", "de", "van", "von", "al"].contains(word)
        })
        && !line.chars().any(|c| c.is_ascii_digit())
        && !line.ends_with('.')
}

/// True for a header line of codes rather than text: `NWW`, `Page 12`, `Vol. 3`, `Final Edition`.
fn is_code_line(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    (!line.contains(' ') && line.len() <= 12 && line.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
        || lower.starts_with("page ")
        || lower.starts_with("vol")
        || lower.starts_with("issue ")
        || lower.ends_with(" edition")
        || LANGUAGES.contains(&line)
}

/// True for a copyright line (`Copyright 2019 …`, `(c) 2019 …`, `© 2019 …`).
fn is_copyright(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    lower.starts_with("copyright") || lower.starts_with('©') || lower.starts_with("(c) ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_article_with_every_header_line() {
        let text = "Dam talks resume in Arvenholt\nBy Lena Graves\n412 words\n12 April 2021\n09:30 GMT\nNorthwind Wire\nNWW\nEnglish\nCopyright 2021 Northwind Wire. All rights reserved.\nARVENHOLT — Talks resumed on Monday.\n\"We are back,\" the minister said.\nDocument NWW0000020210412eh4c0001l\n";
        assert!(is_factiva(text));
        let records = read_factiva(text);
        assert!(records.warnings.is_empty(), "{:?}", records.warnings);
        let record = &records.records[0];
        assert_eq!(record.fields.title.as_deref(), Some("Dam talks resume in Arvenholt"));
        assert_eq!(record.fields.author.as_deref(), Some("Lena Graves"));
        assert_eq!(record.fields.date.as_deref(), Some("2021-04-12"));
        assert_eq!(record.fields.outlet.as_deref(), Some("Northwind Wire"));
        assert_eq!(record.text, "ARVENHOLT — Talks resumed on Monday.\n\n\"We are back,\" the minister said.");
    }
}
