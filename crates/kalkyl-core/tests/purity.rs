//! The core must stay free of web dependencies, so that it compiles and tests
//! natively in seconds and can never touch the DOM. This walks the resolved
//! graph of normal (non-dev, non-build) dependencies for every target, so a
//! web crate pulled in indirectly is caught as well as a direct one.

use std::collections::BTreeSet;
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

/// Names of every package in `cargo tree` for a package, normal edges only,
/// for all targets. `cargo tree` applies the real feature resolver, unlike
/// `cargo metadata`, which reports weak optional dependencies as enabled.
fn normal_tree(package: &str) -> BTreeSet<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../Cargo.toml");
    let out = Command::new(cargo)
        .args([
            "tree", "--locked", "-e", "normal", "--target", "all", "--prefix", "none",
        ])
        .args(["--format", "{p}", "-p", package, "--manifest-path"])
        .arg(&manifest)
        .output()
        .expect("run cargo tree");
    assert!(
        out.status.success(),
        "cargo tree: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

#[test]
fn core_has_no_web_dependency_direct_or_indirect() {
    let core = normal_tree("kalkyl-core");
    assert!(
        core.contains("rust_decimal"),
        "the walk sees the core's own dependencies: {core:?}"
    );
    // The same walk from the app must find leptos, or this test proves nothing.
    assert!(normal_tree("kalkyl").iter().any(|n| is_forbidden(n)));
    let bad: Vec<_> = core.into_iter().filter(|n| is_forbidden(n)).collect();
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
