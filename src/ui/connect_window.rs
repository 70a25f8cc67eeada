//! File ▸ Connect to cluster…: the address of an OpenSearch cluster and the name of an index made by
//! `dossier index PATH --to URL`. The corpus is read off the UI thread; what went wrong is shown with Retry.

use super::jobs::Job;
use super::state::{Command, ConnectRequest};
use crate::corpus::Corpus;
use crate::remote::{Client, Credentials, RemoteBrowse, RemoteCorpus, RemoteError, Target};
use crate::speakers::SpeakerRoles;

/// The address the window offers when none was used before.
pub const DEFAULT_URL: &str = "http://127.0.0.1:9200";

/// Corpora up to this many articles are read in (every view works on them, as on a local folder); larger
/// ones are browsed on the server a page at a time. About 2.7 kB of metadata per article are read in.
pub const READ_IN_LIMIT: u64 = 200_000;

/// A corpus on a cluster, ready to replace the open one.
pub struct Connected {
    /// What was connected to.
    pub request: ConnectRequest,
    /// How it is opened.
    pub connection: Connection,
}

/// A corpus read in, or browsed on the server.
pub enum Connection {
    /// The metadata in memory, texts fetched on demand.
    Loaded {
        /// The metadata.
        corpus: Corpus,
        /// The speakers' roles, read with the statements (a local corpus reads them from its files).
        roles: SpeakerRoles,
    },
    /// Asked a page at a time.
    Browsing(RemoteBrowse),
}

type Reading = Job<Result<Connection, RemoteError>>;

/// The window's fields and the connection under way, if any.
pub struct ConnectWindow {
    /// The cluster's address, typed.
    pub url: String,
    /// The index name, typed.
    pub index: String,
    user: String,
    /// Kept only while the window is open: never saved.
    password: String,
    /// Browse on the server whatever the corpus' size (otherwise only above `READ_IN_LIMIT` articles).
    pub always_browse: bool,
    /// The connection under way.
    connecting: Option<(ConnectRequest, Reading)>,
    /// The last request sent, for Retry.
    last: Option<ConnectRequest>,
    /// Why the fields cannot be used, or why the connection failed.
    error: Option<String>,
    /// True when `error` is a failed connection, which Retry may mend (a node starting, a network blip).
    can_retry: bool,
}

impl ConnectWindow {
    /// A window offering `url` and `index` (the last ones used), or the default address.
    pub fn new(url: &str, index: &str) -> ConnectWindow {
        ConnectWindow {
            url: if url.is_empty() { DEFAULT_URL.to_owned() } else { url.to_owned() },
            index: index.to_owned(),
            user: String::new(),
            password: String::new(),
            always_browse: false,
            connecting: None,
            last: None,
            error: None,
            can_retry: false,
        }
    }

    /// True while a connection is under way.
    pub fn is_connecting(&self) -> bool {
        self.connecting.is_some()
    }

    /// Why the last connection failed, or why the fields cannot be used.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// The request the fields make, or why they make none.
    fn request(&self) -> Result<ConnectRequest, String> {
        let (url, index) = (self.url.trim().trim_end_matches('/'), self.index.trim());
        if url.is_empty() {
            return Err("Type the cluster's address, such as http://127.0.0.1:9200.".to_owned());
        }
        if index.is_empty() {
            return Err("Type the name of the index (as given to dossier index PATH --to URL/NAME).".to_owned());
        }
        let user = self.user.trim();
        if user.is_empty() && !self.password.is_empty() {
            return Err("Type the user the password is for.".to_owned());
        }
        let target = Target::parse(&format!("{url}/{index}")).map_err(|e| e.message)?;
        let credentials =
            (!user.is_empty()).then(|| Credentials { user: user.to_owned(), password: self.password.clone() });
        Ok(ConnectRequest { target, credentials })
    }

    /// Connects with what the fields say, or says in the window why they cannot be used.
    pub fn connect(&mut self, ctx: &egui::Context) {
        match self.request() {
            Ok(request) => self.start(ctx, request),
            Err(reason) => {
                self.error = Some(reason);
                self.can_retry = false;
            }
        }
    }

    /// Starts reading the corpus of `request` on a background thread.
    pub fn start(&mut self, ctx: &egui::Context, request: ConnectRequest) {
        self.error = None;
        self.can_retry = false;
        self.last = Some(request.clone());
        let (target, credentials, location) = (request.target.clone(), request.credentials.clone(), request.location());
        let always_browse = self.always_browse;
        let job = Job::spawn("connecting to the cluster", ctx, move || {
            let client = Client::with_credentials(&target.base, credentials.as_ref())?;
            let articles = match client.send("GET", &format!("/{}/_count", target.articles()), None)? {
                (200, answer) => answer["count"].as_u64().unwrap_or(0),
                // No index, or no access: opening says which, clearly.
                _ => 0,
            };
            if always_browse || articles > READ_IN_LIMIT {
                // The speaker changes saved for this index are applied on the server.
                let saved =
                    crate::store::remote_data_dir(&location).map(|dir| dir.join(crate::store::SPEAKER_EDITS_FILE));
                let edits = saved.map(|path| crate::store::load_json(&path).0).unwrap_or_default();
                return RemoteBrowse::open(client, &target, &edits).map(Connection::Browsing);
            }
            let (corpus, roles) = RemoteCorpus::open_with(client, &target)?.into_local();
            Ok(Connection::Loaded { corpus, roles })
        });
        self.connecting = Some((request, job));
    }

