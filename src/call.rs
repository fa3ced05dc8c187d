//! The client loop, without I/O. A [`Call`] is one operation's attempts: it says what to do next
//! ("ask the credentials provider", "send this request", "sleep this long", "parse the body",
//! "done", "failed"), and is told what happened. A [`Pager`] runs calls page after page. Every
//! decision (credentials, request building and signing, retries and backoff, `Retry-After`,
//! abort, the `nextMarker` rule, paging) is made here; the driver only carries the steps out:
//! the wasm bindings with `fetch` and timers, `examples/list_images.rs` with a blocking client.
//!
//! Time and chance come in from outside with every step ([`Env`]), so the loop is deterministic
//! under test.

use std::sync::Arc;

use crate::config::{timeout_from_input, ClientConfig, CredentialSource};
use crate::error::{Error, ErrorKind};
use crate::paging::{PageOptions, Paginator};
use crate::parse::{next_marker, PageContext, PageFacts};
use crate::query::input::Input;
use crate::query::time::format_sdk_date;
use crate::request::{self, Credentials, HttpRequest, Operation, RequestOptions, SECRET_HEADERS};
use crate::response::{http_error, request_id_from_headers, retry_after_header};
use crate::retry::{next_delay_ms, retry_after_ms, transport_error};
use crate::sign;

/// The world at the moment of a step: the clock and a random draw.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Env {
    /// Milliseconds since the Unix epoch (signing dates, `Retry-After` dates).
    pub now_ms: i64,
    /// A uniformly drawn 32-bit number (backoff jitter).
    pub random: u32,
}

/// What happened, told to the loop by its driver. `Debug` never shows credentials or a body.
#[derive(Clone, PartialEq, Eq)]
pub enum Event {
    /// Begin (a pager: begin the next page).
    Start,
    /// The credentials provider answered with this value, or failed (with the name of what it
    /// threw, never its message: that could hold a secret no one can scrub).
    Credentials(Result<Input, String>),
    /// A complete response arrived (its body is held by the driver).
    Response {
        /// The HTTP status.
        status: u16,
        /// Every response header.
        headers: Vec<(String, String)>,
    },
    /// The body of an error response, as [`Action::ReadErrorBody`] asked.
    ErrorBody(Vec<u8>),
    /// No complete response: `Network` (refused, reset, CORS, a redirect, a cut body) or `Timeout`.
    TransportFailed {
        /// `Network` or `Timeout`.
        kind: ErrorKind,
        /// What the transport said.
        message: String,
    },
    /// The wait [`Action::Sleep`] asked for is over.
    Slept,
    /// The good body was parsed: a page's facts, or `None` for one image.
    Parsed(Option<PageFacts>),
    /// The good body is not the documented JSON.
    ParseFailed(String),
    /// The caller's signal fired.
    Aborted,
}

impl std::fmt::Debug for Event {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Event::Credentials(_) => f.write_str("Credentials([redacted])"),
            Event::ErrorBody(b) => write!(f, "ErrorBody({} bytes)", b.len()),
            Event::Response { status, .. } => write!(f, "Response {{ status: {status}, .. }}"),
            Event::TransportFailed { kind, message } => {
                f.debug_struct("TransportFailed").field("kind", kind).field("message", message).finish()
            }
            Event::Parsed(facts) => f.debug_tuple("Parsed").field(facts).finish(),
            Event::ParseFailed(why) => f.debug_tuple("ParseFailed").field(why).finish(),
            other => f.write_str(other.name()),
        }
    }
}

impl Event {
    /// The event's name, for messages.
    pub fn name(&self) -> &'static str {
        match self {
            Event::Start => "start",
            Event::Credentials(_) => "credentials",
            Event::Response { .. } => "response",
            Event::ErrorBody(_) => "error body",
            Event::TransportFailed { .. } => "transport failure",
            Event::Slept => "slept",
            Event::Parsed(_) => "parsed",
            Event::ParseFailed(_) => "parse failure",
            Event::Aborted => "aborted",
        }
    }
}

/// What the body of a good response is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// A list page.
    Page,
    /// One image.
    Image,
}

