//! Where the official Huawei Cloud SDKs find credentials, in their order (`huaweicloudsdkcore`
//! 3.1.219, `auth/provider.py` and `auth/internal.py`), as a state machine without I/O: the
//! environment, then the profile file, then the ECS metadata service. A driver (the npm package's
//! `ims-client/node` entry) reads the variables, the file and the URL it is told to, and reports
//! what it found; every rule is here: the names, the file's place and its INI meaning, the
//! metadata exchange and the shape of its answer, when temporary keys need refreshing, and the
//! error when no place has credentials (which names the places looked in, never a value).
//!
//! ## Calling contract
//!
//! | action | answered with |
//! |---|---|
//! | [`ChainAction::ReadEnv`] | [`ChainEvent::Env`]: each name's value (`None` when unset) |
//! | [`ChainAction::ReadFile`] | [`ChainEvent::File`]: the text, or why there is none |
//! | [`ChainAction::Send`] | [`ChainEvent::Answer`] (status and body), or [`ChainEvent::Failed`] |
//! | [`ChainAction::Done`], [`ChainAction::Fail`] | nothing: the search has ended |

use crate::auth::Credentials;
use crate::dates::days_from_civil;
use crate::error::{Error, ErrorKind};
use crate::scan;
use crate::text::{concat, digits, int_text, json_quote};

/// The access key's variable.
pub const ENV_AK: &str = "HUAWEICLOUD_SDK_AK";
/// The secret key's variable.
pub const ENV_SK: &str = "HUAWEICLOUD_SDK_SK";
/// A temporary key's security token.
pub const ENV_SECURITY_TOKEN: &str = "HUAWEICLOUD_SDK_SECURITY_TOKEN";
/// The project id found with the keys.
pub const ENV_PROJECT_ID: &str = "HUAWEICLOUD_SDK_PROJECT_ID";
/// The region the official SDKs read (the command line's default region).
pub const ENV_REGION: &str = "HUAWEICLOUD_SDK_REGION";
/// The profile file's place, when not the default.
pub const ENV_CREDENTIALS_FILE: &str = "HUAWEICLOUD_SDK_CREDENTIALS_FILE";
/// The profile a file is read for when none is named.
pub const DEFAULT_PROFILE: &str = "basic";
/// The metadata service of an ECS.
pub const METADATA_ENDPOINT: &str = "http://169.254.169.254";
/// Each metadata request's timeout, as the official SDK's (3 s): off ECS the search fails fast.
pub const METADATA_TIMEOUT_MS: u32 = 3000;
/// Temporary keys are fetched again when fewer than this many milliseconds remain (40 minutes).
pub const REFRESH_BEFORE_MS: i64 = 40 * 60 * 1000;
const TOKEN_PATH: &str = "/meta-data/latest/api/token";
const SECURITY_KEY_PATH: &str = "/openstack/latest/securitykey";
const TOKEN_TTL_HEADER: &str = "X-Metadata-Token-Ttl-Seconds";
const TOKEN_HEADER: &str = "X-Metadata-Token";
const TOKEN_TTL_SECONDS: &str = "21600";
/// A 401 with this text means the ECS has no agency: asking for a new token will not help.
const NO_AGENCY: &str = "Please configure Cloud Service Agency first";

/// A place credentials are looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `HUAWEICLOUD_SDK_AK` / `_SK` / `_SECURITY_TOKEN` / `_PROJECT_ID`.
    Env,
    /// `~/.huaweicloud/credentials` or `HUAWEICLOUD_SDK_CREDENTIALS_FILE`.
    Profile,
    /// The ECS metadata service.
    Metadata,
}

impl Source {
    /// Its name (`env`, `profile`, `metadata`).
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Env => "env",
            Source::Profile => "profile",
            Source::Metadata => "metadata",
        }
    }
}

/// Credentials found, with what came with them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Where they were found.
    pub source: Source,
    /// The keys.
    pub credentials: Credentials,
    /// A project id found with them.
    pub project_id: Option<String>,
    /// When temporary keys expire (milliseconds since the epoch); `None` for lasting ones.
    pub expires_at_ms: Option<i64>,
    /// The metadata session token used, to keep for the next refresh.
    pub metadata_token: Option<String>,
}

