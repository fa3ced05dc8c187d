//! Any `Retry-After` value at any clock: no panic, no overflow, never a negative wait.
#![no_main]
use ims_client::retry::retry_after_ms;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (now, rest) = match data {
        [a, b, c, d, e, f, g, h, rest @ ..] => (i64::from_le_bytes([*a, *b, *c, *d, *e, *f, *g, *h]), rest),
        _ => (0, data),
    };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let _ = retry_after_ms(text, now);
});
