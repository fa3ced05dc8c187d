//! One image from any bytes: no panic, the two parsers agree, the JS shape is valid JSON and every
//! `extra` value is valid JSON text.
#![no_main]
use ims_client::{image_to_js_json, parse_image};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let native = parse_image(data);
    let js = image_to_js_json(data);
    assert_eq!(native.is_ok(), js.is_ok());
    if let (Ok(image), Ok(text)) = (native, js) {
        let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert!(v["extra"].is_object());
        for raw in image.extra.values() {
            serde_json::from_str::<serde_json::Value>(raw.get()).expect("extra keeps valid JSON");
        }
    }
});
