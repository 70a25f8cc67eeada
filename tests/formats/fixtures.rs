//! Export files written from the sample corpus' made-up articles (Kestrand, Veloria…), in the layouts
//! that crawlers and news databases use, so each reader is tested on files whose answers we know.

use serde_json::json;
use std::path::Path;

/// A sample article and its known metadata.
#[derive(Debug, Clone)]
pub struct Sample {
    /// Its file in `assets/sample-corpus`.
    pub file: String,
    pub title: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub outlet: String,
    pub author: String,
    /// The paragraphs after the header, joined by blank lines.
    pub body: String,
}

impl Sample {
    /// The paragraphs of the body.
    pub fn paragraphs(&self) -> Vec<&str> {
        self.body.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect()
    }

    /// The date as a `chrono` date.
    pub fn day(&self) -> chrono::NaiveDate {
        chrono::NaiveDate::parse_from_str(&self.date, "%Y-%m-%d").unwrap()
    }
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The plain-text sample articles whose title, date, outlet and author are all known (from
/// `tests/fixtures/sample_expected.json`), with the body that follows their header.
pub fn samples() -> Vec<Sample> {
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("tests/fixtures/sample_expected.json")).unwrap())
            .unwrap();
    let mut samples = Vec::new();
    for entry in expected.as_array().unwrap() {
        let file = entry["file"].as_str().unwrap();
        let (Some(title), Some(date), Some(outlet), Some(author)) =
            (entry["title"].as_str(), entry["date"].as_str(), entry["outlet"].as_str(), entry["author"].as_str())
        else {
            continue;
        };
        if !file.ends_with(".txt") {
            continue;
        }
        let bytes = std::fs::read(root().join("assets/sample-corpus").join(file)).unwrap();
        let text = dossier::decode::decode(&bytes).unwrap().text.replace("\r\n", "\n");
        let Some((_, body)) = text.split_once("\n\n") else { continue };
        // Web boilerplate after the body is not the article's.
        let body: Vec<&str> = body
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty() && !dossier::boilerplate::is_boilerplate(p))
            .collect();
        samples.push(Sample {
            file: file.to_owned(),
            title: title.to_owned(),
            date: date.to_owned(),
            outlet: outlet.to_owned(),
            author: author.to_owned(),
            body: body.join("\n\n"),
        });
    }
    assert!(samples.len() >= 6, "the sample corpus gives {} fixtures", samples.len());
    samples
}

/// news-please's JSON: `maintext`, `date_publish`, `authors` as a list, `source_domain`.
pub fn news_please(sample: &Sample) -> serde_json::Value {
    json!({
        "authors": [sample.author],
        "date_download": "2025-01-01 10:00:00",
        "date_modify": null,
        "date_publish": format!("{} 07:30:00", sample.date),
        "description": sample.paragraphs()[0],
        "filename": "article.json",
        "image_url": null,
        "language": "en",
        "localpath": null,
        "maintext": sample.body,
        "source_domain": sample.outlet,
        "title": sample.title,
        "title_page": format!("{} | {}", sample.title, sample.outlet),
        "title_rss": null,
        "url": format!("https://{}/{}", host(sample), slug(sample)),
    })
}

/// trafilatura's JSON output: `raw_text` and `text`, `date`, `sitename`, `hostname`, `author`, and `source`
/// holding the address.
pub fn trafilatura(sample: &Sample) -> serde_json::Value {
    json!({
        "title": sample.title,
        "author": sample.author,
        "hostname": host(sample),
        "date": sample.date,
        "fingerprint": "a1b2c3",
        "id": null,
        "license": null,
        "comments": "",
        "raw_text": sample.body.replace("\n\n", " "),
        "text": sample.body,
        "language": "en",
        "image": null,
        "pagetype": "article",
        "source": format!("https://{}/{}", host(sample), slug(sample)),
        "source-hostname": sample.outlet,
        "excerpt": sample.paragraphs()[0],
        "categories": "",
        "tags": "",
        "sitename": sample.outlet,
    })
}

