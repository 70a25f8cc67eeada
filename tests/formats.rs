//! Every supported export format, written from the sample corpus' made-up articles by `fixtures`: each
//! article must come back with its title, date, outlet, author and whole body, and with the statements the
//! same article gives as a plain text file; broken files land among the problems with a reason.

#[path = "formats/fixtures.rs"]
mod fixtures;

use dossier::corpus::{self, Corpus, CorpusSource};
use dossier::loading;
use fixtures::Sample;
use std::collections::BTreeSet;
use std::path::Path;

/// Loads a folder or file.
fn load(path: &Path) -> Corpus {
    // Debug builds extract slowly; these tests are about what is read, not how fast.
    // SAFETY: every test of this file sets the same value before reading.
    unsafe { std::env::set_var("DOSSIER_EXTRACTION_SECONDS", "0") };
    loading::load(&CorpusSource::from_path(path), 2).expect("the corpus opens")
}

/// The words of every statement of article `index`, read again from its file.
/// The problems reported for one file of a corpus, in order.
fn problems_of<'a>(corpus: &'a Corpus, file: &str) -> Vec<&'a str> {
    corpus.problems.iter().filter(|p| p.path == file).map(|p| p.message.as_str()).collect()
}

fn said(corpus: &Corpus, index: usize) -> BTreeSet<String> {
    let text = corpus.read_text(&corpus.articles[index]).expect("the article reads again");
    corpus
        .statements
        .iter()
        .filter(|s| s.article as usize == index)
        .map(|s| s.text_in(&text).expect("the statement lies in the text").to_owned())
        .collect()
}

/// The statements the sample's own plain text file gives.
fn said_in_original(sample: &Sample) -> BTreeSet<String> {
    let corpus = load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-corpus").join(&sample.file));
    assert_eq!(corpus.articles.len(), 1);
    said(&corpus, 0)
}

/// Text with runs of whitespace made one space, to compare paragraphs however lines were broken.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a format is expected to give beside the title, date and body.
struct Expect<'a> {
    /// The outlet of each sample, when the format has one of its own.
    outlet: &'a dyn Fn(&Sample) -> String,
    /// Whether the format names the author.
    author: bool,
}

const FULL: Expect<'static> = Expect { outlet: &|s: &Sample| s.outlet.clone(), author: true };

/// Asserts that `file` of `corpus` holds exactly `samples`, in order, each whole and with its statements,
/// and that it has no problem.
fn assert_reads(corpus: &Corpus, file: &str, samples: &[Sample], expect: &Expect) {
    assert_reads_with_notes(corpus, file, samples, expect, &[]);
}

/// `assert_reads` for a file whose problems are exactly `notes` (each the whole message).
fn assert_reads_with_notes(corpus: &Corpus, file: &str, samples: &[Sample], expect: &Expect, notes: &[&str]) {
    let problems = problems_of(corpus, file);
    assert_eq!(problems, notes, "{file}");
    let articles: Vec<usize> = (0..corpus.articles.len())
        .filter(|&i| corpus.files[corpus.articles[i].file_id as usize].relative_path == file)
        .collect();
    assert_eq!(
        articles.len(),
        samples.len(),
        "{file}: {:?}",
        articles.iter().map(|&i| &corpus.articles[i].title).collect::<Vec<_>>()
    );
    for (&index, sample) in articles.iter().zip(samples) {
        let meta = &corpus.articles[index];
        let place = format!("{file} / {}", sample.file);
        assert_eq!(meta.title, sample.title, "{place}");
        assert_eq!(meta.date, Some(sample.day()), "{place}");
        assert_eq!(meta.outlet.as_deref(), Some((expect.outlet)(sample).as_str()), "{place}");
        if expect.author {
            assert_eq!(meta.author.as_deref(), Some(sample.author.as_str()), "{place}");
        }
        let text = squeeze(&corpus.read_text(meta).unwrap());
        for paragraph in sample.paragraphs() {
            assert!(text.contains(&squeeze(paragraph)), "{place}: lost {paragraph:?}");
        }
        let found = said(corpus, index);
        assert!(!found.is_empty(), "{place}: no statements");
        assert_eq!(found, said_in_original(sample), "{place}");
    }
}

#[test]
fn crawler_json_from_news_please_trafilatura_and_newspaper() {
    let samples = fixtures::samples();
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path();
    let news_please: Vec<_> = samples.iter().map(fixtures::news_please).collect();
    std::fs::write(dir.join("news-please.jsonl"), fixtures::json_lines(&news_please)).unwrap();
    std::fs::write(dir.join("news-please.json"), serde_json::to_string_pretty(&news_please).unwrap()).unwrap();
    let trafilatura: Vec<_> = samples.iter().map(fixtures::trafilatura).collect();
    std::fs::write(dir.join("trafilatura.jsonl"), fixtures::json_lines(&trafilatura)).unwrap();
    // trafilatura writes one JSON file per page.
    std::fs::write(dir.join("trafilatura-one.json"), trafilatura[0].to_string()).unwrap();
    let newspaper: Vec<_> = samples.iter().map(fixtures::newspaper).collect();
    std::fs::write(dir.join("newspaper.json"), serde_json::to_string(&newspaper).unwrap()).unwrap();
    let corpus = load(dir);
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    assert_reads(&corpus, "news-please.jsonl", &samples, &FULL);
    assert_reads(&corpus, "news-please.json", &samples, &FULL);
    assert_reads(&corpus, "trafilatura.jsonl", &samples, &FULL);
    assert_reads(&corpus, "trafilatura-one.json", &samples[..1], &FULL);
    // newspaper names no outlet: the address' host stands for it.
    assert_reads(&corpus, "newspaper.json", &samples, &Expect { outlet: &fixtures::host, author: true });
    // news-please's download date and trafilatura's address are not taken for the date and outlet.
    for article in &corpus.articles {
        assert!(article.url.as_deref().is_some_and(|url| url.starts_with("https://")), "{article:?}");
    }
}

