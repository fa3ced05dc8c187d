//! The image model. `image_fields!` below is the one declaration of every image field the three
//! documents describe (the union of all revisions): wire name, JS name, field type. The Rust struct,
//! the wire-name lookup, the JS-shaped writer and the TypeScript declaration all come from it.
//! Keys that appear only in the documents' examples (such as `__support_kvm_fpga_type`) are not
//! modelled and land in `extra`. Each row's doc comment is its meaning from the documents; it
//! becomes the hover text of the generated TypeScript.

use std::collections::BTreeMap;

use serde_json::value::RawValue;

use crate::field_types::*;
use crate::open_enums::*;
use crate::table::Row;

/// A row of the image field table.
pub type FieldRow = Row<FieldSpec>;

macro_rules! image_fields {
    ($( $(#[doc = $doc:literal])+ $field:ident : $wire:literal => $js:literal, $ftype:ty; )+) => {
        /// One image. Every property is optional: a field absent or `null` on the wire is `None`.
        /// `extra` holds, under its wire name and as received, every key that is not modelled
        /// and every modelled key whose value did not fit its type.
        #[derive(Debug, Clone, Default)]
        pub struct Image {
            $( $(#[doc = $doc])+ pub $field: Option<<$ftype as FieldType>::Out>, )+
            /// Every key that is not modelled, and every modelled key whose value did not fit its
            /// type, under its wire name, as received.
            pub extra: BTreeMap<String, Box<RawValue>>,
        }

        /// The field table as data, in declaration order.
        pub const FIELDS: &[FieldRow] = &[
            $( Row {
                rust: stringify!($field),
                wire: $wire,
                js: $js,
                ty: FieldSpec { ts: <$ftype as FieldType>::TS, js: <$ftype as FieldType>::JS },
            }, )+
        ];

        /// Each field's meaning, from the documents, in table order.
        pub const FIELD_DOCS: &[&str] = &[$( concat!($($doc),+), )+];

        /// What each field's wire value may be, as a JSON Schema `type`, in table order (read
        /// only by the emulator's schema generator).
        pub const FIELD_WIRE_TYPES: &[&str] = &[$( <$ftype as FieldType>::WIRE, )+];

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

            /// Its position in [`FIELDS`].
            pub(crate) fn index(self) -> usize {
                self as usize
            }

            /// Writes the value as JS-shaped JSON (no key); `false` and nothing written if it
            /// does not fit.
            pub(crate) fn write_js(self, raw: &str, out: &mut String) -> bool {
                match self {
                    $( Field::$field => <$ftype as FieldType>::write_js(raw, out), )+
                }
            }
        }

        impl Image {
            /// Sets the field from its raw value; `false` if it does not fit.
            pub(crate) fn set(&mut self, field: Field, raw: &str) -> bool {
                match field {
                    $( Field::$field => match <$ftype as FieldType>::parse(raw) {
                        Some(v) => { self.$field = Some(v); true }
                        None => false,
                    }, )+
                }
            }

            /// Clears a field (a later `null` for a key seen twice wins, as in `JSON.parse`).
            pub(crate) fn clear(&mut self, field: Field) {
                match field { $( Field::$field => self.$field = None, )+ }
            }

            /// The typed fields under their JS names, absent ones left out: the npm package's
            /// `Image` without `extra` (a driver adds `extra` its own way: its values are raw JSON).
            pub fn js_fields(&self) -> JsFields<'_> {
                JsFields(self)
            }
        }

        impl serde::Serialize for JsFields<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let img = self.0;
                let mut m = s.serialize_map(None)?;
                $( if let Some(v) = &img.$field { m.serialize_entry($js, v)?; } )+
                m.end()
            }
        }

        /// The image as the npm package's `Image` (JS names, typed values, `extra` as received),
        /// for a serializer that understands raw JSON values (serde_json's).
        impl serde::Serialize for Image {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut m = s.serialize_map(None)?;
                $( if let Some(v) = &self.$field { m.serialize_entry($js, v)?; } )+
                m.serialize_entry("extra", &self.extra)?;
                m.end()
            }
        }
    };
}

