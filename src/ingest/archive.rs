//! Zip and tar archives of article files: each member in a format Dossier reads (compressed ones too, and DOCX,
//! ODT or WARC inside) gives its articles, numbered one after another across the archive; other members
//! are counted, and an archive inside the archive is not opened. Limits on members and unpacked bytes stop bombs.

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
    let mut archive = match zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
        Ok(archive) => archive,
        Err(error) => return Records { error: Some(format!("not a zip archive ({error})")), ..Records::default() },
    };
    let mut members = Members::default();
    if archive.len() > MAX_MEMBERS {
        members
            .records
            .warn(format!("the archive holds {} files; only the first {MAX_MEMBERS} were read", archive.len()));
    }
    for index in 0..archive.len().min(MAX_MEMBERS) {
        let mut member = match archive.by_index(index) {
            Ok(member) => member,
            Err(error) => {
                members.records.warn(format!("file {} of the archive cannot be unpacked: {error}", index + 1));
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
        if !members.read(&name, &mut member) {
            break;
        }
    }
    members.finish()
}

/// Reads the articles of every readable member of a tar archive (once unpacked from gzip or another
/// compression); a damaged or cut archive keeps the members before the damage.
pub fn read_tar(bytes: &[u8]) -> Records {
    let mut archive = tar::Archive::new(bytes);
    let mut members = Members::default();
    let entries = match archive.entries() {
        Ok(entries) => entries,
        Err(error) => return Records { error: Some(format!("not a tar archive ({error})")), ..Records::default() },
    };
    for (index, entry) in entries.enumerate() {
        if index == MAX_MEMBERS {
            members.records.warn(format!(
                "the archive holds more than {MAX_MEMBERS} files; only the first {MAX_MEMBERS} were read"
            ));
            break;
        }
        let mut entry = match entry {
            Ok(entry) => entry,
            Err(error) if index == 0 => {
                return Records { error: Some(format!("not a tar archive ({error})")), ..Records::default() };
            }
            Err(error) => {
                members.records.warn(format!("the archive is damaged or cut short after its file {index}: {error}"));
                break;
            }
        };
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let name = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        if !members.read(&name, &mut entry) {
            break;
        }
    }
    members.finish()
}

/// The articles of an archive's members as they are read one after another, with what was skipped.
#[derive(Default)]
struct Members {
    records: Records,
    other_types: usize,
    unpacked_bytes: u64,
}

impl Members {
    /// Reads one member's articles, each named by the member's path; false when the archive unpacks to
    /// more than the limits allow, so no more members should be read.
    fn read(&mut self, name: &str, member: &mut impl Read) -> bool {
        let records = &mut self.records;
        let path = Path::new(name);
        let hidden = path.components().any(|c| c.as_os_str().to_string_lossy().starts_with(['.', '_']));
        let Some(format) = Format::from_path(path).filter(|_| !hidden && !crate::corpus::is_documentation(path)) else {
            self.other_types += 1;
            return true;
        };
        // One level only, so archives nested in archives cannot multiply the work.
        if matches!(format, Format::Zip | Format::Tar) {
            records.warn(format!("{name}: an archive inside the archive is not opened"));
            return true;
        }
        let mut content = Vec::new();
        if let Err(error) = member.take(MAX_MEMBER_BYTES + 1).read_to_end(&mut content) {
            records.warn(format!("{name}: cannot be unpacked ({error})"));
            return true;
        }
        self.unpacked_bytes += content.len() as u64;
        if content.len() as u64 > MAX_MEMBER_BYTES || self.unpacked_bytes > MAX_TOTAL_BYTES {
            records.warn(format!(
                "{name}: the archive unpacks to more than {} MB (a decompression bomb?); it and the files after it were not read",
                if self.unpacked_bytes > MAX_TOTAL_BYTES { MAX_TOTAL_BYTES } else { MAX_MEMBER_BYTES } >> 20
            ));
            return false;
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
                    return true;
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
            record.member = Some(name.to_owned());
            records.records.push(record);
        }
        true
    }

    fn finish(mut self) -> Records {
        if self.other_types > 0 {
            self.records
                .warn(format!("{} hidden files or files of other types in the archive were skipped", self.other_types));
        }
        if self.records.records.is_empty() && self.records.error.is_none() {
            self.records.fail("the archive holds no article Dossier can read");
        }
        self.records
    }
}
