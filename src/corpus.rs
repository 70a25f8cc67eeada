//! A corpus: the files found under a folder, the articles read from them, and the problems met on the way.
//!
//! Article metadata and compact statements (who, and where their words lie) stay in memory; an article's
//! text is read again from its file when it is shown, exported or indexed.

use crate::article::{Article, ArticleMeta};
use crate::decode::decode;
use crate::fast_hash::{FastMap, FastSet};
use crate::ingest::compressed::{self, Compression};
use crate::ingest::{self, Format, RawRecord, Records};
use crate::metadata::analyze;
use crate::statements::{Act, SpeakerType, Statement, StatementKind, StatementRecord};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::{Read, Seek, SeekFrom};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Files larger than this are not read at all.
pub const MAX_FILE_BYTES: u64 = 2 << 30;
/// One article's text is cut at this many bytes, so a single huge file cannot fill the memory.
pub const MAX_ARTICLE_BYTES: usize = 16 << 20;
/// At most this many of a file's skipped parts are reported one by one; the rest are counted.
pub const MAX_PROBLEMS_PER_FILE: usize = 100;
/// A compressed file of many articles may unpack to this many bytes at most (one of one article, to
/// `MAX_ARTICLE_BYTES`); past it unpacking stops, so a decompression bomb cannot fill the memory.
pub const MAX_UNPACKED_BYTES: u64 = 1 << 30;

/// What the user opened: a folder, or a set of files (dropped on the window).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CorpusSource {
    /// Every readable file below a folder.
    Folder(PathBuf),
    /// These files.
    Files(Vec<PathBuf>),
}

impl CorpusSource {
    /// The source for a path given by the user: a folder, or a single file.
    pub fn from_path(path: &Path) -> CorpusSource {
        if path.is_file() { CorpusSource::Files(vec![path.to_owned()]) } else { CorpusSource::Folder(path.to_owned()) }
    }

    /// A short name for titles and menus.
    pub fn display_name(&self) -> String {
        match self {
            CorpusSource::Folder(path) => path.display().to_string(),
            CorpusSource::Files(files) if files.len() == 1 => files[0].display().to_string(),
            CorpusSource::Files(files) => format!("{} files", files.len()),
        }
    }
}

/// A file of the corpus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Path relative to the corpus root, for showing (a name that is not UTF-8 has replacement characters).
    pub relative_path: String,
    /// The relative path's bytes when they are not UTF-8, for opening the file.
    #[serde(default)]
    pub raw_path: Option<Vec<u8>>,
    /// Format, from the extension.
    pub format: Format,
    /// The compression around it, from a last extension such as `.gz`.
    #[serde(default)]
    pub compression: Option<Compression>,
    /// Size in bytes when listed.
    pub size: u64,
    /// Modification time when listed, in nanoseconds since 1970, if the system gives one.
    pub modified: Option<u64>,
    /// A hash of the bytes read, to tell a changed file when its size and time are unchanged.
    pub content_hash: u64,
    /// When the bytes were read (or last found unchanged), in nanoseconds since 1970.
    pub read_at: u64,
    /// How its text was decoded, once read (for a binary container, its format: `docx`).
    pub encoding: Option<String>,
    /// True when the decoded text equals the file's bytes after the BOM, so records can be re-read by seeking.
    pub is_verbatim: bool,
    /// Length of the byte-order mark.
    pub bom_len: u64,
    /// Length of a CSV header row, read again with each record.
    pub header_len: u64,
}

/// Something that went wrong with a file: it could not be read, or parts of it were skipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// Path relative to the corpus root (or as given when outside it).
    pub path: String,
    /// A plain reason.
    pub message: String,
}

/// Where the texts of a corpus' articles come from when they are not in files under its root (a corpus on
/// an OpenSearch cluster): views ask the corpus, and need not know where it lives.
pub trait ArticleTexts: Send + Sync + std::fmt::Debug {
    /// The text of one article, exactly as the corpus' byte spans (statements, roles) count it.
    fn text(&self, meta: &ArticleMeta) -> Result<String, String>;
}

/// An opened corpus: files, article metadata and problems.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// The folder relative paths start from.
    pub root: PathBuf,
    /// Files, indexed by `ArticleMeta::file_id`.
    pub files: Vec<FileEntry>,
    /// Articles, in the order they arrived.
    pub articles: Vec<ArticleMeta>,
    /// Statements of all articles, in article order.
    pub statements: Vec<CorpusStatement>,
    /// Problems met while listing and reading.
    pub problems: Vec<Problem>,
    /// How many files were taken from the cache rather than read.
    pub files_from_cache: usize,
    /// The fingerprint of each article's body, by article index, for finding copies of a story.
    pub fingerprints: Vec<crate::duplicates::StoryFingerprint>,
    /// One copy of each speaker name, shared by the statements.
    speaker_names: FastSet<Arc<str>>,
    /// Where article texts are read when not from the files under `root` (a remote corpus); never cached.
    pub texts: Option<Arc<dyn ArticleTexts>>,
}

/// A statement of the corpus, small enough to keep tens of millions in memory: who said it, and where its
/// words lie in its article's text (byte ranges; an article holds at most `MAX_ARTICLE_BYTES`). The words
/// themselves are read from the article when they are shown or exported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorpusStatement {
    /// Index into `Corpus::articles` (in a `FileResult`, into the file's own articles).
    pub article: u32,
    /// The speaker as found in the article, before the user's merges; one shared copy of each name.
    pub speaker: Option<Arc<str>>,
    /// Person or organisation.
    pub speaker_type: Option<SpeakerType>,
    /// True when the speaker is identified by a proper name (see `Statement::named`).
    pub named: bool,
    /// Direct, indirect or mixed.
    pub kind: StatementKind,
    /// Speech, belief or intention.
    pub act: Act,
    /// Byte range of what was said.
    pub text: [u32; 2],
    /// Byte range of the speaker mention as written.
    pub mention: ByteSpan,
    /// Byte range of the speech verb.
    pub cue: ByteSpan,
    /// Byte range of the speaker's role as the article gives it (`Iran’s President`), read like the words.
    pub role: ByteSpan,
    /// A key of the words said (see `duplicates::statement_words_key`), for finding the statement's echoes.
    pub words_key: u64,
}

/// An optional byte range of an article in 8 bytes (an `Option<[u32; 2]>` takes 12), so that a statement
/// stays small with its mention, cue and role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ByteSpan([u32; 2]);

impl ByteSpan {
    /// No range.
    pub const NONE: ByteSpan = ByteSpan([u32::MAX; 2]);

    /// Keeps a range (of an article, which never reaches `u32::MAX` bytes), or none.
    pub fn new(range: Option<&Range<usize>>) -> ByteSpan {
        range.map_or(ByteSpan::NONE, |r| ByteSpan([r.start as u32, r.end as u32]))
    }

    /// The range, if any.
    pub fn get(self) -> Option<[u32; 2]> {
        (self != ByteSpan::NONE).then_some(self.0)
    }

