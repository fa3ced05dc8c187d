// Shared by tests/wasm_node.rs and tests/wasm_browser.rs: the bindings in a real JS engine,
// with I/O primitives written in JS (no network), so the core's attempt loop runs for real.

use ims_client::bindings::{error_to_js, parse_image_json, sign_request, to_input, CoreClient};
use ims_client::query::input::Input;
use js_sys::{Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

fn js(src: &str) -> JsValue {
    Function::new_no_args(&format!("return ({src});")).call0(&JsValue::UNDEFINED).expect("valid test JS")
}

fn get(v: &JsValue, k: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(k)).unwrap()
}

#[wasm_bindgen_test]
fn js_values_become_the_cores_input() {
    assert_eq!(to_input(&js("undefined")), Input::Absent);
    assert_eq!(to_input(&js("null")), Input::Absent);
    assert_eq!(to_input(&js("'x'")), Input::Str("x".into()));
    assert_eq!(to_input(&js("1.5")), Input::Number(1.5));
    assert_eq!(to_input(&js("new Date(0)")), Input::Date(0.0));
    assert_eq!(to_input(&js("() => 1")), Input::Other("function".into()));
    assert_eq!(to_input(&js("new Map()")), Input::Other("a non-plain object".into()));
    assert_eq!(to_input(&js("Object.create(null)")), Input::Object(vec![]));
    assert_eq!(
        to_input(&js("{ tag: ['a', 'b'], limit: 2 }")),
        Input::Object(vec![
            ("tag".into(), Input::Array(vec![Input::Str("a".into()), Input::Str("b".into())])),
            ("limit".into(), Input::Number(2.0))
        ])
    );
    // Deep nesting is cut off, not a stack overflow.
    let deep = js("(() => { let v = {}; for (let i = 0; i < 10000; i++) v = { v }; return v; })()");
    let _ = to_input(&deep);
}

#[wasm_bindgen_test]
fn parsing_in_the_engine() {
    let out = parse_image_json(br#"{"__os_bit":"64","min_disk":"40","__support_kvm_fpga_type":"VU9P","virtual_size":null}"#).unwrap();
    let v = js_sys::JSON::parse(&out).unwrap();
    assert_eq!(get(&v, "osBit").as_f64(), Some(64.0));
    assert_eq!(get(&v, "minDisk").as_f64(), Some(40.0));
    assert!(!Reflect::has(&v, &JsValue::from_str("virtualSize")).unwrap());
    assert_eq!(get(&get(&v, "extra"), "__support_kvm_fpga_type").as_string().as_deref(), Some("VU9P"));
    let e = parse_image_json(b"{\"a\":").unwrap_err();
    assert_eq!(get(&e, "kind").as_string().as_deref(), Some("parse"));
    assert_eq!(get(&e, "__ims"), JsValue::TRUE);
}

#[wasm_bindgen_test]
fn signing_in_the_engine() {
    let headers = sign_request(js("{ method: 'GET', url: 'https://h/v2/images?b=2&a=1', accessKey: 'AK', secretKey: 'SK', date: '20181028T100000Z' }")).unwrap();
    let auth = get(&headers, "Authorization").as_string().unwrap();
    assert!(auth.starts_with("SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature="));
    let with_date = sign_request(js("{ method: 'GET', url: 'https://h/v2/images?b=2&a=1', accessKey: 'AK', secretKey: 'SK', date: new Date(Date.UTC(2018, 9, 28, 10)) }")).unwrap();
    assert_eq!(get(&with_date, "Authorization").as_string(), Some(auth));
    let e = sign_request(js("{ method: 'GET', url: 'nope', accessKey: 'AK', secretKey: 'SK' }")).unwrap_err();
    assert_eq!(get(&e, "key").as_string().as_deref(), Some("url"));
}

#[wasm_bindgen_test]
fn errors_cross_as_plain_objects() {
    let mut e = ims_client::error::http_error(503, br#"{"error_code":"IMG.1","error_msg":"m"}"#, Some("r1".into()));
    e.attempts = 3;
    let v = error_to_js(&e);
    assert_eq!(get(&v, "kind").as_string().as_deref(), Some("http"));
    assert_eq!(get(&v, "status").as_f64(), Some(503.0));
    assert_eq!(get(&v, "code").as_string().as_deref(), Some("IMG.1"));
    assert_eq!(get(&v, "requestId").as_string().as_deref(), Some("r1"));
    assert_eq!(get(&v, "retryable"), JsValue::TRUE);
    assert_eq!(get(&v, "attempts").as_f64(), Some(3.0));
}

/// I/O primitives in JS: `attempt` answers from a script of statuses; `sleep` resolves at once.
fn scripted_io(statuses: &str) -> JsValue {
    js(&format!(
        "(() => {{ const script = {statuses}; const seen = []; return {{
            seen,
            fetch: () => {{ throw new Error('not used'); }},
            attempt: async (fetchFn, url, headers, timeoutMs, signal) => {{
                seen.push(url);
                const status = script[Math.min(seen.length - 1, script.length - 1)];
                if (status === 0) throw {{ kind: 'network', message: 'connect ECONNREFUSED' }};
                const body = new TextEncoder().encode(status === 200 ? JSON.stringify({{ images: [{{ id: 'i1', __os_bit: '64' }}] }}) : '{{\"error_code\":\"IMG.X\",\"error_msg\":\"no\"}}');
                return {{ status, body, requestId: 'rq', retryAfter: undefined }};
            }},
            sleep: async () => {{}},
        }}; }})()"
    ))
}

