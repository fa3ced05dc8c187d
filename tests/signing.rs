//! SDK-HMAC-SHA256 against vectors computed by the official Python SDK core (see
//! tests/fixtures/README.md), plus the request builder's use of it.

use ims_client::endpoint::Endpoint;
use ims_client::request::{build, Operation, RequestOptions};
use ims_client::sign::{canonical_uri, sign, SignRequest};
use ims_client::*;
use serde::Deserialize;

#[derive(Deserialize)]
struct Vector {
    name: String,
    method: String,
    url: String,
    headers: std::collections::BTreeMap<String, String>,
    body: Option<String>,
    access_key: String,
    secret_key: String,
    date: String,
    canonical_request: String,
    string_to_sign: String,
    authorization: String,
    uri: String,
}

#[derive(Deserialize)]
struct Vectors {
    sdk: String,
    vectors: Vec<Vector>,
}

fn vectors() -> Vectors {
    let text = std::fs::read_to_string(format!("{}/tests/fixtures/sign_vectors.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn every_official_vector_matches() {
    let all = vectors();
    assert!(all.sdk.starts_with("huaweicloudsdkcore"));
    assert!(all.vectors.len() >= 10);
    for v in &all.vectors {
        // The date is given as an option, not as a header, as `signRequest` callers do.
        let headers: Vec<(&str, &str)> =
            v.headers.iter().filter(|(k, _)| k.as_str() != "X-Sdk-Date").map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let signed = sign(&SignRequest {
            method: &v.method,
            url: &v.url,
            headers: &headers,
            body: v.body.as_deref().unwrap_or("").as_bytes(),
            access_key: &v.access_key,
            secret_key: &v.secret_key,
            date: Some(&v.date),
        })
        .unwrap_or_else(|e| panic!("{}: {e}", v.name));
        assert_eq!(signed.canonical_request, v.canonical_request, "{}", v.name);
        assert_eq!(signed.string_to_sign, v.string_to_sign, "{}", v.name);
        let auth = signed.headers.iter().find(|(k, _)| k == "Authorization").map(|(_, v)| v.as_str());
        assert_eq!(auth, Some(v.authorization.as_str()), "{}", v.name);
        let date = signed.headers.iter().find(|(k, _)| k == "X-Sdk-Date").map(|(_, v)| v.as_str());
        assert_eq!(date, Some(v.date.as_str()));
        assert!(!signed.headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")), "fetch sets Host itself");
        // The SDK's own request line: our canonical query is the string it sends.
        let query = v.uri.split_once('?').map(|(_, q)| q).unwrap_or("");
        assert_eq!(ims_client::sign::canonical_query(v.url.split_once('?').map(|(_, q)| q).unwrap_or("")), query);

        // The same with the date as a header: the SDK's own way.
        let with_header: Vec<(&str, &str)> = v.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let signed = sign(&SignRequest {
            method: &v.method,
            url: &v.url,
            headers: &with_header,
            body: v.body.as_deref().unwrap_or("").as_bytes(),
            access_key: &v.access_key,
            secret_key: &v.secret_key,
            date: None,
        })
        .unwrap();
        assert_eq!(signed.string_to_sign, v.string_to_sign, "{}", v.name);
    }
}

#[test]
fn named_cases_are_all_covered() {
    let names: Vec<String> = vectors().vectors.into_iter().map(|v| v.name).collect();
    for wanted in [
        "no query",
        "many params unsorted",
        "awkward values",
        "repeated tag",
        "security token",
        "header with underscore is not signed",
        "header value with surrounding spaces",
        "post body",
    ] {
        assert!(names.iter().any(|n| n == wanted), "missing vector {wanted}");
    }
}

#[test]
fn signing_rejects_bad_input_without_panicking() {
    let base = |url: &'static str, date: Option<&'static str>| SignRequest {
        method: "GET",
        url,
        headers: &[],
        body: &[],
        access_key: "AK",
        secret_key: "SK",
        date,
    };
    for (req, key) in [
        (base("not a url", Some("20181028T100000Z")), "url"),
        (base("ftp://h/x", Some("20181028T100000Z")), "url"),
        (base("https://user:pw@h/x", Some("20181028T100000Z")), "url"),
        (base("https://h/x", Some("2018-10-28")), "date"),
        (base("https://h/x", None), "date"),
    ] {
        let e = sign(&req).unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidArgument);
        assert_eq!(e.key.as_deref(), Some(key));
    }
    let dup = vec![("X-A", "1"), ("x-a", "2")];
    let e = sign(&SignRequest { headers: &dup, ..base("https://h/x", Some("20181028T100000Z")) }).unwrap_err();
    assert_eq!(e.key.as_deref(), Some("headers"));
}

#[test]
fn canonical_uri_follows_the_sdk() {
    assert_eq!(canonical_uri("/"), "/");
    assert_eq!(canonical_uri("/v2/images/a%20b"), "/v2/images/a%20b/");
    assert_eq!(canonical_uri("/v2/images/中"), "/v2/images/%E4%B8%AD/");
}

fn header<'a>(req: &'a request::HttpRequest, name: &str) -> Option<&'a str> {
    req.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

#[test]
fn requests_for_each_operation() {
    let ep = Endpoint::new(Some("cn-north-4"), None, None).unwrap();
    let q = ListImagesQuery { imagetype: Some(ImageType::Gold), limit: Some(1), ..Default::default() };
    let req = build(&ep, &Operation::from(q), &RequestOptions::default()).unwrap();
    assert_eq!(req.url, "https://ims.cn-north-4.myhuaweicloud.com/v2/cloudimages?__imagetype=gold&limit=1");
    assert_eq!(header(&req, "Accept"), Some("application/json"));
    assert_eq!(header(&req, "Authorization"), None);

    let ep = Endpoint::new(Some("cn-north-4"), Some("http://127.0.0.1:9000/console/proxy/"), None).unwrap();
    let token = Credentials::Token("tok-secret-value".into());
    let opts = RequestOptions { project_id: Some("p1"), credentials: Some(&token), ..Default::default() };
    let req = build(&ep, &Operation::GlanceShowImage("../../v3/auth/tokens".into()), &opts).unwrap();
    assert_eq!(req.url, "http://127.0.0.1:9000/console/proxy/v2/images/..%2F..%2Fv3%2Fauth%2Ftokens");
    assert_eq!(header(&req, "X-Auth-Token"), Some("tok-secret-value"));
    assert_eq!(header(&req, "X-Project-Id"), Some("p1"));
    assert!(!format!("{req:?}").contains("tok-secret-value"), "Debug redacts the token");
    assert!(!format!("{token:?}").contains("tok-secret-value"));

    let aksk =
        Credentials::AkSk { access_key: "AKID".into(), secret_key: "very-secret-key".into(), security_token: Some("sts-token".into()) };
    let opts = RequestOptions { credentials: Some(&aksk), sdk_date: Some("20181028T100000Z"), ..Default::default() };
    let req = build(&ep, &Operation::from(GlanceListImagesQuery { tag: Some(vec!["b".into(), "a".into()]), ..Default::default() }), &opts)
        .unwrap();
    assert_eq!(req.url, "http://127.0.0.1:9000/console/proxy/v2/images?tag=a&tag=b");
    assert!(header(&req, "Authorization")
        .unwrap()
        .starts_with("SDK-HMAC-SHA256 Access=AKID, SignedHeaders=accept;host;x-sdk-date;x-security-token, Signature="));
    assert_eq!(header(&req, "X-Security-Token"), Some("sts-token"));
    let dbg = format!("{req:?} {aksk:?}");
    assert!(!dbg.contains("very-secret-key") && !dbg.contains("sts-token") && !dbg.contains("Signature="), "{dbg}");
}

#[test]
fn endpoint_and_region_rules() {
    assert_eq!(
        Endpoint::new(Some("eu-west-101"), None, None).unwrap().base(),
        "https://ims.eu-west-101.myhuaweicloud.com",
        "as huaweicloudsdkims 3.1.219"
    );
    assert_eq!(Endpoint::new(Some("cn-southwest-3"), None, None).unwrap().base(), "https://ims.cn-southwest-3.myhuaweicloud.com");
    // Issue 14: an unlisted region is refused, as the official SDKs refuse it, with a hint.
    let typo = Endpoint::new(Some("cn-north4"), None, None).unwrap_err();
    assert_eq!(typo.key.as_deref(), Some("region"));
    assert!(typo.message.contains("did you mean \"cn-north-4\"") && typo.message.contains("endpoint"), "{}", typo.message);
    assert_eq!(Endpoint::new(Some("xx-new-9"), None, None).unwrap_err().key.as_deref(), Some("region"));
    assert_eq!(Endpoint::new(None, Some("HTTPS://IMS.Example.com:443/"), None).unwrap().base(), "https://ims.example.com");
    for (region, endpoint, key) in [
        (None, None, "endpoint"),
        (Some("bad region!"), None, "region"),
        (None, Some("localhost:8080"), "endpoint"),
        (None, Some("https://h/?q=1"), "endpoint"),
    ] {
        assert_eq!(Endpoint::new(region, endpoint, None).unwrap_err().key.as_deref(), Some(key));
    }
    assert_eq!(
        build(&Endpoint::parse("https://h").unwrap(), &Operation::GlanceShowImage(String::new()), &RequestOptions::default())
            .unwrap_err()
            .key
            .as_deref(),
        Some("imageId")
    );
}
