//! Scores the table reader on the corpus of real report tables
//! (`tests/corpus/`) and on the seed fixtures: per layout and orientation,
//! the share of numbers read under the right role and unit, units and sign
//! conventions right, stated inconsistencies flagged, and alarms on
//! consistent tables.
//!
//! ```text
//! cargo run -p kalkyl-core --example corpus_score            # summary
//! cargo run -p kalkyl-core --example corpus_score -- --detail  # every table
//! cargo run -p kalkyl-core --example corpus_score -- --seeds   # the seed fixtures
//! cargo run -p kalkyl-core --example corpus_score -- DIR       # another folder of .table files
//! ```

#[path = "../tests/support/mod.rs"]
#[allow(unused_imports)]
mod support;

use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let detail = args.iter().any(|a| a == "--detail");
    let seeds = args.iter().any(|a| a == "--seeds");
    let dir = args.iter().find(|a| !a.starts_with("--"));
    let fixtures = match (dir, seeds) {
        (Some(dir), _) => support::fixture::load_from(Path::new(dir)),
        (None, true) => support::fixture::load_all(),
        (None, false) => support::fixture::load_corpus(),
    };
    let (report, _) = support::score::report(&fixtures, detail);
    print!("{report}");
}