/// Whether temporary keys expiring at `expires_at_ms` should be fetched again at `now_ms`.
pub fn needs_refresh(expires_at_ms: Option<i64>, now_ms: i64) -> bool {
    expires_at_ms.is_some_and(|at| at.saturating_sub(now_ms) < REFRESH_BEFORE_MS)
}

/// Keys are kept this long before they expire at the latest, when fetching new ones failed.
pub const USABLE_UNTIL_MS: i64 = 60 * 1000;

/// Whether keys whose refresh failed may still be used for a request sent at `now_ms` (they
/// expire more than a minute later): a metadata service that is briefly down then costs nothing.
pub fn still_usable(expires_at_ms: Option<i64>, now_ms: i64) -> bool {
    expires_at_ms.is_none_or(|at| at.saturating_sub(now_ms) > USABLE_UNTIL_MS)
}

/// What the search is told to look at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChainOptions {
    /// The places, in order (default: all three, the official order).
    pub sources: Vec<Source>,
    /// A profile file to read instead of the default place.
    pub file: Option<String>,
    /// The INI section to read (default `basic`).
    pub profile: Option<String>,
    /// The metadata service (default `http://169.254.169.254`).
    pub metadata_endpoint: Option<String>,
    /// Each metadata request's timeout (default 3000 ms).
    pub timeout_ms: Option<u32>,
    /// A metadata session token kept from an earlier search.
    pub metadata_token: Option<String>,
}