    /// The range as byte offsets, if any and if it lies on the characters of `text`.
    pub fn in_text(self, text: &str) -> Option<Option<Range<usize>>> {
        match self.get() {
            None => Some(None),
            Some([start, end]) => text.get(start as usize..end as usize).map(|_| Some(start as usize..end as usize)),
        }
    }
}

impl CorpusStatement {
    /// Keeps a statement that extraction found in article `article`.
    /// Its `words_key` is 0: the caller, which has the article's text, sets it.
    pub fn new(article: u32, statement: &Statement) -> CorpusStatement {
        let range = |r: &Range<usize>| [r.start as u32, r.end as u32];
        CorpusStatement {
            words_key: 0,
            article,
            speaker: statement.speaker.as_deref().map(Arc::from),
            speaker_type: statement.speaker_type,
            named: statement.named,
            kind: statement.kind,
            act: statement.act,
            text: range(&statement.text),
            mention: ByteSpan::new(statement.mention.as_ref()),
            cue: ByteSpan::new(statement.cue.as_ref()),
            role: ByteSpan::new(statement.role.as_ref()),
        }
    }

    /// The statement as extraction gives it, if its ranges lie on the words of `article_text` (they do not
    /// when the file changed since it was read).
    pub fn in_text(&self, article_text: &str) -> Option<Statement> {
        let range = |r: [u32; 2]| article_text.get(r[0] as usize..r[1] as usize).map(|_| r[0] as usize..r[1] as usize);
        Some(Statement {
            kind: self.kind,
            act: self.act,
            text: range(self.text)?,
            cue: self.cue.in_text(article_text)?,
            mention: self.mention.in_text(article_text)?,
            speaker: self.speaker.as_deref().map(str::to_owned),
            speaker_type: self.speaker_type,
            named: self.named,
            // A role that no longer lies on the text is dropped rather than the statement.
            role: self.role.in_text(article_text).flatten(),
        })
    }

    /// The words said, from the article's text.
    pub fn text_in<'a>(&self, article_text: &'a str) -> Option<&'a str> {
        article_text.get(self.text[0] as usize..self.text[1] as usize)
    }
}

impl FileEntry {
    /// The file's path under the corpus root.
    pub fn path_under(&self, root: &Path) -> PathBuf {
        #[cfg(unix)]
        if let Some(raw) = &self.raw_path {
            return root.join(<std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(raw));
        }
        root.join(&self.relative_path)
    }
}

impl Corpus {
    /// Starts from a listing: its files and problems, and room for the articles and statements expected.
    pub fn take_listing(&mut self, listing: Listing) {
        self.root = listing.root;
        self.files = listing.files;
        self.problems.extend(listing.problems);
        self.articles.reserve_exact(listing.expected.0);
        self.fingerprints.reserve_exact(listing.expected.0);
        self.statements.reserve_exact(listing.expected.1);
    }

    /// Adds what a worker read from one file.
    pub fn add_file_result(&mut self, result: FileResult) {
        self.files_from_cache += usize::from(result.from_cache);
        if let Some(entry) = self.files.get_mut(result.file_id as usize) {
            *entry = result.entry;
        }
        let first_article = self.articles.len() as u32;
        for mut statement in result.statements {
            statement.article += first_article;
            statement.speaker = statement.speaker.map(|name| self.shared_name(name));
            self.statements.push(statement);
        }
        // Fingerprints stay parallel to the articles, whatever an older producer of results left out.
        self.fingerprints.resize(self.articles.len(), Default::default());
        self.fingerprints.extend(
            result.fingerprints.into_iter().chain(std::iter::repeat(Default::default())).take(result.articles.len()),
        );
        self.articles.extend(result.articles);
        self.problems.extend(result.problems);
    }

    /// The shared copy of a speaker name.
    fn shared_name(&mut self, name: Arc<str>) -> Arc<str> {
        if let Some(shared) = self.speaker_names.get(&name) {
            return shared.clone();
        }
        self.speaker_names.insert(name.clone());
        name
    }

    /// Reads the statements at `indices` in full (words and character spans, the `dossier statements`
    /// contract), each article once, and hands each to `each` with its index, or the reason its article
    /// could not be read again.
    pub fn with_statement_records<E>(
        &self,
        indices: impl IntoIterator<Item = u32>,
        mut each: impl FnMut(u32, Result<&StatementRecord, &str>) -> Result<(), E>,
    ) -> Result<(), E> {
        // The statements of one article, one group each.
        let mut groups: Vec<Vec<u32>> = Vec::new();
        for index in indices.into_iter().filter(|&i| (i as usize) < self.statements.len()) {
            match groups.last_mut() {
                Some(group)
                    if self.statements[group[0] as usize].article == self.statements[index as usize].article =>
                {
                    group.push(index)
                }
                _ => groups.push(vec![index]),
            }
        }
        let mut hand_over = |group: &[u32], records: &Result<Vec<StatementRecord>, String>| match records {
            Ok(records) => group.iter().zip(records).try_for_each(|(&i, record)| each(i, Ok(record))),
            Err(reason) => group.iter().try_for_each(|&i| each(i, Err(reason.as_str()))),
        };
        if groups.len() < MANY_GROUPS {
            return groups.iter().try_for_each(|group| hand_over(group, &self.group_records(group)));
        }
        // Many articles (an export, `dossier statements`): they are read on another thread while `each`
        // takes those already read, so reading the files and writing the records overlap.
        std::thread::scope(|scope| {
            let (sender, receiver) = crossbeam_channel::bounded(MANY_GROUPS);
            let groups = &groups;
            scope.spawn(move || {
                for group in groups {
                    // Stops when the receiving side stopped (an error in `each`).
                    if sender.send(self.group_records(group)).is_err() {
                        break;
                    }
                }
            });
            groups.iter().zip(receiver.iter()).try_for_each(|(group, records)| hand_over(group, &records))
        })
    }

    /// The records of a group of statements of one article, read from the article's text.
    fn group_records(&self, group: &[u32]) -> Result<Vec<StatementRecord>, String> {
        let article = self.statements[group[0] as usize].article;
        let text = self.read_text(&self.articles[article as usize])?;
        let statements: Option<Vec<Statement>> =
            group.iter().map(|&i| self.statements[i as usize].in_text(&text)).collect();
        let statements = statements.ok_or_else(|| "the file changed since it was read".to_owned())?;
        Ok(crate::statements::to_records(&text, &statements))
    }

