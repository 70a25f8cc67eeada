//! File dialogs behind a small interface, so tests can answer them without opening a window.

use std::path::{Path, PathBuf};

/// The dialogs the app asks for. They are called on a background thread, so they may block.
pub trait Dialogs: Send + Sync {
    /// Asks for a folder to open, starting in `start` if given; `None` when the user cancels.
    fn pick_folder(&self, start: Option<&Path>) -> Option<PathBuf>;
    /// Asks where to save a file, offering `file_name` in `start`; `filter` is (description, extension).
    /// The dialog itself asks before replacing a file. `None` when the user cancels.
    fn save_file(&self, start: Option<&Path>, file_name: &str, filter: (&str, &str)) -> Option<PathBuf>;
    /// Asks for a file to read, of the type `filter` describes; `None` when the user cancels.
    fn open_file(&self, start: Option<&Path>, filter: (&str, &str)) -> Option<PathBuf>;
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

    fn save_file(&self, start: Option<&Path>, file_name: &str, filter: (&str, &str)) -> Option<PathBuf> {
        let mut dialog =
            rfd::FileDialog::new().set_title("Export").set_file_name(file_name).add_filter(filter.0, &[filter.1]);
        if let Some(start) = start {
            dialog = dialog.set_directory(start);
        }
        dialog.save_file()
    }

    fn open_file(&self, start: Option<&Path>, filter: (&str, &str)) -> Option<PathBuf> {
        let mut dialog = rfd::FileDialog::new().set_title("Import").add_filter(filter.0, &[filter.1]);
        if let Some(start) = start {
            dialog = dialog.set_directory(start);
        }
        dialog.pick_file()
    }
}

/// Dialogs that answer with fixed paths, for tests.
#[derive(Debug, Clone, Default)]
pub struct FakeDialogs {
    /// What `pick_folder` answers.
    pub folder: Option<PathBuf>,
    /// The folder `save_file` answers in, with the file name offered.
    pub save_folder: Option<PathBuf>,
    /// What `open_file` answers.
    pub open_file: Option<PathBuf>,
}

impl Dialogs for FakeDialogs {
    fn pick_folder(&self, _start: Option<&Path>) -> Option<PathBuf> {
        self.folder.clone()
    }

    fn save_file(&self, _start: Option<&Path>, file_name: &str, _filter: (&str, &str)) -> Option<PathBuf> {
        self.save_folder.as_ref().map(|folder| folder.join(file_name))
    }

    fn open_file(&self, _start: Option<&Path>, _filter: (&str, &str)) -> Option<PathBuf> {
        self.open_file.clone()
    }
}