/// What the driver must do next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainAction {
    /// Read these environment variables.
    ReadEnv(Vec<&'static str>),
    /// Read this file as UTF-8 text.
    ReadFile(String),
    /// Send this request (no redirects), within `timeout_ms`, and read its body.
    Send {
        /// `PUT` or `GET`.
        method: &'static str,
        /// The absolute URL.
        url: String,
        /// The headers.
        headers: Vec<(&'static str, String)>,
        /// The timeout.
        timeout_ms: u32,
    },
    /// Found.
    Done(Found),
    /// Not found anywhere, or a place answered wrongly.
    Fail(Error),
}

/// Why a file gave no text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileMissing {
    /// It does not exist.
    NotFound,
    /// It exists but could not be read.
    Unreadable,
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainEvent {
    /// Begin.
    Start,
    /// The variables asked for, in order.
    Env(Vec<Option<String>>),
    /// The file's text, or why there is none.
    File(Result<String, FileMissing>),
    /// An HTTP answer.
    Answer {
        /// Its status.
        status: u16,
        /// Its body, as text.
        body: String,
    },
    /// No answer (refused, unreachable, timed out).
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Ready,
    Env,
    File,
    Token { refresh: bool },
    Key { retried: bool },
    Ended,
}

/// The search (see the module docs).
#[derive(Debug, Clone)]
pub struct Chain {
    options: ChainOptions,
    next: usize,
    step: Step,
    /// What each place said, for the error when none had credentials.
    misses: Vec<String>,
    project_from_env: Option<String>,
    /// The access key, secret key and security token the environment gave.
    env_values: [Option<String>; 3],
    token: Option<String>,
    path: String,
}

/// What the search reads from the environment: the keys, then where the profile file is (`HOME`,
/// or `USERPROFILE` on Windows, as Python's `os.path.expanduser` reads them).
const ENV_NAMES: [&str; 7] = [ENV_AK, ENV_SK, ENV_SECURITY_TOKEN, ENV_PROJECT_ID, ENV_CREDENTIALS_FILE, "HOME", "USERPROFILE"];

impl Chain {
    /// A search with these options.
    pub fn new(mut options: ChainOptions) -> Chain {
        if options.sources.is_empty() {
            options.sources = vec![Source::Env, Source::Profile, Source::Metadata];
        }
        let token = options.metadata_token.clone();
        Chain {
            options,
            next: 0,
            step: Step::Ready,
            misses: Vec::new(),
            project_from_env: None,
            env_values: Default::default(),
            token,
            path: String::new(),
        }
    }

    fn endpoint(&self) -> &str {
        self.options.metadata_endpoint.as_deref().unwrap_or(METADATA_ENDPOINT).trim_end_matches('/')
    }

    fn timeout(&self) -> u32 {
        self.options.timeout_ms.unwrap_or(METADATA_TIMEOUT_MS)
    }

    /// Tells the search what happened; returns what to do next.
    pub fn step(&mut self, event: ChainEvent) -> ChainAction {
        let step = std::mem::replace(&mut self.step, Step::Ended);
        match (step, event) {
            (Step::Ready, ChainEvent::Start) => {
                // The environment is read first whatever the sources: it names the profile file.
                self.step = Step::Env;
                ChainAction::ReadEnv(ENV_NAMES.to_vec())
            }
            (Step::Env, ChainEvent::Env(values)) => {
                let get = |i: usize| values.get(i).cloned().flatten().filter(|v| !v.is_empty());
                self.project_from_env = get(3);
                self.path = match (self.options.file.clone(), get(4), get(5).or_else(|| get(6))) {
                    (Some(f), _, _) | (None, Some(f), _) => f,
                    (None, None, Some(home)) => concat(&[home.trim_end_matches(['/', '\\']), "/.huaweicloud/credentials"]),
                    (None, None, None) => String::new(),
                };
                self.env_values = [get(0), get(1), get(2)];
                self.next_source()
            }
            (Step::File, ChainEvent::File(read)) => match read {
                Ok(text) => match self.found_in_profile(&text) {
                    Ok(found) => self.done(found),
                    Err(e) if e.kind == ErrorKind::InvalidArgument && e.key.as_deref() == Some("profile") => self.fail(e),
                    Err(e) => {
                        self.misses.push(e.message);
                        self.next_source()
                    }
                },
                Err(missing) => {
                    let why = if missing == FileMissing::NotFound { " (does not exist)" } else { " (could not be read)" };
                    self.misses.push(concat(&["the profile file ", &json_quote(&self.path), why]));
                    self.next_source()
                }
            },
            (Step::Token { refresh }, ChainEvent::Answer { status, body }) => match status {
                200 => {
                    self.token = Some(body.trim().to_owned()).filter(|t| !t.is_empty());
                    self.ask_key(refresh)
                }
                // No session tokens on this service: go on without one (unless a refresh needs one).
                404 | 405 | 503 if !refresh => {
                    self.token = None;
                    self.ask_key(false)
                }
                _ => self.metadata_failed(&concat(&["its token request answered HTTP ", &int_text(u64::from(status))])),
            },
            (Step::Key { retried }, ChainEvent::Answer { status, body }) => match status {
                200 => match security_key(&body) {
                    Ok((credentials, expires_at_ms)) => {
                        let metadata_token = self.token.clone();
                        self.done(Found { source: Source::Metadata, credentials, project_id: None, expires_at_ms, metadata_token })
                    }
                    Err(e) => self.fail(e),
                },
                // A stale session token: ask for a new one, once.
                401 if !retried && !body.contains(NO_AGENCY) => {
                    self.step = Step::Token { refresh: true };
                    self.token_request()
                }
                _ => self.metadata_failed(&concat(&["its security key request answered HTTP ", &int_text(u64::from(status))])),
            },
            (Step::Token { .. } | Step::Key { .. }, ChainEvent::Failed(why)) => self.metadata_failed(&why),
            (_, event) => self.fail(Error::invalid("event", concat(&["the credential search cannot take ", event_name(&event), " now"]))),
        }
    }
}

fn event_name(e: &ChainEvent) -> &'static str {
    match e {
        ChainEvent::Start => "start",
        ChainEvent::Env(_) => "env",
        ChainEvent::File(_) => "file",
        ChainEvent::Answer { .. } => "answer",
        ChainEvent::Failed(_) => "failed",
    }
}

impl Chain {
    fn next_source(&mut self) -> ChainAction {
        loop {
            let Some(source) = self.options.sources.get(self.next).copied() else { return self.none_found() };
            self.next += 1;
            match source {
                Source::Env => match self.found_in_env() {
                    Some(found) => return self.done(found),
                    None => continue,
                },
                Source::Profile if self.path.is_empty() => {
                    self.misses.push(String::from("the profile file (no HOME or USERPROFILE, no HUAWEICLOUD_SDK_CREDENTIALS_FILE)"));
                    continue;
                }
                Source::Profile => {
                    self.step = Step::File;
                    return ChainAction::ReadFile(self.path.clone());
                }
                Source::Metadata => {
                    if self.token.is_some() {
                        return self.ask_key(false);
                    }
                    self.step = Step::Token { refresh: false };
                    return self.token_request();
                }
            }
        }
    }