#[test]
fn a_media_cloud_listing_without_text_lists_every_story_with_no_words() {
    let samples = fixtures::samples();
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("mediacloud.csv"), fixtures::media_cloud_csv(&samples)).unwrap();
    let corpus = load(folder.path());
    assert_eq!(corpus.articles.len(), samples.len());
    for (article, sample) in corpus.articles.iter().zip(&samples) {
        assert_eq!(article.title, sample.title);
        assert_eq!(article.date, Some(sample.day()));
        assert_eq!(article.outlet.as_deref(), Some(sample.outlet.as_str()));
        assert_eq!(article.words, 0);
        assert!(article.url.as_deref().unwrap().starts_with(&format!("https://{}/", fixtures::host(sample))));
        assert_eq!(corpus.read_text(article).unwrap(), "");
    }
    assert!(corpus.statements.is_empty());
    // One note says why these articles have no words.
    assert_eq!(corpus.problems.len(), 1, "{:?}", corpus.problems);
    assert!(corpus.problems[0].message.contains("no text column"), "{:?}", corpus.problems);
}

#[test]
fn nexis_text_exports_in_the_classic_and_the_nexis_uni_layout() {
    let samples = fixtures::samples();
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("classic.txt"), fixtures::nexis_classic(&samples)).unwrap();
    std::fs::write(folder.path().join("uni.txt"), fixtures::nexis_uni_text(&samples)).unwrap();
    let corpus = load(folder.path());
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    assert_reads(&corpus, "classic.txt", &samples, &FULL);
    assert_reads(&corpus, "uni.txt", &samples, &FULL);
    // Neither the load date, the copyright nor the classification is part of an article.
    for article in &corpus.articles {
        let text = corpus.read_text(article).unwrap();
        for stray in ["LOAD-DATE", "Load-Date", "Copyright", "Classification", "PUBLICATION-TYPE", "Byline:"] {
            assert!(!text.contains(stray), "{stray} in {}", article.title);
        }
    }
}

#[test]
fn a_nexis_file_with_a_broken_header_a_wrong_weekday_or_a_missing_end_says_so() {
    let samples = fixtures::samples();
    let three = &samples[..3];
    let folder = tempfile::tempdir().unwrap();
    let classic = fixtures::nexis_classic(three);
    // The second header damaged: its article runs into the first.
    std::fs::write(folder.path().join("broken-header.txt"), classic.replacen("2 of 3 DOCUMENTS", "2 of 3 DOCUMEN", 1))
        .unwrap();
    // The first date line's weekday is the next day's.
    let wrong_day = (three[0].day() + chrono::Days::new(1)).format("%A").to_string();
    let date_line = fixtures::nexis_date(&three[0]);
    let wrong_line = date_line.replace(&three[0].day().format("%A").to_string(), &wrong_day);
    std::fs::write(folder.path().join("wrong-weekday.txt"), classic.replacen(&date_line, &wrong_line, 1)).unwrap();
    // Cut after the second article's body.
    let uni = fixtures::nexis_uni_text(three);
    let cut = uni.match_indices("End of Document").nth(1).unwrap().0;
    std::fs::write(folder.path().join("cut.txt"), &uni[..cut]).unwrap();
    let corpus = load(folder.path());
    let problems = |file: &str| -> Vec<String> {
        corpus.problems.iter().filter(|p| p.path == file).map(|p| p.message.clone()).collect()
    };
    let titles = |file: &str| -> Vec<String> {
        corpus
            .articles
            .iter()
            .filter(|a| corpus.files[a.file_id as usize].relative_path == file)
            .map(|a| a.title.clone())
            .collect()
    };

    let broken = problems("broken-header.txt");
    assert!(broken.iter().any(|p| p.contains("out of sequence") && p.contains("3 of 3")), "{broken:?}");
    assert_eq!(titles("broken-header.txt"), [three[0].title.clone(), three[2].title.clone()]);
    // Nothing is lost: the second article's words are in the first's text.
    let merged = corpus.articles.iter().find(|a| a.title == three[0].title).unwrap();
    assert!(squeeze(&corpus.read_text(merged).unwrap()).contains(&squeeze(three[1].paragraphs()[0])));

    let weekday = problems("wrong-weekday.txt");
    assert_eq!(weekday.len(), 1, "{weekday:?}");
    assert!(weekday[0].starts_with("document 1: the date line") && weekday[0].contains("left undated"), "{weekday:?}");
    let undated = corpus.articles.iter().filter(|a| a.title == three[0].title && a.date.is_none()).count();
    assert_eq!(undated, 1);

    let cut_problems = problems("cut.txt");
    assert!(cut_problems.iter().any(|p| p.contains("no end marker")), "{cut_problems:?}");
    assert_eq!(titles("cut.txt").len(), 2);
}

#[test]
fn compressed_files_of_every_supported_format_and_compression() {
    let samples = fixtures::samples();
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path();
    let news_please: Vec<_> = samples.iter().map(fixtures::news_please).collect();
    let trafilatura: Vec<_> = samples.iter().map(fixtures::trafilatura).collect();
    std::fs::write(dir.join("news.jsonl.gz"), fixtures::gzip(fixtures::json_lines(&news_please).as_bytes())).unwrap();
    std::fs::write(dir.join("pages.json.xz"), fixtures::xz(serde_json::to_string(&trafilatura).unwrap().as_bytes()))
        .unwrap();
    std::fs::write(dir.join("nexis.txt.bz2"), fixtures::bzip2(fixtures::nexis_classic(&samples).as_bytes())).unwrap();
    std::fs::write(dir.join("archive.csv.zst"), fixtures::zstd(fixtures::articles_csv(&samples).as_bytes())).unwrap();
    std::fs::write(dir.join("one.txt.gz"), fixtures::gzip(fixtures::plain_text(&samples[0]).as_bytes())).unwrap();
    let corpus = load(dir);
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    for file in ["news.jsonl.gz", "pages.json.xz", "nexis.txt.bz2", "archive.csv.zst"] {
        assert_reads(&corpus, file, &samples, &FULL);
    }
    assert_reads(&corpus, "one.txt.gz", &samples[..1], &FULL);
    let format = |file: &str| corpus.files.iter().find(|f| f.relative_path == file).unwrap().format.name();
    assert_eq!(format("news.jsonl.gz"), "jsonl");
    assert_eq!(format("archive.csv.zst"), "csv");
}

