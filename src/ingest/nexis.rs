//! Reading LexisNexis / Nexis Uni exports: many articles a file, each with a header of title, outlet,
//! date line, byline, section and length, then the body, then classification lines.
//!
//! Two layouts are read. The older one opens each article with `3 of 100 DOCUMENTS` and names the outlet
//! above the date line and the title below it, in `BYLINE:`-style capitals; Nexis Uni puts the title
//! first, ends each article with `End of Document`, marks the body with a `Body` line, and writes
//! `Byline:`, `Load-Date:` in title case. `Load-Date` is when Nexis loaded the article, never its date;
//! copyright and classification lines are not part of the article.

use super::{RawRecord, Records};
use crate::metadata::Fields;
use chrono::{Datelike, NaiveDate, Weekday};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// At most this many lines of a document's head are searched for its date line.
const HEAD_LINES: usize = 12;

static DOCUMENT_HEADER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(?P<n>\d{1,6})\s+of\s+(?P<m>\d{1,6})\s+DOCUMENTS?\s*$").unwrap());

static END_OF_DOCUMENT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^\s*End of Document\s*$").unwrap());

/// `March 3, 2020 Tuesday`, `Tuesday, March 3, 2020`, `3 March 2020 Tuesday 7:30 AM GMT`.
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    let month = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";
    let weekday = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";
    Regex::new(&format!(
        r"(?i)^(?:(?P<before>{weekday}),?\s+)?(?:{month}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})|(?P<day2>\d{{1,2}})\s+{month2}\s+(?P<year2>\d{{4}}))(?:,?\s+(?P<after>{weekday}))?(?:[\s,]+\d{{1,2}}:\d{{2}}.*)?$",
        month2 = month.replace("?P<month>", "?P<month2>")
    ))
    .unwrap()
});

/// A date line without a day, as magazines have: `March 2020`, `Spring 2020`, `March 2020 Issue`.
static MONTH_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|Spring|Summer|Autumn|Fall|Winter)\.?,?\s+\d{4}(?:\s+Issue)?$").unwrap()
});

/// A `Key: value` line of the header or the classification: `BYLINE: …`, `Load-Date: …`.
static KEY_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?P<key>[A-Za-z][A-Za-z\-]{1,30}):\s*(?P<value>.*)$").unwrap());

/// Keys that open an article's header (before the body).
const HEADER_KEYS: &[&str] = &["byline", "section", "length", "dateline", "highlight", "edition", "column", "series"];

/// Keys of the classification after the body; the first one ends the body.
const TRAILER_KEYS: &[&str] = &[
    "load-date",
    "language",
    "publication-type",
    "journal-code",
    "graphic",
    "url",
    "document-type",
    "subject",
    "geographic",
    "organization",
    "person",
    "company",
    "industry",
    "ticker",
    "correction-date",
    "notes",
    "distribution",
    "acc-no",
    "country",
    "city",
    "state",
    "type",
];

/// Lines that end the body: the start of the classification block, a graphic caption, the end marker.
const BODY_ENDS: &[&str] = &["classification", "graphic", "end of document", "notes"];

/// True when `text` looks like a Nexis export: it has `N of M DOCUMENTS` headers or `End of Document` lines.
pub fn is_nexis(text: &str) -> bool {
    // Most files hold neither word: no need to look at their lines.
    let finder = |word: &str| memchr::memmem::find(text.as_bytes(), word.as_bytes()).is_some();
    if !finder("OCUMENT") && !finder("ocument") {
        return false;
    }
    text.lines().any(|line| DOCUMENT_HEADER.is_match(line) || END_OF_DOCUMENT.is_match(line))
}

