//! What `pkg-template/` holds that is generated from the Rust tables: the data declarations and
//! the JS converter. These tests fail when a committed copy is stale;
//! `UPDATE_GENERATED=1 cargo test --test generated` rewrites them.

use ims_client::codegen::{converter::converter, regions_js, typescript::declarations};
use ims_client::image::FIELDS;

fn check(file: &str, generated: &str) {
    let path = format!("{}/pkg-template/{file}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::write(&path, generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(committed == generated, "pkg-template/{file} is stale: run `UPDATE_GENERATED=1 cargo test --test generated`");
}

#[test]
fn committed_declarations_are_current() {
    check("data.d.ts", &declarations());
}

#[test]
fn committed_converter_is_current() {
    check("convert.js", &converter());
}

#[test]
fn committed_regions_are_current() {
    check("regions.js", &regions_js());
}

#[test]
fn declarations_cover_every_field_and_parameter_with_its_meaning() {
    let ts = declarations();
    for f in FIELDS {
        assert!(ts.contains(&format!("  {}?: ", f.js)), "{}", f.js);
        assert!(ts.contains(&format!("Wire: `{}`.", f.wire)), "{}", f.wire);
    }
    assert!(ts.contains("export type Platform = 'Windows' | 'Ubuntu' | 'Red Hat'"));
    assert!(ts.contains("  supportAgentList?: string[];"));
    assert!(ts.contains("  osBit?: number;"));
    assert!(ts.contains("  tag?: string | string[];"));
    assert!(ts.contains("  createdAt?: TimeFilter;"));
    assert!(ts.contains("  extra: Record<string, unknown>;"));
    assert!(
        ts.contains("export type ImsErrorKind = 'invalid-argument' | 'http' | 'network' | 'timeout' | 'aborted' | 'parse' | 'pagination';")
    );
    assert!(ts.contains("export type TimeOp = 'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'neq';"));
    assert!(ts.contains("The OS bit count, 32 or 64 (a string on the wire). Wire: `__os_bit`."));
}