/// How a call ended well.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done {
    /// For a page: where the next one starts (absent on the last page).
    pub next_marker: Option<String>,
    /// For a page: how many images it held.
    pub images: usize,
    /// How many requests it took.
    pub attempts: u32,
}

/// What the driver must do next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Call the credentials provider, then tell [`Event::Credentials`].
    AskCredentials,
    /// Send this request; abort it after `timeout_ms` (then [`Event::TransportFailed`] with
    /// `Timeout`); read the whole body; tell [`Event::Response`].
    Send {
        /// The request.
        request: HttpRequest,
        /// The per-attempt timeout.
        timeout_ms: u32,
    },
    /// Hand over the error response's body ([`Event::ErrorBody`]).
    ReadErrorBody,
    /// Parse the good body as this, then tell [`Event::Parsed`] or [`Event::ParseFailed`].
    Parse(Expect),
    /// Wait this long (abortable), then tell [`Event::Slept`].
    Sleep {
        /// Milliseconds.
        ms: u64,
    },
    /// The call succeeded.
    Done(Done),
    /// The call failed.
    Fail(Error),
    /// A pager has no more pages.
    End,
}

/// Per-call options: `{ signal?, timeoutMs? }`. The signal itself stays with the driver.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallOptions {
    /// The per-attempt timeout for this call.
    pub timeout_ms: u32,
}

impl CallOptions {
    /// Validates `{ signal?, timeoutMs? }`; `signal` must be an AbortSignal (the bindings
    /// describe one as `Input::Other("AbortSignal")`).
    pub fn from_input(v: &Input, default_timeout_ms: u32) -> Result<CallOptions, Error> {
        let mut out = CallOptions { timeout_ms: default_timeout_ms };
        for (k, v) in v.option_members("options", "{ signal?, timeoutMs? }")? {
            match (k.as_str(), v) {
                (_, Input::Absent) => {}
                ("signal", Input::Other(t)) if t == "AbortSignal" => {}
                ("signal", _) => return Err(Error::invalid("signal", "expected an AbortSignal")),
                ("timeoutMs", v) => out.timeout_ms = timeout_from_input("timeoutMs", v)?,
                (other, _) => return Err(Error::invalid(other, "unknown call option")),
            }
        }
        Ok(out)
    }
}

/// The `date` of `buildRequest`'s options and of `signRequest`: a `Date`, an SDK-form string
/// (`yyyyMMddTHHmmssZ`), or absent (`None`: now).
pub fn sdk_date_from_input(v: &Input) -> Result<Option<String>, Error> {
    match v {
        Input::Absent => Ok(None),
        Input::Date(Some(ms)) => format_sdk_date(*ms).map(Some).ok_or_else(|| Error::invalid("date", "the Date is out of range")),
        Input::Date(None) => Err(Error::invalid("date", "the Date is invalid")),
        Input::Str(s) if sign::is_sdk_date(s) => Ok(Some(s.clone())),
        Input::Str(_) => Err(Error::invalid("date", "expected a Date or 'YYYYMMDDTHHMMSSZ'")),
        other => Err(Error::invalid("date", format!("expected a Date or a string, got {}", other.type_name()))),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum State {
    Ready,
    AwaitingCredentials,
    AwaitingResponse,
    AwaitingErrorBody { status: u16, request_id: Option<String>, retry_after: Option<String> },
    Sleeping,
    AwaitingParse,
    Finished,
}

impl State {
    fn name(&self) -> &'static str {
        match self {
            State::Ready => "the start",
            State::AwaitingCredentials => "asking for credentials",
            State::AwaitingResponse => "sending",
            State::AwaitingErrorBody { .. } => "reading an error body",
            State::Sleeping => "sleeping",
            State::AwaitingParse => "parsing",
            State::Finished => "the end",
        }
    }
}

/// One operation's attempts (see the module docs).
#[derive(Debug, Clone)]
pub struct Call {
    cfg: Arc<ClientConfig>,
    op: Operation,
    timeout_ms: u32,
    sdk_date: Option<String>,
    attempts: u32,
    state: State,
    /// Values of the credential headers last sent: scrubbed from server-provided text.
    secrets: Secrets,
}

/// Secret strings, never shown by `Debug`.
#[derive(Clone, Default)]
struct Secrets(Vec<String>);

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[{} redacted]", self.0.len())
    }
}

