//! Statement extraction on an analysed article never panics; every statement's text, cue and
//! mention byte ranges are ordered, within the text and on char boundaries; `to_records` gives
//! character spans that reproduce the same words; and extracting twice gives the same result.
#![no_main]

use dossier::article::Article;
use dossier::metadata::{Fields, analyze};
use dossier::statements::{extract, to_records};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let lines = analyze(text, &Fields::default(), "file.txt").lines;
    let article = Article { meta: Default::default(), text: text.to_owned(), lines };
    let statements = extract(&article);
    for statement in &statements {
        for range in [Some(&statement.text), statement.cue.as_ref(), statement.mention.as_ref()].into_iter().flatten() {
            assert!(range.start <= range.end && range.end <= text.len(), "{range:?}");
            assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end), "{range:?}");
        }
    }
    let records = to_records(&article.text, &statements);
    assert_eq!(records.len(), statements.len());
    let chars: Vec<char> = text.chars().collect();
    let by_chars = |[start, end]: [usize; 2]| chars[start..end].iter().collect::<String>();
    for record in &records {
        assert_eq!(by_chars(record.text_span), record.text);
        if let (Some(span), Some(cue)) = (record.cue_span, &record.cue) {
            assert_eq!(&by_chars(span), cue);
        }
        if let (Some(span), Some(mention)) = (record.mention_span, &record.mention) {
            assert_eq!(&by_chars(span), mention);
        }
    }
    assert_eq!(extract(&article), statements, "extraction is not deterministic");
});
