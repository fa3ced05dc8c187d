//! Queries: every documented parameter (written out here from the "Querying Images" URI template,
//! independently of the table in src/query), encoding, and a failing input for every rule.

use ims_client::*;
use ims_client::{interop, Input};
use serde_json::{json, Value};

fn input(v: Value) -> Input {
    Input::from_json(&v)
}

fn list(v: Value) -> Result<ListImagesQuery, Error> {
    interop::query::<ListImagesQuery>(&input(v))
}

fn glance(v: Value) -> Result<GlanceListImagesQuery, Error> {
    interop::query::<GlanceListImagesQuery>(&input(v))
}

/// The 36 names of the newest URI template plus `flavor_id` and `architecture`, each with a JS
/// value and the wire value it must produce.
fn documented() -> Vec<(&'static str, &'static str, Value, &'static str)> {
    vec![
        ("__isregistered", "isregistered", json!(true), "true"),
        ("__imagetype", "imagetype", json!("gold"), "gold"),
        ("__whole_image", "wholeImage", json!(false), "false"),
        ("__system__cmkid", "systemCmkid", json!("key-1"), "key-1"),
        ("protected", "protected", json!(true), "true"),
        ("visibility", "visibility", json!("public"), "public"),
        ("owner", "owner", json!("proj"), "proj"),
        ("id", "id", json!("img-1"), "img-1"),
        ("status", "status", json!("active"), "active"),
        ("name", "name", json!("CentOS 7.3 64bit"), "CentOS 7.3 64bit"),
        ("container_format", "containerFormat", json!("bare"), "bare"),
        ("disk_format", "diskFormat", json!("zvhd2"), "zvhd2"),
        ("min_ram", "minRam", json!(0), "0"),
        ("min_disk", "minDisk", json!(40), "40"),
        ("__os_bit", "osBit", json!("64"), "64"),
        ("__platform", "platform", json!("Red Hat"), "Red Hat"),
        ("marker", "marker", json!("img-0"), "img-0"),
        ("limit", "limit", json!(500), "500"),
        ("sort_key", "sortKey", json!("status"), "status"),
        ("sort_dir", "sortDir", json!("asc"), "asc"),
        ("__os_type", "osType", json!("Linux"), "Linux"),
        ("tag", "tag", json!("a=b"), "a=b"),
        ("member_status", "memberStatus", json!("accepted"), "accepted"),
        ("__support_kvm", "supportKvm", json!(true), "true"),
        ("__support_xen", "supportXen", json!(true), "true"),
        ("__support_largememory", "supportLargememory", json!(true), "true"),
        ("__support_diskintensive", "supportDiskintensive", json!(true), "true"),
        ("__support_highperformance", "supportHighperformance", json!(true), "true"),
        ("__support_xen_gpu_type", "supportXenGpuType", json!("M60_vGPU"), "M60_vGPU"),
        ("__support_kvm_gpu_type", "supportKvmGpuType", json!("V100_vGPU"), "V100_vGPU"),
        ("__support_xen_hana", "supportXenHana", json!(true), "true"),
        ("__support_kvm_infiniband", "supportKvmInfiniband", json!(true), "true"),
        ("virtual_env_type", "virtualEnvType", json!("FusionCompute"), "FusionCompute"),
        ("enterprise_project_id", "enterpriseProjectId", json!("all_granted_eps"), "all_granted_eps"),
        ("created_at", "createdAt", json!("lt:2018-10-28T10:00:00Z"), "lt:2018-10-28T10:00:00Z"),
        ("updated_at", "updatedAt", json!({"op": "gte", "time": "2018-10-28 10:00:00"}), "gte:2018-10-28 10:00:00"),
        ("flavor_id", "flavorId", json!("s6.large.2"), "s6.large.2"),
        ("architecture", "architecture", json!("arm"), "arm"),
    ]
}

const IMS_ONLY: [&str; 6] = ["wholeImage", "systemCmkid", "virtualEnvType", "enterpriseProjectId", "flavorId", "architecture"];

