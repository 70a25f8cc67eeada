//! The Problems window: every file that could not be read, or was read only in part, and why.

use crate::corpus::Problem;

/// Shows the problems in a window; `is_open` turns false when the user closes it.
pub fn problems_window(ctx: &egui::Context, problems: &[Problem], is_open: &mut bool) {
    egui::Window::new("Problems").open(is_open).default_size([680.0, 360.0]).show(ctx, |ui| {
        if problems.is_empty() {
            ui.label("Every file was read without trouble.");
            return;
        }
        ui.horizontal(|ui| {
            let files = super::counts::counted(problems.len(), "file", "files");
            ui.label(format!("{files}: not read, or read only in part."));
            if ui.button("Copy all").clicked() {
                let text: String = problems.iter().map(|p| format!("{}\t{}\n", p.path, p.message)).collect();
                ui.ctx().copy_text(text);
            }
        });
        ui.separator();
        egui::ScrollArea::vertical().auto_shrink(false).show_rows(ui, 20.0, problems.len(), |ui, rows| {
            for problem in &problems[rows] {
                ui.horizontal(|ui| {
                    ui.monospace(&problem.path);
                    ui.label(&problem.message);
                });
            }
        });
    });
}
