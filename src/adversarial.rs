//! Hostile inputs of a chosen size, for the property tests and the `adversarial` benchmark: deep nesting in
//! every markup format, runs of quote marks and speech cues, one huge paragraph, a million one-word
//! sentences, pathological names. Each is made by a fixed-seed generator, so every run sees the same bytes.

/// A generator of hostile input: its name, the reader it targets (a file extension) and its maker.
#[derive(Debug, Clone, Copy)]
pub struct Generator {
    /// Short name, for reports.
    pub name: &'static str,
    /// The file extension that picks the reader (`txt`, `html`, `json`, `csv`).
    pub extension: &'static str,
    /// Makes about `bytes` bytes of input.
    pub make: fn(bytes: usize) -> String,
}

/// Every generator.
pub const GENERATORS: &[Generator] = &[
    Generator { name: "html-deep-divs", extension: "html", make: html_deep_divs },
    Generator { name: "html-deep-unclosed", extension: "html", make: html_deep_unclosed },
    Generator { name: "json-deep-arrays", extension: "json", make: json_deep_arrays },
    Generator { name: "json-deep-objects", extension: "json", make: json_deep_objects },
    Generator { name: "quote-and-cue-soup", extension: "txt", make: quote_and_cue_soup },
    Generator { name: "one-huge-paragraph", extension: "txt", make: one_huge_paragraph },
    Generator { name: "one-word-sentences", extension: "txt", make: one_word_sentences },
    Generator { name: "mr-mr-mr", extension: "txt", make: mr_mr_mr },
    Generator { name: "quote-marks-only", extension: "txt", make: quote_marks_only },
    Generator { name: "csv-one-huge-field", extension: "csv", make: csv_one_huge_field },
];

/// A fixed-seed xorshift generator: the same bytes on every run.
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn repeat_to(bytes: usize, head: &str, piece: &str, tail: &str) -> String {
    let count = bytes.saturating_sub(head.len() + tail.len()) / piece.len().max(1);
    let mut out = String::with_capacity(bytes + piece.len());
    out.push_str(head);
    for _ in 0..count {
        out.push_str(piece);
    }
    out.push_str(tail);
    out
}

/// `<div>` nested as deep as the size allows, closed again, with a sentence at the bottom.
fn html_deep_divs(bytes: usize) -> String {
    let depth = bytes / 11;
    let mut out = String::with_capacity(bytes + 200);
    out.push_str("<html><head><title>Deep</title></head><body>");
    out.push_str(&"<div>".repeat(depth));
    out.push_str("<p>The minister said the page was deep.</p>");
    out.push_str(&"</div>".repeat(depth));
    out.push_str("</body></html>");
    out
}

/// Inline and block elements opened and never closed.
fn html_deep_unclosed(bytes: usize) -> String {
    repeat_to(bytes, "<html><body><article><h1>Unclosed</h1>", "<span><b><i>said ", "</article></body></html>")
}

/// `[[[[…]]]]` as deep as the size allows.
fn json_deep_arrays(bytes: usize) -> String {
    let depth = bytes / 2;
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

/// `{"a":{"a":…}}` as deep as the size allows, with an article at the bottom.
fn json_deep_objects(bytes: usize) -> String {
    let depth = bytes / 6;
    format!("{}{{\"title\":\"Deep\",\"text\":\"He said so.\"}}{}", "{\"a\":".repeat(depth), "}".repeat(depth))
}

/// Random runs of `said`, `he`, quote marks (straight and curly), `according to`, `Mr Smith` and punctuation.
fn quote_and_cue_soup(bytes: usize) -> String {
    const PIECES: &[&str] = &[
        "said ",
        "he ",
        "\"",
        "“",
        "”",
        "‘",
        "’",
        "according to ",
        "Mr Smith ",
        ", ",
        ". ",
        ": ",
        "told ",
        "she ",
        "the minister ",
        "Smith ",
        "added ",
        "that ",
        "\n\n",
    ];
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    let mut out = String::with_capacity(bytes + 16);
    out.push_str("Soup\n\n");
    while out.len() < bytes {
        out.push_str(PIECES[random.below(PIECES.len())]);
    }
    out
}

/// News-like sentences with no line break at all.
fn one_huge_paragraph(bytes: usize) -> String {
    repeat_to(
        bytes,
        "Huge\n\n",
        "Foreign Minister Amara Dused said the talks would resume, adding that “nothing is agreed yet.” ",
        "",
    )
}

/// `Word.` a million times.
fn one_word_sentences(bytes: usize) -> String {
    repeat_to(bytes, "Sentences\n\n", "Said. ", "")
}

/// `Mr Mr Mr …` with speech verbs among them.
fn mr_mr_mr(bytes: usize) -> String {
    repeat_to(bytes, "Names\n\n", "Mr Mr. Mr Dr President Mr ", "said \"yes\".")
}

/// Quote marks and nothing else.
fn quote_marks_only(bytes: usize) -> String {
    repeat_to(bytes, "Marks\n\n", "\"“”‘’'«»", "")
}

/// A CSV file whose one text field is the whole file.
fn csv_one_huge_field(bytes: usize) -> String {
    let mut out = repeat_to(bytes, "title,date,text\nHuge,2021-04-12,\"", "He said \"\"no\"\" again. ", "");
    out.push_str("\"\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generators_make_about_the_size_asked() {
        for generator in GENERATORS {
            let made = (generator.make)(100_000);
            assert!((90_000..=110_000).contains(&made.len()), "{}: {}", generator.name, made.len());
            assert_eq!(made, (generator.make)(100_000), "{} is deterministic", generator.name);
        }
    }
}
