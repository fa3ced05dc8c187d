//! Any endpoint text: no panic; a valid endpoint has a base that starts with its origin, and its
//! requests' URLs parse again as the same endpoint.
#![no_main]
use ims_client::endpoint::Endpoint;
use ims_client::request::{build, RequestOptions};
use ims_client::{interop, Input};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(ep) = Endpoint::parse(text) else { return };
    assert!(ep.base().starts_with(ep.origin()));
    let op = interop::operation(&Input::Str("glanceShowImage".into()), &Input::Str("id/?#x".into())).expect("a valid id");
    let req = build(&ep, &op, &RequestOptions::default()).expect("a valid endpoint builds requests");
    assert!(req.url.starts_with(ep.base()));
    let _ = Endpoint::parse(ep.base()).expect("a base parses again");
});
