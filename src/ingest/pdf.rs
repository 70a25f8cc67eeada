//! PDF files: the text layer, decoded by pdf-extract (fonts and their encodings), laid out again here —
//! characters into lines by their baseline, lines into paragraphs by the space between them, words cut by a
//! hyphen at a line's end joined, running headers, footers and page numbers left out. No OCR: a PDF with no
//! text (a scan) is a problem that says so, as is one locked with a password.

use pdf_extract::{Document, MediaBox, OutputDev, OutputError, Transform};
use std::collections::HashMap;

/// The name of the thread that reads a PDF; its panics are failures of one file, not of Dossier.
const PDF_THREAD: &str = "pdf text";
/// The PDF parser recurses into nested objects; a thread of this much stack keeps a deep file from
/// overflowing the reader's own.
const STACK_BYTES: usize = 256 << 20;
/// A PDF may hold this many characters at most (about 20,000 pages of text); the rest is not read.
const MAX_GLYPHS: usize = 50_000_000;

/// The text of a PDF as read from its text layer, with the address a browser printed in its footer.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfText {
    /// Paragraphs separated by blank lines.
    pub text: String,
    /// The page's address, when a browser saved it and printed the address at the foot of its pages.
    pub url: Option<String>,
}

/// Reads a PDF's text layer into paragraphs; fails with a reason for a damaged, encrypted or scanned PDF.
pub fn document_text(bytes: &[u8]) -> Result<PdfText, String> {
    keep_reader_panics_quiet();
    std::thread::scope(|scope| {
        let reader = std::thread::Builder::new()
            .name(PDF_THREAD.to_owned())
            .stack_size(STACK_BYTES)
            .spawn_scoped(scope, || read_pages(bytes))
            .map_err(|e| format!("the PDF could not be read: no thread to read it ({e})"))?;
        // The PDF library stops on what it does not handle with a panic, not an error.
        let pages = reader.join().unwrap_or_else(|payload| {
            let reason = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(format!(
                "the PDF could not be read: its content uses something Dossier's PDF reader does not handle ({reason})"
            ))
        })?;
        layout(&pages)
    })
}

/// Installs, once, a panic hook that passes over panics on the PDF reading thread (they become a problem
/// for that file) and hands every other panic to the hook that was there before.
fn keep_reader_panics_quiet() {
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() != Some(PDF_THREAD) {
                previous(info);
            }
        }));
    });
}

/// Parses the PDF and collects every page's characters in the order its content draws them.
fn read_pages(bytes: &[u8]) -> Result<Vec<Page>, String> {
    let mut document = Document::load_mem(bytes).map_err(|e| format!("not a readable PDF ({e})"))?;
    // Many PDFs are encrypted with an empty password only to set permissions; those open as they are.
    if document.is_encrypted() && document.decrypt("").is_err() {
        return Err("the PDF is encrypted with a password; open it in a PDF viewer, save or print it without the password, and add that copy".to_owned());
    }
    let mut collector = Collector::default();
    match pdf_extract::output_doc(&document, &mut collector) {
        Ok(()) => {}
        // The collector stops the walk itself when the text is too long; what it has is kept.
        Err(_) if collector.glyphs >= MAX_GLYPHS => {}
        Err(error) => return Err(format!("the PDF is damaged: {}", describe(&error))),
    }
    Ok(collector.pages)
}

fn describe(error: &OutputError) -> String {
    match error {
        OutputError::FormatError(e) => e.to_string(),
        OutputError::IoError(e) => e.to_string(),
        OutputError::PdfError(e) => e.to_string(),
    }
}

/// One character drawn on a page: where its baseline starts and ends, in points from the page's bottom left.
#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    end: f64,
    y: f64,
    size: f64,
    text: String,
}

/// The characters of one page, with the page's height.
#[derive(Debug, Default)]
struct Page {
    height: f64,
    bottom: f64,
    glyphs: Vec<Glyph>,
}

/// Receives characters from pdf-extract page by page.
#[derive(Default)]
struct Collector {
    pages: Vec<Page>,
    glyphs: usize,
}

