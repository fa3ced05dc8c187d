//! The JSON forms that cross the boundary: events from the JS driver in, actions and errors out.
//! Everything is text, read with the core's one JSON reader (`Input::from_json_text`) and written
//! here, so the module needs no JS value conversion and no float formatting. Natively testable.
//!
//! Events: `{"ev":"start"}`, `{"ev":"credentials","value":…}`, `{"ev":"credentials-failed",
//! "message":…}`, `{"ev":"response","status":200,"headers":[[name,value],…]}`,
//! `{"ev":"transport-failed","kind":"network"|"timeout","message":…}`, `{"ev":"slept"}`,
//! `{"ev":"parsed","facts":{…}|null}`, `{"ev":"parse-failed","message":…}`, `{"ev":"aborted"}`.
//!
//! Actions: `{"do":"credentials"}`, `{"do":"send","method","url","headers":{…},"timeoutMs"}`,
//! `{"do":"read-error-body"}`, `{"do":"parse","as":"page"|"image"}`, `{"do":"sleep","ms"}`,
//! `{"do":"done","nextMarker"?,"images","attempts"}`, `{"do":"fail","error":{…}}`, `{"do":"end"}`.

use ims_client::call::{Action, Event, Expect};
use ims_client::kinds::write_json_string;
use ims_client::{Error, ErrorKind, Input, PageFacts};

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
        ims_client::text::write_int(v.try_into().unwrap_or(i64::MAX), &mut self.0);
        self
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

/// An object of string members, in order.
pub fn string_map(pairs: &[(String, String)]) -> String {
    pairs.iter().fold(Obj::new(), |o, (k, v)| o.str(k, v)).end()
}

/// An error as the plain object the package turns into an `ImsError`.
pub fn error(e: &Error) -> String {
    Obj::new()
        .str("kind", e.kind.as_str())
        .str("message", &e.message)
        .opt_str("code", e.code.as_deref())
        .opt_str("requestId", e.request_id.as_deref())
        .opt_str("key", e.key.as_deref())
        .raw("status", &e.status.map_or_else(|| "null".to_owned(), |s| ims_client::text::int_text(u64::from(s))))
        .bool("retryable", e.retryable)
        .num("attempts", e.attempts)
        .end()
}

/// An action's JSON form.
pub fn action(a: &Action) -> String {
    match a {
        Action::AskCredentials => Obj::new().str("do", "credentials").end(),
        Action::Send { request, timeout_ms } => Obj::new()
            .str("do", "send")
            .str("method", request.method)
            .str("url", &request.url)
            .raw("headers", &string_map(&request.headers))
            .num("timeoutMs", *timeout_ms)
            .end(),
        Action::ReadErrorBody => Obj::new().str("do", "read-error-body").end(),
        Action::Parse(expect) => Obj::new().str("do", "parse").str("as", if *expect == Expect::Page { "page" } else { "image" }).end(),
        Action::Sleep { ms } => Obj::new().str("do", "sleep").num("ms", *ms).end(),
        Action::Done(d) => Obj::new()
            .str("do", "done")
            .opt_str("nextMarker", d.next_marker.as_deref())
            .num("images", d.images)
            .num("attempts", d.attempts)
            .end(),
        Action::Fail(e) => Obj::new().str("do", "fail").raw("error", &error(e)).end(),
        Action::End => Obj::new().str("do", "end").end(),
    }
}

fn member<'a>(members: &'a [(String, Input)], key: &str) -> &'a Input {
    members.iter().find(|(k, _)| k == key).map_or(&Input::Absent, |(_, v)| v)
}

fn text(v: &Input) -> Option<String> {
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

/// An event from its JSON form (an error body comes separately, as bytes).
pub fn event(json: &str) -> Result<Event, Error> {
    let Input::Object(m) = Input::from_json_text(json)? else { return Err(Error::invalid("event", "expected an object")) };
    let message = || text(member(&m, "message")).unwrap_or_default();
    Ok(match text(member(&m, "ev")).as_deref() {
        Some("start") => Event::Start,
        Some("credentials") => Event::Credentials(Ok(member(&m, "value").clone())),
        Some("credentials-failed") => Event::Credentials(Err(message())),
        Some("response") => {
            let status = match member(&m, "status") {
                Input::Int(s) => u16::try_from(*s).map_err(|_| Error::invalid("event.status", "out of range"))?,
                _ => return Err(Error::invalid("event.status", "expected an integer")),
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
            let kind = text(member(&m, "kind")).and_then(|k| ErrorKind::from_name(&k)).unwrap_or(ErrorKind::Network);
            Event::TransportFailed { kind, message: message() }
        }
        Some("slept") => Event::Slept,
        Some("parsed") => Event::Parsed(match member(&m, "facts") {
            Input::Absent => None,
            f => Some(facts(f)?),
        }),
        Some("parse-failed") => Event::ParseFailed(message()),
        Some("aborted") => Event::Aborted,
        _ => return Err(Error::invalid("event", "unknown event")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ims_client::call::Done;

    #[test]
    fn events_read_and_actions_write() {
        assert_eq!(event(r#"{"ev":"start"}"#).unwrap(), Event::Start);
        assert_eq!(
            event(r#"{"ev":"response","status":503,"headers":[["Retry-After","1"],["bad"]]}"#).unwrap(),
            Event::Response { status: 503, headers: vec![("Retry-After".into(), "1".into())] }
        );
        assert_eq!(
            event(r#"{"ev":"parsed","facts":{"count":2,"lastId":"b","hasPageInfo":true,"hasLinks":false}}"#).unwrap(),
            Event::Parsed(Some(PageFacts {
                count: 2,
                last_id: Some("b".into()),
                page_info_marker: Some(None),
                has_links: false,
                next: None
            }))
        );
        assert!(event(r#"{"ev":"response","status":70000}"#).is_err());
        assert!(event(r#"{"ev":"nope"}"#).is_err());
        assert!(event("[").is_err());
        assert_eq!(
            action(&Action::Done(Done { next_marker: Some("m\"1".into()), images: 3, attempts: 1 })),
            r#"{"do":"done","nextMarker":"m\"1","images":3,"attempts":1}"#
        );
        let mut e = Error::invalid("limit", "bad");
        e.attempts = 2;
        assert_eq!(
            error(&e),
            r#"{"kind":"invalid-argument","message":"limit: bad","key":"limit","status":null,"retryable":false,"attempts":2}"#
        );
    }
}
