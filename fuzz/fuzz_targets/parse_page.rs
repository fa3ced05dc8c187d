//! A list page from any bytes: the native parser and the JS-shaped writer never panic, agree on
//! success, and the JS-shaped output is always valid JSON with one object per parsed image.
#![no_main]
use ims_client::{image_page_to_js_json, parse_image_page, PageContext};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limit = data.first().map(|&b| u64::from(b % 4));
    let ctx = PageContext { limit };
    let native = parse_image_page(data, ctx);
    let js = image_page_to_js_json(data, ctx);
    assert_eq!(native.is_ok(), js.is_ok(), "the two parsers disagree on validity");
    if let (Ok(page), Ok(text)) = (native, js) {
        let v: serde_json::Value = serde_json::from_str(&text).expect("JS-shaped output is valid JSON");
        let images = v["images"].as_array().expect("an images array");
        assert_eq!(images.len(), page.images.len());
        assert_eq!(v.get("nextMarker").and_then(|m| m.as_str()), page.next_marker.as_deref());
    }
});
