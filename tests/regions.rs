//! The region table equals the official Python SDK's IMS list (tests/fixtures/regions.json, written
//! by `make regions` from huaweicloudsdkims in a throwaway venv): same ids, same endpoints, same order.

use ims_client::regions::REGIONS;
use ims_client::request::Endpoint;

#[derive(serde::Deserialize)]
struct Fixture {
    sdk: String,
    regions: Vec<(String, String)>,
}

#[test]
fn the_table_is_the_official_sdks() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/regions.json")).unwrap();
    let fixture: Fixture = serde_json::from_str(&text).unwrap();
    assert!(fixture.sdk.starts_with("huaweicloudsdkims "));
    let ours: Vec<(String, String)> = REGIONS.iter().map(|(id, url)| ((*id).to_owned(), (*url).to_owned())).collect();
    assert_eq!(ours, fixture.regions, "src/regions.rs differs from {}: run `make regions` and update the table", fixture.sdk);
    for (id, url) in REGIONS {
        assert_eq!(Endpoint::new(Some(id), None).unwrap().base(), *url, "{id}");
    }
}
