//! `wasm-pack test --headless --chrome`: the client in Chromium (see engine/common.rs).
#![cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
include!("engine/common.rs");
