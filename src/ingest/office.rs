//! Word processor documents: DOCX (Office Open XML) and ODT (OpenDocument) are zip archives whose main
//! XML part holds the paragraphs; their text, one paragraph a line with blank lines between, is then read
//! like a text file (a single article, or a Nexis export of many).

use quick_xml::events::Event;
use std::io::Read;

/// The main part of a document may unpack to this many bytes at most.
const MAX_XML_BYTES: u64 = 256 << 20;

/// Which kind of word processor document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Office {
    /// Office Open XML (`.docx`).
    Docx,
    /// OpenDocument text (`.odt`).
    Odt,
}

impl Office {
    /// The zip entry holding the document body.
    fn part(self) -> &'static str {
        match self {
            Office::Docx => "word/document.xml",
            Office::Odt => "content.xml",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Office::Docx => "DOCX",
            Office::Odt => "ODT",
        }
    }
}

/// The text of a DOCX or ODT file's body: paragraphs separated by blank lines, tabs and line breaks kept.
pub fn document_text(bytes: &[u8], kind: Office) -> Result<String, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a {} document: not a zip archive ({e})", kind.name()))?;
    let part = archive.by_name(kind.part()).map_err(|_| {
        format!("not a {} document: the archive has no {} (is it another kind of zip file?)", kind.name(), kind.part())
    })?;
    let mut xml = Vec::new();
    part.take(MAX_XML_BYTES + 1)
        .read_to_end(&mut xml)
        .map_err(|e| format!("the {} document is damaged: {} cannot be unpacked ({e})", kind.name(), kind.part()))?;
    if xml.len() as u64 > MAX_XML_BYTES {
        return Err(format!(
            "{} unpacks to more than {} MB (a decompression bomb?); not read",
            kind.part(),
            MAX_XML_BYTES >> 20
        ));
    }
    paragraphs(&xml, kind).map_err(|e| format!("the {} document's XML is damaged: {e}", kind.name()))
}

/// Walks the XML's events (no recursion, so no depth can overflow the stack) and collects paragraph text.
fn paragraphs(xml: &[u8], kind: Office) -> Result<String, String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().check_end_names = false;
    let mut text = String::new();
    let mut paragraph = String::new();
    // Inside a DOCX `w:t` (text) element; DOCX keeps words only there, not in deleted or field-code runs.
    let mut in_text = false;
    // How deep inside ODT elements whose text is not the body (notes, annotations).
    let mut skipping = 0usize;
    let mut buffer = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buffer).map_err(|e| e.to_string())?;
        match event {
            Event::Start(element) => {
                let name = element.name();
                match (kind, name.as_ref()) {
                    (Office::Docx, b"w:t") => in_text = true,
                    (Office::Docx, b"w:tab") | (Office::Odt, b"text:tab") => paragraph.push('\t'),
                    (Office::Odt, b"office:annotation" | b"text:note" | b"text:tracked-changes") => skipping += 1,
                    _ => {}
                }
            }
            Event::Empty(element) => match (kind, element.name().as_ref()) {
                (Office::Docx, b"w:tab") | (Office::Odt, b"text:tab") => paragraph.push('\t'),
                (Office::Docx, b"w:br" | b"w:cr") | (Office::Odt, b"text:line-break") => paragraph.push('\n'),
                (Office::Odt, b"text:s") => {
                    let count = element
                        .try_get_attribute("text:c")
                        .ok()
                        .flatten()
                        .and_then(|a| std::str::from_utf8(&a.value).ok().and_then(|v| v.parse::<usize>().ok()))
                        .unwrap_or(1);
                    paragraph.extend(std::iter::repeat_n(' ', count.min(1000)));
                }
                (Office::Docx, b"w:p") | (Office::Odt, b"text:p" | b"text:h") => {
                    end_paragraph(&mut text, &mut paragraph)
                }
                _ => {}
            },
            Event::End(element) => match (kind, element.name().as_ref()) {
                (Office::Docx, b"w:t") => in_text = false,
                (Office::Docx, b"w:p") => end_paragraph(&mut text, &mut paragraph),
                (Office::Odt, b"text:p" | b"text:h") if skipping == 0 => end_paragraph(&mut text, &mut paragraph),
                (Office::Odt, b"office:annotation" | b"text:note" | b"text:tracked-changes") => {
                    skipping = skipping.saturating_sub(1)
                }
                _ => {}
            },
            Event::Text(content) if (kind == Office::Docx && in_text) || (kind == Office::Odt && skipping == 0) => {
                let decoded = content.xml10_content().map_err(|e| e.to_string())?;
                // ODT keeps the text of paragraphs only; whitespace between elements is layout.
                if kind == Office::Docx || !decoded.trim().is_empty() || !paragraph.is_empty() {
                    paragraph.push_str(&decoded);
                }
            }
            Event::GeneralRef(reference)
                if (kind == Office::Docx && in_text) || (kind == Office::Odt && skipping == 0) =>
            {
                if let Some(character) = reference.resolve_char_ref().ok().flatten() {
                    paragraph.push(character);
                } else {
                    let name = reference.decode().map_err(|e| e.to_string())?;
                    if let Some(resolved) = quick_xml::escape::resolve_predefined_entity(&name) {
                        paragraph.push_str(resolved);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buffer.clear();
    }
    end_paragraph(&mut text, &mut paragraph);
    text.truncate(text.trim_end().len());
    Ok(text)
}

/// Adds a finished paragraph to the text, a blank line after it; empty paragraphs add nothing.
fn end_paragraph(text: &mut String, paragraph: &mut String) {
    let trimmed = paragraph.trim();
    if !trimmed.is_empty() {
        text.push_str(trimmed);
        text.push_str("\n\n");
    }
    paragraph.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_breaks_entities_and_hidden_text() {
        let docx = b"<w:document><w:body><w:p><w:r><w:t>A &amp; B</w:t><w:tab/><w:t>C&#8212;D</w:t><w:br/><w:t>E</w:t></w:r></w:p><w:p/><w:p><w:r><w:instrText>HYPERLINK</w:instrText><w:t>F</w:t></w:r></w:p></w:body></w:document>";
        assert_eq!(paragraphs(docx, Office::Docx).unwrap(), "A & B\tC\u{2014}D\nE\n\nF");
        let odt = b"<office:text><text:p>a<text:s text:c=\"3\"/>b<text:tab/>c</text:p>\n  <text:p>d<text:note><text:p>note</text:p></text:note></text:p></office:text>";
        assert_eq!(paragraphs(odt, Office::Odt).unwrap(), "a   b\tc\n\nd");
    }
}
