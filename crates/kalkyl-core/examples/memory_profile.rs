//! Where a large paste's memory goes, natively: live and peak heap bytes
//! after each step the app takes on a paste (read, compute, check, store).
//! Native pointers are 8 bytes and wasm32's 4, so the browser's figures are
//! somewhat lower; the proportions are what this is for.
//!
//!   cargo run --release -p kalkyl-core --example memory_profile [rows]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use kalkyl_core::calc::IncrementalCalc;
use kalkyl_core::checks::check_table;
use kalkyl_core::edit::pasted;
use kalkyl_core::file::write_workspace_store_pieces;
use kalkyl_core::workspace::Workspace;

/// The system allocator, counting live bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            let live = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed);
            // A grown block is usually moved: the old and the new one
            // are both held while it is copied.
            PEAK.fetch_max(live + new_size, Ordering::Relaxed);
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn mib(bytes: usize) -> String {
    format!("{:.1}", bytes as f64 / 1_048_576.0)
}

fn report(step: &str) {
    println!(
        "{step:<28} live {:>7} MiB   peak {:>7} MiB",
        mib(LIVE.load(Ordering::Relaxed)),
        mib(PEAK.load(Ordering::Relaxed))
    );
    PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
}

/// The browser benchmark's four-column table: label, outcome, budget and
/// annual budget in tenths, grouped with no-break spaces.
fn four_columns(rows: usize) -> String {
    let mut seed: u64 = 7;
    let mut next = move || {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
        -((seed % 5_000_000) as i64)
    };
    let sv = |n: i64| {
        let abs = n.unsigned_abs();
        let int = (abs / 10).to_string();
        let mut grouped = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i).is_multiple_of(3) {
                grouped.push('\u{a0}');
            }
            grouped.push(c);
        }
        format!("{}{grouped},{}", if n < 0 { "-" } else { "" }, abs % 10)
    };
    let mut text = String::from("Enhet\tUtfall\tBudget\tÅrsbudget");
    for i in 0..rows {
        let outcome = next();
        let budget = next();
        text.push_str(&format!(
            "\nEnhet {}\t{}\t{}\t{}",
            i + 1,
            sv(outcome),
            sv(budget),
            sv(budget * 2)
        ));
    }
    text
}

fn main() {
    let rows = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let text = four_columns(rows);
    println!("{rows} rows, paste {} MiB", mib(text.len()));
    report("paste text");
    let mut ws = Workspace::default();
    let id = ws.add_paste(&text, None);
    report("read (add_paste)");
    let Some(sheet) = ws.sheet(id) else { return };
    let calc = IncrementalCalc::new(&sheet.table);
    report("compute (IncrementalCalc)");
    let checks = check_table(&pasted(&sheet.table));
    report("checks");
    // As the app's autosave writes it: in pieces that the browser joins.
    let stored = write_workspace_store_pieces(&ws, None).unwrap_or_default();
    let length: usize = stored.iter().map(String::len).sum();
    println!("stored text {} MiB in {} pieces", mib(length), stored.len());
    report("stored form (autosave)");
    drop(stored);
    drop(checks);
    drop(calc);
    report("after dropping the above");
}