/// Reads the articles of a Nexis export's text.
pub fn read_nexis(text: &str) -> Records {
    let mut records = Records::default();
    let lines = lines_with_ranges(text);
    let headers: Vec<(usize, u32, u32)> = lines
        .iter()
        .enumerate()
        .filter_map(|(index, (line, _))| {
            let caps = DOCUMENT_HEADER.captures(line)?;
            Some((index, caps["n"].parse().ok()?, caps["m"].parse().ok()?))
        })
        .collect();
    // Documents as ranges of lines, each with the number it says it has.
    let mut documents: Vec<(Range<usize>, u32)> = Vec::new();
    if !headers.is_empty() {
        if lines[..headers[0].0].iter().any(|(line, _)| !line.trim().is_empty()) {
            records.warn("text before the first `1 of N DOCUMENTS` header was skipped");
        }
        let total = headers[0].2;
        let mut expected = 1;
        for (position, &(index, number, of)) in headers.iter().enumerate() {
            if number != expected || of != total {
                records.warn(format!(
                    "the header `{}` is out of sequence (document {expected} of {total} was expected): \
                     a header may be damaged, so two articles may be read as one",
                    lines[index].0.trim()
                ));
            }
            expected = number + 1;
            let end = headers.get(position + 1).map_or(lines.len(), |next| next.0);
            documents.push((index + 1..end, number));
        }
        if expected <= total {
            records.warn(format!("the file ends after document {} of {total}: it may be cut short", expected - 1));
        }
    } else {
        let mut start = 0;
        for (index, (line, _)) in lines.iter().enumerate() {
            if END_OF_DOCUMENT.is_match(line) {
                documents.push((start..index, documents.len() as u32 + 1));
                start = index + 1;
            }
        }
        if lines[start..].iter().any(|(line, _)| !line.trim().is_empty()) {
            records.warn(format!(
                "the text after the last `End of Document` (document {}) has no end marker: read as an article, it may be cut short",
                documents.len() + 1
            ));
            documents.push((start..lines.len(), documents.len() as u32 + 1));
        }
    }
    let old_layout = !headers.is_empty();
    for (range, number) in documents {
        let document = &lines[range.clone()];
        let Some(first) = document.first() else { continue };
        let byte_range = first.1.start..document.last().map_or(first.1.end, |last| last.1.end);
        match read_document(document, old_layout) {
            Ok((fields, body, warnings)) => {
                for warning in warnings {
                    records.warn(format!("document {number}: {warning}"));
                }
                records.records.push(RawRecord {
                    record: records.records.len() as u32,
                    fields,
                    text: body,
                    byte_range,
                    member: None,
                });
            }
            Err(reason) => records.warn(format!("document {number}: {reason}")),
        }
    }
    if records.records.is_empty() && records.error.is_none() {
        records.fail("no article could be read from this Nexis export");
    }
    records
}

/// The lines of `text` with their byte ranges.
fn lines_with_ranges(text: &str) -> Vec<(&str, Range<usize>)> {
    let mut offset = 0;
    text.split_inclusive('\n')
        .map(|line| {
            let range = offset..offset + line.len();
            offset += line.len();
            (line.trim_end_matches(['\n', '\r']), range)
        })
        .collect()
}

