//! Turning a file's bytes into text: byte-order marks, UTF-8, UTF-16 and legacy 8-bit encodings.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// Text decoded from a file, with what was learned about its encoding.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The decoded text, without any byte-order mark.
    pub text: String,
    /// The encoding's name, e.g. `UTF-8` or `windows-1252`.
    pub encoding: &'static str,
    /// True when `text` is byte-for-byte the file's content after `bom_len` bytes,
    /// so that byte offsets into the text are also file offsets.
    pub is_verbatim: bool,
    /// Length of the byte-order mark that was skipped.
    pub bom_len: usize,
    /// How many invalid byte sequences of otherwise UTF-8 text were replaced with U+FFFD.
    pub replaced: usize,
}

/// Why bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes are a known binary format (named) or hold NUL bytes.
    Binary(String),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Binary(what) => write!(f, "not a text file ({what})"),
        }
    }
}

/// Decodes `bytes`, detecting a BOM, UTF-8, UTF-16 without BOM, or a legacy encoding.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let is_verbatim = encoding == UTF_8 && matches!(text, std::borrow::Cow::Borrowed(_));
        return Ok(Decoded { text: text.into_owned(), encoding: encoding.name(), is_verbatim, bom_len, replaced: 0 });
    }
    if let Some(kind) = binary_signature(bytes) {
        return Err(DecodeError::Binary(kind.to_owned()));
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: encoding.name(),
            is_verbatim: false,
            bom_len: 0,
            replaced: 0,
        });
    }
    let head = &bytes[..bytes.len().min(8192)];
    if memchr::memchr(0, head).is_some() {
        return Err(DecodeError::Binary("contains NUL bytes".to_owned()));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_owned(),
            encoding: UTF_8.name(),
            is_verbatim: true,
            bom_len: 0,
            replaced: 0,
        });
    }
    if let Some(replaced) = mostly_utf8(bytes) {
        let text = String::from_utf8_lossy(bytes).into_owned();
        return Ok(Decoded { text, encoding: UTF_8.name(), is_verbatim: false, bom_len: 0, replaced });
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, _, _) = encoding.decode(bytes);
    Ok(Decoded { text: text.into_owned(), encoding: encoding.name(), is_verbatim: false, bom_len: 0, replaced: 0 })
}

/// For bytes that are not valid UTF-8: the number of invalid sequences, when the valid multi-byte characters
/// clearly outnumber them, so a few stray bytes in a UTF-8 file do not turn all its accents into mojibake.
fn mostly_utf8(bytes: &[u8]) -> Option<usize> {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    (multibyte > 2 * invalid).then_some(invalid)
}

/// Names the binary format whose magic number starts `bytes`, if any.
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"%PDF", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"GIF8", "a GIF image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"PK\x03\x04", "a ZIP archive or Office document"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"\xD0\xCF\x11\xE0", "an old Office document"),
        (b"\x7FELF", "a program"),
        (b"Rar!", "a RAR archive"),
        (b"7z\xBC\xAF", "a 7-Zip archive"),
        (b"RIFF", "a media file"),
        (b"\x00\x00\x00\x18ftyp", "a video file"),
        (b"\x00\x00\x00\x20ftyp", "a video file"),
        (b"ID3", "an MP3 file"),
        (b"SQLite format 3", "a SQLite database"),
    ];
    SIGNATURES.iter().find(|(magic, _)| bytes.starts_with(magic)).map(|(_, name)| *name)
}

/// Recognises UTF-16 text without a BOM by its pattern of zero bytes in ASCII-heavy text.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let zero_even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let zero_odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    // Mostly-ASCII UTF-16 has a zero in nearly every pair, always on the same side.
    if zero_odd * 10 >= pairs * 7 && zero_even * 10 <= pairs {
        Some(UTF_16LE)
    } else if zero_even * 10 >= pairs * 7 && zero_odd * 10 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_plain_and_with_bom() {
        let plain = decode("Café “quoted”".as_bytes()).unwrap();
        assert_eq!(plain.text, "Café “quoted”");
        assert!(plain.is_verbatim);
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend_from_slice("Café".as_bytes());
        let decoded = decode(&with_bom).unwrap();
        assert_eq!(decoded.text, "Café");
        assert_eq!(decoded.bom_len, 3);
        assert!(decoded.is_verbatim);
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "He said: “Leave now.”";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&le).unwrap().text, text);
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let decoded = decode(&be).unwrap();
        assert_eq!(decoded.text, text);
        assert_eq!(decoded.encoding, "UTF-16BE");
    }

    #[test]
    fn windows_1252() {
        // "Café – “déjà vu”" in Windows-1252.
        let bytes = b"The caf\xE9 \x96 \x93d\xE9j\xE0 vu\x94 said the minister";
        let decoded = decode(bytes).unwrap();
        assert_eq!(decoded.text, "The café – “déjà vu” said the minister");
        assert_eq!(decoded.encoding, "windows-1252");
        assert!(!decoded.is_verbatim);
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(decode(b"%PDF-1.7 ...").unwrap_err(), DecodeError::Binary("a PDF document".into()));
        assert!(decode(b"abc\0\x01\x02def\0").is_err());
        assert!(decode(b"PK\x03\x04rest").is_err());
    }

    #[test]
    fn empty_is_text() {
        assert_eq!(decode(b"").unwrap().text, "");
    }
}