#[test]
fn every_documented_parameter_reaches_the_wire() {
    let docs = documented();
    assert_eq!(docs.len(), 38);
    assert_eq!(ListImagesQuery::PARAMS.len(), 38);
    assert_eq!(GlanceListImagesQuery::PARAMS.len(), 32);
    for (wire, js, value, expected) in docs {
        let mut obj = json!({ js: value });
        if js == "memberStatus" {
            obj["visibility"] = json!("shared");
        }
        let q = list(obj.clone()).unwrap_or_else(|e| panic!("{js}: {e}"));
        assert!(q.to_pairs().contains(&(wire.to_owned(), expected.to_owned())), "{js}: {:?}", q.to_pairs());
        match glance(obj) {
            Ok(g) => {
                assert!(!IMS_ONLY.contains(&js), "{js} is IMS-only");
                assert!(g.to_pairs().contains(&(wire.to_owned(), expected.to_owned())));
            }
            Err(e) => {
                assert!(IMS_ONLY.contains(&js), "{js}: {e}");
                assert_eq!(e.kind, ErrorKind::InvalidArgument);
                assert_eq!(e.key.as_deref(), Some(js));
            }
        }
    }
}

#[test]
fn wire_is_sorted_by_name_then_value_and_rfc3986() {
    let q = list(json!({
        "tag": ["zeta", "alpha", "mid dle"], "name": "a+b/c~d*e!f'g(h)i", "limit": 2, "imagetype": "gold",
        "platform": "Oracle Linux", "createdAt": "lt:2018-10-28T10:00:00Z", "extra": {"__os_version": "中文"}
    }))
    .unwrap();
    assert_eq!(
        q.to_query_string(),
        "__imagetype=gold&__os_version=%E4%B8%AD%E6%96%87&__platform=Oracle%20Linux\
         &created_at=lt%3A2018-10-28T10%3A00%3A00Z&limit=2&name=a%2Bb%2Fc~d%2Ae%21f%27g%28h%29i\
         &tag=alpha&tag=mid%20dle&tag=zeta"
    );
}

#[test]
fn dates_are_written_in_the_documented_utc_form() {
    let mut q = ListImagesQuery::default();
    q.created_at = Some(TimeFilter::at_epoch_ms(TimeOp::Gt, 1_540_720_800_123).unwrap());
    assert_eq!(q.to_pairs(), vec![("created_at".to_owned(), "gt:2018-10-28T10:00:00Z".to_owned())]);
    let q = interop::query::<ListImagesQuery>(&Input::Object(vec![(
        "updatedAt".into(),
        Input::Object(vec![("op".into(), Input::Str("neq".into())), ("time".into(), Input::Date(Some(0)))]),
    )]))
    .unwrap();
    assert_eq!(q.to_query_string(), "updated_at=neq%3A1970-01-01T00%3A00%3A00Z");
}

#[test]
fn absent_and_null_values_are_skipped() {
    let q = list(json!({"name": null, "limit": null})).unwrap();
    assert!(q.to_pairs().is_empty());
    assert_eq!(interop::query::<ListImagesQuery>(&Input::Absent).unwrap(), ListImagesQuery::default());
}

fn rejects(v: Value, key: &str) {
    for result in [list(v.clone()).map(|_| ()), glance(v.clone()).map(|_| ())] {
        let e = result.expect_err(&format!("{v} must be rejected"));
        assert_eq!(e.kind, ErrorKind::InvalidArgument, "{v}");
        assert_eq!(e.key.as_deref(), Some(key), "{v}: {e}");
        assert!(e.message.starts_with(key), "the message names the key: {}", e.message);
    }
}

