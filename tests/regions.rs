//! The region table equals the official Python SDK's IMS list (tests/fixtures/regions.json, written
//! by `make regions` from huaweicloudsdkims in a throwaway venv): same ids, same endpoints, same order.

use ims_client::endpoint::Endpoint;
use ims_client::regions::{self, REGIONS};

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
    let ours: Vec<(String, String)> = REGIONS.iter().map(|id| ((*id).to_owned(), regions::endpoint_of(id).unwrap())).collect();
    assert_eq!(ours, fixture.regions, "src/regions.rs differs from {}: run `make regions` and update the table", fixture.sdk);
    for (id, url) in &fixture.regions {
        assert_eq!(Endpoint::new(Some(id), None, None).unwrap().base(), url, "{id}");
    }
}
