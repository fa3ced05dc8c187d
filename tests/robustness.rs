//! Property tests: no byte string, however malformed, makes a parser or encoder panic; the
//! JS-shaped output is always valid JSON that loses nothing; and queries survive encode/decode.
#![cfg(not(target_arch = "wasm32"))]

use ims_client::image::{js_name, FIELDS};
use ims_client::query::param::ParamRow;
use ims_client::sign::{sign, SignRequest};
use ims_client::*;
use ims_client::{interop, Input};
use proptest::prelude::*;
use serde_json::{json, Value};

fn all_parsers(bytes: &[u8]) {
    let ctx = PageContext { limit: Some(2) };
    let _ = parse_image(bytes);
    let _ = parse_image_page(bytes, ctx);
    let _ = ims_client::response::http_error(500, bytes, None);
    if let Ok(s) = image_to_js_json(bytes) {
        // RawValue checks syntax only: numbers beyond f64 are valid JSON (JS reads them as Infinity).
        serde_json::from_str::<&serde_json::value::RawValue>(&s).expect("JS-shaped image is valid JSON");
    }
    if let Ok(s) = image_page_to_js_json(bytes, ctx) {
        serde_json::from_str::<&serde_json::value::RawValue>(&s).expect("JS-shaped page is valid JSON");
    }
    let text = String::from_utf8_lossy(bytes);
    let _ = ims_client::percent::decode(&text);
    let _ = ims_client::sign::canonical_query(&text);
    let _ = ims_client::sign::canonical_uri(&text);
    let _ = ims_client::parse::marker_of_link(&text);
    let _ = ims_client::endpoint::Endpoint::parse(&text);
    let _ = TimeFilter::parse(&text);
    let _ = sign(&SignRequest {
        method: "GET",
        url: &text,
        headers: &[],
        body: bytes,
        access_key: "a",
        secret_key: "s",
        date: Some("20200101T000000Z"),
    });
    let url = format!("https://h/{text}?{text}");
    let headers = vec![(text.as_ref(), text.as_ref())];
    let _ = sign(&SignRequest {
        method: &text,
        url: &url,
        headers: &headers,
        body: bytes,
        access_key: &text,
        secret_key: &text,
        date: Some(&text),
    });
}

/// A JSON value with awkward leaves: boolean-ish and numeric strings, huge numbers, nesting.
fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| json!(f)),
        prop::sample::select(vec!["true", "True", "FALSE", "64", "-1", "9007199254740993", "hss,ces", "", " , ", "Red Hat", "\u{0}\"\\"])
            .prop_map(|s| json!(s)),
        ".{0,12}".prop_map(Value::String),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(".{0,6}", inner, 0..4).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn key() -> impl Strategy<Value = String> {
    let wires: Vec<String> = FIELDS.iter().map(|f| f.wire.to_owned()).chain(["extra", "__proto__", "osBit"].map(String::from)).collect();
    prop_oneof![prop::sample::select(wires), "[a-z_]{1,10}", ".{0,6}"]
}

fn image() -> impl Strategy<Value = Vec<(String, Value)>> {
    prop::collection::vec((key(), value()), 0..24)
}

/// Serialises members in order, keeping duplicates (serde_json maps would drop them).
fn object_text(members: &[(String, Value)]) -> String {
    let parts: Vec<String> = members.iter().map(|(k, v)| format!("{}:{}", Value::String(k.clone()), v)).collect();
    format!("{{{}}}", parts.join(","))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        all_parsers(&bytes);
    }

    #[test]
    fn mutated_pages_never_panic(members in image(), cut in any::<prop::sample::Index>(), flip in any::<(prop::sample::Index, u8)>()) {
        let page = format!("{{\"images\":[{}],\"next\":\"/v2/images?marker=m\"}}", object_text(&members));
        let bytes = page.as_bytes();
        all_parsers(&bytes[..cut.index(bytes.len() + 1)]);
        let mut flipped = bytes.to_vec();
        if !flipped.is_empty() {
            let i = flip.0.index(flipped.len());
            flipped[i] ^= flip.1;
        }
        all_parsers(&flipped);
    }

    /// Every key sent is either a typed property (under its JS name) or in `extra` under its
    /// wire name; a modelled `null` is absent. Native and JS-shaped agree.
    #[test]
    fn nothing_the_server_sent_is_lost(members in image()) {
        let text = object_text(&members);
        let out: Value = serde_json::from_str(&image_to_js_json(text.as_bytes()).unwrap()).unwrap();
        let native = parse_image(text.as_bytes()).unwrap();
        let extra = out["extra"].as_object().unwrap();
        // JSON.parse semantics: the last occurrence of a key wins.
        let mut last = std::collections::BTreeMap::new();
        for (k, v) in &members { last.insert(k.clone(), v.clone()); }
        for (k, v) in &last {
            let modelled = FIELDS.iter().any(|f| f.wire == k);
            if modelled && v.is_null() {
                prop_assert!(out.get(js_name(k)).is_none() && !extra.contains_key(k));
            } else if modelled {
                let typed = out.get(js_name(k)).is_some();
                prop_assert!(typed != extra.contains_key(k), "{k}: exactly one home: {out}");
                prop_assert_eq!(native.extra.contains_key(k), extra.contains_key(k));
            } else {
                prop_assert_eq!(extra.get(k), Some(v), "{} kept as sent", k);
            }
        }
        prop_assert_eq!(native.extra.len(), extra.len());
    }
}