#[test]
fn a_truncated_gzip_keeps_the_articles_before_the_cut_and_says_so() {
    let samples = fixtures::samples();
    let folder = tempfile::tempdir().unwrap();
    let news_please: Vec<_> = samples.iter().map(fixtures::news_please).collect();
    let packed = fixtures::gzip(fixtures::json_lines(&news_please).as_bytes());
    std::fs::write(folder.path().join("cut.jsonl.gz"), &packed[..packed.len() / 2]).unwrap();
    std::fs::write(folder.path().join("not-gzip.jsonl.gz"), fixtures::json_lines(&news_please)).unwrap();
    let corpus = load(folder.path());
    let problems: Vec<String> = corpus.problems.iter().map(|p| format!("{}: {}", p.path, p.message)).collect();
    assert!(
        problems.iter().any(|p| p.starts_with("cut.jsonl.gz: the gzip stream is damaged or cut short")),
        "{problems:?}"
    );
    assert!(problems.iter().any(|p| p.starts_with("not-gzip.jsonl.gz: not a gzip file")), "{problems:?}");
    // The whole lines before the cut are articles, each read again intact; the line cut in two is a problem.
    let read = corpus.articles.len();
    assert!(read > 0 && read < samples.len(), "{read} of {}", samples.len());
    assert!(problems.iter().any(|p| p.contains("invalid JSON")), "{problems:?}");
    for (index, sample) in samples[..read].iter().enumerate() {
        assert_eq!(corpus.articles[index].title, sample.title);
        assert_eq!(squeeze(&corpus.read_text(&corpus.articles[index]).unwrap()), squeeze(&sample.body));
    }
}

#[test]
fn a_decompression_bomb_stops_at_the_limit_with_a_problem() {
    let folder = tempfile::tempdir().unwrap();
    // 64 MB of zeros packs into about 64 KB.
    let bomb = fixtures::gzip(&vec![0u8; 64 << 20]);
    assert!(bomb.len() < 100_000);
    std::fs::write(folder.path().join("bomb.txt.gz"), &bomb).unwrap();
    let started = std::time::Instant::now();
    let corpus = load(folder.path());
    assert!(started.elapsed().as_secs() < 20);
    assert!(corpus.articles.is_empty());
    assert!(corpus.problems.iter().any(|p| p.message.contains("decompression bomb")), "{:?}", corpus.problems);
}

/// Loads `dir` twice through a cache in `cache`: the second load must take every file from the cache and
/// give the same articles; then every article must be found by searching a phrase of its own body.
fn assert_cached_and_searchable(dir: &Path, cache: &Path) {
    let first = loading::load_cached(&CorpusSource::Folder(dir.to_owned()), 2, Some(cache)).unwrap();
    let second = loading::load_cached(&CorpusSource::Folder(dir.to_owned()), 2, Some(cache)).unwrap();
    assert_eq!(second.files_from_cache, second.files.len(), "{:?}", second.problems);
    assert_eq!(first.articles, second.articles);
    assert_eq!(first.statements, second.statements);
    let index = dossier::search::SearchIndex::build_in_memory(&second).unwrap();
    let found = second.found_speakers();
    let names = dossier::speakers::SpeakerNames::build(&found, &dossier::speakers::SpeakerEdits::default());
    let lookup = dossier::search::SpeakerLookup::new(&found, &names);
    for (index_of_article, article) in second.articles.iter().enumerate() {
        let text = second.read_text(article).unwrap();
        // Three words in a row from the middle of the text, as a phrase.
        let words: Vec<&str> = text.split_whitespace().collect();
        let plain = |w: &&str| w.chars().all(char::is_alphabetic);
        let start = (words.len() / 2..words.len() - 3).find(|&i| words[i..i + 3].iter().all(plain)).unwrap();
        let phrase = words[start..start + 3].join(" ");
        let hits = dossier::search::run(
            &index,
            &format!("\"{phrase}\""),
            dossier::search::Scope::Articles,
            &dossier::topics::Topics::default(),
            &lookup,
        )
        .unwrap();
        assert!(hits.contains(&(index_of_article as u32)), "{phrase:?} in {}", article.title);
    }
}

#[test]
fn compressed_files_reopen_from_the_cache_and_are_searched() {
    let samples = fixtures::samples();
    let folder = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let news_please: Vec<_> = samples.iter().map(fixtures::news_please).collect();
    std::fs::write(folder.path().join("news.jsonl.gz"), fixtures::gzip(fixtures::json_lines(&news_please).as_bytes()))
        .unwrap();
    std::fs::write(folder.path().join("nexis.txt.gz"), fixtures::gzip(fixtures::nexis_uni_text(&samples).as_bytes()))
        .unwrap();
    assert_cached_and_searchable(folder.path(), &cache.path().join("cache.bin"));
}

#[test]
fn word_documents_of_one_article_and_nexis_exports_of_many() {
    let samples = fixtures::samples();
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path();
    for (index, sample) in samples.iter().enumerate().take(3) {
        std::fs::write(dir.join(format!("one-{index}.docx")), fixtures::docx(&fixtures::article_paragraphs(sample)))
            .unwrap();
        std::fs::write(dir.join(format!("one-{index}.odt")), fixtures::odt(&fixtures::article_paragraphs(sample)))
            .unwrap();
    }
    std::fs::write(dir.join("nexis.docx"), fixtures::docx(&fixtures::nexis_uni_paragraphs(&samples))).unwrap();
    std::fs::write(dir.join("nexis.odt"), fixtures::odt(&fixtures::nexis_uni_paragraphs(&samples))).unwrap();
    let corpus = load(dir);
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    for index in 0..3 {
        assert_reads(&corpus, &format!("one-{index}.docx"), &samples[index..=index], &FULL);
        assert_reads(&corpus, &format!("one-{index}.odt"), &samples[index..=index], &FULL);
    }
    assert_reads(&corpus, "nexis.docx", &samples, &FULL);
    assert_reads(&corpus, "nexis.odt", &samples, &FULL);
    // Deleted runs of tracked changes are not text.
    for article in &corpus.articles {
        assert!(!corpus.read_text(article).unwrap().contains("deleted words"));
    }
}

