//! A stand-in for `wasm-streams` 0.5, patched in by the workspace's
//! `Cargo.toml`.
//!
//! Leptos links `server_fn`, whose browser client streams request and
//! response bodies through `wasm-streams`. Kalkyl has no server and calls
//! no server function, so that code never runs; but the real crate exports
//! three JavaScript classes (`IntoUnderlyingSource` and friends) that the
//! linker must keep, and with them about 16 KB of stream code and glue in
//! the download. This crate offers the same four calls without exports.
//!
//! Should a server function ever be called, the streams it gets are empty:
//! not silently wrong data, and never reachable in this app.

use futures_util::stream::{self, Empty, Stream};
use wasm_bindgen::JsValue;

/// A readable stream, as `wasm_streams::ReadableStream`.
pub struct ReadableStream {
    raw: web_sys::ReadableStream,
}

impl ReadableStream {
    /// Wraps a browser stream.
    pub fn from_raw(raw: web_sys::ReadableStream) -> ReadableStream {
        ReadableStream { raw }
    }

    /// A stream from a Rust stream; here, an empty browser stream.
    pub fn from_stream<St>(_stream: St) -> ReadableStream
    where
        St: Stream<Item = Result<JsValue, JsValue>> + 'static,
    {
        ReadableStream {
            raw: web_sys::ReadableStream::new()
                .unwrap_or_else(|_| wasm_bindgen::JsCast::unchecked_into(JsValue::UNDEFINED)),
        }
    }

    /// The browser stream.
    pub fn into_raw(self) -> web_sys::ReadableStream {
        self.raw
    }

    /// The chunks as a Rust stream; here, none.
    pub fn into_stream(self) -> Empty<Result<JsValue, JsValue>> {
        stream::empty()
    }
}
