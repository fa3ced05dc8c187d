//! Any error response: a typed `http` error whose message stays short, whatever the body.
#![no_main]
use ims_client::response::http_error;
use ims_client::ErrorKind;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let status = data.first().map_or(500, |&b| 400 + u16::from(b));
    let e = http_error(status, data, None);
    assert_eq!(e.kind, ErrorKind::Http);
    assert_eq!(e.status, Some(status));
    assert!(e.message.len() < 2 * data.len().min(4096) + 4096, "message grows with the body");
});