impl Call {
    /// A call of `op` with this client's configuration.
    pub fn new(cfg: Arc<ClientConfig>, op: Operation, opts: CallOptions) -> Call {
        Call { cfg, op, timeout_ms: opts.timeout_ms, sdk_date: None, attempts: 0, state: State::Ready, secrets: Secrets::default() }
    }

    /// Signs with this fixed `X-Sdk-Date` instead of the clock (`buildRequest`'s `date`).
    pub fn with_sdk_date(mut self, date: Option<String>) -> Call {
        self.sdk_date = date;
        self
    }

    /// The operation.
    pub fn operation(&self) -> &Operation {
        &self.op
    }

    /// Tells the call what happened; returns what to do next. After `Done` or `Fail` the call
    /// has ended, and every further event fails.
    pub fn step(&mut self, event: Event, env: Env) -> Action {
        let action = self.advance(event, env);
        if matches!(action, Action::Done(_) | Action::Fail(_)) {
            self.state = State::Finished;
        }
        action
    }

    fn fail(&self, e: Error) -> Action {
        let mut e = e.with_attempts(self.attempts);
        let secrets: Vec<&str> = self.secrets.0.iter().map(String::as_str).collect();
        e.redact(&secrets);
        Action::Fail(e)
    }

    fn advance(&mut self, event: Event, env: Env) -> Action {
        let state = std::mem::replace(&mut self.state, State::Finished);
        match (state, event) {
            (State::Finished, _) => Action::Fail(Error::invalid("call", "the call has already ended")),
            (_, Event::Aborted) => self.fail(Error::new(ErrorKind::Aborted, "the call was aborted")),
            (State::Ready, Event::Start) | (State::Sleeping, Event::Slept) => self.begin_attempt(env),
            (State::AwaitingCredentials, Event::Credentials(Ok(value))) => match Credentials::from_input("credentials", &value) {
                Ok(c) => self.send(Some(&c), env),
                Err(e) => self.fail(e),
            },
            (State::AwaitingCredentials, Event::Credentials(Err(what))) => {
                // The caller's own function failed: retrying would only call it again.
                self.fail(Error::new(ErrorKind::Network, format!("the credentials provider failed ({what})")))
            }
            (State::AwaitingResponse, Event::Response { status, headers }) => {
                if (200..300).contains(&status) {
                    self.state = State::AwaitingParse;
                    Action::Parse(if matches!(self.op, Operation::GlanceShowImage(_)) { Expect::Image } else { Expect::Page })
                } else {
                    let request_id = request_id_from_headers(&headers);
                    let retry_after = retry_after_header(&headers).map(str::to_owned);
                    self.state = State::AwaitingErrorBody { status, request_id, retry_after };
                    Action::ReadErrorBody
                }
            }
            (State::AwaitingErrorBody { status, request_id, retry_after }, Event::ErrorBody(body)) => {
                let e = http_error(status, &body, request_id);
                let wait = retry_after.as_deref().and_then(|v| retry_after_ms(v, env.now_ms));
                self.retry_or_fail(e, wait, env)
            }
            (State::AwaitingResponse | State::AwaitingErrorBody { .. }, Event::TransportFailed { kind, message }) => {
                let kind = if kind == ErrorKind::Timeout { ErrorKind::Timeout } else { ErrorKind::Network };
                self.retry_or_fail(transport_error(kind, message), None, env)
            }
            (State::AwaitingParse, Event::Parsed(facts)) => {
                let ctx = PageContext { limit: self.op.effective_limit() };
                let images = facts.as_ref().map_or(0, |f| f.count);
                let next_marker = facts.as_ref().and_then(|f| next_marker(f, ctx));
                Action::Done(Done { next_marker, images, attempts: self.attempts })
            }
            (State::AwaitingParse, Event::ParseFailed(why)) => self.fail(Error::parse(why)),
            (state, event) => self.fail(Error::invalid("event", format!("{} cannot follow {}", event.name(), state.name()))),
        }
    }

