//! The right panel beside All statements and the chart: the statement picked in All statements, read in
//! its article — the paragraph it sits in with the one before and after — so a reader can judge a quote
//! without leaving the list.

use super::jobs::Job;
use super::state::Command;
use crate::corpus::Corpus;
use crate::speakers::SpeakerNames;
use std::ops::Range;
use std::sync::Arc;

/// The statement picked in All statements and its context, read off the UI thread.
#[derive(Default)]
pub struct StatementContext {
    /// The statement picked (index into `corpus.statements`).
    pub statement: Option<u32>,
    reading: Option<Job<Result<ContextText, String>>>,
    shown: Option<Result<ContextText, String>>,
}

/// The words around a statement, cut from its article.
pub struct ContextText {
    /// The statement (index into `corpus.statements`).
    pub statement: u32,
    /// The paragraphs around the statement.
    pub text: String,
    /// Where the statement lies in `text`.
    pub said: Range<usize>,
    /// The speaker's role as the article gives it.
    pub role: Option<String>,
    /// The speech verb as written.
    pub cue: Option<String>,
}

/// The byte range of the paragraphs (non-empty lines) that hold `said`, with one more on each side.
pub fn paragraphs_around(text: &str, said: Range<usize>) -> Range<usize> {
    let mut paragraphs = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.len();
        if !line.trim().is_empty() {
            paragraphs.push(start..end);
        }
        start = end;
    }
    if paragraphs.is_empty() {
        return said;
    }
    let first = paragraphs.iter().position(|p| p.end > said.start).unwrap_or(paragraphs.len() - 1);
    let last = paragraphs.iter().rposition(|p| p.start < said.end).unwrap_or(first).max(first);
    let start = paragraphs[first.saturating_sub(1)].start.min(said.start);
    let end = paragraphs[(last + 1).min(paragraphs.len() - 1)].end.max(said.end);
    start..end
}

impl StatementContext {
    /// Picks a statement and starts reading its article.
    pub fn show(&mut self, ctx: &egui::Context, corpus: &Arc<Corpus>, statement: u32) {
        self.statement = Some(statement);
        self.shown = None;
        let corpus = corpus.clone();
        self.reading = Some(Job::spawn("reading a statement's article", ctx, move || {
            let found = corpus.statements.get(statement as usize).ok_or("The statement is gone")?;
            let meta = corpus.articles.get(found.article as usize).ok_or("The article is gone")?;
            let text = corpus.read_text(meta)?;
            let said = found.text[0] as usize..found.text[1] as usize;
            let around = paragraphs_around(&text, said.clone());
            let piece = |span: Option<[u32; 2]>| {
                span.and_then(|[start, end]| text.get(start as usize..end as usize)).map(str::to_owned)
            };
            let (role, cue) = (piece(found.role.get()), piece(found.cue.get()));
            let context = text.get(around.clone()).ok_or("The article changed on disk since it was read")?;
            Ok(ContextText {
                statement,
                text: context.to_owned(),
                said: said.start - around.start..said.end - around.start,
                role,
                cue,
            })
        }));
    }

    /// The words around the picked statement, once read.
    pub fn text(&self) -> Option<&str> {
        self.shown.as_ref()?.as_ref().ok().map(|context| context.text.as_str())
    }

    /// Forgets the statement (a new corpus, or the statement left the list).
    pub fn clear(&mut self) {
        *self = StatementContext::default();
    }

    /// Takes in the article once read.
    pub fn poll(&mut self) {
        if let Some(result) = self.reading.as_ref().and_then(Job::poll) {
            self.reading = None;
            self.shown = Some(result.and_then(|read| read));
        }
    }

    /// Draws the panel.
    pub fn panel_ui(&self, ui: &mut egui::Ui, corpus: &Corpus, names: &SpeakerNames, commands: &mut Vec<Command>) {
        ui.heading("In context");
        let Some(statement_index) = self.statement else {
            ui.weak("Click a statement in All statements to read it here in its article (the arrow keys move, Enter opens it).");
            return;
        };
        let Some(statement) = corpus.statements.get(statement_index as usize) else { return };
        let Some(article) = corpus.articles.get(statement.article as usize) else { return };
        let speaker = statement.speaker.as_deref().map_or("Unknown speaker", |s| names.canonical(s));
        let context = match &self.shown {
            None => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.weak("Reading the article…");
                });
                return;
            }
            Some(Err(message)) => {
                ui.colored_label(ui.visuals().error_fg_color, message);
                return;
            }
            Some(Ok(context)) => context,
        };
        ui.horizontal_wrapped(|ui| {
            let name = egui::RichText::new(speaker).strong();
            ui.label(if statement.named { name } else { name.weak() });
            if let Some(role) = &context.role {
                ui.weak(role);
            }
        });
        let cue = context.cue.as_deref().unwrap_or("no verb");
        ui.weak(format!("{} · {cue}", super::statements_panel::kind_label(statement.kind)));
        ui.add_space(4.0);
        ui.label(egui::RichText::new(&article.title).strong());
        let date = article.date.map_or_else(|| "undated".to_owned(), |d| d.format("%Y-%m-%d").to_string());
        let outlet = article.outlet.as_deref().unwrap_or("unknown outlet");
        ui.weak(format!("{outlet} · {date} · {}", corpus.article_file(article)));
        if ui.button("Open in article").on_hover_text("Read the whole article (Enter, or double-click)").clicked() {
            commands.push(Command::OpenStatement(statement_index));
        }
        ui.separator();
        egui::ScrollArea::vertical().id_salt(("statement_context", context.statement)).auto_shrink(false).show(
            ui,
            |ui| {
                let style = ui.style().clone();
                let plain = egui::TextFormat {
                    font_id: egui::TextStyle::Body.resolve(&style),
                    color: style.visuals.text_color(),
                    ..Default::default()
                };
                let marked = egui::TextFormat {
                    background: style.visuals.selection.bg_fill.gamma_multiply(0.6),
                    color: style.visuals.strong_text_color(),
                    ..plain.clone()
                };
                let mut job = egui::text::LayoutJob::default();
                let said = context.said.clone();
                job.append(&context.text[..said.start], 0.0, plain.clone());
                job.append(&context.text[said.clone()], 0.0, marked);
                job.append(&context.text[said.end..], 0.0, plain);
                job.wrap.max_width = ui.available_width();
                ui.label(job);
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::paragraphs_around;

    #[test]
    fn the_context_is_the_statements_paragraph_and_one_on_each_side() {
        let text = "Headline\n\nFirst paragraph.\n\nShe said \"yes\" today.\n\nLast one.\nAfter.\n";
        let said = text.find("yes").unwrap()..text.find("yes").unwrap() + 3;
        let around = paragraphs_around(text, said);
        assert_eq!(&text[around], "First paragraph.\n\nShe said \"yes\" today.\n\nLast one.\n");
    }

    #[test]
    fn the_context_stops_at_the_texts_ends() {
        let text = "Only \"one\" paragraph";
        let said = 6..9;
        assert_eq!(&text[paragraphs_around(text, said)], text);
        let text = "A said \"x\".\nB.";
        assert_eq!(&text[paragraphs_around(text, 8..9)], text);
    }

    #[test]
    fn a_statement_over_several_paragraphs_keeps_them_all() {
        let text = "zero\none \"a\ntwo\nthree b\"\nfour\nfive";
        let said = text.find('a').unwrap()..text.find('b').unwrap() + 1;
        assert_eq!(&text[paragraphs_around(text, said)], "zero\none \"a\ntwo\nthree b\"\nfour\n");
    }
}
