//! Bad input, case by case: each gives a clear problem (path and plain reason) and the rest of the corpus
//! loads. The command line is checked where the user sees it: a non-zero exit, one line per problem, and
//! the good records still printed.

use dossier::corpus::{self, Corpus, CorpusSource, MAX_ARTICLE_BYTES};
use dossier::loading;
use std::path::Path;
use std::process::Command;

/// A folder holding one good article beside the bad input that `write` puts there.
fn corpus_with(write: impl FnOnce(&Path)) -> (tempfile::TempDir, Corpus) {
    // The time budget per article depends on the machine; a debug build extracts 16 MB more slowly than
    // the budget allows, and these tests are about what is read, not how fast (tests/cli.rs checks the budget).
    // SAFETY: every test of this file sets the same value before reading.
    unsafe { std::env::set_var("DOSSIER_EXTRACTION_SECONDS", "0") };
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("good.txt"), "Good news\n\nThe mayor said: \"All is well.\"\n").unwrap();
    write(folder.path());
    let corpus = loading::load(&CorpusSource::Folder(folder.path().to_owned()), 2).unwrap();
    (folder, corpus)
}

/// The problems as `path: message` lines.
fn problems(corpus: &Corpus) -> Vec<String> {
    corpus.problems.iter().map(|p| format!("{}: {}", p.path, p.message)).collect()
}

fn titles(corpus: &Corpus) -> Vec<&str> {
    corpus.articles.iter().map(|a| a.title.as_str()).collect()
}

/// Asserts exactly one problem, for `path`, whose message contains `reason`.
fn assert_one_problem(corpus: &Corpus, path: &str, reason: &str) {
    let problems = problems(corpus);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with(&format!("{path}: ")) && problems[0].contains(reason), "{problems:?}");
}