    /// Puts articles in file order, then record order, as the command line prints them; statements follow.
    /// Returns true if that moved any.
    pub fn sort_articles(&mut self) -> bool {
        // Files taken from the cache arrive in order: nothing to do.
        if self.articles.is_sorted_by_key(|a| (a.file_id, a.record)) {
            return false;
        }
        let mut order: Vec<u32> = (0..self.articles.len() as u32).collect();
        order.sort_by_key(|&i| (self.articles[i as usize].file_id, self.articles[i as usize].record));
        let mut new_index = vec![0u32; order.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old as usize] = new as u32;
        }
        let mut articles: Vec<Option<ArticleMeta>> = std::mem::take(&mut self.articles).into_iter().map(Some).collect();
        self.articles = order.iter().map(|&old| articles[old as usize].take().expect("each article once")).collect();
        if self.fingerprints.len() == order.len() {
            self.fingerprints = order.iter().map(|&old| self.fingerprints[old as usize]).collect();
        }
        for statement in &mut self.statements {
            statement.article = new_index[statement.article as usize];
        }
        // Statements never overlap, so their start orders those of one article.
        let placeholder = || CorpusStatement {
            article: 0,
            speaker: None,
            speaker_type: None,
            named: false,
            kind: StatementKind::Direct,
            act: Act::Speech,
            text: [0, 0],
            mention: ByteSpan::NONE,
            cue: ByteSpan::NONE,
            role: ByteSpan::NONE,
            words_key: 0,
        };
        sort_run_and_rest(&mut self.statements, |s| (s.article, s.text[0]), placeholder);
        true
    }

    /// Reads an article's text again from its file (or from `texts`, when set).
    pub fn read_article(&self, meta: &ArticleMeta) -> Result<Article, String> {
        read_article_from(self.texts.as_deref(), &self.root, &self.files[meta.file_id as usize], meta)
    }

    /// The file an article came from as users name it: inside an archive, `download.zip/articles/03.txt`.
    pub fn article_file(&self, meta: &ArticleMeta) -> String {
        let file = &self.files[meta.file_id as usize].relative_path;
        match &meta.member {
            Some(member) => format!("{file}/{member}"),
            None => file.clone(),
        }
    }

    /// Reads just an article's text again from its file, for indexing and for the words of statements.
    pub fn read_text(&self, meta: &ArticleMeta) -> Result<String, String> {
        if let Some(texts) = &self.texts {
            return texts.text(meta);
        }
        read_text(&self.root, &self.files[meta.file_id as usize], meta).map(|(text, _)| text)
    }

    /// The speaker names (as found) that name their speaker: most of their statements are `named`, so the
    /// rest are unnamed sources (`officials`, `police`).
    pub fn named_speakers(&self) -> std::collections::BTreeSet<String> {
        let mut votes: FastMap<&str, (usize, usize)> = FastMap::default();
        for statement in &self.statements {
            if let Some(speaker) = statement.speaker.as_deref() {
                let vote = votes.entry(speaker).or_default();
                if statement.named {
                    vote.0 += 1;
                } else {
                    vote.1 += 1;
                }
            }
        }
        votes.into_iter().filter(|(_, (named, unnamed))| named > unnamed).map(|(name, _)| name.to_owned()).collect()
    }

    /// The role words the articles give the speaker names (as found) that a surname merge weighs: lone
    /// personal names, and full names ending in one of them (see `speakers::role_words`). Roles are read
    /// from the articles, each article once, so only those few are read.
    pub fn found_speaker_roles(&self) -> crate::speakers::SpeakerRoles {
        use crate::speakers::is_personal_name;
        let found = self.found_speakers();
        let surname = |name: &str| name.split_whitespace().last().map(crate::statements::fold_name).unwrap_or_default();
        let lone: FastSet<String> = found
            .keys()
            .filter(|name| !name.contains(' ') && is_personal_name(name))
            .map(|name| surname(name))
            .collect();
        let weighed: FastSet<&str> = found
            .keys()
            .filter(|name| lone.contains(&surname(name)) && is_personal_name(name))
            .map(String::as_str)
            .collect();
        let mut roles = crate::speakers::SpeakerRoles::new();
        let mut article_text: Option<(u32, String)> = None;
        for statement in &self.statements {
            let (Some(speaker), Some([start, end])) = (statement.speaker.as_deref(), statement.role.get()) else {
                continue;
            };
            if !weighed.contains(speaker) {
                continue;
            }
            // Statements are in article order: one article's text is read once.
            if article_text.as_ref().is_none_or(|(article, _)| *article != statement.article) {
                let Some(meta) = self.articles.get(statement.article as usize) else { continue };
                let Ok(text) = self.read_text(meta) else { continue };
                article_text = Some((statement.article, text));
            }
            if let Some((_, text)) = &article_text
                && let Some(role) = text.get(start as usize..end as usize)
            {
                roles.entry(speaker.to_owned()).or_default().extend(crate::speakers::role_words(role));
            }
        }
        roles
    }

    /// The roles the articles give some speakers (canonical names under `names`), most frequent first with
    /// how often, read from at most `articles_each` of each speaker's articles: roles are not kept in
    /// memory, so their articles are read again, and a few say what a speaker is.
    pub fn roles_of(
        &self,
        names: &crate::speakers::SpeakerNames,
        speakers: &[String],
        articles_each: usize,
    ) -> BTreeMap<String, Vec<(String, usize)>> {
        let wanted: FastSet<&str> = speakers.iter().map(String::as_str).collect();
        let mut read: FastMap<&str, FastSet<u32>> = FastMap::default();
        let mut counts: BTreeMap<String, BTreeMap<String, (String, usize)>> = BTreeMap::new();
        let mut article_text: Option<(u32, Option<String>)> = None;
        for statement in &self.statements {
            let (Some(found), Some([start, end])) = (statement.speaker.as_deref(), statement.role.get()) else {
                continue;
            };
            let speaker = names.canonical(found);
            if !wanted.contains(speaker) {
                continue;
            }
            let articles = read.entry(speaker).or_default();
            if !articles.contains(&statement.article) && articles.len() >= articles_each {
                continue;
            }
            articles.insert(statement.article);
            // Statements are in article order: one article's text is read once.
            if article_text.as_ref().is_none_or(|(article, _)| *article != statement.article) {
                let text = self.articles.get(statement.article as usize).and_then(|meta| self.read_text(meta).ok());
                article_text = Some((statement.article, text));
            }
            let Some(role) =
                article_text.as_ref().and_then(|(_, text)| text.as_ref()?.get(start as usize..end as usize))
            else {
                continue;
            };
            let role = role.split_whitespace().collect::<Vec<_>>().join(" ");
            // "Minister" and "minister" are one role, shown as first written.
            let entry = counts.entry(speaker.to_owned()).or_default().entry(role.to_lowercase()).or_insert((role, 0));
            entry.1 += 1;
        }
        counts
            .into_iter()
            .map(|(speaker, roles)| {
                let mut roles: Vec<(String, usize)> = roles.into_values().collect();
                roles.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                (speaker, roles)
            })
            .collect()
    }

    /// The canonical speaker names of the corpus: automatic merges (with the roles as evidence) and the
    /// user's edits.
    pub fn speaker_names(&self, edits: &crate::speakers::SpeakerEdits) -> crate::speakers::SpeakerNames {
        crate::speakers::SpeakerNames::build_with_roles(&self.found_speakers(), &self.found_speaker_roles(), edits)
    }

    /// Every speaker name found in the statements, with how many statements it has.
    pub fn found_speakers(&self) -> std::collections::BTreeMap<String, usize> {
        count_speakers(&self.statements).into_iter().map(|(name, count)| (name.to_owned(), count)).collect()
    }
}