#[test]
fn a_docx_that_is_no_zip_lacks_its_body_is_cut_or_holds_broken_xml_is_a_problem() {
    let samples = fixtures::samples();
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path();
    let good = fixtures::docx(&fixtures::article_paragraphs(&samples[0]));
    std::fs::write(dir.join("text.docx"), fixtures::plain_text(&samples[0])).unwrap();
    std::fs::write(dir.join("other.docx"), fixtures::zip(&[("readme.txt", "not a document".to_owned())])).unwrap();
    std::fs::write(dir.join("cut.docx"), &good[..good.len() / 2]).unwrap();
    std::fs::write(
        dir.join("broken.docx"),
        fixtures::zip(&[("word/document.xml", "<w:document><w:body><w:p><w:t>Half".to_owned() + "<w:t a=\"x>")]),
    )
    .unwrap();
    // Paragraphs nested 200,000 deep: read without recursion.
    let deep = format!(
        "<w:document><w:body>{}<w:p><w:r><w:t>Deep words said.</w:t></w:r></w:p>{}</w:body></w:document>",
        "<w:sdt>".repeat(200_000),
        "</w:sdt>".repeat(200_000)
    );
    std::fs::write(dir.join("deep.docx"), fixtures::zip(&[("word/document.xml", deep)])).unwrap();
    let corpus = load(dir);
    let problem = |file: &str| -> String {
        let found: Vec<_> = corpus.problems.iter().filter(|p| p.path == file).map(|p| p.message.clone()).collect();
        assert_eq!(found.len(), 1, "{file}: {found:?}");
        found[0].clone()
    };
    assert!(problem("text.docx").starts_with("not a DOCX document: not a zip archive"));
    assert!(problem("other.docx").contains("has no word/document.xml"));
    assert!(problem("cut.docx").starts_with("not a DOCX document"));
    assert!(problem("broken.docx").starts_with("the DOCX document's XML is damaged"));
    assert_eq!(corpus.articles.len(), 1);
    assert_eq!(corpus.read_text(&corpus.articles[0]).unwrap(), "Deep words said.");
}

#[test]
fn word_documents_reopen_from_the_cache_and_are_searched() {
    let samples = fixtures::samples();
    let folder = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("nexis.docx"), fixtures::docx(&fixtures::nexis_uni_paragraphs(&samples)))
        .unwrap();
    std::fs::write(folder.path().join("one.odt"), fixtures::odt(&fixtures::article_paragraphs(&samples[1]))).unwrap();
    assert_cached_and_searchable(folder.path(), &cache.path().join("cache.bin"));
}

#[test]
fn rtf_of_one_article_nexis_exports_and_factiva_exports() {
    let samples = fixtures::samples();
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path();
    for (index, sample) in samples.iter().enumerate().take(3) {
        std::fs::write(dir.join(format!("one-{index}.rtf")), fixtures::rtf(&fixtures::article_paragraphs(sample)))
            .unwrap();
    }
    std::fs::write(dir.join("nexis-uni.rtf"), fixtures::rtf(&fixtures::nexis_uni_paragraphs(&samples))).unwrap();
    let classic: Vec<String> = fixtures::nexis_classic(&samples).lines().map(str::to_owned).collect();
    std::fs::write(dir.join("nexis-classic.rtf"), fixtures::rtf(&classic)).unwrap();
    std::fs::write(dir.join("factiva.rtf"), fixtures::factiva_rtf(&samples)).unwrap();
    // Factiva as plain text, as some export it.
    std::fs::write(dir.join("factiva.txt"), fixtures::factiva_lines(&samples).join("\n") + "\n").unwrap();
    let corpus = load(dir);
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    for index in 0..3 {
        assert_reads(&corpus, &format!("one-{index}.rtf"), &samples[index..=index], &FULL);
    }
    for file in ["nexis-uni.rtf", "nexis-classic.rtf", "factiva.rtf", "factiva.txt"] {
        assert_reads(&corpus, file, &samples, &FULL);
    }
    // Header lines (word count, source code, copyright) and the identifier are not article text.
    for article in &corpus.articles {
        let text = corpus.read_text(article).unwrap();
        assert!(!text.contains(" words\n") && !text.contains("Document ") && !text.contains("Copyright"), "{text}");
    }
}

#[test]
fn a_factiva_export_cut_short_or_without_a_word_count_says_so_and_keeps_the_text() {
    let samples = fixtures::samples();
    let three = &samples[..3];
    let folder = tempfile::tempdir().unwrap();
    let mut lines = fixtures::factiva_lines(three);
    // The second article's word count line is lost, and the file ends before the third's identifier line.
    let second_count = lines.iter().enumerate().filter(|(_, l)| l.ends_with(" words")).nth(1).unwrap().0;
    lines.remove(second_count);
    lines.pop();
    std::fs::write(folder.path().join("damaged.rtf"), fixtures::rtf(&lines)).unwrap();
    std::fs::write(folder.path().join("not-rtf.rtf"), "Just words, no RTF header.").unwrap();
    let corpus = load(folder.path());
    let problems: Vec<String> = corpus.problems.iter().map(|p| format!("{}: {}", p.path, p.message)).collect();
    assert!(problems.iter().any(|p| p.starts_with("damaged.rtf: article 2: no word count line")), "{problems:?}");
    assert!(problems.iter().any(|p| p.starts_with("damaged.rtf: the text after the last `Document")), "{problems:?}");
    assert!(problems.iter().any(|p| p.starts_with("not-rtf.rtf: not an RTF document")), "{problems:?}");
    assert_eq!(corpus.articles.len(), 3);
    assert_eq!(corpus.articles[0].title, three[0].title);
    assert_eq!(corpus.articles[2].title, three[2].title);
    // The article without its header still holds its words.
    let second = squeeze(&corpus.read_text(&corpus.articles[1]).unwrap());
    assert!(second.contains(&squeeze(three[1].paragraphs()[0])));
}

#[test]
fn factiva_html_exports_of_many_articles() {
    let samples = fixtures::samples();
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("factiva.html"), fixtures::factiva_html(&samples)).unwrap();
    // An ordinary page that mentions a document and words is still one article.
    std::fs::write(
        folder.path().join("page.html"),
        "<html><body><article><h1>Archive rules</h1><p>The archivist said: \"Every Document counts, and so do 300 words.\"</p></article></body></html>",
    )
    .unwrap();
    let corpus = load(folder.path());
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    assert_reads(&corpus, "factiva.html", &samples, &FULL);
    assert_eq!(corpus.articles.iter().filter(|a| a.title == "Archive rules").count(), 1);
}

