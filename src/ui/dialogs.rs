//! File dialogs behind a small interface, so tests can answer them without opening a window.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

/// A dialog's answer: the path chosen, `Ok(None)` when the user cancelled, or why no dialog could be
/// shown (no desktop portal and no zenity, say), so the app can offer to type the path instead.
pub type DialogAnswer = Result<Option<PathBuf>, String>;

/// The dialogs the app asks for. They are called on a background thread, so they may block.
pub trait Dialogs: Send + Sync {
    /// Asks for a folder to open, starting in `start` if given.
    fn pick_folder(&self, start: Option<&Path>) -> DialogAnswer;
    /// Asks where to save a file, offering `file_name` in `start`; `filter` is (description, extension).
    /// The dialog itself asks before replacing a file.
    fn save_file(&self, start: Option<&Path>, file_name: &str, filter: (&str, &str)) -> DialogAnswer;
    /// Asks for a file to read, of the type `filter` describes.
    fn open_file(&self, start: Option<&Path>, filter: (&str, &str)) -> DialogAnswer;
}

/// The system's dialogs, through rfd (the desktop portal, else zenity).
pub struct RfdDialogs;

impl RfdDialogs {
    /// Installs the logger through which rfd reports that it could show no dialog; call once at start.
    pub fn install_failure_logger() {
        // Another logger may already be installed (never in the app); then failures read as cancels.
        let _ = log::set_logger(&RFD_FAILURES).map(|()| log::set_max_level(log::LevelFilter::Error));
    }
}

impl Dialogs for RfdDialogs {
    fn pick_folder(&self, start: Option<&Path>) -> DialogAnswer {
        let mut dialog = rfd::FileDialog::new().set_title("Open a folder of articles");
        if let Some(start) = start {
            dialog = dialog.set_directory(start);
        }
        answer_of(|| dialog.pick_folder())
    }

    fn save_file(&self, start: Option<&Path>, file_name: &str, filter: (&str, &str)) -> DialogAnswer {
        let mut dialog =
            rfd::FileDialog::new().set_title("Export").set_file_name(file_name).add_filter(filter.0, &[filter.1]);
        if let Some(start) = start {
            dialog = dialog.set_directory(start);
        }
        answer_of(|| dialog.save_file())
    }

    fn open_file(&self, start: Option<&Path>, filter: (&str, &str)) -> DialogAnswer {
        let mut dialog = rfd::FileDialog::new().set_title("Import").add_filter(filter.0, &[filter.1]);
        if let Some(start) = start {
            dialog = dialog.set_directory(start);
        }
        answer_of(|| dialog.pick_file())
    }
}

thread_local! {
    /// The last error rfd logged on this thread (dialogs run on a thread of their own).
    static RFD_ERROR: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// rfd returns `None` both when the user cancels and when neither the portal nor zenity could show a
/// dialog; only its log tells the two apart, so the error it logs on this thread is caught here.
fn answer_of(show: impl FnOnce() -> Option<PathBuf>) -> DialogAnswer {
    RFD_ERROR.with(|error| error.borrow_mut().take());
    let chosen = show();
    match (chosen, RFD_ERROR.with(|error| error.borrow_mut().take())) {
        (Some(path), _) => Ok(Some(path)),
        (None, None) => Ok(None),
        (None, Some(error)) => Err(format!(
            "No file dialog could be shown ({error}). Install zenity (sudo apt install zenity) or a desktop portal; \
             until then, type the path here."
        )),
    }
}

/// Keeps rfd's errors for `answer_of`; everything else is dropped, as it was with no logger.
struct RfdFailures;

static RFD_FAILURES: RfdFailures = RfdFailures;

impl log::Log for RfdFailures {
    fn enabled(&self, metadata: &log::Metadata) -> bool {
        metadata.level() <= log::Level::Error && metadata.target().starts_with("rfd")
    }

    fn log(&self, record: &log::Record) {
        if self.enabled(record.metadata()) {
            let message = record.args().to_string();
            RFD_ERROR.with(|error| *error.borrow_mut() = Some(message));
        }
    }

    fn flush(&self) {}
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
    /// When set, every dialog fails with this reason, as on a machine with no portal and no zenity.
    pub failure: Option<String>,
}

impl FakeDialogs {
    fn answer(&self, path: Option<PathBuf>) -> DialogAnswer {
        match &self.failure {
            Some(reason) => Err(reason.clone()),
            None => Ok(path),
        }
    }
}

impl Dialogs for FakeDialogs {
    fn pick_folder(&self, _start: Option<&Path>) -> DialogAnswer {
        self.answer(self.folder.clone())
    }

    fn save_file(&self, _start: Option<&Path>, file_name: &str, _filter: (&str, &str)) -> DialogAnswer {
        self.answer(self.save_folder.as_ref().map(|folder| folder.join(file_name)))
    }

    fn open_file(&self, _start: Option<&Path>, _filter: (&str, &str)) -> DialogAnswer {
        self.answer(self.open_file.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_logged_by_rfd_while_showing_is_a_failure_and_a_quiet_none_a_cancel() {
        RfdDialogs::install_failure_logger();
        assert_eq!(answer_of(|| None), Ok(None));
        assert_eq!(answer_of(|| Some(PathBuf::from("/x"))), Ok(Some(PathBuf::from("/x"))));
        let failed = answer_of(|| {
            log::error!(target: "rfd::backend", "Failed to pick folder with zenity: not found");
            None
        });
        assert!(failed.unwrap_err().contains("Failed to pick folder with zenity: not found"));
        // Other crates' errors are not the dialog's.
        assert_eq!(
            answer_of(|| {
                log::error!(target: "wgpu", "something else");
                None
            }),
            Ok(None)
        );
    }
}
