//! Writes a deterministic benchmark corpus:
//! `cargo run --release --example gen_corpus -- N OUT_DIR [--warc|--pdf|--syndicated PERCENT]`.
//!
//! With `--warc`, the N articles are HTML pages in one web archive, `OUT_DIR/crawl.warc.gz`, each record
//! in a gzip member of its own (as crawlers write them), with the request and metadata records a crawl
//! holds, and pages of realistic weight (navigation, inline scripts): about 10 KB packed a page. With
//! `--pdf`, they are N PDF files of one to three pages, laid out as a publication prints them (running
//! head, page numbers, hyphenated line ends).
//!
//! N made-up news articles of realistic shape (about 4 KB each): mostly `.txt`, some `.html`, and some in
//! `.jsonl` and `.csv` files of 100 records; datelines over ten years, 50 outlets, 3,000 speakers with
//! titles and roles, direct and reported speech, web boilerplate, and a Zipf-like vocabulary.
//! With `--syndicated PERCENT`, that share of the articles are syndicated copies of a recent
//! article: another outlet, headline and byline, a day or two later, half of them with the last paragraph
//! cut, a third with a wire credit. The same N (and PERCENT) gives the same bytes; without the option, the
//! bytes of earlier versions.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

/// A small deterministic generator (SplitMix64), so no dependency decides the bytes.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// An index from 0 to n, small ones far more likely (Zipf-like).
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64).powf(u) - 1.0) as usize % n
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const FIRST: &[&str] = &[
    "Amara", "Tomas", "Lucia", "Petar", "Aurel", "Hana", "Radomir", "Joren", "Elena", "Ilse", "Marek", "Sofia",
    "Nadia", "Viktor", "Leila", "Omar", "Yusuf", "Irina", "Daniel", "Clara", "Reza", "Farid", "Nasser", "Maryam",
    "Hassan", "Ali", "Karim", "Samir", "Lina", "Jonas", "Pieter", "Ana", "Mateo", "Ines", "Kofi", "Ama", "Chen", "Mei",
    "Ravi", "Priya", "Hugo", "Emil", "Greta", "Oskar", "Vera", "Boris", "Olga", "Stefan", "Mira", "Anton",
];
const LAST: &[&str] = &[
    "Dused",
    "Reyvik",
    "Ferrandi",
    "Vosk",
    "Benn",
    "Petrel",
    "Kessel",
    "Achterberg",
    "Sorvik",
    "Marrow",
    "Halden",
    "Novak",
    "Karimi",
    "Rahimi",
    "Tehrani",
    "Okafor",
    "Mensah",
    "Lindqvist",
    "Moreau",
    "Castell",
    "Brandt",
    "Kovac",
    "Ivanova",
    "Haddad",
    "Nasr",
    "Farouk",
    "Delacroix",
    "Osei",
    "Tanaka",
    "Sato",
    "Iyer",
    "Menon",
    "Alvarez",
    "Ortega",
    "Weber",
    "Fischer",
    "Horvat",
    "Petrov",
    "Larsen",
    "Nyberg",
    "Quist",
    "Rowe",
    "Sinclair",
    "Abbasi",
    "Jafari",
    "Rostami",
    "Yilmaz",
    "Demir",
    "Aydin",
    "Kaya",
    "Marin",
    "Dobre",
    "Stan",
    "Lupu",
    "Zeller",
    "Hoxha",
    "Berisha",
    "Kelmendi",
    "Varga",
    "Toth",
];
const ROLES: &[&str] = &[
    "Foreign Minister",
    "Defence Minister",
    "President",
    "Prime Minister",
    "spokesman for the Foreign Ministry",
    "Interior Minister",
    "army commander",
    "senior official",
    "opposition leader",
    "Finance Minister",
    "central bank governor",
    "mayor",
    "UN envoy",
    "ambassador",
    "security adviser",
];
const COUNTRIES: &[&str] =
    &["Veloria", "Kestrand", "Olvane", "Marsovia", "Tarnland", "Quellis", "Dravia", "Ostmark", "Belcaria", "Ruvenia"];
