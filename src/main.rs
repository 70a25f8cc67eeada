//! The `dossier` program: the desktop app, or a command of the command line.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match dossier::cli::parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match cli.command {
        Some(command) => dossier::cli::run(command),
        None => open_app(cli.path, cli.browse),
    }
}

#[cfg(feature = "gui")]
fn open_app(path: Option<std::path::PathBuf>, browse: bool) -> ExitCode {
    match dossier::ui::run_app(path, browse) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("dossier: cannot open the window: {error}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_app(_path: Option<std::path::PathBuf>, _browse: bool) -> ExitCode {
    eprintln!(
        "dossier: this build has no app (built without the `gui` feature); use a command such as `dossier articles PATH`"
    );
    ExitCode::from(dossier::cli::EXIT_USAGE)
}
