//! The event/action protocol between the core's loop and the npm package's JS driver, declared
//! once: every message's tag and fields, and for each action the events that answer it (the
//! calling contract of `ims_client::call`, in its JSON form). `json.rs` writes and reads these
//! forms and is checked against this table by a test; the JSDoc typedefs the JS layer is
//! type-checked with (`pkg-template/generated/protocol.js`) and the public `AttemptRecord`
//! declaration are generated from it (golden-tested in `wasm/tests/protocol.rs`).

/// One member of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// Its name in the JSON form.
    pub name: &'static str,
    /// Its TypeScript type.
    pub ts: &'static str,
    /// Whether it may be absent.
    pub optional: bool,
    /// What it holds.
    pub doc: &'static str,
}

/// One message: an event (`{"ev": tag, ...}`) or an action (`{"do": tag, ...}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Message {
    /// The value of `ev` or `do`.
    pub tag: &'static str,
    /// The other members.
    pub fields: &'static [Field],
    /// For an action: the events that answer it (`errorBody` is the `Job.errorBody` call).
    pub answers: &'static [&'static str],
    /// What it means.
    pub doc: &'static str,
}

const fn f(name: &'static str, ts: &'static str, doc: &'static str) -> Field {
    Field { name, ts, optional: false, doc }
}

const fn opt(name: &'static str, ts: &'static str, doc: &'static str) -> Field {
    Field { name, ts, optional: true, doc }
}

/// Every event, in the order of `ims_client::call::Event`.
pub const EVENTS: &[Message] = &[
    Message { tag: "start", fields: &[], answers: &[], doc: "Begin a call." },
    Message { tag: "next-page", fields: &[], answers: &[], doc: "Begin a pager's next page." },
    Message {
        tag: "credentials",
        fields: &[f("value", "unknown", "What the provider returned, in the core's input form.")],
        answers: &[],
        doc: "The credentials provider answered.",
    },
    Message {
        tag: "credentials-failed",
        fields: &[f("threw", "string", "The name of what it threw (never its message).")],
        answers: &[],
        doc: "The credentials provider threw or rejected.",
    },
    Message { tag: "credentials-timeout", fields: &[], answers: &[], doc: "The credentials provider did not answer in time." },
    Message {
        tag: "response",
        fields: &[f("status", "number", "The HTTP status."), f("headers", "[string, string][]", "Every response header.")],
        answers: &[],
        doc: "A response's status and headers arrived; its body is unread.",
    },
    Message {
        tag: "transport-failed",
        fields: &[
            f("failure", "'network' | 'timeout' | 'redirect'", "Why no complete response arrived."),
            f("message", "string", "What the transport said (never a credential)."),
        ],
        answers: &[],
        doc: "No complete response.",
    },
    Message { tag: "slept", fields: &[], answers: &[], doc: "The wait is over." },
    Message {
        tag: "page-parsed",
        fields: &[f("facts", "PageFacts", "What the page says about paging (the converter's `facts`).")],
        answers: &[],
        doc: "The good body is a page.",
    },
    Message { tag: "image-parsed", fields: &[], answers: &[], doc: "The good body is an image." },
    Message {
        tag: "parse-failed",
        fields: &[f("message", "string", "Why the body is not the documented JSON.")],
        answers: &[],
        doc: "The good body is not the documented JSON.",
    },
    Message {
        tag: "aborted",
        fields: &[opt("reason", "string", "The name of the signal's reason (`TimeoutError`), never its message.")],
        answers: &[],
        doc: "The caller's signal fired.",
    },
];

/// Every action, in the order of `ims_client::call::Action`. Any action may also carry
/// `attempt` (an [`ATTEMPT`] record) when the step that led to it ended an attempt.
pub const ACTIONS: &[Message] = &[
    Message {
        tag: "credentials",
        fields: &[f("timeoutMs", "number", "How long the provider may take.")],
        answers: &["credentials", "credentials-failed", "credentials-timeout", "aborted"],
        doc: "Call the credentials provider.",
    },
    Message {
        tag: "send",
        fields: &[
            f("method", "string", "The HTTP method."),
            f("url", "string", "The absolute URL."),
            f("headers", "Record<string, string>", "Every header to send."),
            f("redirect", "'manual'", "Never follow a redirect: hand a 3xx back as the response."),
            f("timeoutMs", "number", "Abort the request, body reading included, after this long."),
        ],
        answers: &["response", "transport-failed", "aborted"],
        doc: "Send this request; report its status and headers as soon as they arrive.",
    },
    Message {
        tag: "read-error-body",
        fields: &[f("maxBytes", "number", "Read at most this many bytes; cancel the rest.")],
        answers: &["errorBody", "transport-failed", "aborted"],
        doc: "Hand over the error response's body (`Job.errorBody`).",
    },
    Message {
        tag: "parse",
        fields: &[f("as", "'page' | 'image'", "What the body is.")],
        answers: &["page-parsed", "image-parsed", "parse-failed", "transport-failed", "aborted"],
        doc: "Read the whole good body and parse it.",
    },
    Message { tag: "sleep", fields: &[f("ms", "number", "Milliseconds.")], answers: &["slept", "aborted"], doc: "Wait (abortable)." },
    Message {
        tag: "done",
        fields: &[
            opt("nextMarker", "string", "Where the next page starts; absent on the last page."),
            f("images", "number", "How many images the page held."),
            f("attempts", "number", "How many requests the call took."),
        ],
        answers: &["next-page"],
        doc: "The call succeeded (a pager: `next-page` begins the next page).",
    },
    Message {
        tag: "fail",
        fields: &[f("error", "import('./errors.js').ErrorInit", "The error, its fields as `ImsError` has them.")],
        answers: &[],
        doc: "The call failed; cancel any body left unread.",
    },
    Message { tag: "end", fields: &[], answers: &[], doc: "A pager has no more pages." },
];