    /// The corpus, once read; a failure is kept to be shown with Retry.
    pub fn poll(&mut self) -> Option<Connected> {
        let result = self.connecting.as_ref().and_then(|(_, job)| job.poll())?;
        let (request, _) = self.connecting.take()?;
        match result {
            Ok(Ok(connection)) => return Some(Connected { request, connection }),
            Ok(Err(error)) => self.error = Some(format!("Cannot open {}: {}", request.location(), error.message)),
            Err(internal) => self.error = Some(format!("Cannot open {}: {internal}", request.location())),
        }
        self.can_retry = true;
        None
    }

    /// Draws the window; returns false once it should close.
    pub fn window_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) -> bool {
        let mut is_open = true;
        let mut is_done = false;
        egui::Window::new("Connect to cluster")
            .open(&mut is_open)
            .collapsible(false)
            .resizable(false)
            .default_width(520.0)
            .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
            .show(ctx, |ui| {
                ui.label("Open a corpus sent to OpenSearch with dossier index PATH --to URL/NAME.");
                let is_connecting = self.connecting.is_some();
                egui::Grid::new("connect_fields").num_columns(2).show(ui, |ui| {
                    let enabled = !is_connecting;
                    field(ui, enabled, "Cluster URL", &mut self.url, DEFAULT_URL, false);
                    field(ui, enabled, "Index name", &mut self.index, "news", false);
                    field(ui, enabled, "User", &mut self.user, "from DOSSIER_OPENSEARCH_USER if empty", false);
                    field(ui, enabled, "Password", &mut self.password, "for this session only, never saved", true);
                });
                ui.add_enabled(!is_connecting, egui::Checkbox::new(&mut self.always_browse, "Browse on the server"))
                    .on_hover_text(format!(
                        "List, search, count and chart on the cluster, holding one page here. Corpora of more \
                         than {} articles are always browsed so; smaller ones are read in, with every view.",
                        super::counts::thousands(READ_IN_LIMIT as usize)
                    ));
                if let Some((request, _)) = &self.connecting {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(format!("Connecting to {}…", request.location()));
                    });
                }
                if let Some(error) = &self.error {
                    ui.colored_label(ui.visuals().error_fg_color, error);
                }
                ui.horizontal(|ui| {
                    if ui.add_enabled(!is_connecting, egui::Button::new("Connect")).clicked() {
                        match self.request() {
                            Ok(request) => commands.push(Command::Connect(request)),
                            Err(reason) => {
                                self.error = Some(reason);
                                self.can_retry = false;
                            }
                        }
                    }
                    if self.can_retry
                        && !is_connecting
                        && let Some(last) = &self.last
                        && ui.button("Retry").on_hover_text("Try the same connection again").clicked()
                    {
                        commands.push(Command::Connect(last.clone()));
                    }
                    if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                        is_done = true;
                    }
                });
            });
        is_open && !is_done
    }
}

/// One labelled row of the form; the label names the field for screen readers (and tests).
fn field(ui: &mut egui::Ui, enabled: bool, label: &str, text: &mut String, hint: &str, is_password: bool) {
    let label = ui.label(label);
    let edit = egui::TextEdit::singleline(text).hint_text(hint).password(is_password).desired_width(360.0);
    ui.add_enabled(enabled, edit).labelled_by(label.id);
    ui.end_row();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_make_a_request_or_say_what_is_wrong() {
        let mut window = ConnectWindow::new("", "news");
        assert_eq!(window.url, DEFAULT_URL);
        let request = window.request().unwrap();
        assert_eq!(request.location(), "http://127.0.0.1:9200/news");
        assert_eq!(request.credentials, None);
        window.url = "http://host:9200/".to_owned();
        window.user = "reader".to_owned();
        window.password = "secret".to_owned();
        let request = window.request().unwrap();
        assert_eq!(request.location(), "http://host:9200/news");
        assert_eq!(request.credentials.as_ref().map(|c| c.user.as_str()), Some("reader"));
        // The password never shows in what may be logged.
        assert!(!format!("{request:?}").contains("secret"));
        window.user.clear();
        assert!(window.request().unwrap_err().contains("user the password is for"));
        window.password.clear();
        window.index = "News".to_owned();
        assert!(window.request().unwrap_err().contains("lower case"));
        window.index = " ".to_owned();
        assert!(window.request().unwrap_err().contains("name of the index"));
        window.url = "host:9200".to_owned();
        window.index = "news".to_owned();
        assert!(window.request().unwrap_err().contains("http://"));
    }
}
