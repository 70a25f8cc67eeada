//! Reading an article from an HTML page: its metadata tags and its main text, without scripts, menus or styles.

use super::{RawRecord, Records};
use crate::metadata::Fields;
use scraper::{ElementRef, Html, Node, Selector};
use std::sync::LazyLock;

/// Elements that never hold article text.
const SKIPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "nav", "aside", "form", "iframe", "svg", "button", "template", "select", "input",
    "textarea", "canvas", "video", "audio", "object", "embed", "menu", "dialog", "head",
];

/// Elements that start a new paragraph.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "br",
    "tr",
    "dd",
    "dt",
    "figcaption",
    "address",
    "main",
    "ul",
    "ol",
    "table",
    "hr",
    "time",
];

/// Class or id words of page furniture: menus, sharing bars, comment sections, related links.
const FURNITURE_WORDS: &[&str] = &[
    "nav",
    "menu",
    "sidebar",
    "comment",
    "share",
    "social",
    "related",
    "advert",
    "cookie",
    "newsletter",
    "subscribe",
    "promo",
    "breadcrumb",
    "banner",
    "masthead",
    "toolbar",
    "popup",
    "modal",
];

static META: LazyLock<Selector> = LazyLock::new(|| Selector::parse("meta").unwrap());
static TITLE: LazyLock<Selector> = LazyLock::new(|| Selector::parse("title").unwrap());
static H1: LazyLock<Selector> = LazyLock::new(|| Selector::parse("h1").unwrap());
static CANONICAL: LazyLock<Selector> = LazyLock::new(|| Selector::parse("link[rel=canonical]").unwrap());
static TIME: LazyLock<Selector> = LazyLock::new(|| Selector::parse("time[datetime]").unwrap());
static JSON_LD: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse(r#"script[type="application/ld+json"]"#).unwrap());
/// Where the main text is looked for, best first.
static MAIN: LazyLock<[Selector; 4]> =
    LazyLock::new(|| ["article", "main", "[role=main]", "body"].map(|s| Selector::parse(s).unwrap()));

/// How deep elements may nest before the ones below are flattened into their ancestor. Real pages stay
/// far below; the HTML parser's work per tag grows with the depth, so a page nested 100,000 deep would
/// otherwise take minutes.
pub const MAX_HTML_DEPTH: usize = 256;

/// Elements that hold nothing, so never nest.
const VOID_TAGS: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

/// Elements whose end tag may be left out: the next sibling closes them, so they never nest deep, and
/// counting them as open would flatten ordinary pages that leave them unclosed.
const OPTIONAL_END_TAGS: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "rb", "rt",
    "rp", "caption", "html", "head", "body",
];

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT_TAGS: &[&str] = &["script", "style", "textarea", "title", "xmp", "noembed", "noframes", "plaintext"];

/// Drops the tags that would open elements deeper than `max_depth` (and their end tags), keeping all text,
/// in one pass over the page. Returns `None` when nothing is that deep. The depth counted is approximate
/// (end tags are matched by count, not name), which is enough to bound it.
pub fn limit_nesting(source: &str, max_depth: usize) -> Option<String> {
    let bytes = source.as_bytes();
    let mut kept = String::new();
    let mut copied_to = 0;
    let (mut depth, mut dropped_open) = (0usize, 0usize);
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + offset;
        let rest = &source[start..];
        // Comments, doctypes and processing instructions hold no elements.
        if rest.starts_with("<!--") {
            at = rest.find("-->").map_or(source.len(), |end| start + end + 3);
            continue;
        }
        let Some(tag_end) = memchr::memchr(b'>', &bytes[start..]).map(|end| start + end + 1) else { break };
        let is_end_tag = rest.starts_with("</");
        let name: String = rest[if is_end_tag { 2 } else { 1 }..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        at = tag_end;
        if name.is_empty() || VOID_TAGS.contains(&name.as_str()) || OPTIONAL_END_TAGS.contains(&name.as_str()) {
            continue;
        }
        let is_self_closing = source[..tag_end].ends_with("/>");
        let drop = if is_end_tag {
            if dropped_open > 0 {
                dropped_open -= 1;
                true
            } else {
                depth = depth.saturating_sub(1);
                false
            }
        } else if is_self_closing {
            false
        } else if depth >= max_depth {
            dropped_open += 1;
            true
        } else {
            depth += 1;
            false
        };
        if drop {
            kept.push_str(&source[copied_to..start]);
            copied_to = tag_end;
        }
        // Raw text (scripts, styles) may hold `<` that opens nothing: skip to its end tag.
        if !is_end_tag && !is_self_closing && RAW_TEXT_TAGS.contains(&name.as_str()) {
            let closing = format!("</{name}");
            let lower_rest = source[at..].to_ascii_lowercase();
            at = lower_rest.find(&closing).map_or(source.len(), |end| at + end);
        }
    }
    if copied_to == 0 {
        return None;
    }
    kept.push_str(&source[copied_to..]);
    Some(kept)
}

