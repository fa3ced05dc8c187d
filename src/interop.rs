//! The adapters from the neutral [`Input`] a JS caller hands over (through the bindings) to the
//! core's typed values, in one module, as automerge-wasm keeps its conversions in `interop.rs`.
//! They check what only a dynamic caller can get wrong (a wrong type, an unknown key, a value
//! that cannot be read) and name the key; every rule about the values themselves is the typed
//! layer's, applied after ([`ClientConfig::new`], [`QueryValues::validate`], ...), so native and
//! JS callers meet the same rules.
//!
//! Nothing in the core depends on this module: it sits on top, beside the client loop.

use crate::auth::Credentials;
use crate::call::CallOptions;
use crate::config::{check_max_retries, check_timeout, ClientConfig, ClientOptions, CredentialSource};
#[cfg(feature = "node")]
use crate::credential_chain::{ChainOptions, Source};
use crate::dates::{format_sdk_date, is_sdk_date};
use crate::error::Error;
use crate::headers;
use crate::input::Input;
use crate::paging::PageOptions;
use crate::query::param::{ParamRow, ParamType, ParamValue};
use crate::query::time::{bad_op, TimeFilter, TimeOp};
use crate::query::{check_extra_key, GlanceListImagesQuery, ListImagesQuery, Query, QueryValues};
use crate::request::{check_image_id, Operation};
use crate::sign::{self, SignRequest};
use crate::text::{concat, int, int_text, json_quote};

fn wrong_type(key: &str, expected: &str, v: &Input) -> Error {
    Error::invalid(key, concat(&["expected ", expected, ", got ", v.type_name()]))
}

fn is_function(v: &Input) -> bool {
    matches!(v, Input::Other(t) if t == "function")
}

/// The functions a JS options object carried: the bindings keep them, the core only learns
/// that they are there.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Functions {
    /// `fetch`: a transport of the caller's.
    pub fetch: bool,
    /// `credentials`: a provider asked before each request.
    pub credentials: bool,
    /// `onAttempt`: a telemetry hook.
    pub on_attempt: bool,
}

/// The members of an options object with absent ones skipped; anything else is an error naming
/// `key` that says what was `expected`.
fn members<'v>(v: &'v Input, key: &str, expected: &str) -> Result<impl Iterator<Item = (&'v str, &'v Input)>, Error> {
    Ok(v.option_members(key, expected)?.iter().filter(|(_, v)| !matches!(v, Input::Absent)).map(|(k, v)| (k.as_str(), v)))
}

/// A whole number, else an error naming `key`.
fn integer(key: &str, v: &Input, expected: &str) -> Result<i64, Error> {
    match v {
        Input::Int(n) => Ok(*n),
        Input::Number(t) => Err(Error::invalid(key, concat(&["expected ", expected, ", got ", t]))),
        other => Err(wrong_type(key, expected, other)),
    }
}

/// `timeoutMs`: a positive integer of at most 2^31 - 1.
fn timeout(key: &str, v: &Input) -> Result<u32, Error> {
    check_timeout(key, integer(key, v, "a positive integer of at most 2147483647")?)
}

