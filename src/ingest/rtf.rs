//! Rich Text Format: the text of an RTF document, without its formatting, font and colour tables,
//! pictures or hidden destinations. Read with a small tokenizer of our own that keeps its group stack on
//! the heap, so deep nesting cannot overflow, and decodes `\'hh` bytes in the document's code page.

use encoding_rs::Encoding;

/// Groups nested deeper than this share the state of the group at this depth.
const MAX_DEPTH: usize = 1024;

/// Destinations whose content is not text of the document.
const SKIPPED_DESTINATIONS: &[&str] = &[
    "fonttbl",
    "colortbl",
    "stylesheet",
    "info",
    "pict",
    "object",
    "header",
    "headerl",
    "headerr",
    "headerf",
    "footer",
    "footerl",
    "footerr",
    "footerf",
    "footnote",
    "listtable",
    "listoverridetable",
    "rsidtbl",
    "generator",
    "themedata",
    "colorschememapping",
    "datastore",
    "latentstyles",
    "xmlnstbl",
    "fldinst",
    "revtbl",
    "filetbl",
    "pgdsctbl",
    "nonshppict",
    "shpinst",
    "bkmkstart",
    "bkmkend",
    "field-instruction",
    "annotation",
    "atnid",
    "atnauthor",
];

/// True when `text` starts like an RTF document.
pub fn is_rtf(text: &str) -> bool {
    text.trim_start_matches('\u{feff}').trim_start().starts_with("{\\rtf")
}

/// The state a group carries.
#[derive(Debug, Clone, Copy)]
struct Group {
    /// Its text is not part of the document.
    skip: bool,
    /// How many characters stand in for each `\uN` for readers without Unicode (`\ucN`).
    unicode_skip: usize,
}

/// The plain text of an RTF document: paragraphs (`\par`) apart by blank lines, tabs and special characters kept.
pub fn rtf_text(rtf: &str) -> Result<String, String> {
    if !is_rtf(rtf) {
        return Err("not an RTF document (it does not start with {\\rtf)".to_owned());
    }
    let mut encoding: &'static Encoding = encoding_rs::WINDOWS_1252;
    let mut text = String::with_capacity(rtf.len() / 2);
    // Bytes of `\'hh` escapes waiting to be decoded together (a multi-byte code page needs them in a row).
    let mut pending: Vec<u8> = Vec::new();
    let mut stack: Vec<Group> = Vec::new();
    let mut overflow = 0usize;
    let mut group = Group { skip: false, unicode_skip: 1 };
    // Characters still to drop after a `\uN`.
    let mut to_drop = 0usize;
    // The next control word of this group names a destination to skip (`{\*\name …}`).
    let mut starred = false;
    let bytes = rtf.as_bytes();
    let mut at = 0;
    let flush = |pending: &mut Vec<u8>, text: &mut String, encoding: &'static Encoding| {
        if !pending.is_empty() {
            text.push_str(&encoding.decode_without_bom_handling(pending).0);
            pending.clear();
        }
    };
    while at < bytes.len() {
        // A `\'` or `\bin` may end inside a character of text decoded from another encoding.
        if !rtf.is_char_boundary(at) {
            at += 1;
            continue;
        }
        let byte = bytes[at];
        match byte {
            b'{' => {
                flush(&mut pending, &mut text, encoding);
                to_drop = 0;
                starred = false;
                if stack.len() < MAX_DEPTH {
                    stack.push(group);
                } else {
                    overflow += 1;
                }
                at += 1;
            }
            b'}' => {
                flush(&mut pending, &mut text, encoding);
                to_drop = 0;
                if overflow > 0 {
                    overflow -= 1;
                } else if let Some(outer) = stack.pop() {
                    group = outer;
                }
                starred = false;
                at += 1;
            }
            b'\\' => {
                let (word, parameter, next) = control(rtf, at);
                at = next;
                if word != "'" {
                    flush(&mut pending, &mut text, encoding);
                }
                // The stand-in for a `\uN` character is a byte or plain characters; anything else ends it.
                if to_drop > 0 {
                    if word == "'" {
                        to_drop -= 1;
                        continue;
                    }
                    to_drop = 0;
                }
                match word {
                    "*" => starred = true,
                    "'" => {
                        if !group.skip
                            && let Some(value) = parameter
                        {
                            pending.push(value as u8);
                        }
                    }
                    "u" => {
                        if !group.skip {
                            let value = parameter.unwrap_or(0);
                            let code = if value < 0 { value + 65536 } else { value } as u32;
                            text.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                        }
                        to_drop = group.unicode_skip;
                    }
                    "uc" => group.unicode_skip = parameter.unwrap_or(1).clamp(0, 16) as usize,
                    "ansicpg" => encoding = code_page(parameter.unwrap_or(1252)),
                    // Raw bytes, counted in the file's bytes, skipped.
                    "bin" => at = (at + parameter.unwrap_or(0).max(0) as usize).min(bytes.len()),
                    _ if starred || SKIPPED_DESTINATIONS.contains(&word) => {
                        group.skip = true;
                        starred = false;
                    }
                    _ if group.skip => {}
                    // Paragraphs apart by a blank line, as in plain text; a line break within one.
                    "par" | "sect" | "page" | "row" => text.push_str("\n\n"),
                    "line" => text.push('\n'),
                    "tab" | "cell" => text.push('\t'),
                    "emdash" => text.push('—'),
                    "endash" => text.push('–'),
                    "lquote" => text.push('‘'),
                    "rquote" => text.push('’'),
                    "ldblquote" => text.push('“'),
                    "rdblquote" => text.push('”'),
                    "bullet" => text.push('•'),
                    "~" => text.push('\u{a0}'),
                    "_" => text.push('‑'),
                    "\\" | "{" | "}" => text.push_str(word),
                    _ => {}
                }
            }
            b'\r' | b'\n' => at += 1,
            _ => {
                let start = at;
                while at < bytes.len() && !matches!(bytes[at], b'{' | b'}' | b'\\' | b'\r' | b'\n') {
                    at += 1;
                }
                let mut run = &rtf[start..at];
                if to_drop > 0 {
                    let dropped: usize = run.chars().take(to_drop).map(char::len_utf8).sum();
                    to_drop -= run[..dropped].chars().count();
                    run = &run[dropped..];
                }
                if !group.skip && !run.is_empty() {
                    flush(&mut pending, &mut text, encoding);
                    text.push_str(run);
                }
            }
        }
    }
    flush(&mut pending, &mut text, encoding);
    text.truncate(text.trim_end().len());
    Ok(text)
}