    fn found_in_env(&mut self) -> Option<Found> {
        let [ak, sk, sts] = std::mem::take(&mut self.env_values);
        match (ak, sk) {
            (Some(access_key), Some(secret_key)) => Some(Found {
                source: Source::Env,
                credentials: Credentials::AkSk { access_key, secret_key, security_token: sts },
                project_id: self.project_from_env.clone(),
                expires_at_ms: None,
                metadata_token: None,
            }),
            (ak, _) => {
                let why = if ak.is_some() {
                    " (HUAWEICLOUD_SDK_AK without HUAWEICLOUD_SDK_SK)"
                } else {
                    " (HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK not set)"
                };
                self.misses.push(concat(&["the environment", why]));
                None
            }
        }
    }

    fn found_in_profile(&self, text: &str) -> Result<Found, Error> {
        let name = self.options.profile.as_deref().unwrap_or(DEFAULT_PROFILE);
        let sections = parse_ini(text)
            .map_err(|why| Error::invalid("credentials", concat(&["the profile file ", &json_quote(&self.path), ": ", &why])))?;
        let Some((_, keys)) = sections.iter().find(|(s, _)| s == name) else {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                concat(&["the profile file ", &json_quote(&self.path), " (no section [", name, "])"]),
            ));
        };
        let get = |k: &str| keys.iter().rev().find(|(key, _)| key == k).map(|(_, v)| v.clone()).filter(|v| !v.is_empty());
        match (get("ak"), get("sk")) {
            (Some(access_key), Some(secret_key)) => Ok(Found {
                source: Source::Profile,
                credentials: Credentials::AkSk { access_key, secret_key, security_token: get("security_token") },
                project_id: get("project_id"),
                expires_at_ms: None,
                metadata_token: None,
            }),
            _ => Err(Error::new(
                ErrorKind::InvalidArgument,
                concat(&["the profile file ", &json_quote(&self.path), " (no ak and sk in [", name, "])"]),
            )),
        }
    }

    fn token_request(&self) -> ChainAction {
        ChainAction::Send {
            method: "PUT",
            url: concat(&[self.endpoint(), TOKEN_PATH]),
            headers: vec![(TOKEN_TTL_HEADER, TOKEN_TTL_SECONDS.to_owned())],
            timeout_ms: self.timeout(),
        }
    }

    fn ask_key(&mut self, retried: bool) -> ChainAction {
        self.step = Step::Key { retried };
        ChainAction::Send {
            method: "GET",
            url: concat(&[self.endpoint(), SECURITY_KEY_PATH]),
            headers: self.token.iter().map(|t| (TOKEN_HEADER, t.clone())).collect(),
            timeout_ms: self.timeout(),
        }
    }

    fn metadata_failed(&mut self, why: &str) -> ChainAction {
        self.misses.push(concat(&["the ECS metadata service at ", self.endpoint(), " (", why, ")"]));
        self.next_source()
    }

    fn done(&mut self, found: Found) -> ChainAction {
        self.step = Step::Ended;
        ChainAction::Done(found)
    }

    fn fail(&mut self, e: Error) -> ChainAction {
        self.step = Step::Ended;
        ChainAction::Fail(e)
    }

    /// `invalid-argument` naming `credentials`: every place looked in and why it had none.
    fn none_found(&mut self) -> ChainAction {
        let places = crate::text::join(self.misses.iter().map(String::as_str), "; ");
        self.fail(Error::invalid("credentials", concat(&["no credentials found; looked in ", &places])))
    }
}

/// The metadata service's answer: `{"credential": {"access", "secret", "securitytoken",
/// "expires_at"}}` (also `credentials`, and the `accessKeyId`/`access_key_id`,
/// `secretAccessKey`/`secret_access_key`, `securityToken`/`security_token`, `expiration`
/// spellings), the time as `%Y-%m-%dT%H:%M:%S.%fZ` (UTC).
pub fn security_key(body: &str) -> Result<(Credentials, Option<i64>), Error> {
    let bad = |why: &str| Error::parse(concat(&["the metadata service's security key answer ", why]));
    let top = scan::members_of(body).ok_or_else(|| bad("is not a JSON object"))?;
    let inner = ["credential", "credentials"].iter().find_map(|k| scan::get(&top, k)).and_then(scan::members_of);
    let m = inner.as_ref().unwrap_or(&top);
    let text = |names: &[&str]| {
        names.iter().find_map(|k| scan::get(m, k).and_then(scan::raw_str_strict)).map(|s| s.into_owned()).filter(|s| !s.is_empty())
    };
    let access_key = text(&["access", "accessKeyId", "access_key_id"]).ok_or_else(|| bad("has no access key"))?;
    let secret_key = text(&["secret", "secretAccessKey", "secret_access_key"]).ok_or_else(|| bad("has no secret key"))?;
    let security_token = text(&["securitytoken", "securityToken", "security_token"]);
    let expires = match text(&["expires_at", "expiration"]) {
        Some(t) => Some(sdk_expiry_ms(&t).ok_or_else(|| bad("has an expiry that is not yyyy-MM-ddTHH:mm:ss.ffffffZ"))?),
        None => None,
    };
    let credentials = Credentials::AkSk { access_key, secret_key, security_token };
    credentials.check("credentials")?;
    Ok((credentials, expires))
}

