//! The JSON forms that cross the boundary (declared in [`crate::protocol`]): events from the JS
//! driver in, actions, attempt records and errors out. Everything is text, read with the core's
//! one JSON reader (`Input::from_json_text`) and written here, so the module needs no JS value
//! conversion and no float formatting. Natively testable.

use ims_client::call::{Action, AttemptRecord, CredentialsFailure, Event, Expect, Provided, TransportFailure};
use ims_client::error::FieldValue;
use ims_client::text::{write_int, write_json_string};
use ims_client::{interop, Error, Input, PageFacts};

/// A JSON object being written.
pub struct Obj(String);

impl Obj {
    /// `{`
    pub fn new() -> Obj {
        Obj(String::from("{"))
    }

    fn key(&mut self, k: &str) {
        if self.0.len() > 1 {
            self.0.push(',');
        }
        write_json_string(k, &mut self.0);
        self.0.push(':');
    }

    /// A string member.
    pub fn str(mut self, k: &str, v: &str) -> Obj {
        self.key(k);
        write_json_string(v, &mut self.0);
        self
    }

    /// A string member, when there is one.
    pub fn opt_str(self, k: &str, v: Option<&str>) -> Obj {
        match v {
            Some(v) => self.str(k, v),
            None => self,
        }
    }

    /// An integer member.
    pub fn num(mut self, k: &str, v: impl TryInto<i64>) -> Obj {
        self.key(k);
        write_int(v.try_into().unwrap_or(i64::MAX), &mut self.0);
        self
    }

    /// An integer member, when there is one.
    pub fn opt_num(self, k: &str, v: Option<impl TryInto<i64>>) -> Obj {
        match v {
            Some(v) => self.num(k, v),
            None => self,
        }
    }

    /// A boolean member.
    pub fn bool(mut self, k: &str, v: bool) -> Obj {
        self.key(k);
        self.0.push_str(if v { "true" } else { "false" });
        self
    }

    /// A member whose value is JSON text already.
    pub fn raw(mut self, k: &str, json: &str) -> Obj {
        self.key(k);
        self.0.push_str(json);
        self
    }

    /// `}`
    pub fn end(mut self) -> String {
        self.0.push('}');
        self.0
    }
}

impl Default for Obj {
    fn default() -> Obj {
        Obj::new()
    }
}

/// A JSON array of strings.
pub fn string_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    ims_client::text::json_string_array(items, ",")
}

/// An object of string members, in order.
pub fn string_map(pairs: &[(String, String)]) -> String {
    pairs.iter().fold(Obj::new(), |o, (k, v)| o.str(k, v)).end()
}

/// An error as the plain object the package turns into an `ImsError`: every field of the
/// core's error table, under its JS name, absent ones left out.
pub fn error(e: &Error) -> String {
    e.fields()
        .iter()
        .fold(Obj::new(), |o, (k, v)| match v {
            FieldValue::Str(s) => o.str(k, s),
            FieldValue::Int(n) => o.num(k, *n),
            FieldValue::Bool(b) => o.bool(k, *b),
            FieldValue::Absent => o,
        })
        .end()
}

/// An attempt record's JSON form.
pub fn attempt(r: &AttemptRecord) -> String {
    Obj::new()
        .str("operation", r.operation)
        .num("attempt", r.attempt)
        .str("method", r.method)
        .str("url", &r.url)
        .opt_num("status", r.status)
        .opt_str("requestId", r.request_id.as_deref())
        .opt_str("errorKind", r.error_kind.map(|k| k.as_str()))
        .num("durationMs", r.duration_ms)
        .opt_num("retryInMs", r.retry_in_ms)
        .end()
}

/// An action's JSON form, with the record of an attempt the step ended.
pub fn action(a: &Action, record: Option<&AttemptRecord>) -> String {
    let o = match a {
        Action::AskCredentials { timeout_ms } => Obj::new().str("do", "credentials").num("timeoutMs", *timeout_ms),
        Action::Send { request, timeout_ms } => Obj::new()
            .str("do", "send")
            .str("method", request.method)
            .str("url", &request.url)
            .raw("headers", &string_map(&request.headers))
            .str("redirect", request.redirect.as_str())
            .num("timeoutMs", *timeout_ms),
        Action::ReadErrorBody { max_bytes } => Obj::new().str("do", "read-error-body").num("maxBytes", *max_bytes),
        Action::Parse(expect) => Obj::new().str("do", "parse").str("as", if *expect == Expect::Page { "page" } else { "image" }),
        Action::Sleep { ms } => Obj::new().str("do", "sleep").num("ms", *ms),
        Action::Done(d) => {
            Obj::new().str("do", "done").opt_str("nextMarker", d.next_marker()).num("images", d.images).num("attempts", d.attempts)
        }
        Action::Fail(e) => Obj::new().str("do", "fail").raw("error", &error(e)),
        Action::End => Obj::new().str("do", "end"),
    };
    match record {
        Some(r) => o.raw("attempt", &attempt(r)),
        None => o,
    }
    .end()
}

/// The member `key` of an object's members (absent: `Absent`).
pub(crate) fn member<'a>(members: &'a [(String, Input)], key: &str) -> &'a Input {
    members.iter().find(|(k, _)| k == key).map_or(&Input::Absent, |(_, v)| v)
}

