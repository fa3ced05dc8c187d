//! The IMS regions and their endpoints, equal to the official Python SDK's list
//! (`huaweicloudsdkims.v2.region.ims_region`); `make regions` re-reads that list into
//! `tests/fixtures/regions.json`, and a test compares this table with it.

/// The IMS regions (id, endpoint), in the official SDK's order.
pub const REGIONS: &[(&str, &str)] = &[
    ("af-south-1", "https://ims.af-south-1.myhuaweicloud.com"),
    ("cn-north-4", "https://ims.cn-north-4.myhuaweicloud.com"),
    ("cn-north-1", "https://ims.cn-north-1.myhuaweicloud.com"),
    ("cn-east-2", "https://ims.cn-east-2.myhuaweicloud.com"),
    ("cn-east-3", "https://ims.cn-east-3.myhuaweicloud.com"),
    ("cn-south-1", "https://ims.cn-south-1.myhuaweicloud.com"),
    ("cn-southwest-2", "https://ims.cn-southwest-2.myhuaweicloud.com"),
    ("ap-southeast-2", "https://ims.ap-southeast-2.myhuaweicloud.com"),
    ("ap-southeast-1", "https://ims.ap-southeast-1.myhuaweicloud.com"),
    ("ap-southeast-3", "https://ims.ap-southeast-3.myhuaweicloud.com"),
    ("cn-north-2", "https://ims.cn-north-2.myhuaweicloud.com"),
    ("cn-south-2", "https://ims.cn-south-2.myhuaweicloud.com"),
    ("cn-north-9", "https://ims.cn-north-9.myhuaweicloud.com"),
    ("la-south-2", "https://ims.la-south-2.myhuaweicloud.com"),
    ("sa-brazil-1", "https://ims.sa-brazil-1.myhuaweicloud.com"),
    ("la-north-2", "https://ims.la-north-2.myhuaweicloud.com"),
    ("na-mexico-1", "https://ims.na-mexico-1.myhuaweicloud.com"),
    ("ap-southeast-4", "https://ims.ap-southeast-4.myhuaweicloud.com"),
    ("cn-south-4", "https://ims.cn-south-4.myhuaweicloud.com"),
    ("tr-west-1", "https://ims.tr-west-1.myhuaweicloud.com"),
    ("me-east-1", "https://ims.me-east-1.myhuaweicloud.com"),
    ("ae-ad-1", "https://ims.ae-ad-1.myhuaweicloud.com"),
    ("eu-west-101", "https://ims.eu-west-101.myhuaweicloud.eu"),
    ("cn-east-5", "https://ims.cn-east-5.myhuaweicloud.com"),
    ("eu-west-0", "https://ims.eu-west-0.myhuaweicloud.com"),
    ("my-kualalumpur-1", "https://ims.my-kualalumpur-1.myhuaweicloud.com"),
];
