//! Reading an article's metadata from its text and structured fields: title, date, outlet, author, word count.

use crate::article::{DateSource, LineRole, TextLine};
use crate::{boilerplate, dates};
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

/// Metadata given by the file's structure (JSON keys, CSV columns, HTML meta tags), before the text is read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fields {
    /// Headline field.
    pub title: Option<String>,
    /// Date field, unparsed.
    pub date: Option<String>,
    /// Outlet or publisher field.
    pub outlet: Option<String>,
    /// Author field.
    pub author: Option<String>,
    /// URL field.
    pub url: Option<String>,
    /// When a crawler fetched the page (a web archive's `WARC-Date`): a date of last resort, never taken
    /// for the publication date.
    pub crawled: Option<String>,
}

/// Everything learned about one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// Headline, or the opening words when there is none.
    pub title: String,
    /// Publication date.
    pub date: Option<NaiveDate>,
    /// Where the date came from.
    pub date_source: Option<DateSource>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Author.
    pub author: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Words outside boilerplate, date lines, bylines and mastheads.
    pub words: u32,
    /// Every line of the text with its role.
    pub lines: Vec<TextLine>,
}

/// Outlets recognised by name inside a masthead line, so `Iran Press TV` reads as `Press TV`.
const KNOWN_OUTLETS: &[&str] = &[
    "Press TV",
    "Tehran Times",
    "Reuters",
    "Associated Press",
    "AFP",
    "Agence France-Presse",
    "IRNA",
    "Tasnim",
    "Fars News",
    "Mehr News",
    "Kayhan",
    "Al Jazeera",
    "Al Arabiya",
    "Al-Monitor",
    "Middle East Eye",
    "Asharq Al-Awsat",
    "Rudaw",
    "Kurdistan 24",
    "Shafaq News",
    "BBC",
    "CNN",
    "Xinhua",
    "Anadolu",
    "TASS",
    "RIA Novosti",
    "Deutsche Welle",
    "France 24",
    "Bloomberg",
    "The New York Times",
    "The Washington Post",
    "The Guardian",
    "The Times",
    "Financial Times",
    "The Wall Street Journal",
    "Wikinews",
    "Sputnik",
    "Euronews",
    "NPR",
    "Fox News",
    "NBC News",
    "ABC News",
    "CBS News",
    "The Independent",
    "Daily Mail",
    "USA Today",
    "Politico",
    "The Hill",
    "Axios",
    "Breitbart",
    "HuffPost",
    "The Huffington Post",
    "The Atlantic",
    "Newsweek",
    "MSNBC",
    "Sky News",
    "The Telegraph",
    "Los Angeles Times",
    "Chicago Tribune",
    "The Boston Globe",
    "ProPublica",
    "CBC News",
    "CTV News",
    "Global News",
    "The Globe and Mail",
    "Toronto Star",
    "National Post",
    "The Canadian Press",
];

/// The outlet a name stands for, when it is a known one (`Reuters`, `The Guardian`, `the Associated Press`).
pub fn known_outlet(name: &str) -> Option<&'static str> {
    fn bare(name: &str) -> &str {
        name.strip_prefix("The ").or_else(|| name.strip_prefix("the ")).unwrap_or(name)
    }
    KNOWN_OUTLETS.iter().copied().find(|known| bare(known) == bare(name))
}

/// Last words that mark a short line as an outlet's name (`The Meridian Post`, `Kestrand Daily`).
const OUTLET_WORDS: &[&str] = &[
    "Times",
    "Post",
    "News",
    "Daily",
    "Press",
    "TV",
    "Herald",
    "Tribune",
    "Journal",
    "Gazette",
    "Today",
    "Wire",
    "Agency",
    "Telegraph",
    "Guardian",
    "Monitor",
    "Observer",
    "Chronicle",
    "Radio",
    "Network",
    "Media",
    "Express",
    "Mail",
    "Independent",
    "Online",
    "Review",
    "Standard",
    "Dispatch",
    "Bulletin",
    "Courier",
    "Report",
    "Weekly",
];

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:by|written by|reporting by|author:|words by)\s+(?P<name>\p{Lu}[\p{L}'’.\-]*(?:\s+(?:\p{Lu}[\p{L}'’.\-]*|de|da|del|van|von|der|la|le|bin|ibn|al-\p{L}+)){0,4})(?:\s*(?:,|\||/|-|–|—|\bfor\b|\band\b)\s*(?P<rest>.*))?$").unwrap()
});