/// The attempt record (the contract's `AttemptRecord`), as it crosses to JS.
pub const ATTEMPT: &[Field] = &[
    f("operation", "'listImages' | 'glanceListImages' | 'glanceShowImage'", "The operation."),
    f("attempt", "number", "1 for the first request of a call (of each page, for an iterator)."),
    f("method", "'GET'", "The HTTP method."),
    f("url", "string", "Exactly as sent (it never holds a credential)."),
    opt("status", "number", "Absent when no response arrived."),
    opt("requestId", "string", "By the same rule as `ImsError.requestId`."),
    opt("errorKind", "'http' | 'network' | 'timeout' | 'aborted' | 'parse'", "Absent on success."),
    f("durationMs", "number", "From sending to the end of reading the body."),
    opt("retryInMs", "number", "Present when another attempt follows: the wait before it."),
];

/// The page facts the converter reports with `page-parsed`.
pub const FACTS: &[Field] = &[
    f("count", "number", "How many images the page held."),
    opt("lastId", "string", "The last image's id, when it is a string."),
    f("hasPageInfo", "boolean", "Whether the page has a `page_info` object."),
    opt("pageInfoMarker", "string", "Its `next_marker`, when it is a string."),
    f("hasLinks", "boolean", "Whether the page has `next` or `first`."),
    opt("next", "string", "`next`, when it is a string."),
];

/// Every event of the credential search (`ims_client::credential_chain::ChainEvent`).
pub const CHAIN_EVENTS: &[Message] = &[
    Message { tag: "start", fields: &[], answers: &[], doc: "Begin the search." },
    Message {
        tag: "env",
        fields: &[f("values", "(string | null)[]", "Each variable asked for, in order; null when unset.")],
        answers: &[],
        doc: "The environment variables were read.",
    },
    Message {
        tag: "file",
        fields: &[
            opt("text", "string", "The file's text, when it was read."),
            opt("missing", "'not-found' | 'unreadable'", "Why there is no text."),
        ],
        answers: &[],
        doc: "The file was read, or could not be.",
    },
    Message {
        tag: "answer",
        fields: &[f("status", "number", "The HTTP status."), f("body", "string", "The body, as text.")],
        answers: &[],
        doc: "The metadata service answered.",
    },
    Message {
        tag: "failed",
        fields: &[f("message", "string", "Why (refused, unreachable, timed out).")],
        answers: &[],
        doc: "The metadata service did not answer.",
    },
];

/// Every action of the credential search (`ims_client::credential_chain::ChainAction`).
pub const CHAIN_ACTIONS: &[Message] = &[
    Message {
        tag: "read-env",
        fields: &[f("names", "string[]", "The variables.")],
        answers: &["env"],
        doc: "Read these environment variables.",
    },
    Message { tag: "read-file", fields: &[f("path", "string", "The path.")], answers: &["file"], doc: "Read this file as UTF-8 text." },
    Message {
        tag: "send",
        fields: &[
            f("method", "'PUT' | 'GET'", "The HTTP method."),
            f("url", "string", "The absolute URL."),
            f("headers", "Record<string, string>", "The headers."),
            f("timeoutMs", "number", "Give up after this long."),
        ],
        answers: &["answer", "failed"],
        doc: "Send this request (no redirects) and read its body.",
    },
    Message {
        tag: "done",
        fields: &[
            f("source", "'env' | 'profile' | 'metadata'", "Where they were found."),
            f("credentials", "import('../index').Credentials & { projectId?: string }", "What the provider returns."),
            opt("expiresAtMs", "number", "When temporary keys expire."),
            opt("metadataToken", "string", "The metadata session token, for the next search."),
        ],
        answers: &[],
        doc: "Found.",
    },
    Message {
        tag: "fail",
        fields: &[f("error", "import('./errors.js').ErrorInit", "The error: no place had credentials, or one answered wrongly.")],
        answers: &[],
        doc: "Not found.",
    },
];

