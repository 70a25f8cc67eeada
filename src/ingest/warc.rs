//! Reading web archives (WARC, `.warc` or `.warc.gz`): each HTML page a crawler fetched (`response` record,
//! status 200, `text/html`) is read as one article by the HTML reader, its address from `WARC-Target-URI`.
//! Requests, metadata, other media and failed fetches are skipped and counted. An archive is read as a
//! stream, record by record, so its size does not matter; each page remembers where its record starts (the
//! gzip member holding it), so one article is read again without unpacking what comes before it.

use super::{RawRecord, Records};
use std::collections::{BTreeMap, VecDeque};
use std::io::{BufRead, Read};

/// A header block (WARC or HTTP) longer than this is damaged.
const MAX_HEADER_BYTES: usize = 64 << 10;
/// A page unpacked from `Content-Encoding: gzip` may be this large at most.
const MAX_PAGE_BYTES: u64 = 16 << 20;
/// A record larger than this (a video, a disk image) is skipped unread.
const MAX_RECORD_BYTES: u64 = 64 << 20;

/// An archive's unpacked bytes, which know where in the file a position among them can be read again.
pub trait Positions: BufRead {
    /// Where reading can start in the file to reach the unpacked byte `offset` (the gzip member holding it,
    /// or the byte itself), and how many unpacked bytes from there come before it.
    fn position_of(&self, offset: u64) -> (u64, u64);

    /// Forgets what it keeps to answer `position_of` for offsets before `offset`, which will not be asked.
    fn forget_before(&mut self, _offset: u64) {}
}

/// A web archive that is not compressed: positions are offsets in the file.
pub struct Plain<R>(pub R);

impl<R: Read> Read for Plain<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.0.read(buf)
    }
}

impl<R: BufRead> BufRead for Plain<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.0.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.0.consume(amount)
    }
}

impl<R: BufRead> Positions for Plain<R> {
    fn position_of(&self, offset: u64) -> (u64, u64) {
        (offset, 0)
    }
}

/// A BufRead that counts the bytes taken from it.
struct Counted<R> {
    inner: R,
    taken: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let read = self.inner.read(buf)?;
        self.taken += read as u64;
        Ok(read)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.taken += amount as u64;
        self.inner.consume(amount)
    }
}

/// A gzip file of one or many members (a `.warc.gz` packs each record in a member of its own), unpacked
/// member after member, remembering where in the file each member starts.
pub struct GzipMembers<R: BufRead> {
    state: Option<Member<R>>,
    unpacked: u64,
    /// (unpacked offset, file offset) of the members' starts not yet passed by the reader, oldest first.
    starts: VecDeque<(u64, u64)>,
}

/// Inside a member, or past the last one.
enum Member<R: BufRead> {
    Unpacking(Box<flate2::bufread::GzDecoder<Counted<R>>>),
    Ended(Counted<R>),
}

impl<R: BufRead> GzipMembers<R> {
    /// Unpacks `input`, whose first byte lies at `file_offset` in the file.
    pub fn new(input: R, file_offset: u64) -> Self {
        let counted = Counted { inner: input, taken: file_offset };
        GzipMembers {
            state: Some(Member::Unpacking(Box::new(flate2::bufread::GzDecoder::new(counted)))),
            unpacked: 0,
            starts: VecDeque::from([(0, file_offset)]),
        }
    }

    /// The gzip file being read, as far as it was taken.
    pub fn into_input(self) -> Option<R> {
        match self.state? {
            Member::Unpacking(decoder) => Some(decoder.into_inner().inner),
            Member::Ended(input) => Some(input.inner),
        }
    }
}

impl<R: BufRead> Read for GzipMembers<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            let Some(Member::Unpacking(decoder)) = self.state.as_mut() else { return Ok(0) };
            let read = decoder.read(buf)?;
            if read > 0 || buf.is_empty() {
                self.unpacked += read as u64;
                return Ok(read);
            }
            // The member ended: another may follow.
            let Some(Member::Unpacking(decoder)) = self.state.take() else { unreachable!("unpacking above") };
            let mut input = decoder.into_inner();
            match input.fill_buf() {
                Ok([]) => {
                    self.state = Some(Member::Ended(input));
                    return Ok(0);
                }
                Ok(_) => {
                    self.starts.push_back((self.unpacked, input.taken));
                    self.state = Some(Member::Unpacking(Box::new(flate2::bufread::GzDecoder::new(input))));
                }
                Err(error) => {
                    self.state = Some(Member::Ended(input));
                    return Err(error);
                }
            }
        }
    }
}

/// Unpacked bytes read ahead in a buffer, with the members' starts behind them.
pub struct Buffered<R: BufRead>(std::io::BufReader<GzipMembers<R>>);