async fn call(io: &JsValue, query: &str, max_retries: u32) -> Result<JsValue, JsValue> {
    let client = CoreClient::new(js(&format!("{{ endpoint: 'https://ims.example', maxRetries: {max_retries} }}")), io.clone())?;
    JsFuture::from(client.call(JsValue::from_str("listImages"), js(query), JsValue::UNDEFINED)).await
}

#[wasm_bindgen_test]
async fn the_core_retries_and_gives_up_as_it_decides() {
    let io = scripted_io("[503, 0, 200]");
    let text = call(&io, "{ tag: ['a', 'b'] }", 3).await.unwrap();
    let page = js_sys::JSON::parse(&text.as_string().unwrap()).unwrap();
    let first = js_sys::Array::from(&get(&page, "images")).get(0);
    assert_eq!(get(&first, "osBit").as_f64(), Some(64.0));
    assert_eq!(js_sys::Array::from(&get(&io, "seen")).length(), 3);
    assert_eq!(js_sys::Array::from(&get(&io, "seen")).get(0).as_string().as_deref(), Some("https://ims.example/v2/cloudimages?tag=a&tag=b"));

    let io = scripted_io("[404]");
    let e = call(&io, "{}", 3).await.unwrap_err();
    assert_eq!(get(&e, "status").as_f64(), Some(404.0));
    assert_eq!(get(&e, "attempts").as_f64(), Some(1.0));

    let io = scripted_io("[500]");
    let e = call(&io, "{}", 2).await.unwrap_err();
    assert_eq!(get(&e, "attempts").as_f64(), Some(3.0));
    assert_eq!(get(&e, "code").as_string().as_deref(), Some("IMG.X"));

    let e = call(&io, "{ limit: -1 }", 2).await.unwrap_err();
    assert_eq!(get(&e, "key").as_string().as_deref(), Some("limit"));
}

#[wasm_bindgen_test]
fn bad_client_options_are_typed_errors() {
    let io = scripted_io("[200]");
    for (opts, key) in [("{}", "endpoint"), ("{ region: 'cn-north-4', timeoutMs: 'slow' }", "timeoutMs"), ("{ region: 'cn-north-4', fetch: 5 }", "fetch"), ("5", "options")] {
        let e = CoreClient::new(js(opts), io.clone()).err().unwrap();
        assert_eq!(get(&e, "kind").as_string().as_deref(), Some("invalid-argument"), "{opts}");
        assert_eq!(get(&e, "key").as_string().as_deref(), Some(key), "{opts}");
    }
    let _ = Object::new();
}

#[wasm_bindgen_test]
fn string_scanning_finds_terminators_at_every_offset() {
    // The package is built with simd128: strings are scanned 16 bytes a step. Put quotes,
    // escapes and control characters at every offset around those steps.
    for n in 0..48 {
        let pad = "x".repeat(n);
        let ok = format!(r#"{{"name":"{pad}\"q\\b\u00e9{pad}","id":"{pad}"}}"#);
        let out = parse_image_json(ok.as_bytes()).unwrap();
        let v = js_sys::JSON::parse(&out).unwrap();
        assert_eq!(get(&v, "name").as_string().unwrap(), format!("{pad}\"q\\bé{pad}"), "{n}");
        assert_eq!(get(&v, "id").as_string().unwrap(), pad);
        let raw_control = format!("{{\"name\":\"{pad}\u{1}\"}}");
        assert!(parse_image_json(raw_control.as_bytes()).is_err(), "control character at {n}");
        let truncated = format!("{{\"name\":\"{pad}");
        assert!(parse_image_json(truncated.as_bytes()).is_err(), "unterminated at {n}");
    }
}
