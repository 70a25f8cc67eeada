//! Single compressed files (`news.jsonl.gz`, `.bz2`, `.xz`, `.zst`): streamed out with a limit on what
//! they unpack to, so a decompression bomb stops with a problem instead of filling the memory.

use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::Path;

/// A compression wrapped around a file of another format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Compression {
    /// gzip (`.gz`), one member or several.
    Gzip,
    /// bzip2 (`.bz2`).
    Bzip2,
    /// xz (`.xz`).
    Xz,
    /// Zstandard (`.zst`).
    Zstd,
}

/// xz may ask for a dictionary this large at most (in KiB); a larger one is refused as a bomb.
const XZ_MEMORY_KIB: u32 = 256 * 1024;

impl Compression {
    /// The compression a file name's last extension names, if any.
    pub fn from_path(path: &Path) -> Option<Compression> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match extension.as_str() {
            "gz" | "gzip" | "tgz" => Compression::Gzip,
            "bz2" => Compression::Bzip2,
            "xz" => Compression::Xz,
            "zst" | "zstd" => Compression::Zstd,
            _ => return None,
        })
    }

    /// A short name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Compression::Gzip => "gzip",
            Compression::Bzip2 => "bzip2",
            Compression::Xz => "xz",
            Compression::Zstd => "zstd",
        }
    }

    /// The magic number a file of this compression starts with.
    fn magic(self) -> &'static [u8] {
        match self {
            Compression::Gzip => b"\x1F\x8B",
            Compression::Bzip2 => b"BZh",
            Compression::Xz => b"\xFD7zXZ\x00",
            Compression::Zstd => b"\x28\xB5\x2F\xFD",
        }
    }
}

/// What unpacking gave.
#[derive(Debug, Default)]
pub struct Unpacked {
    /// The bytes unpacked, at most the limit.
    pub bytes: Vec<u8>,
    /// Why unpacking stopped early, if it did (the limit, a damaged or cut stream); the bytes before are kept.
    pub problem: Option<String>,
}

/// Unpacks `compressed`, keeping at most `limit` bytes. Fails only when nothing could be unpacked.
pub fn unpack(compressed: &[u8], compression: Compression, limit: u64) -> Result<Unpacked, String> {
    if !compressed.starts_with(compression.magic()) {
        return Err(format!(
            "not a {} file (its first bytes are not a {} header)",
            compression.name(),
            compression.name()
        ));
    }
    let reader: Box<dyn Read + '_> = match compression {
        Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(compressed)),
        Compression::Bzip2 => Box::new(bzip2::read::MultiBzDecoder::new(compressed)),
        Compression::Xz => Box::new(lzma_rust2::XzReader::new_mem_limit(compressed, true, XZ_MEMORY_KIB)),
        Compression::Zstd => Box::new(zstd::stream::read::Decoder::with_buffer(compressed).map_err(|e| e.to_string())?),
    };
    let mut unpacked = Unpacked::default();
    let result = reader.take(limit + 1).read_to_end(&mut unpacked.bytes);
    if unpacked.bytes.len() as u64 > limit {
        unpacked.bytes.truncate(limit as usize);
        unpacked.problem = Some(format!(
            "unpacks to more than {} MB (the limit for one file; a decompression bomb?): only the first {} MB were read",
            limit >> 20,
            limit >> 20
        ));
    } else if let Err(error) = result {
        let what = format!("the {} stream is damaged or cut short ({error})", compression.name());
        if unpacked.bytes.is_empty() {
            return Err(what);
        }
        unpacked.problem = Some(format!("{what}: only the {} bytes before it were read", unpacked.bytes.len()));
    }
    Ok(unpacked)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn gzip_members_are_read_one_after_another() {
        let mut two = gzip(b"{\"text\": \"one\"}\n");
        two.extend(gzip(b"{\"text\": \"two\"}\n"));
        let unpacked = unpack(&two, Compression::Gzip, 1 << 20).unwrap();
        assert_eq!(unpacked.bytes, b"{\"text\": \"one\"}\n{\"text\": \"two\"}\n");
        assert!(unpacked.problem.is_none());
    }

    #[test]
    fn a_bomb_stops_at_the_limit() {
        let bomb = gzip(&vec![b'a'; 4 << 20]);
        assert!(bomb.len() < 20_000);
        let unpacked = unpack(&bomb, Compression::Gzip, 1 << 20).unwrap();
        assert_eq!(unpacked.bytes.len(), 1 << 20);
        assert!(unpacked.problem.unwrap().contains("decompression bomb"));
    }

    #[test]
    fn a_cut_stream_keeps_what_came_before() {
        let text: String = (0..2000).map(|i| format!("{{\"text\": \"line {i} of a long file\"}}\n")).collect();
        let packed = gzip(text.as_bytes());
        let unpacked = unpack(&packed[..packed.len() * 2 / 3], Compression::Gzip, 1 << 30).unwrap();
        assert!(!unpacked.bytes.is_empty() && unpacked.bytes.len() < text.len());
        assert!(text.as_bytes().starts_with(&unpacked.bytes));
        assert!(unpacked.problem.unwrap().contains("cut short"));
        assert!(unpack(&packed[..12], Compression::Gzip, 1 << 30).is_err());
        assert!(unpack(b"plain text", Compression::Gzip, 1 << 30).unwrap_err().contains("not a gzip file"));
    }
}
