//! Finding and parsing publication dates: in structured fields, in date lines of the text, and in file names.

use chrono::{Datelike, NaiveDate, Weekday};
use regex::Regex;
use std::sync::LazyLock;

const MONTH: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
const WEEKDAY: &str =
    r"(?:Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|Thu(?:r(?:s(?:day)?)?)?|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)";

/// A date written in text, with the byte range it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMatch {
    /// Byte range of the date (weekday included when written next to it).
    pub range: std::ops::Range<usize>,
    /// The calendar date.
    pub date: NaiveDate,
}

struct DatePatterns {
    month_first: Regex,
    day_first: Regex,
    numeric: Regex,
    weekday_before: Regex,
    weekday_after: Regex,
    time: Regex,
    filler: Regex,
    filename: Regex,
}

static PATTERNS: LazyLock<DatePatterns> = LazyLock::new(|| {
    DatePatterns {
    month_first: Regex::new(&format!(
        r"(?i)\b(?P<m>{MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:1[89]|20|21)\d\d)\b"
    ))
    .unwrap(),
    day_first: Regex::new(&format!(
        r"(?i)\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{MONTH})\.?,?\s+(?P<y>(?:1[89]|20|21)\d\d)\b"
    ))
    .unwrap(),
    numeric: Regex::new(r"\b(?P<y>(?:1[89]|20|21)\d\d)[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?:\b|T)").unwrap(),
    weekday_before: Regex::new(&format!(r"(?i)\b(?P<w>{WEEKDAY})\.?,?\s*$")).unwrap(),
    weekday_after: Regex::new(&format!(r"(?i)^\s*,?\s*(?P<w>{WEEKDAY})\b\.?")).unwrap(),
    time: Regex::new(r"(?i)\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*\(?(?:GMT|UTC|[A-Z]{2,4}T)(?:[+-]\d{1,2}(?::?\d{2})?)?\)?)?").unwrap(),
    filler: Regex::new(
        r"(?i)\b(?:published|posted|updated|last|modified|created|date|dated|on|at|am|pm|gmt|utc|edt|est|cet|cest|bst|ist)\b",
    )
    .unwrap(),
    // Either eight digits or three parts with separators, never glued to other letters or digits.
    filename: Regex::new(r"(?:^|[^0-9A-Za-z])(?P<y>(?:19|20)\d\d)(?:(?P<m>[01]\d)(?P<d>[0-3]\d)|[-_.](?P<m2>[01]\d)[-_.](?P<d2>[0-3]\d))(?:[^0-9A-Za-z]|$)").unwrap(),
}
});

/// Parses a month name or abbreviation.
fn month_number(name: &str) -> Option<u32> {
    let lower = name.trim_end_matches('.').to_ascii_lowercase();
    const NAMES: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    NAMES.iter().position(|n| lower.starts_with(n)).map(|i| i as u32 + 1)
}

fn weekday_of(name: &str) -> Option<Weekday> {
    let lower = name.to_ascii_lowercase();
    const NAMES: [(&str, Weekday); 7] = [
        ("mon", Weekday::Mon),
        ("tue", Weekday::Tue),
        ("wed", Weekday::Wed),
        ("thu", Weekday::Thu),
        ("fri", Weekday::Fri),
        ("sat", Weekday::Sat),
        ("sun", Weekday::Sun),
    ];
    NAMES.iter().find(|(n, _)| lower.starts_with(n)).map(|(_, w)| *w)
}