/// How many of `statements` each speaker name (as found) made.
pub fn count_speakers<'a>(statements: impl IntoIterator<Item = &'a CorpusStatement>) -> FastMap<&'a str, usize> {
    // Counted by the shared copy of each name first: hashing its address is quicker than hashing its
    // letters, twenty million times at a million articles.
    let mut by_copy: FastMap<usize, (&str, usize)> = FastMap::default();
    for speaker in statements.into_iter().filter_map(|s| s.speaker.as_deref()) {
        by_copy.entry(speaker.as_ptr() as usize).or_insert((speaker, 0)).1 += 1;
    }
    let mut found = FastMap::with_capacity_and_hasher(by_copy.len(), Default::default());
    for (name, count) in by_copy.into_values() {
        *found.entry(name).or_insert(0) += count;
    }
    found
}

/// Reads an article's text again from its file under `root`, for showing it; the metadata stays as listed.
pub fn read_article(root: &Path, entry: &FileEntry, meta: &ArticleMeta) -> Result<Article, String> {
    let (text, fields) = read_text(root, entry, meta)?;
    let analysis = analyze(&text, &fields, &entry.relative_path);
    Ok(Article { meta: meta.clone(), text, lines: analysis.lines })
}

/// Reads an article from `texts` when given, else from its file under `root`: what a background job needs,
/// without holding the whole corpus (which would make the loader copy it as files arrive).
pub fn read_article_from(
    texts: Option<&dyn ArticleTexts>,
    root: &Path,
    entry: &FileEntry,
    meta: &ArticleMeta,
) -> Result<Article, String> {
    let Some(texts) = texts else { return read_article(root, entry, meta) };
    let text = texts.text(meta)?;
    // The record's own fields (a CSV's columns) are not kept beside the text: lines are judged on the text.
    let analysis = analyze(&text, &crate::metadata::Fields::default(), &entry.relative_path);
    Ok(Article { meta: meta.clone(), text, lines: analysis.lines })
}

/// Reads an article's text (and the record's fields) again from its file, without analysing its lines.
fn read_text(root: &Path, entry: &FileEntry, meta: &ArticleMeta) -> Result<(String, crate::metadata::Fields), String> {
    let path = entry.path_under(root);
    if is_streamed(entry) {
        let page = read_streamed_page(&path, entry, meta).map_err(|e| format!("{}: {e}", entry.relative_path))?;
        return Ok((cap_text(page.text).0, page.fields));
    }
    if !entry.format.holds_many() {
        // A container, or a text that may hold many articles (a Nexis or Factiva export), is read again
        // whole (once for a run of its articles) and the record picked by index.
        let records = unpacked_records(&path, entry).map_err(|e| format!("{}: {e}", entry.relative_path))?;
        let record = records.iter().find(|r| r.record == meta.record).ok_or_else(|| {
            format!("{}: the article is no longer in the file (was it changed?)", entry.relative_path)
        })?;
        return Ok((cap_text(record.text.clone()).0, record.fields.clone()));
    }
    let text = read_record_text(&path, entry, meta).map_err(|e| format!("{}: {e}", entry.relative_path))?;
    let records = ingest::read_records(entry.format, &text);
    // A re-read range holds just this record; a whole file (a JSON wrapper) holds them all.
    let record = match records.records.len() {
        1 => records.records.into_iter().next(),
        _ => records.records.into_iter().find(|r| r.record == meta.record),
    }
    .ok_or_else(|| format!("{}: the article is no longer in the file (was it changed?)", entry.relative_path))?;
    Ok((cap_text(record.text).0, record.fields))
}

/// Reads the decoded text holding one record: the record's own bytes when the file allows, else the whole file.
fn read_record_text(path: &Path, entry: &FileEntry, meta: &ArticleMeta) -> Result<String, String> {
    if entry.format.holds_many() && entry.is_verbatim {
        let mut file = std::fs::File::open(path).map_err(|e| io_reason(&e))?;
        let mut header = vec![0; entry.header_len as usize];
        file.seek(SeekFrom::Start(entry.bom_len)).map_err(|e| io_reason(&e))?;
        file.read_exact(&mut header).map_err(|e| io_reason(&e))?;
        let mut body = vec![0; (meta.byte_range.end - meta.byte_range.start) as usize];
        file.seek(SeekFrom::Start(entry.bom_len + meta.byte_range.start)).map_err(|e| io_reason(&e))?;
        file.read_exact(&mut body).map_err(|e| io_reason(&e))?;
        header.extend_from_slice(&body);
        return String::from_utf8(header).map_err(|_| "the file changed since it was read".to_owned());
    }
    let decoded = match entry.compression {
        Some(_) => unpacked_text(path, entry)?,
        None => Arc::new(decode(&read_bytes(path, entry)?.0).map_err(|e| e.to_string())?.text),
    };
    let header = decoded.get(..entry.header_len as usize);
    let record = decoded.get(meta.byte_range.start as usize..meta.byte_range.end as usize);
    match (header, record) {
        (Some(header), Some(record)) if entry.format.holds_many() => Ok(format!("{header}{record}")),
        _ => Ok(decoded.to_string()),
    }
}

/// What was unpacked from a container last on this thread, by the file's path, size and time, so that
/// re-reading its articles one after another (indexing, exporting) unpacks it once.
enum Unpacked {
    /// The decoded text of a compressed text file.
    Text(Arc<String>),
    /// The records of a file read whole (see `unpacked_records`).
    Records(Arc<Vec<RawRecord>>),
}

/// A file as `LAST_UNPACKED` knows it: its path, size and modification time.
type UnpackedKey = (PathBuf, u64, Option<u64>);

thread_local! {
    static LAST_UNPACKED: std::cell::RefCell<Option<(UnpackedKey, Unpacked)>> = const { std::cell::RefCell::new(None) };
}

/// The key a file is remembered by in `LAST_UNPACKED`: its path, size and modification time now.
fn unpacked_key(path: &Path) -> Result<UnpackedKey, String> {
    let metadata = std::fs::metadata(path).map_err(|e| io_reason(&e))?;
    Ok((path.to_owned(), metadata.len(), metadata.modified().ok().and_then(nanos_since_epoch)))
}

/// What `pick` finds kept from the last file this thread read whole, when that was `path` unchanged; else
/// what `read` makes, kept (by `keep`) for the next article of the same file.
fn reuse_last<T: Clone>(
    path: &Path,
    pick: fn(&Unpacked) -> Option<T>,
    read: impl FnOnce() -> Result<T, String>,
    keep: fn(T) -> Unpacked,
) -> Result<T, String> {
    let key = unpacked_key(path)?;
    let last = LAST_UNPACKED
        .with_borrow(|last| last.as_ref().filter(|(last_key, _)| *last_key == key).and_then(|(_, kept)| pick(kept)));
    if let Some(value) = last {
        return Ok(value);
    }
    let value = read()?;
    LAST_UNPACKED.set(Some((key, keep(value.clone()))));
    Ok(value)
}

