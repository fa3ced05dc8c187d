//! The image model. `image_fields!` below is the one declaration of every image field the three
//! documents describe (the union of all revisions): wire name, JS name, kind. The Rust struct,
//! the wire-name lookup, the JS-shaped writer and the TypeScript declaration all come from it.
//! Keys that appear only in the documents' examples (such as `__support_kvm_fpga_type`) are not
//! modelled and land in `extra`.

use std::collections::BTreeMap;

use serde_json::value::RawValue;

use crate::enums::*;
use crate::kinds::*;

/// A row of the field table, as data (for the TypeScript generator and the tests).
#[derive(Debug, Clone, Copy)]
pub struct FieldInfo {
    pub rust: &'static str,
    pub wire: &'static str,
    pub js: &'static str,
    pub ts: fn() -> String,
}

macro_rules! image_fields {
    ($( $(#[doc = $doc:literal])* $field:ident : $wire:literal => $js:literal, $kind:ty; )+) => {
        /// One image. Every property is optional: a field absent or `null` on the wire is `None`.
        /// `extra` holds, under its wire name and as received, every key that is not modelled
        /// and every modelled key whose value did not fit its type.
        #[derive(Debug, Clone, Default)]
        pub struct Image {
            $( $(#[doc = $doc])* pub $field: Option<<$kind as Kind>::Out>, )+
            pub extra: BTreeMap<String, Box<RawValue>>,
        }

        /// The field table as data, in declaration order.
        pub const FIELDS: &[FieldInfo] = &[
            $( FieldInfo { rust: stringify!($field), wire: $wire, js: $js, ts: <$kind as Kind>::ts }, )+
        ];

        /// A modelled field, found by wire name.
        #[allow(non_camel_case_types)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum Field { $($field),+ }

        impl Field {
            pub(crate) fn by_wire(wire: &str) -> Option<Field> {
                match wire {
                    $( $wire => Some(Field::$field), )+
                    _ => None,
                }
            }

            /// Writes `"jsName":value`; `false` and nothing written if the value does not fit.
            pub(crate) fn write_js(self, raw: &str, out: &mut String) -> bool {
                let mark = out.len();
                let ok = match self {
                    $( Field::$field => {
                        out.push_str(concat!("\"", $js, "\":"));
                        <$kind as Kind>::write_js(raw, out)
                    } )+
                };
                if !ok {
                    out.truncate(mark);
                }
                ok
            }
        }

        impl Image {
            /// Sets the field from its raw value; `false` if it does not fit.
            pub(crate) fn set(&mut self, field: Field, raw: &str) -> bool {
                match field {
                    $( Field::$field => match <$kind as Kind>::parse(raw) {
                        Some(v) => { self.$field = Some(v); true }
                        None => false,
                    }, )+
                }
            }

            /// Clears a field (a later `null` for a key seen twice wins, as in `JSON.parse`).
            pub(crate) fn clear(&mut self, field: Field) {
                match field { $( Field::$field => self.$field = None, )+ }
            }
        }
    };
}

image_fields! {
    /// Link for uploading and downloading the image file.
    file: "file" => "file", Str;
    /// Project (tenant) that owns the image.
    owner: "owner" => "owner", Str;
    /// Image ID.
    id: "id" => "id", Str;
    /// Documented as unused.
    size: "size" => "size", Int;
    /// The image's own link.
    self_: "self" => "self", Str;
    /// Image schema link.
    schema: "schema" => "schema", Str;
    /// queued, saving, deleted, killed, active.
    status: "status" => "status", Enum<ImageStatus>;
    /// Image tags.
    tags: "tags" => "tags", StrList;
    /// public, private, shared.
    visibility: "visibility" => "visibility", Enum<Visibility>;
    /// Image name.
    name: "name" => "name", Str;
    /// Documented as unused.
    checksum: "checksum" => "checksum", Str;
    /// Whether the image is deleted (older revision).
    deleted: "deleted" => "deleted", Bool;
    /// Protected images cannot be deleted.
    protected: "protected" => "protected", Bool;
    /// Container format (bare).
    container_format: "container_format" => "containerFormat", Enum<ContainerFormat>;
    /// Minimum memory in MB.
    min_ram: "min_ram" => "minRam", Int;
    /// Maximum memory in MB (a string on the wire).
    max_ram: "max_ram" => "maxRam", Int;
    /// Last update time (UTC).
    updated_at: "updated_at" => "updatedAt", Time;
    /// 32 or 64 (a string on the wire).
    os_bit: "__os_bit" => "osBit", Int;
    /// OS version.
    os_version: "__os_version" => "osVersion", Str;
    /// Description.
    description: "__description" => "description", Str;
    /// vhd, zvhd, zvhd2, raw, qcow2, iso.
    disk_format: "disk_format" => "diskFormat", Enum<DiskFormat>;
    /// Whether the image is registered (a string on the wire).
    isregistered: "__isregistered" => "isregistered", Bool;
    /// Platform (Windows, Ubuntu, Red Hat, ...).
    platform: "__platform" => "platform", Enum<Platform>;
    /// Linux, Windows, Other.
    os_type: "__os_type" => "osType", Enum<OsType>;
    /// Encryption key ID.
    system_cmkid: "__system__cmkid" => "systemCmkid", Str;
    /// Minimum disk in GB.
    min_disk: "min_disk" => "minDisk", Int;
    /// FusionCompute, Ironic, DataImage, IsoImage.
    virtual_env_type: "virtual_env_type" => "virtualEnvType", Enum<VirtualEnvType>;
    /// Backend storage type (uds).
    image_source_type: "__image_source_type" => "imageSourceType", Str;
    /// gold, private, shared, market.
    imagetype: "__imagetype" => "imagetype", Enum<ImageType>;
    /// Creation time (UTC).
    created_at: "created_at" => "createdAt", Time;
    /// Documented as unused.
    virtual_size: "virtual_size" => "virtualSize", Int;
    /// Deletion time (UTC; older revision).
    deleted_at: "deleted_at" => "deletedAt", Time;
    /// Parent image ID.
    originalimagename: "__originalimagename" => "originalimagename", Str;
    /// Backup ID the image was created from.
    backup_id: "__backup_id" => "backupId", Str;
    /// Marketplace product ID.
    productcode: "__productcode" => "productcode", Str;
    /// Image file size in bytes (a string on the wire).
    image_size: "__image_size" => "imageSize", Int;
    /// Image source.
    data_origin: "__data_origin" => "dataOrigin", Str;
    /// `file` when imported from an external file.
    root_origin: "__root_origin" => "rootOrigin", Str;
    /// Lazy loading support (true/false/True/False).
    lazyloading: "__lazyloading" => "lazyloading", Bool;
    /// When the image became active.
    active_at: "active_at" => "activeAt", Time;
    /// Advanced features, a JSON text as sent.
    os_feature_list: "__os_feature_list" => "osFeatureList", Str;
    /// System disk slot number (a string on the wire).
    sequence_num: "__sequence_num" => "sequenceNum", Int;
    /// KVM support.
    support_kvm: "__support_kvm" => "supportKvm", Bool;
    /// Xen support.
    support_xen: "__support_xen" => "supportXen", Bool;
    /// Large-memory ECS support.
    support_largememory: "__support_largememory" => "supportLargememory", Bool;
    /// Disk-intensive ECS support.
    support_diskintensive: "__support_diskintensive" => "supportDiskintensive", Bool;
    /// High-performance ECS support.
    support_highperformance: "__support_highperformance" => "supportHighperformance", Bool;
    /// GPU type on Xen (a value, not a flag).
    support_xen_gpu_type: "__support_xen_gpu_type" => "supportXenGpuType", Str;
    /// GPU type on KVM (a value, not a flag).
    support_kvm_gpu_type: "__support_kvm_gpu_type" => "supportKvmGpuType", Str;
    /// HANA on Xen.
    support_xen_hana: "__support_xen_hana" => "supportXenHana", Bool;
    /// InfiniBand NICs on KVM.
    support_kvm_infiniband: "__support_kvm_infiniband" => "supportKvmInfiniband", Bool;
    /// true means Cloud-Init password/key injection is NOT supported.
    support_fc_inject: "__support_fc_inject" => "supportFcInject", Bool;
    /// Whether the image may be published to the marketplace (older revision).
    system_support_market: "__system_support_market" => "systemSupportMarket", Bool;
    /// Enterprise project (0 or absent: default).
    enterprise_project_id: "enterprise_project_id" => "enterpriseProjectId", Str;
    /// Enterprise project, as the native list reports it.
    sys_enterprise_project_id: "_sys_enterprise_project_id" => "sysEnterpriseProjectId", Str;
    /// Whether a marketplace image is off the shelf.
    is_offshelved: "__is_offshelved" => "isOffshelved", Bool;
    /// bios or uefi.
    hw_firmware_type: "hw_firmware_type" => "hwFirmwareType", Enum<FirmwareType>;
    /// NIC multi-queue support.
    hw_vif_multiqueue_enabled: "hw_vif_multiqueue_enabled" => "hwVifMultiqueueEnabled", Bool;
    /// ARM architecture.
    support_arm: "__support_arm" => "supportArm", Bool;
    /// Agents supported: `"hss,ces"` becomes `["hss", "ces"]`.
    support_agent_list: "__support_agent_list" => "supportAgentList", CsvList;
    /// Charging identifier.
    account_code: "__account_code" => "accountCode", Str;
    /// Storage location.
    image_location: "__image_location" => "imageLocation", Str;
    /// Whether initial configuration completed.
    is_config_init: "__is_config_init" => "isConfigInit", Bool;
    /// AMD x86 architecture.
    support_amd: "__support_amd" => "supportAmd", Bool;
}

/// The mechanical rule from wire name to JS name: drop leading underscores, split on `_`
/// (dropping empty parts), join in lowerCamelCase.
pub fn js_name(wire: &str) -> String {
    let mut out = String::with_capacity(wire.len());
    for (i, part) in wire.split('_').filter(|p| !p.is_empty()).enumerate() {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            if i == 0 {
                out.push(first);
            } else {
                out.extend(first.to_uppercase());
            }
            out.push_str(chars.as_str());
        }
    }
    out
}