const CITIES: &[&str] = &["VELGRAD", "KESTRA", "OLVANIA", "MARSOV", "TARNBURG", "QUELL", "DRAVO", "OSTRA"];
const VERBS: &[&str] = &["said", "told reporters", "stressed", "added", "warned", "insisted", "noted", "announced"];
const VOCABULARY: &[&str] = &[
    "troops",
    "withdrawal",
    "border",
    "river",
    "dam",
    "water",
    "talks",
    "agreement",
    "security",
    "forces",
    "presence",
    "government",
    "parliament",
    "election",
    "budget",
    "sanctions",
    "trade",
    "energy",
    "drought",
    "harvest",
    "court",
    "protest",
    "ceasefire",
    "treaty",
    "mission",
    "coalition",
    "militia",
    "refugees",
    "inflation",
    "reform",
    "investment",
    "pipeline",
    "reservoir",
    "commission",
    "monitoring",
    "deadline",
    "negotiations",
    "summit",
    "crisis",
    "region",
    "stability",
    "cooperation",
    "accord",
    "vote",
    "opposition",
    "army",
    "navy",
    "airbase",
    "convoy",
    "aid",
    "exports",
    "imports",
    "tariffs",
    "minister",
    "officials",
    "delegation",
    "envoy",
    "inquiry",
    "report",
    "schedule",
    "timetable",
    "schools",
    "hospitals",
    "roads",
    "bridges",
    "villages",
    "farmers",
    "workers",
    "unions",
];
const BOILERPLATE: &[&str] =
    &["Related Articles", "Back to top button", "Leave a Comment", "Comment (0)", "Share this article"];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

struct Article {
    title: String,
    date: (i32, usize, usize),
    outlet: String,
    text: String,
}

fn sentence(random: &mut Random, words: usize) -> String {
    let mut out = String::new();
    for i in 0..words {
        let word = VOCABULARY[random.zipf(VOCABULARY.len())];
        if i > 0 {
            out.push(' ');
        }
        if i == 0 {
            out.push_str(&word[..1].to_uppercase());
            out.push_str(&word[1..]);
        } else {
            out.push_str(word);
        }
        if i > 0 && i % 7 == 0 && i + 1 < words {
            out.push_str(if random.below(2) == 0 { " of the" } else { " and" });
        }
    }
    out
}

