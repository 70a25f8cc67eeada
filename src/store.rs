//! Files Dossier owns (per-corpus settings such as speaker edits), kept outside the corpus and written atomically.

use crate::corpus::CorpusSource;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

/// The folder for Dossier's own data about one corpus, outside the corpus folder.
pub fn corpus_data_dir(source: &CorpusSource) -> Option<PathBuf> {
    corpus_dir("DOSSIER_DATA_DIR", directories::ProjectDirs::data_dir, source)
}

/// The folder for Dossier's own data about a corpus on a cluster (`URL/NAME`): its speaker changes and topics.
pub fn remote_data_dir(location: &str) -> Option<PathBuf> {
    let name = location.rsplit('/').next().unwrap_or_default();
    Some(base_dir("DOSSIER_DATA_DIR", directories::ProjectDirs::data_dir)?.join("clusters").join(key(name, location)))
}

/// The file of a corpus' speaker changes (merges, renames, splits) in its data folder.
pub const SPEAKER_EDITS_FILE: &str = "speakers.json";

/// The file of a corpus' topics in its data folder.
pub const TOPICS_FILE: &str = "topics.json";

/// The folder for caches about one corpus (its search index), which can be rebuilt if lost.
pub fn corpus_cache_dir(source: &CorpusSource) -> Option<PathBuf> {
    corpus_dir("DOSSIER_CACHE_DIR", directories::ProjectDirs::cache_dir, source)
}

/// The file that caches what was read from a corpus' files.
pub fn extraction_cache_file(source: &CorpusSource) -> Option<PathBuf> {
    Some(corpus_cache_dir(source)?.join("extracted.bin"))
}

/// Where the app's own settings are saved: `settings.json` in Dossier's data folder.
pub fn settings_path() -> Option<PathBuf> {
    Some(base_dir("DOSSIER_DATA_DIR", directories::ProjectDirs::data_dir)?.join("settings.json"))
}

/// A corpus' folder under Dossier's data or cache folder.
fn corpus_dir(
    variable: &str,
    platform: fn(&directories::ProjectDirs) -> &Path,
    source: &CorpusSource,
) -> Option<PathBuf> {
    Some(base_dir(variable, platform)?.join("corpora").join(corpus_key(source)))
}

/// The folder an environment variable names (tests set it), else the platform's own.
fn base_dir(variable: &str, platform: fn(&directories::ProjectDirs) -> &Path) -> Option<PathBuf> {
    match std::env::var_os(variable) {
        Some(dir) => Some(PathBuf::from(dir)),
        None => Some(platform(&directories::ProjectDirs::from("org", "Dossier", "dossier")?).to_owned()),
    }
}

/// A stable, file-name-safe key for a corpus: its last folder name and a hash of its full path.
fn corpus_key(source: &CorpusSource) -> String {
    let name = match source {
        CorpusSource::Folder(path) => path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        CorpusSource::Files(_) => "files".to_owned(),
    };
    key(&name, &serde_json::to_string(source).unwrap_or_default())
}

/// A file-name-safe key: `name` made safe and shortened, and a hash of `text`, which tells apart what the
/// name does not.
fn key(name: &str, text: &str) -> String {
    let hash = stable_hash(text.as_bytes());
    let name: String =
        name.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).take(40).collect();
    format!("{name}-{hash:016x}")
}

/// FNV-1a: a hash that stays the same across runs, builds and platforms, unlike the standard hasher; for
/// names kept on disk (cache folders, index keys).
pub fn stable_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3))
}

/// Writes a file atomically: to a temporary file beside it, flushed to disk, then renamed over it.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomically_with(path, |file| std::io::Write::write_all(file, bytes))
}