/// The decoded text of a compressed file, unpacked again unless it was the last one on this thread.
fn unpacked_text(path: &Path, entry: &FileEntry) -> Result<Arc<String>, String> {
    reuse_last(
        path,
        |kept| match kept {
            Unpacked::Text(text) => Some(text.clone()),
            Unpacked::Records(_) => None,
        },
        || Ok(Arc::new(decode(&read_bytes(path, entry)?.0).map_err(|e| e.to_string())?.text)),
        Unpacked::Text,
    )
}

/// The records of a file that is not re-read by byte range (a container, a text or page that may hold many
/// articles), read again unless it was the last one on this thread.
fn unpacked_records(path: &Path, entry: &FileEntry) -> Result<Arc<Vec<RawRecord>>, String> {
    let read = || {
        let bytes = read_bytes(path, entry)?.0;
        let read = if entry.format.is_binary() {
            ingest::read_binary(entry.format, &bytes)
        } else {
            ingest::read_records(entry.format, &decode(&bytes).map_err(|e| e.to_string())?.text)
        };
        match (read.error, read.records.is_empty()) {
            (Some(error), true) => Err(error),
            _ => Ok(Arc::new(read.records)),
        }
    };
    let pick = |kept: &Unpacked| match kept {
        Unpacked::Records(records) => Some(records.clone()),
        Unpacked::Text(_) => None,
    };
    reuse_last(path, pick, read, Unpacked::Records)
}

/// Reads a file's bytes, unpacked when compressed: all of a file that holds many articles or is a container
/// (up to `MAX_FILE_BYTES`, or `MAX_UNPACKED_BYTES` unpacked), else only as much as one article may hold, so
/// a huge file or a decompression bomb cannot fill the memory. Returns why the bytes were cut, if they were.
fn read_bytes(path: &Path, entry: &FileEntry) -> Result<(Vec<u8>, Option<String>), String> {
    let Some(compression) = entry.compression else {
        let (bytes, was_cut) = read_raw_bytes(path, entry.format)?;
        let note = was_cut.then(|| format!("only the first {} MB were read", MAX_ARTICLE_BYTES >> 20));
        return Ok((bytes, note));
    };
    // The compressed bytes are read whole (a stream cut anywhere is damaged), then unpacked to a limit.
    let (packed, was_cut) = read_raw_bytes(path, Format::Json)?;
    let limit = if entry.format.is_read_whole() { MAX_UNPACKED_BYTES } else { MAX_ARTICLE_BYTES as u64 };
    let mut unpacked = compressed::unpack(&packed, compression, limit)?;
    if was_cut && unpacked.problem.is_none() {
        unpacked.problem = Some(format!("only the first {} MB of the compressed file were read", MAX_FILE_BYTES >> 20));
    }
    Ok((unpacked.bytes, unpacked.problem))
}

/// Reads a file's bytes as they are on disk: all of a file read whole (up to `MAX_FILE_BYTES`), else only
/// as much as one article may hold. Returns whether the file was cut.
fn read_raw_bytes(path: &Path, format: Format) -> Result<(Vec<u8>, bool), String> {
    // Asking first keeps a named pipe or device, which would block a reader, from being opened.
    let metadata = std::fs::metadata(path).map_err(|e| io_reason(&e))?;
    if !metadata.is_file() {
        return Err("not a regular file".to_owned());
    }
    if format.is_read_whole() && metadata.len() > MAX_FILE_BYTES {
        return Err(format!(
            "too large to read ({} MB; the limit is {} MB)",
            metadata.len() >> 20,
            MAX_FILE_BYTES >> 20
        ));
    }
    let limit = if format.is_read_whole() { MAX_FILE_BYTES } else { MAX_ARTICLE_BYTES as u64 };
    let file = std::fs::File::open(path).map_err(|e| io_reason(&e))?;
    let mut bytes = Vec::with_capacity(metadata.len().min(limit) as usize);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| io_reason(&e))?;
    let was_cut = bytes.len() as u64 > limit;
    if was_cut {
        bytes.truncate(limit as usize);
        // A character cut in two would make the whole text look like another encoding.
        if let Err(error) = std::str::from_utf8(&bytes)
            && error.error_len().is_none()
        {
            bytes.truncate(error.valid_up_to());
        }
    }
    Ok((bytes, was_cut))
}

/// A plain reason for an I/O error.
pub fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "not found (moved or deleted?)".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        std::io::ErrorKind::UnexpectedEof => "the file changed since it was read (shorter now)".to_owned(),
        _ => error.to_string(),
    }
}

/// Cuts text at `MAX_ARTICLE_BYTES`; returns whether it was cut.
fn cap_text(mut text: String) -> (String, bool) {
    if text.len() <= MAX_ARTICLE_BYTES {
        return (text, false);
    }
    text.truncate(crate::dates::floor_char_boundary(&text, MAX_ARTICLE_BYTES));
    (text, true)
}

/// The files of a source, sorted by path, with problems met while listing and the count of files of other types.
#[derive(Debug, Clone)]
pub struct Listing {
    /// The folder relative paths start from.
    pub root: PathBuf,
    /// Files Dossier can read.
    pub files: Vec<FileEntry>,
    /// Folders or files that could not be listed.
    pub problems: Vec<Problem>,
    /// Files skipped because Dossier does not read their type.
    pub skipped_files: usize,
    /// How many articles and statements the cache holds for these files, so room for them is made at once
    /// (growing by doubling would briefly need half as much again).
    pub expected: (usize, usize),
}

/// Lists the readable files of a source. Fails only when the source itself cannot be read.
pub fn list_files(source: &CorpusSource) -> Result<Listing, String> {
    let mut listing =
        Listing { root: PathBuf::new(), files: Vec::new(), problems: Vec::new(), skipped_files: 0, expected: (0, 0) };
    match source {
        CorpusSource::Folder(folder) => {
            let metadata = std::fs::metadata(folder)
                .map_err(|e| format!("cannot open {}: {}", folder.display(), io_reason(&e)))?;
            if !metadata.is_dir() {
                return Err(format!("{} is not a folder", folder.display()));
            }
            listing.root = folder.clone();
            walk_folder(&mut listing, folder);
        }
        CorpusSource::Files(paths) => {
            listing.root = common_parent(paths);
            for path in paths {
                match std::fs::metadata(path) {
                    Ok(metadata) if metadata.is_dir() => walk_folder(&mut listing, path),
                    Ok(metadata) => add_file(&mut listing, path, Some(metadata)),
                    Err(error) => {
                        listing.problems.push(Problem { path: path.display().to_string(), message: io_reason(&error) })
                    }
                }
            }
            listing.files.sort_by(|a, b| a.relative_path.cmp(&b.relative_path));
        }
    }
    Ok(listing)
}