#[test]
fn web_archives_plain_and_gzipped_give_their_html_pages() {
    let samples = fixtures::samples();
    let folder = tempfile::tempdir().unwrap();
    let archive = fixtures::warc(&samples);
    std::fs::write(folder.path().join("crawl.warc"), &archive).unwrap();
    // A .warc.gz compresses each record on its own: gzip members one after another.
    let mut members = Vec::new();
    let mut at = 0;
    let starts: Vec<usize> =
        archive.windows(9).enumerate().filter(|(_, w)| *w == b"WARC/1.0\r").map(|(i, _)| i).collect();
    for (index, &start) in starts.iter().enumerate() {
        let end = starts.get(index + 1).copied().unwrap_or(archive.len());
        members.extend(fixtures::gzip(&archive[start..end]));
        at = end;
    }
    assert_eq!(at, archive.len());
    std::fs::write(folder.path().join("crawl.warc.gz"), &members).unwrap();
    // Some tools gzip the whole archive as one member instead.
    std::fs::write(folder.path().join("whole.warc.gz"), fixtures::gzip(&archive)).unwrap();
    let cut = &archive[..archive.len() - archive.len() / 5];
    std::fs::write(folder.path().join("cut.warc"), cut).unwrap();
    let corpus = load(folder.path());
    let host_url = |s: &Sample| format!("https://{}/{}", fixtures::host(s), s.file.replace(['/', '.'], "-"));
    let n = samples.len();
    // One note counts what was skipped: the crawl's info, requests, images and metadata.
    let note = format!(
        "skipped, as no HTML pages: {n} metadata records, {n} request records, {n} responses of image/png, 1 warcinfo records"
    );
    for file in ["crawl.warc", "crawl.warc.gz", "whole.warc.gz"] {
        assert_reads_with_notes(&corpus, file, &samples, &FULL, &[note.as_str()]);
        let urls: Vec<_> = corpus
            .articles
            .iter()
            .filter(|a| corpus.files[a.file_id as usize].relative_path == file)
            .map(|a| a.url.clone().unwrap())
            .collect();
        assert_eq!(urls, samples.iter().map(host_url).collect::<Vec<_>>());
    }
    let cut_problems: Vec<_> =
        corpus.problems.iter().filter(|p| p.path == "cut.warc").map(|p| p.message.clone()).collect();
    assert!(cut_problems.iter().any(|p| p.contains("cut short")), "{cut_problems:?}");
    let cut_articles =
        corpus.articles.iter().filter(|a| corpus.files[a.file_id as usize].relative_path == "cut.warc").count();
    assert!(cut_articles > 0 && cut_articles < samples.len());
    let cache = tempfile::tempdir().unwrap();
    std::fs::remove_file(folder.path().join("cut.warc")).unwrap();
    assert_cached_and_searchable(folder.path(), &cache.path().join("cache.bin"));
}

#[test]
fn every_cut_of_every_export_gives_articles_or_says_why_and_never_panics() {
    use dossier::ingest::{self, Format};
    let samples = fixtures::samples();
    let exports: Vec<(Format, Vec<u8>)> = vec![
        (Format::Text, fixtures::nexis_classic(&samples).into_bytes()),
        (Format::Text, fixtures::nexis_uni_text(&samples).into_bytes()),
        (Format::Text, (fixtures::factiva_lines(&samples).join("\n") + "\n").into_bytes()),
        (Format::Rtf, fixtures::factiva_rtf(&samples).into_bytes()),
        (Format::Html, fixtures::factiva_html(&samples).into_bytes()),
        (
            Format::JsonLines,
            fixtures::json_lines(&samples.iter().map(fixtures::news_please).collect::<Vec<_>>()).into_bytes(),
        ),
        (Format::Docx, fixtures::docx(&fixtures::nexis_uni_paragraphs(&samples))),
        (Format::Odt, fixtures::odt(&fixtures::article_paragraphs(&samples[0]))),
        (Format::Warc, fixtures::warc(&samples)),
    ];
    for (format, bytes) in &exports {
        for cut in (1..40).map(|k| bytes.len() * k / 40) {
            let prefix = &bytes[..cut];
            let records = if format.is_binary() {
                ingest::read_binary(*format, prefix)
            } else {
                ingest::read_records(*format, &String::from_utf8_lossy(prefix))
            };
            assert!(
                !records.records.is_empty() || records.error.is_some() || !records.warnings.is_empty(),
                "{} cut at {cut} of {}: nothing read and no reason",
                format.name(),
                bytes.len()
            );
        }
    }
}

#[test]
fn re_reading_every_article_of_a_big_compressed_file_unpacks_it_once() {
    let folder = tempfile::tempdir().unwrap();
    let filler = "The committee met again and the reservoir level was recorded in the ledger. ".repeat(50);
    let lines: String = (0..3000)
        .map(|i| serde_json::json!({"title": format!("Ledger entry {i}"), "date_publish": "2021-04-12", "maintext": format!("{filler}Entry {i}.")}).to_string() + "\n")
        .collect();
    let packed = fixtures::gzip(lines.as_bytes());
    std::fs::write(folder.path().join("ledger.jsonl.gz"), &packed).unwrap();
    let corpus = load(folder.path());
    assert_eq!(corpus.articles.len(), 3000, "{:?}", corpus.problems);
    let started = std::time::Instant::now();
    let once =
        dossier::ingest::compressed::unpack(&packed, dossier::ingest::compressed::Compression::Gzip, 1 << 30).unwrap();
    let _ = dossier::decode::decode(&once.bytes).unwrap();
    let unpack_once = started.elapsed();
    let started = std::time::Instant::now();
    for (index, article) in corpus.articles.iter().enumerate() {
        assert!(corpus.read_text(article).unwrap().ends_with(&format!("Entry {index}.")));
    }
    let read_all = started.elapsed();
    println!("{} MB unpacked: once {unpack_once:?}, all 3000 articles read again {read_all:?}", lines.len() >> 20);
    // Unpacking for each article would take 3000 times as long as unpacking once.
    assert!(read_all < unpack_once * 300, "{read_all:?} against {unpack_once:?} for one unpacking");
}

#[test]
fn wikinews_gzipped_reads_exactly_as_wikinews() {
    let plain = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/wikinews");
    let folder = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(&plain).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "csv") {
            let name = format!("{}.gz", path.file_name().unwrap().to_string_lossy());
            std::fs::write(folder.path().join(name), fixtures::gzip(&std::fs::read(&path).unwrap())).unwrap();
        }
    }
    let (plain, packed) = (load(&plain), load(folder.path()));
    assert!(packed.articles.len() > 200);
    assert_eq!(packed.problems.len(), plain.problems.len(), "{:?}", packed.problems);
    assert_eq!(packed.statements, plain.statements);
    for (a, b) in packed.articles.iter().zip(&plain.articles) {
        assert_eq!(
            (&a.title, a.date, &a.outlet, &a.author, a.words),
            (&b.title, b.date, &b.outlet, &b.author, b.words)
        );
        assert_eq!(packed.read_text(a).unwrap(), plain.read_text(b).unwrap());
    }
}