/// Reads the control word or symbol at `at` (a backslash): its name, numeric parameter, and where the
/// next token starts. `\'hh` gives `'` with the byte as parameter.
fn control(rtf: &str, at: usize) -> (&str, Option<i32>, usize) {
    let bytes = rtf.as_bytes();
    let start = at + 1;
    let Some(&first) = bytes.get(start) else {
        return ("", None, bytes.len());
    };
    if first == b'\'' {
        let hex = rtf.get(start + 1..start + 3).and_then(|h| u8::from_str_radix(h, 16).ok());
        return ("'", hex.map(i32::from), (start + 3).min(bytes.len()));
    }
    if !first.is_ascii_alphabetic() {
        // A control symbol: one character, which may be multi-byte.
        let width = rtf[start..].chars().next().map_or(1, char::len_utf8);
        return (&rtf[start..start + width], None, start + width);
    }
    let mut end = start;
    while end < bytes.len() && bytes[end].is_ascii_alphabetic() && end - start < 32 {
        end += 1;
    }
    let word = &rtf[start..end];
    let number_start = end;
    if end < bytes.len() && bytes[end] == b'-' {
        end += 1;
    }
    while end < bytes.len() && bytes[end].is_ascii_digit() && end - number_start < 10 {
        end += 1;
    }
    let parameter = rtf[number_start..end].parse().ok();
    // One space ends a control word and belongs to it.
    if end < bytes.len() && bytes[end] == b' ' {
        end += 1;
    }
    (word, parameter, end)
}

/// The encoding of a Windows code page number.
fn code_page(number: i32) -> &'static Encoding {
    let label = match number {
        65001 => "utf-8".to_owned(),
        932 => "shift_jis".to_owned(),
        936 => "gbk".to_owned(),
        949 => "euc-kr".to_owned(),
        950 => "big5".to_owned(),
        10000 => "macintosh".to_owned(),
        437 | 850 => "ibm866".to_owned(),
        other => format!("windows-{other}"),
    };
    Encoding::for_label(label.as_bytes()).unwrap_or(encoding_rs::WINDOWS_1252)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_paragraphs_escapes_and_unicode() {
        let rtf = r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Times New Roman;}}{\colortbl;\red0\green0\blue0;}{\*\generator Writer;}{\info{\title Hidden}}
\pard\plain\f0 Caf\'e9 talks \ldblquote resume\rdblquote\par
Second \b bold\b0  line\u8212?end\par
{\pict\pngblip 89504e47}{\*\unknown skipped}After\tab tab \{braces\}\par}";
        let text = rtf_text(rtf).unwrap();
        assert_eq!(text, "Café talks “resume”\n\nSecond bold line—end\n\nAfter\ttab {braces}");
    }

    #[test]
    fn deep_nesting_and_garbage_never_panic() {
        let deep = format!("{{\\rtf1 {}text{}}}", "{".repeat(100_000), "}".repeat(100_000));
        assert_eq!(rtf_text(&deep).unwrap(), "text");
        for garbage in [
            "{\\rtf1 \\",
            "{\\rtf1 \\'",
            "{\\rtf1 \\'4",
            "{\\rtf1 \\u",
            "{\\rtf1 \\u-99999999999 x}",
            "{\\rtf1 }}}}{{",
            "{\\rtf1 \\bin1 é}",
            "{\\rtf1 \\bin2 €x}",
            "{\\rtf1 \\'é}",
            "{\\rtf1 \\'4é}",
            "{\\rtf1 \\uc3\\u8212 éé}",
        ] {
            let _ = rtf_text(garbage);
        }
        assert!(rtf_text("plain").is_err());
    }

    #[test]
    fn code_pages_decode_escaped_bytes() {
        let rtf = r"{\rtf1\ansi\ansicpg1251 \'cf\'f0\'e8\'e2\'e5\'f2\par}";
        assert_eq!(rtf_text(rtf).unwrap(), "Привет");
    }
}
