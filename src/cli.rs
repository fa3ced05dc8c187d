//! The `ims` command line's grammar, decided here and carried out by the npm package's bin
//! (`pkg-template/cli.js`): which commands there are, every flag (the filters come from the query
//! table, kebab-cased: `osType` is `--os-type`), what each value must be, where credentials and
//! the region come from, the default output, and the exit code of each outcome. [`plan`] turns
//! the arguments into a [`Plan`] or an `invalid-argument` error naming the flag, before anything
//! is sent; the help text is generated from the same tables (`codegen::cli_js`).
//!
//! ```text
//! ims list [--<filter> value ...] [--all] [--output table|json|ndjson|csv] [--fields a,b,c]
//! ims glance-list [...same...]
//! ims show <image-id> [--output ...] [--fields ...]
//! ims regions [--output ...]
//! ims request <listImages|glanceListImages|glanceShowImage> [<image-id>] [filters] [--show-secrets]
//! common: --region R | --endpoint URL, --project-id P, --profile NAME, --timeout-ms N, --max-retries N, --help
//! ```

use crate::closed_enum::closed_enum;
use crate::config::{ClientConfig, ClientOptions, CredentialSource};
use crate::error::{Error, ErrorKind};
use crate::image::FIELDS;
use crate::query::param::{ParamRow, ParamType};
use crate::query::{GlanceListImagesQuery, ListImagesQuery, Query, QueryValues};
use crate::request::check_image_id;
use crate::text::{closest, concat, digits, json_quote};

/// The variable a token is read from (a secret is never a flag's value: it would sit in the
/// shell's history and in every process listing).
pub const TOKEN_VARIABLE: &str = "IMS_TOKEN";
/// The region when no flag names one (the official SDKs' variable).
pub const REGION_VARIABLE: &str = crate::credential_chain::ENV_REGION;
/// The columns of `--output table` for a list when `--fields` is not given.
pub const TABLE_FIELDS: &[&str] = &["id", "name", "status", "imagetype", "osType", "platform", "osBit", "minDisk", "createdAt"];

closed_enum! {
    /// A command.
    Command {
        /// One page of `GET /v2/cloudimages` (every page with `--all`).
        List = "list",
        /// One page of `GET /v2/images`, the OpenStack-native list (every page with `--all`).
        GlanceList = "glance-list",
        /// One image, `GET /v2/images/{image_id}`.
        Show = "show",
        /// The region ids and their endpoints.
        Regions = "regions",
        /// The exact request an operation would send, signed, as a `curl` command.
        Request = "request",
        /// Help on the commands, or on one.
        Help = "help",
    }
}

closed_enum! {
    /// How results are written.
    Output {
        /// Aligned columns, for people (the default on a terminal).
        Table = "table",
        /// One JSON document: an image, or an array of them.
        Json = "json",
        /// One JSON object per line (the default when piped).
        Ndjson = "ndjson",
        /// RFC 4180, a header then one record per image, formulas defused.
        Csv = "csv",
    }
}

/// A process exit, as the contract numbers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Done.
    Done,
    /// Bad usage, or an `invalid-argument` error.
    Usage,
    /// An `http` error.
    Http,
    /// A `network`, `timeout`, `parse` or `pagination` error.
    Failed,
    /// Interrupted (Ctrl-C), or `aborted`.
    Interrupted,
}

impl Exit {
    /// The process's exit status.
    pub const fn code(self) -> u8 {
        match self {
            Exit::Done => 0,
            Exit::Usage => 2,
            Exit::Http => 3,
            Exit::Failed => 4,
            Exit::Interrupted => 130,
        }
    }
}

/// The exit status an error ends the process with.
pub fn exit_for(kind: ErrorKind) -> Exit {
    match kind {
        ErrorKind::InvalidArgument => Exit::Usage,
        ErrorKind::Http => Exit::Http,
        ErrorKind::Network | ErrorKind::Timeout | ErrorKind::Parse | ErrorKind::Pagination => Exit::Failed,
        ErrorKind::Aborted => Exit::Interrupted,
    }
}

/// Which commands a flag applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every command that sends (list, glance-list, show, request).
    Sending,
    /// The commands that write results (list, glance-list, show, regions).
    Writing,
    /// The list commands.
    Listing,
    /// `request`.
    Request,
    /// Every command.
    Any,
}