impl OutputDev for Collector {
    fn begin_page(&mut self, _: u32, media_box: &MediaBox, _: Option<(f64, f64, f64, f64)>) -> Result<(), OutputError> {
        self.pages.push(Page { height: media_box.ury - media_box.lly, bottom: media_box.lly, glyphs: Vec::new() });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        self.glyphs += 1;
        if self.glyphs >= MAX_GLYPHS {
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        // The size of the text as drawn: the font size through the text matrix (as pdf-extract measures it).
        let (across, up) = (font_size * (trm.m11 + trm.m21), font_size * (trm.m12 + trm.m22));
        let size = (across * up).abs().sqrt();
        if let Some(page) = self.pages.last_mut() {
            let (x, y) = (trm.m31, trm.m32 - page.bottom);
            page.glyphs.push(Glyph { x, end: x + width * size, y, size, text: readable(text) });
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// A glyph's text as it reads: typographic ligatures (`ﬁ`, `ﬀ`…, drawn as one glyph) spelled out, so the
/// words they are in can be searched, and control characters (glyphs a font maps to no letter) dropped.
fn readable(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{FB00}' => plain.push_str("ff"),
            '\u{FB01}' => plain.push_str("fi"),
            '\u{FB02}' => plain.push_str("fl"),
            '\u{FB03}' => plain.push_str("ffi"),
            '\u{FB04}' => plain.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => plain.push_str("st"),
            c if c.is_control() => {}
            c => plain.push(c),
        }
    }
    plain
}

/// A line of text on a page.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    page: usize,
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
}

/// Lines from a page's characters in drawing order, which for text that flows (browsers, word processors,
/// Nexis) is reading order, columns included: a line ends where the baseline moves or the text jumps back.
fn page_lines(page_index: usize, page: &Page) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut pending_space = false;
    for glyph in &page.glyphs {
        if glyph.text.trim().is_empty() {
            pending_space = true;
            continue;
        }
        let size = glyph.size.max(1.0);
        let continues = lines.last().is_some_and(|line| {
            (glyph.y - line.y).abs() <= 0.5 * size.max(line.size)
                && glyph.x >= line.x1 - 2.0 * size
                // A wide gap on the same baseline is a column gutter or a table, not a space.
                && glyph.x <= line.x1 + 3.0 * size
        });
        match lines.last_mut() {
            Some(line) if continues => {
                if (pending_space || glyph.x > line.x1 + 0.15 * size) && !line.text.ends_with(' ') {
                    line.text.push(' ');
                }
                line.text.push_str(&glyph.text);
                line.x1 = line.x1.max(glyph.end);
                line.size = line.size.max(size);
            }
            _ => lines.push(Line {
                text: glyph.text.clone(),
                page: page_index,
                x0: glyph.x,
                x1: glyph.end,
                y: glyph.y,
                size,
            }),
        }
        pending_space = false;
    }
    for line in &mut lines {
        line.text.truncate(line.text.trim_end().len());
    }
    lines
}

/// A line's text with digits made alike, so "Page 3" and "Page 4" are the same running footer.
fn running_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '0'..='9' => {
                if !key.ends_with('#') {
                    key.push('#');
                }
            }
            c if c.is_whitespace() => {}
            c => key.extend(c.to_lowercase()),
        }
    }
    key
}

/// True for a page number alone: "3", "- 3 -", "Page 3", "Page 3 of 9", "3/9".
fn is_page_number(text: &str) -> bool {
    let key = running_key(text);
    let key = key.trim_matches(|c: char| !c.is_alphanumeric() && c != '#');
    let key = key.strip_prefix("page").unwrap_or(key);
    key == "#" || key == "#of#" || key == "#/#"
}

/// True for the date and time a browser prints at the top of each page it saves ("3/4/21, 10:15 AM").
fn is_browser_stamp(text: &str) -> bool {
    let key = running_key(text);
    key.starts_with("#/#/#,#:#") || key.starts_with("#/#/##:#") || key.starts_with("#.#.#,#:#")
}

