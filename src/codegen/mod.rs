//! Code generated from the core's tables for the JS package and the demo: the TypeScript
//! declarations of the data shapes and of `ImsError` (`typescript`), the JS converter that turns
//! `JSON.parse` output into images (`converter`), the region list ([`regions_js`]), the error's
//! JS fields ([`errors_js`]), the demo's choices ([`demo_js`]), and the `ims` bin's help text and
//! the CSV rule (`cli`); the emulator's JSON Schemas (`schema`). They are committed under `pkg-template/generated/` and `www/generated/`,
//! apart from the hand-written files, and checked current by `tests/generated.rs`
//! (`UPDATE_GENERATED=1 cargo test --test generated` rewrites them).

#[cfg(feature = "node")]
pub mod cli;
pub mod converter;
pub mod schema;
pub mod typescript;

use crate::config::MAX_RETRIES;
use crate::error::ERROR_FIELDS;
use crate::query::param::ParamType;
use crate::query::time::TimeOp;
use crate::query::{ListImagesQuery, Query};
use crate::regions::REGIONS;
use crate::text::write_json_string;

/// A JS array literal of strings.
fn js_array<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    crate::text::json_string_array(items, ", ")
}

/// `errors.js`: the JS names of the error's fields, in the order of the core's error table
/// (`ImsError` takes exactly these from what the core reports), and the type of that report.
pub fn errors_js() -> String {
    let members: Vec<String> = ERROR_FIELDS
        .iter()
        .map(|r| {
            let ts = if r.ts == "ImsErrorKind" { "import('../index').ImsErrorKind" } else { r.ts };
            format!("{}{}: {ts}", r.js, if r.optional { "?" } else { "" })
        })
        .collect();
    format!(
        "// @ts-check\n// Generated from the error field table (src/error.rs) by src/codegen/mod.rs. Do not edit.\n\n/** The fields of an ImsError, as the core writes them. */\nexport const ERROR_FIELDS = /** @type {{const}} */ ({});\n\n/**\n * An error as the core reports it.\n * @typedef {{{{ {} }}}} ErrorInit\n */\n",
        js_array(ERROR_FIELDS.iter().map(|r| r.js)),
        members.join(", ")
    )
}

/// `www/generated/choices.js`: the documented values of every enumerated query parameter, the
/// time operators, and the bounds the demo's settings offer, as the core declares them.
pub fn demo_js() -> String {
    let mut out = String::from(
        "// @ts-check\n// Generated from the query table and the enums (src/) by src/codegen/mod.rs. Do not edit.\n\n/** The documented values of each enumerated query parameter, by its JS name. */\nexport const ENUMS = {\n",
    );
    for p in ListImagesQuery::PARAMS {
        if let ParamType::Enum { known, .. } = p.ty {
            out.push_str(&format!("  {}: {},\n", p.js, js_array(known.iter().copied())));
        }
    }
    out.push_str(&format!(
        "}};\n\n/** The time filter operators. */\nexport const TIME_OPS = {};\n\n/** The most retries a client may ask for. */\nexport const MAX_RETRIES = {MAX_RETRIES};\n",
        js_array(TimeOp::ALL.iter().map(|op| op.as_str()))
    ));
    out
}

/// `regions.js`: the region ids as a JS array, so the package's `regions` is data from the start
/// (no call into the module while the package loads).
pub fn regions_js() -> String {
    let mut out = String::from("// @ts-check\n// Generated from the region table (src/regions.rs) by src/codegen/mod.rs. Do not edit.\n\n/** The IMS region ids. */\nexport const regions = [\n");
    for id in REGIONS {
        out.push_str("  ");
        write_json_string(id, &mut out);
        out.push_str(",\n");
    }
    out.push_str("];\n");
    out
}