/// The client's options object. `origin` is the page's, when the client runs in one.
pub fn client_options(v: &Input, origin: Option<&str>) -> Result<(ClientOptions, Functions), Error> {
    let Input::Object(_) = v else { return Err(wrong_type("options", "an object", v)) };
    let mut o = ClientOptions { origin: origin.map(str::to_owned), ..ClientOptions::default() };
    let mut fns = Functions::default();
    for (k, v) in members(v, "options", "an object")? {
        match k {
            "region" => o.region = Some(v.string(k)?),
            "endpoint" => o.endpoint = Some(v.string(k)?),
            "projectId" => o.project_id = Some(v.string(k)?),
            "credentials" if is_function(v) => {
                fns.credentials = true;
                o.credentials = CredentialSource::Provider;
            }
            "credentials" => o.credentials = CredentialSource::Static(credentials(k, v)?),
            "timeoutMs" => o.timeout_ms = Some(u64::from(timeout(k, v)?)),
            "maxRetries" => o.max_retries = Some(u64::from(check_max_retries(k, integer(k, v, "an integer")?)?)),
            "fetch" if is_function(v) => fns.fetch = true,
            "onAttempt" if is_function(v) => fns.on_attempt = true,
            "fetch" | "onAttempt" => return Err(wrong_type(k, "a function", v)),
            "headers" => o.headers = v.string_map("headers")?,
            "allowInsecureHttp" => match v {
                Input::Bool(b) => o.allow_insecure_http = *b,
                other => return Err(wrong_type(k, "a boolean", other)),
            },
            other => return Err(Error::invalid(other, "unknown client option")),
        }
    }
    Ok((o, fns))
}

/// The client's options object, validated.
pub fn client_config(v: &Input, origin: Option<&str>) -> Result<(ClientConfig, Functions), Error> {
    let (options, fns) = client_options(v, origin)?;
    Ok((ClientConfig::new(&options)?, fns))
}

/// `{ token }` or `{ accessKey, secretKey, securityToken? }`, named `key` in errors. Messages
/// never echo values.
pub fn credentials(key: &str, v: &Input) -> Result<Credentials, Error> {
    provided_credentials(key, v, false).map(|(c, _)| c)
}

/// What a credentials provider returned: the credentials, and a project id when it found one
/// (`projectId`, as `ims-client/node`'s providers report it).
pub fn provided_credentials(key: &str, v: &Input, allow_project: bool) -> Result<(Credentials, Option<String>), Error> {
    let Input::Object(_) = v else { return Err(wrong_type(key, "an object or a function", v)) };
    let (mut token, mut ak, mut sk, mut sts, mut project) = (None, None, None, None, None);
    for (k, v) in members(v, key, "an object")? {
        let slot = match k {
            "token" => &mut token,
            "accessKey" => &mut ak,
            "secretKey" => &mut sk,
            "securityToken" => &mut sts,
            "projectId" if allow_project => &mut project,
            other => return Err(Error::invalid(&concat(&[key, ".", other]), "unknown key")),
        };
        *slot = Some(v.string(&concat(&[key, ".", k]))?);
    }
    let c = match (token, ak, sk) {
        (Some(t), None, None) if sts.is_none() => Credentials::Token(t),
        (None, Some(access_key), Some(secret_key)) => Credentials::AkSk { access_key, secret_key, security_token: sts },
        (None, Some(_), None) => return Err(Error::invalid(&concat(&[key, ".secretKey"]), "is required with accessKey")),
        (None, None, Some(_)) => return Err(Error::invalid(&concat(&[key, ".accessKey"]), "is required with secretKey")),
        (None, None, None) => return Err(Error::invalid(key, "expected { token } or { accessKey, secretKey }")),
        _ => return Err(Error::invalid(key, "give either token or accessKey/secretKey, not both")),
    };
    c.check(key)?;
    if let Some(p) = &project {
        headers::check_value(&concat(&[key, ".projectId"]), p)?;
    }
    Ok((c, project.filter(|p| !p.is_empty())))
}

