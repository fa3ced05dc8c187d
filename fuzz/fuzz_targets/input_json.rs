//! The JSON form the bindings send, from any bytes: the reader never panics (nor recurses past
//! its limit), and options read from it are either valid or a typed `invalid-argument`.
#![no_main]
use ims_client::{interop, ErrorKind, Input};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(input) = Input::from_json_text(text) else { return };
    if let Err(e) = interop::client_config(&input, None) {
        assert_eq!(e.kind, ErrorKind::InvalidArgument);
        assert!(e.key.is_some(), "an invalid option is named");
    }
});