#[test]
fn every_validation_rule_fails_with_the_key_named() {
    rejects(json!("name=x"), "query");
    rejects(json!({"nmae": "x"}), "nmae");
    rejects(json!({"sort_key": "name"}), "sort_key");
    rejects(json!({"__os_type": "Linux"}), "__os_type");
    rejects(json!({"name": 5}), "name");
    rejects(json!({"protected": "true"}), "protected");
    rejects(json!({"isregistered": 1}), "isregistered");
    rejects(json!({"limit": 0}), "limit");
    rejects(json!({"limit": -5}), "limit");
    rejects(json!({"limit": 2.5}), "limit");
    rejects(json!({"limit": "10"}), "limit");
    rejects(json!({"limit": 1e300}), "limit");
    rejects(json!({"minRam": -1}), "minRam");
    rejects(json!({"minDisk": 1.5}), "minDisk");
    rejects(json!({"minDisk": "40"}), "minDisk");
    rejects(json!({"tag": ["a", 1]}), "tag[1]");
    rejects(json!({"tag": 7}), "tag");
    rejects(json!({"sortKey": 1}), "sortKey");
    rejects(json!({"createdAt": {"op": "before", "time": "2018-10-28T10:00:00Z"}}), "createdAt");
    rejects(json!({"createdAt": "before:2018-10-28T10:00:00Z"}), "createdAt");
    rejects(json!({"createdAt": {"op": "lt", "time": "2018-10-28T10:00:00"}}), "createdAt");
    rejects(json!({"createdAt": {"op": "lt", "time": "2018-02-30 10:00:00"}}), "createdAt");
    rejects(json!({"updatedAt": "lt:yesterday"}), "updatedAt");
    rejects(json!({"updatedAt": "2018-10-28T10:00:00Z"}), "updatedAt");
    rejects(json!({"createdAt": {"op": "lt"}}), "createdAt");
    rejects(json!({"createdAt": {"time": "2018-10-28T10:00:00Z"}}), "createdAt");
    rejects(json!({"createdAt": {"op": "lt", "time": 5}}), "createdAt.time");
    rejects(json!({"createdAt": {"op": "lt", "time": "2018-10-28T10:00:00Z", "zone": "x"}}), "createdAt.zone");
    rejects(json!({"createdAt": 5}), "createdAt");
    rejects(json!({"memberStatus": "accepted"}), "memberStatus");
    rejects(json!({"memberStatus": "accepted", "visibility": "public"}), "memberStatus");
    rejects(json!({"extra": "a=b"}), "extra");
    rejects(json!({"extra": {"x": 1}}), "extra.x");
    rejects(json!({"extra": {"sort_key": "name"}}), "extra.sort_key");
    rejects(json!({"extra": {"marker": "m"}}), "extra.marker");
    rejects(json!({"extra": {"": "v"}}), "extra.");
    let e = list(json!({"createdAt": {"op": "lt", "time": "x"}})).unwrap_err();
    assert!(e.message.contains("yyyy-MM-dd"), "{}", e.message);
    // An invalid JS Date.
    let e = interop::query::<ListImagesQuery>(&Input::Object(vec![(
        "createdAt".into(),
        Input::Object(vec![("op".into(), Input::Str("lt".into())), ("time".into(), Input::Date(None))]),
    )]))
    .unwrap_err();
    assert_eq!(e.key.as_deref(), Some("createdAt"));
}

#[test]
fn member_status_with_shared_visibility_is_fine() {
    let q = list(json!({"memberStatus": "pending", "visibility": "shared", "imagetype": "shared"})).unwrap();
    assert_eq!(q.to_query_string(), "__imagetype=shared&member_status=pending&visibility=shared");
}

#[test]
fn unknown_enum_values_are_accepted_and_sent() {
    let q = glance(json!({"platform": "Kylin", "sortKey": "min_ram", "visibility": "community"})).unwrap();
    assert_eq!(q.platform, Some(Platform::Unknown("Kylin".into())));
    assert_eq!(q.to_query_string(), "__platform=Kylin&sort_key=min_ram&visibility=community");
}

#[test]
fn decoding_the_wire_gives_the_query_back() {
    let q = list(json!({"tag": ["b", "a"], "limit": 3, "createdAt": "gte:2020-01-01 00:00:00", "supportKvm": true,
        "extra": {"x_custom": "1"}, "osBit": "32"}))
    .unwrap();
    let pairs = ims_client::percent::parse_query(&q.to_query_string());
    let back = ListImagesQuery::from_pairs(&pairs).unwrap();
    assert_eq!(back.tag, Some(vec!["a".to_owned(), "b".to_owned()]), "tags come back sorted");
    assert_eq!(back.to_query_string(), q.to_query_string());
    let e = ListImagesQuery::from_pairs(&[("limit".into(), "0".into())]).unwrap_err();
    assert_eq!(e.key.as_deref(), Some("limit"));
    let e = ListImagesQuery::from_pairs(&[("member_status".into(), "accepted".into())]).unwrap_err();
    assert_eq!(e.key.as_deref(), Some("memberStatus"));
}
