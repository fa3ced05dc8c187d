//! SDK-HMAC-SHA256, step for step as the official Huawei Cloud SDKs sign a request (checked
//! against vectors the Python SDK core computes: `tests/fixtures/sign_vectors.json`).
//!
//! canonical request = METHOD \n canonical URI (each path segment decoded then RFC 3986-encoded,
//! trailing `/`) \n sorted encoded query \n `name:value\n` per signed header \n signed header
//! names joined by `;` \n hex SHA-256 of the body. Signed headers are all headers whose name has
//! no `_`, lower-cased, sorted, values trimmed; `host` is signed from the URL even though `fetch`
//! sets the header itself.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::error::Error;
use crate::percent;
use crate::url::Url;

pub const ALGORITHM: &str = "SDK-HMAC-SHA256";
const EMPTY_HASH: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const HEADER_DATE: &str = "X-Sdk-Date";
const HEADER_CONTENT: &str = "X-Sdk-Content-Sha256";

pub struct SignRequest<'a> {
    pub method: &'a str,
    pub url: &'a str,
    pub headers: &'a [(String, String)],
    pub body: &'a [u8],
    pub access_key: &'a str,
    pub secret_key: &'a str,
    /// `yyyyMMddTHHmmssZ`. When `None`, an `X-Sdk-Date` header must be among `headers`.
    pub date: Option<&'a str>,
}

/// The result. Deliberately no `Debug` that could print the Authorization value by accident.
pub struct Signed {
    /// The headers to send: the given ones (values trimmed), plus `X-Sdk-Date`, plus
    /// `X-Sdk-Content-Sha256` when the SDK would add it, plus `Authorization`. No `Host`.
    pub headers: Vec<(String, String)>,
    pub canonical_request: String,
    pub string_to_sign: String,
}

impl std::fmt::Debug for Signed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Signed { .. }")
    }
}

fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(percent::hex_digit(b >> 4, false));
        s.push(percent::hex_digit(b, false));
    }
    s
}

fn sha256_hex(data: &[u8]) -> String {
    hex(&Sha256::digest(data))
}

/// `yyyyMMddTHHmmssZ` with real digits in every place.
pub fn is_sdk_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 16
        && b.iter().enumerate().all(|(i, c)| match i {
            8 => *c == b'T',
            15 => *c == b'Z',
            _ => c.is_ascii_digit(),
        })
}

/// The canonical URI: decode the path, split on `/`, encode each segment, end with `/`.
pub fn canonical_uri(path: &str) -> String {
    let decoded = percent::decode(path);
    let mut out = decoded.split('/').map(percent::encode).collect::<Vec<_>>().join("/");
    if !out.ends_with('/') {
        out.push('/');
    }
    out
}

/// The canonical query: decoded pairs sorted by name then value, each side encoded.
pub fn canonical_query(query: &str) -> String {
    let mut pairs = percent::parse_query(query);
    pairs.sort();
    crate::query::encode_pairs(&pairs)
}

pub fn sign(req: &SignRequest<'_>) -> Result<Signed, Error> {
    if req.access_key.is_empty() || req.secret_key.is_empty() {
        return Err(Error::invalid("credentials", "accessKey and secretKey must not be empty"));
    }
    if req.method.is_empty() || !req.method.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(Error::invalid("method", "must be an HTTP method name"));
    }
    let url = Url::parse("url", req.url)?;

    let mut headers: Vec<(String, String)> = Vec::with_capacity(req.headers.len() + 3);
    for (k, v) in req.headers {
        if k.is_empty() || !k.bytes().all(|b| b.is_ascii_graphic() && b != b':') {
            return Err(Error::invalid("headers", format!("invalid header name {k:?}")));
        }
        if headers.iter().any(|(h, _)| h.eq_ignore_ascii_case(k)) {
            return Err(Error::invalid("headers", format!("header {k:?} given twice")));
        }
        if req.date.is_some() && k.eq_ignore_ascii_case(HEADER_DATE) {
            continue; // an explicit date wins over a header
        }
        headers.push((k.clone(), v.trim().to_owned()));
    }
    let find = |hs: &[(String, String)], name: &str| {
        hs.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone())
    };

    // As the SDK: a non-JSON content type means the payload is not hashed.
    if let Some(ct) = find(&headers, "content-type") {
        if !ct.starts_with("application/json") && !ct.starts_with("application/bson") && find(&headers, HEADER_CONTENT).is_none() {
            headers.push((HEADER_CONTENT.to_owned(), "UNSIGNED-PAYLOAD".to_owned()));
        }
    }
    let date = match (req.date, find(&headers, HEADER_DATE)) {
        (Some(d), _) => {
            headers.push((HEADER_DATE.to_owned(), d.to_owned()));
            d.to_owned()
        }
        (None, Some(d)) => d,
        (None, None) => return Err(Error::invalid("date", "a date is required")),
    };
    if !is_sdk_date(&date) {
        return Err(Error::invalid("date", "must be yyyyMMddTHHmmssZ"));
    }

    // Headers to sign: everything but names with `_`, plus host from the URL unless given.
    let mut signed: Vec<(String, String)> =
        headers.iter().filter(|(k, _)| !k.contains('_')).map(|(k, v)| (k.to_ascii_lowercase(), v.clone())).collect();
    if !signed.iter().any(|(k, _)| k == "host") {
        signed.push(("host".to_owned(), url.host.clone()));
    }
    signed.sort();
    let signed_names = signed.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>().join(";");
    let mut canonical_headers = String::new();
    for (k, v) in &signed {
        canonical_headers.push_str(k);
        canonical_headers.push(':');
        canonical_headers.push_str(v);
        canonical_headers.push('\n');
    }

    let payload_hash = if req.body.is_empty() {
        EMPTY_HASH.to_owned()
    } else {
        find(&headers, HEADER_CONTENT).unwrap_or_else(|| sha256_hex(req.body))
    };
    let canonical_request = format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        req.method.to_ascii_uppercase(),
        canonical_uri(url.path),
        canonical_query(url.query),
        canonical_headers,
        signed_names,
        payload_hash
    );
    let string_to_sign = format!("{ALGORITHM}\n{date}\n{}", sha256_hex(canonical_request.as_bytes()));
    let mut mac = Hmac::<Sha256>::new_from_slice(req.secret_key.as_bytes())
        .map_err(|_| Error::invalid("credentials", "unusable secret key"))?;
    mac.update(string_to_sign.as_bytes());
    let signature = hex(&mac.finalize().into_bytes());
    headers.push((
        "Authorization".to_owned(),
        format!("{ALGORITHM} Access={}, SignedHeaders={signed_names}, Signature={signature}", req.access_key),
    ));
    Ok(Signed { headers, canonical_request, string_to_sign })
}