/// The address at the foot of a page a browser saved ("https://… 1/3"), if the line is that.
fn browser_footer_url(text: &str) -> Option<&str> {
    let mut words = text.split_whitespace();
    let first = words.next()?;
    let rest: String = words.collect();
    let is_address = first.starts_with("http://") || first.starts_with("https://");
    (is_address && (rest.is_empty() || is_page_number(&rest))).then_some(first)
}

/// The lines of the pages with running headers and footers (near a page's edge, and recurring on most pages
/// or set smaller than the text), page numbers and a browser's print stamps left out, and the address a
/// browser printed, if any.
fn body_lines(pages: &[Page]) -> (Vec<Line>, Option<String>) {
    let per_page: Vec<Vec<Line>> = pages.iter().enumerate().map(|(index, page)| page_lines(index, page)).collect();
    // Lines near a page's top or bottom edge may be running heads; count on how many pages each recurs.
    let is_edge = |line: &Line| {
        let height = pages[line.page].height.max(1.0);
        line.y > 0.88 * height || line.y < 0.12 * height
    };
    let mut recurring: HashMap<String, usize> = HashMap::new();
    for lines in &per_page {
        let mut keys: Vec<String> = lines.iter().filter(|l| is_edge(l)).map(|l| running_key(&l.text)).collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            *recurring.entry(key).or_default() += 1;
        }
    }
    let pages_with_text = per_page.iter().filter(|lines| !lines.is_empty()).count();
    // Running heads are set smaller than the text, which tells them even on a single page.
    let text_size = median(per_page.iter().flatten().map(|l| l.size).collect()).unwrap_or(10.0);
    let mut url = None;
    let mut body = Vec::new();
    for line in per_page.into_iter().flatten() {
        if is_edge(&line) {
            if let Some(address) = browser_footer_url(&line.text) {
                url.get_or_insert_with(|| address.to_owned());
                continue;
            }
            let recurs = pages_with_text >= 2 && 2 * recurring[&running_key(&line.text)] >= pages_with_text.max(3);
            let small = line.size < 0.9 * text_size;
            if recurs || small || is_page_number(&line.text) || is_browser_stamp(&line.text) {
                continue;
            }
        }
        body.push(line);
    }
    (body, url)
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied()
}

/// True when a line ends a sentence, so what follows on another page or column starts a paragraph.
fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['.', '!', '?', ':', '"', '\u{201D}', '\u{2019}', ')'])
}

/// Joins lines into paragraphs: a new one where the space between lines grows, the size of the text
/// changes, a line is indented after a sentence ended, or a short line ended one.
fn layout(pages: &[Page]) -> Result<PdfText, String> {
    let (lines, url) = body_lines(pages);
    if lines.is_empty() {
        return Err(if pages.iter().any(|p| !p.glyphs.is_empty()) {
            "the PDF holds only page numbers and running heads, no article text".to_owned()
        } else {
            "the PDF has no text layer (a scanned image?): Dossier reads the text of a PDF and does no OCR".to_owned()
        });
    }
    // Line spacing in multiples of the text's size, so a headline's wider lines read as one paragraph too:
    // the gaps inside paragraphs are the narrow ones (a low quantile, as short paragraphs make gaps between
    // paragraphs as common as gaps inside them).
    let mut gaps: Vec<f64> = lines
        .windows(2)
        .filter(|pair| pair[0].page == pair[1].page && (pair[0].size - pair[1].size).abs() < 0.1 * pair[0].size)
        .map(|pair| (pair[0].y - pair[1].y) / pair[0].size)
        .filter(|&gap| gap > 0.5 && gap < 3.0)
        .collect();
    gaps.sort_by(f64::total_cmp);
    let spacing = gaps.get(gaps.len() / 5).copied().unwrap_or(1.2);
    let hyphenated = hyphenated_words(&lines);
    let left_margin = median(lines.iter().map(|l| l.x0).collect()).unwrap_or(0.0);
    let right_edge = median(lines.iter().map(|l| l.x1).collect()).unwrap_or(f64::MAX);
    let mut paragraphs: Vec<String> = Vec::new();
    let mut previous: Option<&Line> = None;
    for line in &lines {
        let starts_paragraph = match previous {
            None => true,
            Some(before) => {
                let sentence_ended = ends_sentence(&before.text);
                let gap = before.y - line.y;
                let moved_on = before.page != line.page || gap <= 0.0;
                let size_changed = (line.size - before.size).abs() > 0.15 * before.size.max(line.size);
                let indented = line.x0 > left_margin + 0.8 * line.size && line.x0 < left_margin + 6.0 * line.size;
                let short_before = before.x1 < right_edge - 0.2 * (right_edge - left_margin).max(0.0);
                size_changed
                    || (moved_on && sentence_ended)
                    || (!moved_on && gap > 1.35 * spacing * line.size.max(before.size))
                    || (sentence_ended && (indented || short_before))
            }
        };
        match paragraphs.last_mut() {
            Some(paragraph) if !starts_paragraph => join_line(paragraph, &line.text, &hyphenated),
            _ => paragraphs.push(line.text.clone()),
        }
        previous = Some(line);
    }
    Ok(PdfText { text: paragraphs.join("\n\n"), url })
}