/// The command line's plan (`ims_client::cli::Plan`), as `cliPlan` writes it.
pub const PLAN: &[Field] = &[
    f("command", "'list' | 'glance-list' | 'show' | 'regions' | 'request' | 'help'", "The command."),
    opt("topic", "string", "For `help`: the command it is about."),
    opt("operation", "import('../index').Operation", "The operation sent."),
    opt("imageId", "string", "The image id of `show` or `request glanceShowImage`."),
    opt("query", "Record<string, unknown>", "The filters, in the client's form."),
    opt("regions", "{ id: string, endpoint: string }[]", "For `regions`: each region and its endpoint."),
    f(
        "client",
        "{ region?: string, endpoint?: string, projectId?: string, timeoutMs?: number, maxRetries?: number }",
        "The client's options.",
    ),
    f("credentials", "'token-variable' | 'chain' | 'profile'", "Where the credentials come from."),
    opt("profile", "string", "For `profile`: the section."),
    f("output", "'table' | 'json' | 'ndjson' | 'csv'", "How results are written."),
    f("fields", "string[]", "The image fields written, in order (empty: all, as the Image holds them)."),
    f("all", "boolean", "Every page."),
    f("showSecrets", "boolean", "Print credentials in `request`'s output."),
];

fn object_type(fields: &[Field], head: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !head.is_empty() {
        parts.push(head.to_owned());
    }
    for fl in fields {
        parts.push(format!("{}{}: {}", fl.name, if fl.optional { "?" } else { "" }, fl.ts));
    }
    format!("{{ {} }}", parts.join(", "))
}

fn union(messages: &[Message], key: &str, extra: &str) -> String {
    messages.iter().map(|m| object_type(m.fields, &format!("{key}: '{}'{extra}", m.tag))).collect::<Vec<_>>().join("\n *   | ")
}

/// A typedef of the union of `messages` (tagged by `key`), each listed with what it means (and,
/// for actions, the events that answer it).
fn messages_typedef(name: &str, intro: &str, messages: &[Message], key: &str, extra: &str) -> String {
    let mut out = format!("/**\n * {intro}\n");
    for m in messages {
        let answered = match (key, m.answers) {
            ("do", []) => " Answered by: nothing.".to_owned(),
            ("do", answers) => format!(" Answered by: {}.", answers.join(", ")),
            _ => String::new(),
        };
        out.push_str(&format!(" * - `{}`: {}{answered}\n", m.tag, m.doc));
    }
    out.push_str(&format!(" * @typedef {{{}}} {name}\n */\n\n", union(messages, key, extra)));
    out
}

/// `pkg-template/generated/protocol.js`: the JSDoc typedefs of the JSON forms, for the
/// type-checked JS layer.
pub fn jsdoc() -> String {
    let mut out = String::from(
        "// @ts-check\n// Generated from the protocol table (wasm/src/protocol.rs). Do not edit.\n// The JSON forms the JS driver and the core's loop exchange; each action lists the events that answer it.\n\n",
    );
    out.push_str(&format!("/**\n * What a page says about paging.\n * @typedef {{{}}} PageFacts\n */\n\n", object_type(FACTS, "")));
    out.push_str(&format!(
        "/**\n * One attempt, as `onAttempt` receives it.\n * @typedef {{{}}} AttemptRecord\n */\n\n",
        object_type(ATTEMPT, "")
    ));
    out.push_str(&messages_typedef("Event", "An event, told to the core.", EVENTS, "ev", ""));
    out.push_str(&messages_typedef(
        "Action",
        "An action, asked by the core (with `attempt` when the step ended an attempt).",
        ACTIONS,
        "do",
        ", attempt?: AttemptRecord",
    ));
    out.push_str("export {};\n");
    out
}

/// `pkg-template/generated/node-protocol.js`: the JSDoc typedefs of the Node module's JSON forms
/// (the credential search, the command line's plan).
pub fn node_jsdoc() -> String {
    let mut out = String::from(
        "// @ts-check\n// Generated from the protocol table (wasm/src/protocol.rs). Do not edit.\n// The JSON forms of the Node module: the credential search the providers step, and the command line's plan.\n\n",
    );
    out.push_str(&format!("/**\n * What `ims` is to do.\n * @typedef {{{}}} Plan\n */\n\n", object_type(PLAN, "")));
    out.push_str(&messages_typedef("ChainEvent", "An event, told to the credential search.", CHAIN_EVENTS, "ev", ""));
    out.push_str(&messages_typedef("ChainAction", "An action, asked by the credential search.", CHAIN_ACTIONS, "do", ""));
    out.push_str("export {};\n");
    out
}

/// The public `AttemptRecord` declaration (part of the package's `index.d.ts`).
pub fn attempt_record_declaration() -> String {
    let mut out = String::from(
        "\n/**\n * One attempt, as `onAttempt` receives it after the attempt ends. Never a header, a token, a key or a signature.\n * @example new ImsClient({ endpoint, onAttempt: (a) => log(a.operation, a.status, a.requestId, a.durationMs) });\n */\nexport interface AttemptRecord {\n",
    );
    for fl in ATTEMPT {
        out.push_str(&format!("  /** {} */\n  {}{}: {};\n", fl.doc, fl.name, if fl.optional { "?" } else { "" }, fl.ts));
    }
    out.push_str("}\n");
    out
}
