//! Reading web archives (WARC, `.warc` or `.warc.gz` once unpacked): each HTML page a crawler fetched
//! (`response` record, status 200, `text/html`) is read as one article by the HTML reader, its address
//! from `WARC-Target-URI`. Requests, metadata, other media and failed fetches are skipped and counted.

use super::Records;
use std::collections::BTreeMap;

/// A header block (WARC or HTTP) longer than this is damaged.
const MAX_HEADER_BYTES: usize = 64 << 10;
/// A page unpacked from `Content-Encoding: gzip` may be this large at most.
const MAX_PAGE_BYTES: u64 = 16 << 20;

/// Reads the HTML pages of a web archive.
pub fn read_warc(bytes: &[u8]) -> Records {
    let mut records = Records::default();
    let mut skipped: BTreeMap<String, usize> = BTreeMap::new();
    let mut at = 0;
    let mut number = 0usize;
    while at < bytes.len() {
        // Records are separated by blank lines.
        while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
            at += 1;
        }
        if at >= bytes.len() {
            break;
        }
        number += 1;
        if !bytes[at..].starts_with(b"WARC/") {
            records.warn(format!(
                "record {number}: no `WARC/` version line at byte {at}; the rest of the archive is damaged and was skipped"
            ));
            break;
        }
        let Some((headers, body_start)) = header_block(bytes, at) else {
            records.warn(format!("record {number}: its header never ends; the rest of the archive was skipped"));
            break;
        };
        let length: Option<usize> = header(&headers, "content-length").and_then(|v| v.trim().parse().ok());
        let Some(length) = length else {
            records.warn(format!("record {number}: no Content-Length; the rest of the archive was skipped"));
            break;
        };
        let end = body_start.saturating_add(length);
        if end > bytes.len() {
            records.warn(format!(
                "record {number}: cut short ({} of {length} bytes); the archive ends there",
                bytes.len() - body_start
            ));
            break;
        }
        let block = &bytes[body_start..end];
        at = end;
        let kind = header(&headers, "warc-type").unwrap_or("unknown").to_ascii_lowercase();
        if kind != "response" {
            *skipped.entry(format!("{kind} records")).or_default() += 1;
            continue;
        }
        let uri = header(&headers, "warc-target-uri").map(|u| u.trim().trim_matches(['<', '>']).to_owned());
        match http_page(block) {
            Ok(page) => {
                let mut page_records = super::html::read_html(&page);
                match page_records.records.pop() {
                    Some(mut record) => {
                        if uri.is_some() {
                            record.fields.url = uri;
                        }
                        record.fields.crawled = header(&headers, "warc-date").map(str::to_owned);
                        record.record = records.records.len() as u32;
                        record.byte_range = body_start..end;
                        records.records.push(record);
                    }
                    None => {
                        let reason = page_records.error.unwrap_or_else(|| "no text".to_owned());
                        records.warn(format!("record {number} ({}): {reason}", uri.as_deref().unwrap_or("no address")));
                    }
                }
            }
            Err(reason) => *skipped.entry(reason).or_default() += 1,
        }
    }
    if !skipped.is_empty() {
        let counts: Vec<String> = skipped.iter().map(|(what, count)| format!("{count} {what}")).collect();
        records.warn(format!("skipped, as no HTML pages: {}", counts.join(", ")));
    }
    if records.records.is_empty() && records.error.is_none() {
        records.fail("the web archive holds no HTML page with text");
    }
    records
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