/// An image's typed fields under their JS names (see [`Image::js_fields`]).
#[derive(Debug, Clone, Copy)]
pub struct JsFields<'a>(&'a Image);

image_fields! {
    /// Link for uploading and downloading the image file.
    file: "file" => "file", Str;
    /// The project (tenant) the image belongs to.
    owner: "owner" => "owner", Str;
    /// Image ID.
    id: "id" => "id", Str;
    /// Not used at present.
    size: "size" => "size", Int;
    /// The image's own link.
    self_: "self" => "self", Str;
    /// The image schema link.
    schema: "schema" => "schema", Str;
    /// Image status: `queued` (metadata created, waiting for the file), `saving` (file being
    /// uploaded), `deleted`, `killed` (upload failed) or `active` (ready for use).
    status: "status" => "status", Enum<ImageStatus>;
    /// Image tags, for managing private images; the list queries can filter on them.
    tags: "tags" => "tags", StrList;
    /// Whether other tenants can see the image: `public`, `private` or `shared`.
    visibility: "visibility" => "visibility", Enum<Visibility>;
    /// Image name.
    name: "name" => "name", Str;
    /// Not used at present.
    checksum: "checksum" => "checksum", Str;
    /// Whether the image is deleted (older revision of the documents).
    deleted: "deleted" => "deleted", Bool;
    /// Whether the image is protected; a protected image cannot be deleted.
    protected: "protected" => "protected", Bool;
    /// Container format (`bare`).
    container_format: "container_format" => "containerFormat", Enum<ContainerFormat>;
    /// The minimum memory to run the image, in MB (usually 0).
    min_ram: "min_ram" => "minRam", Int;
    /// The maximum memory the image supports, in MB (a string on the wire; usually not set).
    max_ram: "max_ram" => "maxRam", Int;
    /// When the image was last updated (UTC, as sent).
    updated_at: "updated_at" => "updatedAt", Time;
    /// The OS bit count, 32 or 64 (a string on the wire).
    os_bit: "__os_bit" => "osBit", Int;
    /// The OS version.
    os_version: "__os_version" => "osVersion", Str;
    /// The image description.
    description: "__description" => "description", Str;
    /// Image format: `vhd`, `zvhd`, `zvhd2`, `raw`, `qcow2` or `iso`.
    disk_format: "disk_format" => "diskFormat", Enum<DiskFormat>;
    /// Whether the image is registered (a string on the wire).
    isregistered: "__isregistered" => "isregistered", Bool;
    /// The image platform: Windows, Ubuntu, Red Hat, SUSE, CentOS, Debian, OpenSUSE, Oracle Linux,
    /// Fedora, Other, CoreOS or EulerOS.
    platform: "__platform" => "platform", Enum<Platform>;
    /// The OS type: `Linux`, `Windows` or `Other`.
    os_type: "__os_type" => "osType", Enum<OsType>;
    /// The ID of the key that encrypts the image.
    system_cmkid: "__system__cmkid" => "systemCmkid", Str;
    /// The minimum disk to run the image, in GB (40 to 1024).
    min_disk: "min_disk" => "minDisk", Int;
    /// Where the image is used: `FusionCompute` (ECS system disk), `DataImage` (data disk),
    /// `Ironic` (bare metal) or `IsoImage`.
    virtual_env_type: "virtual_env_type" => "virtualEnvType", Enum<VirtualEnvType>;
    /// The backend storage type (only `uds` at present).
    image_source_type: "__image_source_type" => "imageSourceType", Str;
    /// Image type: `gold` (public), `private`, `shared` or `market`.
    imagetype: "__imagetype" => "imagetype", Enum<ImageType>;
    /// When the image was created (UTC, as sent).
    created_at: "created_at" => "createdAt", Time;
    /// Not used at present.
    virtual_size: "virtual_size" => "virtualSize", Int;
    /// When the image was deleted (UTC; older revision of the documents).
    deleted_at: "deleted_at" => "deletedAt", Time;
    /// The parent image ID (empty for public images and images created from a file).
    originalimagename: "__originalimagename" => "originalimagename", Str;
    /// The backup the image was created from, if any.
    backup_id: "__backup_id" => "backupId", Str;
    /// The product ID of a marketplace image.
    productcode: "__productcode" => "productcode", Str;
    /// The image file's size in bytes (a string on the wire).
    image_size: "__image_size" => "imageSize", Int;
    /// Where the image came from (empty for public images).
    data_origin: "__data_origin" => "dataOrigin", Str;
    /// `file` when the image was imported from an external file.
    root_origin: "__root_origin" => "rootOrigin", Str;
    /// Whether the image supports lazy loading (`true`, `false`, `True` or `False` on the wire).
    lazyloading: "__lazyloading" => "lazyloading", Bool;
    /// When the image became active.
    active_at: "active_at" => "activeAt", Time;
    /// The advanced features the image supports: a JSON text, kept as sent.
    os_feature_list: "__os_feature_list" => "osFeatureList", Str;
    /// Not used at present (a string on the wire).
    sequence_num: "__sequence_num" => "sequenceNum", Int;
    /// Whether the image supports KVM.
    support_kvm: "__support_kvm" => "supportKvm", Bool;
    /// Whether the image supports Xen.
    support_xen: "__support_xen" => "supportXen", Bool;
    /// Whether the image supports large-memory ECSs.
    support_largememory: "__support_largememory" => "supportLargememory", Bool;
    /// Whether the image supports disk-intensive ECSs.
    support_diskintensive: "__support_diskintensive" => "supportDiskintensive", Bool;
    /// Whether the image supports high-performance ECSs.
    support_highperformance: "__support_highperformance" => "supportHighperformance", Bool;
    /// The GPU type the image supports on Xen (a value, not a flag).
    support_xen_gpu_type: "__support_xen_gpu_type" => "supportXenGpuType", Str;
    /// The GPU type the image supports on KVM (a value, not a flag).
    support_kvm_gpu_type: "__support_kvm_gpu_type" => "supportKvmGpuType", Str;
    /// Whether the image supports HANA ECSs on Xen.
    support_xen_hana: "__support_xen_hana" => "supportXenHana", Bool;
    /// Whether the image supports InfiniBand NICs on KVM.
    support_kvm_infiniband: "__support_kvm_infiniband" => "supportKvmInfiniband", Bool;
    /// `true` means the image does NOT support Cloud-Init password/key injection (ECS system
    /// disk images only).
    support_fc_inject: "__support_fc_inject" => "supportFcInject", Bool;
    /// Whether the image may be published to the marketplace (older revision of the documents).
    system_support_market: "__system_support_market" => "systemSupportMarket", Bool;
    /// The enterprise project the image belongs to (`0` or absent: the default project).
    enterprise_project_id: "enterprise_project_id" => "enterpriseProjectId", Str;
    /// The enterprise project, as the native list reports it.
    sys_enterprise_project_id: "_sys_enterprise_project_id" => "sysEnterpriseProjectId", Str;
    /// Whether a marketplace image is off the shelf.
    is_offshelved: "__is_offshelved" => "isOffshelved", Bool;
    /// How an ECS from the image boots: `bios` or `uefi`.
    hw_firmware_type: "hw_firmware_type" => "hwFirmwareType", Enum<FirmwareType>;
    /// Whether the image supports NIC multi-queue.
    hw_vif_multiqueue_enabled: "hw_vif_multiqueue_enabled" => "hwVifMultiqueueEnabled", Bool;
    /// Whether the image is for the ARM architecture.
    support_arm: "__support_arm" => "supportArm", Bool;
    /// The agents the image supports: `hss` (host security), `ces` (host monitoring); the wire's
    /// `"hss,ces"` becomes `["hss", "ces"]`.
    support_agent_list: "__support_agent_list" => "supportAgentList", CsvList;
    /// The charging identifier of a paid image.
    account_code: "__account_code" => "accountCode", Str;
    /// Where the image is stored.
    image_location: "__image_location" => "imageLocation", Str;
    /// Whether the initial configuration has completed.
    is_config_init: "__is_config_init" => "isConfigInit", Bool;
    /// Whether the image is for the AMD x86 architecture.
    support_amd: "__support_amd" => "supportAmd", Bool;
}

pub use crate::table::js_name;
