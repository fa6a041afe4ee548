//! Workspace file speed: writing and reading a workspace with one pasted
//! table of 10 000 rows (label and five amount columns, as the read
//! benchmark pastes them) and 100 edited cells. The app's autosave keeps
//! this same JSON in IndexedDB, so reading it is on the start-up path.
//! Throughput is in bytes of the file.
//!
//!   cargo bench -p kalkyl-core --bench file

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use kalkyl_core::edit::Command;
use kalkyl_core::file::{read_workspace_file, write_workspace_file, write_workspace_store};
use kalkyl_core::model::Cell;
use kalkyl_core::workspace::Workspace;
use rust_decimal::Decimal;

/// A Resultatrapport-shaped paste of `rows` rows.
fn paste(rows: usize) -> String {
    let mut out = String::from(
        "Uppdrag, belopp i tkr\tAck. utfall\tAck. budget\tÅrsbudget\tÅrsprognos\tAvvikelse\n",
    );
    let mut seed: u64 = 42;
    let mut next = move || {
        seed =
            (seed.wrapping_mul(6_364_136_223_846_793_005)).wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as i64 % 5_000_000
    };
    for i in 0..rows {
        let (outcome, budget) = (-next(), -next());
        let d = |tenths: i64| Decimal::new(tenths, 1).to_string().replace('.', ",");
        out.push_str(&format!(
            "Verksamhet {}\t{}\t{}\t{}\t{}\t{}\n",
            i + 1,
            d(outcome),
            d(budget),
            d(budget * 3),
            d(outcome * 3),
            d(outcome - budget)
        ));
    }
    out
}

fn workspace(rows: usize) -> Workspace {
    let mut ws = Workspace::default();
    let id = ws.add_paste(&paste(rows), None);
    if let Some(sheet) = ws.sheet_mut(id) {
        for r in (0..rows).step_by(rows / 100) {
            let _ = sheet.apply(&Command::SetCell {
                row: r,
                column: 1,
                cell: Cell::Number(Decimal::new(-1234, 1)),
            });
        }
    }
    ws
}

fn file(c: &mut Criterion) {
    let ws = workspace(10_000);
    let text = write_workspace_file(&ws, Some("2026-11-23T10:15:00Z"));
    let stored = write_workspace_store(&ws, Some("2026-11-23T10:15:00Z"));
    eprintln!(
        "10 000 rows: file {} bytes, stored form {} bytes",
        text.len(),
        stored.len()
    );
    let mut group = c.benchmark_group("workspace_file_10000_rows");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("write", |b| {
        b.iter(|| write_workspace_file(black_box(&ws), None))
    });
    // What autosave writes: no derived figures, no indentation.
    group.bench_function("write_store", |b| {
        b.iter(|| write_workspace_store(black_box(&ws), None))
    });
    group.bench_function("read", |b| b.iter(|| read_workspace_file(black_box(&text))));
    group.bench_function("read_store", |b| {
        b.iter(|| read_workspace_file(black_box(&stored)))
    });
    group.bench_function("parse_json_only", |b| {
        b.iter(|| serde_json::from_str::<serde::de::IgnoredAny>(black_box(&text)).map(|_| ()))
    });
    group.finish();
}

criterion_group!(benches, file);
criterion_main!(benches);
