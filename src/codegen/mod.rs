//! Code generated from the core's tables for the JS package: the TypeScript declarations of the
//! data shapes (`typescript`), the JS converter that turns `JSON.parse` output into images
//! (`converter`), and the region list ([`regions_js`]). They are committed under `pkg-template/`
//! and checked current by `tests/generated.rs` (`UPDATE_GENERATED=1 cargo test --test generated`
//! rewrites them).

pub mod converter;
pub mod typescript;

use crate::regions::REGIONS;
use crate::text::write_json_string;

/// `regions.js`: the region ids as a JS array, so the package's `regions` is data from the start
/// (no call into the module while the package loads).
pub fn regions_js() -> String {
    let mut out = String::from("// @ts-check\n// Generated from the region table (src/regions.rs) by src/codegen/mod.rs. Do not edit.\n\n/** The IMS region ids. */\nexport const regions = [\n");
    for (id, _) in REGIONS {
        out.push_str("  ");
        write_json_string(id, &mut out);
        out.push_str(",\n");
    }
    out.push_str("];\n");
    out
}