impl Scope {
    /// Whether the flag applies to `c`.
    pub fn has(self, c: Command) -> bool {
        match self {
            Scope::Sending => matches!(c, Command::List | Command::GlanceList | Command::Show | Command::Request),
            Scope::Writing => matches!(c, Command::List | Command::GlanceList | Command::Show | Command::Regions),
            Scope::Listing => matches!(c, Command::List | Command::GlanceList),
            Scope::Request => c == Command::Request,
            Scope::Any => true,
        }
    }
}

/// A flag that is not a filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flag {
    /// `--name`.
    pub name: &'static str,
    /// The value's placeholder in the help (`None`: a switch).
    pub value: Option<&'static str>,
    /// Where it applies.
    pub scope: Scope,
    /// What it does.
    pub doc: &'static str,
}

const fn flag(name: &'static str, value: Option<&'static str>, scope: Scope, doc: &'static str) -> Flag {
    Flag { name, value, scope, doc }
}

/// Every flag that is not a filter.
pub const FLAGS: &[Flag] = &[
    flag("--region", Some("ID"), Scope::Sending, "The region (`ims regions` lists them); default: $HUAWEICLOUD_SDK_REGION."),
    flag("--endpoint", Some("URL"), Scope::Sending, "A base URL instead of the region's (a proxy, an emulator); wins over --region."),
    flag("--project-id", Some("ID"), Scope::Sending, "Sent as X-Project-Id (default: the one found with the credentials)."),
    flag(
        "--profile",
        Some("NAME"),
        Scope::Sending,
        "Read the credentials from this section of the profile file only (default: $IMS_TOKEN, else $HUAWEICLOUD_SDK_AK/_SK, the [basic] profile, the ECS metadata service).",
    ),
    flag("--timeout-ms", Some("N"), Scope::Sending, "Per attempt, in milliseconds (default 30000)."),
    flag("--max-retries", Some("N"), Scope::Sending, "Retries after the first attempt, 0 to 20 (default 3)."),
    flag("--output", Some("FORMAT"), Scope::Writing, "table, json, ndjson or csv (default: table on a terminal, ndjson when piped)."),
    flag("--fields", Some("A,B,..."), Scope::Writing, "The image fields to write, by their JS names (osBit, minDisk, ...), in this order."),
    flag("--all", None, Scope::Listing, "Every page, one page in memory at a time, written as it arrives."),
    flag("--extra", Some("K=V"), Scope::Listing, "An undocumented query parameter, sent as given (repeatable)."),
    flag("--show-secrets", None, Scope::Request, "Print the Authorization, X-Auth-Token and X-Security-Token values (hidden by default)."),
    flag("--help", None, Scope::Any, "This help."),
];

/// `-o` and `-h`.
const SHORT: &[(&str, &str)] = &[("-o", "--output"), ("-h", "--help")];

/// The flag of a JS name: `osType` is `--os-type`.
pub fn kebab(js: &str) -> String {
    let mut out = String::from("--");
    for c in js.chars() {
        if c.is_ascii_uppercase() {
            out.push('-');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The query table a list command (or `request` of a list operation) takes its filters from.
fn table_of(operation: &str) -> Option<&'static [ParamRow]> {
    match operation {
        "listImages" => Some(ListImagesQuery::PARAMS),
        "glanceListImages" => Some(GlanceListImagesQuery::PARAMS),
        _ => None,
    }
}

/// What the environment tells the planner (never a secret's value).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Env {
    /// Whether standard output is a terminal (the default output).
    pub stdout_tty: bool,
    /// Whether `IMS_TOKEN` is set and not empty.
    pub token: bool,
    /// `HUAWEICLOUD_SDK_REGION`, when set.
    pub region: Option<String>,
}

/// Where the credentials come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CredentialsPlan {
    /// `IMS_TOKEN`'s value, as `{ token }`.
    TokenVariable,
    /// The official SDKs' chain (`defaultCredentials()`).
    Chain,
    /// Only this section of the profile file (`fromProfile({ profile })`).
    Profile(String),
}

