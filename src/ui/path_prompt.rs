//! A small window to type or paste a path: the way on when no file dialog can be shown, and
//! File ▸ Open path… for people who would rather type.

use super::state::{Command, PathPurpose};
use std::path::PathBuf;

impl PathPurpose {
    fn title(self) -> &'static str {
        match self {
            PathPurpose::OpenCorpus => "Open a folder or file",
            PathPurpose::ImportTopics => "Import topics",
            PathPurpose::Export(_) => "Export to a file",
        }
    }

    fn action(self) -> &'static str {
        match self {
            PathPurpose::OpenCorpus => "Open",
            PathPurpose::ImportTopics => "Import",
            PathPurpose::Export(_) => "Save",
        }
    }
}

/// The path being typed, and why the window is shown.
#[derive(Debug, Clone)]
pub struct PathPrompt {
    /// What the path is for.
    pub purpose: PathPurpose,
    /// The text typed so far.
    pub text: String,
    /// Why no dialog was shown, when one was asked for.
    pub reason: Option<String>,
    /// Why the path last typed cannot be used.
    pub error: Option<String>,
    /// Focus the text field on the next frame.
    focus: bool,
}

impl PathPrompt {
    /// A prompt for `purpose`, starting with `text`; `reason` says why no dialog was shown, if one failed.
    pub fn new(purpose: PathPurpose, text: String, reason: Option<String>) -> Self {
        Self { purpose, text, reason, error: None, focus: true }
    }

    /// The path typed, if it may be used for the purpose; otherwise the reason is kept to be shown.
    fn checked_path(&mut self) -> Option<PathBuf> {
        let typed = self.text.trim().trim_matches(['"', '\'']);
        let path = expand_home(typed);
        self.error = match self.purpose {
            _ if typed.is_empty() => Some("Type a path first.".to_owned()),
            PathPurpose::OpenCorpus | PathPurpose::ImportTopics if !path.exists() => {
                Some(format!("{} does not exist.", path.display()))
            }
            PathPurpose::ImportTopics if path.is_dir() => Some(format!("{} is a folder, not a file.", path.display())),
            PathPurpose::Export(_) if path.is_dir() => {
                Some(format!("{} is a folder: add a file name.", path.display()))
            }
            PathPurpose::Export(_) if path.parent().is_some_and(|p| !p.as_os_str().is_empty() && !p.is_dir()) => {
                Some(format!("The folder {} does not exist.", path.parent().unwrap_or(&path).display()))
            }
            _ => None,
        };
        self.error.is_none().then_some(path)
    }

    /// Draws the window; returns false once it should close. A usable path becomes `Command::UsePath`.
    pub fn window_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) -> bool {
        let mut is_open = true;
        let mut is_done = false;
        egui::Window::new(self.purpose.title())
            .open(&mut is_open)
            .collapsible(false)
            .resizable(false)
            .default_width(520.0)
            .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
            .show(ctx, |ui| {
                if let Some(reason) = &self.reason {
                    ui.colored_label(ui.visuals().warn_fg_color, reason);
                    ui.add_space(4.0);
                }
                ui.label(match self.purpose {
                    PathPurpose::OpenCorpus => {
                        "Type or paste the path of a folder or file of articles, or drop a folder on this window."
                    }
                    PathPurpose::ImportTopics => "Type or paste the path of a topics file (JSON).",
                    PathPurpose::Export(_) => "Type or paste the path of the file to write.",
                });
                let field = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.text)
                            .hint_text("/home/me/articles")
                            .desired_width(f32::INFINITY),
                    )
                    .on_hover_text("The path to use");
                if std::mem::take(&mut self.focus) {
                    field.request_focus();
                }
                let is_entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if let Some(error) = &self.error {
                    ui.colored_label(ui.visuals().error_fg_color, error);
                }
                ui.horizontal(|ui| {
                    if (ui.button(self.purpose.action()).clicked() || is_entered)
                        && let Some(path) = self.checked_path()
                    {
                        commands.push(Command::UsePath { purpose: self.purpose, path });
                        is_done = true;
                    }
                    if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                        is_done = true;
                    }
                });
            });
        is_open && !is_done
    }
}

/// `~/x` means the home folder's `x`, as in a shell.
fn expand_home(typed: &str) -> PathBuf {
    match (typed.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(typed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_paths_are_checked_for_their_purpose() {
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("topics.json");
        std::fs::write(&file, "{}").unwrap();
        let check = |purpose, text: &str| {
            let mut prompt = PathPrompt::new(purpose, text.to_owned(), None);
            prompt.checked_path().ok_or_else(|| prompt.error.clone().unwrap())
        };
        let folder_text = folder.path().to_str().unwrap();
        assert_eq!(check(PathPurpose::OpenCorpus, &format!(" '{folder_text}' ")), Ok(folder.path().to_owned()));
        assert!(check(PathPurpose::OpenCorpus, "/no/such/place").unwrap_err().contains("does not exist"));
        assert!(check(PathPurpose::OpenCorpus, "  ").unwrap_err().contains("Type a path"));
        assert!(check(PathPurpose::ImportTopics, folder_text).unwrap_err().contains("is a folder"));
        assert_eq!(check(PathPurpose::ImportTopics, file.to_str().unwrap()), Ok(file.clone()));
        let export = PathPurpose::Export(super::super::state::ExportKind::Articles);
        assert!(check(export, folder_text).unwrap_err().contains("add a file name"));
        assert!(check(export, "/no/such/place/a.csv").unwrap_err().contains("does not exist"));
        assert_eq!(check(export, &format!("{folder_text}/a.csv")), Ok(folder.path().join("a.csv")));
    }
}