/// Reads one article from an HTML page.
pub fn read_html(source: &str) -> Records {
    let flattened = limit_nesting(source, MAX_HTML_DEPTH);
    let document = Html::parse_document(flattened.as_deref().unwrap_or(source));
    let mut fields = Fields::default();
    let mut site_name = None;
    for meta in document.select(&META) {
        let element = meta.value();
        let key = element.attr("property").or(element.attr("name")).or(element.attr("itemprop")).unwrap_or("");
        let Some(content) = element.attr("content").map(str::trim).filter(|c| !c.is_empty()) else {
            continue;
        };
        let slot = match key.to_ascii_lowercase().as_str() {
            "og:title" | "twitter:title" | "headline" | "dc.title" => &mut fields.title,
            "article:published_time"
            | "og:published_time"
            | "date"
            | "pubdate"
            | "publishdate"
            | "publish-date"
            | "publication_date"
            | "dc.date"
            | "dc.date.issued"
            | "dcterms.created"
            | "datepublished"
            | "sailthru.date"
            | "parsely-pub-date"
            | "article.published" => &mut fields.date,
            "author" | "byl" | "parsely-author" | "dc.creator" | "sailthru.author" => &mut fields.author,
            "article:author" if !content.starts_with("http") => &mut fields.author,
            "og:site_name" | "application-name" | "publisher" | "dc.publisher" => &mut site_name,
            "og:url" => &mut fields.url,
            _ => continue,
        };
        slot.get_or_insert_with(|| content.to_owned());
    }
    if let Some(link) = document.select(&CANONICAL).next().and_then(|l| l.value().attr("href")) {
        fields.url = Some(link.trim().to_owned());
    }
    if fields.date.is_none() {
        fields.date = document.select(&TIME).next().and_then(|t| t.value().attr("datetime")).map(str::to_owned);
    }
    for script in document.select(&JSON_LD) {
        json_ld_fields(&script.text().collect::<String>(), &mut fields, &mut site_name);
    }
    if fields.title.is_none() {
        fields.title = document.select(&H1).next().map(|h| collapse_whitespace(&h.text().collect::<String>()));
    }
    if fields.title.is_none() {
        fields.title =
            document.select(&TITLE).next().map(|t| page_title(&t.text().collect::<String>(), site_name.as_deref()));
    }
    fields.title = fields.title.filter(|t| !t.trim().is_empty());
    fields.outlet = site_name;

    let article_root = MAIN[..3].iter().find_map(|selector| document.select(selector).next());
    // Outside an <article> or <main>, page headers hold the site's name and menus, not the headline.
    let skip_headers = article_root.is_none();
    let root = article_root.or_else(|| document.select(&MAIN[3]).next()).unwrap_or_else(|| document.root_element());
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    collect_text(root, skip_headers, &mut paragraphs, &mut current);
    flush(&mut paragraphs, &mut current);
    let text = paragraphs.join("\n\n");

    let mut records = Records::default();
    if flattened.is_some() {
        records.warn(format!(
            "elements nested deeper than {MAX_HTML_DEPTH} levels were read as one (the page's text is all kept)"
        ));
    }
    if text.trim().is_empty() {
        records.fail("the page has no readable text (no body, or only scripts and menus)");
    } else {
        records.records.push(RawRecord { record: 0, fields, text, byte_range: 0..source.len(), member: None });
    }
    records
}