#[test]
fn hostile_exports_of_eight_megabytes_are_read_in_linear_time() {
    use dossier::ingest::{self, Format};
    let size = 8 << 20;
    let fill = |unit: &str| unit.repeat(size / unit.len());
    let hostile: Vec<(&str, Format, String)> = vec![
        ("RTF groups", Format::Rtf, format!("{{\\rtf1 {}", fill("{\\b x"))),
        ("RTF escapes", Format::Rtf, format!("{{\\rtf1 {}", fill("\\'e9\\u8212?\\*"))),
        ("Nexis ends", Format::Text, fill("End of Document\n")),
        ("Nexis headers", Format::Text, fill("7 of 9 DOCUMENTS\nMarch 3, 2020 Tuesday\n")),
        ("Factiva identifiers", Format::Text, fill("12 words\nDocument ABCDEFGHIJKL0001\n")),
        ("WARC records", Format::Warc, fill("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 0\r\n\r\n\r\n")),
    ];
    for (name, format, text) in hostile {
        let started = std::time::Instant::now();
        let records = if format.is_binary() {
            ingest::read_binary(format, text.as_bytes())
        } else {
            ingest::read_records(format, &text)
        };
        let elapsed = started.elapsed();
        println!("{name}: {elapsed:?}, {} records, {} problems", records.records.len(), records.warnings.len());
        assert!(elapsed.as_secs() < 30, "{name}: {elapsed:?}");
    }
}

#[test]
fn a_file_of_thousands_of_bad_parts_tells_the_first_hundred_and_counts_the_rest() {
    let folder = tempfile::tempdir().unwrap();
    let mut lines = "not json\n".repeat(5000);
    lines.push_str("{\"title\": \"Kept\", \"text\": \"The mayor said: \\\"Fine.\\\"\"}\n");
    std::fs::write(folder.path().join("bad.jsonl"), lines).unwrap();
    let corpus = load(folder.path());
    assert_eq!(corpus.articles.len(), 1);
    assert_eq!(corpus.problems.len(), dossier::corpus::MAX_PROBLEMS_PER_FILE + 1);
    assert_eq!(corpus.problems.last().unwrap().message, "and 4900 more problems like these in this file");
}

#[test]
fn a_zip_of_exports_gives_the_articles_of_every_readable_member() {
    let samples = fixtures::samples();
    let folder = tempfile::tempdir().unwrap();
    let news_please: Vec<_> = samples.iter().map(fixtures::news_please).collect();
    let bundle = fixtures::zip_bytes(&[
        ("exports/news-please.jsonl", fixtures::json_lines(&news_please).into_bytes()),
        ("exports/nexis.docx", fixtures::docx(&fixtures::nexis_uni_paragraphs(&samples))),
        ("one.txt.gz", fixtures::gzip(fixtures::plain_text(&samples[0]).as_bytes())),
        ("photo.jpg", b"\xFF\xD8\xFF not really".to_vec()),
        ("__MACOSX/._one.txt", b"resource fork".to_vec()),
        ("README.md", b"How this bundle was made.".to_vec()),
        ("inner.zip", fixtures::zip(&[("a.txt", "A".to_owned())])),
    ]);
    std::fs::write(folder.path().join("bundle.zip"), &bundle).unwrap();
    std::fs::write(folder.path().join("fake.zip"), "no zip at all").unwrap();
    let corpus = load(folder.path());
    let expected: Vec<Sample> = samples.iter().chain(&samples).chain(&samples[..1]).cloned().collect();
    assert_reads_with_notes(
        &corpus,
        "bundle.zip",
        &expected,
        &FULL,
        &[
            "inner.zip: an archive inside the archive is not opened",
            "3 hidden files or files of other types in the archive were skipped",
        ],
    );
    let fake = problems_of(&corpus, "fake.zip");
    assert_eq!(fake.len(), 1);
    assert!(fake[0].starts_with("not a zip archive"), "{fake:?}");
    let cache = tempfile::tempdir().unwrap();
    std::fs::remove_file(folder.path().join("fake.zip")).unwrap();
    assert_cached_and_searchable(folder.path(), &cache.path().join("cache.bin"));
}

#[test]
fn pdfs_give_their_text_in_paragraphs_without_running_heads_and_browser_stamps() {
    let samples = fixtures::samples();
    let folder = tempfile::tempdir().unwrap();
    for (index, sample) in samples.iter().enumerate() {
        let frame = if index % 2 == 0 { fixtures::PdfFrame::Publication } else { fixtures::PdfFrame::Browser };
        std::fs::write(folder.path().join(format!("{index}.pdf")), fixtures::pdf_article(sample, frame)).unwrap();
    }
    let corpus = load(folder.path());
    for (index, sample) in samples.iter().enumerate() {
        let file = format!("{index}.pdf");
        assert_reads(&corpus, &file, std::slice::from_ref(sample), &FULL);
        let article = corpus.articles.iter().find(|a| corpus.files[a.file_id as usize].relative_path == file).unwrap();
        let text = corpus.read_text(article).unwrap();
        // No running head, page number or print stamp is left in the text, and no word stays cut.
        for leftover in [" · World", "Page 1 of", "10:15 AM", "https://", "- "] {
            assert!(!text.contains(leftover), "{file}: {leftover:?} left in {text}");
        }
        let body_paragraphs = text.split("\n\n").count();
        assert_eq!(body_paragraphs, 4 + sample.paragraphs().len(), "{file}: {text}");
        let url = (index % 2 == 1).then(|| format!("https://{}/news/{}", fixtures::host(sample), sample.file));
        assert_eq!(article.url, url, "{file}");
    }
}

