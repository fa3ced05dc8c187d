//! The TypeScript declarations for the data shapes (Image, the queries, the enums, the error
//! kinds, the time operators), generated from the same tables as the Rust types, each property
//! with its meaning from the documents as hover text.

use std::fmt::Write;

use crate::error::{ErrorKind, ERROR_FIELDS, ERROR_FIELD_DOCS};
use crate::image::{FIELDS, FIELD_DOCS};
use crate::open_enums::*;
use crate::query::param::ParamRow;
use crate::query::param::ParamType;
use crate::query::time::TimeOp;
use crate::query::{GlanceListImagesQuery, ListImagesQuery, Query};
use crate::table::meaning;

/// A JSDoc block at `indent`, one paragraph per line of `text`.
fn jsdoc(out: &mut String, indent: &str, text: &str) {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    if let [one] = lines.as_slice() {
        let _ = writeln!(out, "{indent}/** {one} */");
        return;
    }
    let _ = writeln!(out, "{indent}/**");
    for l in lines {
        let _ = writeln!(out, "{indent} *{}{l}", if l.is_empty() { "" } else { " " });
    }
    let _ = writeln!(out, "{indent} */");
}

fn union<E: OpenEnum>(out: &mut String, what: &str, example: &str) {
    let known: Vec<String> = E::KNOWN.iter().map(|v| format!("'{v}'")).collect();
    jsdoc(out, "", &format!("{what}: the documented values; any other string the server sends is kept as it is.\n@example {example}"));
    // `(string & {})` keeps editor completion for the known values while accepting any string.
    let _ = writeln!(out, "export type {} = {} | (string & {{}});", E::TS_NAME, known.join(" | "));
}

/// A parameter's TypeScript type: an enum of numbers (`osBit`) takes those numbers too.
fn param_ts(ty: ParamType) -> String {
    match ty {
        ParamType::Enum { ts, known } if known.iter().all(|k| k.bytes().all(|b| b.is_ascii_digit())) => {
            format!("{ts} | {}", known.join(" | "))
        }
        other => other.ts().to_owned(),
    }
}

fn query_params(params: &[(&ParamRow, &str)], out: &mut String) {
    for (p, doc) in params {
        jsdoc(out, "  ", &format!("{} Wire: `{}`.", meaning(doc), p.wire));
        let _ = writeln!(out, "  {}?: {};", p.js, param_ts(p.ty));
    }
}

/// The `ImsError` class, its fields from the error table (`message` is `Error`'s own).
fn error_class(out: &mut String) {
    jsdoc(
        out,
        "",
        "Every failure of the package: a bad argument, an HTTP error, a network failure, a timeout, an abort, an unreadable body or a looping marker. Never holds a secret key, token or signature.\n@example\ntry { await client.glanceShowImage(id); }\ncatch (e) { if (ImsError.is(e) && e.status === 404) notFound(); else throw e; }",
    );
    out.push_str("export declare class ImsError extends Error {\n  /** Always `'ImsError'`. */\n  readonly name: 'ImsError';\n");
    for (row, (doc, example)) in ERROR_FIELDS.iter().zip(ERROR_FIELD_DOCS) {
        if row.js == "message" {
            continue;
        }
        jsdoc(out, "  ", &format!("{} @example {example}", meaning(doc)));
        let _ = writeln!(out, "  readonly {}{}: {};", row.js, if row.optional { "?" } else { "" }, row.ts);
    }
    jsdoc(out, "  ", "Whether `x` is an ImsError (also one from another copy of the package).\n@example if (ImsError.is(e) && e.kind === 'aborted') return;");
    out.push_str("  static is(x: unknown): x is ImsError;\n}\n");
}