/// Reads one document: its fields, its body, and warnings about its header. Fails when it holds no article.
fn read_document(lines: &[(&str, Range<usize>)], old_layout: bool) -> Result<(Fields, String, Vec<String>), String> {
    let mut warnings = Vec::new();
    // Non-empty lines, trimmed, each with whether a blank line comes before it.
    let mut content: Vec<(&str, bool)> = Vec::new();
    let mut after_blank = true;
    for (line, _) in lines {
        let line = line.trim();
        if line.is_empty() {
            after_blank = true;
        } else {
            content.push((line, after_blank));
            after_blank = false;
        }
    }
    // A Nexis Uni download opens with a cover page: the search, then the list of documents.
    if !old_layout && let Some(cover_end) = cover_page_end(&content) {
        content.drain(..cover_end);
    }
    if content.is_empty() {
        return Err("empty".to_owned());
    }
    let mut fields = Fields::default();
    let date_at =
        content.iter().take(HEAD_LINES).position(|(line, _)| DATE_LINE.is_match(line) || MONTH_LINE.is_match(line));
    let Some(date_at) = date_at else {
        // Without a date line the header cannot be told from the body: all of it is kept as the text.
        warnings.push(
            "no date line in its header (such as `March 3, 2020 Tuesday`): read as plain text, undated".to_owned(),
        );
        let body = content.iter().map(|(line, _)| *line).filter(|line| !is_copyright(line)).collect::<Vec<_>>();
        return Ok((fields, body.join("\n\n"), warnings));
    };
    if MONTH_LINE.is_match(content[date_at].0) {
        warnings.push(format!("the date line `{}` names no day; left undated", content[date_at].0));
    } else {
        match checked_date(content[date_at].0) {
            Ok(date) => fields.date = Some(date.format("%Y-%m-%d").to_string()),
            Err(reason) => warnings.push(reason),
        }
    }
    // The header's key lines, up to where the body starts.
    let mut cursor = date_at + 1;
    let title_lines: Vec<&str>;
    if old_layout {
        fields.outlet = Some(content[..date_at].iter().map(|(line, _)| *line).collect::<Vec<_>>().join(" "))
            .filter(|outlet| !outlet.is_empty());
        // Edition lines follow the date line (without a blank line in text, as paragraphs of their own in
        // RTF or DOCX); the title is the next block that is no key line.
        while cursor < content.len() && (!content[cursor].1 || is_edition(content[cursor].0)) {
            cursor += 1;
        }
        let title_start = cursor;
        while cursor < content.len() && !is_key_line(content[cursor].0, HEADER_KEYS) && !is_copyright(content[cursor].0)
        {
            if cursor > title_start && content[cursor].1 {
                break;
            }
            cursor += 1;
        }
        title_lines = content[title_start..cursor].iter().map(|(line, _)| *line).collect();
    } else {
        // The title, then the outlet right above the date line.
        if date_at >= 1 {
            fields.outlet = Some(content[date_at - 1].0.to_owned());
        }
        title_lines = content[..date_at.saturating_sub(1)].iter().map(|(line, _)| *line).collect();
    }
    let title = title_lines.join(" ");
    if title.is_empty() {
        warnings.push("no title in its header".to_owned());
    } else {
        fields.title = Some(title);
    }
    // Edition, copyright and key lines up to the body.
    let mut body_start = None;
    while cursor < content.len() {
        let line = content[cursor].0;
        if line.eq_ignore_ascii_case("body") {
            body_start = Some(cursor + 1);
            break;
        }
        if let Some((key, value)) = key_value(line)
            && HEADER_KEYS.contains(&key.as_str())
        {
            if key == "byline" {
                fields.author = Some(byline_name(value));
            }
            cursor += 1;
            continue;
        }
        let is_edition = cursor <= date_at + 2 && !old_layout && line.split_whitespace().count() <= 6;
        if is_copyright(line) || line.eq_ignore_ascii_case("all rights reserved") || is_edition {
            cursor += 1;
            continue;
        }
        break;
    }
    let body_start = body_start.unwrap_or(cursor);
    let mut body: Vec<(&str, bool)> = Vec::new();
    let mut in_trailer = false;
    for &(line, after_blank) in &content[body_start.min(content.len())..] {
        let lower = line.to_ascii_lowercase();
        if BODY_ENDS.contains(&lower.as_str()) || is_key_line(line, TRAILER_KEYS) {
            in_trailer = true;
            continue;
        }
        if is_copyright(line) || lower == "all rights reserved" {
            continue;
        }
        // In the classic layout a paragraph after the classification is no part of it: text of the next
        // article whose header was damaged, kept rather than lost. A line without a blank before it
        // continues a classification value.
        if in_trailer && (!old_layout || !after_blank) {
            continue;
        }
        in_trailer = false;
        body.push((line, after_blank));
    }
    if body.is_empty() {
        warnings.push("no body text: listed by its header alone".to_owned());
    }
    let mut text = String::new();
    for (index, (line, after_blank)) in body.iter().enumerate() {
        if index > 0 {
            text.push_str(if *after_blank || !old_layout { "\n\n" } else { "\n" });
        }
        text.push_str(line);
    }
    Ok((fields, text, warnings))
}