impl<R: BufRead> Buffered<R> {
    /// A buffered reader of a gzip file's members.
    pub fn new(members: GzipMembers<R>) -> Self {
        Buffered(std::io::BufReader::with_capacity(256 << 10, members))
    }
}

impl<R: BufRead> Buffered<R> {
    /// The gzip file being read, as far as it was taken.
    pub fn into_input(self) -> R {
        self.0.into_inner().into_input().expect("the gzip reader keeps its input")
    }
}

impl<R: BufRead> Read for Buffered<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.0.read(buf)
    }
}

impl<R: BufRead> BufRead for Buffered<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.0.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.0.consume(amount)
    }
}

impl<R: BufRead> Positions for Buffered<R> {
    fn position_of(&self, offset: u64) -> (u64, u64) {
        let starts = &self.0.get_ref().starts;
        let index = starts.partition_point(|&(unpacked, _)| unpacked <= offset).saturating_sub(1);
        let (unpacked, file_offset) = starts.get(index).copied().unwrap_or((0, 0));
        (file_offset, offset - unpacked.min(offset))
    }

    fn forget_before(&mut self, offset: u64) {
        let starts = &mut self.0.get_mut().starts;
        while starts.len() > 1 && starts[1].0 <= offset {
            starts.pop_front();
        }
    }
}

/// Reads the HTML pages of a web archive held in memory (a member of a zip, say).
pub fn read_warc(bytes: &[u8]) -> Records {
    let mut records = Records::default();
    let mut pages = Vec::new();
    let outcome = stream_warc(&mut Plain(bytes), |page| pages.push(page));
    records.records = pages;
    records.warnings = outcome.warnings;
    records.error = outcome.error;
    records
}

/// Reads a web archive record by record, handing each HTML page to `on_page` as it is found; the records
/// in the result are empty, its warnings and error say what was skipped. A page's `byte_range` says where
/// it can be read again (see `read_page_at`): reading starts at `start` in the file and skips `end - start`
/// unpacked bytes.
pub fn stream_warc(input: &mut (impl Positions + ?Sized), mut on_page: impl FnMut(RawRecord)) -> Records {
    let mut records = Records::default();
    let mut skipped: BTreeMap<String, usize> = BTreeMap::new();
    let mut at: u64 = 0;
    let mut pages = 0u32;
    for number in 1.. {
        let record = match next_record(input, &mut at, number) {
            Ok(Some(record)) => record,
            Ok(None) => break,
            Err(reason) => {
                records.warn(reason);
                break;
            }
        };
        input.forget_before(at);
        match page_of(&record, number) {
            Ok(mut page) => {
                page.record = pages;
                pages += 1;
                on_page(page);
            }
            Err(NoPage::Counted(what)) => *skipped.entry(what).or_default() += 1,
            Err(NoPage::Told(reason)) => records.warn(reason),
        }
    }
    if !skipped.is_empty() {
        let counts: Vec<String> = skipped.iter().map(|(what, count)| format!("{count} {what}")).collect();
        records.warn(format!("skipped, as no HTML pages: {}", counts.join(", ")));
    }
    if pages == 0 && records.error.is_none() {
        records.fail("the web archive holds no HTML page with text");
    }
    records
}

/// Reads again the page whose record starts where `byte_range` says (as `stream_warc` gave it), from a
/// reader that starts at `byte_range.start` in the file.
pub fn read_page_at(
    input: &mut (impl Positions + ?Sized),
    byte_range: std::ops::Range<u64>,
) -> Result<RawRecord, String> {
    const CHANGED: &str = "the web archive changed since it was read";
    let skip = byte_range.end.saturating_sub(byte_range.start);
    let skipped = std::io::copy(&mut input.take(skip), &mut std::io::sink()).map_err(|e| e.to_string())?;
    if skipped < skip {
        return Err(format!("{CHANGED} (it is shorter now)"));
    }
    match next_record(input, &mut 0, 1) {
        Ok(Some(record)) => page_of(&record, 1).map_err(|_| format!("{CHANGED} (no page is where it was)")),
        Ok(None) => Err(format!("{CHANGED} (it is shorter now)")),
        Err(reason) => Err(format!("{CHANGED}: {reason}")),
    }
}

/// Why a record gives no page: a kind of record counted in one note, or a fault told on its own.
enum NoPage {
    Counted(String),
    Told(String),
}

