//! The shape of the code: modules depend on each other without loops (a module that uses another is
//! never used by it, directly or through others), so each can be read, tested and replaced on its own.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every module of `src/` by its path (`ui::app`, `corpus`), with its source minus unit tests.
fn modules() -> BTreeMap<String, String> {
    fn walk(folder: &Path, found: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")).join("src")).unwrap();
                let name = relative.with_extension("").to_string_lossy().replace('/', "::");
                let name = name.strip_suffix("::mod").unwrap_or(&name).to_owned();
                if name == "lib" || name == "main" {
                    continue;
                }
                let source = std::fs::read_to_string(&path).unwrap();
                // Unit tests may use anything.
                let source = source.split("#[cfg(test)]").next().unwrap().to_owned();
                found.insert(name, source);
            }
        }
    }
    let mut found = BTreeMap::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut found);
    found
}

/// The module a path such as `crate::search::query::parse` names: its longest prefix that is a module.
fn module_of(path: &[&str], modules: &BTreeMap<String, String>) -> Option<String> {
    (1..=path.len()).rev().map(|n| path[..n].join("::")).find(|name| modules.contains_key(name))
}

/// Which modules each module uses, through `crate::…` and `super::…` paths (grouped imports included).
fn dependencies(modules: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (name, source) in modules {
        let parent: Vec<&str> = name.split("::").collect();
        let parent = &parent[..parent.len() - 1];
        let mut used = BTreeSet::new();
        for (prefix, base) in [("crate::", Vec::new()), ("super::", parent.to_vec())] {
            for (at, _) in source.match_indices(prefix) {
                let rest = &source[at + prefix.len()..];
                let end = rest
                    .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':' || c == '{'))
                    .unwrap_or(rest.len());
                let path = &rest[..end];
                let (head, group) = match path.split_once("::{") {
                    Some((head, _)) => {
                        let close = rest.find('}').unwrap_or(rest.len());
                        (head, Some(&rest[head.len() + 3..close]))
                    }
                    None => (path.trim_end_matches(':'), None),
                };
                let mut paths = vec![head.to_owned()];
                for item in group.into_iter().flat_map(|g| g.split(',')) {
                    let item = item.trim().split([' ', ':']).next().unwrap_or("");
                    if !item.is_empty() && item != "self" {
                        paths.push(format!("{head}::{item}"));
                    }
                }
                for path in paths {
                    let mut parts = base.clone();
                    parts.extend(path.split("::").filter(|p| !p.is_empty()));
                    if let Some(module) = module_of(&parts, modules)
                        && module != *name
                        && !name.starts_with(&format!("{module}::"))
                    {
                        used.insert(module);
                    }
                }
            }
        }
        uses.insert(name.clone(), used);
    }
    uses
}

#[test]
fn modules_depend_on_each_other_without_loops() {
    let modules = modules();
    assert!(modules.contains_key("corpus") && modules.contains_key("ui::app"), "{:?}", modules.keys());
    let uses = dependencies(&modules);
    // The modules each one reaches, directly or through others.
    let mut loops = Vec::new();
    for start in uses.keys() {
        let mut reached = BTreeSet::new();
        let mut next: Vec<&String> = uses[start].iter().collect();
        while let Some(module) = next.pop() {
            if reached.insert(module.clone()) {
                next.extend(uses.get(module).into_iter().flatten());
            }
        }
        if reached.contains(start) {
            let through: Vec<&String> = uses[start].iter().filter(|used| uses_reach(&uses, used, start)).collect();
            loops.push(format!("{start} → {through:?} → … → {start}"));
        }
    }
    assert!(loops.is_empty(), "modules in loops:\n{}", loops.join("\n"));
}

/// Whether `from` reaches `to` through the modules it uses.
fn uses_reach(uses: &BTreeMap<String, BTreeSet<String>>, from: &str, to: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut next = vec![from.to_owned()];
    while let Some(module) = next.pop() {
        if module == to {
            return true;
        }
        if seen.insert(module.clone()) {
            next.extend(uses.get(&module).into_iter().flatten().cloned());
        }
    }
    false
}

#[test]
fn the_dependency_reader_sees_plain_grouped_and_parent_paths() {
    let modules: BTreeMap<String, String> = [
        ("a".to_owned(), "use crate::b::{Thing, c::Other};".to_owned()),
        ("b".to_owned(), String::new()),
        ("b::c".to_owned(), "fn f() { super::d::run(); }".to_owned()),
        ("b::d".to_owned(), "use crate::a::X;".to_owned()),
    ]
    .into_iter()
    .collect();
    let uses = dependencies(&modules);
    assert_eq!(uses["a"], ["b", "b::c"].map(String::from).into());
    assert_eq!(uses["b::c"], ["b::d"].map(String::from).into());
    assert_eq!(uses["b::d"], ["a"].map(String::from).into());
    assert!(uses_reach(&uses, "a", "a"), "a → b::c → b::d → a is a loop");
}
