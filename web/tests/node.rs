//! `wasm-pack test --node`: the client in Node (see engine/common.rs), and `to_js` against the npm
//! package itself on the differential test's bodies (Node can load both in one process). The one
//! difference is left out and counted: a string holding a lone surrogate escape (`"\ud800"`) is
//! no text a Rust `String` can hold, so the core reads it as U+FFFD where JS keeps the lone half.
#![cfg(target_arch = "wasm32")]
include!("engine/common.rs");

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(inline_js = "
const load = (id) => process.getBuiltinModule(id);
export function bodies() { return load('node:fs').readFileSync(process.env.IMS_BODIES, 'utf8'); }
export function npm(op, body) {
  const ims = load('node:module').createRequire(process.env.IMS_PKG)(process.env.IMS_PKG);
  try { return { ok: op === 'image' ? ims.parseImage(body) : ims.parseImagePage(body) }; } catch (e) { return { error: e.kind }; }
}
export function same(a, b) { return load('node:util').isDeepStrictEqual(a, b); }
export function show(v) { return load('node:util').inspect(v, { depth: 6 }).slice(0, 2000); }
export function lone(body) {
  let found = false;
  try { JSON.parse(body, (k, v) => { if (!k.isWellFormed() || (typeof v === 'string' && !v.isWellFormed())) found = true; return v; }); } catch { }
  return found;
}
")]
extern "C" {
    fn bodies() -> String;
    fn npm(op: &str, body: &str) -> JsValue;
    fn same(a: &JsValue, b: &JsValue) -> bool;
    fn show(v: &JsValue) -> String;
    fn lone(body: &str) -> bool;
}

#[wasm_bindgen_test]
fn to_js_is_the_npm_packages_object_on_every_differential_body() {
    let all = js_sys::JSON::parse(&bodies()).unwrap();
    let (mut compared, mut errors, mut not_text) = (0, 0, 0);
    for case in js_sys::Array::from(&all).iter() {
        let op = js_sys::Reflect::get(&case, &"op".into()).unwrap().as_string().unwrap();
        let body = js_sys::Reflect::get(&case, &"body".into()).unwrap().as_string().unwrap();
        if lone(&body) {
            not_text += 1;
            continue;
        }
        let want = npm(&op, &body);
        let want_ok = js_sys::Reflect::get(&want, &"ok".into()).unwrap();
        let got = if op == "image" {
            ims_client::parse_image(body.as_bytes()).map(|i| i.to_js().unwrap())
        } else {
            ims_client::parse_image_page(body.as_bytes(), ims_client::PageContext::default()).map(|p| p.to_js().unwrap())
        };
        match got {
            Ok(js) => assert!(same(&js, &want_ok), "{op} {body}\nrust: {}\nnpm: {}", show(&js), show(&want)),
            Err(e) => {
                assert!(want_ok.is_undefined(), "{op} {body}: the core failed ({e}) where the package gave {}", show(&want));
                errors += 1;
            }
        }
        compared += 1;
    }
    assert!(compared >= 2000, "{compared} bodies compared ({not_text} left out: lone surrogates)");
    assert!(errors < compared / 5, "mostly valid bodies: {errors} errors");
}
