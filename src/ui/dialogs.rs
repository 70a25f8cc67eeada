//! File dialogs behind a small interface, so tests can answer them without opening a window.

use std::path::{Path, PathBuf};

/// The dialogs the app asks for. They are called on a background thread, so they may block.
pub trait Dialogs: Send + Sync {
    /// Asks for a folder to open, starting in `start` if given; `None` when the user cancels.
    fn pick_folder(&self, start: Option<&Path>) -> Option<PathBuf>;
}

/// The system's dialogs, through rfd.
pub struct RfdDialogs;

impl Dialogs for RfdDialogs {
    fn pick_folder(&self, start: Option<&Path>) -> Option<PathBuf> {
        let mut dialog = rfd::FileDialog::new().set_title("Open a folder of articles");
        if let Some(start) = start {
            dialog = dialog.set_directory(start);
        }
        dialog.pick_folder()
    }
}

/// Dialogs that answer with fixed paths, for tests.
#[derive(Debug, Clone, Default)]
pub struct FakeDialogs {
    /// What `pick_folder` answers.
    pub folder: Option<PathBuf>,
}

impl Dialogs for FakeDialogs {
    fn pick_folder(&self, _start: Option<&Path>) -> Option<PathBuf> {
        self.folder.clone()
    }
}