/// A word as compared for hyphenation: lower case, without the punctuation around it.
fn word_key(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-').to_lowercase()
}

/// The words written with a hyphen inside a line (`well-known`), so that one cut at its hyphen at a line's
/// end keeps it.
fn hyphenated_words(lines: &[Line]) -> std::collections::HashSet<String> {
    lines
        .iter()
        .flat_map(|line| line.text.split_whitespace())
        .map(word_key)
        .filter(|word| word.trim_matches('-').contains('-'))
        .collect()
}

/// Adds a line to a paragraph: a word hyphenated at the line's end is joined again ("hyphen-" + "ated"),
/// keeping the hyphen of a word the document writes with one elsewhere ("well-" + "known").
fn join_line(paragraph: &mut String, line: &str, hyphenated: &std::collections::HashSet<String>) {
    let starts_lowercase = line.chars().next().is_some_and(char::is_lowercase);
    if let Some(stem) = paragraph.strip_suffix('\u{AD}') {
        paragraph.truncate(stem.len());
    } else if starts_lowercase
        && paragraph.ends_with('-')
        && paragraph[..paragraph.len() - 1].chars().next_back().is_some_and(char::is_alphabetic)
    {
        let before = paragraph.rsplit(char::is_whitespace).next().unwrap_or_default();
        let after = line.split_whitespace().next().unwrap_or_default();
        if !hyphenated.contains(&word_key(&format!("{before}{after}"))) {
            paragraph.pop();
        }
    } else {
        paragraph.push(' ');
    }
    paragraph.push_str(line);
}

/// Writing simple PDFs of text, for the tests' fixtures and the benchmarks' generated corpus (Dossier
/// itself never writes a PDF).
pub mod writing {
    /// A line of text placed on a PDF page: text, left edge and baseline in points from the bottom left, size.
    pub type PdfLine = (String, f64, f64, f64);

    /// A PDF of pages of Helvetica text (Windows-1252), written by hand: one content stream a page, drawing
    /// each line where it is placed.
    pub fn text_pdf(pages: &[Vec<PdfLine>]) -> Vec<u8> {
        let mut objects: Vec<Vec<u8>> = Vec::new();
        // 1: catalog, 2: page tree, 3: font, then a page and its content for each page.
        let kids: Vec<String> = (0..pages.len()).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
        objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
        objects.push(format!("<< /Type /Pages /Kids [{}] /Count {} >>", kids.join(" "), pages.len()).into_bytes());
        objects.push(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec());
        for (index, lines) in pages.iter().enumerate() {
            let mut content = Vec::new();
            for (text, x, y, size) in lines {
                let (encoded, _, _) = encoding_rs::WINDOWS_1252.encode(text);
                let mut escaped = Vec::new();
                for &byte in encoded.iter() {
                    if matches!(byte, b'(' | b')' | b'\\') {
                        escaped.push(b'\\');
                    }
                    escaped.push(byte);
                }
                content.extend(format!("BT /F1 {size} Tf {x} {y} Td (").into_bytes());
                content.extend(escaped);
                content.extend(b") Tj ET\n");
            }
            objects.push(
                format!(
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                    5 + 2 * index
                )
                .into_bytes(),
            );
            let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
            stream.extend(content);
            stream.extend(b"\nendstream");
            objects.push(stream);
        }
        pdf_file(&objects, "")
    }