/// Adds the readable files below `folder` to a listing, with problems for what cannot be listed.
fn walk_folder(listing: &mut Listing, folder: &Path) {
    let walker = walkdir::WalkDir::new(folder)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        // Hidden files and folders (.git, .DS_Store) are not articles.
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => add_file(listing, entry.path(), entry.metadata().ok()),
            Ok(_) => {}
            Err(error) => {
                let path = error.path().map(|p| relative(&listing.root, p)).unwrap_or_default();
                let message = if error.loop_ancestor().is_some() {
                    "a symbolic link loops back to a parent folder; skipped".to_owned()
                } else {
                    error.io_error().map(io_reason).unwrap_or_else(|| error.to_string())
                };
                listing.problems.push(Problem { path, message });
            }
        }
    }
}

/// True for names of files that document a data set rather than hold its articles (`README`, `LICENSE`…).
pub fn is_documentation(path: &Path) -> bool {
    let stem = path.file_stem().map(|s| s.to_string_lossy().to_ascii_uppercase()).unwrap_or_default();
    ["README", "LICENSE", "LICENCE", "COPYING", "CHANGELOG", "NOTICE", "AUTHORS"].contains(&stem.as_str())
}

/// Why a file of a kind researchers download with their articles (old Word, 7-Zip, RAR) is not
/// read, and what to do instead: such a file is a problem, not a file of another type passed over.
pub fn unread_kind(path: &Path) -> Option<&'static str> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let name = name.trim_end_matches(".gz").trim_end_matches(".bz2").trim_end_matches(".xz").trim_end_matches(".zst");
    let extension = Path::new(name).extension()?.to_str()?;
    Some(match extension {
        "doc" => "an old Word document (.doc): save it as .docx",
        "7z" | "rar" => "a 7-Zip or RAR archive: unpack it, or pack it as .zip",
        _ => return None,
    })
}

fn add_file(listing: &mut Listing, path: &Path, metadata: Option<std::fs::Metadata>) {
    let Some(format) = Format::from_path(path).filter(|_| !is_documentation(path)) else {
        match unread_kind(path) {
            Some(reason) => {
                listing.problems.push(Problem { path: relative(&listing.root, path), message: reason.into() })
            }
            None => listing.skipped_files += 1,
        }
        return;
    };
    listing.files.push(FileEntry {
        relative_path: relative(&listing.root, path),
        raw_path: raw_relative(&listing.root, path),
        format,
        compression: Compression::from_path(path),
        size: metadata.as_ref().map_or(0, |m| m.len()),
        modified: metadata.and_then(|m| m.modified().ok()).and_then(nanos_since_epoch),
        content_hash: 0,
        read_at: 0,
        encoding: None,
        is_verbatim: false,
        bom_len: 0,
        header_len: 0,
    });
}