/// A string value, if it is one.
pub(crate) fn text(v: &Input) -> Option<String> {
    match v {
        Input::Str(s) => Some(s.clone()),
        _ => None,
    }
}

/// A page's facts from the converter's JSON form.
pub fn facts(v: &Input) -> Result<PageFacts, Error> {
    let Input::Object(m) = v else { return Err(Error::invalid("facts", "expected an object")) };
    let count = match member(m, "count") {
        Input::Int(n) => usize::try_from(*n).map_err(|_| Error::invalid("facts.count", "negative"))?,
        _ => return Err(Error::invalid("facts.count", "expected an integer")),
    };
    Ok(PageFacts {
        count,
        last_id: text(member(m, "lastId")),
        page_info_marker: (member(m, "hasPageInfo") == &Input::Bool(true)).then(|| text(member(m, "pageInfoMarker"))),
        has_links: member(m, "hasLinks") == &Input::Bool(true),
        next: text(member(m, "next")),
    })
}

/// An event from its JSON form (an error body comes separately, as text).
pub fn event(json: &str) -> Result<Event, Error> {
    let Input::Object(m) = Input::from_json_text(json)? else { return Err(Error::invalid("event", "expected an object")) };
    let message = || text(member(&m, "message")).unwrap_or_default();
    Ok(match text(member(&m, "ev")).as_deref() {
        Some("start") => Event::Start,
        Some("next-page") => Event::NextPage,
        Some("credentials") => Event::Credentials(
            interop::provided_credentials("credentials", member(&m, "value"), true)
                .map(|(credentials, project_id)| Provided { credentials, project_id })
                .map_err(CredentialsFailure::Invalid),
        ),
        Some("credentials-failed") => Event::Credentials(Err(CredentialsFailure::Threw(text(member(&m, "threw")).unwrap_or_default()))),
        Some("credentials-timeout") => Event::Credentials(Err(CredentialsFailure::TimedOut)),
        Some("response") => {
            // A status the driver could not read is the transport's fault, not the caller's.
            let status = match member(&m, "status") {
                Input::Int(s) => u16::try_from(*s).ok().filter(|s| (100..=999).contains(s)),
                _ => None,
            };
            let Some(status) = status else {
                return Ok(Event::TransportFailed {
                    failure: TransportFailure::Network,
                    message: "the response has no valid HTTP status".into(),
                });
            };
            let headers = match member(&m, "headers") {
                Input::Array(items) => items
                    .iter()
                    .filter_map(|pair| match pair {
                        Input::Array(kv) => match kv.as_slice() {
                            [Input::Str(k), Input::Str(v)] => Some((k.clone(), v.clone())),
                            _ => None,
                        },
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            };
            Event::Response { status, headers }
        }
        Some("transport-failed") => {
            let failure = match text(member(&m, "failure")).as_deref() {
                Some("timeout") => TransportFailure::Timeout,
                Some("redirect") => TransportFailure::Redirect,
                _ => TransportFailure::Network,
            };
            Event::TransportFailed { failure, message: message() }
        }
        Some("slept") => Event::Slept,
        Some("page-parsed") => Event::PageParsed(facts(member(&m, "facts"))?),
        Some("image-parsed") => Event::ImageParsed,
        Some("parse-failed") => Event::ParseFailed(message()),
        Some("aborted") => Event::Aborted { reason: text(member(&m, "reason")) },
        _ => return Err(Error::invalid("event", "unknown event")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ims_client::call::Done;
    use ims_client::parse::NextPage;

    #[test]
    fn events_read_and_actions_write() {
        assert_eq!(event(r#"{"ev":"start"}"#).unwrap(), Event::Start);
        assert_eq!(
            event(r#"{"ev":"response","status":503,"headers":[["Retry-After","1"],["bad"]]}"#).unwrap(),
            Event::Response { status: 503, headers: vec![("Retry-After".into(), "1".into())] }
        );
        assert_eq!(
            event(r#"{"ev":"page-parsed","facts":{"count":2,"lastId":"b","hasPageInfo":true,"hasLinks":false}}"#).unwrap(),
            Event::PageParsed(PageFacts {
                count: 2,
                last_id: Some("b".into()),
                page_info_marker: Some(None),
                has_links: false,
                next: None
            })
        );
        for bad in [r#"{"ev":"response","status":70000}"#, r#"{"ev":"response","status":"200"}"#, r#"{"ev":"response"}"#] {
            assert!(matches!(event(bad).unwrap(), Event::TransportFailed { failure: TransportFailure::Network, .. }), "{bad}");
        }
        assert!(event(r#"{"ev":"nope"}"#).is_err());
        assert!(event("[").is_err());
        assert_eq!(
            action(&Action::Done(Done { next: NextPage::At("m\"1".into()), images: 3, attempts: 1 }), None),
            r#"{"do":"done","nextMarker":"m\"1","images":3,"attempts":1}"#
        );
        let mut e = Error::invalid("limit", "bad");
        e.attempts = 2;
        assert_eq!(error(&e), r#"{"kind":"invalid-argument","message":"limit: bad","retryable":false,"attempts":2,"key":"limit"}"#);
    }
}
