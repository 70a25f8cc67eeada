//! Reading articles from CSV and TSV files with a header row.

use super::fields::{FieldCollector, FieldKind, field_kind};
use super::{RawRecord, Records};

/// Reads a delimited file whose first row names the columns; the delimiter (comma, semicolon, tab) is guessed from that row.
pub fn read_delimited(text: &str) -> Records {
    let mut records = Records::default();
    let header_line = text.lines().next().unwrap_or("");
    let delimiter = [b',', b';', b'\t', b'|']
        .into_iter()
        .max_by_key(|&d| header_line.bytes().filter(|&b| b == d).count())
        .unwrap_or(b',');
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(true).from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(headers) => headers.clone(),
        Err(error) => {
            records.fail(format!("unreadable header row: {error}"));
            return records;
        }
    };
    let kinds: Vec<Option<FieldKind>> = headers.iter().map(field_kind).collect();
    let has_text = kinds.iter().any(|k| matches!(k, Some(FieldKind::Text | FieldKind::Summary)));
    // A listing of links and headlines without text (a Media Cloud export): its rows are articles of 0 words.
    let is_listing = !has_text && [FieldKind::Url, FieldKind::Title].iter().all(|kind| kinds.contains(&Some(*kind)));
    if !has_text && !is_listing {
        records.fail(format!(
            "no text column (looked for text, body, content, article…); the columns are: {}",
            headers.iter().collect::<Vec<_>>().join(", ")
        ));
        return records;
    }
    let mut row = csv::StringRecord::new();
    let mut index = 0u32;
    loop {
        let start = reader.position().byte() as usize;
        match reader.read_record(&mut row) {
            Ok(false) => break,
            Ok(true) => {
                let end = reader.position().byte() as usize;
                let range = start..text[..end.min(text.len())].trim_end_matches(['\r', '\n']).len().max(start);
                let is_ragged = row.len() != headers.len();
                if is_ragged {
                    records.warn(format!(
                        "row {}: {} fields where the header has {}",
                        index + 2,
                        row.len(),
                        headers.len()
                    ));
                }
                let mut collector = FieldCollector::default();
                for (name, value) in headers.iter().zip(row.iter()) {
                    collector.offer(name, value.to_owned());
                }
                match collector.finish() {
                    (fields, Some(text)) => {
                        records.records.push(RawRecord { record: index, fields, text, byte_range: range, member: None })
                    }
                    (fields, None) if is_listing && super::fields::is_listing_only(&fields) => {
                        records.records.push(RawRecord {
                            record: index,
                            fields,
                            text: String::new(),
                            byte_range: range,
                            member: None,
                        })
                    }
                    (_, None) if is_ragged => {}
                    (_, None) if is_listing => {
                        records.warn(format!("row {}: neither a link nor a headline to list it by", index + 2))
                    }
                    (_, None) => records.warn(format!("row {}: the text column is empty", index + 2)),
                }
                index += 1;
            }
            Err(error) => {
                records.warn(format!("row {}: {error}", index + 2));
                index += 1;
            }
        }
    }
    if is_listing && !records.records.is_empty() {
        records.warn(format!(
            "no text column: {} articles are listed by their headline, date and link alone (0 words)",
            records.records.len()
        ));
    }
    records
}

/// The byte length of the header row, line break included, so a record can be re-read alone after it.
pub fn header_len(text: &str) -> usize {
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(text.as_bytes());
    let _ = reader.headers();
    reader.position().byte() as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comma_quoted_newlines_and_ranges() {
        let text = "headline,published,body,link,publisher,byline\nA,2020-01-02,\"Line one, with comma.\n\nHe said \"\"no\"\".\",http://a,Kestrand Daily,Ann Lee\nB,2021-03-04,Text b,,,\n";
        let records = read_delimited(text);
        assert_eq!(records.records.len(), 2);
        let first = &records.records[0];
        assert_eq!(first.text, "Line one, with comma.\n\nHe said \"no\".");
        assert_eq!(first.fields.outlet.as_deref(), Some("Kestrand Daily"));
        assert_eq!(first.fields.author.as_deref(), Some("Ann Lee"));
        let header = &text[..header_len(text)];
        let again = read_delimited(&format!("{header}{}", &text[records.records[1].byte_range.clone()]));
        assert_eq!(again.records[0].fields.title.as_deref(), Some("B"));
    }

    #[test]
    fn semicolons_and_missing_columns() {
        let text = "title;date;text\nA;2020-01-02;Body a\nB;2020-01-03\nC;2020-01-04;Body c;extra\n";
        let records = read_delimited(text);
        assert_eq!(records.records.len(), 2);
        assert_eq!(records.records[1].record, 2);
        assert_eq!(records.warnings.len(), 2, "{:?}", records.warnings);
    }

    #[test]
    fn no_text_column_is_an_error() {
        let records = read_delimited("name,age\nAnn,3\n");
        assert!(records.error.unwrap().contains("no text column"));
    }
}
