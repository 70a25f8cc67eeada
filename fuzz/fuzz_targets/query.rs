//! `search::query::parse` never panics, and an error's span (`start..end`, character offsets into
//! the query) is ordered and within the query's character count. Topics are resolved to a fixed
//! query for `topic:loop` (which refers to itself) and `topic:t`, so nesting is exercised too.
#![no_main]

use dossier::search::query::parse;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(query) = std::str::from_utf8(data) else { return };
    let topic = |name: &str| match name.to_lowercase().as_str() {
        "loop" => Some("topic:loop OR x".to_owned()),
        "t" => Some("troops OR \"armed forces\" -withdr*".to_owned()),
        _ => None,
    };
    if let Err(error) = parse(query, &topic) {
        let length = query.chars().count();
        assert!(error.start <= error.end, "{error:?}");
        assert!(error.end <= length, "{error:?} past {length} characters");
    }
});