fn article(random: &mut Random, outlets: &[String]) -> Article {
    let year = 2015 + random.below(10) as i32;
    let (month, day) = (1 + random.below(12), 1 + random.below(28));
    let country = random.pick(COUNTRIES);
    let outlet = outlets[random.zipf(outlets.len())].clone();
    let topic = VOCABULARY[random.zipf(VOCABULARY.len())];
    let title = format!(
        "{country} {} {topic} {}",
        random.pick(&["debates", "rejects", "backs", "delays", "signs"]),
        sentence(random, 3).to_lowercase()
    );
    let mut text = String::new();
    let _ = writeln!(text, "{title}\n");
    let _ = writeln!(
        text,
        "{}, {} {day}, {year}\n",
        random.pick(&["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]),
        MONTHS[month - 1]
    );
    let _ = writeln!(text, "By {} {}, {outlet}\n", random.pick(FIRST), random.pick(LAST));
    let speakers: Vec<(String, &str)> = (0..3)
        .map(|_| {
            let person = random.zipf(3000);
            (
                format!("{} {}", FIRST[person % FIRST.len()], LAST[(person / FIRST.len()) % LAST.len()]),
                ROLES[person % ROLES.len()],
            )
        })
        .collect();
    let _ = write!(text, "{} — ", random.pick(CITIES));
    while text.len() < 3600 {
        let (name, role) = &speakers[random.below(speakers.len())];
        let surname = name.split(' ').nth(1).unwrap_or(name);
        match random.below(6) {
            0 => {
                let _ = writeln!(
                    text,
                    "{country}'s {role} {name} said the {} would {}.\n",
                    sentence(random, 4).to_lowercase(),
                    sentence(random, 6).to_lowercase()
                );
            }
            1 => {
                let _ = writeln!(
                    text,
                    "\"{}, and we will not accept {}.\" {surname} {}.\n",
                    sentence(random, 9),
                    sentence(random, 4).to_lowercase(),
                    random.pick(VERBS)
                );
            }
            2 => {
                let _ = writeln!(
                    text,
                    "According to {surname}, the {} remains {}.\n",
                    sentence(random, 3).to_lowercase(),
                    sentence(random, 5).to_lowercase()
                );
            }
            3 => {
                let _ = writeln!(
                    text,
                    "The {role} told reporters that {} was {}, adding that {}.\n",
                    sentence(random, 4).to_lowercase(),
                    sentence(random, 3).to_lowercase(),
                    sentence(random, 6).to_lowercase()
                );
            }
            4 => {
                let _ = writeln!(text, "{}. {}.\n", sentence(random, 12), sentence(random, 10));
            }
            _ => {
                let _ = writeln!(text, "{}\n", random.pick(BOILERPLATE));
            }
        }
    }
    Article { title, date: (year, month, day), outlet, text }
}

/// Keeps an original among the recent ones copies are made of (500 at most, one forgotten at random).
fn remember(recent: &mut Vec<Article>, random: &mut Random, syndicated: usize, article: &Article) {
    if syndicated == 0 {
        return;
    }
    recent.push(Article {
        title: article.title.clone(),
        date: article.date,
        outlet: article.outlet.clone(),
        text: article.text.clone(),
    });
    if recent.len() > 500 {
        recent.remove(random.below(recent.len()));
    }
}

/// A syndicated copy of `original`: another outlet's headline, date line a day or two later and byline
/// over the same body, sometimes without its last paragraph, sometimes with a wire credit.
fn syndicate(random: &mut Random, original: &Article, outlets: &[String]) -> Article {
    let outlet = outlets[random.below(outlets.len())].clone();
    let paragraphs: Vec<&str> = original.text.split("\n\n").filter(|p| !p.trim().is_empty()).collect();
    // Title, date line and byline, then the body.
    let mut body: Vec<&str> = paragraphs[3.min(paragraphs.len())..].to_vec();
    if random.below(2) == 0 && body.len() > 6 {
        body.pop();
    }
    let (year, month, day) = original.date;
    let day = (day + 1 + random.below(2)).min(28);
    let title = format!("{} ({})", original.title, random.pick(&["update", "analysis", "wire", "report"]));
    let mut text = format!(
        "{title}\n\n{}, {} {day}, {year}\n\nBy {} {}, {outlet}\n\n",
        random.pick(&["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]),
        MONTHS[month - 1],
        random.pick(FIRST),
        random.pick(LAST)
    );
    text.push_str(&body.join("\n\n"));
    if random.below(3) == 0 {
        text.push_str("\n\n(Continental Press Agency; reporting by wire staff)");
    }
    text.push('\n');
    Article { title, date: (year, month, day), outlet, text }
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(count), Some(out)) = (args.next().and_then(|n| n.parse::<usize>().ok()), args.next()) else {
        eprintln!("usage: gen_corpus N OUT_DIR");
        std::process::exit(2);
    };
    let out = Path::new(&out);
    let shape = args.next();
    let syndicated: usize = match (shape.as_deref(), args.next()) {
        (Some("--syndicated"), Some(percent)) => percent.parse().expect("--syndicated takes a percentage"),
        _ => 0,
    };
    // Recent originals that copies are made of.
    let mut recent: Vec<Article> = Vec::new();
    let mut copies = 0;
    let mut random = Random(0x0D05_51E4);
    let outlets: Vec<String> = (0..50)
        .map(|i| {
            format!(
                "The {} {}",
                COUNTRIES[i % COUNTRIES.len()],
                ["Herald", "Daily", "Post", "Wire", "Ledger"][i / COUNTRIES.len()]
            )
        })
        .collect();
    match shape.as_deref() {
        Some("--warc") => return write_warc(count, out, &mut random, &outlets),
        Some("--pdf") => return write_pdfs(count, out, &mut random, &outlets),
        _ => {}
    }
    let mut index = 0;
    let mut bytes = 0usize;
    while index < count {
        let folder = out.join(format!("{:04}", index / 1000));
        std::fs::create_dir_all(&folder)?;
        let kind = random.below(100);
        if kind < 5 && count - index >= 100 {
            // A JSON Lines or CSV file of 100 records.
            let is_csv = random.below(2) == 0;
            let path = folder.join(format!("batch-{index:07}.{}", if is_csv { "csv" } else { "jsonl" }));
            let mut file = std::io::BufWriter::new(std::fs::File::create(&path)?);
            let mut writer = is_csv.then(|| csv::Writer::from_writer(Vec::new()));
            if let Some(writer) = &mut writer {
                writer.write_record(["title", "date", "outlet", "text"])?;
            }
            for _ in 0..100 {
                let article = match syndicated > 0 && !recent.is_empty() && random.below(100) < syndicated {
                    true => {
                        copies += 1;
                        let original = random.below(recent.len());
                        syndicate(&mut random, &recent[original], &outlets)
                    }
                    false => {
                        let article = article(&mut random, &outlets);
                        remember(&mut recent, &mut random, syndicated, &article);
                        article
                    }
                };
                let date = format!("{:04}-{:02}-{:02}", article.date.0, article.date.1, article.date.2);
                bytes += article.text.len();
                match &mut writer {
                    Some(writer) => writer.write_record([&article.title, &date, &article.outlet, &article.text])?,
                    None => {
                        let record = serde_json::json!({"title": article.title, "date": date, "source": article.outlet, "body": article.text});
                        writeln!(file, "{record}")?;
                    }
                }
                index += 1;
            }
            if let Some(writer) = writer {
                file.write_all(&writer.into_inner().map_err(|e| std::io::Error::other(e.to_string()))?)?;
            }
        } else if syndicated > 0 && !recent.is_empty() && random.below(100) < syndicated {
            let original = &recent[random.below(recent.len())];
            let copy = syndicate(&mut random, original, &outlets);
            bytes += copy.text.len();
            std::fs::write(folder.join(format!("article-{index:07}.txt")), &copy.text)?;
            index += 1;
            copies += 1;
        } else if kind < 15 {
            let article = article(&mut random, &outlets);
            bytes += article.text.len();
            let paragraphs: String =
                article.text.split("\n\n").map(|p| format!("<p>{}</p>\n", html_escape(p.trim()))).collect();
            let html = format!(
                "<!DOCTYPE html><html><head><title>{}</title><meta property=\"og:site_name\" content=\"{}\"><meta property=\"article:published_time\" content=\"{:04}-{:02}-{:02}\"><script>var tracking = 1;</script></head><body><nav><a href=\"/\">Home</a></nav><article>{paragraphs}</article><footer>Copyright</footer></body></html>",
                html_escape(&article.title),
                html_escape(&article.outlet),
                article.date.0,
                article.date.1,
                article.date.2
            );
            std::fs::write(folder.join(format!("article-{index:07}.html")), html)?;
            index += 1;
        } else {
            let article = article(&mut random, &outlets);
            bytes += article.text.len();
            std::fs::write(folder.join(format!("article-{index:07}.txt")), &article.text)?;
            index += 1;
            remember(&mut recent, &mut random, syndicated, &article);
        }
    }
    eprintln!(
        "wrote {index} articles ({copies} syndicated copies, {:.1} MB of text) to {}",
        bytes as f64 / 1e6,
        out.display()
    );
    Ok(())
}

/// A page's worth of hex digits (scripts and tracking data compress poorly, as on real pages).
fn noise(random: &mut Random, bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 16);
    while out.len() < bytes {
        let _ = write!(out, "{:016x}", random.next());
    }
    out
}

/// One web archive of `count` HTML pages, a gzip member a record.
fn write_warc(count: usize, out: &Path, random: &mut Random, outlets: &[String]) -> std::io::Result<()> {
    use flate2::{Compression, write::GzEncoder};
    std::fs::create_dir_all(out)?;
    let path = out.join("crawl.warc.gz");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path)?);
    let mut record = |kind: &str, uri: &str, content_type: &str, block: &[u8]| -> std::io::Result<()> {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
        write!(
            encoder,
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-01-10T08:00:00Z\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )?;
        encoder.write_all(block)?;
        encoder.write_all(b"\r\n\r\n")?;
        file.write_all(&encoder.finish()?)
    };
    record("warcinfo", "", "application/warc-fields", b"software: dossier gen_corpus\r\n")?;
    let mut text_bytes = 0usize;
    for index in 0..count {
        let article = article(random, outlets);
        text_bytes += article.text.len();
        let uri = format!("https://news{}.example/{index:07}", index % 50);
        let paragraphs: String =
            article.text.split("\n\n").map(|p| format!("<p>{}</p>\n", html_escape(p.trim()))).collect();
        let links: String = (0..120)
            .map(|i| format!("<li><a href=\"/section/{i}/{}\">Section {i}</a></li>", noise(random, 16)))
            .collect();
        let page = format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title><meta property=\"og:site_name\" content=\"{outlet}\"><meta property=\"article:published_time\" content=\"{:04}-{:02}-{:02}\"><script>window.__state = \"{}\";</script><style>.a{{color:#333}}</style></head><body><nav><ul>{links}</ul></nav><article><h1>{title}</h1>{paragraphs}</article><footer>Copyright {outlet}</footer><script>track(\"{}\");</script></body></html>",
            article.date.0,
            article.date.1,
            article.date.2,
            noise(random, 5500),
            noise(random, 1000),
            title = html_escape(&article.title),
            outlet = html_escape(&article.outlet),
        );
        let response = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Length: {}\r\n\r\n{page}",
            page.len()
        );
        record(
            "request",
            &uri,
            "application/http; msgtype=request",
            format!("GET / HTTP/1.1\r\nHost: news.example\r\n\r\n").as_bytes(),
        )?;
        record("response", &uri, "application/http; msgtype=response", response.as_bytes())?;
        record("metadata", &uri, "application/warc-fields", format!("outlink: {uri}/more\r\n").as_bytes())?;
    }
    file.flush()?;
    let size = std::fs::metadata(&path)?.len();
    eprintln!(
        "wrote {count} pages ({:.1} MB of article text) in {} ({:.1} MB)",
        text_bytes as f64 / 1e6,
        path.display(),
        size as f64 / 1e6
    );
    Ok(())
}

