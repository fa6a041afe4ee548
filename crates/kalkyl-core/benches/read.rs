//! Reading speed: generated Swedish-format tables of 10 000 and 100 000 rows,
//! as Excel copies them (tab-separated, space-grouped thousands, decimal
//! comma), from the clipboard text to the typed table. Throughput is in
//! bytes, so criterion reports MB/s.
//!
//! The same table without delimiters (PDF text, one cell per line) is
//! measured at 10 000 rows.
//!
//!   cargo bench -p kalkyl-core --bench read

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use kalkyl_core::read::{read_paste, ReadChoices};
use std::hint::black_box;

/// A Resultatrapport-shaped table: label, five amount columns.
fn swedish_table(rows: usize) -> String {
    let mut out = String::from(
        "Uppdrag, belopp i tkr\tAck. utfall\tAck. budget\tÅrsbudget\tÅrsprognos\tAvvikelse\n",
    );
    let mut seed: u64 = 42;
    let mut next = move || {
        seed =
            (seed.wrapping_mul(6_364_136_223_846_793_005)).wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as i64 % 5_000_000
    };
    let swedish = |tenths: i64| {
        let digits = (tenths.abs() / 10).to_string();
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(' ');
            }
            grouped.push(c);
        }
        format!(
            "{}{grouped},{}",
            if tenths < 0 { "-" } else { "" },
            tenths.abs() % 10
        )
    };
    for i in 0..rows {
        let outcome = -next();
        let budget = -next();
        out.push_str(&format!(
            "Verksamhet {}\t{}\t{}\t{}\t{}\t{}\n",
            i + 1,
            swedish(outcome),
            swedish(budget),
            swedish(budget * 3),
            swedish(outcome * 3),
            swedish(outcome - budget)
        ));
    }
    out
}

fn read(c: &mut Criterion) {
    let mut group = c.benchmark_group("read_paste");
    group.sample_size(10);
    for rows in [10_000usize, 100_000] {
        let text = swedish_table(rows);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(rows), &text, |b, text| {
            b.iter(|| read_paste(black_box(text), None, &ReadChoices::default()))
        });
    }
    group.finish();

    // Text without delimiters (read/lines.rs): the same table as a PDF copy
    // (one space between columns and inside numbers) and as a web page
    // copied with one cell per line and a blank line between rows.
    let mut group = c.benchmark_group("read_paste_lines");
    group.sample_size(10);
    let rows = 10_000usize;
    let table = swedish_table(rows);
    let pdf = table.replace('\t', " ");
    let per_line: String = table
        .lines()
        .map(|l| l.replace('\t', "\n") + "\n\n")
        .collect();
    for (name, text) in [("pdf", pdf), ("cell_per_line", per_line)] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new(name, rows), &text, |b, text| {
            b.iter(|| read_paste(black_box(text), None, &ReadChoices::default()))
        });
    }
    group.finish();
}

criterion_group!(benches, read);
criterion_main!(benches);