/// Finds every written date with a year in `text` ("12 April 2021", "April 30, 2023", "2021-04-12").
///
/// A weekday written beside the date must agree with it, or the date is not returned.
pub fn find_dates(text: &str) -> Vec<DateMatch> {
    let patterns = &*PATTERNS;
    let mut found: Vec<DateMatch> = Vec::new();
    for (regex, is_numeric) in [(&patterns.month_first, false), (&patterns.day_first, false), (&patterns.numeric, true)]
    {
        for caps in regex.captures_iter(text) {
            let whole = caps.get(0).unwrap();
            let year: i32 = caps["y"].parse().unwrap_or(0);
            let month = if is_numeric { caps["m"].parse().ok() } else { month_number(&caps["m"]) };
            let day: u32 = caps["d"].parse().unwrap_or(0);
            let Some(date) = month.and_then(|m| NaiveDate::from_ymd_opt(year, m, day)) else {
                continue;
            };
            let mut range = whole.range();
            let mut weekday_agrees = true;
            if let Some(w) = patterns.weekday_before.captures(&text[..range.start]) {
                weekday_agrees &= weekday_of(&w["w"]) == Some(date.weekday());
                range.start = w.get(0).unwrap().start();
            }
            if let Some(w) = patterns.weekday_after.captures(&text[range.end..]) {
                weekday_agrees &= weekday_of(&w["w"]) == Some(date.weekday());
                range.end += w.get(0).unwrap().end();
            }
            if weekday_agrees && !found.iter().any(|f| f.range.start < range.end && range.start < f.range.end) {
                found.push(DateMatch { range, date });
            }
        }
    }
    found.sort_by_key(|m| m.range.start);
    found
}

/// Returns the date when `line` is a date line: a date with little else around it
/// (`| 22 April 2024, Monday |`, `April 30, 2023 - 21:54`, `Published: 3 March 2022`),
/// with what is left of the line once dates, times and filler words are gone (often a place or outlet).
pub fn date_line(line: &str) -> Option<(NaiveDate, String)> {
    let line = line.trim();
    if line.len() > 90 || line.ends_with('.') && !line.ends_with("a.m.") && !line.ends_with("p.m.") {
        return None;
    }
    let matches = find_dates(line);
    let first = matches.first()?;
    let mut rest = String::with_capacity(line.len());
    rest.push_str(&line[..first.range.start]);
    rest.push(' ');
    rest.push_str(&line[first.range.end..]);
    let rest = PATTERNS.time.replace_all(&rest, " ");
    let rest = PATTERNS.filler.replace_all(&rest, " ");
    // What is left may name a place or an outlet ("Veloria Today, 3 March 2022"), but no sentence.
    let leftover_words = rest.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).count();
    let leftover = rest.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
    (leftover_words <= 4).then_some((first.date, leftover))
}

/// Returns the date of a dateline that opens a paragraph: `TEHRAN, April 30, 2023 (IRNA) – …`.
pub fn opening_dateline(paragraph: &str) -> Option<NaiveDate> {
    let head = &paragraph[..floor_char_boundary(paragraph, 80)];
    let first = find_dates(head).into_iter().next()?;
    let prefix = head[..first.range.start].trim();
    let is_place = prefix.chars().all(|c| c.is_uppercase() || matches!(c, ' ' | ',' | '.' | '\'' | '-' | '/'));
    let after = head[first.range.end..].trim_start();
    let after = after.strip_prefix('(').and_then(|a| a.split_once(')')).map_or(after, |(_, rest)| rest.trim_start());
    let dash_follows = after.starts_with(['-', '–', '—', ':']);
    (is_place && dash_follows).then_some(first.date)
}

/// Parses a structured date value from a metadata field: ISO 8601, RFC 2822, written dates, Unix seconds.
pub fn parse_date_value(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if let Ok(stamp) = chrono::DateTime::parse_from_rfc3339(value) {
        return Some(stamp.date_naive());
    }
    if let Ok(stamp) = chrono::DateTime::parse_from_rfc2822(value) {
        return Some(stamp.date_naive());
    }
    if value.len() >= 8 && value.len() <= 10 && value.bytes().all(|b| b.is_ascii_digit()) {
        if value.len() == 8 {
            if let Ok(date) = NaiveDate::parse_from_str(value, "%Y%m%d") {
                return Some(date);
            }
        }
        let seconds: i64 = value.parse().ok()?;
        return chrono::DateTime::from_timestamp(seconds, 0).map(|stamp| stamp.date_naive());
    }
    find_dates(value).first().map(|m| m.date)
}

