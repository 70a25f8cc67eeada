//! The date finders never panic on any text: `find_dates`, `date_line`, `opening_dateline`,
//! `parse_date_value` and `date_from_filename`. `find_dates` ranges are also checked to lie within
//! the text, on char boundaries, in order and without overlap, as its callers slice with them.
#![no_main]

use dossier::dates;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let found = dates::find_dates(text);
    let mut previous_end = 0;
    for date in &found {
        let range = &date.range;
        assert!(range.start <= range.end && range.end <= text.len(), "{range:?}");
        assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end), "{range:?}");
        assert!(range.start >= previous_end, "overlapping date ranges");
        previous_end = range.end;
    }
    let _ = dates::date_line(text);
    let _ = dates::opening_dateline(text);
    let _ = dates::parse_date_value(text);
    let _ = dates::date_from_filename(text);
});