/// Where a Nexis Uni cover page ends, when `content` opens with one: after the list of documents, whose
/// entries end with `Search Terms:`/`Client/Matter:`/`Search Type:` lines.
fn cover_page_end(content: &[(&str, bool)]) -> Option<usize> {
    let is_cover = |line: &str| {
        [
            "user name:",
            "date and time:",
            "job number:",
            "client/matter:",
            "search terms:",
            "search type:",
            "narrowed by",
        ]
        .iter()
        .any(|marker| line.to_ascii_lowercase().starts_with(marker))
            || line.to_ascii_lowercase().starts_with("documents (")
    };
    if !content.iter().take(6).any(|(line, _)| is_cover(line)) {
        return None;
    }
    // The cover's last marker line; the lines after it that are neither key lines nor list entries start the article.
    let last = content.iter().rposition(|(line, _)| is_cover(line))?;
    let mut end = last + 1;
    // Values of the last marker may run on the next lines (a long list of sources, `Narrowed by` filters).
    while end < content.len() && !content[end].1 && !DATE_LINE.is_match(content[end].0) {
        end += 1;
    }
    Some(end)
}

/// The date of a date line, or why it cannot be trusted (a weekday that disagrees with the date).
fn checked_date(line: &str) -> Result<NaiveDate, String> {
    let caps = DATE_LINE.captures(line).ok_or("no date")?;
    let month = caps.name("month").or(caps.name("month2")).map(|m| m.as_str()).unwrap_or_default();
    let day = caps.name("day").or(caps.name("day2")).and_then(|d| d.as_str().parse().ok());
    let year = caps.name("year").or(caps.name("year2")).and_then(|y| y.as_str().parse().ok());
    let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let month = months.iter().position(|m| month.to_ascii_lowercase().starts_with(m)).map(|m| m as u32 + 1);
    let date = match (year, month, day) {
        (Some(year), Some(month), Some(day)) => NaiveDate::from_ymd_opt(year, month, day),
        _ => None,
    }
    .ok_or_else(|| format!("the date line `{line}` names no day of the calendar; left undated"))?;
    for weekday in [caps.name("before"), caps.name("after")].into_iter().flatten() {
        let written: Option<Weekday> = weekday.as_str().parse().ok();
        if written != Some(date.weekday()) {
            return Err(format!(
                "the date line `{line}` says {} but {} was a {}; left undated",
                weekday.as_str(),
                date.format("%B %-d, %Y"),
                date.format("%A")
            ));
        }
    }
    Ok(date)
}

/// True for an edition line under the date: `Final Edition`, `Late Edition - Final`, `Correction Appended`.
fn is_edition(line: &str) -> bool {
    const WORDS: &[&str] = &[
        "final",
        "late",
        "early",
        "first",
        "second",
        "third",
        "correction",
        "appended",
        "online",
        "print",
        "city",
        "national",
        "home",
        "main",
        "metro",
        "weekend",
        "edition",
        "ed.",
        "-",
        "–",
    ];
    let words: Vec<String> = line.split_whitespace().map(str::to_lowercase).collect();
    words.len() <= 5
        && words.iter().any(|w| w.starts_with("edition") || w == "appended")
        && words.iter().all(|w| WORDS.contains(&w.as_str()) || w.starts_with("edition"))
}

/// The key (lower case) and value of a `Key: value` line.
fn key_value(line: &str) -> Option<(String, &str)> {
    let caps = KEY_LINE.captures(line)?;
    Some((caps.name("key")?.as_str().to_ascii_lowercase(), caps.name("value")?.as_str().trim()))
}

