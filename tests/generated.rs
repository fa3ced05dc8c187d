//! What is generated from the Rust tables and committed: under `pkg-template/generated/` the data
//! and `ImsError` declarations, the JS converter, the regions and the error's fields; under
//! `www/generated/` the demo's choices. These tests fail when a committed copy is stale;
//! `UPDATE_GENERATED=1 cargo test --test generated` rewrites them.

#[cfg(feature = "node")]
use ims_client::codegen::cli::{cli_js, csv_js};
use ims_client::codegen::{converter::converter, demo_js, errors_js, regions_js, typescript::declarations};
use ims_client::error::ERROR_FIELDS;
use ims_client::image::FIELDS;

fn check(file: &str, generated: &str) {
    let path = format!("{}/{file}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::create_dir_all(std::path::Path::new(&path).parent().unwrap()).unwrap();
        std::fs::write(&path, generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(committed == generated, "{file} is stale: run `UPDATE_GENERATED=1 cargo test --test generated`");
}

#[test]
fn committed_declarations_are_current() {
    check("pkg-template/generated/data.d.ts", &declarations());
}

#[test]
fn committed_converter_is_current() {
    check("pkg-template/generated/convert.js", &converter());
}

#[test]
fn committed_regions_are_current() {
    check("pkg-template/generated/regions.js", &regions_js());
}

#[test]
fn committed_error_fields_are_current() {
    check("pkg-template/generated/errors.js", &errors_js());
}

#[test]
#[cfg(feature = "node")]
fn committed_command_line_text_is_current() {
    check("pkg-template/generated/cli.js", &cli_js());
}

#[test]
#[cfg(feature = "node")]
fn committed_csv_rule_is_current() {
    // The bin's copy and the demo's: one generator, two places that are served apart.
    check("pkg-template/generated/csv.js", &csv_js());
    check("www/generated/csv.js", &csv_js());
}

#[test]
#[cfg(feature = "node")]
fn the_help_lists_every_filter_with_its_meaning() {
    let js = cli_js();
    use ims_client::query::Query;
    for row in ims_client::query::ListImagesQuery::PARAMS {
        let flag = ims_client::cli::kebab(row.js);
        assert!(js.matches(flag.as_str()).count() >= 2, "{flag}: in the main help and in `ims list --help`");
    }
}

#[test]
fn committed_emulator_schemas_are_current() {
    let js = ims_client::codegen::schema::schemas_js();
    check("emulator/generated/schemas.mjs", &js);
    // The schema is JSON, one property per field with a description.
    let schema: serde_json::Value = serde_json::from_str(&ims_client::codegen::schema::image_schema()).unwrap();
    let props = schema["properties"].as_object().unwrap();
    assert_eq!(props.len(), FIELDS.len());
    assert_eq!(props["name"]["type"], serde_json::json!(["string", "null"]));
    assert_eq!(props["__isregistered"]["type"], serde_json::json!(["boolean", "string", "null"]));
    assert_eq!(props["min_disk"]["type"], serde_json::json!(["integer", "string", "null"]));
    assert_eq!(props["tags"]["items"]["type"], "string");
    assert!(props.values().all(|p| !p["description"].as_str().unwrap().is_empty()));
}

#[test]
fn committed_demo_choices_are_current() {
    check("www/generated/choices.js", &demo_js());
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
    assert!(ts.contains("  osBit?: OsBit | 32 | 64;"));
    assert!(ts.contains("  tag?: string | string[];"));
    assert!(ts.contains("  createdAt?: TimeFilter;"));
    assert!(ts.contains("  extra: Record<string, unknown>;"));
    assert!(
        ts.contains("export type ImsErrorKind = 'invalid-argument' | 'http' | 'network' | 'timeout' | 'aborted' | 'parse' | 'pagination';")
    );
    assert!(ts.contains("export type TimeOp = 'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'neq';"));
    assert!(ts.contains("The OS bit count, 32 or 64 (a string on the wire). Wire: `__os_bit`."));
    // Every error field but `message` (Error's own) is declared on the class, optional where it may be absent.
    for row in ERROR_FIELDS.iter().filter(|r| r.js != "message") {
        assert!(ts.contains(&format!("  readonly {}{}: {};", row.js, if row.optional { "?" } else { "" }, row.ts)), "{}", row.js);
    }
    assert!(ts.contains("  readonly encodedAuthorizationMessage?: string;"));
}
