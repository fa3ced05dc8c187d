//! The TypeScript declarations in pkg-template/ are generated from the Rust tables; this test
//! fails when they are stale. `UPDATE_TS=1 cargo test --test typescript` rewrites them.

#[test]
fn committed_declarations_are_current() {
    let path = format!("{}/pkg-template/data.d.ts", env!("CARGO_MANIFEST_DIR"));
    let generated = ims_client::typescript::declarations();
    if std::env::var_os("UPDATE_TS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(committed == generated, "pkg-template/data.d.ts is stale: run `UPDATE_TS=1 cargo test --test typescript`");
}

#[test]
fn declarations_cover_every_field_and_parameter() {
    let ts = ims_client::typescript::declarations();
    for f in ims_client::image::FIELDS {
        assert!(ts.contains(&format!("  {}?: ", f.js)), "{}", f.js);
    }
    assert!(ts.contains("export type Platform = 'Windows' | 'Ubuntu' | 'Red Hat'"));
    assert!(ts.contains("  supportAgentList?: string[];"));
    assert!(ts.contains("  osBit?: number;"));
    assert!(ts.contains("  tag?: string | string[];"));
    assert!(ts.contains("  createdAt?: TimeFilter;"));
    assert!(ts.contains("  extra: Record<string, unknown>;"));
}