/// `count` PDF files of one article each, Helvetica text laid out as a publication prints it.
fn write_pdfs(count: usize, out: &Path, random: &mut Random, outlets: &[String]) -> std::io::Result<()> {
    let mut total = 0u64;
    for index in 0..count {
        let folder = out.join(format!("{:04}", index / 1000));
        std::fs::create_dir_all(&folder)?;
        let article = article(random, outlets);
        let mut pages: Vec<Vec<(String, f64, f64, f64)>> = vec![Vec::new()];
        let mut y = 720.0;
        for (number, paragraph) in article.text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).enumerate() {
            let size = if number == 0 { 16.0 } else { 10.0 };
            let mut line = String::new();
            let mut lines = Vec::new();
            for word in paragraph.split_whitespace() {
                if line.len() + word.len() + 1 > if size > 10.0 { 55 } else { 90 } {
                    lines.push(std::mem::take(&mut line));
                }
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
            }
            lines.push(line);
            for line in lines {
                if y < 80.0 {
                    pages.push(Vec::new());
                    y = 720.0;
                }
                pages.last_mut().unwrap().push((line, 50.0, y, size));
                y -= 1.3 * size;
            }
            y -= 8.0;
        }
        let page_count = pages.len();
        for (number, page) in pages.iter_mut().enumerate() {
            page.insert(0, (format!("{} - World", article.outlet), 50.0, 760.0, 8.0));
            page.insert(1, (format!("Page {} of {page_count}", number + 1), 500.0, 30.0, 8.0));
        }
        let bytes = dossier::ingest::pdf::writing::text_pdf(&pages);
        total += bytes.len() as u64;
        std::fs::write(folder.join(format!("article-{index:07}.pdf")), bytes)?;
    }
    eprintln!("wrote {count} PDFs ({:.1} MB) to {}", total as f64 / 1e6, out.display());
    Ok(())
}
