//! Error responses in every body shape the official SDKs read, and the request id headers.

use ims_client::headers::request_id as request_id_from_headers;
use ims_client::response::http_error;
use ims_client::*;

#[test]
fn every_documented_body_shape() {
    let cases: [(&str, Option<&str>, &str); 7] = [
        (r#"{"error":{"code":"IMG.0027","message":"image not found"}}"#, Some("IMG.0027"), "image not found"),
        (r#"{"error_code":"APIGW.0308","error_msg":"throttled","request_id":"r-body"}"#, Some("APIGW.0308"), "throttled"),
        (r#"{"errorCode":"IMG.0001","errorMsg":"bad"}"#, Some("IMG.0001"), "bad"),
        (r#"{"code":"IMG.0002","message":"worse"}"#, Some("IMG.0002"), "worse"),
        (r#"{"code":404,"title":"Not Found","message":"No image found with ID x"}"#, Some("404"), "No image found"),
        (r#"{"itemNotFound":{"code":"IMS.0404","message":"nested"}}"#, Some("IMS.0404"), "nested"),
        ("<html><body>502 Bad Gateway</body></html>", None, "502 Bad Gateway"),
    ];
    for (body, code, msg) in cases {
        let e = http_error(404, body.as_bytes(), None);
        assert_eq!(e.kind, ErrorKind::Http);
        assert_eq!(e.status, Some(404));
        assert_eq!(e.code.as_deref(), code, "{body}");
        assert!(e.message.contains(msg), "{body}: {}", e.message);
        assert!(!e.retryable);
    }
    let e = http_error(403, br#"{"error_code":"APIGW.0302","error_msg":"denied","encoded_authorization_message":"ENC123"}"#, None);
    assert_eq!(e.encoded_authorization_message.as_deref(), Some("ENC123"));
    let e = http_error(429, br#"{"error_code":"APIGW.0308","error_msg":"x","request_id":"r-body"}"#, None);
    assert!(e.retryable);
    assert_eq!(e.request_id.as_deref(), Some("r-body"));
    let e = http_error(503, b"", Some("r-head".into()));
    assert!(e.retryable && e.message.contains("empty body"));
    assert_eq!(e.request_id.as_deref(), Some("r-head"), "the header wins");
    for s in [500, 502, 503, 504, 429] {
        assert!(http_error(s, b"{}", None).retryable, "{s}");
    }
    for s in [400, 401, 403, 404, 409] {
        assert!(!http_error(s, b"{}", None).retryable, "{s}");
    }
}

#[test]
fn request_id_headers_case_insensitive() {
    let h = |pairs: &[(&str, &str)]| pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect::<Vec<_>>();
    assert_eq!(request_id_from_headers(&h(&[("Content-Type", "x"), ("x-openstack-request-id", "req-os")])).as_deref(), Some("req-os"));
    assert_eq!(
        request_id_from_headers(&h(&[("X-OpenStack-Request-Id", "req-os"), ("X-REQUEST-ID", "req-ims")])).as_deref(),
        Some("req-ims")
    );
    assert_eq!(request_id_from_headers(&h(&[("X-Request-Id", " "), ("X-OpenStack-Request-Id", "req-os")])).as_deref(), Some("req-os"));
    assert_eq!(request_id_from_headers(&h(&[("a", "b")])), None);
}

#[test]
fn long_and_binary_bodies_are_excerpted() {
    let body = vec![b'x'; 10_000];
    assert!(http_error(500, &body, None).message.chars().count() < 400);
    let e = http_error(500, &[0xff, 0xfe, b'{', 0x00], None);
    assert_eq!(e.kind, ErrorKind::Http);
}

#[test]
fn redaction_removes_known_secrets_from_server_text() {
    let mut e = http_error(401, br#"{"error_msg":"token tok-123456 expired","error_code":"APIGW.0301"}"#, None);
    e.redact(&["tok-123456"]);
    assert!(!e.message.contains("tok-123456"));
    assert!(e.message.contains("[redacted]"));
}

#[test]
fn parse_errors_are_typed() {
    for bad in [&b"{"[..], b"", b"[]", b"{\"images\": 5}", b"{\"images\": [1]}", b"\xff\xfe", b"null"] {
        let e = parse_image_page(bad, PageContext::default()).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Parse, "{:?}", String::from_utf8_lossy(bad));
    }
    assert_eq!(parse_image(b"[1,2]").unwrap_err().kind, ErrorKind::Parse);
}