/// `path` relative to `root`, with `/` separators; non-UTF-8 names are shown with replacement characters.
fn relative(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// A time as nanoseconds since 1970.
pub fn nanos_since_epoch(time: std::time::SystemTime) -> Option<u64> {
    time.duration_since(std::time::UNIX_EPOCH).ok().map(|d| d.as_nanos() as u64)
}

/// A hash of a file's bytes. The standard SipHash with fixed keys is fast and, within one build, stable.
pub fn content_hash(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut hasher = std::hash::DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

/// The bytes of `path` relative to `root` when they are not UTF-8, so such a file can still be opened.
fn raw_relative(root: &Path, path: &Path) -> Option<Vec<u8>> {
    let relative = path.strip_prefix(root).unwrap_or(path);
    if relative.to_str().is_some() {
        return None;
    }
    #[cfg(unix)]
    return Some(std::os::unix::ffi::OsStrExt::as_bytes(relative.as_os_str()).to_vec());
    #[cfg(not(unix))]
    None
}

fn common_parent(paths: &[PathBuf]) -> PathBuf {
    let parents: Vec<&Path> = paths.iter().map(|p| p.parent().unwrap_or(p)).collect();
    let Some(first) = parents.first() else {
        return PathBuf::new();
    };
    let mut common = first.to_path_buf();
    while !parents.iter().all(|p| p.starts_with(&common)) {
        if !common.pop() {
            break;
        }
    }
    common
}

/// What a worker read from one file.
#[derive(Debug, Clone)]
pub struct FileResult {
    /// Index of the file in the listing.
    pub file_id: u32,
    /// The file entry, with its encoding now known.
    pub entry: FileEntry,
    /// The articles read.
    pub articles: Vec<ArticleMeta>,
    /// The statements of the articles, in article order; `article` counts within this file.
    pub statements: Vec<CorpusStatement>,
    /// The fingerprint of each article's body, parallel to `articles`.
    pub fingerprints: Vec<crate::duplicates::StoryFingerprint>,
    /// What went wrong.
    pub problems: Vec<Problem>,
    /// True when the result was taken from the cache instead of reading the file.
    pub from_cache: bool,
}

/// Reads one file into article metadata; never panics on bad input, and reports what it could not read.
pub fn read_file(root: &Path, file_id: u32, mut entry: FileEntry) -> FileResult {
    if is_streamed(&entry) {
        return read_streamed(root, file_id, entry);
    }
    let mut problems = Vec::new();
    let articles = Vec::new();
    let statements = Vec::new();
    let fingerprints = Vec::new();
    let path = entry.path_under(root);
    entry.read_at = nanos_since_epoch(std::time::SystemTime::now()).unwrap_or(0);
    let problem = |message: String| Problem { path: entry.relative_path.clone(), message };
    let bytes = read_bytes(&path, &entry).map(|(bytes, note)| {
        problems.extend(note.map(&problem));
        bytes
    });
    let decoded = bytes.and_then(|bytes| {
        entry.content_hash = content_hash(&bytes);
        if bytes.is_empty() {
            return Err("the file is empty".to_owned());
        }
        if entry.format.is_binary() {
            return Ok(Err(ingest::read_binary(entry.format, &bytes)));
        }
        decode(&bytes).map(Ok).map_err(|e| e.to_string())
    });
    let records = match decoded {
        // A binary container, read from its bytes; its encoding is its own.
        Ok(Err(records)) => {
            entry.encoding = Some(entry.format.name().to_owned());
            records
        }
        Ok(Ok(decoded)) => {
            entry.encoding = Some(decoded.encoding.to_owned());
            if decoded.replaced > 0 {
                problems.push(problem(format!(
                    "{} byte sequences were not valid UTF-8 and show as \u{FFFD}",
                    decoded.replaced
                )));
            }
            // Offsets into unpacked text are no offsets into the compressed file.
            entry.is_verbatim = decoded.is_verbatim && entry.compression.is_none();
            entry.bom_len = decoded.bom_len as u64;
            if entry.format == Format::Csv {
                entry.header_len = ingest::delimited::header_len(&decoded.text) as u64;
            }
            ingest::read_records(entry.format, &decoded.text)
        }
        Err(message) => {
            problems.push(problem(message));
            return FileResult { file_id, entry, articles, statements, fingerprints, problems, from_cache: false };
        }
    };
    let Records { records, warnings, error } = records;
    tell_problems(&mut problems, &entry.relative_path, warnings, error);
    let mut found =
        Found { file_id, relative_path: &entry.relative_path, problems, articles, statements, fingerprints };
    for record in records {
        found.add(record);
    }
    let Found { problems, articles, statements, fingerprints, .. } = found;
    FileResult { file_id, entry, articles, statements, fingerprints, problems, from_cache: false }
}

/// Adds a reader's warnings (the first ones; the rest counted) and error to a file's problems.
fn tell_problems(problems: &mut Vec<Problem>, relative_path: &str, warnings: Vec<String>, error: Option<String>) {
    let problem = |message: String| Problem { path: relative_path.to_owned(), message };
    // A hostile file may hold a million bad parts: the first ones are told, the rest counted.
    let more = warnings.len().saturating_sub(MAX_PROBLEMS_PER_FILE);
    problems.extend(warnings.into_iter().take(MAX_PROBLEMS_PER_FILE).map(problem));
    if more > 0 {
        problems.push(problem(format!("and {more} more problems like these in this file")));
    }
    problems.extend(error.map(problem));
}

/// The articles and statements of one file as its records are analysed, one after another.
struct Found<'a> {
    file_id: u32,
    relative_path: &'a str,
    problems: Vec<Problem>,
    articles: Vec<ArticleMeta>,
    statements: Vec<CorpusStatement>,
    /// Parallel to `articles`.
    fingerprints: Vec<crate::duplicates::StoryFingerprint>,
}

/// What was found in one record: its metadata, statements and problems.
struct Analyzed {
    meta: ArticleMeta,
    statements: Vec<Statement>,
    /// The key of each statement's words (see `duplicates::statement_words_key`), parallel to `statements`.
    words_keys: Vec<u64>,
    /// The fingerprint of the article's body.
    fingerprint: crate::duplicates::StoryFingerprint,
    problems: Vec<String>,
}

/// Analyses a record (metadata, statements); its text is dropped.
fn analyze_record(file_id: u32, relative_path: &str, raw: RawRecord) -> Analyzed {
    let RawRecord { record, fields, text, byte_range, member } = raw;
    let mut problems = Vec::new();
    let (text, was_cut) = cap_text(text);
    if was_cut {
        problems.push(format!("article {record}: text cut at {} MB", MAX_ARTICLE_BYTES >> 20));
    }
    let analysis = analyze(&text, &fields, relative_path);
    let article = Article { meta: ArticleMeta::default(), text, lines: analysis.lines };
    let budget = crate::statements::time_budget();
    let extraction = crate::statements::extract_until(&article, budget.map(|b| std::time::Instant::now() + b));
    if let (Some(stop), Some(budget)) = (extraction.stopped_at, budget) {
        let percent = 100 * stop / article.text.len().max(1);
        problems.push(format!(
            "article {record}: extraction stopped after {} s, {percent}% into the text; the statements found up to there are kept",
            budget.as_secs_f64()
        ));
    }
    let meta = ArticleMeta {
        file_id,
        record,
        byte_range: byte_range.start as u64..byte_range.end as u64,
        title: analysis.title,
        date: analysis.date,
        date_source: analysis.date_source,
        outlet: analysis.outlet,
        author: analysis.author,
        url: analysis.url,
        words: analysis.words,
        member,
    };
    // Without fingerprinting (measuring its cost), statements get no key and articles an empty fingerprint.
    let fingerprinting = crate::duplicates::fingerprinting();
    let words_keys = extraction
        .statements
        .iter()
        .map(|statement| match fingerprinting {
            true => article.text.get(statement.text.clone()).map_or(0, crate::duplicates::statement_words_key),
            false => 0,
        })
        .collect();
    let fingerprint = match fingerprinting {
        true => crate::duplicates::StoryFingerprint::of_article(&article),
        false => Default::default(),
    };
    Analyzed { meta, statements: extraction.statements, words_keys, fingerprint, problems }
}

impl Found<'_> {
    /// Analyses a record (metadata, statements) and keeps what was found; its text is dropped.
    fn add(&mut self, record: RawRecord) {
        let analyzed = analyze_record(self.file_id, self.relative_path, record);
        self.keep(analyzed);
    }

    /// Keeps what was found in the next record.
    fn keep(&mut self, Analyzed { meta, statements, words_keys, fingerprint, problems }: Analyzed) {
        let article_index = self.articles.len() as u32;
        self.statements.extend(statements.iter().zip(words_keys).map(|(statement, words_key)| CorpusStatement {
            words_key,
            ..CorpusStatement::new(article_index, statement)
        }));
        self.articles.push(meta);
        self.fingerprints.push(fingerprint);
        let path = self.relative_path;
        self.problems.extend(problems.into_iter().map(|message| Problem { path: path.to_owned(), message }));
    }
}

/// Streams a file's records into `found`, analysing them on `threads` threads while the reader goes on,
/// and keeping them in the file's order.
fn analyze_in_parallel(
    found: &mut Found<'_>,
    threads: usize,
    stream: impl FnOnce(&mut dyn FnMut(RawRecord)) -> Records,
) -> Records {
    let (file_id, relative_path) = (found.file_id, found.relative_path);
    let (records_in, records_out) = crossbeam_channel::bounded::<(usize, RawRecord)>(4 * threads);
    let (results_in, results_out) = crossbeam_channel::bounded::<(usize, Analyzed)>(4 * threads);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (records_out, results_in) = (records_out.clone(), results_in.clone());
            scope.spawn(move || {
                for (sequence, record) in records_out {
                    if results_in.send((sequence, analyze_record(file_id, relative_path, record))).is_err() {
                        break;
                    }
                }
            });
        }
        drop((records_out, results_in));
        // Results are kept in order as they come, on a thread of their own so the reader never waits for them.
        let keeper = scope.spawn(|| {
            let mut waiting = BTreeMap::new();
            let mut next = 0;
            for (sequence, analyzed) in results_out {
                waiting.insert(sequence, analyzed);
                while let Some(analyzed) = waiting.remove(&next) {
                    found.keep(analyzed);
                    next += 1;
                }
            }
        });
        let mut sequence = 0;
        let outcome = stream(&mut |record| {
            let _ = records_in.send((sequence, record));
            sequence += 1;
        });
        drop(records_in);
        keeper.join().expect("the keeper of results does not panic");
        outcome
    })
}

/// True for files read as a stream, record by record, whatever their size: web archives, plain or gzipped.
fn is_streamed(entry: &FileEntry) -> bool {
    entry.format == Format::Warc && matches!(entry.compression, None | Some(Compression::Gzip))
}

