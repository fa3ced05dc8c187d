//! The native core as an oracle for `tests/js/differential.test.mjs`: reads JSON lines
//! `{"op":"page"|"image","b64":"<body bytes>"}` on stdin and answers each with a line
//! `{"ok":<the JS-shaped JSON the core writes>}` or `{"error":"<kind>"}`. The test runs the
//! package's JS path on the same bodies and requires the same objects, or the same error kind.
//! `{"op":"fields"}` answers the field table (wire name, JS name, conversion), so the test
//! generates values for every field without a list of its own.

use std::io::{BufRead, Write};

use ims_client::field_types::JsConvert;
use ims_client::image::FIELDS;
use ims_client::{image_page_to_js_json, image_to_js_json, PageContext};

fn base64(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() / 4 * 3);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => continue,
            _ => return None,
        };
        acc = acc << 6 | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

fn main() {
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout());
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        let req: serde_json::Value = serde_json::from_str(&line).unwrap_or_default();
        let body = req["b64"].as_str().and_then(base64).unwrap_or_default();
        if req["op"].as_str() == Some("fields") {
            let rows: Vec<serde_json::Value> = FIELDS
                .iter()
                .map(|f| {
                    let conv = match f.ty.js {
                        JsConvert::Keep(_) => "string",
                        JsConvert::Call { name, .. } => name,
                    };
                    serde_json::json!({ "wire": f.wire, "js": f.js, "conv": conv })
                })
                .collect();
            let _ = writeln!(out, "{}", serde_json::Value::Array(rows));
            let _ = out.flush();
            continue;
        }
        let result = match req["op"].as_str() {
            Some("image") => image_to_js_json(&body),
            _ => image_page_to_js_json(&body, PageContext::default()),
        };
        let answer = match result {
            Ok(json) => format!("{{\"ok\":{json}}}"),
            Err(e) => format!("{{\"error\":\"{}\"}}", e.kind.as_str()),
        };
        let _ = writeln!(out, "{answer}");
        let _ = out.flush();
    }
}
