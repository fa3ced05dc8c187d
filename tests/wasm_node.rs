//! `wasm-pack test --node`: the bindings in Node (see tests/wasm/common.rs).
#![cfg(target_arch = "wasm32")]
include!("wasm/common.rs");
