//! Every example response in the source documents parses, with the right typed values.

use ims_client::*;
use serde_json::Value;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).expect("fixture")
}

fn js(bytes: &[u8]) -> Value {
    serde_json::from_str(&image_to_js_json(bytes).expect("parses")).expect("valid JSON")
}

#[test]
fn detail_example_000_native() {
    let img = parse_image(&fixture("glance_show_image_000.json")).unwrap();
    assert_eq!(img.min_disk, Some(100));
    assert_eq!(img.os_bit, Some(64));
    assert_eq!(img.isregistered, Some(true));
    assert_eq!(img.lazyloading, Some(true));
    assert_eq!(img.virtual_size, None, "null on the wire is absent");
    assert_eq!(img.protected, Some(true));
    assert_eq!(img.min_ram, Some(2048));
    assert_eq!(img.size, Some(0));
    assert_eq!(img.tags, Some(vec![]));
    assert_eq!(img.platform, Some(Platform::CentOs));
    assert_eq!(img.os_type, Some(OsType::Linux));
    assert_eq!(img.imagetype, Some(ImageType::Gold));
    assert_eq!(img.visibility, Some(Visibility::Public));
    assert_eq!(img.status, Some(ImageStatus::Active));
    assert_eq!(img.disk_format, Some(DiskFormat::Zvhd2));
    assert_eq!(img.virtual_env_type, Some(VirtualEnvType::FusionCompute));
    assert_eq!(img.self_.as_deref(), Some("/v2/images/bc6bed6e-ba3a-4447-afcc-449174a3eb52"));
    assert_eq!(img.created_at.as_deref(), Some("2018-09-06T14:03:27Z"));
    assert_eq!(img.extra.len(), 1);
    assert_eq!(img.extra.get("__support_kvm_fpga_type").map(|r| r.get()), Some("\"VU9P\""));
}

#[test]
fn detail_example_000_js_shape() {
    let v = js(&fixture("glance_show_image_000.json"));
    assert_eq!(v["minDisk"], 100);
    assert_eq!(v["osBit"], 64);
    assert_eq!(v["isregistered"], true);
    assert_eq!(v["lazyloading"], true);
    assert!(v.get("virtualSize").is_none(), "absent, not null");
    assert_eq!(v["extra"], serde_json::json!({"__support_kvm_fpga_type": "VU9P"}));
    assert_eq!(v["self"], "/v2/images/bc6bed6e-ba3a-4447-afcc-449174a3eb52");
    // Nothing under a wire name outside extra.
    assert!(v.as_object().unwrap().keys().all(|k| !k.contains('_')), "{v}");
}

#[test]
fn detail_example_001() {
    let v = js(&fixture("glance_show_image_001.json"));
    assert_eq!(v["id"], "bc6bed6e-ba3a-4447-afcc-449174a3eb52");
    assert_eq!(v["extra"], serde_json::json!({}));
    assert_eq!(v["osVersion"], "CentOS 7.3 64bit");
    assert_eq!(v["containerFormat"], "bare");
}

#[test]
fn list_example_002_older_revision() {
    let page = parse_image_page(&fixture("list_images_002.json"), PageContext::default()).unwrap();
    assert_eq!(page.images.len(), 2);
    assert_eq!(page.images[1].extra.get("__support_kvm_fpga_type").map(|r| r.get()), Some("\"VU9P_COMMON\""));
    assert_eq!(page.next_marker, None, "no limit known and no server marker");
    assert_eq!(page.next, None);
}

#[test]
fn list_example_003_newest_revision() {
    let page = parse_image_page(&fixture("list_images_003.json"), PageContext { limit: Some(2) }).unwrap();
    assert_eq!(page.images.len(), 2);
    for img in &page.images {
        assert_eq!(img.hw_firmware_type, Some(FirmwareType::Bios));
        assert_eq!(img.support_fc_inject, Some(true));
        assert!(img.extra.is_empty());
    }
    // A full page without paging signals continues after its last image.
    assert_eq!(page.next_marker.as_deref(), Some("0328c25e-c840-4496-81ac-c4e01b214b1f"));
    let page = parse_image_page(&fixture("list_images_003.json"), PageContext { limit: Some(3) }).unwrap();
    assert_eq!(page.next_marker, None, "a short page is the last");
}

#[test]
fn glance_list_example_004() {
    let bytes = fixture("glance_list_images_004.json");
    let page = parse_image_page(&bytes, PageContext::default()).unwrap();
    assert_eq!(page.images.len(), 2);
    assert_eq!(page.schema.as_deref(), Some("/v2/schemas/images"));
    assert_eq!(page.first.as_deref(), Some("/v2/images?__isregistered=true&__imagetype=gold&limit=2"));
    assert!(page.next.as_deref().unwrap().contains("marker=0328c25e"));
    assert_eq!(page.next_marker.as_deref(), Some("0328c25e-c840-4496-81ac-c4e01b214b1f"));
    let v: Value = serde_json::from_str(&image_page_to_js_json(&bytes, PageContext::default()).unwrap()).unwrap();
    assert_eq!(v["nextMarker"], "0328c25e-c840-4496-81ac-c4e01b214b1f");
    assert_eq!(v["schema"], "/v2/schemas/images");
    assert_eq!(v["images"][0]["hwFirmwareType"], "bios");
    assert_eq!(v["images"][1]["name"], "CentOS 7.3 64bit with sdx");
}

#[test]
fn native_and_js_shapes_agree_on_every_fixture_and_field() {
    // The native Image, serialized under JS names, equals the JS-shaped writer's object, field for
    // field, on all five fixtures (pages image by image).
    let fixtures = [
        "glance_show_image_000.json",
        "glance_show_image_001.json",
        "list_images_002.json",
        "list_images_003.json",
        "glance_list_images_004.json",
    ];
    let mut images = 0;
    let mut typed = 0;
    for name in fixtures {
        let bytes = fixture(name);
        let (native, shaped): (Vec<Image>, Vec<Value>) = if name.starts_with("glance_show") {
            (vec![parse_image(&bytes).unwrap()], vec![js(&bytes)])
        } else {
            let page = parse_image_page(&bytes, PageContext::default()).unwrap();
            let v: Value = serde_json::from_str(&image_page_to_js_json(&bytes, PageContext::default()).unwrap()).unwrap();
            (page.images, v["images"].as_array().unwrap().clone())
        };
        assert_eq!(native.len(), shaped.len(), "{name}");
        assert!(!native.is_empty(), "{name}");
        for (img, v) in native.iter().zip(&shaped) {
            assert_eq!(serde_json::to_value(img).unwrap(), *v, "{name}: {}", img.id.as_deref().unwrap_or("?"));
            images += 1;
            typed += v.as_object().unwrap().len() - 1;
        }
    }
    assert_eq!(images, 8, "every example image of the documents");
    assert!(typed >= 222, "{typed} typed fields compared");
}
