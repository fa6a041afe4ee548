//! The core must stay free of web dependencies, so that it compiles and tests
//! natively in seconds and can never touch the DOM. This walks the resolved
//! graph of normal (non-dev, non-build) dependencies for every target, so a
//! web crate pulled in indirectly is caught as well as a direct one.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

const FORBIDDEN: &[&str] = &[
    "leptos",
    "web-sys",
    "js-sys",
    "wasm-bindgen",
    "gloo",
    "reactive_graph",
    "tachys",
];

fn is_forbidden(name: &str) -> bool {
    FORBIDDEN
        .iter()
        .any(|f| name == *f || name.starts_with(&format!("{f}-")))
}

/// package id -> (name, normal dependency ids), from `cargo metadata`.
fn normal_graph() -> (BTreeMap<String, (String, Vec<String>)>, String) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../Cargo.toml");
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked", "--manifest-path"])
        .arg(&manifest)
        .output()
        .expect("run cargo metadata");
    assert!(out.status.success(), "cargo metadata: {}", String::from_utf8_lossy(&out.stderr));
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("metadata JSON");
    let names: BTreeMap<&str, &str> = meta["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p["name"].as_str().unwrap()))
        .collect();
    let mut graph = BTreeMap::new();
    let mut core_id = String::new();
    for node in meta["resolve"]["nodes"].as_array().expect("resolve nodes") {
        let id = node["id"].as_str().unwrap().to_string();
        let name = names[id.as_str()].to_string();
        if name == "kalkyl-core" {
            core_id = id.clone();
        }
        let deps = node["deps"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| {
                d["dep_kinds"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|k| k["kind"].is_null())
            })
            .map(|d| d["pkg"].as_str().unwrap().to_string())
            .collect();
        graph.insert(id, (name, deps));
    }
    (graph, core_id)
}

fn reachable_names(graph: &BTreeMap<String, (String, Vec<String>)>, from: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut names = BTreeSet::new();
    let mut stack = vec![from.to_string()];
    while let Some(id) = stack.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        if let Some((name, deps)) = graph.get(&id) {
            names.insert(name.clone());
            stack.extend(deps.iter().cloned());
        }
    }
    names
}

#[test]
fn core_has_no_web_dependency_direct_or_indirect() {
    let (graph, core_id) = normal_graph();
    assert!(!core_id.is_empty(), "kalkyl-core is in the workspace");
    // The same walk from the app must find leptos, or this test proves nothing.
    let app_id = graph
        .iter()
        .find(|(_, (name, _))| name == "kalkyl")
        .map(|(id, _)| id.clone())
        .expect("the kalkyl app package");
    assert!(reachable_names(&graph, &app_id).iter().any(|n| is_forbidden(n)));

    let bad: Vec<_> = reachable_names(&graph, &core_id)
        .into_iter()
        .filter(|n| is_forbidden(n))
        .collect();
    assert!(bad.is_empty(), "kalkyl-core reaches web crates: {bad:?}");
}

#[test]
fn manifest_names_no_web_dependency() {
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
            .expect("kalkyl-core Cargo.toml");
    for line in manifest.lines() {
        let key = line.split(['=', '.', ' ']).next().unwrap_or("").trim();
        assert!(!is_forbidden(key), "kalkyl-core/Cargo.toml names {key}");
    }
}