/// Walks an element, adding its text to `current` and closing paragraphs at block boundaries. The walk
/// keeps its own stack, so no depth of nesting can overflow the thread's.
fn collect_text(element: ElementRef, skip_headers: bool, paragraphs: &mut Vec<String>, current: &mut String) {
    enum Step<'a> {
        Visit(ego_tree::NodeRef<'a, Node>),
        EndBlock,
    }
    let mut steps: Vec<Step> = element.children().rev().map(Step::Visit).collect();
    while let Some(step) = steps.pop() {
        let child = match step {
            Step::EndBlock => {
                flush(paragraphs, current);
                continue;
            }
            Step::Visit(child) => child,
        };
        match child.value() {
            Node::Text(text) => {
                let text: &str = text;
                if text.chars().any(|c| !c.is_whitespace()) || !current.is_empty() {
                    current.push_str(text);
                }
            }
            Node::Element(child_element) => {
                let name = child_element.name();
                let is_page_chrome = name == "footer" || skip_headers && name == "header";
                if SKIPPED_TAGS.contains(&name) || is_page_chrome || is_furniture(child_element) {
                    continue;
                }
                if BLOCK_TAGS.contains(&name) {
                    flush(paragraphs, current);
                    steps.push(Step::EndBlock);
                }
                steps.extend(child.children().rev().map(Step::Visit));
            }
            _ => {}
        }
    }
}

fn flush(paragraphs: &mut Vec<String>, current: &mut String) {
    let paragraph = collapse_whitespace(current);
    if !paragraph.is_empty() {
        paragraphs.push(paragraph);
    }
    current.clear();
}

fn is_furniture(element: &scraper::node::Element) -> bool {
    let names = [element.attr("class").unwrap_or(""), element.attr("id").unwrap_or("")].join(" ").to_ascii_lowercase();
    names
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|word| FURNITURE_WORDS.iter().any(|f| word == *f || word.starts_with(f) && word.len() <= f.len() + 2))
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A page title without its site suffix: `Headline | Outlet` → `Headline`.
fn page_title(title: &str, site_name: Option<&str>) -> String {
    let title = collapse_whitespace(title);
    for separator in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(separator) {
            let is_site =
                site_name.is_some_and(|s| tail.eq_ignore_ascii_case(s)) || tail.split_whitespace().count() <= 4;
            if is_site && !head.is_empty() {
                return head.to_owned();
            }
        }
    }
    title
}

