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
    let key: String = name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    Some(match key.as_str() {
        "title" | "headline" | "heading" | "articletitle" | "webtitle" | "hed" => FieldKind::Title,
        "date"
        | "published"
        | "publicationdate"
        | "pubdate"
        | "publishdate"
        | "publishedat"
        | "publisheddate"
        | "datepublished"
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
        | "day" => FieldKind::Date,
        "text" | "body" | "content" | "article" | "articletext" | "fulltext" | "story" | "maintext" | "bodytext"
        | "articlebody" | "fullcontent" | "textbody" | "document" => FieldKind::Text,
        "description" | "summary" | "abstract" | "lead" | "lede" | "snippet" | "excerpt" => FieldKind::Summary,
        "url" | "link" | "permalink" | "uri" | "href" | "articleurl" | "sourceurl" | "weburl" | "canonicalurl" => {
            FieldKind::Url
        }
        "source" | "outlet" | "publisher" | "site" | "sitename" | "media" | "newspaper" | "publication"
        | "sourcename" | "domain" | "medium" | "paper" | "mediaoutlet" | "newssource" => FieldKind::Outlet,
        "author" | "authors" | "byline" | "writer" | "creator" | "by" | "journalist" | "reporter" => FieldKind::Author,
        _ => return None,
    })
}

/// Collects an article's fields and text from (name, value) pairs; the first non-empty value of each kind wins.
#[derive(Debug, Default)]
pub struct FieldCollector {
    fields: Fields,
    text: Option<String>,
    summary: Option<String>,
}

impl FieldCollector {
    /// Offers one named value.
    pub fn offer(&mut self, name: &str, value: String) {
        if value.trim().is_empty() {
            return;
        }
        let slot = match field_kind(name) {
            Some(FieldKind::Title) => &mut self.fields.title,
            Some(FieldKind::Date) => &mut self.fields.date,
            Some(FieldKind::Text) => &mut self.text,
            Some(FieldKind::Summary) => &mut self.summary,
            Some(FieldKind::Url) => &mut self.fields.url,
            Some(FieldKind::Outlet) => &mut self.fields.outlet,
            Some(FieldKind::Author) => &mut self.fields.author,
            None => return,
        };
        slot.get_or_insert(value);
    }

    /// The fields and the text (the summary when there is no full text), if any text was found.
    pub fn finish(self) -> (Fields, Option<String>) {
        (self.fields, self.text.or(self.summary))
    }
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
}