static WIRE_DATELINE: LazyLock<Regex> =
    // `KESTRAND CITY (Northwind Wire) –`, also with a date after the place: `ARVENHOLT, April 30, 2023 (…) –`.
    LazyLock::new(|| {
        Regex::new(r"^\p{Lu}[\p{Lu}\s,.'\-]{1,40}(?:,\s*[\p{L}\d ,.]{3,30}?)?\s*\((?P<outlet>[^()]{2,30})\)\s*[-–—:]")
            .unwrap()
    });

/// A site's domain standing for its outlet (`presstv.ir`); compiled once, as outlets are looked for on
/// every header line of every article.
static DOMAIN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z0-9-]+\.(?:com|net|org|co\.uk|ir|iq|news)$").unwrap());

/// `© 2023 Calvera Herald. All rights reserved.`: the owner of the copyright, as a last sign of the outlet.
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?,?\s*)?(?P<owner>[^.|,;]+)").unwrap()
});

/// The first lines of an article are its header: title, date line, byline and masthead live there.
const HEADER_MAX_LINES: usize = 40;

/// Analyses an article's text together with its structured fields and its file name.
pub fn analyze(text: &str, fields: &Fields, file_name: &str) -> Analysis {
    let mut lines = split_lines(text);
    let mut text_date: Option<NaiveDate> = None;
    let mut author: Option<String> = None;
    let mut outlet: Option<String> = None;
    let mut header_end: Option<usize> = None;
    let mut body_lines_seen = 0;

    for (index, line) in lines.iter_mut().enumerate() {
        let content = clean(&text[line.range.clone()]);
        if content.is_empty() {
            line.role = LineRole::Blank;
            continue;
        }
        if boilerplate::is_boilerplate(content) {
            line.role = LineRole::Boilerplate;
            continue;
        }
        let in_header = index < HEADER_MAX_LINES && body_lines_seen < 2;
        if !in_header {
            header_end.get_or_insert(index);
            continue;
        }
        if let Some((date, leftover)) = dates::date_line(content) {
            line.role = LineRole::Date;
            text_date = text_date.or(Some(date));
            outlet = outlet.or_else(|| outlet_name(&leftover));
            continue;
        }
        if let Some(caps) = BYLINE.captures(content) {
            line.role = LineRole::Byline;
            author = author.or_else(|| Some(caps["name"].trim_end_matches(['.', ',']).to_owned()));
            if let Some(rest) = caps.name("rest") {
                outlet = outlet.or_else(|| outlet_name(rest.as_str()));
            }
            continue;
        }
        if let Some(name) = outlet_name(content) {
            line.role = LineRole::Masthead;
            outlet = outlet.or(Some(name));
            continue;
        }
        if is_paragraph(content) {
            body_lines_seen += 1;
            // The dateline opens the first paragraph, or the second after a photo caption.
            if text_date.is_none() {
                text_date = dates::opening_dateline(content);
            }
            if outlet.is_none() {
                outlet = WIRE_DATELINE.captures(content).and_then(|caps| outlet_name(&caps["outlet"]));
            }
        }
    }
    let header_end = header_end.unwrap_or(lines.len()).min(HEADER_MAX_LINES);
    if outlet.is_none() {
        outlet = lines.iter().filter(|line| line.role == LineRole::Boilerplate).find_map(|line| {
            COPYRIGHT.captures(clean(&text[line.range.clone()])).and_then(|caps| outlet_name(&caps["owner"]))
        });
    }

    let title = choose_title(text, &mut lines[..header_end], fields.title.as_deref());
    let words = lines
        .iter()
        .filter(|line| matches!(line.role, LineRole::Body | LineRole::Title))
        .map(|line| count_words(&text[line.range.clone()]))
        .sum::<usize>() as u32;

    let field_date = fields.date.as_deref().and_then(dates::parse_date_value);
    let (date, date_source) = if let Some(date) = field_date {
        (Some(date), Some(DateSource::Field))
    } else if let Some(date) = text_date {
        (Some(date), Some(DateSource::Text))
    } else if let Some(date) = dates::date_from_filename(file_name) {
        (Some(date), Some(DateSource::Filename))
    } else if let Some(date) = fields.crawled.as_deref().and_then(dates::parse_date_value) {
        (Some(date), Some(DateSource::Crawl))
    } else {
        (None, None)
    };

    Analysis {
        title,
        date,
        date_source,
        outlet: non_empty(fields.outlet.as_deref()).or(outlet).or_else(|| fields.url.as_deref().and_then(url_host)),
        author: non_empty(fields.author.as_deref()).or(author),
        url: non_empty(fields.url.as_deref()),
        words,
        lines,
    }
}

