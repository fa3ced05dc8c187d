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

use crate::dates::is_sdk_date;
use crate::error::Error;
use crate::headers;
use crate::percent::{self, encode_pairs};
use crate::text::{concat, join, json_quote, sort_pairs};
use crate::url::Url;

/// The signing algorithm's name, as it appears in `Authorization`.
pub const ALGORITHM: &str = "SDK-HMAC-SHA256";
const EMPTY_HASH: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const HEADER_DATE: &str = "X-Sdk-Date";
const HEADER_CONTENT: &str = "X-Sdk-Content-Sha256";

/// What to sign.
pub struct SignRequest<'a> {
    /// The HTTP method (`GET`).
    pub method: &'a str,
    /// The absolute URL, query included.
    pub url: &'a str,
    /// The headers to send (their names, lower-cased, are signed unless they hold `_`).
    pub headers: &'a [(&'a str, &'a str)],
    /// The body (empty for these operations).
    pub body: &'a [u8],
    /// The access key id.
    pub access_key: &'a str,
    /// The secret key.
    pub secret_key: &'a str,
    /// `yyyyMMddTHHmmssZ`. When `None`, an `X-Sdk-Date` header must be among `headers`.
    pub date: Option<&'a str>,
}

/// The result. Deliberately no `Debug` that could print the Authorization value by accident.
pub struct Signed {
    /// The headers to send: the given ones (values trimmed), plus `X-Sdk-Date`, plus
    /// `X-Sdk-Content-Sha256` when the SDK would add it, plus `Authorization`. No `Host`.
    pub headers: Vec<(String, String)>,
    /// The canonical request (for comparing with another signer).
    pub canonical_request: String,
    /// The string to sign.
    pub string_to_sign: String,
}

impl std::fmt::Debug for Signed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Signed { .. }")
    }
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = Vec::with_capacity(bytes.len() * 2);
    for &b in bytes {
        let digit = |n: u8| DIGITS.get(usize::from(n & 0xf)).copied().unwrap_or(b'0');
        s.extend([digit(b >> 4), digit(b)]);
    }
    String::from_utf8(s).unwrap_or_default()
}

fn sha256_hex(data: &[u8]) -> String {
    hex(&Sha256::digest(data))
}

/// The canonical URI: decode the path, split on `/`, encode each segment, end with `/`.
pub fn canonical_uri(path: &str) -> String {
    let decoded = percent::decode(path);
    let segments: Vec<String> = decoded.split('/').map(percent::encode).collect();
    let mut out = join(segments.iter().map(String::as_str), "/");
    if !out.ends_with('/') {
        out.push('/');
    }
    out
}

/// The canonical query: decoded pairs sorted by name then value, each side encoded.
pub fn canonical_query(query: &str) -> String {
    let mut pairs = percent::parse_query(query);
    sort_pairs(&mut pairs);
    encode_pairs(&pairs)
}

/// Signs a request as the official SDKs do (see the module docs).
pub fn sign<'a>(req: &SignRequest<'a>) -> Result<Signed, Error> {
    if req.access_key.is_empty() || req.secret_key.is_empty() {
        return Err(Error::invalid("credentials", "accessKey and secretKey must not be empty"));
    }
    headers::check_access_key("accessKey", req.access_key)?;
    if req.method.is_empty() || !req.method.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(Error::invalid("method", "must be an HTTP method name"));
    }
    let url = Url::parse("url", req.url)?;

    // Borrowed until the result is written: names as given, values trimmed.
    let mut headers: Vec<(&str, &str)> = Vec::with_capacity(req.headers.len() + 3);
    for &(k, v) in req.headers {
        if !headers::is_token(k) {
            return Err(Error::invalid("headers", concat(&["invalid header name ", &json_quote(k)])));
        }
        if headers.iter().any(|(h, _)| h.eq_ignore_ascii_case(k)) {
            return Err(Error::invalid("headers", concat(&["header ", &json_quote(k), " given twice"])));
        }
        if req.date.is_some() && k.eq_ignore_ascii_case(HEADER_DATE) {
            continue; // an explicit date wins over a header
        }
        headers.push((k, v.trim()));
    }
    let find = |hs: &[(&str, &'a str)], name: &str| hs.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| *v);

    // As the SDK: a non-JSON content type means the payload is not hashed.
    if let Some(ct) = find(&headers, "content-type") {
        if !ct.starts_with("application/json") && !ct.starts_with("application/bson") && find(&headers, HEADER_CONTENT).is_none() {
            headers.push((HEADER_CONTENT, "UNSIGNED-PAYLOAD"));
        }
    }
    let date = match (req.date, find(&headers, HEADER_DATE)) {
        (Some(d), _) => {
            headers.push((HEADER_DATE, d));
            d
        }
        (None, Some(d)) => d,
        (None, None) => return Err(Error::invalid("date", "a date is required")),
    };
    if !is_sdk_date(date) {
        return Err(Error::invalid("date", "must be yyyyMMddTHHmmssZ"));
    }

    // Headers to sign: everything but names with `_`, plus host from the URL unless given.
    let mut signed: Vec<(String, &str)> =
        headers.iter().filter(|(k, _)| !k.contains('_')).map(|(k, v)| (k.to_ascii_lowercase(), *v)).collect();
    if !signed.iter().any(|(k, _)| k == "host") {
        signed.push(("host".to_owned(), url.host.as_str()));
    }
    sort_pairs(&mut signed);
    let signed_names = join(signed.iter().map(|(k, _)| k.as_str()), ";");
    let mut canonical_headers = String::with_capacity(signed.iter().map(|(k, v)| k.len() + v.len() + 2).sum());
    for (k, v) in &signed {
        canonical_headers.push_str(k);
        canonical_headers.push(':');
        canonical_headers.push_str(v);
        canonical_headers.push('\n');
    }

    let body_hash;
    let payload_hash = if req.body.is_empty() {
        EMPTY_HASH
    } else if let Some(h) = find(&headers, HEADER_CONTENT) {
        h
    } else {
        body_hash = sha256_hex(req.body);
        &body_hash
    };
    let (uri, query) = (canonical_uri(url.path), canonical_query(url.query));
    let canonical_request = concat(&[
        &req.method.to_ascii_uppercase(),
        "\n",
        &uri,
        "\n",
        &query,
        "\n",
        &canonical_headers,
        "\n",
        &signed_names,
        "\n",
        payload_hash,
    ]);
    let string_to_sign = concat(&[ALGORITHM, "\n", date, "\n", &sha256_hex(canonical_request.as_bytes())]);
    let mut mac =
        Hmac::<Sha256>::new_from_slice(req.secret_key.as_bytes()).map_err(|_| Error::invalid("credentials", "unusable secret key"))?;
    mac.update(string_to_sign.as_bytes());
    let signature = hex(&mac.finalize().into_bytes());
    let authorization = concat(&[ALGORITHM, " Access=", req.access_key, ", SignedHeaders=", &signed_names, ", Signature=", &signature]);
    let mut out: Vec<(String, String)> = headers.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    out.push(("Authorization".to_owned(), authorization));
    Ok(Signed { headers: out, canonical_request, string_to_sign })
}
