//! Queries for the two list operations. `query_table!` below is the one declaration of every
//! parameter: wire name, JS name, kind. The two query structs, their validation, their wire
//! encoding and decoding, and their TypeScript interfaces all come from it.
//!
//! On the wire, parameters are sorted by name then value and percent-encoded per RFC 3986, and
//! that one string is both the URL's query and what the signature covers.

pub mod input;
pub mod param;
pub mod time;

use std::collections::BTreeMap;

use crate::enums::*;
use crate::error::Error;
use crate::percent;
use input::Input;
use param::*;

/// A row of the parameter table, as data.
#[derive(Debug, Clone, Copy)]
pub struct ParamInfo {
    pub rust: &'static str,
    pub wire: &'static str,
    pub js: &'static str,
    pub ts: fn() -> String,
}

/// What the client and the paginator need of any query.
pub trait Query: Clone + Default {
    /// The operation name (`listImages`, `glanceListImages`).
    const OPERATION: &'static str;
    const PARAMS: &'static [ParamInfo];
    fn from_input(v: &Input) -> Result<Self, Error>;
    /// Wire pairs, sorted by name then value.
    fn to_pairs(&self) -> Vec<(String, String)>;
    fn from_pairs(pairs: &[(String, String)]) -> Result<Self, Error>;
    fn marker(&self) -> Option<&str>;
    fn set_marker(&mut self, marker: Option<String>);
    fn limit(&self) -> Option<u64>;
    fn set_limit(&mut self, limit: Option<u64>);

    /// The encoded query string (no leading `?`; empty when there are no parameters).
    fn to_query_string(&self) -> String {
        encode_pairs(&self.to_pairs())
    }
}

/// Joins sorted pairs into `k=v&k=v`, each side RFC 3986-encoded.
pub fn encode_pairs(pairs: &[(String, String)]) -> String {
    let mut out = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        percent::encode_into(k, &mut out);
        out.push('=');
        percent::encode_into(v, &mut out);
    }
    out
}

fn unknown_key(key: &str, params: &[ParamInfo], operation: &str) -> Error {
    if let Some(p) = params.iter().find(|p| p.wire == key || p.rust == key) {
        return Error::invalid(key, format!("unknown query parameter; did you mean `{}`?", p.js));
    }
    if let Some(p) = ListImagesQuery::PARAMS.iter().find(|p| p.js == key) {
        return Error::invalid(key, format!("`{}` is not a parameter of {operation}", p.js));
    }
    Error::invalid(key, "unknown query parameter (undocumented parameters go in `extra`)")
}

fn extra_from_input(v: &Input, params: &[ParamInfo]) -> Result<BTreeMap<String, String>, Error> {
    let extra = v.string_map("extra")?;
    for (k, _) in &extra {
        check_extra_key(k, params)?;
    }
    Ok(extra.into_iter().collect())
}

fn check_extra_key(k: &str, params: &[ParamInfo]) -> Result<(), Error> {
    let key = format!("extra.{k}");
    if k.is_empty() {
        return Err(Error::invalid(&key, "empty parameter name"));
    }
    if let Some(p) = params.iter().find(|p| p.wire == k) {
        return Err(Error::invalid(&key, format!("is a documented parameter; use `{}`", p.js)));
    }
    Ok(())
}

fn check_member_status(member_status: bool, visibility: Option<&Visibility>) -> Result<(), Error> {
    if member_status && visibility != Some(&Visibility::Shared) {
        return Err(Error::invalid("memberStatus", "requires visibility: 'shared'"));
    }
    Ok(())
}

