//! The extraction cache: a warm reopen takes unchanged files from it and gives the very corpus a fresh read
//! gives; changed, added and deleted files are read alone; a damaged or old cache is rebuilt, never trusted.

use dossier::corpus::{Corpus, CorpusSource};
use dossier::loading;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// A copy of the Wikinews corpus, with modification times in the past so the cache can trust them.
fn wikinews_copy() -> (tempfile::TempDir, PathBuf) {
    let folder = tempfile::tempdir().unwrap();
    let corpus = folder.path().join("news");
    std::fs::create_dir(&corpus).unwrap();
    let wikinews = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/wikinews");
    for entry in std::fs::read_dir(wikinews).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, corpus.join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(corpus.join("note.txt"), "Aid arrives\n\nThe mayor said: \"We are grateful.\"\n").unwrap();
    std::fs::write(corpus.join("extra.txt"), "Storm passes\n\nOfficials said the roads were open again.\n").unwrap();
    for entry in std::fs::read_dir(&corpus).unwrap() {
        set_age(&entry.unwrap().path(), Duration::from_secs(3600));
    }
    (folder, corpus)
}

fn set_age(path: &Path, age: Duration) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now() - age).unwrap();
}

fn load(corpus: &Path, cache: &Path) -> Corpus {
    loading::load_cached(&CorpusSource::Folder(corpus.to_owned()), 2, Some(cache)).unwrap()
}

fn fresh(corpus: &Path) -> Corpus {
    loading::load(&CorpusSource::Folder(corpus.to_owned()), 2).unwrap()
}

/// The parts of a corpus that must not depend on the cache.
fn assert_same(cached: &Corpus, fresh: &Corpus) {
    let without_read_time = |corpus: &Corpus| {
        corpus.files.iter().map(|f| dossier::corpus::FileEntry { read_at: 0, ..f.clone() }).collect::<Vec<_>>()
    };
    assert_eq!(without_read_time(cached), without_read_time(fresh));
    assert_eq!(cached.articles, fresh.articles);
    assert_eq!(cached.statements, fresh.statements);
    assert_eq!(cached.problems, fresh.problems);
}

#[test]
fn a_warm_reopen_reads_no_file_and_gives_the_same_corpus() {
    let (folder, corpus) = wikinews_copy();
    let cache = folder.path().join("cache/extracted.bin");
    let first = load(&corpus, &cache);
    assert_eq!(first.files_from_cache, 0);
    assert!(cache.exists());
    let second = load(&corpus, &cache);
    assert_eq!(second.files_from_cache, second.files.len());
    assert!(second.statements.len() > 1000, "{}", second.statements.len());
    assert_same(&second, &first);
}

#[test]
fn changed_added_and_deleted_files_are_read_alone() {
    let (folder, corpus) = wikinews_copy();
    let cache = folder.path().join("cache/extracted.bin");
    let first = load(&corpus, &cache);
    std::fs::write(corpus.join("note.txt"), "Aid delayed\n\nThe mayor said: \"We are still waiting.\"\n").unwrap();
    std::fs::remove_file(corpus.join("extra.txt")).unwrap();
    std::fs::write(corpus.join("new.md"), "# New\n\nThe minister said the talks would go on.\n").unwrap();
    let second = load(&corpus, &cache);
    assert_eq!(second.files.len(), first.files.len());
    assert_eq!(second.files_from_cache, first.files.len() - 2, "all but the changed and the deleted file");
    assert_same(&second, &fresh(&corpus));
    let note = second.articles.iter().find(|a| second.files[a.file_id as usize].relative_path == "note.txt").unwrap();
    assert_eq!(note.title, "Aid delayed");
    // The cache was saved again, so a third open reads nothing.
    assert_eq!(load(&corpus, &cache).files_from_cache, second.files.len());
}