/// A credential provider's options: `fromEnv()` (`kind` `env`) takes none; `fromProfile` (`profile`)
/// `{ file?, profile? }`; `fromMetadata` (`metadata`) `{ endpoint?, timeoutMs? }`;
/// `defaultCredentials` (`default`) `{ file?, profile?, metadataEndpoint?, timeoutMs? }`.
#[cfg(feature = "node")]
pub fn chain_options(kind: &str, v: &Input) -> Result<ChainOptions, Error> {
    let (sources, keys): (&[Source], &[&str]) = match kind {
        "env" => (&[Source::Env], &[]),
        "profile" => (&[Source::Profile], &["file", "profile"]),
        "metadata" => (&[Source::Metadata], &["endpoint", "timeoutMs"]),
        _ => (&[Source::Env, Source::Profile, Source::Metadata], &["file", "profile", "metadataEndpoint", "timeoutMs"]),
    };
    let mut out = ChainOptions { sources: sources.to_vec(), ..ChainOptions::default() };
    for (k, v) in members(v, "options", "an object")? {
        if !keys.contains(&k) {
            let known = if keys.is_empty() {
                String::from("takes no options")
            } else {
                concat(&["takes ", &crate::text::join(keys.iter().copied(), ", ")])
            };
            return Err(Error::invalid(k, concat(&["unknown option: this provider ", &known])));
        }
        match k {
            "file" => out.file = Some(v.string(k)?).filter(|f| !f.is_empty()),
            "profile" => out.profile = Some(v.string(k)?).filter(|p| !p.is_empty()),
            "endpoint" | "metadataEndpoint" => {
                let e = v.string(k)?;
                let parsed = crate::endpoint::Endpoint::parse(&e).map_err(|_| Error::invalid(k, "must be an absolute http(s) URL"))?;
                out.metadata_endpoint = Some(parsed.base().to_owned());
            }
            _ => out.timeout_ms = Some(timeout(k, v)?),
        }
    }
    Ok(out)
}

/// A call's options: `{ signal?, timeoutMs?, onAttempt? }` (`signal` an AbortSignal, which the
/// bindings describe as `Input::Other("AbortSignal")`; `onAttempt` a function). Returns the
/// options and whether a hook was given.
pub fn call_options(v: &Input, default_timeout_ms: u32) -> Result<(CallOptions, bool), Error> {
    let mut out = CallOptions { timeout_ms: default_timeout_ms };
    let mut hook = false;
    for (k, v) in members(v, "options", "{ signal?, timeoutMs?, onAttempt? }")? {
        match (k, v) {
            ("signal", Input::Other(t)) if t == "AbortSignal" => {}
            ("signal", _) => return Err(Error::invalid("signal", "expected an AbortSignal")),
            ("timeoutMs", v) => out.timeout_ms = timeout("timeoutMs", v)?,
            ("onAttempt", v) if is_function(v) => hook = true,
            ("onAttempt", v) => return Err(wrong_type("onAttempt", "a function", v)),
            (other, _) => return Err(Error::invalid(other, "unknown call option")),
        }
    }
    Ok((out, hook))
}

/// `byPage`'s `{ marker?, pageSize? }`.
pub fn page_options(v: &Input) -> Result<PageOptions, Error> {
    let mut out = PageOptions::default();
    for (k, v) in members(v, "byPage", "an object")? {
        match k {
            "marker" => out.marker = Some(v.string("marker")?),
            "pageSize" => {
                if let ParamValue::Int(n) = param(ParamType::Positive, "pageSize", v)? {
                    out.page_size = Some(n);
                }
            }
            other => return Err(Error::invalid(other, "unknown byPage option")),
        }
    }
    Ok(out)
}

/// The operation named `name` with its argument: a query object for the lists, an image id for
/// `glanceShowImage`.
pub fn operation(name: &Input, arg: &Input) -> Result<Operation, Error> {
    let Input::Str(name) = name else { return Err(wrong_type("operation", "an operation name", name)) };
    match name.as_str() {
        "listImages" => Ok(Operation::ListImages(query_values(ListImagesQuery::OPERATION, ListImagesQuery::PARAMS, arg)?)),
        "glanceListImages" => {
            Ok(Operation::GlanceListImages(query_values(GlanceListImagesQuery::OPERATION, GlanceListImagesQuery::PARAMS, arg)?))
        }
        "glanceShowImage" => match arg {
            Input::Str(id) => check_image_id(id).map(|()| Operation::GlanceShowImage(id.clone())),
            other => Err(wrong_type("imageId", "a string", other)),
        },
        other => Err(Error::invalid("operation", concat(&[&json_quote(other), " is not listImages, glanceListImages or glanceShowImage"]))),
    }
}

