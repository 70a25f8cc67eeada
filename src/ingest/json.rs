//! Reading articles from JSON (one object, an array, or a wrapper holding an array) and JSON Lines.

use super::fields::FieldCollector;
use super::{RawRecord, Records};
use serde_json::Value;

/// Reads a `.json` file: one article object, an array of them, or an object whose array field holds them.
pub fn read_json(text: &str) -> Records {
    let mut records = Records::default();
    let start = text.len() - text.trim_start().len();
    if text[start..].starts_with('[') {
        let (elements, error) = array_elements(text, start);
        for (index, range) in elements.into_iter().enumerate() {
            match serde_json::from_str::<Value>(&text[range.clone()]) {
                Ok(value) => push_value(&mut records, &value, index, &format!("item {}", index + 1), range),
                Err(error) => records.warn(format!("item {}: invalid JSON ({error})", index + 1)),
            }
        }
        if let Some(error) = error {
            records.warn(error);
        }
        return records;
    }
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(object)) => {
            let range = start..text.len();
            match wrapped_array(&object) {
                // A wrapper such as {"articles": [...]}: the items cannot be re-read alone, so each keeps the whole range.
                Some(items) => {
                    for (index, item) in items.iter().enumerate() {
                        push_value(&mut records, item, index, &format!("item {}", index + 1), range.clone());
                    }
                }
                None => push_value(&mut records, &Value::Object(object), 0, "the object", range),
            }
        }
        Ok(_) => records.fail("the JSON holds no article object"),
        Err(error) => records.fail(format!("invalid JSON: {error}")),
    }
    records
}

/// Reads a `.jsonl` file: one article object per line; bad lines are reported and skipped.
/// The whitespace JSON allows between values; other Unicode spaces belong to no element's edge.
const JSON_WHITESPACE: [char; 4] = [' ', '\t', '\r', '\n'];

pub fn read_json_lines(text: &str) -> Records {
    let mut records = Records::default();
    let mut offset = 0;
    let mut index = 0;
    for (line_index, line) in text.split_inclusive('\n').enumerate() {
        let range = offset..offset + line.trim_end().len();
        offset += line.len();
        if line.trim().is_empty() {
            continue;
        }
        let place = format!("line {}", line_index + 1);
        match serde_json::from_str::<Value>(&text[range.clone()]) {
            Ok(value) => push_value(&mut records, &value, index, &place, range),
            Err(error) => records.warn(format!("{place}: invalid JSON ({error})")),
        }
        index += 1;
    }
    records
}

/// Adds one JSON value as an article, or a warning when it is not an object with text.
/// `place` names the value in warnings ("line 4", "item 3").
fn push_value(records: &mut Records, value: &Value, index: usize, place: &str, range: std::ops::Range<usize>) {
    let Value::Object(object) = value else {
        records.warn(format!("{place}: not a JSON object"));
        return;
    };
    let mut collector = FieldCollector::default();
    for (key, value) in object {
        if let Some(text) = value_text(value) {
            collector.offer(key, text);
        }
    }
    match collector.finish() {
        (fields, Some(text)) => {
            records.records.push(RawRecord { record: index as u32, fields, text, byte_range: range, member: None })
        }
        // A listing without text (Media Cloud): kept with 0 words.
        (fields, None) if super::fields::is_listing_only(&fields) => records.records.push(RawRecord {
            record: index as u32,
            fields,
            text: String::new(),
            byte_range: range,
            member: None,
        }),
        (_, None) => records.warn(format!(
            "{place}: no text field (looked for text, body, content, article…; keys are {})",
            object.keys().map(String::as_str).collect::<Vec<_>>().join(", ")
        )),
    }
}

/// The text of a JSON value: strings and numbers as they are, lists joined, objects by their name.
fn value_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(value_text).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        Value::Object(object) => {
            ["name", "title", "value", "text"].iter().find_map(|key| object.get(*key).and_then(value_text))
        }
        _ => None,
    }
}

/// The array of article objects inside a wrapper object (`{"articles": [...]}`), when it has no text of its own.
fn wrapped_array(object: &serde_json::Map<String, Value>) -> Option<&Vec<Value>> {
    let has_own_text = object.keys().any(|key| {
        matches!(
            super::fields::field_kind(key),
            Some(super::fields::FieldKind::Text | super::fields::FieldKind::Summary)
        )
    });
    if has_own_text {
        return None;
    }
    object.values().find_map(|value| match value {
        Value::Array(items) if items.iter().any(Value::is_object) => Some(items),
        _ => None,
    })
}