/// newspaper(3k)'s article as JSON: `text`, `publish_date`, `authors`; no outlet.
pub fn newspaper(sample: &Sample) -> serde_json::Value {
    json!({
        "title": sample.title,
        "authors": [sample.author],
        "publish_date": format!("{}T09:15:00+00:00", sample.date),
        "text": sample.body,
        "top_image": "",
        "keywords": [],
        "summary": "",
        "url": format!("https://{}/{}", host(sample), slug(sample)),
    })
}

/// A Media Cloud story list as CSV: metadata and links, no text.
pub fn media_cloud_csv(samples: &[Sample]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(["id", "indexed_date", "language", "media_name", "media_url", "publish_date", "title", "url"])
        .unwrap();
    for (index, sample) in samples.iter().enumerate() {
        writer
            .write_record([
                &format!("{}", 9000 + index),
                "2025-01-01 10:00:00",
                "en",
                &sample.outlet,
                &format!("https://{}", host(sample)),
                &format!("{} 07:30:00", sample.date),
                &sample.title,
                &format!("https://{}/{}", host(sample), slug(sample)),
            ])
            .unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

/// One JSON value per line.
pub fn json_lines(values: &[serde_json::Value]) -> String {
    values.iter().map(|v| format!("{v}\n")).collect()
}

/// The outlet's made-up web address.
pub fn host(sample: &Sample) -> String {
    let name: String = sample.outlet.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect();
    format!("{name}.example")
}

fn slug(sample: &Sample) -> String {
    sample.title.to_lowercase().split_whitespace().take(5).collect::<Vec<_>>().join("-")
}

/// The date as Nexis writes it: `January 4, 2019 Friday`.
pub fn nexis_date(sample: &Sample) -> String {
    sample.day().format("%B %-d, %Y %A").to_string()
}

/// A LexisNexis export in the older layout: `N of M DOCUMENTS` headers, the outlet above the date line,
/// the title below it, `BYLINE:`/`SECTION:`/`LENGTH:` lines, and the classification with `LOAD-DATE`
/// (a later date) after the body.
pub fn nexis_classic(samples: &[Sample]) -> String {
    let mut out = String::new();
    for (index, sample) in samples.iter().enumerate() {
        let words = sample.body.split_whitespace().count();
        let load = sample.day() + chrono::Days::new(3);
        out.push_str(&format!(
            "\n\n                              {} of {} DOCUMENTS\n\n\n                              {}\n\n                           {}\n                                 Final Edition\n\n{}\n\nBYLINE: By {}\n\nSECTION: NEWS; Pg. {}\n\nLENGTH: {words} words\n\n\n",
            index + 1,
            samples.len(),
            sample.outlet,
            nexis_date(sample),
            sample.title,
            sample.author.to_uppercase(),
            index + 3,
        ));
        out.push_str(&sample.body);
        out.push_str(&format!(
            "\n\n\nLOAD-DATE: {}\n\nLANGUAGE: ENGLISH\n\nPUBLICATION-TYPE: Newspaper\n\n\n                 Copyright {} {}\n                             All Rights Reserved\n",
            load.format("%B %-d, %Y"),
            sample.day().format("%Y"),
            sample.outlet
        ));
    }
    out
}

/// The paragraphs of a Nexis Uni export, one string each: a cover page listing the documents, then per
/// article the title, outlet, date line, copyright, `Section:`/`Length:`/`Byline:`, `Body`, the paragraphs,
/// the classification with `Load-Date`, and `End of Document`. A DOCX export holds the same paragraphs.
pub fn nexis_uni_paragraphs(samples: &[Sample]) -> Vec<String> {
    let mut out: Vec<String> = vec![
        "User Name: = Researcher".into(),
        "Date and Time: = 2025-01-10".into(),
        "Job Number: = 240117".into(),
        "Documents (1)".into(),
    ];
    out[3] = format!("Documents ({})", samples.len());
    for (index, sample) in samples.iter().enumerate() {
        out.push(format!("{}. {}", index + 1, sample.title));
        out.push("Client/Matter: -None-".into());
        out.push("Search Terms: Olvane".into());
        out.push("Search Type: Natural Language".into());
    }
    out.push("Narrowed by: Content Type News".into());
    for sample in samples {
        out.push(sample.title.clone());
        out.push(sample.outlet.clone());
        out.push(nexis_date(sample));
        out.push(format!("Copyright {} {} All Rights Reserved", sample.day().format("%Y"), sample.outlet));
        out.push("Section: WORLD; Pg. 4".into());
        out.push(format!("Length: {} words", sample.body.split_whitespace().count()));
        out.push(format!("Byline: {}", sample.author));
        out.push("Body".into());
        out.extend(sample.paragraphs().into_iter().map(str::to_owned));
        out.push("Classification".into());
        out.push("Language: ENGLISH".into());
        out.push("Publication-Type: Newspaper".into());
        out.push("Subject: WATER RESOURCES (90%); DAMS (88%)".into());
        out.push(format!("Load-Date: {}", (sample.day() + chrono::Days::new(2)).format("%B %-d, %Y")));
        out.push("End of Document".into());
    }
    out
}

/// A Nexis Uni export as plain text: its paragraphs with blank lines between them.
pub fn nexis_uni_text(samples: &[Sample]) -> String {
    nexis_uni_paragraphs(samples).join("\n\n") + "\n"
}

/// `bytes` compressed with gzip.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// `bytes` compressed with bzip2.
pub fn bzip2(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// `bytes` compressed with Zstandard.
pub fn zstd(bytes: &[u8]) -> Vec<u8> {
    zstd::stream::encode_all(bytes, 3).unwrap()
}

/// `bytes` compressed with xz.
pub fn xz(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut writer = lzma_rust2::XzWriter::new(Vec::new(), lzma_rust2::XzOptions::default()).unwrap();
    writer.write_all(bytes).unwrap();
    writer.finish().unwrap()
}

/// A CSV of the samples with a text column.
pub fn articles_csv(samples: &[Sample]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(["title", "date", "outlet", "author", "text"]).unwrap();
    for sample in samples {
        writer.write_record([&sample.title, &sample.date, &sample.outlet, &sample.author, &sample.body]).unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

/// One sample as a plain text file: date line, title, byline, outlet, body.
pub fn plain_text(sample: &Sample) -> String {
    format!(
        "{}\n{}\nBy {}\n{}\n\n{}\n",
        sample.day().format("%A, %B %-d, %Y"),
        sample.title,
        sample.author,
        sample.outlet,
        sample.body
    )
}

/// Text escaped for XML.
fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A zip archive of `(name, content)` entries, deflated.
pub fn zip(entries: &[(&str, String)]) -> Vec<u8> {
    use std::io::Write;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in entries {
        writer.start_file(*name, options).unwrap();
        writer.write_all(content.as_bytes()).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// A Word document whose body holds `paragraphs`, as Word writes them: runs of text split in two, a
/// bookmark, and a deleted run that is no part of the text.
pub fn docx(paragraphs: &[String]) -> Vec<u8> {
    let mut body = String::new();
    for paragraph in paragraphs {
        let (first, second) =
            paragraph.split_at(paragraph.char_indices().nth(paragraph.chars().count() / 2).map_or(0, |(i, _)| i));
        body.push_str(&format!(
            "<w:p><w:pPr><w:pStyle w:val=\"Normal\"/></w:pPr><w:bookmarkStart w:id=\"0\" w:name=\"b\"/><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r><w:del w:id=\"1\"><w:r><w:delText>deleted words</w:delText></w:r></w:del><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            xml_escape(first),
            xml_escape(second)
        ));
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:sectPr/></w:body></w:document>"
    );
    zip(&[
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"
                .to_owned(),
        ),
        ("word/document.xml", document),
    ])
}

/// An OpenDocument text whose body holds `paragraphs`, the first as a heading.
pub fn odt(paragraphs: &[String]) -> Vec<u8> {
    let mut body = String::new();
    for (index, paragraph) in paragraphs.iter().enumerate() {
        let tag = if index == 0 { "text:h" } else { "text:p" };
        body.push_str(&format!("<{tag}><text:span>{}</text:span></{tag}>", xml_escape(paragraph)));
    }
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>{body}</office:text></office:body></office:document-content>"
    );
    zip(&[("mimetype", "application/vnd.oasis.opendocument.text".to_owned()), ("content.xml", content)])
}

/// The paragraphs of a single article as a document holds them: title, byline, outlet, date, body.
pub fn article_paragraphs(sample: &Sample) -> Vec<String> {
    let mut paragraphs = vec![
        sample.title.clone(),
        format!("By {}", sample.author),
        sample.outlet.clone(),
        sample.day().format("%A, %-d %B %Y").to_string(),
    ];
    paragraphs.extend(sample.paragraphs().into_iter().map(str::to_owned));
    paragraphs
}

/// Text escaped for RTF as Word writes it: Windows-1252 letters as `\'hh`, other characters as `\uN?`,
/// typographic quotes and dashes as control words.
pub fn rtf_escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '\\' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\line "),
            '“' => out.push_str("\\ldblquote "),
            '”' => out.push_str("\\rdblquote "),
            '—' => out.push_str("\\emdash "),
            c if c.is_ascii() => out.push(c),
            c => {
                let text = c.to_string();
                let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
                if !unmappable && bytes.len() == 1 {
                    out.push_str(&format!("\\'{:02x}", bytes[0]));
                } else {
                    let mut units = [0u16; 2];
                    for unit in c.encode_utf16(&mut units) {
                        out.push_str(&format!("\\u{}?", *unit as i16));
                    }
                }
            }
        }
    }
    out
}

/// An RTF document of `paragraphs` (empty strings make blank lines), with the font and colour tables,
/// document information and a picture a word processor writes.
pub fn rtf(paragraphs: &[String]) -> String {
    let mut out = String::from(
        "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\froman Times New Roman;}{\\f1\\fswiss Arial;}}\n{\\colortbl;\\red0\\green0\\blue0;}\n{\\*\\generator Dossier fixtures;}{\\info{\\title Export}{\\author Nobody}}\n\\viewkind4\\uc1\\pard\\f0\\fs24 ",
    );
    for (index, paragraph) in paragraphs.iter().enumerate() {
        if index == 1 {
            out.push_str("{\\pict\\pngblip\\picw10\\pich10 89504e470d0a1a0a0000000d49484452}");
        }
        out.push_str(&rtf_escape(paragraph));
        out.push_str("\\par\n");
    }
    out.push('}');
    out
}

/// A Factiva export's lines: per article the headline, byline, word count, date, time, source name and
/// code, language, copyright, the paragraphs, and the `Document …` identifier line.
pub fn factiva_lines(samples: &[Sample]) -> Vec<String> {
    let mut out = Vec::new();
    for (index, sample) in samples.iter().enumerate() {
        let code: String =
            sample.outlet.split_whitespace().filter_map(|w| w.chars().next()).collect::<String>().to_uppercase();
        out.push(sample.title.clone());
        out.push(format!("By {}", sample.author));
        out.push(format!("{} words", sample.body.split_whitespace().count()));
        out.push(sample.day().format("%-d %B %Y").to_string());
        out.push("07:30 GMT".into());
        out.push(sample.outlet.clone());
        out.push(code.clone());
        out.push("English".into());
        out.push(format!("Copyright {} {}. All Rights Reserved.", sample.day().format("%Y"), sample.outlet));
        out.extend(sample.paragraphs().into_iter().map(str::to_owned));
        out.push(format!("Document {code}{:07}{}ef{index:03}0001l", index, sample.day().format("%Y%m%d")));
    }
    out
}

/// A Factiva RTF export: the lines of `factiva_lines` as paragraphs, with blank ones between articles.
pub fn factiva_rtf(samples: &[Sample]) -> String {
    let mut paragraphs = Vec::new();
    for line in factiva_lines(samples) {
        let ends_article = line.starts_with("Document ");
        paragraphs.push(line);
        if ends_article {
            paragraphs.push(String::new());
        }
    }
    rtf(&paragraphs)
}

/// A Factiva HTML export: per article a `div` with the headline in a `span`, the other header lines
/// (byline, word count, date, time, source, code, language, copyright) as `div`s, the paragraphs as `p`s,
/// and the identifier line in bold.
pub fn factiva_html(samples: &[Sample]) -> String {
    let escape = |text: &str| text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let mut out = String::from(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Factiva</title><style>.enHeadline{font-weight:bold}</style></head><body><div id=\"headlines\">",
    );
    let lines = factiva_lines(samples);
    for article in lines.split_inclusive(|line| line.starts_with("Document ")) {
        let (identifier, rest) = article.split_last().unwrap();
        out.push_str("<div class=\"article enArticle\">");
        out.push_str(&format!("<div id=\"hd\"><span class=\"enHeadline\">{}</span></div>", escape(&rest[0])));
        for line in &rest[1..9] {
            out.push_str(&format!("<div>{}</div>", escape(line)));
        }
        for paragraph in &rest[9..] {
            out.push_str(&format!("<p class=\"articleParagraph enarticleParagraph\">{}</p>", escape(paragraph)));
        }
        out.push_str(&format!("<p><b>{}</b></p></div>", escape(identifier)));
    }
    out.push_str("</div></body></html>");
    out
}

/// A web archive of the samples as HTML pages, each fetched with a request record and followed by a
/// metadata record, and an image response between them, as a crawler writes it.
pub fn warc(samples: &[Sample]) -> Vec<u8> {
    let record = |kind: &str, uri: &str, content_type: &str, block: &[u8]| -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-01-10T08:00:00Z\r\nWARC-Record-ID: <urn:uuid:{:08x}>\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            block.len() * 7919 % 99_999_989,
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    };
    let mut out = record("warcinfo", "", "application/warc-fields", b"software: dossier-fixtures\r\n");
    for sample in samples {
        let uri = format!("https://{}/{}", host(sample), sample.file.replace(['/', '.'], "-"));
        let paragraphs: String = sample
            .paragraphs()
            .iter()
            .map(|p| format!("<p>{}</p>\n", p.replace('&', "&amp;").replace('<', "&lt;")))
            .collect();
        let page = format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title} | {outlet}</title><meta property=\"og:site_name\" content=\"{outlet}\"><meta name=\"author\" content=\"{author}\"><meta property=\"article:published_time\" content=\"{date}T07:30:00Z\"></head><body><nav><a href=\"/\">Home</a></nav><article><h1>{title}</h1>\n{paragraphs}</article><footer>© {outlet}</footer></body></html>",
            title = sample.title,
            outlet = sample.outlet,
            author = sample.author,
            date = sample.date,
        );
        // Some servers send pages gzipped and in chunks; the archive keeps them as sent.
        let response = if sample.file.len() % 2 == 0 {
            let packed = gzip(page.as_bytes());
            let mut body = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n", packed.len()).into_bytes();
            body.extend_from_slice(&packed);
            body.extend_from_slice(b"\r\n0\r\n\r\n");
            body
        } else {
            format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Length: {}\r\n\r\n{page}",
                page.len()
            )
            .into_bytes()
        };
        out.extend(record(
            "request",
            &uri,
            "application/http; msgtype=request",
            format!("GET / HTTP/1.1\r\nHost: {}\r\n\r\n", host(sample)).as_bytes(),
        ));
        out.extend(record("response", &uri, "application/http; msgtype=response", &response));
        out.extend(record(
            "response",
            &format!("{uri}.png"),
            "application/http; msgtype=response",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n",
        ));
        out.extend(record("metadata", &uri, "application/warc-fields", b"outlink: https://example.org/\r\n"));
    }
    out
}

