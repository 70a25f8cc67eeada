//! Zip archives of article files: each member in a format Dossier reads (compressed ones too, and DOCX,
//! ODT or WARC inside) gives its articles, numbered one after another across the archive; other members
//! are counted, and a zip inside the zip is not opened. Limits on members and unpacked bytes stop bombs.

use super::compressed::{self, Compression};
use super::{Format, Records};
use std::io::Read;
use std::path::Path;

/// An archive with more members than this is read up to here.
const MAX_MEMBERS: usize = 100_000;
/// One member may unpack to this many bytes at most.
const MAX_MEMBER_BYTES: u64 = 256 << 20;
/// All members together may unpack to this many bytes at most.
const MAX_TOTAL_BYTES: u64 = 1 << 30;

/// Reads the articles of every readable member of a zip archive.
pub fn read_zip(bytes: &[u8]) -> Records {
    let mut records = Records::default();
    let mut archive = match zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
        Ok(archive) => archive,
        Err(error) => {
            records.fail(format!("not a zip archive ({error})"));
            return records;
        }
    };
    let (mut other_types, mut total) = (0usize, 0u64);
    if archive.len() > MAX_MEMBERS {
        records.warn(format!("the archive holds {} files; only the first {MAX_MEMBERS} were read", archive.len()));
    }
    for index in 0..archive.len().min(MAX_MEMBERS) {
        let mut member = match archive.by_index(index) {
            Ok(member) => member,
            Err(error) => {
                records.warn(format!("file {} of the archive cannot be unpacked: {error}", index + 1));
                continue;
            }
        };
        if member.is_dir() {
            continue;
        }
        let name = match member.name() {
            Ok(name) => name.into_owned(),
            Err(_) => String::from_utf8_lossy(member.name_raw()).into_owned(),
        };
        let path = Path::new(&name);
        let hidden = path.components().any(|c| c.as_os_str().to_string_lossy().starts_with(['.', '_']));
        let Some(format) = Format::from_path(path).filter(|_| !hidden && !crate::corpus::is_documentation(path)) else {
            other_types += 1;
            continue;
        };
        // One level only, so archives nested in archives cannot multiply the work.
        if format == Format::Zip {
            records.warn(format!("{name}: a zip inside the zip is not opened"));
            continue;
        }
        let mut content = Vec::new();
        if let Err(error) = (&mut member).take(MAX_MEMBER_BYTES + 1).read_to_end(&mut content) {
            records.warn(format!("{name}: cannot be unpacked ({error})"));
            continue;
        }
        total += content.len() as u64;
        if content.len() as u64 > MAX_MEMBER_BYTES || total > MAX_TOTAL_BYTES {
            records.warn(format!(
                "{name}: the archive unpacks to more than {} MB (a decompression bomb?); it and the files after it were not read",
                if total > MAX_TOTAL_BYTES { MAX_TOTAL_BYTES } else { MAX_MEMBER_BYTES } >> 20
            ));
            break;
        }
        if let Some(compression) = Compression::from_path(path) {
            match compressed::unpack(&content, compression, MAX_MEMBER_BYTES) {
                Ok(unpacked) => {
                    if let Some(problem) = unpacked.problem {
                        records.warn(format!("{name}: {problem}"));
                    }
                    content = unpacked.bytes;
                }
                Err(reason) => {
                    records.warn(format!("{name}: {reason}"));
                    continue;
                }
            }
        }
        let member_records = if format.is_binary() {
            super::read_binary(format, &content)
        } else {
            match crate::decode::decode(&content) {
                Ok(decoded) => super::read_records(format, &decoded.text),
                Err(error) => Records { error: Some(error.to_string()), ..Records::default() },
            }
        };
        records.warnings.extend(member_records.warnings.into_iter().map(|w| format!("{name}: {w}")));
        if let Some(error) = member_records.error {
            records.warn(format!("{name}: {error}"));
        }
        for mut record in member_records.records {
            record.record = records.records.len() as u32;
            records.records.push(record);
        }
    }
    if other_types > 0 {
        records.warn(format!("{other_types} hidden files or files of other types in the archive were skipped"));
    }
    if records.records.is_empty() && records.error.is_none() {
        records.fail("the archive holds no article Dossier can read");
    }
    records
}
