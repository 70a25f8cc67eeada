//! Every reader never panics, whatever the format and input: `ingest::read_records` on text (lossy UTF-8)
//! and `ingest::read_binary` on the bytes of binary formats (DOCX, ODT, PDF, WARC, zip, tar); compressed input is
//! unpacked first, to a limit. Every record's `byte_range` of a format read again by range (JSON, JSON
//! Lines, CSV) is ordered, lies within the text and falls on char boundaries, so `&text[byte_range]` can be
//! sliced to re-read the record alone; other formats are read again whole, and their ranges are their own.
//! The first byte picks the format (and whether the rest is gzip-compressed); the rest is the file.
#![no_main]

use dossier::ingest::compressed::{Compression, unpack};
use dossier::ingest::{Format, read_binary, read_records};
use libfuzzer_sys::fuzz_target;

const FORMATS: [Format; 13] = [
    Format::Text,
    Format::Markdown,
    Format::Html,
    Format::Json,
    Format::JsonLines,
    Format::Csv,
    Format::Docx,
    Format::Odt,
    Format::Rtf,
    Format::Warc,
    Format::Zip,
    Format::Pdf,
    Format::Tar,
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let format = FORMATS[selector as usize % FORMATS.len()];
    // Half the inputs go through gzip first: a cut or hostile stream must stop cleanly too.
    let unpacked;
    let bytes = if selector >= 128 {
        match unpack(rest, Compression::Gzip, 1 << 20) {
            Ok(result) => {
                unpacked = result;
                unpacked.bytes.as_slice()
            }
            Err(_) => return,
        }
    } else {
        rest
    };
    if format.is_binary() {
        let _ = read_binary(format, bytes);
        return;
    }
    let text = String::from_utf8_lossy(bytes);
    let records = read_records(format, &text);
    if !format.holds_many() {
        return;
    }
    for record in &records.records {
        let range = &record.byte_range;
        assert!(range.start <= range.end, "{format:?}: reversed range {range:?}");
        assert!(range.end <= text.len(), "{format:?}: range {range:?} past {}", text.len());
        assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end), "{format:?}: {range:?}");
    }
});
