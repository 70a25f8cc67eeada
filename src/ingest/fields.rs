//! Mapping the column names and keys that news data sets use onto Dossier's fields.

use crate::metadata::Fields;

/// Which article field a column or key holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Headline.
    Title,
    /// Publication date.
    Date,
    /// Full text.
    Text,
    /// A summary, used as text only when there is no full text.
    Summary,
    /// Address.
    Url,
    /// Outlet or publisher.
    Outlet,
    /// Author.
    Author,
}

/// The field a column name or JSON key stands for, compared without case, spaces or punctuation.
pub fn field_kind(name: &str) -> Option<FieldKind> {
    field_rank(name).map(|(kind, _)| kind)
}

/// The field a name stands for and its rank among names of that field (0 first): a crawler's
/// `hostname` or `source_domain` names the outlet only when no `sitename` does.
pub fn field_rank(name: &str) -> Option<(FieldKind, u8)> {
    let key: String = name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    Some(match key.as_str() {
        "title" | "headline" | "heading" | "articletitle" | "webtitle" | "hed" => (FieldKind::Title, 0),
        // news-please keeps the page's <title> and the feed's title beside its own cleaned `title`.
        "titlepage" | "titlerss" => (FieldKind::Title, 1),
        "date"
        | "published"
        | "publicationdate"
        | "pubdate"
        | "publishdate"
        | "publishedat"
        | "publisheddate"
        | "datepublished"
        // news-please.
        | "datepublish"
        | "datetime"
        | "publishedtime"
        | "publishtime"
        | "time"
        | "timestamp"
        | "created"
        | "createdat"
        | "firstpublished"
        | "publicationdatetime"
        | "webpublicationdate"
        | "seendate"
        | "day" => (FieldKind::Date, 0),
        "text" | "body" | "content" | "article" | "articletext" | "fulltext" | "story" | "maintext" | "bodytext"
        | "articlebody" | "fullcontent" | "textbody" | "document" => (FieldKind::Text, 0),
        // trafilatura: the text without its markup, the same words as `text`.
        "rawtext" => (FieldKind::Text, 1),
        "description" | "summary" | "abstract" | "lead" | "lede" | "snippet" | "excerpt" => (FieldKind::Summary, 0),
        "url" | "link" | "permalink" | "uri" | "href" | "articleurl" | "sourceurl" | "weburl" | "canonicalurl" => {
            (FieldKind::Url, 0)
        }
        "source" | "outlet" | "publisher" | "site" | "sitename" | "media" | "newspaper" | "publication"
        | "sourcename" | "medium" | "paper" | "mediaoutlet" | "newssource" | "medianame" => (FieldKind::Outlet, 0),
        // A host name (news-please, trafilatura), when nothing names the outlet in words.
        "domain" | "hostname" | "sourcedomain" | "sourcehostname" => (FieldKind::Outlet, 1),
        "author" | "authors" | "byline" | "writer" | "creator" | "by" | "journalist" | "reporter" => {
            (FieldKind::Author, 0)
        }
        _ => return None,
    })
}

/// Collects an article's fields and text from (name, value) pairs; of each kind the value of the best-ranked
/// name wins, and of equal ranks the first non-empty one.
#[derive(Debug, Default)]
pub struct FieldCollector {
    fields: Fields,
    text: Option<String>,
    summary: Option<String>,
    /// The rank of the name each field was taken from, in the order title, date, text, summary, url, outlet, author.
    ranks: [u8; 7],
}

impl FieldCollector {
    /// Offers one named value.
    pub fn offer(&mut self, name: &str, value: String) {
        if value.trim().is_empty() {
            return;
        }
        let Some((mut kind, rank)) = field_rank(name) else {
            return;
        };
        // trafilatura's `source` is the page's address, not its outlet.
        if kind == FieldKind::Outlet && looks_like_url(&value) {
            kind = FieldKind::Url;
        }
        let (slot, index) = match kind {
            FieldKind::Title => (&mut self.fields.title, 0),
            FieldKind::Date => (&mut self.fields.date, 1),
            FieldKind::Text => (&mut self.text, 2),
            FieldKind::Summary => (&mut self.summary, 3),
            FieldKind::Url => (&mut self.fields.url, 4),
            FieldKind::Outlet => (&mut self.fields.outlet, 5),
            FieldKind::Author => (&mut self.fields.author, 6),
        };
        if slot.is_none() || rank < self.ranks[index] {
            *slot = Some(value);
            self.ranks[index] = rank;
        }
    }

    /// The fields and the text (the summary when there is no full text), if any text was found.
    pub fn finish(self) -> (Fields, Option<String>) {
        (self.fields, self.text.or(self.summary))
    }
}

/// True for a value that is a web address rather than a name.
fn looks_like_url(value: &str) -> bool {
    let value = value.trim_start();
    value.starts_with("http://") || value.starts_with("https://")
}

/// True when fields can stand for an article without its text: a link and a headline, as in a Media Cloud
/// export, so the article is listed (with 0 words) rather than lost.
pub fn is_listing_only(fields: &Fields) -> bool {
    fields.url.is_some() && fields.title.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_names() {
        assert_eq!(field_kind("Headline"), Some(FieldKind::Title));
        assert_eq!(field_kind("publication_date"), Some(FieldKind::Date));
        assert_eq!(field_kind("Published At"), Some(FieldKind::Date));
        assert_eq!(field_kind("BODY"), Some(FieldKind::Text));
        assert_eq!(field_kind("link"), Some(FieldKind::Url));
        assert_eq!(field_kind("publisher"), Some(FieldKind::Outlet));
        assert_eq!(field_kind("byline"), Some(FieldKind::Author));
        assert_eq!(field_kind("sentiment"), None);
    }

    #[test]
    fn summary_is_a_fallback() {
        let mut collector = FieldCollector::default();
        collector.offer("description", "Short.".into());
        collector.offer("content", "Long text.".into());
        assert_eq!(collector.finish().1.as_deref(), Some("Long text."));
        let mut only_summary = FieldCollector::default();
        only_summary.offer("summary", "Short.".into());
        assert_eq!(only_summary.finish().1.as_deref(), Some("Short."));
    }

    #[test]
    fn a_sitename_wins_over_a_hostname_whatever_their_order() {
        for order in [["hostname", "sitename"], ["sitename", "hostname"]] {
            let mut collector = FieldCollector::default();
            for name in order {
                collector.offer(name, if name == "hostname" { "herald.example" } else { "Calvera Herald" }.into());
            }
            assert_eq!(collector.finish().0.outlet.as_deref(), Some("Calvera Herald"), "{order:?}");
        }
    }

    #[test]
    fn a_source_that_is_an_address_is_the_url() {
        let mut collector = FieldCollector::default();
        collector.offer("source", "https://herald.example/a".into());
        collector.offer("source-hostname", "herald.example".into());
        let fields = collector.finish().0;
        assert_eq!(fields.url.as_deref(), Some("https://herald.example/a"));
        assert_eq!(fields.outlet.as_deref(), Some("herald.example"));
    }
}
