//! Every documented image field, by wire name, with a sample wire value and the typed JS value it
//! must become. This list is written out by hand from the documents, independently of the table
//! in src/image.rs, so a field missing from the table or typed wrongly fails here.

use ims_client::image::{js_name, FIELDS};
use ims_client::*;
use serde_json::{json, Value};

/// (wire name, wire value, expected typed value)
fn documented() -> Vec<(&'static str, Value, Value)> {
    vec![
        ("file", json!("/v2/images/x/file"), json!("/v2/images/x/file")),
        ("owner", json!("1bed85"), json!("1bed85")),
        ("id", json!("bc6bed6e"), json!("bc6bed6e")),
        ("size", json!(0), json!(0)),
        ("self", json!("/v2/images/x"), json!("/v2/images/x")),
        ("schema", json!("/v2/schemas/image"), json!("/v2/schemas/image")),
        ("status", json!("active"), json!("active")),
        ("tags", json!(["a", "b=c"]), json!(["a", "b=c"])),
        ("visibility", json!("shared"), json!("shared")),
        ("name", json!("CentOS 7.3 64bit"), json!("CentOS 7.3 64bit")),
        ("checksum", json!("d41d8cd9"), json!("d41d8cd9")),
        ("deleted", json!(false), json!(false)),
        ("protected", json!(true), json!(true)),
        ("container_format", json!("bare"), json!("bare")),
        ("min_ram", json!(2048), json!(2048)),
        ("max_ram", json!("4096"), json!(4096)),
        ("updated_at", json!("2018-09-06T15:17:33Z"), json!("2018-09-06T15:17:33Z")),
        ("__os_bit", json!("64"), json!(64)),
        ("__os_version", json!("CentOS 7.3 64bit"), json!("CentOS 7.3 64bit")),
        ("__description", json!("desc"), json!("desc")),
        ("disk_format", json!("zvhd2"), json!("zvhd2")),
        ("__isregistered", json!("true"), json!(true)),
        ("__platform", json!("Oracle Linux"), json!("Oracle Linux")),
        ("__os_type", json!("Windows"), json!("Windows")),
        ("__system__cmkid", json!("key-1"), json!("key-1")),
        ("min_disk", json!(40), json!(40)),
        ("virtual_env_type", json!("Ironic"), json!("Ironic")),
        ("__image_source_type", json!("uds"), json!("uds")),
        ("__imagetype", json!("market"), json!("market")),
        ("created_at", json!("2018-09-06T14:03:27Z"), json!("2018-09-06T14:03:27Z")),
        ("virtual_size", json!(1024), json!(1024)),
        ("deleted_at", json!("2019-01-01T00:00:00Z"), json!("2019-01-01T00:00:00Z")),
        ("__originalimagename", json!("parent"), json!("parent")),
        ("__backup_id", json!("backup-1"), json!("backup-1")),
        ("__productcode", json!("prod"), json!("prod")),
        ("__image_size", json!("10737418240"), json!(10737418240u64)),
        ("__data_origin", json!("instance,x"), json!("instance,x")),
        ("__root_origin", json!("file"), json!("file")),
        ("__lazyloading", json!("False"), json!(false)),
        ("active_at", json!("2018-09-06T14:05:00Z"), json!("2018-09-06T14:05:00Z")),
        ("__os_feature_list", json!("{\"onekey_resetpasswd\": \"true\"}"), json!("{\"onekey_resetpasswd\": \"true\"}")),
        ("__sequence_num", json!("0"), json!(0)),
        ("__support_kvm", json!("true"), json!(true)),
        ("__support_xen", json!("true"), json!(true)),
        ("__support_largememory", json!("true"), json!(true)),
        ("__support_diskintensive", json!("true"), json!(true)),
        ("__support_highperformance", json!("true"), json!(true)),
        ("__support_xen_gpu_type", json!("M60_vGPU"), json!("M60_vGPU")),
        ("__support_kvm_gpu_type", json!("V100_vGPU"), json!("V100_vGPU")),
        ("__support_xen_hana", json!("true"), json!(true)),
        ("__support_kvm_infiniband", json!("True"), json!(true)),
        ("__support_fc_inject", json!("false"), json!(false)),
        ("__system_support_market", json!(true), json!(true)),
        ("enterprise_project_id", json!("0"), json!("0")),
        ("_sys_enterprise_project_id", json!("0"), json!("0")),
        ("__is_offshelved", json!("false"), json!(false)),
        ("hw_firmware_type", json!("uefi"), json!("uefi")),
        ("hw_vif_multiqueue_enabled", json!("true"), json!(true)),
        ("__support_arm", json!("true"), json!(true)),
        ("__support_agent_list", json!("hss,ces"), json!(["hss", "ces"])),
        ("__account_code", json!("acct"), json!("acct")),
        ("__image_location", json!("obs://bucket"), json!("obs://bucket")),
        ("__is_config_init", json!("true"), json!(true)),
        ("__support_amd", json!("false"), json!(false)),
    ]
}