/// Finds a date written in a file name: `2021-04-12-talks.txt`, `report_20210412.html`.
pub fn date_from_filename(name: &str) -> Option<NaiveDate> {
    PATTERNS.filename.captures_iter(name).find_map(|caps| {
        let year = caps.name("y")?.as_str().parse().ok()?;
        let month = caps.name("m").or_else(|| caps.name("m2"))?.as_str().parse().ok()?;
        let day = caps.name("d").or_else(|| caps.name("d2"))?.as_str().parse().ok()?;
        NaiveDate::from_ymd_opt(year, month, day)
    })
}

/// The largest char boundary of `text` at or below `index`.
pub fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn date_lines_in_the_shapes_news_sites_use() {
        assert_eq!(date_line("| 22 April 2024, Monday |").map(|(date, _)| date), ymd(2024, 4, 22));
        assert_eq!(date_line("April 30, 2023 - 21:54").map(|(date, _)| date), ymd(2023, 4, 30));
        assert_eq!(date_line("Monday, 12 April 2021 2:36 PM").map(|(date, _)| date), ymd(2021, 4, 12));
        assert_eq!(date_line("Friday, January 4, 2019\u{a0}").map(|(date, _)| date), ymd(2019, 1, 4));
        assert_eq!(date_line("Published: 3 March 2022").map(|(date, _)| date), ymd(2022, 3, 3));
        assert_eq!(date_line("Posted on Sept. 9, 2020 at 10:15 a.m. EDT").map(|(date, _)| date), ymd(2020, 9, 9));
        assert_eq!(date_line("2021-04-12T14:36").map(|(date, _)| date), ymd(2021, 4, 12));
    }

    #[test]
    fn sentences_that_mention_dates_are_not_date_lines() {
        assert_eq!(date_line("On December 9, 2021, Washington officially announced the end of the mission."), None);
        assert_eq!(date_line("The talks began on 3 March 2022 and ended without agreement between the sides"), None);
    }

    #[test]
    fn weekday_must_agree() {
        assert_eq!(date_line("Tuesday, 12 April 2021"), None);
        assert_eq!(find_dates("Monday, 12 April 2021").len(), 1);
    }

    #[test]
    fn impossible_dates_are_skipped() {
        assert!(find_dates("February 30, 2021").is_empty());
        assert!(find_dates("2021-13-01").is_empty());
    }

    #[test]
    fn structured_values() {
        assert_eq!(parse_date_value("2022-06-01T09:30:00Z"), ymd(2022, 6, 1));
        assert_eq!(parse_date_value("2020-11-03"), ymd(2020, 11, 3));
        assert_eq!(parse_date_value("Mon, 12 Apr 2021 14:36:00 GMT"), ymd(2021, 4, 12));
        assert_eq!(parse_date_value("April 12, 2021"), ymd(2021, 4, 12));
        assert_eq!(parse_date_value("20210412"), ymd(2021, 4, 12));
        assert_eq!(parse_date_value("1618238160"), ymd(2021, 4, 12));
        assert_eq!(parse_date_value("2021/04/12 10:00"), ymd(2021, 4, 12));
        assert_eq!(parse_date_value("soon"), None);
        assert_eq!(parse_date_value(""), None);
    }

    #[test]
    fn file_names() {
        assert_eq!(date_from_filename("2021-04-12-dam-talks.txt"), ymd(2021, 4, 12));
        assert_eq!(date_from_filename("report_20210412.html"), ymd(2021, 4, 12));
        assert_eq!(date_from_filename("000_e5cc49481a200140.txt"), None);
        assert_eq!(date_from_filename("notes.txt"), None);
    }

    #[test]
    fn datelines_opening_a_paragraph() {
        assert_eq!(opening_dateline("TEHRAN, April 30, 2023 (IRNA) – The leader said"), ymd(2023, 4, 30));
        assert_eq!(opening_dateline("On April 30, 2023 – something"), None);
    }
}
