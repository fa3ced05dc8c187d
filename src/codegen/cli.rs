//! `pkg-template/generated/cli.js`: the `ims` bin's help text and exit codes, from the command
//! line's grammar (`cli.rs`) and the query table (each filter's flag, values and meaning); and
//! `generated/csv.js`, the CSV rule of `csv.rs` as JS for the bin and the demo. The bin's parsing
//! is the core's (`cliPlan` in the Node module): only the text a person reads is generated here,
//! so the module never carries it.

use crate::cli::{exit_for, kebab, Command, Exit, FLAGS, REGION_VARIABLE, TOKEN_VARIABLE};
use crate::credential_chain::{ENV_AK, ENV_CREDENTIALS_FILE, ENV_PROJECT_ID, ENV_REGION, ENV_SECURITY_TOKEN, ENV_SK};
use crate::csv::{FORMULA_LEADS, LIST_SEPARATOR, QUOTE_WHEN, RECORD_END, SEPARATOR};
use crate::error::ErrorKind;
use crate::query::param::{ParamRow, ParamType};
use crate::query::time::TimeOp;
use crate::query::{GlanceListImagesQuery, ListImagesQuery, Query};
use crate::table::meaning;
use crate::text::{join, json_quote};

const WIDTH: usize = 100;

/// `text` wrapped at [`WIDTH`], each line indented by `indent` spaces.
fn wrap(text: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    let mut line = pad.clone();
    for word in text.split_whitespace() {
        if line.len() > indent && line.len() + 1 + word.len() > WIDTH {
            out.push_str(line.trim_end());
            out.push('\n');
            line = pad.clone();
        }
        if line.len() > indent {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

/// A filter's flag as the help shows it: `--os-type Linux|Windows|Other`.
fn filter_usage(row: &ParamRow) -> String {
    let flag = kebab(row.js);
    match row.ty {
        ParamType::Bool => format!("{flag}, --no-{}", flag.trim_start_matches("--")),
        ParamType::Enum { known, .. } => format!("{flag} {}", join(known.iter().copied(), "|")),
        ParamType::Count | ParamType::Positive => format!("{flag} N"),
        ParamType::Repeated => format!("{flag} VALUE (repeatable)"),
        ParamType::Time => format!("{flag} OP:TIME"),
        ParamType::Str => format!("{flag} VALUE"),
    }
}

fn filters(params: &[ParamRow], docs: &[&str]) -> String {
    let mut out = String::new();
    for (row, doc) in params.iter().zip(docs) {
        out.push_str(&format!("  {}\n", filter_usage(row)));
        let mut text = meaning(doc).replace("`{ op, time }` or `'op:time'`", "OP:TIME").replace(" or a `Date`", "");
        // The meanings name the JS keys (`sortKey`, `visibility: 'shared'`): a shell user types
        // the flags. (One-word keys stay: `status` is also a sort key's value.)
        for other in params {
            let flag = kebab(other.js);
            text = text.replace(&format!("`{}: '", other.js), &format!("`{flag} "));
            if other.js.chars().any(|c| c.is_ascii_uppercase()) {
                text = text.replace(&format!("`{}`", other.js), &format!("`{flag}`"));
            }
        }
        text = text.replace("'`", "`");
        if row.ty == ParamType::Time {
            text.push_str(&format!(" OP is one of {}.", join(TimeOp::ALL.iter().map(|o| o.as_str()), ", ")));
        }
        out.push_str(&wrap(&text, 8));
    }
    out
}

fn options(command: Option<Command>) -> String {
    let mut out = String::new();
    for f in FLAGS.iter().filter(|f| command.is_none_or(|c| f.scope.has(c))) {
        let head = match f.value {
            Some(v) => format!("{} {v}", f.name),
            None => f.name.to_owned(),
        };
        out.push_str(&format!("  {head}\n"));
        out.push_str(&wrap(f.doc, 8));
    }
    out
}

fn usage_line(c: Command) -> &'static str {
    match c {
        Command::List => "ims list [filters] [--all] [--output FORMAT] [--fields A,B,...]",
        Command::GlanceList => "ims glance-list [filters] [--all] [--output FORMAT] [--fields A,B,...]",
        Command::Show => "ims show <image-id> [--output FORMAT] [--fields A,B,...]",
        Command::Regions => "ims regions [--output FORMAT]",
        Command::Request => "ims request <listImages|glanceListImages|glanceShowImage> [<image-id>] [filters] [--show-secrets]",
        Command::Help => "ims help [command]",
    }
}

fn credentials_and_exits() -> String {
    let creds = format!(
        "Credentials: ${TOKEN_VARIABLE} (an IAM token), else where the official SDKs look: ${ENV_AK} and ${ENV_SK} (with ${ENV_SECURITY_TOKEN}, ${ENV_PROJECT_ID}), the [basic] section of ~/.huaweicloud/credentials (or ${ENV_CREDENTIALS_FILE}), the ECS metadata service. Never a flag's value. The region defaults to ${ENV_REGION}."
    );
    let mut exits: Vec<String> = Vec::new();
    for (exit, what) in [
        (Exit::Done, "done"),
        (Exit::Usage, "usage or invalid argument"),
        (Exit::Http, "HTTP error"),
        (Exit::Failed, "network, timeout, parse or pagination error"),
        (Exit::Interrupted, "interrupted"),
    ] {
        exits.push(format!("{} {what}", exit.code()));
    }
    format!("\n{}\n{}", wrap(&creds, 0), wrap(&format!("Exit codes: {}.", exits.join(", ")), 0))
}

fn main_help() -> String {
    let mut out = String::from("ims: Huawei Cloud IMS image queries from the shell.\n\nUsage:\n");
    for c in Command::ALL {
        out.push_str(&format!("  {}\n", usage_line(*c)));
    }
    out.push_str("\nCommands:\n");
    for c in Command::ALL {
        out.push_str(&format!("  {:<13}{}\n", c.as_str(), c.doc()));
    }
    out.push_str("\nOptions:\n");
    out.push_str(&options(None));
    out.push_str("\nFilters (`ims list --help` gives each one's meaning and values):\n");
    let names: Vec<String> = ListImagesQuery::PARAMS.iter().map(|r| kebab(r.js)).collect();
    out.push_str(&wrap(&names.join(" "), 2));
    out.push_str(&credentials_and_exits());
    out
}

fn command_help(c: Command) -> String {
    let mut out = format!("{}\n\nUsage: {}\n", c.doc(), usage_line(c));
    match c {
        Command::List => {
            out.push_str("\nFilters (GET /v2/cloudimages):\n");
            out.push_str(&filters(ListImagesQuery::PARAMS, ListImagesQuery::DOCS));
        }
        Command::GlanceList => {
            out.push_str("\nFilters (GET /v2/images):\n");
            out.push_str(&filters(GlanceListImagesQuery::PARAMS, GlanceListImagesQuery::DOCS));
        }
        Command::Request => {
            out.push_str("\nFilters: those of `ims list --help` (listImages) or `ims glance-list --help` (glanceListImages).\n")
        }
        _ => {}
    }
    out.push_str("\nOptions:\n");
    out.push_str(&options(Some(c)));
    out.push_str(&credentials_and_exits());
    out
}

/// `pkg-template/generated/cli.js`.
pub fn cli_js() -> String {
    let mut out = String::from(
        "// @ts-check\n// Generated from the command line's grammar (src/cli.rs) and the query table by src/codegen/cli.rs. Do not edit.\n\n/** The help text: `''` for `ims --help`, else by command. */\nexport const HELP = {\n",
    );
    out.push_str(&format!("  '': {},\n", json_quote(&main_help())));
    for c in Command::ALL {
        out.push_str(&format!("  {}: {},\n", json_quote(c.as_str()), json_quote(&command_help(*c))));
    }
    out.push_str("};\n\n/** The exit status of each error kind. */\nexport const EXIT_BY_KIND = {\n");
    for k in ErrorKind::ALL {
        out.push_str(&format!("  {}: {},\n", json_quote(k.as_str()), exit_for(*k).code()));
    }
    out.push_str(&format!(
        "}};\n\n/** The exit status of success, and of an interruption. */\nexport const EXIT_DONE = {};\nexport const EXIT_INTERRUPTED = {};\n\n/** The variable a token is read from, and the one the region defaults to. */\nexport const TOKEN_VARIABLE = {};\nexport const REGION_VARIABLE = {};\n",
        Exit::Done.code(),
        Exit::Interrupted.code(),
        json_quote(TOKEN_VARIABLE).replace('"', "'"),
        json_quote(REGION_VARIABLE).replace('"', "'"),
    ));
    out
}

/// A regular expression's character class of `chars`, for JS.
fn class(chars: &[char]) -> String {
    let mut out = String::from("[");
    for c in chars {
        match c {
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\n' => out.push_str("\\n"),
            '-' | '\\' | ']' | '^' => {
                out.push('\\');
                out.push(*c);
            }
            c => out.push(*c),
        }
    }
    out.push(']');
    out
}

/// `generated/csv.js`: the CSV rule of `csv.rs`.
pub fn csv_js() -> String {
    format!(
        r#"// @ts-check
// Generated from the CSV rule (src/csv.rs) by src/codegen/cli.rs. Do not edit. tests/csv.rs runs it
// against the core's on thousands of values.

const FORMULA = /^{formula}/;
const QUOTE = /{quote}/;

/** @param {{string}} s */
const quoted = (s) => (QUOTE.test(s) ? `"${{s.replace(/"/g, '""')}}"` : s);

/**
 * One cell: empty for null or absent; a boolean or number as JS writes it; a list of strings joined
 * with {list_json}; any other list or object as JSON; text that a spreadsheet would run as a formula
 * defused with a leading `'`; quoted when it holds a quote, a comma or a line break.
 * @param {{unknown}} value
 */
export function csvCell(value) {{
  if (value === undefined || value === null) return '';
  let text;
  if (typeof value === 'string') text = value;
  else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) text = value.join({list_json});
  else if (typeof value === 'object') return quoted(JSON.stringify(value));
  else return quoted(String(value));
  return quoted(FORMULA.test(text) ? `'${{text}}` : text);
}}

/**
 * One record: the cells, separated, ended.
 * @param {{unknown[]}} values
 */
export const csvRow = (values) => values.map(csvCell).join({sep_json}) + {end_json};
"#,
        formula = class(FORMULA_LEADS),
        quote = class(QUOTE_WHEN),
        list_json = json_quote(LIST_SEPARATOR).replace('"', "'"),
        sep_json = json_quote(SEPARATOR).replace('"', "'"),
        end_json = json_quote(RECORD_END).replace('"', "'"),
    )
}