/// The article of a record that is an HTML page, its address from `WARC-Target-URI`, its crawl date from
/// `WARC-Date`, and where it can be read again.
fn page_of(record: &Record, number: usize) -> Result<RawRecord, NoPage> {
    let block = record.block.as_deref().ok_or_else(|| NoPage::Counted(record.skip_reason.clone()))?;
    let uri = header(&record.headers, "warc-target-uri").map(|u| u.trim().trim_matches(['<', '>']).to_owned());
    let html = http_page(block).map_err(NoPage::Counted)?;
    let mut read = super::html::read_html(&html);
    let Some(mut page) = read.records.pop() else {
        let reason = read.error.unwrap_or_else(|| "no text".to_owned());
        return Err(NoPage::Told(format!("record {number} ({}): {reason}", uri.as_deref().unwrap_or("no address"))));
    };
    if uri.is_some() {
        page.fields.url = uri;
    }
    page.fields.crawled = header(&record.headers, "warc-date").map(str::to_owned);
    let (start, skip) = record.position;
    page.byte_range = start as usize..(start + skip) as usize;
    Ok(page)
}

/// One record of an archive: its headers, and its block if it is a response to read, else why not.
struct Record {
    headers: Vec<(String, String)>,
    block: Option<Vec<u8>>,
    skip_reason: String,
    position: (u64, u64),
}

/// Reads the record at `at` (unpacked bytes read so far, advanced past it); `None` at the end of the archive.
fn next_record(input: &mut (impl Positions + ?Sized), at: &mut u64, number: usize) -> Result<Option<Record>, String> {
    // Records are separated by blank lines.
    loop {
        let buffer = input.fill_buf().map_err(|e| damaged(number, &e))?;
        if buffer.is_empty() {
            return Ok(None);
        }
        let blank = buffer.iter().take_while(|&&b| matches!(b, b'\r' | b'\n')).count();
        if blank == 0 {
            break;
        }
        input.consume(blank);
        *at += blank as u64;
    }
    let position = input.position_of(*at);
    let mut header_bytes = Vec::new();
    loop {
        let before = header_bytes.len();
        let read = (&mut *input)
            .take((MAX_HEADER_BYTES - before.min(MAX_HEADER_BYTES)) as u64)
            .read_until(b'\n', &mut header_bytes)
            .map_err(|e| damaged(number, &e))?;
        *at += read as u64;
        if before == 0 && !header_bytes.starts_with(b"WARC/") {
            return Err(format!(
                "record {number}: no `WARC/` version line at byte {}; the rest of the archive is damaged and was skipped",
                *at - read as u64
            ));
        }
        let line = &header_bytes[before..];
        if line == b"\r\n" || line == b"\n" {
            break;
        }
        if read == 0 || header_bytes.len() >= MAX_HEADER_BYTES {
            return Err(format!("record {number}: its header never ends; the rest of the archive was skipped"));
        }
    }
    let text = String::from_utf8_lossy(&header_bytes);
    let headers: Vec<(String, String)> = text
        .lines()
        .skip(1)
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    let Some(length) = header(&headers, "content-length").and_then(|v| v.trim().parse::<u64>().ok()) else {
        return Err(format!("record {number}: no Content-Length; the rest of the archive was skipped"));
    };
    let kind = header(&headers, "warc-type").unwrap_or("unknown").to_ascii_lowercase();
    let skip_reason = if kind != "response" {
        Some(format!("{kind} records"))
    } else if length > MAX_RECORD_BYTES {
        Some(format!("records over {} MB", MAX_RECORD_BYTES >> 20))
    } else {
        None
    };
    let (block, read) = match &skip_reason {
        Some(_) => (None, std::io::copy(&mut (&mut *input).take(length), &mut std::io::sink())),
        None => {
            let mut block = Vec::with_capacity(length as usize);
            let read = (&mut *input).take(length).read_to_end(&mut block).map(|n| n as u64);
            (Some(block), read)
        }
    };
    let read = read.map_err(|e| damaged(number, &e))?;
    *at += read;
    if read < length {
        return Err(format!("record {number}: cut short ({read} of {length} bytes); the archive ends there"));
    }
    Ok(Some(Record { headers, block, skip_reason: skip_reason.unwrap_or_default(), position }))
}

fn damaged(number: usize, error: &std::io::Error) -> String {
    format!("record {number}: the archive is damaged or cut short here ({error}); the rest was skipped")
}

/// The header lines of the block starting at `at`, and where its body starts.
fn header_block(bytes: &[u8], at: usize) -> Option<(Vec<(String, String)>, usize)> {
    let window = &bytes[at..bytes.len().min(at + MAX_HEADER_BYTES)];
    let (end, separator) = memchr::memmem::find(window, b"\r\n\r\n")
        .map(|end| (end, 4))
        .or_else(|| memchr::memmem::find(window, b"\n\n").map(|end| (end, 2)))?;
    let text = String::from_utf8_lossy(&window[..end]);
    let headers = text
        .lines()
        .skip(1)
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    Some((headers, at + end + separator))
}