/// What to do, every value checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The command.
    pub command: Command,
    /// For `help`: the command it is about (`None`: all of them).
    pub topic: Option<Command>,
    /// The operation sent (`listImages`, `glanceListImages`, `glanceShowImage`).
    pub operation: Option<&'static str>,
    /// `show`'s, or `request glanceShowImage`'s, image id.
    pub image_id: Option<String>,
    /// The filters of a list operation.
    pub query: Option<QueryValues>,
    /// `--region` (or `HUAWEICLOUD_SDK_REGION`).
    pub region: Option<String>,
    /// `--endpoint`.
    pub endpoint: Option<String>,
    /// `--project-id`.
    pub project_id: Option<String>,
    /// `--timeout-ms`.
    pub timeout_ms: Option<u32>,
    /// `--max-retries`.
    pub max_retries: Option<u32>,
    /// Where the credentials come from.
    pub credentials: CredentialsPlan,
    /// How results are written.
    pub output: Output,
    /// The image fields written, in order (empty: every field, as the `Image` holds them).
    pub fields: Vec<String>,
    /// `--all`.
    pub all: bool,
    /// `--show-secrets`.
    pub show_secrets: bool,
}

fn usage(key: &str, message: &str) -> Error {
    Error::invalid(key, message)
}

/// An error the core raised about a JS key (`osType`, `timeoutMs`, `extra.x`), renamed after the
/// flag that carried it (`--os-type`, `--timeout-ms`, `--extra`).
fn on_flag(mut e: Error, rename: impl Fn(&str) -> String) -> Error {
    if let Some(key) = e.key.take() {
        let flag = rename(&key);
        if let Some(rest) = e.message.strip_prefix(&concat(&[&key, ": "])) {
            e.message = concat(&[&flag, ": ", rest]);
        }
        e.key = Some(flag);
    }
    e
}

fn js_key_to_flag(key: &str) -> String {
    if key.starts_with("extra.") {
        return String::from("--extra");
    }
    kebab(key)
}

/// One argument as read: a flag with its value, or a positional.
enum Arg<'a> {
    Flag(&'a str, Option<String>),
    Positional(&'a str),
}

/// Whether `--name` (a filter or not) takes a value, for the first pass.
fn takes_value(name: &str) -> Option<bool> {
    if let Some(f) = FLAGS.iter().find(|f| f.name == name) {
        return Some(f.value.is_some());
    }
    let row = ListImagesQuery::PARAMS.iter().find(|p| kebab(p.js) == name);
    if let Some(row) = row {
        return Some(row.ty != ParamType::Bool);
    }
    name.strip_prefix("--no-").filter(|n| takes_bool(&concat(&["--", n]))).map(|_| false)
}

/// Every flag name a user could mean, for "did you mean".
fn every_flag() -> Vec<String> {
    let mut all: Vec<String> = FLAGS.iter().map(|f| f.name.to_owned()).collect();
    all.extend(ListImagesQuery::PARAMS.iter().map(|p| kebab(p.js)));
    all
}

fn unknown_flag(name: &str) -> Error {
    let all = every_flag();
    let hint = closest(name, all.iter().map(String::as_str), 3).map(|c| concat(&[" (did you mean ", c, "?)"])).unwrap_or_default();
    usage(name, &concat(&["unknown flag", &hint, "; `ims --help` lists them"]))
}

/// The first pass: flags with their values, and positionals, in order.
fn read_args(args: &[String]) -> Result<Vec<Arg<'_>>, Error> {
    let mut out = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--" {
            out.extend(it.by_ref().map(|p| Arg::Positional(p)));
            break;
        }
        let a = SHORT.iter().find(|(s, _)| s == a).map_or(a.as_str(), |(_, long)| long);
        if !a.starts_with('-') || a == "-" {
            out.push(Arg::Positional(a));
            continue;
        }
        if !a.starts_with("--") {
            return Err(unknown_flag(a));
        }
        let (name, inline) = match a.split_once('=') {
            Some((n, v)) => (n, Some(v.to_owned())),
            None => (a, None),
        };
        let Some(wants) = takes_value(name) else { return Err(unknown_flag(name)) };
        let value = match (wants, inline) {
            (true, Some(v)) => Some(v),
            (true, None) => match it.next() {
                Some(v) => Some(v.clone()),
                None => return Err(usage(name, "needs a value")),
            },
            (false, Some(v)) if !name.starts_with("--no-") && takes_bool(name) => Some(v),
            (false, Some(_)) => return Err(usage(name, "takes no value")),
            (false, None) => None,
        };
        out.push(Arg::Flag(name, value));
    }
    Ok(out)
}

fn takes_bool(name: &str) -> bool {
    ListImagesQuery::PARAMS.iter().any(|p| p.ty == ParamType::Bool && kebab(p.js) == name)
}