/// `buildRequest`'s `{ date? }`: the fixed `X-Sdk-Date` to sign with (`None`: the clock).
pub fn build_request_options(v: &Input) -> Result<Option<String>, Error> {
    let mut date = None;
    for (k, v) in members(v, "options", "{ date? }")? {
        match k {
            "date" => date = sdk_date(v)?,
            other => return Err(Error::invalid(other, "unknown buildRequest option")),
        }
    }
    Ok(date)
}

/// A typed query from a query object.
pub fn query<Q: Query>(v: &Input) -> Result<Q, Error> {
    query_values(Q::OPERATION, Q::PARAMS, v).map(Q::from_values)
}

/// A query object checked against the table of `operation`; every error names its key.
pub fn query_values(operation: &'static str, params: &'static [ParamRow], v: &Input) -> Result<QueryValues, Error> {
    let mut q = QueryValues::new(operation, params);
    let members = match v {
        Input::Absent => return Ok(q),
        Input::Object(m) => m,
        other => return Err(wrong_type("query", "an object", other)),
    };
    for (key, value) in members {
        if matches!(value, Input::Absent) {
            continue;
        }
        if key == "extra" {
            let extra = value.string_map("extra")?;
            for (k, _) in &extra {
                check_extra_key(k, params)?;
            }
            q.set_extra(extra);
            continue;
        }
        match params.iter().enumerate().find(|(_, p)| p.js == key) {
            Some((i, row)) => q.put(i, Some(param(row.ty, row.js, value)?)),
            None => return Err(unknown_key(key, params, operation)),
        }
    }
    q.validate()?;
    Ok(q)
}

fn unknown_key(key: &str, params: &[ParamRow], operation: &str) -> Error {
    if let Some(p) = params.iter().find(|p| p.wire == key || p.rust == key) {
        return Error::invalid(key, concat(&["unknown query parameter; did you mean `", p.js, "`?"]));
    }
    if let Some(p) = ListImagesQuery::PARAMS.iter().find(|p| p.js == key) {
        return Error::invalid(key, concat(&["`", p.js, "` is not a parameter of ", operation]));
    }
    Error::invalid(key, "unknown query parameter (undocumented parameters go in `extra`)")
}

/// One parameter's value; errors name `key` (the JS name).
pub fn param(ty: ParamType, key: &str, v: &Input) -> Result<ParamValue, Error> {
    match (ty, v) {
        (ParamType::Str | ParamType::Enum { .. }, Input::Str(s)) => Ok(ParamValue::Str(s.clone())),
        // An enum of numbers (`osBit`: '32', '64') takes those numbers as numbers too.
        (ParamType::Enum { known, .. }, Input::Int(n)) if u64::try_from(*n).is_ok_and(|n| known.contains(&int_text(n).as_str())) => {
            Ok(ParamValue::Str(int_text(n.unsigned_abs())))
        }
        (ParamType::Enum { known, .. }, other) if known.iter().all(|k| k.bytes().all(|b| b.is_ascii_digit())) => {
            Err(wrong_type(key, &concat(&["one of ", &crate::text::join(known.iter().copied(), ", "), " (a string or a number)"]), other))
        }
        (ParamType::Str | ParamType::Enum { .. }, other) => Err(wrong_type(key, "a string", other)),
        (ParamType::Bool, Input::Bool(b)) => Ok(ParamValue::Bool(*b)),
        (ParamType::Bool, other) => Err(wrong_type(key, "a boolean", other)),
        (ParamType::Count | ParamType::Positive, v) => {
            let what = if ty == ParamType::Positive { "a positive integer" } else { "a non-negative integer" };
            match v {
                Input::Int(n) => match u64::try_from(*n) {
                    Ok(n) if n >= ty.min() => Ok(ParamValue::Int(n)),
                    _ => Err(Error::invalid(key, concat(&["expected ", what, ", got ", &int(*n)]))),
                },
                Input::Number(t) => Err(Error::invalid(key, concat(&["expected ", what, ", got ", t]))),
                other => Err(wrong_type(key, what, other)),
            }
        }
        (ParamType::Repeated, Input::Str(s)) => Ok(ParamValue::List(vec![s.clone()])),
        (ParamType::Repeated, Input::Array(items)) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                match item {
                    Input::Str(s) => out.push(s.clone()),
                    other => return Err(wrong_type(&concat(&[key, "[", &int_text(i as u64), "]"]), "a string", other)),
                }
            }
            Ok(ParamValue::List(out))
        }
        (ParamType::Repeated, other) => Err(wrong_type(key, "a string or an array of strings", other)),
        (ParamType::Time, v) => time(key, v).map(ParamValue::Time),
    }
}