#[test]
fn binary_files_with_text_names_are_named_and_skipped() {
    let (_folder, corpus) = corpus_with(|dir| {
        std::fs::write(dir.join("scan.txt"), b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj").unwrap();
        std::fs::write(dir.join("photo.html"), b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00").unwrap();
        std::fs::write(dir.join("bundle.txt"), b"PK\x03\x04\x14\x00\x00\x00\x08\x00").unwrap();
        std::fs::write(dir.join("noise.txt"), (0..4096u32).map(|i| (i * 7919 % 256) as u8).collect::<Vec<_>>())
            .unwrap();
    });
    assert_eq!(titles(&corpus), ["Good news"]);
    let problems = problems(&corpus);
    assert_eq!(
        problems,
        [
            "bundle.txt: not a text file (a ZIP archive or Office document)",
            "noise.txt: not a text file (contains NUL bytes)",
            "photo.html: not a text file (a JPEG image)",
            "scan.txt: not a text file (a PDF document)",
        ]
    );
}

#[test]
fn empty_and_blank_files() {
    let (_folder, corpus) = corpus_with(|dir| {
        std::fs::write(dir.join("empty.txt"), "").unwrap();
        std::fs::write(dir.join("blank.md"), "  \n\n\t\n").unwrap();
        std::fs::write(dir.join("empty.json"), "").unwrap();
        std::fs::write(dir.join("empty.csv"), "").unwrap();
    });
    assert_eq!(titles(&corpus), ["Good news"]);
    let problems = problems(&corpus);
    assert_eq!(problems.len(), 4, "{problems:?}");
    assert!(problems.iter().all(|p| p.ends_with("the file is empty")), "{problems:?}");
}

#[test]
fn stray_bytes_in_utf8_are_replaced_and_reported_and_legacy_text_is_decoded() {
    let (_folder, corpus) = corpus_with(|dir| {
        let mut mixed = "Café talks\n\nThe envoy said: “We will meet in Zürich.”\n".as_bytes().to_vec();
        mixed.extend_from_slice(b"A stray byte \xFF here.\n");
        std::fs::write(dir.join("mixed.txt"), mixed).unwrap();
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode("Déjà vu\n\nThe café owner said: “Voilà.”\n");
        std::fs::write(dir.join("latin.txt"), &*latin).unwrap();
    });
    let mixed = corpus.articles.iter().find(|a| a.title == "Café talks").expect("mixed.txt keeps its accents");
    let text = corpus.read_article(mixed).unwrap().text;
    assert!(text.contains("Zürich") && text.contains("stray byte \u{FFFD} here"), "{text}");
    assert!(corpus.articles.iter().any(|a| a.title == "Déjà vu"), "{:?}", titles(&corpus));
    assert_one_problem(&corpus, "mixed.txt", "1 byte sequences were not valid UTF-8");
}

#[test]
fn utf16_without_a_byte_order_mark_is_recognised() {
    let text = "Border reopens\n\nThe minister said: “Trade resumes on Monday.”\n";
    let (_folder, corpus) = corpus_with(|dir| {
        let little: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let big: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        std::fs::write(dir.join("little.txt"), little).unwrap();
        std::fs::write(dir.join("big.txt"), big).unwrap();
    });
    assert!(corpus.problems.is_empty(), "{:?}", problems(&corpus));
    for meta in corpus.articles.iter().filter(|a| a.title != "Good news") {
        assert_eq!(corpus.read_article(meta).unwrap().text, text);
    }
    let encodings: Vec<_> = corpus.files.iter().map(|f| f.encoding.as_deref().unwrap()).collect();
    assert_eq!(encodings, ["UTF-16BE", "UTF-8", "UTF-16LE"]);
}

#[test]
fn a_huge_file_is_read_only_up_to_the_article_cap_and_says_so() {
    let (_folder, corpus) = corpus_with(|dir| {
        use std::io::Write;
        let mut file = std::io::BufWriter::new(std::fs::File::create(dir.join("huge.txt")).unwrap());
        file.write_all("Endless report\n\n".as_bytes()).unwrap();
        let paragraph = "The committee said the figures would be published. Ünïcödé words follow here.\n\n";
        let mut written = 0;
        while written < 200 << 20 {
            file.write_all(paragraph.as_bytes()).unwrap();
            written += paragraph.len();
        }
    });
    assert_one_problem(&corpus, "huge.txt", &format!("only the first {} MB were read", MAX_ARTICLE_BYTES >> 20));
    let huge = corpus.articles.iter().find(|a| a.title == "Endless report").unwrap();
    let text = corpus.read_article(huge).unwrap().text;
    assert!(text.len() <= MAX_ARTICLE_BYTES && text.len() > MAX_ARTICLE_BYTES - 200, "{}", text.len());
    assert_eq!(corpus.files.iter().find(|f| f.relative_path == "huge.txt").unwrap().encoding.as_deref(), Some("UTF-8"));
}

#[test]
fn a_one_megabyte_line_loads() {
    let (_folder, corpus) = corpus_with(|dir| {
        let sentence = "The spokesperson said the talks went well, and \"we expect more\" soon, ";
        let line = sentence.repeat((1 << 20) / sentence.len());
        std::fs::write(dir.join("line.txt"), format!("One line\n\n{line}\n")).unwrap();
    });
    assert!(corpus.problems.is_empty(), "{:?}", problems(&corpus));
    assert_eq!(corpus.articles.len(), 2);
    assert!(corpus.statements.len() > 1, "{}", corpus.statements.len());
}

#[test]
fn a_hundred_thousand_tiny_files_in_one_folder() {
    let folder = tempfile::tempdir().unwrap();
    for i in 0..100_000 {
        std::fs::write(folder.path().join(format!("{i:06}.txt")), format!("Note {i}\n\nIt said {i}.")).unwrap();
    }
    let corpus = loading::load(&CorpusSource::Folder(folder.path().to_owned()), 2).unwrap();
    assert_eq!(corpus.articles.len(), 100_000);
    assert_eq!(corpus.articles[99_999].title, "Note 99999");
    assert!(corpus.problems.is_empty());
}

#[test]
fn deep_truncated_and_partly_bad_json() {
    let (_folder, corpus) = corpus_with(|dir| {
        std::fs::write(dir.join("deep.json"), "[".repeat(100_000)).unwrap();
        std::fs::write(dir.join("cut.json"), r#"[{"title": "Whole", "text": "It said so."}, {"title": "Cu"#).unwrap();
        let lines = "{\"title\": \"First line\", \"text\": \"A said b.\"}\n{not json\n\n[1, 2]\n{\"title\": \"Last line\", \"text\": \"C said d.\"}\n";
        std::fs::write(dir.join("mixed.jsonl"), lines).unwrap();
    });
    let mut titles = titles(&corpus);
    titles.sort();
    assert!(titles.contains(&"First line") && titles.contains(&"Last line"), "{titles:?}");
    let problems = problems(&corpus);
    assert!(titles.contains(&"Whole"), "the records before the cut load: {titles:?}");
    assert_eq!(
        problems,
        [
            "cut.json: the JSON array is cut short: the file ends before `]`",
            "deep.json: the JSON array is cut short: the file ends before `]`",
            "mixed.jsonl: line 2: invalid JSON (key must be a string at line 1 column 2)",
            "mixed.jsonl: line 4: not a JSON object",
        ]
    );
}

#[test]
fn csv_variants() {
    let (_folder, corpus) = corpus_with(|dir| {
        std::fs::write(
            dir.join("ragged.csv"),
            "title,date,text\nShort row,2021-01-02\nLong row,2021-01-03,It said yes.,extra,more\nFine row,2021-01-04,\"Quoted\nnewline, said he.\"\n",
        )
        .unwrap();
        std::fs::write(dir.join("bom.csv"), "\u{FEFF}title,text\nWith BOM,The BOM said nothing.\n").unwrap();
        std::fs::write(dir.join("semicolon.csv"), "title;text;date\nSemi;Text, with a comma, said she.;2020-05-06\n")
            .unwrap();
        std::fs::write(dir.join("quote.csv"), "title,text\nOpen,\"never closed\n").unwrap();
    });
    let titles = titles(&corpus);
    for title in ["Long row", "Fine row", "With BOM", "Semi", "Open"] {
        assert!(titles.contains(&title), "{title} in {titles:?}");
    }
    let semi = corpus.articles.iter().find(|a| a.title == "Semi").unwrap();
    assert_eq!(corpus.read_article(semi).unwrap().text, "Text, with a comma, said she.");
    assert_eq!(semi.date, chrono::NaiveDate::from_ymd_opt(2020, 5, 6));
    let fine = corpus.articles.iter().find(|a| a.title == "Fine row").unwrap();
    assert_eq!(corpus.read_article(fine).unwrap().text, "Quoted\nnewline, said he.");
    let problems = problems(&corpus);
    assert!(problems.contains(&"ragged.csv: row 2: 2 fields where the header has 3".to_owned()), "{problems:?}");
    assert!(problems.contains(&"ragged.csv: row 3: 5 fields where the header has 3".to_owned()), "{problems:?}");
}

#[test]
fn html_without_a_body_or_with_only_scripts() {
    let (_folder, corpus) = corpus_with(|dir| {
        std::fs::write(dir.join("head.html"), "<html><head><title>Only a head</title></head></html>").unwrap();
        std::fs::write(
            dir.join("scripts.html"),
            "<html><body><script>var said = 'x';</script><style>p{}</style></body></html>",
        )
        .unwrap();
        std::fs::write(
            dir.join("fragment.html"),
            "<h1>Fragment</h1><p>The minister said: “Bare fragments still count.”</p>",
        )
        .unwrap();
    });
    let problems = problems(&corpus);
    assert!(problems.iter().any(|p| p.starts_with("head.html: ")), "{problems:?}");
    assert!(problems.iter().any(|p| p.starts_with("scripts.html: ")), "{problems:?}");
    assert!(!problems.iter().any(|p| p.starts_with("fragment.html")), "{problems:?}");
    let fragment = corpus.articles.iter().position(|a| a.title == "Fragment").unwrap() as u32;
    let article = corpus.read_article(&corpus.articles[fragment as usize]).unwrap();
    let words: Vec<&str> =
        corpus.statements.iter().filter(|s| s.article == fragment).filter_map(|s| s.text_in(&article.text)).collect();
    assert!(words.iter().any(|w| w.contains("Bare fragments")), "{words:?}");
}

#[cfg(unix)]
#[test]
fn symbolic_link_loops_and_non_utf8_names() {
    use std::os::unix::ffi::OsStrExt;
    let (_folder, corpus) = corpus_with(|dir| {
        std::fs::create_dir(dir.join("inner")).unwrap();
        std::os::unix::fs::symlink(dir, dir.join("inner/loop")).unwrap();
        std::os::unix::fs::symlink(dir.join("nowhere.txt"), dir.join("dangling.txt")).unwrap();
        let name = std::ffi::OsStr::from_bytes(b"caf\xE9.txt");
        std::fs::write(dir.join(name), "Odd name\n\nThe owner said it opens.\n").unwrap();
    });
    let problems = problems(&corpus);
    assert!(problems.iter().any(|p| p == "inner/loop: a symbolic link loops back to a parent folder; skipped"));
    assert!(problems.iter().any(|p| p.starts_with("dangling.txt: not found")), "{problems:?}");
    assert_eq!(problems.len(), 2, "{problems:?}");
    let odd = corpus.articles.iter().find(|a| a.title == "Odd name").expect("the oddly named file loads");
    assert_eq!(corpus.files[odd.file_id as usize].relative_path, "caf\u{FFFD}.txt");
    assert!(corpus.read_article(odd).unwrap().text.contains("it opens"));
}

#[test]
fn files_deleted_or_rewritten_after_listing() {
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path();
    std::fs::write(dir.join("gone.txt"), "Gone\n\nText.").unwrap();
    std::fs::write(
        dir.join("rows.jsonl"),
        "{\"title\": \"A\", \"text\": \"First text.\"}\n{\"title\": \"B\", \"text\": \"Second text.\"}\n",
    )
    .unwrap();
    let listing = corpus::list_files(&CorpusSource::Folder(dir.to_owned())).unwrap();
    std::fs::remove_file(dir.join("gone.txt")).unwrap();
    let gone = corpus::read_file(&listing.root, 0, listing.files[0].clone());
    assert_eq!(gone.problems[0].message, "not found (moved or deleted?)");
    let loaded = loading::load(&CorpusSource::Folder(dir.to_owned()), 1).unwrap();
    assert_eq!(loaded.articles.len(), 2);
    // Rewritten shorter while open: reading an article again says so instead of showing the wrong text.
    std::fs::write(dir.join("rows.jsonl"), "{}\n").unwrap();
    let error = loaded.read_article(&loaded.articles[1]).unwrap_err();
    assert!(error.starts_with("rows.jsonl: the file changed since it was read"), "{error}");
    // Rewritten with other records of the same length: the record is found again or reported, never mixed up.
    std::fs::write(
        dir.join("rows.jsonl"),
        "{\"title\": \"C\", \"text\": \"Third text.\"}\n{\"title\": \"D\", \"text\": \"Forth text.\"}\n",
    )
    .unwrap();
    match loaded.read_article(&loaded.articles[1]) {
        Ok(article) => assert_eq!(article.text, "Forth text."),
        Err(error) => assert!(error.contains("changed"), "{error}"),
    }
}

#[test]
fn a_corpus_folder_that_disappears_while_open() {
    let folder = tempfile::tempdir().unwrap();
    let corpus_folder = folder.path().join("news");
    std::fs::create_dir(&corpus_folder).unwrap();
    std::fs::write(corpus_folder.join("one.txt"), "One\n\nThe mayor said so.").unwrap();
    let corpus = loading::load(&CorpusSource::Folder(corpus_folder.clone()), 1).unwrap();
    std::fs::remove_dir_all(&corpus_folder).unwrap();
    assert_eq!(corpus.read_article(&corpus.articles[0]).unwrap_err(), "one.txt: not found (moved or deleted?)");
    let error = loading::load(&CorpusSource::Folder(corpus_folder), 1).unwrap_err();
    assert!(error.contains("not found"), "{error}");
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_skipped_rather_than_waited_on() {
    let folder = tempfile::tempdir().unwrap();
    let pipe = folder.path().join("pipe.txt");
    assert!(Command::new("mkfifo").arg(&pipe).status().unwrap().success());
    let corpus = loading::load(&CorpusSource::Files(vec![pipe]), 1).unwrap();
    assert_eq!(problems(&corpus), ["pipe.txt: not a regular file"]);
}

/// Unreadable files and folders, seen through the command line as a user who may not read them. As root
/// (CI), the program runs as `nobody` through `setpriv`, since root reads everything.
#[cfg(unix)]
#[test]
fn permission_denied_on_files_and_folders() {
    use std::os::unix::fs::PermissionsExt;
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path();
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let news = dir.join("news");
    std::fs::create_dir_all(news.join("locked")).unwrap();
    std::fs::write(news.join("good.txt"), "Good news\n\nThe mayor said: \"All is well.\"\n").unwrap();
    std::fs::write(news.join("secret.txt"), "Secret\n\nHidden.").unwrap();
    std::fs::write(news.join("locked/inside.txt"), "Inside\n\nHidden.").unwrap();
    std::fs::set_permissions(news.join("secret.txt"), std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::set_permissions(news.join("locked"), std::fs::Permissions::from_mode(0o000)).unwrap();
    let program = dir.join("dossier");
    std::fs::copy(env!("CARGO_BIN_EXE_dossier"), &program).unwrap();
    let cache = dir.join("cache");
    std::fs::create_dir(&cache).unwrap();
    std::fs::set_permissions(&cache, std::fs::Permissions::from_mode(0o777)).unwrap();
    let is_root = Command::new("id").arg("-u").output().unwrap().stdout.starts_with(b"0\n");
    let mut command = if is_root {
        let mut command = Command::new("setpriv");
        command.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]).arg(&program);
        command
    } else {
        Command::new(&program)
    };
    let output = command.env("DOSSIER_CACHE_DIR", &cache).args(["articles"]).arg(&news).output().unwrap();
    std::fs::set_permissions(news.join("locked"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert_eq!(stdout.lines().count(), 1, "the good article is still printed: {stdout}");
    assert!(stdout.contains("Good news"));
    let mut lines: Vec<&str> = stderr.lines().collect();
    lines.sort();
    assert_eq!(lines, ["dossier: locked: permission denied", "dossier: secret.txt: permission denied"]);
}