fn number(name: &str, v: &str) -> Result<u64, Error> {
    digits(v).ok_or_else(|| usage(name, &concat(&[&json_quote(v), " is not a whole number"])))
}

/// Builds the plan; an error names the flag (or `<command>`, `<image-id>`, `<operation>`).
pub fn plan(args: &[String], env: &Env) -> Result<Plan, Error> {
    let parsed = read_args(args)?;
    let mut positionals = parsed.iter().filter_map(|a| if let Arg::Positional(p) = a { Some(*p) } else { None });
    let wants_help = parsed.iter().any(|a| matches!(a, Arg::Flag("--help", _)));
    let first = positionals.next();
    let command = match first {
        None if wants_help => return Ok(help(None)),
        None => return Err(usage("<command>", "give a command: list, glance-list, show, regions or request (`ims --help`)")),
        Some(c) => Command::from_name(c).ok_or_else(|| {
            let hint =
                closest(c, Command::ALL.iter().map(|c| c.as_str()), 3).map(|c| concat(&[" (did you mean ", c, "?)"])).unwrap_or_default();
            usage("<command>", &concat(&[&json_quote(c), " is not a command", &hint, "; give list, glance-list, show, regions or request"]))
        })?,
    };
    if command == Command::Help {
        let topic = match positionals.next() {
            Some(t) => Some(Command::from_name(t).ok_or_else(|| usage("<command>", &concat(&[&json_quote(t), " is not a command"])))?),
            None => None,
        };
        return Ok(help(topic));
    }
    if wants_help {
        return Ok(help(Some(command)));
    }
    let rest: Vec<&str> = positionals.collect();
    let (operation, image_id) = match (command, rest.as_slice()) {
        (Command::List, []) => (Some("listImages"), None),
        (Command::GlanceList, []) => (Some("glanceListImages"), None),
        (Command::Show, [id]) => (Some("glanceShowImage"), Some((*id).to_owned())),
        (Command::Show, _) => return Err(usage("<image-id>", "`ims show` takes one image id")),
        (Command::Regions | Command::Help, []) => (None, None),
        (Command::Request, [op, more @ ..]) => {
            let op = ["listImages", "glanceListImages", "glanceShowImage"].into_iter().find(|o| o == op).ok_or_else(|| {
                usage(
                    "<operation>",
                    &concat(&[&json_quote(op), " is not an operation: give listImages, glanceListImages or glanceShowImage"]),
                )
            })?;
            match (op, more) {
                ("glanceShowImage", [id]) => (Some(op), Some((*id).to_owned())),
                ("glanceShowImage", _) => return Err(usage("<image-id>", "`ims request glanceShowImage` takes one image id")),
                (_, []) => (Some(op), None),
                (_, _) => return Err(usage("<image-id>", &concat(&[op, " takes no image id"]))),
            }
        }
        (Command::Request, []) => return Err(usage("<operation>", "give the operation: listImages, glanceListImages or glanceShowImage")),
        (_, [extra, ..]) => return Err(usage(extra, &concat(&["`ims ", command.as_str(), "` takes no argument here"]))),
    };
    if let Some(id) = &image_id {
        check_image_id(id).map_err(|e| on_flag(e, |_| String::from("<image-id>")))?;
    }
    let table = operation.and_then(table_of);

    let mut p = Plan::new(command, env);
    p.operation = operation;
    p.image_id = image_id;
    let mut given: Vec<&str> = Vec::new();
    let mut filters: Vec<(&'static ParamRow, Vec<String>)> = Vec::new();
    let mut extra: Vec<(String, String)> = Vec::new();
    for arg in &parsed {
        let Arg::Flag(name, value) = arg else { continue };
        let value = value.clone().unwrap_or_default();
        if let Some(f) = FLAGS.iter().find(|f| f.name == *name) {
            if !f.scope.has(command) {
                return Err(usage(name, &concat(&["does not apply to `ims ", command.as_str(), "`"])));
            }
            if *name != "--extra" && given.contains(name) {
                return Err(usage(name, "given twice"));
            }
            given.push(name);
            match *name {
                "--region" => p.region = Some(value),
                "--endpoint" => p.endpoint = Some(value),
                "--project-id" => p.project_id = Some(value),
                "--profile" => p.credentials = CredentialsPlan::Profile(value),
                "--timeout-ms" => p.timeout_ms = Some(u32::try_from(number(name, &value)?).unwrap_or(u32::MAX)),
                "--max-retries" => p.max_retries = Some(u32::try_from(number(name, &value)?).unwrap_or(u32::MAX)),
                "--output" => {
                    p.output = Output::from_name(&value)
                        .ok_or_else(|| usage(name, &concat(&[&json_quote(&value), " is not table, json, ndjson or csv"])))?
                }
                "--fields" => p.fields = fields(&value)?,
                "--all" => p.all = true,
                "--show-secrets" => p.show_secrets = true,
                "--extra" => match value.split_once('=') {
                    Some((k, v)) => extra.push((k.to_owned(), v.to_owned())),
                    None => return Err(usage(name, "expected K=V")),
                },
                _ => {}
            }
            continue;
        }
        // A filter: `--os-type V`, `--support-kvm`, `--no-support-kvm`, `--support-kvm=false`.
        let (flag_name, value) = match name.strip_prefix("--no-") {
            Some(n) if takes_bool(&concat(&["--", n])) => (concat(&["--", n]), String::from("false")),
            _ if takes_bool(name) && value.is_empty() => ((*name).to_owned(), String::from("true")),
            _ => ((*name).to_owned(), value),
        };
        let Some(table) = table else {
            return Err(usage(name, &concat(&["is a filter; `ims ", command.as_str(), "` takes none"])));
        };
        let Some(row) = table.iter().find(|r| kebab(r.js) == flag_name) else {
            return Err(usage(&flag_name, "is a filter of `ims list` (GET /v2/cloudimages) only"));
        };
        match filters.iter_mut().find(|(r, _)| r.js == row.js) {
            Some((_, values)) if row.ty == ParamType::Repeated => values.push(value),
            Some(_) => return Err(usage(&flag_name, "given twice")),
            None => filters.push((row, vec![value])),
        }
    }
    if let (Some(op), Some(table)) = (operation, table) {
        let mut q = QueryValues::new(op, table);
        for (row, values) in filters {
            let v = row.ty.from_wire(&kebab(row.js), &values)?;
            q.set(row.wire, Some(v));
        }
        q.set_extra(extra);
        q.validate().map_err(|e| on_flag(e, js_key_to_flag))?;
        p.query = Some(q);
    }
    if command != Command::Regions {
        sending(&mut p, env)?;
    }
    if p.output == Output::Table && p.fields.is_empty() && matches!(command, Command::List | Command::GlanceList) {
        p.fields = TABLE_FIELDS.iter().map(|f| (*f).to_owned()).collect();
    }
    if p.output == Output::Csv && p.fields.is_empty() && command != Command::Regions {
        p.fields = FIELDS.iter().map(|f| f.js.to_owned()).chain(std::iter::once(String::from("extra"))).collect();
    }
    Ok(p)
}

/// The client options of a sending command, checked as the client will check them.
fn sending(p: &mut Plan, env: &Env) -> Result<(), Error> {
    let from_env = p.region.is_none() && p.endpoint.is_none();
    if from_env {
        p.region = env.region.clone().filter(|r| !r.is_empty());
    }
    let mut o = match (&p.endpoint, &p.region) {
        (Some(e), _) => ClientOptions::endpoint(e.clone()),
        (None, Some(r)) => ClientOptions::region(r.clone()),
        (None, None) => {
            return Err(usage("--region", &concat(&["give --region or --endpoint, or set ", REGION_VARIABLE])));
        }
    };
    if let Some(r) = &p.region {
        o.region = Some(r.clone());
    }
    if let Some(id) = &p.project_id {
        o = o.project_id(id.clone());
    }
    if let Some(ms) = p.timeout_ms {
        o = o.timeout_ms(u64::from(ms));
    }
    if let Some(n) = p.max_retries {
        o = o.max_retries(u64::from(n));
    }
    o.credentials = CredentialSource::Provider;
    ClientConfig::new(&o)
        .map(|_| ())
        .map_err(|e| on_flag(e, |key| if key == "region" && from_env { REGION_VARIABLE.to_owned() } else { js_key_to_flag(key) }))
}

/// `--fields a,b,c`: JS names of the image table, or `extra`.
fn fields(list: &str) -> Result<Vec<String>, Error> {
    let mut out: Vec<String> = Vec::new();
    for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        if name != "extra" && !FIELDS.iter().any(|f| f.js == name) {
            let by_wire = FIELDS.iter().find(|f| f.wire == name || f.rust == name).map(|f| f.js);
            let guess = by_wire.or_else(|| closest(name, FIELDS.iter().map(|f| f.js), 3));
            let hint = guess.map(|g| concat(&[" (did you mean ", g, "?)"])).unwrap_or_default();
            return Err(usage("--fields", &concat(&[&json_quote(name), " is not an image field", &hint])));
        }
        if !out.iter().any(|o| o == name) {
            out.push(name.to_owned());
        }
    }
    if out.is_empty() {
        return Err(usage("--fields", "name at least one field"));
    }
    Ok(out)
}