/// Splits text into lines (without `\n` or `\r`), all marked as body to start with.
fn split_lines(text: &str) -> Vec<TextLine> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (index, _) in text.match_indices('\n').chain(std::iter::once((text.len(), ""))) {
        let mut end = index;
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        lines.push(TextLine { range: start..end, role: LineRole::Body });
        start = index + 1;
    }
    if text.ends_with('\n') {
        lines.pop();
    }
    lines
}

/// Trims whitespace (non-breaking spaces included) and Markdown emphasis from a line.
fn clean(line: &str) -> &str {
    line.trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | '\u{feff}'))
}

/// A paragraph of running text, as opposed to a headline or a label.
fn is_paragraph(line: &str) -> bool {
    if line.starts_with('#') {
        return false;
    }
    let words = count_words(line);
    words >= 25 || words >= 12 && line.ends_with(['.', '"', '”', '?', '!', ':'])
}

/// Counts words: runs of characters that hold at least one letter or digit.
pub fn count_words(text: &str) -> usize {
    text.split_whitespace().filter(|word| word.chars().any(char::is_alphanumeric)).count()
}

/// The outlet a short line names: a known outlet inside it, or a title-cased name ending in an outlet word.
fn outlet_name(line: &str) -> Option<String> {
    let line = line.trim().trim_end_matches(['.', ',', '|']).trim();
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 {
        return None;
    }
    // A short sentence that names an outlet (`The ferry sank, Reuters reported.`) is no masthead.
    let sentence_words = words
        .iter()
        .filter(|w| {
            w.chars().next().is_some_and(char::is_lowercase) && !matches!(**w, "by" | "via" | "from" | "and" | "of")
        })
        .count();
    if let Some(known) = KNOWN_OUTLETS.iter().find(|name| contains_words(line, name))
        && sentence_words < 2
    {
        return Some((*known).to_owned());
    }
    let all_capitalised = words
        .iter()
        .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) || *w == "of" || *w == "the");
    let last = words.last().unwrap().trim_matches(|c: char| !c.is_alphanumeric());
    let looks_like_outlet = all_capitalised && words.len() >= 2 && OUTLET_WORDS.contains(&last);
    let is_domain = words.len() == 1 && DOMAIN.is_match(line);
    (looks_like_outlet || is_domain).then(|| line.to_owned())
}