    fn begin_attempt(&mut self, env: Env) -> Action {
        match &self.cfg.credentials {
            CredentialSource::Provider => {
                self.state = State::AwaitingCredentials;
                Action::AskCredentials
            }
            CredentialSource::Static(c) => {
                let c = c.clone();
                self.send(Some(&c), env)
            }
            CredentialSource::None => self.send(None, env),
        }
    }

    fn send(&mut self, creds: Option<&Credentials>, env: Env) -> Action {
        let date = match self.sdk_date.clone().or_else(|| format_sdk_date(env.now_ms)) {
            Some(d) => d,
            None => return self.fail(Error::invalid("date", "the clock is out of range")),
        };
        let cfg = Arc::clone(&self.cfg);
        let opts =
            RequestOptions { project_id: cfg.project_id.as_deref(), credentials: creds, headers: &cfg.headers, sdk_date: Some(&date) };
        let request = match request::build(&cfg.endpoint, &self.op, &opts) {
            Ok(r) => r,
            Err(e) => return self.fail(e),
        };
        self.secrets = Secrets(
            request
                .headers
                .iter()
                .filter(|(k, _)| SECRET_HEADERS.iter().any(|s| k.eq_ignore_ascii_case(s)))
                .map(|(_, v)| v.clone())
                .chain(creds.into_iter().flat_map(|c| c.secrets()).map(str::to_owned))
                .collect(),
        );
        self.attempts = self.attempts.saturating_add(1);
        self.state = State::AwaitingResponse;
        Action::Send { request, timeout_ms: self.timeout_ms }
    }

    fn retry_or_fail(&mut self, e: Error, retry_after: Option<u64>, env: Env) -> Action {
        match next_delay_ms(&e, self.attempts, self.cfg.max_retries, retry_after, env.random) {
            Some(ms) => {
                self.state = State::Sleeping;
                Action::Sleep { ms }
            }
            None => self.fail(e),
        }
    }
}

/// Every page of a list operation, one call after another (see the module docs).
#[derive(Debug, Clone)]
pub struct Pager {
    cfg: Arc<ClientConfig>,
    pages: Paginator,
    opts: CallOptions,
    call: Option<Call>,
}

impl Pager {
    /// The pages of `op` (a list operation), starting where `page_opts` says.
    pub fn new(cfg: Arc<ClientConfig>, op: Operation, opts: CallOptions, page_opts: PageOptions) -> Result<Pager, Error> {
        Ok(Pager { pages: Paginator::new(op, page_opts)?, cfg, opts, call: None })
    }

    /// As [`Call::step`]; `Start` begins the next page, and is answered `End` when there are
    /// no more. `Done` carries the page's `nextMarker`; a marker seen before fails with kind
    /// `pagination`, and so does every later `Start`.
    pub fn step(&mut self, event: Event, env: Env) -> Action {
        let action = match (self.call.as_mut(), event) {
            (None, Event::Start) => match self.pages.next_operation() {
                None => return Action::End,
                Some(op) => {
                    let mut call = Call::new(Arc::clone(&self.cfg), op, self.opts);
                    let action = call.step(Event::Start, env);
                    self.call = Some(call);
                    action
                }
            },
            (None, Event::Aborted) => Action::Fail(Error::new(ErrorKind::Aborted, "the call was aborted")),
            (None, event) => Action::Fail(Error::invalid("event", format!("{} before start", event.name()))),
            (Some(call), event) => call.step(event, env),
        };
        match action {
            Action::Done(done) => {
                self.call = None;
                match self.pages.advance(done.images, done.next_marker.clone()) {
                    Ok(()) => Action::Done(done),
                    Err(e) => Action::Fail(e.with_attempts(done.attempts)),
                }
            }
            Action::Fail(e) => {
                self.call = None;
                self.pages.finish();
                Action::Fail(e)
            }
            other => other,
        }
    }