fn time(key: &str, v: &Input) -> Result<TimeFilter, Error> {
    let bad = |why: String| Error::invalid(key, why);
    match v {
        Input::Str(s) => TimeFilter::parse(s).map_err(bad),
        Input::Object(members) => {
            let mut op = None;
            let mut time = None;
            for (k, v) in members {
                match (k.as_str(), v) {
                    (_, Input::Absent) => {}
                    ("op", Input::Str(s)) => op = Some(TimeOp::from_name(s).ok_or_else(|| bad(bad_op(s)))?),
                    ("op", other) => return Err(wrong_type(&concat(&[key, ".op"]), "a string", other)),
                    ("time", t) => time = Some(t),
                    (other, _) => return Err(Error::invalid(&concat(&[key, ".", other]), "unknown key")),
                }
            }
            let op = op.ok_or_else(|| bad("missing op".into()))?;
            match time {
                Some(Input::Str(t)) => TimeFilter::new(op, t).map_err(bad),
                Some(Input::Date(Some(ms))) => TimeFilter::at_epoch_ms(op, *ms).map_err(bad),
                Some(Input::Date(None)) => Err(bad("the Date is invalid".into())),
                Some(other) => Err(wrong_type(&concat(&[key, ".time"]), "a string or a Date", other)),
                None => Err(bad("missing time".into())),
            }
        }
        other => Err(wrong_type(key, "{ op, time } or 'op:time'", other)),
    }
}

/// The `date` of `buildRequest`'s options and of `signRequest`: a `Date`, an SDK-form string
/// (`yyyyMMddTHHmmssZ`), or absent (`None`: now).
pub fn sdk_date(v: &Input) -> Result<Option<String>, Error> {
    match v {
        Input::Absent => Ok(None),
        Input::Date(Some(ms)) => format_sdk_date(*ms).map(Some).ok_or_else(|| Error::invalid("date", "the Date is out of range")),
        Input::Date(None) => Err(Error::invalid("date", "the Date is invalid")),
        Input::Str(s) if is_sdk_date(s) => Ok(Some(s.clone())),
        Input::Str(_) => Err(Error::invalid("date", "expected a Date or 'YYYYMMDDTHHMMSSZ'")),
        other => Err(wrong_type("date", "a Date or a string", other)),
    }
}