/// True when `needle` stands in `haystack` as whole words.
fn contains_words(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(start, _)| {
        let before = haystack[..start].chars().next_back();
        let after = haystack[start + needle.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Picks the headline among the header's lines and marks it, or falls back to the opening words.
fn choose_title(text: &str, header: &mut [TextLine], field_title: Option<&str>) -> String {
    let field_title = field_title.map(str::trim).filter(|t| !t.is_empty());
    // The headline comes before the first paragraph of running text; lines after it are captions or subtitles.
    let first_paragraph = header
        .iter()
        .position(|line| line.role == LineRole::Body && is_paragraph(clean(&text[line.range.clone()])))
        .unwrap_or(header.len());
    let candidates: Vec<usize> = (0..first_paragraph)
        .filter(|&i| header[i].role == LineRole::Body)
        .filter(|&i| {
            let content = clean(&text[header[i].range.clone()]);
            let words = count_words(content);
            (1..=30).contains(&words) && !is_paragraph(content)
        })
        .collect();
    let chosen = match field_title {
        // A title field wins; a header line repeating it is marked so the view does not show it twice.
        Some(title) => candidates.iter().copied().find(|&i| clean_heading(&text[header[i].range.clone()]) == title),
        None => {
            let first_date = header.iter().position(|line| line.role == LineRole::Date);
            let heading =
                candidates.iter().copied().find(|&i| text[header[i].range.clone()].trim_start().starts_with("# "));
            let before_date: Vec<usize> =
                candidates.iter().copied().filter(|&i| first_date.is_some_and(|d| i < d)).collect();
            heading
                .or_else(|| {
                    // Navigation labels come before the headline: of the lines above the date line, the longest.
                    before_date
                        .iter()
                        .copied()
                        .max_by_key(|&i| (clean(&text[header[i].range.clone()]).len(), usize::MAX - i))
                })
                .or_else(|| candidates.first().copied())
        }
    };
    if let Some(index) = chosen {
        header[index].role = LineRole::Title;
    }
    if let Some(title) = field_title {
        return title.to_owned();
    }
    match chosen {
        Some(index) => clean_heading(&text[header[index].range.clone()]).to_owned(),
        None => opening_words(text, header),
    }
}

/// A heading line without Markdown `#` marks, emphasis or whitespace.
fn clean_heading(line: &str) -> &str {
    clean(clean(line).trim_start_matches('#'))
}

/// The first words of the first body line, cut near 100 characters at a word boundary.
fn opening_words(text: &str, header: &[TextLine]) -> String {
    let Some(line) = header.iter().find(|line| line.role == LineRole::Body) else {
        return String::new();
    };
    let content = clean_heading(&text[line.range.clone()]);
    if content.chars().count() <= 100 {
        return content.to_owned();
    }
    let cut = dates::floor_char_boundary(content, 100);
    let cut = content[..cut].rfind(' ').unwrap_or(cut);
    format!("{}…", content[..cut].trim_end_matches([',', ';', ':']))
}

/// The host of a URL without `www.`, as a last guess at the outlet: `https://www.example.com/a` → `example.com`.
fn url_host(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?.trim_start_matches("www.");
    host.contains('.').then(|| host.to_ascii_lowercase())
}

fn non_empty(value: Option<&str>) -> Option<String> {
    value.map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyze_text(text: &str) -> Analysis {
        analyze(text, &Fields::default(), "article.txt")
    }

    #[test]
    fn date_line_then_title() {
        let a = analyze_text(
            "| 22 April 2024, Monday |\n\nUS presence destructive: Iran president\n\nIran’s President Hassan Rouhani says the military presence of US forces in Iraq will not help restore stability and security to this country.\n",
        );
        assert_eq!(a.title, "US presence destructive: Iran president");
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2024, 4, 22));
        assert_eq!(a.date_source, Some(DateSource::Text));
    }

    #[test]
    fn byline_title_date_subtitle() {
        let a = analyze_text(
            "By Faramarz Kuhpayeh\n\nNot Even a Single American Soldier\n\nApril 30, 2023 - 21:54\nWhy the presence of America in Iraq is harmful for Iraqis and others?\n\nTEHRAN – Ayatollah Seyed Ali Khamenei, the Leader of the Islamic Revolution, reiterated Iran’s strategic position that American troops should leave.\n",
        );
        assert_eq!(a.title, "Not Even a Single American Soldier");
        assert_eq!(a.author.as_deref(), Some("Faramarz Kuhpayeh"));
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2023, 4, 30));
    }

    #[test]
    fn masthead_and_navigation_before_title() {
        let a = analyze_text(
            "UNITED24 - Make a charitable donation in support of Ukraine!\n\nWeapons of Mass Destruction (WMD)\n\nIran Press TV\n\nRapid expulsion of US forces boosts stability in Iraq: Iran's top security official\n\nIran Press TV\n\nMonday, 12 April 2021 2:36 PM\n\nThe secretary of Iran's Supreme National Security Council (SNSC) says speeding up the expulsion of American forces from Iraq will help boost stability in the country.\n",
        );
        assert_eq!(a.title, "Rapid expulsion of US forces boosts stability in Iraq: Iran's top security official");
        assert_eq!(a.outlet.as_deref(), Some("Press TV"));
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2021, 4, 12));
        assert_eq!(a.lines[0].role, LineRole::Boilerplate);
    }

    #[test]
    fn no_title_line_uses_opening_words_and_no_date() {
        let a = analyze_text(
            "Iran has voiced its agreement with the news that Iraq is preparing to end the mission of the US-led international coalition in the Middle Eastern country, while Washington has reacted differently.\nOn December 9, 2021, Washington officially announced the end of the US combat mission in Iraq but still maintained troops.\n",
        );
        assert!(a.title.starts_with("Iran has voiced its agreement"));
        assert!(a.title.ends_with('…'));
        assert!(a.title.chars().count() <= 101);
        assert_eq!(a.date, None);
        assert_eq!(a.date_source, None);
    }

    #[test]
    fn boilerplate_is_not_counted() {
        let a = analyze_text("Title here\n\nOne two three four.\n\nRelated Articles\n\nBack to top button\n");
        assert_eq!(a.words, 6);
    }

    #[test]
    fn fields_win_over_text_and_filename() {
        let fields = Fields {
            title: Some("Headline".into()),
            date: Some("2020-11-03".into()),
            outlet: Some("Kestrand Daily".into()),
            ..Fields::default()
        };
        let a = analyze("Friday, January 4, 2019\n\nHeadline\n\nBody text here.", &fields, "2018-01-01-x.txt");
        assert_eq!(a.title, "Headline");
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2020, 11, 3));
        assert_eq!(a.date_source, Some(DateSource::Field));
        assert_eq!(a.outlet.as_deref(), Some("Kestrand Daily"));
        assert_eq!(a.lines.iter().filter(|l| l.role == LineRole::Title).count(), 1);
    }

    #[test]
    fn filename_date_is_the_last_resort() {
        let a =
            analyze("Dam talks resume\n\nThe talks resumed on Monday.", &Fields::default(), "2021-04-12-dam-talks.txt");
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2021, 4, 12));
        assert_eq!(a.date_source, Some(DateSource::Filename));
    }

    #[test]
    fn markdown_heading_and_wire_dateline() {
        let a = analyze_text(
            "# Border talks stall\n\n*Veloria Today, 3 March 2022*\n\nKESTRAND CITY (Northwind Wire) – Talks between the two governments stalled on Thursday after the delegations failed to agree on a timetable.\n",
        );
        assert_eq!(a.title, "Border talks stall");
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2022, 3, 3));
        assert_eq!(a.outlet.as_deref(), Some("Veloria Today"));
        let wire = analyze_text(
            "Border talks stall\n\nKESTRAND CITY (Northwind Wire) – Talks between the two governments stalled on Thursday after the delegations failed to agree on a timetable.\n",
        );
        assert_eq!(wire.outlet.as_deref(), Some("Northwind Wire"));
        let dated = analyze_text(
            "Accord signed\n\nA photo of the signing. (Photo: J. Maren)\n\nARVENHOLT, April 30, 2023 (Northwind Wire) – The two governments signed the accord on Sunday.\n",
        );
        assert_eq!(dated.outlet.as_deref(), Some("Northwind Wire"));
        assert_eq!(dated.date, NaiveDate::from_ymd_opt(2023, 4, 30));
    }

    #[test]
    fn copyright_line_names_the_outlet_when_nothing_else_does() {
        let a = analyze_text(
            "Dam talks\n\nThe talks resumed on Monday after a long pause.\n\n© 2023 Calvera Herald. All rights reserved.\n",
        );
        assert_eq!(a.outlet.as_deref(), Some("Calvera Herald"));
        let person =
            analyze_text("Dam talks\n\nThe talks resumed on Monday after a long pause.\n\nCopyright 2023 Jane Smith\n");
        assert_eq!(person.outlet, None, "a person's copyright names no outlet");
    }

    #[test]
    fn outlet_from_url_host_when_nothing_else_names_it() {
        let fields = Fields { url: Some("https://en.wikinews.org//wiki/Story".into()), ..Fields::default() };
        assert_eq!(analyze("Body.", &fields, "a.csv").outlet.as_deref(), Some("en.wikinews.org"));
    }

    #[test]
    fn caption_after_first_paragraph_is_not_a_title() {
        let a = analyze_text(
            "Iran has voiced its agreement with the news that Iraq is preparing to end the mission of the coalition, while Washington has reacted differently.\nThe US is maintaining 2,500 troops in Iraq. (source: US Army) |\n",
        );
        assert!(a.title.starts_with("Iran has voiced"));
    }

    #[test]
    fn crlf_lines() {
        let a = analyze_text("Headline\r\n\r\nBody.\r\n");
        assert_eq!(a.title, "Headline");
        assert_eq!(a.lines.len(), 3);
    }
}