/// The generated declarations.
pub fn declarations() -> String {
    let mut out = String::from("// Generated from the tables in src/ (src/codegen/typescript.rs). Do not edit.\n\n");
    union::<ImageType>(&mut out, "Image type (`__imagetype`)", "const q: ListImagesQuery = { imagetype: 'gold' };");
    union::<ImageStatus>(&mut out, "Image status", "if (image.status === 'active') { ... }");
    union::<Visibility>(&mut out, "Who can see an image", "{ visibility: 'shared', memberStatus: 'accepted' }");
    union::<OsType>(&mut out, "OS type (`__os_type`)", "{ osType: 'Linux' }");
    union::<Platform>(&mut out, "Image platform (`__platform`); older pages say `RedHat`", "{ platform: 'Ubuntu' }");
    union::<DiskFormat>(&mut out, "Image format", "{ diskFormat: 'zvhd2' }");
    union::<ContainerFormat>(&mut out, "Container format", "{ containerFormat: 'bare' }");
    union::<VirtualEnvType>(&mut out, "Where an image is used", "{ virtualEnvType: 'FusionCompute' }");
    union::<FirmwareType>(&mut out, "Boot firmware (`hw_firmware_type`)", "image.hwFirmwareType === 'uefi'");
    union::<SortKey>(&mut out, "Sort field", "{ sortKey: 'name', sortDir: 'asc' }");
    union::<SortDir>(&mut out, "Sort order", "{ sortKey: 'created_at', sortDir: 'desc' }");
    union::<MemberStatus>(&mut out, "A shared image's member status", "{ visibility: 'shared', memberStatus: 'pending' }");
    union::<Architecture>(&mut out, "CPU architecture (query parameter)", "{ architecture: 'arm' }");
    union::<OsBit>(&mut out, "OS bit count as a query parameter (a string on the wire)", "{ osBit: '64' }");

    let ops: Vec<String> = TimeOp::ALL.iter().map(|op| format!("'{}'", op.as_str())).collect();
    jsdoc(&mut out, "", "A time filter's operator: gt, gte, lt, lte, eq, neq.\n@example const op: TimeOp = 'gte'; client.listImages({ createdAt: { op, time: '2024-01-01T00:00:00Z' } });");
    let _ = writeln!(out, "export type TimeOp = {};", ops.join(" | "));
    jsdoc(
        &mut out,
        "",
        "`createdAt` / `updatedAt`: `{ op, time }` (time as `yyyy-MM-ddThh:mm:ssZ`, `yyyy-MM-dd hh:mm:ss` or a `Date`), or the raw `'op:time'` form.\n@example { createdAt: { op: 'gte', time: new Date('2024-01-01') } }\n@example { updatedAt: 'lt:2018-10-28T10:00:00Z' }",
    );
    out.push_str("export type TimeFilter = { op: TimeOp; time: string | Date } | `${TimeOp}:${string}`;\n");
    let kinds: Vec<String> = ErrorKind::ALL.iter().map(|k| format!("'{}'", k.as_str())).collect();
    let kind_docs: Vec<String> = ErrorKind::ALL.iter().map(|k| format!("- `{}`: {}", k.as_str(), k.doc())).collect();
    jsdoc(
        &mut out,
        "",
        &format!(
            "What went wrong (`ImsError.kind`):\n{}\n@example if (ImsError.is(e) && e.kind === 'timeout') retryLater();",
            kind_docs.join("\n")
        ),
    );
    let _ = writeln!(out, "export type ImsErrorKind = {};\n", kinds.join(" | "));
    error_class(&mut out);
    out.push('\n');

    jsdoc(
        &mut out,
        "",
        "One image. Strings that hold booleans or numbers on the wire are `boolean` and `number` here; a field absent or `null` on the wire is absent.\n@example const image = await client.glanceShowImage(id); image.osBit; // 64",
    );
    out.push_str("export interface Image {\n");
    for (f, doc) in FIELDS.iter().zip(FIELD_DOCS) {
        jsdoc(&mut out, "  ", &format!("{} Wire: `{}`.", meaning(doc), f.wire));
        let _ = writeln!(out, "  {}?: {};", f.js, f.ty.ts);
    }
    jsdoc(
        &mut out,
        "  ",
        "Every key that is not modelled, and every modelled key whose value did not fit its type, under its wire name, as received.",
    );
    out.push_str("  extra: Record<string, unknown>;\n}\n\n");
    // The native list's parameters; `/v2/cloudimages` takes all of them plus the IMS-only ones.
    jsdoc(&mut out, "", "The query of `GET /v2/images` (`glanceListImages`).\n@example await client.glanceListImages({ visibility: 'public', sortKey: 'name', sortDir: 'asc', limit: 50 });");
    out.push_str("export interface GlanceListImagesQuery {\n");
    query_params(&GlanceListImagesQuery::PARAMS.iter().zip(GlanceListImagesQuery::DOCS.iter().copied()).collect::<Vec<_>>(), &mut out);
    jsdoc(&mut out, "  ", "Undocumented parameters, sent as given (never one of the parameters above).");
    out.push_str("  extra?: Record<string, string>;\n}\n\n");
    let ims_only: Vec<(&ParamRow, &str)> = ListImagesQuery::PARAMS
        .iter()
        .zip(ListImagesQuery::DOCS.iter().copied())
        .filter(|(p, _)| !GlanceListImagesQuery::PARAMS.iter().any(|g| g.wire == p.wire))
        .collect();
    jsdoc(&mut out, "", "The query of `GET /v2/cloudimages` (`listImages`): every native parameter plus the IMS-only ones.\n@example await client.listImages({ imagetype: 'gold', osType: 'Linux', tag: ['env=prod', 'gpu'], limit: 100 });");
    out.push_str("export interface ListImagesQuery extends GlanceListImagesQuery {\n");
    query_params(&ims_only, &mut out);
    out.push_str("}\n");
    out
}