/// `signRequest`'s argument: `{ method, url, headers?, body?, accessKey, secretKey, date? }`
/// (`date` absent: `now_ms`). Returns the headers to send. Errors name the key and never echo a
/// value.
pub fn sign_request(v: &Input, now_ms: i64) -> Result<Vec<(String, String)>, Error> {
    let Input::Object(members) = v else { return Err(wrong_type("request", "an object", v)) };
    let get = |k: &str| members.iter().rev().find(|(name, _)| name == k).map_or(&Input::Absent, |(_, v)| v);
    for (k, _) in members {
        if !["method", "url", "headers", "body", "accessKey", "secretKey", "date"].contains(&k.as_str()) {
            return Err(Error::invalid(k, "unknown signRequest key"));
        }
    }
    let text = |k: &str| match get(k) {
        Input::Str(s) => Ok(s.as_str()),
        other => Err(wrong_type(k, "a string", other)),
    };
    let safe = |k: &str| text(k).and_then(|s| headers::check_value(k, s).map(|()| s));
    let (method, url, access_key, secret_key) = (text("method")?, text("url")?, safe("accessKey")?, safe("secretKey")?);
    let map = get("headers").string_map("headers")?;
    for (k, value) in &map {
        headers::check_value(&concat(&["headers.", k]), value)?;
    }
    let headers: Vec<(&str, &str)> = map.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let body = match get("body") {
        Input::Absent => &[][..],
        Input::Str(s) => s.as_bytes(),
        other => return Err(wrong_type("body", "a string", other)),
    };
    let date = match sdk_date(get("date"))? {
        Some(d) => d,
        None => format_sdk_date(now_ms).ok_or_else(|| Error::invalid("date", "the clock is out of range"))?,
    };
    let signed = sign::sign(&SignRequest { method, url, headers: &headers, body, access_key, secret_key, date: Some(&date) })?;
    Ok(signed.headers)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(s: &str) -> Input {
        Input::from_json_text(s).unwrap()
    }

    #[test]
    fn call_options_and_dates() {
        let opts = |j: &str| call_options(&json(j), 30_000).map(|(o, _)| o);
        assert_eq!(opts(r#"{"signal":{"\u0000":["other","AbortSignal"]},"timeoutMs":5}"#).unwrap().timeout_ms, 5);
        assert_eq!(opts(r#"{"signal":{}}"#).unwrap_err().key.as_deref(), Some("signal"));
        assert_eq!(opts(r#"{"timeoutMs":1.5}"#).unwrap_err().key.as_deref(), Some("timeoutMs"));
        assert_eq!(opts(r#"{"nope":1}"#).unwrap_err().key.as_deref(), Some("nope"));
        assert_eq!(sdk_date(&Input::Date(Some(0))).unwrap().as_deref(), Some("19700101T000000Z"));
        assert!(sdk_date(&Input::Date(None)).is_err());
        assert!(sdk_date(&Input::Str("2018".into())).is_err());
        assert_eq!(build_request_options(&json(r#"{"nope":1}"#)).unwrap_err().key.as_deref(), Some("nope"));
        assert_eq!(build_request_options(&json(r#"{"date":"20181028T100000Z"}"#)).unwrap().as_deref(), Some("20181028T100000Z"));
    }

    #[test]
    fn os_bit_takes_the_documented_numbers() {
        let q = |j: &str| query::<ListImagesQuery>(&json(j));
        assert_eq!(q(r#"{"osBit":64}"#).unwrap().to_query_string(), "__os_bit=64");
        assert_eq!(q(r#"{"osBit":"32"}"#).unwrap().to_query_string(), "__os_bit=32");
        let e = q(r#"{"osBit":16}"#).unwrap_err();
        assert_eq!(e.key.as_deref(), Some("osBit"));
        assert!(e.message.contains("32, 64"), "{}", e.message);
        assert_eq!(q(r#"{"platform":1}"#).unwrap_err().message, "platform: expected a string, got number");
    }

    #[test]
    fn provided_credentials_may_carry_a_project() {
        let (c, p) = provided_credentials("credentials", &json(r#"{"token":"t","projectId":"p1"}"#), true).unwrap();
        assert_eq!((c, p.as_deref()), (Credentials::Token("t".into()), Some("p1")));
        assert_eq!(
            credentials("credentials", &json(r#"{"token":"t","projectId":"p1"}"#)).unwrap_err().key.as_deref(),
            Some("credentials.projectId")
        );
    }
}