#[test]
fn an_encrypted_a_scanned_and_a_damaged_pdf_are_problems_that_say_so() {
    let folder = tempfile::tempdir().unwrap();
    let page = |content: &str| {
        let mut stream = format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()).into_bytes();
        stream.shrink_to_fit();
        vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>".to_vec(),
            stream,
        ]
    };
    // A scan: the page only paints (here a grey rectangle where the picture of the text would be).
    std::fs::write(folder.path().join("scan.pdf"), fixtures::pdf_file(&page("0.5 g 50 50 500 700 re f"), "")).unwrap();
    // Encrypted with a user password (standard security handler, revision 2): the empty one does not open it.
    let mut objects = page("BT /F1 10 Tf 50 700 Td (secret) Tj ET");
    let key = "<".to_owned() + &"AB".repeat(32) + ">";
    objects.push(format!("<< /Filter /Standard /V 1 /R 2 /O {key} /U {key} /P -4 >>").into_bytes());
    let id = "[<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]";
    std::fs::write(folder.path().join("locked.pdf"), fixtures::pdf_file(&objects, &format!("/Encrypt 5 0 R /ID {id}")))
        .unwrap();
    let whole = fixtures::pdf_article(&fixtures::samples()[0], fixtures::PdfFrame::Publication);
    std::fs::write(folder.path().join("cut.pdf"), &whole[..whole.len() / 3]).unwrap();
    std::fs::write(folder.path().join("text.pdf"), "This is no PDF at all.").unwrap();
    let corpus = load(folder.path());
    let problem = |file: &str| {
        let found = problems_of(&corpus, file);
        assert_eq!(found.len(), 1, "{file}: {found:?}");
        found[0].to_owned()
    };
    assert!(problem("scan.pdf").contains("no text layer"), "{}", problem("scan.pdf"));
    assert!(problem("locked.pdf").contains("encrypted with a password"), "{}", problem("locked.pdf"));
    assert!(problem("cut.pdf").contains("PDF"), "{}", problem("cut.pdf"));
    assert!(problem("text.pdf").starts_with("not a readable PDF"), "{}", problem("text.pdf"));
    assert!(corpus.articles.is_empty(), "{:?}", corpus.articles);
}

#[test]
fn tar_archives_plain_and_compressed_give_the_articles_of_their_members_named_by_path() {
    let samples = fixtures::samples();
    let folder = tempfile::tempdir().unwrap();
    let news_please: Vec<_> = samples.iter().map(fixtures::news_please).collect();
    let members = vec![
        ("download/news-please.jsonl", fixtures::json_lines(&news_please).into_bytes()),
        ("download/one.pdf", fixtures::pdf_article(&samples[0], fixtures::PdfFrame::Publication)),
        ("download/photo.jpg", b"\xFF\xD8\xFF not really".to_vec()),
        ("inner.tar", fixtures::tar(&[("a.txt", b"A".to_vec())])),
    ];
    let bundle = fixtures::tar(&members);
    std::fs::write(folder.path().join("bundle.tar"), &bundle).unwrap();
    std::fs::write(folder.path().join("bundle.tar.gz"), fixtures::gzip(&bundle)).unwrap();
    std::fs::write(folder.path().join("bundle.tgz"), fixtures::gzip(&bundle)).unwrap();
    std::fs::write(folder.path().join("cut.tar"), &bundle[..bundle.len() / 2]).unwrap();
    std::fs::write(folder.path().join("fake.tar"), "no tar at all".repeat(100)).unwrap();
    let corpus = load(folder.path());
    let expected: Vec<Sample> = samples.iter().chain(&samples[..1]).cloned().collect();
    let notes = [
        "inner.tar: an archive inside the archive is not opened",
        "1 hidden files or files of other types in the archive were skipped",
    ];
    for file in ["bundle.tar", "bundle.tar.gz", "bundle.tgz"] {
        assert_reads_with_notes(&corpus, file, &expected, &FULL, &notes);
        let named: Vec<String> = corpus
            .articles
            .iter()
            .filter(|a| corpus.files[a.file_id as usize].relative_path == file)
            .map(|a| corpus.article_file(a))
            .collect();
        let mut expected_names = vec![format!("{file}/download/news-please.jsonl"); samples.len()];
        expected_names.push(format!("{file}/download/one.pdf"));
        assert_eq!(named, expected_names);
    }
    // The cut archive keeps what came before the cut, and says so.
    let cut = problems_of(&corpus, "cut.tar");
    assert!(cut.iter().any(|p| p.contains("cut short") || p.contains("cannot be unpacked")), "{cut:?}");
    let fake = problems_of(&corpus, "fake.tar");
    assert_eq!(fake.len(), 1, "{fake:?}");
    let cache = tempfile::tempdir().unwrap();
    std::fs::remove_file(folder.path().join("fake.tar")).unwrap();
    std::fs::remove_file(folder.path().join("cut.tar")).unwrap();
    assert_cached_and_searchable(folder.path(), &cache.path().join("cache.bin"));
}

#[test]
fn a_zip_cut_short_keeps_the_files_before_the_cut_and_a_bomb_inside_stops_at_the_limit() {
    let samples = fixtures::samples();
    let folder = tempfile::tempdir().unwrap();
    let news_please: Vec<_> = samples.iter().map(fixtures::news_please).collect();
    let whole = fixtures::zip_bytes(&[
        ("first.jsonl", fixtures::json_lines(&news_please).into_bytes()),
        ("second.txt", fixtures::plain_text(&samples[0]).into_bytes()),
        ("third.txt", fixtures::plain_text(&samples[1]).into_bytes()),
    ]);
    // Cut inside the last file: its directory at the end is gone, the first two files are whole.
    let third = whole.windows(9).position(|w| w == b"third.txt").unwrap();
    std::fs::write(folder.path().join("cut.zip"), &whole[..third + 20]).unwrap();
    // A member that unpacks past the 256 MB a member may hold: 300 MB of zeros, packed into about 300 KB.
    let bomb = fixtures::zip_bytes(&[("zeros.txt", vec![0u8; 300 << 20]), ("after.txt", b"never read".to_vec())]);
    assert!(bomb.len() < 1 << 20);
    std::fs::write(folder.path().join("bomb.zip"), &bomb).unwrap();
    std::fs::write(folder.path().join("nested.zip"), fixtures::zip_bytes(&[("bomb.zip", bomb)])).unwrap();
    let corpus = load(folder.path());
    let problems = |file: &str| problems_of(&corpus, file);
    let expected: Vec<Sample> = samples.iter().chain(&samples[..1]).cloned().collect();
    let cut = problems("cut.zip");
    assert_eq!(cut.len(), 2, "{cut:?}");
    assert!(cut[0].starts_with("the zip archive is damaged or cut short (in its file 3"), "{cut:?}");
    assert!(cut[1].starts_with("third.txt: cannot be unpacked"), "{cut:?}");
    assert_reads_with_notes(&corpus, "cut.zip", &expected, &FULL, &[cut[0], cut[1]]);
    let bomb = problems("bomb.zip");
    assert!(bomb.iter().any(|p| p.starts_with("zeros.txt: the archive unpacks to more than 256 MB")), "{bomb:?}");
    assert_eq!(
        problems("nested.zip"),
        ["bomb.zip: an archive inside the archive is not opened", "the archive holds no article Dossier can read"]
    );
}

