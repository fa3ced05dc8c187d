//! `wasm-pack test --node`: the bindings in Node's engine (see engine/common.rs).
#![cfg(target_arch = "wasm32")]
include!("engine/common.rs");