fn convert(obj: Value) -> Value {
    serde_json::from_str(&image_to_js_json(obj.to_string().as_bytes()).unwrap()).unwrap()
}

#[test]
fn every_documented_field_is_modelled_and_typed() {
    let docs = documented();
    assert_eq!(docs.len(), FIELDS.len(), "the table and the documents disagree on the field count");
    for (wire, sent, expected) in &docs {
        let out = convert(json!({ *wire: sent }));
        let js = js_name(wire);
        assert_eq!(out.get(&js), Some(expected), "{wire} -> {js}: {out}");
        assert_eq!(out["extra"], json!({}), "{wire} must not land in extra");
    }
}

#[test]
fn every_field_null_is_absent_and_a_misfit_goes_to_extra() {
    for (wire, _, _) in documented() {
        let js = js_name(wire);
        let out = convert(json!({ wire: null }));
        assert!(out.get(&js).is_none(), "{wire}: null must be absent");
        // An object fits no kind: it is kept under its wire name.
        let out = convert(json!({ wire: {"odd": [1]} }));
        assert!(out.get(&js).is_none(), "{wire}");
        assert_eq!(out["extra"][wire], json!({"odd": [1]}), "{wire}");
        let img = parse_image(json!({ wire: {"odd": 1} }).to_string().as_bytes()).unwrap();
        assert!(img.extra.contains_key(wire), "{wire}");
    }
}

#[test]
fn js_names_follow_the_mechanical_rule() {
    for f in FIELDS {
        assert_eq!(f.js, js_name(f.wire), "{}", f.wire);
        let snake = if f.wire == "self" { "self_".to_owned() } else { f.wire.trim_start_matches('_').replace("__", "_") };
        assert_eq!(f.rust, snake, "rust field name for {}", f.wire);
    }
    assert_eq!(js_name("__os_type"), "osType");
    assert_eq!(js_name("__isregistered"), "isregistered");
    assert_eq!(js_name("__system__cmkid"), "systemCmkid");
    assert_eq!(js_name("member_status"), "memberStatus");
}

#[test]
fn odd_values_never_fail_the_page_and_nothing_is_lost() {
    let page = json!({"images": [
        {"id": "a", "__os_bit": "sixty-four", "min_disk": "40", "tags": ["x", 1], "__isregistered": "yes",
         "__support_agent_list": 5, "new_field": {"deep": [1, 2]}, "status": "archived", "size": 1e300,
         "max_ram": 9007199254740993u64},
    ]});
    let out: Value = serde_json::from_str(&image_page_to_js_json(page.to_string().as_bytes(), PageContext::default()).unwrap()).unwrap();
    let img = &out["images"][0];
    assert_eq!(img["id"], "a");
    assert_eq!(img["minDisk"], 40, "numeric strings become numbers");
    assert_eq!(img["status"], "archived", "unknown enum values are kept");
    for wire in ["__os_bit", "tags", "__isregistered", "__support_agent_list", "new_field", "size", "max_ram"] {
        assert!(img["extra"].get(wire).is_some(), "{wire} kept in extra: {img}");
    }
    assert!(img.get("osBit").is_none() && img.get("tags").is_none() && img.get("maxRam").is_none());
}