macro_rules! query_struct {
    ($(#[$meta:meta])* $name:ident, $op:literal, $( $f:ident : $w:literal => $j:literal, $k:ty; )+) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct $name {
            $( #[doc = concat!("`", $w, "`")] pub $f: Option<<$k as Param>::Out>, )+
            /// Undocumented parameters, sent as given.
            pub extra: BTreeMap<String, String>,
        }

        impl $name {
            /// The cross-parameter rules (each parameter's own rules are in its kind).
            pub fn validate(&self) -> Result<(), Error> {
                check_member_status(self.member_status.is_some(), self.visibility.as_ref())?;
                for k in self.extra.keys() {
                    check_extra_key(k, Self::PARAMS)?;
                }
                Ok(())
            }
        }

        impl Query for $name {
            const OPERATION: &'static str = $op;
            const PARAMS: &'static [ParamInfo] = &[
                $( ParamInfo { rust: stringify!($f), wire: $w, js: $j, ts: <$k as Param>::ts }, )+
            ];

            fn from_input(v: &Input) -> Result<Self, Error> {
                let members = match v {
                    Input::Absent => return Ok(Self::default()),
                    Input::Object(m) => m,
                    other => return Err(Error::invalid("query", format!("expected an object, got {}", other.type_name()))),
                };
                let mut q = Self::default();
                for (key, value) in members {
                    if matches!(value, Input::Absent) {
                        continue;
                    }
                    match key.as_str() {
                        $( $j => q.$f = Some(<$k as Param>::from_input($j, value)?), )+
                        "extra" => q.extra = extra_from_input(value, Self::PARAMS)?,
                        other => return Err(unknown_key(other, Self::PARAMS, $op)),
                    }
                }
                q.validate()?;
                Ok(q)
            }

            fn to_pairs(&self) -> Vec<(String, String)> {
                let mut out = Vec::new();
                $( if let Some(v) = &self.$f {
                    for w in <$k as Param>::to_wire(v) {
                        out.push(($w.to_owned(), w));
                    }
                } )+
                out.extend(self.extra.iter().map(|(k, v)| (k.clone(), v.clone())));
                out.sort();
                out
            }

            fn from_pairs(pairs: &[(String, String)]) -> Result<Self, Error> {
                let mut grouped: BTreeMap<&str, Vec<String>> = BTreeMap::new();
                for (k, v) in pairs {
                    grouped.entry(k.as_str()).or_default().push(v.clone());
                }
                let mut q = Self::default();
                for (key, values) in grouped {
                    match key {
                        $( $w => q.$f = Some(<$k as Param>::from_wire($w, &values)?), )+
                        other => match values.as_slice() {
                            [one] => { q.extra.insert(other.to_owned(), one.clone()); }
                            _ => return Err(Error::invalid(other, "an undocumented parameter may appear only once")),
                        },
                    }
                }
                q.validate()?;
                Ok(q)
            }

            fn marker(&self) -> Option<&str> {
                self.marker.as_deref()
            }
            fn set_marker(&mut self, marker: Option<String>) {
                self.marker = marker;
            }
            fn limit(&self) -> Option<u64> {
                self.limit
            }
            fn set_limit(&mut self, limit: Option<u64>) {
                self.limit = limit;
            }
        }
    };
}

macro_rules! query_table {
    (
        common { $( $cf:ident : $cw:literal => $cj:literal, $ck:ty; )+ }
        ims_only { $( $if_:ident : $iw:literal => $ij:literal, $ik:ty; )+ }
    ) => {
        query_struct!(
            /// `GET /v2/cloudimages`: every parameter of the newest "Querying Images" URI template.
            ListImagesQuery, "listImages", $( $cf : $cw => $cj, $ck; )+ $( $if_ : $iw => $ij, $ik; )+
        );
        query_struct!(
            /// `GET /v2/images`: the parameters the native list takes (no IMS-only ones).
            GlanceListImagesQuery, "glanceListImages", $( $cf : $cw => $cj, $ck; )+
        );
    };
}

query_table! {
    common {
        isregistered: "__isregistered" => "isregistered", PBool;
        imagetype: "__imagetype" => "imagetype", PEnum<ImageType>;
        protected: "protected" => "protected", PBool;
        visibility: "visibility" => "visibility", PEnum<Visibility>;
        owner: "owner" => "owner", PStr;
        id: "id" => "id", PStr;
        status: "status" => "status", PEnum<ImageStatus>;
        name: "name" => "name", PStr;
        container_format: "container_format" => "containerFormat", PEnum<ContainerFormat>;
        disk_format: "disk_format" => "diskFormat", PEnum<DiskFormat>;
        min_ram: "min_ram" => "minRam", PCount;
        min_disk: "min_disk" => "minDisk", PCount;
        os_bit: "__os_bit" => "osBit", PEnum<OsBit>;
        platform: "__platform" => "platform", PEnum<Platform>;
        marker: "marker" => "marker", PStr;
        limit: "limit" => "limit", PPositive;
        sort_key: "sort_key" => "sortKey", PEnum<SortKey>;
        sort_dir: "sort_dir" => "sortDir", PEnum<SortDir>;
        os_type: "__os_type" => "osType", PEnum<OsType>;
        tag: "tag" => "tag", PRepeated;
        member_status: "member_status" => "memberStatus", PEnum<MemberStatus>;
        support_kvm: "__support_kvm" => "supportKvm", PBool;
        support_xen: "__support_xen" => "supportXen", PBool;
        support_largememory: "__support_largememory" => "supportLargememory", PBool;
        support_diskintensive: "__support_diskintensive" => "supportDiskintensive", PBool;
        support_highperformance: "__support_highperformance" => "supportHighperformance", PBool;
        support_xen_gpu_type: "__support_xen_gpu_type" => "supportXenGpuType", PStr;
        support_kvm_gpu_type: "__support_kvm_gpu_type" => "supportKvmGpuType", PStr;
        support_xen_hana: "__support_xen_hana" => "supportXenHana", PBool;
        support_kvm_infiniband: "__support_kvm_infiniband" => "supportKvmInfiniband", PBool;
        created_at: "created_at" => "createdAt", PTime;
        updated_at: "updated_at" => "updatedAt", PTime;
    }
    ims_only {
        whole_image: "__whole_image" => "wholeImage", PBool;
        system_cmkid: "__system__cmkid" => "systemCmkid", PStr;
        virtual_env_type: "virtual_env_type" => "virtualEnvType", PEnum<VirtualEnvType>;
        enterprise_project_id: "enterprise_project_id" => "enterpriseProjectId", PStr;
        flavor_id: "flavor_id" => "flavorId", PStr;
        architecture: "architecture" => "architecture", PEnum<Architecture>;
    }
}