fn help(topic: Option<Command>) -> Plan {
    Plan { topic, ..Plan::new(Command::Help, &Env::default()) }
}

impl Plan {
    /// A plan of `command` with nothing given: the defaults the environment sets.
    fn new(command: Command, env: &Env) -> Plan {
        Plan {
            command,
            topic: None,
            operation: None,
            image_id: None,
            query: None,
            region: None,
            endpoint: None,
            project_id: None,
            timeout_ms: None,
            max_retries: None,
            credentials: if env.token { CredentialsPlan::TokenVariable } else { CredentialsPlan::Chain },
            output: if env.stdout_tty { Output::Table } else { Output::Ndjson },
            fields: Vec::new(),
            all: false,
            show_secrets: false,
        }
    }
}

/// A header value as the `request` command prints it: a credential's replaced unless asked.
pub fn shown_header(name: &str, value: &str, show_secrets: bool) -> String {
    if crate::headers::is_secret_header(name) && !show_secrets {
        String::from("<hidden: --show-secrets prints it>")
    } else {
        value.to_owned()
    }
}

/// `s` as one POSIX shell word: single-quoted, `'` written `'\''`.
pub fn shell_word(s: &str) -> String {
    concat(&["'", &s.replace('\'', "'\\''"), "'"])
}

/// The `curl` command that sends this request.
pub fn curl(method: &str, url: &str, headers: &[(String, String)], show_secrets: bool) -> String {
    let mut out = concat(&["curl -sS -X ", method, " ", &shell_word(url)]);
    for (k, v) in headers {
        out.push_str(" \\\n  -H ");
        out.push_str(&shell_word(&concat(&[k, ": ", &shown_header(k, v, show_secrets)])));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::param::ParamValue;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_owned).collect()
    }

    fn ok(s: &str) -> Plan {
        plan(&args(s), &Env { stdout_tty: false, token: false, region: None }).unwrap()
    }

    fn err(s: &str) -> Error {
        plan(&args(s), &Env::default()).unwrap_err()
    }

    #[test]
    fn filters_become_a_checked_query() {
        let p = ok("list --region cn-north-4 --os-type Linux --support-kvm --no-support-xen --tag env=prod --tag gpu --created-at gte:2024-01-01T00:00:00Z --limit 100 --extra x=1");
        let q = p.query.unwrap();
        assert_eq!(q.get("__os_type"), Some(&ParamValue::Str("Linux".into())));
        assert_eq!(q.get("__support_kvm"), Some(&ParamValue::Bool(true)));
        assert_eq!(q.get("__support_xen"), Some(&ParamValue::Bool(false)));
        assert_eq!(q.get("tag"), Some(&ParamValue::List(vec!["env=prod".into(), "gpu".into()])));
        assert_eq!(q.limit(), Some(100));
        assert_eq!(q.extra(), &[("x".to_owned(), "1".to_owned())]);
        assert_eq!((p.operation, p.output), (Some("listImages"), Output::Ndjson));
        assert_eq!(ok("list --region cn-north-4 --support-kvm=false").query.unwrap().get("__support_kvm"), Some(&ParamValue::Bool(false)));
    }

    #[test]
    fn every_error_names_its_flag() {
        for (line, key) in [
            ("list --region cn-north4", "--region"),
            ("list --region cn-north-4 --limit 0", "--limit"),
            ("list --region cn-north-4 --limit x", "--limit"),
            ("list --region cn-north-4 --os-tpye Linux", "--os-tpye"),
            ("list --region cn-north-4 --member-status accepted", "--member-status"),
            ("list --region cn-north-4 --created-at soon", "--created-at"),
            ("list --region cn-north-4 --output xml", "--output"),
            ("list --region cn-north-4 --fields id,os_bit", "--fields"),
            ("list --region cn-north-4 --name a --name b", "--name"),
            ("list --region cn-north-4 --timeout-ms 0", "--timeout-ms"),
            ("list --region cn-north-4 --max-retries 99", "--max-retries"),
            ("list --region cn-north-4 --extra __os_type=x", "--extra"),
            ("list --region cn-north-4 --limit", "--limit"),
            ("list --region cn-north-4 --support-kvm=maybe", "--support-kvm"),
            ("glance-list --region cn-north-4 --architecture arm", "--architecture"),
            ("show --region cn-north-4 --os-type Linux a", "--os-type"),
            ("show --region cn-north-4", "<image-id>"),
            ("show --region cn-north-4 ..", "<image-id>"),
            ("regions --region cn-north-4", "--region"),
            ("list --show-secrets --region cn-north-4", "--show-secrets"),
            ("list", "--region"),
            ("list --endpoint http://example.com", "--endpoint"),
            ("lsit", "<command>"),
            ("", "<command>"),
            ("request listImages x --region cn-north-4", "<image-id>"),
            ("request deleteImage", "<operation>"),
            ("list -x", "-x"),
        ] {
            let e = err(line);
            assert_eq!((e.kind, e.key.as_deref()), (ErrorKind::InvalidArgument, Some(key)), "{line}: {}", e.message);
            assert!(e.message.starts_with(key), "{line}: {}", e.message);
        }
        assert!(err("list --region cn-north4").message.contains("did you mean \"cn-north-4\""));
        assert!(err("list --region cn-north-4 --os-tpye Linux").message.contains("did you mean --os-type"));
        assert!(err("list --region cn-north-4 --fields id,os_bit").message.contains("did you mean osBit"));
        assert!(err("lsit").message.contains("did you mean list"));
    }

    #[test]
    fn defaults_follow_the_environment() {
        let tty = Env { stdout_tty: true, token: true, region: Some("cn-north-4".into()) };
        let p = plan(&args("list"), &tty).unwrap();
        assert_eq!(
            (p.output, p.credentials.clone(), p.region.as_deref()),
            (Output::Table, CredentialsPlan::TokenVariable, Some("cn-north-4"))
        );
        assert_eq!(p.fields, TABLE_FIELDS);
        let p = plan(&args("show x --profile dev --output csv --endpoint http://127.0.0.1:1"), &tty).unwrap();
        assert_eq!(p.credentials, CredentialsPlan::Profile("dev".into()));
        assert_eq!(p.fields.len(), FIELDS.len() + 1);
        let e = plan(&args("list"), &Env { region: Some("cn-north4".into()), ..Env::default() }).unwrap_err();
        assert_eq!(e.key.as_deref(), Some(REGION_VARIABLE));
        assert_eq!(ok("regions").command, Command::Regions);
        assert_eq!(ok("list --help").topic, Some(Command::List));
        assert_eq!(ok("help show").topic, Some(Command::Show));
        assert_eq!(ok("--help").command, Command::Help);
        assert_eq!(ok("-h").topic, None);
        let p = ok("request glanceShowImage --endpoint=http://127.0.0.1:9 -- -odd-id");
        assert_eq!(p.image_id.as_deref(), Some("-odd-id"), "after --, everything is positional");
        assert!(plan(&args("request glanceShowImage -- -odd-id"), &Env::default()).is_err(), "--endpoint after -- is not a flag");
    }

    #[test]
    fn flags_do_not_collide() {
        let mut all = every_flag();
        let n = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), n);
        assert_eq!(kebab("supportXenGpuType"), "--support-xen-gpu-type");
        assert_eq!(ListImagesQuery::PARAMS.len(), 38);
    }

    #[test]
    fn exit_codes_and_curl() {
        assert_eq!(exit_for(ErrorKind::Http).code(), 3);
        assert_eq!(exit_for(ErrorKind::Pagination), Exit::Failed);
        let c = curl(
            "GET",
            "https://h/v2/images?name=it's",
            &[("X-Auth-Token".into(), "secret".into()), ("X-Project-Id".into(), "p".into())],
            false,
        );
        assert_eq!(c, "curl -sS -X GET 'https://h/v2/images?name=it'\\''s' \\\n  -H 'X-Auth-Token: <hidden: --show-secrets prints it>' \\\n  -H 'X-Project-Id: p'");
        assert!(curl("GET", "u", &[("Authorization".into(), "SDK x".into())], true).contains("Authorization: SDK x"));
    }
}