#[test]
fn deep_nesting_and_huge_numbers_are_kept_not_fatal() {
    // serde_json skips a raw value without recursing, so even 100,000 levels neither overflow
    // the stack nor fail the page: the value is kept in `extra`, as sent.
    let depth = 100_000;
    let deep = format!("{{\"images\":[{{\"id\":\"a\",\"x\":{}{}}}]}}", "[".repeat(depth), "]".repeat(depth));
    let page = parse_image_page(deep.as_bytes(), PageContext::default()).unwrap();
    assert_eq!(page.images[0].extra["x"].get().len(), 2 * depth);
    let js = image_page_to_js_json(deep.as_bytes(), PageContext::default()).unwrap();
    assert!(js.contains(&"[".repeat(depth)));
    // Unbalanced nesting is a parse error, not a crash.
    let broken = format!("{{\"images\":[{{\"x\":{}}}]}}", "[".repeat(depth));
    assert_eq!(parse_image_page(broken.as_bytes(), PageContext::default()).unwrap_err().kind, ErrorKind::Parse);

    let big = format!("{{\"images\":[{{\"min_disk\":1{}, \"size\": -1e999999}}]}}", "0".repeat(5000));
    let page = parse_image_page(big.as_bytes(), PageContext::default()).unwrap();
    assert!(page.images[0].extra.contains_key("min_disk"), "too big for a JS number: kept as sent");
    assert_eq!(page.images[0].extra["size"].get(), "-1e999999");
}

fn param_value(p: &ParamRow) -> BoxedStrategy<Value> {
    match p.ty.ts() {
        "boolean" => any::<bool>().prop_map(Value::Bool).boxed(),
        "number" => (1u64..=9_007_199_254_740_991).prop_map(|n| json!(n)).boxed(),
        "string" => ".{0,10}".prop_map(Value::String).boxed(),
        "string | string[]" => prop_oneof![
            ".{0,8}".prop_map(Value::String),
            prop::collection::vec(".{0,8}", 0..4).prop_map(|mut v| {
                v.sort();
                json!(v)
            }),
        ]
        .boxed(),
        "TimeFilter" => (prop::sample::select(vec!["gt", "gte", "lt", "lte", "eq", "neq"]), 0i64..253_402_300_799, any::<bool>())
            .prop_map(|(op, secs, spaced)| {
                let t = ims_client::dates::format_epoch_ms(secs * 1000).unwrap();
                let t = if spaced { t.replace('T', " ").trim_end_matches('Z').to_owned() } else { t };
                if secs % 2 == 0 {
                    json!(format!("{op}:{t}"))
                } else {
                    json!({"op": op, "time": t})
                }
            })
            .boxed(),
        _ => prop_oneof![".{0,8}".prop_map(Value::String), Just(json!("known"))].boxed(), // open enums
    }
}

fn list_query_input() -> impl Strategy<Value = Value> {
    let fields: Vec<BoxedStrategy<Option<(String, Value)>>> = ListImagesQuery::PARAMS
        .iter()
        .map(|p| {
            let js = p.js.to_owned();
            prop::option::of(param_value(p)).prop_map(move |v| v.map(|v| (js.clone(), v))).boxed()
        })
        .collect();
    let extra = prop::collection::btree_map("x_[a-z]{1,6}", ".{0,6}", 0..3);
    (fields, extra).prop_map(|(fields, extra)| {
        let mut obj: serde_json::Map<String, Value> = fields.into_iter().flatten().collect();
        if obj.contains_key("memberStatus") {
            obj.insert("visibility".into(), json!("shared"));
        }
        if !extra.is_empty() {
            obj.insert("extra".into(), json!(extra));
        }
        Value::Object(obj)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn queries_round_trip_through_the_wire(input in list_query_input()) {
        let q = interop::query::<ListImagesQuery>(&Input::from_json(&input)).unwrap();
        let wire = q.to_query_string();
        let back = ListImagesQuery::from_pairs(&ims_client::percent::parse_query(&wire)).unwrap();
        let mut expected = q.clone();
        if expected.tag.as_ref().is_some_and(|t| t.is_empty()) {
            expected.tag = None; // an empty tag list sends nothing
        }
        prop_assert_eq!(back, expected, "{}", wire);
        // Sorted by name then value.
        let pairs = q.to_pairs();
        prop_assert!(pairs.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn arbitrary_query_input_never_panics(input in value()) {
        let _ = interop::query::<ListImagesQuery>(&Input::from_json(&input));
        let _ = interop::query::<GlanceListImagesQuery>(&Input::from_json(&json!({"createdAt": input.clone(), "tag": input.clone(), "extra": input})));
    }
}