/// `2026-12-01T10:00:00.000000Z` (the fraction optional) as epoch milliseconds.
fn sdk_expiry_ms(t: &str) -> Option<i64> {
    let t = t.strip_suffix('Z')?;
    let (date, time) = t.split_once('T')?;
    let time = time.split('.').next()?;
    let mut d = date.split('-').map(digits);
    let mut c = time.split(':').map(digits);
    let (y, mo, da) = (d.next()??, d.next()??, d.next()??);
    let (h, mi, s) = (c.next()??, c.next()??, c.next()??);
    if d.next().is_some() || c.next().is_some() || !(1..=12).contains(&mo) || !(1..=31).contains(&da) || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    let days = days_from_civil(i64::try_from(y).ok()?, u32::try_from(mo).ok()?, u32::try_from(da).ok()?);
    let secs = days.checked_mul(86_400)?.checked_add(i64::try_from(h * 3600 + mi * 60 + s).ok()?)?;
    secs.checked_mul(1000)
}

/// One INI section: its name, and its keys (lower-cased) with their values, in order.
pub type Section = (String, Vec<(String, String)>);

/// An INI file as Python's `configparser` reads it (what the official SDK uses): `[section]`
/// headers; `key = value` or `key: value`, the key lower-cased, both sides trimmed; whole-line
/// comments starting `#` or `;`; an indented line continuing the value before it; `[DEFAULT]`'s
/// keys in every section. A key outside a section, a line that is neither, or a section given
/// twice is an error saying which line (never its value).
pub fn parse_ini(text: &str) -> Result<Vec<Section>, String> {
    let mut sections: Vec<Section> = Vec::new();
    let mut defaults: Vec<(String, String)> = Vec::new();
    let mut in_default = false;
    for (n, line) in text.strip_prefix('\u{feff}').unwrap_or(text).lines().enumerate() {
        let at = || concat(&["line ", &int_text(u64::try_from(n + 1).unwrap_or(u64::MAX))]);
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
            continue;
        }
        let current = if in_default { Some(&mut defaults) } else { sections.last_mut().map(|(_, keys)| keys) };
        if line.starts_with([' ', '\t']) {
            match current.and_then(|keys| keys.last_mut()) {
                Some((_, value)) => {
                    value.push('\n');
                    value.push_str(trimmed);
                    continue;
                }
                None => return Err(concat(&[&at(), ": a continuation line with no key before it"])),
            }
        }
        if let Some(name) = trimmed.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            if name == "DEFAULT" {
                in_default = true;
                continue;
            }
            if sections.iter().any(|(s, _)| s == name) {
                return Err(concat(&[&at(), ": section [", name, "] given twice"]));
            }
            in_default = false;
            sections.push((name.to_owned(), Vec::new()));
            continue;
        }
        let Some(split) = trimmed.find(['=', ':']) else { return Err(concat(&[&at(), ": not a section, a key or a comment"])) };
        let (key, value) = (trimmed.get(..split).unwrap_or("").trim(), trimmed.get(split + 1..).unwrap_or("").trim());
        match current {
            Some(keys) if !key.is_empty() => keys.push((key.to_ascii_lowercase(), value.to_owned())),
            Some(_) => return Err(concat(&[&at(), ": a value with no key"])),
            None => return Err(concat(&[&at(), ": a key before any [section]"])),
        }
    }
    for (_, keys) in &mut sections {
        for (k, v) in &defaults {
            if !keys.iter().any(|(key, _)| key == k) {
                keys.push((k.clone(), v.clone()));
            }
        }
    }
    Ok(sections)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(chain: &mut Chain, mut answer: impl FnMut(&ChainAction) -> ChainEvent) -> ChainAction {
        let mut action = chain.step(ChainEvent::Start);
        for _ in 0..20 {
            if matches!(action, ChainAction::Done(_) | ChainAction::Fail(_)) {
                return action;
            }
            let event = answer(&action);
            action = chain.step(event);
        }
        panic!("the search did not end")
    }

    fn env<'a>(values: &'a [(&'a str, &'a str)]) -> impl Fn(&ChainAction) -> Option<ChainEvent> + 'a {
        move |a| match a {
            ChainAction::ReadEnv(names) => {
                Some(ChainEvent::Env(names.iter().map(|n| values.iter().find(|(k, _)| k == n).map(|(_, v)| (*v).to_owned())).collect()))
            }
            _ => None,
        }
    }

    #[test]
    fn the_environment_first() {
        let read = env(&[(ENV_AK, "AKENV"), (ENV_SK, "sk"), (ENV_PROJECT_ID, "p1"), ("HOME", "/home/u")]);
        let ChainAction::Done(found) = run(&mut Chain::new(ChainOptions::default()), |a| read(a).unwrap()) else { panic!() };
        assert_eq!(found.source, Source::Env);
        assert_eq!(found.project_id.as_deref(), Some("p1"));
        assert!(matches!(found.credentials, Credentials::AkSk { ref access_key, .. } if access_key == "AKENV"));
    }

    #[test]
    fn then_the_profile_file_then_the_metadata_service() {
        let read = env(&[("HOME", "/home/u/")]);
        let mut files = Vec::new();
        let mut sent = Vec::new();
        let body = r#"{"credential":{"access":"AKTMP","secret":"sk","securitytoken":"sts","expires_at":"2026-12-01T10:00:00.000000Z"}}"#;
        let action = run(&mut Chain::new(ChainOptions::default()), |a| {
            if let Some(e) = read(a) {
                return e;
            }
            match a {
                ChainAction::ReadFile(p) => {
                    files.push(p.clone());
                    ChainEvent::File(Err(FileMissing::NotFound))
                }
                ChainAction::Send { method, url, headers, .. } => {
                    sent.push((*method, url.clone(), headers.clone()));
                    match *method {
                        "PUT" => ChainEvent::Answer { status: 200, body: "tok-1".into() },
                        _ => ChainEvent::Answer { status: 200, body: body.into() },
                    }
                }
                _ => unreachable!(),
            }
        });
        assert_eq!(files, ["/home/u/.huaweicloud/credentials"]);
        assert_eq!(sent[0].0, "PUT");
        assert_eq!(sent[0].1, "http://169.254.169.254/meta-data/latest/api/token");
        assert_eq!(sent[0].2, [("X-Metadata-Token-Ttl-Seconds", "21600".to_owned())]);
        assert_eq!(sent[1].1, "http://169.254.169.254/openstack/latest/securitykey");
        assert_eq!(sent[1].2, [("X-Metadata-Token", "tok-1".to_owned())]);
        let ChainAction::Done(found) = action else { panic!("{action:?}") };
        assert_eq!(found.source, Source::Metadata);
        assert_eq!(found.expires_at_ms, Some(1_796_119_200_000));
        assert_eq!(found.metadata_token.as_deref(), Some("tok-1"));
        assert!(needs_refresh(found.expires_at_ms, 1_796_119_200_000 - 39 * 60_000));
        assert!(!needs_refresh(found.expires_at_ms, 1_796_119_200_000 - 41 * 60_000));
        assert!(!needs_refresh(None, 0), "lasting keys are never refreshed");
    }

    #[test]
    fn no_token_service_a_stale_token_and_the_error_when_nothing_is_found() {
        // 405 on the token: go on without; 401 on the key: ask a token once, then fail.
        let read = env(&[]);
        let mut n = 0;
        let action = run(
            &mut Chain::new(ChainOptions { sources: vec![Source::Env, Source::Profile, Source::Metadata], ..Default::default() }),
            |a| {
                if let Some(e) = read(a) {
                    return e;
                }
                n += 1;
                match (n, a) {
                    (1, ChainAction::Send { method: "PUT", .. }) => ChainEvent::Answer { status: 405, body: String::new() },
                    (2, ChainAction::Send { method: "GET", headers, .. }) if headers.is_empty() => {
                        ChainEvent::Answer { status: 401, body: "stale".into() }
                    }
                    (3, ChainAction::Send { method: "PUT", .. }) => ChainEvent::Answer { status: 200, body: "tok-2".into() },
                    (4, ChainAction::Send { method: "GET", headers, .. }) if !headers.is_empty() => {
                        ChainEvent::Answer { status: 401, body: "again".into() }
                    }
                    other => panic!("{other:?}"),
                }
            },
        );
        let ChainAction::Fail(e) = action else { panic!("{action:?}") };
        assert_eq!((e.kind, e.key.as_deref()), (ErrorKind::InvalidArgument, Some("credentials")));
        assert!(e.message.contains("the environment (HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK not set)"), "{}", e.message);
        assert!(e.message.contains("the profile file (no HOME"), "{}", e.message);
        assert!(
            e.message.contains("the ECS metadata service at http://169.254.169.254 (its security key request answered HTTP 401)"),
            "{}",
            e.message
        );
        // Off ECS: no answer at all.
        let mut chain = Chain::new(ChainOptions { sources: vec![Source::Metadata], ..Default::default() });
        chain.step(ChainEvent::Start);
        assert!(matches!(chain.step(ChainEvent::Env(vec![None; 6])), ChainAction::Send { timeout_ms: 3000, .. }));
        let ChainAction::Fail(e) = chain.step(ChainEvent::Failed("connect ECONNREFUSED".into())) else { panic!() };
        assert!(e.message.ends_with("(connect ECONNREFUSED)"), "{}", e.message);
    }

    #[test]
    fn the_profile_as_configparser_reads_it() {
        let text = "# a comment\n[DEFAULT]\nproject_id = shared\n[basic]\nAK = AKFILE\nsk: secret\n  continued\nsecurity_token=\n[other]\nak=AK2\nsk=s2\nproject_id=own\n";
        let s = parse_ini(text).unwrap();
        assert_eq!(s[0].0, "basic");
        assert_eq!(
            s[0].1,
            [
                ("ak".into(), "AKFILE".into()),
                ("sk".into(), "secret\ncontinued".into()),
                ("security_token".into(), String::new()),
                ("project_id".into(), "shared".into())
            ]
        );
        assert_eq!(s[1].1.iter().filter(|(k, _)| k == "project_id").count(), 1, "a section's own key wins over DEFAULT's");
        assert!(parse_ini("ak=x").unwrap_err().contains("line 1"));
        assert!(parse_ini("[a]\n[a]").unwrap_err().contains("given twice"));
        assert!(!parse_ini("[a]\nnot a key\n").unwrap_err().contains("not a key"), "the line is not echoed");
        let mut chain = Chain::new(ChainOptions {
            sources: vec![Source::Profile],
            profile: Some("other".into()),
            file: Some("/f".into()),
            ..Default::default()
        });
        chain.step(ChainEvent::Start);
        assert_eq!(chain.step(ChainEvent::Env(vec![None; 6])), ChainAction::ReadFile("/f".into()));
        let ChainAction::Done(found) = chain.step(ChainEvent::File(Ok(text.into()))) else { panic!() };
        assert_eq!((found.source, found.project_id.as_deref()), (Source::Profile, Some("own")));
    }

    #[test]
    fn security_key_answers_in_every_spelling() {
        let (c, at) = security_key(
            r#"{"credentials":{"accessKeyId":"AK1","secretAccessKey":"s","securityToken":"t","expiration":"2026-12-01T10:00:00Z"}}"#,
        )
        .unwrap();
        assert!(matches!(c, Credentials::AkSk { ref security_token, .. } if security_token.as_deref() == Some("t")));
        assert_eq!(at, Some(1_796_119_200_000));
        assert!(security_key(r#"{"access":"AK1","secret":"s"}"#).unwrap().1.is_none(), "no expiry: lasting");
        for bad in [
            "",
            "[]",
            r#"{"credential":{"secret":"s"}}"#,
            r#"{"access":"AK","secret":"s","expires_at":"soon"}"#,
            r#"{"access":"A K","secret":"s"}"#,
        ] {
            assert!(security_key(bad).is_err(), "{bad}");
        }
    }
}