/// True for a `Key: value` line whose key is one of `keys`.
fn is_key_line(line: &str, keys: &[&str]) -> bool {
    key_value(line).is_some_and(|(key, _)| keys.contains(&key.as_str()))
}

/// True for a copyright line (`Copyright 2020 Calvera Herald`, `© 2020 …`).
fn is_copyright(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    lower.starts_with("copyright") || lower.starts_with('©') || lower.starts_with("(c) ")
}

/// The author's name from a byline value: `By LENA GRAVES` → `Lena Graves`; names in mixed case stay as written.
fn byline_name(value: &str) -> String {
    let name = value.trim();
    let name = name
        .strip_prefix("By ")
        .or_else(|| name.strip_prefix("BY "))
        .or_else(|| name.strip_prefix("by "))
        .unwrap_or(name);
    let name = name.trim().trim_end_matches([',', '.']);
    if name.chars().any(char::is_lowercase) {
        return name.to_owned();
    }
    // All capitals: each word capitalised.
    name.split(' ')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_lines_and_weekdays() {
        assert_eq!(checked_date("March 3, 2020 Tuesday"), Ok(NaiveDate::from_ymd_opt(2020, 3, 3).unwrap()));
        assert_eq!(checked_date("Tuesday, March 3, 2020"), Ok(NaiveDate::from_ymd_opt(2020, 3, 3).unwrap()));
        assert_eq!(checked_date("3 March 2020 Tuesday 7:30 AM GMT"), Ok(NaiveDate::from_ymd_opt(2020, 3, 3).unwrap()));
        let wrong = checked_date("March 4, 2020 Tuesday").unwrap_err();
        assert!(wrong.contains("Wednesday"), "{wrong}");
        assert!(checked_date("February 30, 2020").is_err());
        assert!(!DATE_LINE.is_match("On March 3, 2020 the minister said"));
    }

    #[test]
    fn a_magazine_date_without_a_day_keeps_the_layout_and_says_why_it_is_undated() {
        let text = "The Olvane after the accord\nCalvera Monthly Review\nSpring 2021\nByline: Clara Vey\nBody\nThe envoy said: \"Water is shared now.\"\nLoad-Date: May 2, 2021\nEnd of Document\n";
        let records = read_nexis(text);
        let record = &records.records[0];
        assert_eq!(record.fields.title.as_deref(), Some("The Olvane after the accord"));
        assert_eq!(record.fields.outlet.as_deref(), Some("Calvera Monthly Review"));
        assert_eq!(record.fields.author.as_deref(), Some("Clara Vey"));
        assert_eq!(record.fields.date, None);
        assert_eq!(record.text, "The envoy said: \"Water is shared now.\"");
        assert_eq!(records.warnings, ["document 1: the date line `Spring 2021` names no day; left undated"]);
    }

    #[test]
    fn bylines_in_capitals_are_capitalised() {
        assert_eq!(byline_name("By LENA GRAVES"), "Lena Graves");
        assert_eq!(byline_name("Ines Carrow, Veloria Today"), "Ines Carrow, Veloria Today");
    }

    #[test]
    fn load_date_is_never_the_date() {
        let text = "1 of 1 DOCUMENT\n\nKestrand Daily\n\nMarch 3, 2020 Tuesday\n\nDam talks resume\n\nBYLINE: Mikael Dorn\n\nLENGTH: 9 words\n\nThe minister said: \"We will return to the table.\"\n\nLOAD-DATE: March 9, 2020\n\nLANGUAGE: ENGLISH\n";
        let records = read_nexis(text);
        assert_eq!(records.records.len(), 1, "{records:?}");
        let record = &records.records[0];
        assert_eq!(record.fields.date.as_deref(), Some("2020-03-03"));
        assert_eq!(record.fields.title.as_deref(), Some("Dam talks resume"));
        assert_eq!(record.text, "The minister said: \"We will return to the table.\"");
    }
}
