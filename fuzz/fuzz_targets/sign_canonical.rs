//! The signer's canonical forms on any path and query: no panic, and canonicalizing twice changes
//! nothing; signing any URL with any header either works or is a typed error.
#![no_main]
use ims_client::sign::{canonical_query, canonical_uri, sign, SignRequest};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let q = canonical_query(text);
    assert_eq!(canonical_query(&q), q, "the canonical query is a fixed point");
    let u = canonical_uri(text);
    assert!(u.ends_with('/'));
    let (name, value) = text.split_once('\n').unwrap_or(("X-Fuzz", text));
    let url = format!("https://h.example/{text}");
    let _ = sign(&SignRequest {
        method: "GET",
        url: &url,
        headers: &[(name, value)],
        body: data,
        access_key: "AK",
        secret_key: "SK",
        date: Some("20181028T100000Z"),
    });
});