    /// A PDF file of numbered objects (from 1), with a cross-reference table and `trailer_extra` in its trailer.
    pub fn pdf_file(objects: &[Vec<u8>], trailer_extra: &str) -> Vec<u8> {
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (index, object) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n", index + 1).into_bytes());
            out.extend(object);
            out.extend(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).into_bytes());
        for offset in offsets {
            out.extend(format!("{offset:010} 00000 n \n").into_bytes());
        }
        out.extend(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R {trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .into_bytes(),
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(text: &str, x: f64, y: f64, size: f64) -> Vec<Glyph> {
        let width = 0.5 * size;
        text.chars()
            .enumerate()
            .map(|(i, c)| {
                let x = x + i as f64 * width;
                Glyph { x, end: x + width, y, size, text: c.to_string() }
            })
            .collect()
    }

    fn page(lines: &[(&str, f64, f64, f64)]) -> Page {
        Page {
            height: 800.0,
            bottom: 0.0,
            glyphs: lines.iter().flat_map(|&(text, x, y, size)| glyphs(text, x, y, size)).collect(),
        }
    }

    #[test]
    fn lines_join_into_paragraphs_and_hyphenated_words_are_whole_again() {
        let pages = [page(&[
            ("Headline of the story", 50.0, 700.0, 20.0),
            ("The minister said the plan was a", 50.0, 660.0, 10.0),
            ("good one, and that it was well-", 50.0, 648.0, 10.0),
            ("known and long pre-", 50.0, 636.0, 10.0),
            ("pared.", 50.0, 624.0, 10.0),
            ("A second paragraph begins here with a well-known", 50.0, 600.0, 10.0),
            ("rule, and goes on.", 50.0, 588.0, 10.0),
        ])];
        let text = layout(&pages).unwrap().text;
        assert_eq!(
            text,
            "Headline of the story\n\nThe minister said the plan was a good one, and that it was well-known and long prepared.\n\nA second paragraph begins here with a well-known rule, and goes on."
        );
    }

    #[test]
    fn running_heads_page_numbers_and_browser_stamps_are_left_out_and_the_address_kept() {
        let pages: Vec<Page> = (1..=3)
            .map(|n| {
                page(&[
                    ("3/4/21, 10:15 AM Story title - The Paper", 20.0, 780.0, 8.0),
                    ("The Daily Paper | World", 50.0, 760.0, 8.0),
                    (&format!("Body text of page {n} goes on and"), 50.0, 400.0, 10.0),
                    ("https://paper.example/world/story 1/3", 20.0, 20.0, 8.0),
                    (&format!("Page {n} of 3"), 500.0, 40.0, 8.0),
                ])
            })
            .collect();
        let read = layout(&pages).unwrap();
        assert_eq!(read.url.as_deref(), Some("https://paper.example/world/story"));
        assert_eq!(
            read.text,
            "Body text of page 1 goes on and Body text of page 2 goes on and Body text of page 3 goes on and"
        );
    }

    #[test]
    fn ligatures_are_spelled_out_and_unmapped_glyphs_dropped() {
        assert_eq!(readable("e\u{FB00}ected \u{FB01}rst \u{FB02}ow\u{0}"), "effected first flow");
    }

    #[test]
    fn a_pdf_without_characters_is_a_scan() {
        let error = layout(&[Page { height: 800.0, bottom: 0.0, glyphs: Vec::new() }]).unwrap_err();
        assert!(error.contains("no text layer"), "{error}");
    }

    #[test]
    fn bytes_that_are_no_pdf_are_a_problem_not_a_panic() {
        let error = document_text(b"%PDF-1.4\n garbage \x00\x01").unwrap_err();
        assert!(error.starts_with("not a readable PDF") || error.starts_with("the PDF"), "{error}");
    }
}