/// Reads headline, date, author and publisher from schema.org JSON-LD, filling only what is still missing.
fn json_ld_fields(source: &str, fields: &mut Fields, site_name: &mut Option<String>) {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(source) else {
        return;
    };
    let items: Vec<&serde_json::Value> = match &value {
        serde_json::Value::Array(items) => items.iter().collect(),
        other => other.get("@graph").and_then(|g| g.as_array()).map_or_else(|| vec![other], |g| g.iter().collect()),
    };
    let name_of = |v: &serde_json::Value| -> Option<String> {
        match v {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Array(list) => {
                list.first().and_then(|x| x.get("name").or(Some(x))).and_then(|x| x.as_str()).map(str::to_owned)
            }
            other => other.get("name").and_then(|n| n.as_str()).map(str::to_owned),
        }
    };
    for item in items {
        if let Some(headline) = item.get("headline").and_then(|h| h.as_str()) {
            fields.title.get_or_insert_with(|| headline.to_owned());
        }
        if let Some(date) = item.get("datePublished").and_then(|d| d.as_str()) {
            fields.date.get_or_insert_with(|| date.to_owned());
        }
        if let Some(author) = item.get("author").and_then(name_of) {
            fields.author.get_or_insert(author);
        }
        if let Some(publisher) = item.get("publisher").and_then(name_of) {
            site_name.get_or_insert(publisher);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head><title>Dam talks collapse | The Meridian Post</title>
<meta property="og:site_name" content="The Meridian Post">
<meta property="article:published_time" content="2022-06-01T09:30:00Z">
<meta name="author" content="Lena Ortiz">
<link rel="canonical" href="https://meridian.example/dam">
<style>p { color: red }</style><script>var tracking = "said";</script></head>
<body><nav><a href="/">Home</a><a href="/world">World</a></nav>
<header class="site-header">The Meridian Post</header>
<article><h1>Dam talks collapse</h1><p>Talks on the dam collapsed on Tuesday, the minister said.</p>
<p>"We will not sign," she told <b>reporters</b>.</p><div class="share-bar">Share on Facebook</div></article>
<aside><h2>Related stories</h2><p>Other news</p></aside><footer>© 2022</footer></body></html>"#;

    #[test]
    fn main_text_and_meta() {
        let records = read_html(PAGE);
        let record = &records.records[0];
        assert_eq!(
            record.text,
            "Dam talks collapse\n\nTalks on the dam collapsed on Tuesday, the minister said.\n\n\"We will not sign,\" she told reporters."
        );
        assert_eq!(record.fields.title.as_deref(), Some("Dam talks collapse"));
        assert_eq!(record.fields.date.as_deref(), Some("2022-06-01T09:30:00Z"));
        assert_eq!(record.fields.author.as_deref(), Some("Lena Ortiz"));
        assert_eq!(record.fields.outlet.as_deref(), Some("The Meridian Post"));
        assert_eq!(record.fields.url.as_deref(), Some("https://meridian.example/dam"));
    }

    #[test]
    fn title_tag_without_site_suffix() {
        let records = read_html(
            "<html><head><title>Floods hit north - Kestrand Daily</title></head><body><p>Rain fell.</p></body></html>",
        );
        assert_eq!(records.records[0].fields.title.as_deref(), Some("Floods hit north"));
    }

    #[test]
    fn json_ld() {
        let page = r#"<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"H","datePublished":"2021-05-05","author":[{"@type":"Person","name":"Ann Lee"}],"publisher":{"name":"Northwind Wire"}}</script></head><body><p>Text.</p></body></html>"#;
        let fields = &read_html(page).records[0].fields;
        assert_eq!(fields.date.as_deref(), Some("2021-05-05"));
        assert_eq!(fields.author.as_deref(), Some("Ann Lee"));
        assert_eq!(fields.outlet.as_deref(), Some("Northwind Wire"));
    }

    #[test]
    fn deep_nesting_is_flattened_below_the_limit_and_every_word_kept() {
        let depth = 20_000;
        let page = format!(
            "<html><body>{}<p>The minister said the page was deep.</p>{}<p>After.</p></body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let records = read_html(&page);
        assert_eq!(records.records[0].text, "The minister said the page was deep.\n\nAfter.");
        assert!(records.warnings[0].contains("nested deeper than 256"), "{:?}", records.warnings);
        // Unclosed paragraphs and list items are ordinary and flatten nothing.
        let ordinary = format!("<html><body>{}</body></html>", "<p>One more paragraph.<li>An item".repeat(2_000));
        assert!(limit_nesting(&ordinary, MAX_HTML_DEPTH).is_none());
        // Tags inside scripts and comments open nothing.
        let scripted =
            format!("<body><script>{}</script><!-- {} --><p>Text.</p></body>", "<div>".repeat(500), "<b>".repeat(500));
        assert!(limit_nesting(&scripted, MAX_HTML_DEPTH).is_none());
    }

    #[test]
    fn scripts_only_is_an_error() {
        assert!(read_html("<html><head><script>x()</script></head></html>").error.is_some());
        assert!(read_html("").error.is_some());
    }
}