/// A file's bytes as read, hashed on the way (see `content_hash`).
struct Hashing<R> {
    inner: R,
    hasher: std::hash::DefaultHasher,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        use std::hash::Hasher;
        let read = self.inner.read(buf)?;
        self.hasher.write(&buf[..read]);
        Ok(read)
    }
}

/// Reads a streamed file (see `is_streamed`) page by page, so memory stays flat whatever its size, the
/// pages analysed on every core; its content hash is taken on the way.
fn read_streamed(root: &Path, file_id: u32, mut entry: FileEntry) -> FileResult {
    let path = entry.path_under(root);
    // One archive may hold the whole corpus: its pages are analysed on every core, beside the other files'
    // readers (which are done or idle by then when the archive is most of the work).
    let threads = default_threads();
    let mut found = Found {
        file_id,
        relative_path: &entry.relative_path,
        problems: Vec::new(),
        articles: Vec::new(),
        statements: Vec::new(),
        fingerprints: Vec::new(),
    };
    let hashed = std::fs::metadata(&path)
        .map_err(|e| io_reason(&e))
        .and_then(|metadata| if metadata.is_file() { Ok(()) } else { Err("not a regular file".to_owned()) })
        .and_then(|()| std::fs::File::open(&path).map_err(|e| io_reason(&e)))
        .map(|file| {
            let input =
                std::io::BufReader::with_capacity(256 << 10, Hashing { inner: file, hasher: Default::default() });
            let (outcome, mut rest) = match entry.compression {
                Some(Compression::Gzip) => {
                    let mut input = ingest::warc::Buffered::new(ingest::warc::GzipMembers::new(input, 0));
                    let outcome =
                        analyze_in_parallel(&mut found, threads, |add| ingest::warc::stream_warc(&mut input, add));
                    (outcome, input.into_input())
                }
                _ => {
                    let mut input = ingest::warc::Plain(input);
                    let outcome =
                        analyze_in_parallel(&mut found, threads, |add| ingest::warc::stream_warc(&mut input, add));
                    (outcome, input.0)
                }
            };
            // The hash covers the whole file, also what follows damage the reading stopped at.
            let drained = std::io::copy(&mut rest, &mut std::io::sink());
            use std::hash::Hasher;
            (outcome, drained.map(|_| rest.into_inner().hasher.finish()))
        });
    let mut problems = Vec::new();
    match hashed {
        Ok((outcome, hash)) => {
            tell_problems(&mut problems, found.relative_path, outcome.warnings, outcome.error);
            match hash {
                Ok(hash) => entry.content_hash = hash,
                Err(error) => problems.push(Problem { path: entry.relative_path.clone(), message: io_reason(&error) }),
            }
        }
        Err(message) => problems.push(Problem { path: entry.relative_path.clone(), message }),
    }
    let Found { problems: page_problems, articles, statements, fingerprints, .. } = found;
    problems.splice(0..0, page_problems);
    entry.encoding = Some(entry.format.name().to_owned());
    entry.read_at = nanos_since_epoch(std::time::SystemTime::now()).unwrap_or(0);
    FileResult { file_id, entry, articles, statements, fingerprints, problems, from_cache: false }
}

/// The content hash of a streamed file, read as a stream.
fn streamed_hash(path: &Path) -> Option<u64> {
    use std::hash::Hasher;
    let mut hashing = Hashing { inner: std::fs::File::open(path).ok()?, hasher: Default::default() };
    std::io::copy(&mut hashing, &mut std::io::sink()).ok()?;
    Some(hashing.hasher.finish())
}

/// Reads again the page of a streamed file (see `is_streamed`) at its recorded position.
fn read_streamed_page(path: &Path, entry: &FileEntry, meta: &ArticleMeta) -> Result<RawRecord, String> {
    let mut file = std::fs::File::open(path).map_err(|e| io_reason(&e))?;
    file.seek(SeekFrom::Start(meta.byte_range.start)).map_err(|e| io_reason(&e))?;
    let input = std::io::BufReader::new(file);
    match entry.compression {
        Some(Compression::Gzip) => ingest::warc::read_page_at(
            &mut ingest::warc::Buffered::new(ingest::warc::GzipMembers::new(input, meta.byte_range.start)),
            meta.byte_range.clone(),
        ),
        _ => ingest::warc::read_page_at(&mut ingest::warc::Plain(input), meta.byte_range.clone()),
    }
}

/// The content hash of a file as it is now, if it can be read.
pub fn file_hash(root: &Path, entry: &FileEntry) -> Option<u64> {
    if is_streamed(entry) {
        return streamed_hash(&entry.path_under(root));
    }
    read_bytes(&entry.path_under(root), entry).ok().map(|(bytes, _)| content_hash(&bytes))
}

/// Sorts `items` by `key`. When they are a long sorted run and a short rest (files read again after
/// those taken from the cache, when a few changed), the rest is sorted alone and merged in from the back:
/// each item moves at most once, with room for the rest only. Sorting a million articles' statements
/// whole held the app's window for 2.4 s. Anything else is sorted in place, needing no buffer as big as
/// half of them, as a stable sort would.
fn sort_run_and_rest<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K, placeholder: impl Fn() -> T) {
    let run = 1 + items.windows(2).take_while(|pair| key(&pair[0]) <= key(&pair[1])).count();
    if run >= items.len() {
        return;
    }
    if items.len() - run > items.len() / 4 {
        items.sort_unstable_by(|a, b| key(a).cmp(&key(b)));
        return;
    }
    let mut rest = items.split_off(run);
    rest.sort_unstable_by(|a, b| key(a).cmp(&key(b)));
    // `split_off` left the capacity: the placeholders fit without moving the run.
    items.resize_with(run + rest.len(), &placeholder);
    // Places from `free` on are final; between `next_of_run` and `free` wait as many placeholders as
    // items of the rest are left.
    let (mut next_of_run, mut free) = (run, items.len());
    while let Some(last) = rest.pop() {
        while next_of_run > 0 && key(&items[next_of_run - 1]) > key(&last) {
            next_of_run -= 1;
            free -= 1;
            items.swap(next_of_run, free);
        }
        free -= 1;
        items[free] = last;
    }
}

/// From this many articles on, `with_statement_records` reads them on a thread of their own.
const MANY_GROUPS: usize = 64;

/// The number of reader threads to use: one per core.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_long_run_and_a_short_rest_sort_as_a_full_sort_would() {
        for (run, rest) in [(0, 0), (1, 0), (40, 3), (40, 10), (5, 40), (100, 1)] {
            // A sorted run of even numbers, then a rest of odd ones in any order, with repeats.
            let mut items: Vec<(u32, String)> = (0..run).map(|i| (i * 2, format!("run {i}"))).collect();
            items.extend((0..rest).map(|i| ((i * 37 % 101) | 1, format!("rest {i}"))));
            let mut expected = items.clone();
            expected.sort();
            super::sort_run_and_rest(&mut items, |item| item.clone(), || (0, String::new()));
            assert_eq!(items, expected, "{run} + {rest}");
        }
    }
}