#[test]
fn a_change_that_keeps_size_and_time_is_caught_by_content_when_the_time_is_recent() {
    let (folder, corpus) = wikinews_copy();
    let cache = folder.path().join("cache/extracted.bin");
    let note = corpus.join("note.txt");
    // Written just before it was read: the time alone cannot prove the file unchanged later.
    set_age(&note, Duration::from_millis(500));
    let modified = std::fs::metadata(&note).unwrap().modified().unwrap();
    load(&corpus, &cache);
    std::fs::write(&note, "Aid arrives\n\nThe mayor said: \"We are thankful.\"\n").unwrap();
    std::fs::File::options().write(true).open(&note).unwrap().set_modified(modified).unwrap();
    let second = load(&corpus, &cache);
    assert_eq!(second.files_from_cache, second.files.len() - 1);
    let mut texts = Vec::new();
    second
        .with_statement_records(0..second.statements.len() as u32, |_, record| {
            texts.push(record.unwrap().text.clone());
            Ok::<(), ()>(())
        })
        .unwrap();
    assert!(texts.iter().any(|t| t.contains("thankful")), "the new wording is read: {texts:?}");
}

#[test]
fn a_damaged_or_old_cache_is_rebuilt_and_never_trusted() {
    let (folder, corpus) = wikinews_copy();
    let cache = folder.path().join("cache/extracted.bin");
    let first = load(&corpus, &cache);
    let bytes = std::fs::read(&cache).unwrap();
    // Cut in half: reported, then rebuilt.
    std::fs::write(&cache, &bytes[..bytes.len() / 2]).unwrap();
    let second = load(&corpus, &cache);
    assert_eq!(second.files_from_cache, 0);
    let cache_problems: Vec<_> = second.problems.iter().filter(|p| p.path == cache.display().to_string()).collect();
    assert_eq!(cache_problems.len(), 1, "{:?}", second.problems);
    assert!(cache_problems[0].message.contains("damaged"), "{}", cache_problems[0].message);
    assert_eq!(load(&corpus, &cache).files_from_cache, first.files.len());
    // Another version's cache is read as no cache at all, silently.
    let version = b"dossier-extract-0 0.0.1";
    let old = [&b"DOSSIER-CACHE\n"[..], &(version.len() as u64).to_le_bytes(), version, b"what an old version wrote"];
    std::fs::write(&cache, old.concat()).unwrap();
    let third = load(&corpus, &cache);
    assert_eq!(third.files_from_cache, 0);
    assert_same(&third, &first);
    // Counts in the header that the file cannot hold are damage, never room made in memory.
    let version = dossier::cache::CACHE_VERSION.as_bytes();
    let header = [&b"DOSSIER-CACHE\n"[..], &(version.len() as u64).to_le_bytes(), version, &[0xFF; 16]];
    std::fs::write(&cache, header.concat()).unwrap();
    let huge = load(&corpus, &cache);
    assert_eq!((huge.files_from_cache, &huge.articles, &huge.statements), (0, &first.articles, &first.statements));
    assert!(huge.problems.iter().any(|p| p.message.contains("counts out of bounds")), "{:?}", huge.problems);
    // Garbage of any kind is no worse.
    std::fs::write(&cache, b"\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF not a cache").unwrap();
    let fourth = load(&corpus, &cache);
    assert_eq!(
        (fourth.files_from_cache, &fourth.articles, &fourth.statements),
        (0, &first.articles, &first.statements)
    );
    assert!(fourth.problems.iter().any(|p| p.message.contains("damaged")));
}

#[test]
fn an_unreadable_cache_folder_is_a_problem_not_a_failure() {
    let (folder, corpus) = wikinews_copy();
    // A file where the cache folder should be: the cache cannot be saved.
    std::fs::write(folder.path().join("blocked"), "").unwrap();
    let cache = folder.path().join("blocked/extracted.bin");
    let loaded = load(&corpus, &cache);
    assert_eq!(loaded.articles.len(), fresh(&corpus).articles.len());
    assert!(loaded.problems.iter().any(|p| p.message.starts_with("cannot save the cache")), "{:?}", loaded.problems);
}
