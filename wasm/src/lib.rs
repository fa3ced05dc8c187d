//! The wasm-bindgen bindings of `ims-client`: conversion only. Every export takes and returns
//! JSON text (the forms are declared in [`protocol`], written and read in [`json`]); the
//! package's JS layer describes JS values in that form, carries out the core's actions with
//! `fetch`, timers and Node's files, and parses good bodies with the converter generated from the
//! core's field table. Every check of what a caller passed is the core's (`ims_client::interop`).
//!
//! Two modules are built from this crate, so that no browser download carries what only Node
//! uses: feature `client` (the default) is the package's main module ([`client`]: the client
//! loop, signing); feature `node` is `ims-client/node`'s and the `ims` bin's ([`node`]: the
//! credential search, the command line's plan). Native builds (the tests) have both.
//!
//! A failed constructor or helper throws the error's JSON text (a string), which the JS layer
//! turns into an `ImsError`.

pub mod alloc;
#[cfg(any(feature = "client", not(target_arch = "wasm32")))]
pub mod client;
pub mod json;
#[cfg(any(feature = "node", not(target_arch = "wasm32")))]
pub mod node;
pub mod protocol;

#[cfg(any(feature = "client", not(target_arch = "wasm32")))]
pub use client::*;

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: alloc::Counting = alloc::Counting;

use ims_client::{Error, Input};
use wasm_bindgen::prelude::*;

fn input(json: &str) -> Result<Input, String> {
    Input::from_json_text(json).map_err(|e| json::error(&e))
}

fn thrown(e: Error) -> String {
    json::error(&e)
}

/// A JS timestamp (`Date.now()`) as whole milliseconds.
#[allow(clippy::cast_possible_truncation)]
fn millis(now: f64) -> i64 {
    // Saturating, NaN as 0: a clock out of range is refused later, never a trap.
    now as i64
}

/// Bytes of the module's memory allocated and not yet freed (for tests and diagnostics).
#[wasm_bindgen(js_name = allocatedBytes)]
pub fn allocated_bytes() -> usize {
    alloc::live_bytes()
}
