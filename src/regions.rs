//! The IMS regions, equal to the official Python SDK's list (`huaweicloudsdkims.v2.region.ims_region`);
//! `make regions` re-reads that list into `tests/fixtures/regions.json`, and a test compares this
//! table with it. Every region's endpoint follows one pattern, so only the ids are stored.

/// The IMS region ids, in the official SDK's order.
pub const REGIONS: &[&str] = &[
    "af-south-1",
    "cn-north-4",
    "cn-north-1",
    "cn-east-2",
    "cn-east-3",
    "cn-south-1",
    "cn-southwest-2",
    "ap-southeast-2",
    "ap-southeast-1",
    "ap-southeast-3",
    "cn-north-2",
    "cn-south-2",
    "cn-north-9",
    "la-south-2",
    "sa-brazil-1",
    "la-north-2",
    "na-mexico-1",
    "ap-southeast-4",
    "cn-south-4",
    "tr-west-1",
    "me-east-1",
    "ae-ad-1",
    "cn-east-4",
    "eu-west-101",
    "cn-east-5",
    "eu-west-0",
    "my-kualalumpur-1",
    "af-north-1",
    "ru-moscow-1",
    "ap-southeast-5",
    "cn-north-12",
    "cn-north-11",
    "cn-southwest-3",
];

/// A listed region's endpoint: `https://ims.{id}.myhuaweicloud.com`.
pub fn endpoint_of(id: &str) -> Option<String> {
    REGIONS.contains(&id).then(|| crate::text::concat(&["https://ims.", id, ".myhuaweicloud.com"]))
}

/// The listed region closest to a mistyped one (at most two edits away), for "did you mean".
pub fn closest(id: &str) -> Option<&'static str> {
    crate::text::closest(id, REGIONS.iter().copied(), 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(closest("cn-north4"), Some("cn-north-4"));
        assert_eq!(closest("ap-southeast1"), Some("ap-southeast-1"));
        assert_eq!(closest("mars-1"), None);
        assert_eq!(endpoint_of("cn-north-4").as_deref(), Some("https://ims.cn-north-4.myhuaweicloud.com"));
        assert_eq!(endpoint_of("cn-north-99"), None);
    }
}