/// A zip archive of `(name, bytes)` entries, deflated.
pub fn zip_bytes(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    use std::io::Write;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in entries {
        writer.start_file(*name, options).unwrap();
        writer.write_all(content).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// A tar archive of `(name, bytes)` entries.
pub fn tar(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut builder = tar::Builder::new(Vec::new());
    for (name, content) in entries {
        let mut header = tar::Header::new_gnu();
        header.set_size(content.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        builder.append_data(&mut header, name, content.as_slice()).unwrap();
    }
    builder.into_inner().unwrap()
}

pub use dossier::ingest::pdf::writing::{PdfLine, pdf_file, text_pdf as pdf};

/// How a PDF article's pages are framed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PdfFrame {
    /// A publication's running head at the top and "Page N of M" at the foot.
    Publication,
    /// What a browser prints: the date, time and title at the top, the address and "N/M" at the foot.
    Browser,
}

/// A sample article laid out on PDF pages as `plain_text` gives it: each header line a paragraph of its
/// own, the body wrapped at 90 characters with long words hyphenated at a line's end, running heads framed.
pub fn pdf_article(sample: &Sample, frame: PdfFrame) -> Vec<u8> {
    const BODY: f64 = 10.0;
    let mut paragraphs: Vec<(String, f64)> = vec![
        (sample.day().format("%A, %B %-d, %Y").to_string(), BODY),
        (sample.title.clone(), 18.0),
        (format!("By {}", sample.author), BODY),
        (sample.outlet.clone(), BODY),
    ];
    paragraphs.extend(sample.paragraphs().into_iter().map(|p| (p.to_owned(), BODY)));
    let mut pages: Vec<Vec<PdfLine>> = vec![Vec::new()];
    let mut y = 720.0;
    for (paragraph, size) in paragraphs {
        let width = if size > BODY { 50 } else { 90 };
        for line in wrap_hyphenated(&paragraph, width) {
            if y < 80.0 {
                pages.push(Vec::new());
                y = 720.0;
            }
            pages.last_mut().unwrap().push((line, 50.0, y, size));
            y -= 1.3 * size;
        }
        y -= BODY;
    }
    let count = pages.len();
    // Running heads are drawn first, at the top, and the foot after them, as layout programs do.
    for (index, page) in pages.iter_mut().enumerate() {
        let number = index + 1;
        let (head, foot) = match frame {
            PdfFrame::Publication => (
                (format!("{} · World", sample.outlet), 50.0, 760.0, 8.0),
                (format!("Page {number} of {count}"), 500.0, 30.0, 8.0),
            ),
            PdfFrame::Browser => (
                (format!("3/4/21, 10:15 AM    {}", sample.title), 20.0, 775.0, 8.0),
                (format!("https://{}/news/{} {number}/{count}", host(sample), sample.file), 20.0, 15.0, 8.0),
            ),
        };
        page.splice(0..0, [head, foot]);
    }
    pdf(&pages)
}

/// A word of letters cut to fit `room` characters with its hyphen, the rest starting in lower case.
fn hyphenate(word: &str, room: usize) -> Option<(String, String)> {
    let fits = room.checked_sub(1).filter(|&n| n >= 3 && word.chars().count() >= n + 3)?;
    let cut: String = word.chars().take(fits).collect();
    let rest: String = word.chars().skip(fits).collect();
    let whole_word = word.chars().all(char::is_alphabetic) && rest.starts_with(char::is_lowercase);
    whole_word.then_some((cut, rest))
}

/// Lines of at most `width` characters; a word of letters that would pass the end is cut with a hyphen.
fn wrap_hyphenated(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let line = lines.last_mut().unwrap();
        let room = width.saturating_sub(line.chars().count() + 1);
        if line.is_empty() || line.chars().count() + 1 + word.chars().count() <= width {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        } else if let Some((cut, rest)) = hyphenate(word, room) {
            line.push(' ');
            line.push_str(&cut);
            line.push('-');
            lines.push(rest);
        } else {
            lines.push(word.to_owned());
        }
    }
    lines
}