#[test]
fn old_word_files_and_7zip_archives_are_problems_that_say_what_to_do() {
    let folder = tempfile::tempdir().unwrap();
    for name in ["notes.doc", "bundle.7z"] {
        std::fs::write(folder.path().join(name), b"bytes").unwrap();
    }
    std::fs::write(folder.path().join("photo.jpg"), b"bytes").unwrap();
    let listing = corpus::list_files(&CorpusSource::Folder(folder.path().to_owned())).unwrap();
    assert_eq!(listing.skipped_files, 1);
    let problems: Vec<String> = listing.problems.iter().map(|p| format!("{}: {}", p.path, p.message)).collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems.contains(&"notes.doc: an old Word document (.doc): save it as .docx".to_owned()));
}

#[test]
fn the_command_line_lists_the_articles_of_a_nexis_docx_and_a_gzipped_export() {
    let samples = fixtures::samples();
    let folder = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("nexis.docx"), fixtures::docx(&fixtures::nexis_uni_paragraphs(&samples)))
        .unwrap();
    let news_please: Vec<_> = samples.iter().map(fixtures::news_please).collect();
    std::fs::write(folder.path().join("news.jsonl.gz"), fixtures::gzip(fixtures::json_lines(&news_please).as_bytes()))
        .unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .env("DOSSIER_CACHE_DIR", cache.path())
        .args(["articles", folder.path().to_str().unwrap(), "--format", "jsonl"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let records: Vec<serde_json::Value> =
        String::from_utf8(output.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(records.len(), 2 * samples.len());
    for (record, sample) in records.iter().zip(samples.iter().chain(&samples)) {
        assert_eq!(record["title"], sample.title.as_str());
        assert_eq!(record["date"], sample.date.as_str());
        assert_eq!(record["author"], sample.author.as_str());
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    /// Pieces of every export's syntax in any order: each reader gives articles or a reason, never a panic.
    #[test]
    fn export_syntax_in_any_order_never_panics(pieces in proptest::collection::vec(proptest::sample::select(vec![
        "{", "}", "\\", "\\'", "\\'e9", "\\u8212?", "\\uc2", "\\bin3 ", "\\par ", "\\*\\x ", "é", "€", "\n", "\r\n",
        "1 of 3 DOCUMENTS\n", "End of Document\n", "March 3, 2020 Tuesday\n", "BYLINE: A B\n", "Body\n",
        "LOAD-DATE: March 4, 2020\n", "612 words\n", "Document ABCDEFGHIJKL01\n", "WARC/1.0\r\n",
        "Content-Length: 5\r\n", "WARC-Type: response\r\n", "HTTP/1.1 200 OK\r\n", "Content-Type: text/html\r\n",
        "PK\u{3}\u{4}", "<p>", "</p>", "The minister said: \"No.\" ",
    ]), 0..60)) {
        let text: String = pieces.concat();
        let rtf = format!("{{\\rtf1 {text}");
        for (format, input) in [
            (dossier::ingest::Format::Rtf, rtf.as_str()),
            (dossier::ingest::Format::Text, text.as_str()),
            (dossier::ingest::Format::Html, text.as_str()),
        ] {
            let records = dossier::ingest::read_records(format, input);
            proptest::prop_assert!(!records.records.is_empty() || records.error.is_some() || !records.warnings.is_empty());
        }
        for format in [dossier::ingest::Format::Warc, dossier::ingest::Format::Docx, dossier::ingest::Format::Zip] {
            let records = dossier::ingest::read_binary(format, text.as_bytes());
            proptest::prop_assert!(!records.records.is_empty() || records.error.is_some() || !records.warnings.is_empty());
        }
    }
}

#[test]
fn re_reading_every_article_of_a_big_nexis_export_reads_it_once() {
    let samples = fixtures::samples();
    let many: Vec<Sample> = (0..40).flat_map(|_| samples.iter().cloned()).collect();
    let text = fixtures::nexis_uni_text(&many);
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("nexis.txt"), &text).unwrap();
    let corpus = load(folder.path());
    assert_eq!(corpus.articles.len(), many.len(), "{:?}", corpus.problems);
    let started = std::time::Instant::now();
    let once = dossier::ingest::read_records(dossier::ingest::Format::Text, &text);
    let read_once = started.elapsed();
    assert_eq!(once.records.len(), many.len());
    let started = std::time::Instant::now();
    for (article, sample) in corpus.articles.iter().zip(&many) {
        assert_eq!(squeeze(&corpus.read_text(article).unwrap()), squeeze(&sample.body));
    }
    let read_all = started.elapsed();
    println!("{} articles, {} KB: read once {read_once:?}, all read again {read_all:?}", many.len(), text.len() >> 10);
    // Reading the export again for each article would take as many times as long as reading it once.
    assert!(read_all < read_once * (many.len() as u32 / 4), "{read_all:?} against {read_once:?}");
}

#[test]
fn a_web_page_without_a_date_takes_the_crawl_date_marked_as_such() {
    let folder = tempfile::tempdir().unwrap();
    let page = "<html><head><title>Harbour reopens</title></head><body><article><h1>Harbour reopens</h1><p>The harbour master said the quay would reopen on Monday after repairs.</p></article></body></html>";
    let response =
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n{page}", page.len());
    let warc = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://port.example/harbour\r\nWARC-Date: 2024-03-05T11:00:00Z\r\nContent-Length: {}\r\n\r\n{response}\r\n\r\n",
        response.len()
    );
    std::fs::write(folder.path().join("crawl.warc"), warc).unwrap();
    let cache = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .env("DOSSIER_CACHE_DIR", cache.path())
        .args(["articles", folder.path().to_str().unwrap(), "--format", "jsonl"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let record: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(record["title"], "Harbour reopens");
    assert_eq!(record["date"], "2024-03-05");
    assert_eq!(record["date_source"], "crawl");
    assert_eq!(record["url"], "https://port.example/harbour");
}
