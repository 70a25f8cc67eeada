//! The desktop app: a thin egui layer over the engine.

mod app;
mod article_list;
mod article_view;
mod browse_view;
mod chart_view;
mod connect_window;
mod copies;
mod counts;
pub mod dialogs;
mod facets_panel;
pub mod fonts;
mod jobs;
mod path_prompt;
mod problems;
mod search_bar;
mod speaker_manager;
mod state;
mod statement_context;
mod statements_panel;
mod statements_view;
mod status_bar;
mod topics_window;

pub use app::DossierApp;
pub use browse_view::{BrowseTab, BrowseView};
pub use chart_view::TopicTable;
pub use state::PathPurpose;
pub use state::{AppState, CentralTab, SortKey};

use std::path::PathBuf;

/// Opens the app window, on `path` when given, else on the corpus open when the app last closed.
pub fn run_app(path: Option<PathBuf>, browse: bool) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Dossier")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        renderer: eframe::Renderer::Wgpu,
        ..Default::default()
    };
    dialogs::RfdDialogs::install_failure_logger();
    eframe::run_native(
        "Dossier",
        options,
        Box::new(move |cc| {
            fonts::add_system_script_fonts(&cc.egui_ctx);
            // A cluster's index is connected to (as File ▸ Connect would); anything else is a path to open.
            let cluster = path
                .as_deref()
                .and_then(|p| p.to_str())
                .filter(|p| p.starts_with("http://") || p.starts_with("https://"));
            let Some(location) = cluster.map(str::to_owned) else {
                return Ok(Box::new(DossierApp::new(cc, Box::new(dialogs::RfdDialogs), path)));
            };
            let mut app = DossierApp::new(cc, Box::new(dialogs::RfdDialogs), None);
            app.connect_to(&cc.egui_ctx, &location, browse);
            Ok(Box::new(app))
        }),
    )
}
