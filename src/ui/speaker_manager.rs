//! The speaker manager: merge name variants, rename, and split wrong merges. Changes apply everywhere at once.

use super::state::Command;
use crate::speakers::SpeakerNames;
use std::collections::{BTreeMap, BTreeSet};

/// What the user is doing in the speaker manager.
#[derive(Default)]
pub struct SpeakerManager {
    /// Speakers ticked for merging.
    pub ticked: BTreeSet<String>,
    /// The speaker being renamed, and the new name typed so far.
    pub renaming: Option<(String, String)>,
    /// Text typed to find a speaker.
    pub search: String,
}

impl SpeakerManager {
    /// Shows the manager window; `is_open` turns false when it is closed.
    pub fn window(
        &mut self,
        ctx: &egui::Context,
        is_open: &mut bool,
        speaker_counts: &[(String, usize)],
        found: &BTreeMap<String, usize>,
        names: &SpeakerNames,
        roles: &BTreeMap<String, Vec<(String, usize)>>,
        commands: &mut Vec<Command>,
    ) {
        egui::Window::new("Speakers").open(is_open).default_size([560.0, 480.0]).show(ctx, |ui| {
            ui.label(
                "Tick speakers that are one person and merge them; rename a speaker; split a wrongly merged name off.",
            );
            ui.add(
                egui::TextEdit::singleline(&mut self.search).hint_text("Find a speaker").desired_width(f32::INFINITY),
            )
            .on_hover_text("Find a speaker");
            ui.horizontal(|ui| {
                let ticked: Vec<String> = self.ticked.iter().cloned().collect();
                ui.add_enabled_ui(ticked.len() >= 2, |ui| {
                    ui.menu_button(format!("Merge {} ticked into…", ticked.len()), |ui| {
                        for target in &ticked {
                            if ui.button(format!("into {target}")).clicked() {
                                commands.push(Command::MergeSpeakers { names: ticked.clone(), into: target.clone() });
                                self.ticked.clear();
                                ui.close();
                            }
                        }
                    });
                });
                if !self.ticked.is_empty() && ui.button("Clear ticks").clicked() {
                    self.ticked.clear();
                }
            });
            ui.separator();
            let search = self.search.to_lowercase();
            egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
                for (speaker, count) in speaker_counts.iter().filter(|(s, _)| s.to_lowercase().contains(&search)) {
                    ui.horizontal(|ui| {
                        let mut is_ticked = self.ticked.contains(speaker);
                        if ui.checkbox(&mut is_ticked, "").on_hover_text(format!("Tick {speaker}")).changed() {
                            if is_ticked {
                                self.ticked.insert(speaker.clone());
                            } else {
                                self.ticked.remove(speaker);
                            }
                        }
                        match &mut self.renaming {
                            Some((from, to)) if from == speaker => {
                                let edit = ui
                                    .add(egui::TextEdit::singleline(to).desired_width(220.0))
                                    .on_hover_text("New name");
                                let is_done = ui.button("Rename").clicked()
                                    || edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                                if is_done && !to.trim().is_empty() {
                                    commands
                                        .push(Command::RenameSpeaker { from: from.clone(), to: to.trim().to_owned() });
                                    self.renaming = None;
                                } else if ui.button("Cancel").clicked() {
                                    self.renaming = None;
                                }
                            }
                            _ => {
                                ui.label(egui::RichText::new(speaker).strong());
                                ui.weak(super::counts::counted(*count, "statement", "statements"));
                                if let Some(roles) = roles.get(speaker).filter(|roles| !roles.is_empty()) {
                                    // The roles most given, as the articles write them: what this speaker is.
                                    let shown: Vec<&str> =
                                        roles.iter().take(3).map(|(role, _)| role.as_str()).collect();
                                    let all: Vec<String> =
                                        roles.iter().map(|(role, n)| format!("{role} ({n})")).collect();
                                    ui.weak(shown.join(" · "))
                                        .on_hover_text(format!("Roles in the articles: {}", all.join(", ")));
                                }
                                if ui.small_button("Rename…").on_hover_text(format!("Rename {speaker}")).clicked() {
                                    self.renaming = Some((speaker.clone(), speaker.clone()));
                                }
                            }
                        }
                    });
                    let variants: Vec<&str> =
                        names.variants(speaker, found).into_iter().filter(|v| v != speaker).collect();
                    if !variants.is_empty() {
                        ui.horizontal_wrapped(|ui| {
                            ui.add_space(28.0);
                            ui.weak("also written:");
                            for variant in variants {
                                ui.weak(variant);
                                if ui
                                    .small_button("Split")
                                    .on_hover_text(format!("Split {variant} off {speaker}"))
                                    .clicked()
                                {
                                    commands.push(Command::SplitSpeaker(variant.to_owned()));
                                }
                            }
                        });
                    }
                }
            });
        });
    }
}
