//! Any `op:time` text: no panic; a valid filter writes itself back as the same text.
#![no_main]
use ims_client::TimeFilter;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(f) = TimeFilter::parse(text) {
        assert_eq!(f.to_wire(), text);
        assert_eq!(TimeFilter::parse(&f.to_wire()), Ok(f));
    }
    if let [a, b, c, d, e, f, g, h, ..] = data {
        let ms = i64::from_le_bytes([*a, *b, *c, *d, *e, *f, *g, *h]);
        if let Ok(t) = TimeFilter::at_epoch_ms(ims_client::TimeOp::Gt, ms) {
            assert!(TimeFilter::parse(&t.to_wire()).is_ok(), "a Date's filter is a valid filter");
        }
    }
});
