//! Nothing is lost: the corpus folder is never written to, and files Dossier owns survive a kill in the
//! middle of being written.

use dossier::corpus::CorpusSource;
use dossier::loading;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

/// Every file and folder under `root`: its bytes (folders: none), modification time and permissions.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, (Option<Vec<u8>>, SystemTime, u32)> {
    use std::os::unix::fs::PermissionsExt;
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(|entry| {
            let entry = entry.unwrap();
            let metadata = entry.metadata().unwrap();
            let bytes = metadata.is_file().then(|| std::fs::read(entry.path()).unwrap());
            (entry.path().to_owned(), (bytes, metadata.modified().unwrap(), metadata.permissions().mode()))
        })
        .collect()
}

fn set_read_only(root: &Path, read_only: bool) {
    use std::os::unix::fs::PermissionsExt;
    for entry in walkdir::WalkDir::new(root) {
        let entry = entry.unwrap();
        let mode = match (entry.file_type().is_dir(), read_only) {
            (true, true) => 0o555,
            (true, false) => 0o755,
            (false, true) => 0o444,
            (false, false) => 0o644,
        };
        std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(mode)).unwrap();
    }
}

#[test]
fn opening_extracting_searching_charting_and_exporting_never_write_into_the_corpus() {
    let folder = tempfile::tempdir().unwrap();
    let corpus = folder.path().join("corpus");
    let (out, cache, data) = (folder.path().join("out"), folder.path().join("cache"), folder.path().join("data"));
    for dir in [&corpus, &out] {
        std::fs::create_dir_all(dir).unwrap();
    }
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-corpus");
    for entry in walkdir::WalkDir::new(&sample).into_iter().map(Result::unwrap).filter(|e| e.file_type().is_file()) {
        let target = corpus.join(entry.path().strip_prefix(&sample).unwrap());
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(entry.path(), target).unwrap();
    }
    std::fs::write(corpus.join("broken.json"), "{ \"title\": ").unwrap();
    let topics = out.join("topics.json");
    std::fs::write(&topics, r#"{"topics": [{"name": "Troops", "query": "troops OR forces"}]}"#).unwrap();
    set_read_only(&corpus, true);
    let before = snapshot(&corpus);

    let corpus_arg = corpus.to_str().unwrap();
    let runs: Vec<Vec<String>> = [
        vec!["articles", corpus_arg, "--format", "jsonl"],
        vec!["statements", corpus_arg, "--format", "csv"],
        vec!["statements", corpus_arg, "--query", "said AND date:[2020 TO *]"],
        vec!["articles", corpus_arg, "--query", "topic:Troops", "--topics", topics.to_str().unwrap()],
        vec!["chart", corpus_arg, "--out", out.join("chart.png").to_str().unwrap()],
        vec![
            "chart",
            corpus_arg,
            "--series",
            "topic:Troops",
            "--topics",
            topics.to_str().unwrap(),
            "--out",
            out.join("chart.svg").to_str().unwrap(),
        ],
        vec!["chart", corpus_arg, "--out", out.join("chart.csv").to_str().unwrap()],
    ]
    .into_iter()
    .map(|args| args.into_iter().map(String::from).collect())
    .collect();
    for args in &runs {
        let output = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .env("DOSSIER_CACHE_DIR", &cache)
            .env("DOSSIER_DATA_DIR", &data)
            .args(args)
            .output()
            .unwrap();
        // 3: the broken file is reported, and the rest still printed or drawn.
        assert_eq!(output.status.code(), Some(3), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    }
    // The engine as the app drives it: cached load, index, export.
    let source = CorpusSource::Folder(corpus.clone());
    let loaded = loading::load_cached(&source, 2, Some(&cache.join("extracted.bin"))).unwrap();
    let index =
        dossier::search::SearchIndex::open_or_build(&loaded, &cache.join("index"), &Default::default()).unwrap();
    drop(index);
    let names = dossier::speakers::SpeakerNames::default();
    let mut file = std::fs::File::create(out.join("statements.jsonl")).unwrap();
    let all = 0..loaded.statements.len() as u32;
    let echoes = dossier::duplicates::Echoes::find(&loaded, &names);
    dossier::export::write_statements(&mut file, &loaded, &names, &echoes, all, dossier::export::ListFormat::Jsonl)
        .unwrap();

    assert!(out.join("chart.png").is_file() && out.join("chart.svg").is_file() && out.join("chart.csv").is_file());
    assert!(cache.join("extracted.bin").is_file());
    let after = snapshot(&corpus);
    set_read_only(&corpus, false);
    assert_eq!(before.keys().collect::<Vec<_>>(), after.keys().collect::<Vec<_>>(), "no file added or removed");
    for (path, state) in &before {
        assert!(after[path] == *state, "{} was changed", path.display());
    }
}

/// Set in the child process that writes in a loop until it is killed.
const WRITER: &str = "DOSSIER_TEST_WRITE_LOOP";

#[test]
fn a_kill_in_the_middle_of_a_write_leaves_the_old_or_the_new_file_whole() {
    if let Some(path) = std::env::var_os(WRITER) {
        for round in 0u64.. {
            // Large enough that a write takes a while; every value of one round is the same number.
            dossier::store::save_json(Path::new(&path), &vec![round; 200_000]).unwrap();
        }
    }
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("settings.json");
    dossier::store::save_json(&path, &vec![u64::MAX; 10]).unwrap();
    let mut rounds_seen = std::collections::BTreeSet::new();
    for attempt in 0..12u64 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "a_kill_in_the_middle_of_a_write_leaves_the_old_or_the_new_file_whole", "--nocapture"])
            .env(WRITER, &path)
            .spawn()
            .unwrap();
        // Killed at a different moment each time, mostly in the middle of some write.
        std::thread::sleep(Duration::from_millis(150 + attempt * 37));
        child.kill().unwrap();
        child.wait().unwrap();
        let (values, problem): (Vec<u64>, _) = dossier::store::load_json(&path);
        assert!(problem.is_none(), "attempt {attempt}: {problem:?}");
        assert!(!values.is_empty() && values.iter().all(|&v| v == values[0]), "attempt {attempt}: a torn file");
        rounds_seen.insert(values[0]);
    }
    assert!(rounds_seen.len() > 1, "the writer got through some writes: {rounds_seen:?}");
}
