//! `metadata::analyze` never panics, and every line it returns has an ordered byte range within the
//! text on char boundaries, holding no line break, with lines in text order.
#![no_main]

use dossier::metadata::{Fields, analyze};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let analysis = analyze(text, &Fields::default(), "file.txt");
    let mut previous_end = 0;
    for line in &analysis.lines {
        let range = &line.range;
        assert!(range.start <= range.end && range.end <= text.len(), "{range:?}");
        assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end), "{range:?}");
        assert!(range.start >= previous_end, "lines out of order");
        assert!(!text[range.clone()].contains('\n'));
        previous_end = range.end;
    }
});
