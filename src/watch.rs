//! Noticing that files of an open corpus were added, changed or deleted, so the user can be offered a refresh.
//!
//! The system's watcher (inotify on Linux) is used where it can be; where it cannot (its watch limit is
//! reached, or the folder is on a network file system), the corpus is polled every few seconds instead.

use crate::corpus::CorpusSource;
use crate::ingest::Format;
use notify::{EventKind, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How often a polling watcher looks at the files.
const POLL_INTERVAL: Duration = Duration::from_secs(5);

/// Watches a corpus; `has_changes` turns true when one of its article files changes.
pub struct CorpusWatcher {
    _watcher: Box<dyn Watcher + Send>,
    changed: Arc<AtomicBool>,
    /// True when the corpus is polled rather than watched by the system.
    pub is_polling: bool,
}

impl CorpusWatcher {
    /// Starts watching the files of `source`; `on_change` is called (from another thread) at each change.
    pub fn start(source: &CorpusSource, on_change: impl Fn() + Send + Sync + 'static) -> Result<CorpusWatcher, String> {
        let changed = Arc::new(AtomicBool::new(false));
        let on_change = Arc::new(on_change);
        let roots: Arc<Vec<PathBuf>> = Arc::new(watched_paths(source).into_iter().map(Path::to_owned).collect());
        let handler = {
            let (changed, on_change) = (changed.clone(), on_change.clone());
            move |event: notify::Result<notify::Event>| {
                if event.is_ok_and(|event| is_article_change(&event, &roots)) {
                    changed.store(true, Ordering::Relaxed);
                    on_change();
                }
            }
        };
        let system = notify::recommended_watcher(handler.clone())
            .map_err(|e| e.to_string())
            .and_then(|mut watcher| watch_all(&mut watcher, source).map(|()| watcher));
        match system {
            Ok(watcher) => Ok(CorpusWatcher { _watcher: Box::new(watcher), changed, is_polling: false }),
            Err(_) => {
                let config = notify::Config::default().with_poll_interval(POLL_INTERVAL);
                let mut watcher = notify::PollWatcher::new(handler, config).map_err(|e| e.to_string())?;
                watch_all(&mut watcher, source)?;
                Ok(CorpusWatcher { _watcher: Box::new(watcher), changed, is_polling: true })
            }
        }
    }

    /// True once a file of the corpus was added, changed or deleted since the watch began.
    pub fn has_changes(&self) -> bool {
        self.changed.load(Ordering::Relaxed)
    }
}

fn watched_paths(source: &CorpusSource) -> Vec<&Path> {
    match source {
        CorpusSource::Folder(folder) => vec![folder],
        CorpusSource::Files(files) => files.iter().map(|p| p.as_path()).collect(),
    }
}

fn watch_all(watcher: &mut impl Watcher, source: &CorpusSource) -> Result<(), String> {
    for path in watched_paths(source) {
        watcher.watch(path, RecursiveMode::Recursive).map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
    }
    Ok(())
}

/// True for an event that changes what the corpus holds: a file of a type Dossier reads (or a folder)
/// created, written, renamed or removed, outside hidden folders below the watched `roots` (as loading skips
/// them). Reading a file is no change.
fn is_article_change(event: &notify::Event, roots: &[PathBuf]) -> bool {
    let changes = matches!(event.kind, EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_))
        && !matches!(event.kind, EventKind::Modify(notify::event::ModifyKind::Metadata(_)));
    changes
        && event.paths.iter().any(|path| {
            let below = roots.iter().find_map(|root| path.strip_prefix(root).ok()).unwrap_or(path);
            let hidden = below.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
            !hidden && (Format::from_path(path).is_some() || path.extension().is_none())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait_for(watcher: &CorpusWatcher) -> bool {
        let started = std::time::Instant::now();
        while started.elapsed() < Duration::from_secs(15) {
            if watcher.has_changes() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    #[test]
    fn new_changed_and_deleted_articles_are_noticed_and_other_files_are_not() {
        let folder = tempfile::tempdir().unwrap();
        std::fs::write(folder.path().join("one.txt"), "One\n\nText.").unwrap();
        let source = CorpusSource::Folder(folder.path().to_owned());
        let quiet = CorpusWatcher::start(&source, || {}).unwrap();
        std::fs::create_dir(folder.path().join(".git")).unwrap();
        std::fs::write(folder.path().join(".git/index"), "x").unwrap();
        std::fs::write(folder.path().join("photo.png"), "x").unwrap();
        let _ = std::fs::read(folder.path().join("one.txt")).unwrap();
        std::thread::sleep(Duration::from_millis(if quiet.is_polling { 6000 } else { 300 }));
        assert!(!quiet.has_changes(), "hidden files, other types and reading are no change");
        std::fs::write(folder.path().join("two.txt"), "Two\n\nText.").unwrap();
        assert!(wait_for(&quiet), "a new article");
        let changed = CorpusWatcher::start(&source, || {}).unwrap();
        std::fs::write(folder.path().join("one.txt"), "One\n\nOther text.").unwrap();
        assert!(wait_for(&changed), "a changed article");
        let deleted = CorpusWatcher::start(&source, || {}).unwrap();
        std::fs::remove_file(folder.path().join("two.txt")).unwrap();
        assert!(wait_for(&deleted), "a deleted article");
    }
}