/// Writes a file atomically as `write_atomically` does, with `write` streaming its content (so a big file
/// need not be built in memory first). A failed write leaves the old file as it was.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    use std::io::Write;
    let folder = path.parent().ok_or_else(|| std::io::Error::other("no parent folder"))?;
    std::fs::create_dir_all(folder)?;
    // Unique to the process and the call, so two writes of one file (two windows, or a save still running
    // when the next starts) never share a temporary file.
    static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let write_number = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temporary = folder.join(format!(".{name}.tmp-{}-{write_number}", std::process::id()));
    let written = (|| {
        let mut file = std::io::BufWriter::new(std::fs::File::create(&temporary)?);
        write(&mut file)?;
        file.flush()?;
        file.get_ref().sync_all()
    })();
    match written {
        Ok(()) => std::fs::rename(&temporary, path),
        Err(error) => {
            let _ = std::fs::remove_file(&temporary);
            Err(error)
        }
    }
}

/// `name`, or `name-2`, `name-3`… (before the extension) if a file of that name is already in `folder`, so
/// a suggested file name never invites replacing an earlier export.
pub fn unused_file_name(folder: Option<&Path>, name: &str) -> String {
    let Some(folder) = folder else { return name.to_owned() };
    let (stem, extension) = name.split_once('.').unwrap_or((name, ""));
    let dot = if extension.is_empty() { "" } else { "." };
    std::iter::once(name.to_owned())
        .chain((2..).map(|n| format!("{stem}-{n}{dot}{extension}")))
        .find(|candidate| !folder.join(candidate).exists())
        .expect("some number is free")
}

/// Saves a value as pretty JSON, atomically.
pub fn save_json<T: Serialize>(path: &Path, value: &T) -> std::io::Result<()> {
    let json = serde_json::to_vec_pretty(value).map_err(std::io::Error::other)?;
    write_atomically(path, &json)
}

/// Loads a JSON file we own. A missing file gives the default; a corrupt one is moved aside as `*.bad`
/// (so nothing is lost) and reported, and the default is used.
pub fn load_json<T: DeserializeOwned + Default>(path: &Path) -> (T, Option<String>) {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return (T::default(), None),
        Err(error) => return (T::default(), Some(format!("cannot read {}: {error}", path.display()))),
    };
    match serde_json::from_str(&text) {
        Ok(value) => (value, None),
        Err(error) => {
            let aside = path.with_extension("json.bad");
            let moved = std::fs::rename(path, &aside).is_ok();
            let note = if moved { format!("; it was kept as {}", aside.display()) } else { String::new() };
            (T::default(), Some(format!("{} is damaged ({error}){note}", path.display())))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_writes_and_corrupt_files_kept_aside() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("sub/edits.json");
        save_json(&path, &vec![1, 2, 3]).unwrap();
        let (loaded, problem): (Vec<i32>, _) = load_json(&path);
        assert_eq!(loaded, [1, 2, 3]);
        assert!(problem.is_none());
        std::fs::write(&path, "{ broken").unwrap();
        let (loaded, problem): (Vec<i32>, _) = load_json(&path);
        assert!(loaded.is_empty());
        assert!(problem.unwrap().contains("damaged"));
        assert!(path.with_extension("json.bad").exists());
        let (missing, problem): (Vec<i32>, _) = load_json(&folder.path().join("none.json"));
        assert!(missing.is_empty() && problem.is_none());
    }

    #[test]
    fn suggested_names_never_meet_an_existing_file() {
        let folder = tempfile::tempdir().unwrap();
        assert_eq!(unused_file_name(Some(folder.path()), "chart.csv.json"), "chart.csv.json");
        std::fs::write(folder.path().join("chart.png"), "").unwrap();
        std::fs::write(folder.path().join("chart-2.png"), "").unwrap();
        assert_eq!(unused_file_name(Some(folder.path()), "chart.png"), "chart-3.png");
        assert_eq!(unused_file_name(None, "chart.png"), "chart.png");
    }

    #[test]
    fn corpus_keys_are_stable_and_distinct() {
        let a = corpus_key(&CorpusSource::Folder("/data/iran news".into()));
        assert_eq!(a, corpus_key(&CorpusSource::Folder("/data/iran news".into())));
        assert_ne!(a, corpus_key(&CorpusSource::Folder("/other/iran news".into())));
        assert!(a.starts_with("iran_news-"));
    }
}
