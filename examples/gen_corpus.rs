//! Writes a deterministic benchmark corpus:
//! `cargo run --release --example gen_corpus -- N OUT_DIR [--syndicated PERCENT]`.
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
    let syndicated: usize = match (args.next().as_deref(), args.next()) {
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
