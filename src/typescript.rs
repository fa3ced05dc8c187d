//! The TypeScript declarations for the data shapes (Image, the queries, the enums), generated
//! from the same tables as the Rust types. `make build` writes them into the package; a test
//! checks the committed copy in `pkg-template/` is current.

use crate::enums::*;
use crate::image::FIELDS;
use crate::query::{GlanceListImagesQuery, ListImagesQuery, ParamInfo, Query};

fn union<E: OpenEnum>(out: &mut String) {
    let known: Vec<String> = E::KNOWN.iter().map(|v| format!("'{v}'")).collect();
    // `(string & {})` keeps editor completion for the known values while accepting any string.
    out.push_str(&format!("export type {} = {} | (string & {{}});\n", E::TS_NAME, known.join(" | ")));
}

fn query_params(params: &[&ParamInfo], out: &mut String) {
    for p in params {
        out.push_str(&format!("  /** `{}` */\n  {}?: {};\n", p.wire, p.js, (p.ts)()));
    }
}

/// The generated declarations.
pub fn declarations() -> String {
    let mut out = String::from("// Generated from the field and parameter tables in src/. Do not edit.\n\n");
    union::<ImageType>(&mut out);
    union::<ImageStatus>(&mut out);
    union::<Visibility>(&mut out);
    union::<OsType>(&mut out);
    union::<Platform>(&mut out);
    union::<DiskFormat>(&mut out);
    union::<ContainerFormat>(&mut out);
    union::<VirtualEnvType>(&mut out);
    union::<FirmwareType>(&mut out);
    union::<SortKey>(&mut out);
    union::<SortDir>(&mut out);
    union::<MemberStatus>(&mut out);
    union::<Architecture>(&mut out);
    union::<OsBit>(&mut out);
    out.push_str("export type TimeOp = 'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'neq';\n");
    out.push_str("/** `{ op, time }` or the raw form `'lt:2018-10-28T10:00:00Z'`. */\n");
    out.push_str("export type TimeFilter = { op: TimeOp; time: string | Date } | `${TimeOp}:${string}`;\n\n");
    out.push_str("export interface Image {\n");
    for f in FIELDS {
        out.push_str(&format!("  /** `{}` */\n  {}?: {};\n", f.wire, f.js, (f.ts)()));
    }
    out.push_str("  /** Unmodelled keys, and modelled keys whose value did not fit, under wire names, as received. */\n");
    out.push_str("  extra: Record<string, unknown>;\n}\n\n");
    // The native list's parameters; `/v2/cloudimages` takes all of them plus the IMS-only ones.
    out.push_str("/** `GET /v2/images` */\nexport interface GlanceListImagesQuery {\n");
    query_params(&GlanceListImagesQuery::PARAMS.iter().collect::<Vec<_>>(), &mut out);
    out.push_str("  /** Undocumented parameters, sent as given. */\n  extra?: Record<string, string>;\n}\n\n");
    let ims_only: Vec<&ParamInfo> =
        ListImagesQuery::PARAMS.iter().filter(|p| !GlanceListImagesQuery::PARAMS.iter().any(|g| g.wire == p.wire)).collect();
    out.push_str("/** `GET /v2/cloudimages` */\nexport interface ListImagesQuery extends GlanceListImagesQuery {\n");
    query_params(&ims_only, &mut out);
    out.push_str("}\n");
    out
}