/// The value of a header (names are lower case).
fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
}

/// The decoded HTML of an HTTP response, or why it is not a page to read (named for the skip count).
fn http_page(block: &[u8]) -> Result<String, String> {
    if !block.starts_with(b"HTTP/") {
        return Err("responses that are not HTTP".to_owned());
    }
    let status_end = memchr::memchr(b'\n', block).unwrap_or(block.len());
    let status = String::from_utf8_lossy(&block[..status_end]);
    let code = status.split_whitespace().nth(1).unwrap_or("");
    if code != "200" {
        return Err(format!("responses with status {code}"));
    }
    let (headers, body_start) = header_block(block, 0).ok_or("responses with a damaged HTTP header")?;
    let content_type = header(&headers, "content-type").unwrap_or("").to_ascii_lowercase();
    if !content_type.contains("html") {
        let media = content_type.split(';').next().unwrap_or("").trim();
        return Err(format!("responses of {}", if media.is_empty() { "no type" } else { media }));
    }
    let mut body = block[body_start..].to_vec();
    if header(&headers, "transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        body = unchunk(&body);
    }
    if header(&headers, "content-encoding").is_some_and(|v| v.eq_ignore_ascii_case("gzip")) {
        body = super::compressed::unpack(&body, super::compressed::Compression::Gzip, MAX_PAGE_BYTES)
            .map(|unpacked| unpacked.bytes)
            .map_err(|_| "responses with a damaged gzip body".to_owned())?;
    }
    let charset = content_type.split("charset=").nth(1).map(|c| c.trim_matches(['"', '\'', ' ', ';']).to_owned());
    let encoding = charset.and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()));
    Ok(match encoding {
        Some(encoding) => encoding.decode(&body).0.into_owned(),
        None => crate::decode::decode(&body).map(|d| d.text).map_err(|_| "responses that are not text".to_owned())?,
    })
}

/// The body of a chunked HTTP transfer, joined; a damaged one gives what came before the damage.
fn unchunk(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut at = 0;
    while at < body.len() {
        let Some(line_end) = memchr::memchr(b'\n', &body[at..]).map(|i| at + i) else { break };
        let size_text = String::from_utf8_lossy(&body[at..line_end]);
        let Ok(size) = usize::from_str_radix(size_text.trim().split(';').next().unwrap_or("").trim(), 16) else {
            break;
        };
        if size == 0 {
            break;
        }
        let start = line_end + 1;
        let end = start.saturating_add(size).min(body.len());
        out.extend_from_slice(&body[start..end]);
        at = end;
        while at < body.len() && matches!(body[at], b'\r' | b'\n') {
            at += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, uri: &str, block: &str) -> String {
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-01-01T00:00:00Z\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
            block.len()
        )
    }

    #[test]
    fn pages_are_read_and_the_rest_counted() {
        let page = "<html><head><title>Dam opens</title></head><body><article><h1>Dam opens</h1><p>The minister said: \"It works.\"</p></article></body></html>";
        let archive = [
            record("warcinfo", "", "software: test"),
            record("request", "https://a.example/dam", "GET /dam HTTP/1.1\r\n\r\n"),
            record(
                "response",
                "https://a.example/dam",
                &format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{page}"),
            ),
            record("response", "https://a.example/logo.png", "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG"),
            record(
                "response",
                "https://a.example/gone",
                "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>gone</p>",
            ),
        ]
        .concat();
        let records = read_warc(archive.as_bytes());
        assert_eq!(records.records.len(), 1);
        assert_eq!(records.records[0].fields.url.as_deref(), Some("https://a.example/dam"));
        assert_eq!(records.records[0].fields.title.as_deref(), Some("Dam opens"));
        assert_eq!(records.warnings.len(), 1, "{:?}", records.warnings);
        let warning = &records.warnings[0];
        for counted in
            ["1 warcinfo records", "1 request records", "1 responses of image/png", "1 responses with status 404"]
        {
            assert!(warning.contains(counted), "{warning}");
        }
    }

    #[test]
    fn a_cut_archive_keeps_the_pages_before_the_cut() {
        let page = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>The mayor said: \"Fine.\"</p>";
        let archive =
            [record("response", "https://a.example/1", page), record("response", "https://a.example/2", page)].concat();
        let cut = &archive.as_bytes()[..archive.len() - 30];
        let records = read_warc(cut);
        assert_eq!(records.records.len(), 1);
        assert!(records.warnings.iter().any(|w| w.contains("cut short")), "{:?}", records.warnings);
        assert!(read_warc(b"not an archive").error.is_some());
    }

    #[test]
    fn chunked_bodies_are_joined() {
        assert_eq!(unchunk(b"4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n"), b"Wikipedia");
    }
}