/// Splits a top-level JSON array into the byte ranges of its elements, without parsing them.
///
/// Returns the complete elements found, and an error when the array is cut short, so a truncated file still yields its whole items.
fn array_elements(text: &str, open: usize) -> (Vec<std::ops::Range<usize>>, Option<String>) {
    let bytes = text.as_bytes();
    let mut elements = Vec::new();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut element_start: Option<usize> = None;
    for (offset, &byte) in bytes.iter().enumerate().skip(open + 1) {
        if in_string {
            if escaped {
                escaped = false;
            } else if byte == b'\\' {
                escaped = true;
            } else if byte == b'"' {
                in_string = false;
            }
            continue;
        }
        match byte {
            b' ' | b'\t' | b'\r' | b'\n' => continue,
            b'"' => in_string = true,
            b'[' | b'{' => depth += 1,
            b']' | b'}' if depth > 0 => depth -= 1,
            b']' => {
                if let Some(start) = element_start.take() {
                    elements.push(start..text[..offset].trim_end_matches(JSON_WHITESPACE).len());
                }
                return (elements, None);
            }
            b',' if depth == 0 => {
                if let Some(start) = element_start.take() {
                    elements.push(start..text[..offset].trim_end_matches(JSON_WHITESPACE).len());
                }
                continue;
            }
            _ => {}
        }
        element_start.get_or_insert(offset);
    }
    (elements, Some("the JSON array is cut short: the file ends before `]`".to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn array_of_articles_with_ranges() {
        let text = r#"[{"headline": "A", "body": "Text a, \"quoted\" ]"}, {"title": "B", "text": "Text b", "author": {"name": "Ann Lee"}}]"#;
        let records = read_json(text);
        assert_eq!(records.records.len(), 2);
        assert_eq!(records.records[0].fields.title.as_deref(), Some("A"));
        assert_eq!(records.records[1].fields.author.as_deref(), Some("Ann Lee"));
        let again = read_json(&text[records.records[1].byte_range.clone()]);
        assert_eq!(again.records[0].text, "Text b");
    }

    #[test]
    fn single_object_and_wrapper() {
        let single = read_json(r#"{"title": "T", "date": "2020-11-03", "text": "Body"}"#);
        assert_eq!(single.records.len(), 1);
        assert_eq!(single.records[0].fields.date.as_deref(), Some("2020-11-03"));
        let wrapper = read_json(
            r#"{"status": "ok", "articles": [{"title": "T", "content": "C", "source": {"id": null, "name": "Kestrand Daily"}}]}"#,
        );
        assert_eq!(wrapper.records.len(), 1);
        assert_eq!(wrapper.records[0].fields.outlet.as_deref(), Some("Kestrand Daily"));
    }

    #[test]
    fn truncated_array_keeps_whole_items() {
        let records = read_json(r#"[{"text": "one"}, {"text": "two"}, {"text": "thr"#);
        assert_eq!(records.records.len(), 2);
        assert!(records.warnings.iter().any(|w| w.contains("cut short")));
    }

    #[test]
    fn broken_json_is_an_error() {
        let records = read_json("{\"text\": ");
        assert!(records.records.is_empty());
        assert!(records.error.as_deref().unwrap().starts_with("invalid JSON"));
    }

    #[test]
    fn json_lines_skip_bad_lines() {
        let text = "{\"title\": \"A\", \"content\": \"a\"}\nnot json\n\n{\"title\": \"B\", \"content\": \"b\"}\n";
        let records = read_json_lines(text);
        assert_eq!(records.records.len(), 2);
        assert_eq!(records.records[1].record, 2);
        assert_eq!(records.warnings.len(), 1);
        assert!(records.warnings[0].starts_with("line 2"));
        assert_eq!(&text[records.records[1].byte_range.clone()], "{\"title\": \"B\", \"content\": \"b\"}");
    }

    #[test]
    fn objects_without_text_are_reported() {
        let records = read_json(r#"[{"title": "only a title"}]"#);
        assert!(records.records.is_empty());
        assert!(records.warnings[0].contains("no text field"));
    }
}