    /// Ends the iteration (the caller stopped): the next `Start` is answered `End`.
    pub fn finish(&mut self) {
        self.call = None;
        self.pages.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENV: Env = Env { now_ms: 1_540_720_800_000, random: 1 << 31 };

    fn config(json: &str) -> Arc<ClientConfig> {
        Arc::new(ClientConfig::from_input(&Input::from_json_text(json).unwrap()).unwrap())
    }

    fn list(cfg: &Arc<ClientConfig>, query: &str) -> Call {
        let op = Operation::from_input("listImages", &Input::from_json_text(query).unwrap()).unwrap();
        Call::new(Arc::clone(cfg), op, CallOptions { timeout_ms: 1000 })
    }

    fn sent(a: &Action) -> &HttpRequest {
        match a {
            Action::Send { request, .. } => request,
            other => panic!("expected Send, got {other:?}"),
        }
    }

    fn status(status: u16, headers: &[(&str, &str)]) -> Event {
        Event::Response { status, headers: headers.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect() }
    }

    #[test]
    fn retries_503_then_succeeds_with_the_next_marker() {
        let cfg = config(r#"{"endpoint":"https://ims.example.com","credentials":{"token":"tok-1"}}"#);
        let mut call = list(&cfg, r#"{"limit":2}"#);
        let first = call.step(Event::Start, ENV);
        assert_eq!(sent(&first).url, "https://ims.example.com/v2/cloudimages?limit=2");
        assert!(sent(&first).headers.contains(&("X-Auth-Token".into(), "tok-1".into())));
        assert_eq!(call.step(status(503, &[("X-Request-Id", "r1")]), ENV), Action::ReadErrorBody);
        assert_eq!(
            call.step(Event::ErrorBody(br#"{"error_code":"IMG.0503","error_msg":"busy"}"#.to_vec()), ENV),
            Action::Sleep { ms: 100 }
        );
        assert!(matches!(call.step(Event::Slept, ENV), Action::Send { .. }));
        assert_eq!(call.step(status(200, &[]), ENV), Action::Parse(Expect::Page));
        let facts = PageFacts { count: 2, last_id: Some("img-2".into()), ..Default::default() };
        assert_eq!(
            call.step(Event::Parsed(Some(facts)), ENV),
            Action::Done(Done { next_marker: Some("img-2".into()), images: 2, attempts: 2 })
        );
        assert!(matches!(call.step(Event::Start, ENV), Action::Fail(e) if e.key.as_deref() == Some("call")));
    }

    #[test]
    fn gives_up_with_the_last_error_scrubbed_of_secrets() {
        let cfg = config(r#"{"endpoint":"https://h","maxRetries":1,"credentials":{"token":"secret-token-1"}}"#);
        let mut call = list(&cfg, "{}");
        call.step(Event::Start, ENV);
        call.step(status(500, &[]), ENV);
        assert!(matches!(call.step(Event::ErrorBody(b"{}".to_vec()), ENV), Action::Sleep { .. }));
        call.step(Event::Slept, ENV);
        call.step(status(500, &[("x-openstack-request-id", "os-9")]), ENV);
        let Action::Fail(e) = call.step(Event::ErrorBody(br#"{"code":"X","message":"bad secret-token-1"}"#.to_vec()), ENV) else {
            panic!()
        };
        assert_eq!((e.kind, e.status, e.attempts, e.retryable), (ErrorKind::Http, Some(500), 2, true));
        assert_eq!(e.request_id.as_deref(), Some("os-9"));
        assert!(!e.message.contains("secret-token-1"), "{}", e.message);
    }

    #[test]
    fn retry_after_and_what_is_never_retried() {
        let cfg = config(r#"{"endpoint":"https://h"}"#);
        let mut call = list(&cfg, "{}");
        call.step(Event::Start, ENV);
        call.step(status(429, &[("Retry-After", "2")]), ENV);
        assert_eq!(call.step(Event::ErrorBody(Vec::new()), ENV), Action::Sleep { ms: 2000 });
        call.step(Event::Slept, ENV);
        call.step(status(404, &[]), ENV);
        let Action::Fail(e) = call.step(Event::ErrorBody(Vec::new()), ENV) else { panic!() };
        assert_eq!((e.status, e.attempts, e.retryable), (Some(404), 2, false));

        let mut call = list(&cfg, "{}");
        call.step(Event::Start, ENV);
        assert!(matches!(
            call.step(Event::TransportFailed { kind: ErrorKind::Timeout, message: "slow".into() }, ENV),
            Action::Sleep { .. }
        ));
        let Action::Fail(e) = call.step(Event::Aborted, ENV) else { panic!() };
        assert_eq!((e.kind, e.attempts), (ErrorKind::Aborted, 1));
    }

    #[test]
    fn a_provider_is_asked_before_each_attempt() {
        let cfg = config(r#"{"endpoint":"https://h","credentials":{"\u0000":["other","function"]}}"#);
        let mut call = list(&cfg, "{}");
        assert_eq!(call.step(Event::Start, ENV), Action::AskCredentials);
        let token = Input::from_json_text(r#"{"token":"t1"}"#).unwrap();
        assert!(sent(&call.step(Event::Credentials(Ok(token)), ENV)).headers.contains(&("X-Auth-Token".into(), "t1".into())));
        call.step(status(503, &[]), ENV);
        call.step(Event::ErrorBody(Vec::new()), ENV);
        assert_eq!(call.step(Event::Slept, ENV), Action::AskCredentials);
        let bad = Input::from_json_text(r#"{"token":"a\nb"}"#).unwrap();
        let Action::Fail(e) = call.step(Event::Credentials(Ok(bad)), ENV) else { panic!() };
        assert_eq!(e.key.as_deref(), Some("credentials.token"));

        let mut call = list(&cfg, "{}");
        call.step(Event::Start, ENV);
        let Action::Fail(e) = call.step(Event::Credentials(Err("TypeError".into())), ENV) else { panic!() };
        assert_eq!((e.kind, e.retryable, e.attempts), (ErrorKind::Network, false, 0));
        assert_eq!(e.message, "the credentials provider failed (TypeError)");
    }

    #[test]
    fn a_pager_walks_markers_and_stops_on_a_repeat() {
        let cfg = config(r#"{"endpoint":"https://h"}"#);
        let op = Operation::from_input("listImages", &Input::from_json_text(r#"{"tag":["a","b"]}"#).unwrap()).unwrap();
        let mut p = Pager::new(cfg, op, CallOptions { timeout_ms: 5 }, PageOptions { marker: None, page_size: Some(2) }).unwrap();
        let mut page = |marker: Option<&str>, next: &str| {
            let a = p.step(Event::Start, ENV);
            let url = sent(&a).url.clone();
            assert!(url.contains("limit=2") && url.contains("tag=a&tag=b"), "{url}");
            assert_eq!(url.contains("marker="), marker.is_some());
            p.step(status(200, &[]), ENV);
            p.step(Event::Parsed(Some(PageFacts { count: 2, last_id: Some(next.into()), ..Default::default() })), ENV)
        };
        assert!(matches!(page(None, "m1"), Action::Done(_)));
        assert!(matches!(page(Some("m1"), "m2"), Action::Done(_)));
        assert!(matches!(page(Some("m2"), "m1"), Action::Fail(e) if e.kind == ErrorKind::Pagination));
        assert_eq!(p.step(Event::Start, ENV), Action::End);
    }

    #[test]
    fn call_options_and_dates() {
        let opts = |j: &str| CallOptions::from_input(&Input::from_json_text(j).unwrap(), 30_000);
        assert_eq!(opts(r#"{"signal":{"\u0000":["other","AbortSignal"]},"timeoutMs":5}"#).unwrap().timeout_ms, 5);
        assert_eq!(opts(r#"{"signal":{}}"#).unwrap_err().key.as_deref(), Some("signal"));
        assert_eq!(opts(r#"{"timeoutMs":1.5}"#).unwrap_err().key.as_deref(), Some("timeoutMs"));
        assert_eq!(opts(r#"{"nope":1}"#).unwrap_err().key.as_deref(), Some("nope"));
        assert_eq!(sdk_date_from_input(&Input::Date(Some(0))).unwrap().as_deref(), Some("19700101T000000Z"));
        assert!(sdk_date_from_input(&Input::Date(None)).is_err());
        assert!(sdk_date_from_input(&Input::Str("2018".into())).is_err());
    }
}
