//! Shared code for the integration tests. A test file uses it with
//! `mod support;` and then, for example, `support::fixture::load_all()`.
//! Each test crate compiles this module separately and uses only part of it.
#![allow(dead_code)]

pub mod fixture;
pub mod gen;
pub mod score;
pub mod table;
