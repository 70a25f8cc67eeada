//! `ingest::read_records` never panics, whatever the format and text; every record's `byte_range`
//! ("the record's byte range in the decoded file text") is ordered, lies within the text and falls on
//! char boundaries, so `&text[byte_range]` can be sliced to re-read the record alone.
//! The first byte picks the format; the rest is the file text (invalid UTF-8 replaced).
#![no_main]

use dossier::ingest::{Format, read_records};
use libfuzzer_sys::fuzz_target;

const FORMATS: [Format; 6] =
    [Format::Text, Format::Markdown, Format::Html, Format::Json, Format::JsonLines, Format::Csv];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let format = FORMATS[selector as usize % FORMATS.len()];
    let text = String::from_utf8_lossy(rest);
    let records = read_records(format, &text);
    for record in &records.records {
        let range = &record.byte_range;
        assert!(range.start <= range.end, "{format:?}: reversed range {range:?}");
        assert!(range.end <= text.len(), "{format:?}: range {range:?} past {}", text.len());
        assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end), "{format:?}: {range:?}");
    }
});
