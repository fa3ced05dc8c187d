//! Queries for the two list operations. `query_table!` below is the one declaration of every
//! parameter: wire name, JS name, Rust type (which names its parameter type, `param::ParamType`), meaning.
//! The two query structs, their validation, their wire encoding and decoding, and their
//! TypeScript interfaces all come from it. The logic is written once per kind and driven by the
//! table; each struct only moves values in and out of its fields.
//!
//! On the wire, parameters are sorted by name then value and percent-encoded per RFC 3986, and
//! that one string is both the URL's query and what the signature covers.

pub mod param;
pub mod time;

use crate::error::Error;
use crate::open_enums::*;
use crate::percent::encode_pairs;
use crate::table::Row;
use crate::text::sort_pairs;
use param::{ParamField, ParamRow, ParamType, ParamValue};
use time::TimeFilter;

/// A validated query of a list operation, as the client needs it: the parameters set (each a
/// value of its row's kind, in table order) and the undocumented ones. Validation, the
/// cross-parameter rules and the wire encoding are here, driven by the table; the typed structs
/// convert to and from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryValues {
    params: &'static [ParamRow],
    operation: &'static str,
    values: Vec<(usize, ParamValue)>,
    extra: Vec<(String, String)>,
}

impl QueryValues {
    /// No parameters, for the operation whose table is `params`.
    pub fn new(operation: &'static str, params: &'static [ParamRow]) -> QueryValues {
        QueryValues { params, operation, values: Vec::new(), extra: Vec::new() }
    }

    /// Reads decoded wire pairs back (a server's view; the round-trip tests use it).
    pub fn from_pairs(operation: &'static str, params: &'static [ParamRow], pairs: &[(String, String)]) -> Result<QueryValues, Error> {
        let mut grouped: Vec<(&str, Vec<String>)> = Vec::new();
        for (k, v) in pairs {
            match grouped.iter_mut().find(|(g, _)| g == k) {
                Some((_, vs)) => vs.push(v.clone()),
                None => grouped.push((k.as_str(), vec![v.clone()])),
            }
        }
        let mut q = QueryValues::new(operation, params);
        for (key, values) in grouped {
            match params.iter().enumerate().find(|(_, p)| p.wire == key) {
                Some((i, row)) => q.put(i, Some(row.ty.from_wire(row.wire, &values)?)),
                None => match values.as_slice() {
                    [one] => q.extra.push((key.to_owned(), one.clone())),
                    _ => return Err(Error::invalid(key, "an undocumented parameter may appear only once")),
                },
            }
        }
        sort_pairs(&mut q.extra);
        q.validate()?;
        Ok(q)
    }

    /// The operation's name.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The value of the parameter with this wire name.
    pub fn get(&self, wire: &str) -> Option<&ParamValue> {
        let i = self.params.iter().position(|p| p.wire == wire)?;
        self.values.iter().find(|(j, _)| *j == i).map(|(_, v)| v)
    }

    /// Sets (or clears, with `None`) the parameter at row `index`.
    pub(crate) fn put(&mut self, index: usize, value: Option<ParamValue>) {
        self.values.retain(|(j, _)| *j != index);
        if let Some(v) = value {
            let at = self.values.iter().position(|(j, _)| *j > index).unwrap_or(self.values.len());
            self.values.insert(at, (index, v));
        }
    }

    /// Sets (or clears) the parameter with this wire name; `false` if the table has none.
    pub fn set(&mut self, wire: &str, value: Option<ParamValue>) -> bool {
        match self.params.iter().position(|p| p.wire == wire) {
            Some(i) => {
                self.put(i, value);
                true
            }
            None => false,
        }
    }

    /// The undocumented parameters, sorted by name.
    pub fn extra(&self) -> &[(String, String)] {
        &self.extra
    }

    /// Sets the undocumented parameters (sorted here; checked by [`QueryValues::validate`]).
    pub fn set_extra(&mut self, mut extra: Vec<(String, String)>) {
        sort_pairs(&mut extra);
        self.extra = extra;
    }

    /// The table of the operation.
    pub fn params(&self) -> &'static [ParamRow] {
        self.params
    }

    /// Each value's own bounds (a typed query can hold `limit: Some(0)`), and the
    /// cross-parameter rules.
    pub fn validate(&self) -> Result<(), Error> {
        for (i, v) in &self.values {
            if let (Some(row), ParamValue::Int(n)) = (self.params.get(*i), v) {
                if *n < row.ty.min() {
                    return Err(Error::invalid(
                        row.js,
                        crate::text::concat(&["expected a positive integer, got ", &crate::text::int_text(*n)]),
                    ));
                }
            }
        }
        let shared = matches!(self.get("visibility"), Some(ParamValue::Str(v)) if v == "shared");
        if self.get("member_status").is_some() && !shared {
            return Err(Error::invalid("memberStatus", "requires visibility: 'shared'"));
        }
        for (k, _) in &self.extra {
            check_extra_key(k, self.params)?;
        }
        Ok(())
    }

    /// `marker`, when set.
    pub fn marker(&self) -> Option<&str> {
        match self.get("marker") {
            Some(ParamValue::Str(m)) => Some(m),
            _ => None,
        }
    }

    /// `limit`, when set.
    pub fn limit(&self) -> Option<u64> {
        match self.get("limit") {
            Some(ParamValue::Int(n)) => Some(*n),
            _ => None,
        }
    }

    /// Wire pairs, sorted by name then value.
    pub fn to_pairs(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (i, v) in &self.values {
            let Some(row) = self.params.get(*i) else { continue };
            let mut push = |value: String| out.push((row.wire.to_owned(), value));
            match v {
                ParamValue::Str(s) => push(s.clone()),
                ParamValue::Bool(b) => push(if *b { "true" } else { "false" }.to_owned()),
                ParamValue::Int(n) => push(crate::text::int_text(*n)),
                ParamValue::List(items) => items.iter().cloned().for_each(push),
                ParamValue::Time(t) => push(t.to_wire()),
            }
        }
        out.extend(self.extra.iter().cloned());
        sort_pairs(&mut out);
        out
    }

    /// The encoded query string (no leading `?`; empty when there are no parameters).
    pub fn to_query_string(&self) -> String {
        encode_pairs(&self.to_pairs())
    }
}

/// A typed query of a list operation: a struct with one field per row of its table.
pub trait Query: Clone + Default {
    /// The operation name (`listImages`, `glanceListImages`).
    const OPERATION: &'static str;
    /// The parameter table of the operation.
    const PARAMS: &'static [ParamRow];
    /// Each row's meaning, from the documents, in table order.
    const DOCS: &'static [&'static str];
    /// The query as validated values.
    fn to_values(&self) -> QueryValues;
    /// The typed query of validated values (of this operation's table).
    fn from_values(values: QueryValues) -> Self;

    /// Wire pairs, sorted by name then value.
    fn to_pairs(&self) -> Vec<(String, String)> {
        self.to_values().to_pairs()
    }
    /// Reads decoded wire pairs back.
    fn from_pairs(pairs: &[(String, String)]) -> Result<Self, Error> {
        QueryValues::from_pairs(Self::OPERATION, Self::PARAMS, pairs).map(Self::from_values)
    }
    /// The encoded query string (no leading `?`; empty when there are no parameters).
    fn to_query_string(&self) -> String {
        self.to_values().to_query_string()
    }
    /// The cross-parameter rules.
    fn validate(&self) -> Result<(), Error> {
        self.to_values().validate()
    }
}

/// An undocumented parameter's name: not empty, not a documented one of the operation.
pub fn check_extra_key(k: &str, params: &[ParamRow]) -> Result<(), Error> {
    let key = crate::text::concat(&["extra.", k]);
    if k.is_empty() {
        return Err(Error::invalid(&key, "empty parameter name"));
    }
    if let Some(p) = params.iter().find(|p| p.wire == k) {
        return Err(Error::invalid(&key, crate::text::concat(&["is a documented parameter; use `", p.js, "`"])));
    }
    Ok(())
}

/// A row's parameter type: its Rust type's, or the one it names (`u64 as Positive`).
macro_rules! param_type {
    ($t:ty) => {
        <$t as ParamField>::TYPE
    };
    ($t:ty, $kind:ident) => {
        ParamType::$kind
    };
}

macro_rules! query_struct {
    ($(#[$meta:meta])* $name:ident, $op:literal,
     $( $(#[doc = $doc:literal])+ $f:ident : $w:literal => $j:literal, $t:ty $(as $kind:ident)?; )+) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct $name {
            $( $(#[doc = $doc])+ #[doc = concat!("\n\nWire name: `", $w, "`.")] pub $f: Option<$t>, )+
            /// Undocumented parameters, sent as given, sorted by name (never a documented one).
            pub extra: Vec<(String, String)>,
        }

        impl Query for $name {
            const OPERATION: &'static str = $op;
            const PARAMS: &'static [ParamRow] = &[
                $( Row { rust: stringify!($f), wire: $w, js: $j, ty: param_type!($t $(, $kind)?) }, )+
            ];
            const DOCS: &'static [&'static str] = &[$( concat!($($doc),+), )+];

            fn to_values(&self) -> QueryValues {
                let mut q = QueryValues::new(Self::OPERATION, Self::PARAMS);
                $( if let Some(v) = &self.$f {
                    q.set($w, Some(ParamField::to_value(v)));
                } )+
                q.extra = self.extra.clone();
                sort_pairs(&mut q.extra);
                q
            }

            fn from_values(values: QueryValues) -> Self {
                let mut q = Self::default();
                $( q.$f = values.get($w).cloned().and_then(<$t as ParamField>::from_value); )+
                q.extra = values.extra;
                q
            }
        }
    };
}

macro_rules! query_table {
    (
        common { $( $(#[doc = $cd:literal])+ $cf:ident : $cw:literal => $cj:literal, $ct:ty $(as $ck:ident)?; )+ }
        ims_only { $( $(#[doc = $id:literal])+ $if_:ident : $iw:literal => $ij:literal, $it:ty $(as $ik:ident)?; )+ }
    ) => {
        query_struct!(
            /// `GET /v2/cloudimages`: every parameter of the newest "Querying Images" URI template.
            ListImagesQuery, "listImages",
            $( $(#[doc = $cd])+ $cf : $cw => $cj, $ct $(as $ck)?; )+ $( $(#[doc = $id])+ $if_ : $iw => $ij, $it $(as $ik)?; )+
        );
        query_struct!(
            /// `GET /v2/images`: the parameters the native list takes (no IMS-only ones).
            GlanceListImagesQuery, "glanceListImages", $( $(#[doc = $cd])+ $cf : $cw => $cj, $ct $(as $ck)?; )+
        );
    };
}

query_table! {
    common {
        /// Whether the image is registered (usable); only `true` images are listed for common users.
        isregistered: "__isregistered" => "isregistered", bool;
        /// Image type: `gold` (public), `private`, `shared` or `market`. Images shared with you
        /// and by you are both `shared`: tell them apart with `owner`, or use `memberStatus`.
        imagetype: "__imagetype" => "imagetype", ImageType;
        /// Whether the image is protected. Set it to `true` to query public images.
        protected: "protected" => "protected", bool;
        /// Whether other tenants can see the image: `public`, `private` or `shared`.
        visibility: "visibility" => "visibility", Visibility;
        /// The project (tenant) the image belongs to.
        owner: "owner" => "owner", String;
        /// Image ID.
        id: "id" => "id", String;
        /// Image status: `queued`, `saving`, `deleted`, `killed` or `active`.
        status: "status" => "status", ImageStatus;
        /// Image name (exact match).
        name: "name" => "name", String;
        /// Container format (`bare`).
        container_format: "container_format" => "containerFormat", ContainerFormat;
        /// Image format: `zvhd2` (default), `vhd`, `zvhd`, `raw` or `qcow2`.
        disk_format: "disk_format" => "diskFormat", DiskFormat;
        /// The minimum memory to run the image, in MB (a non-negative integer).
        min_ram: "min_ram" => "minRam", u64;
        /// The minimum disk to run the image, in GB (a non-negative integer).
        min_disk: "min_disk" => "minDisk", u64;
        /// The OS bit count: `'32'` or `'64'`.
        os_bit: "__os_bit" => "osBit", OsBit;
        /// The image platform: Windows, Ubuntu, Red Hat, SUSE, CentOS, Debian, OpenSUSE, Oracle
        /// Linux, Fedora, CoreOS, EulerOS or Other.
        platform: "__platform" => "platform", Platform;
        /// Start after this image ID (paging; the iterators set it themselves).
        marker: "marker" => "marker", String;
        /// How many images per page (a positive integer; the server's default is 500 for
        /// `listImages` and 25 for `glanceListImages`).
        limit: "limit" => "limit", u64 as Positive;
        /// The field to sort by: `name`, `container_format`, `disk_format`, `status`, `id`, `size`
        /// or `created_at` (the default).
        sort_key: "sort_key" => "sortKey", SortKey;
        /// The sort order, with `sortKey`: `desc` (the default) or `asc`.
        sort_dir: "sort_dir" => "sortDir", SortDir;
        /// The OS type: `Linux`, `Windows` or `Other`.
        os_type: "__os_type" => "osType", OsType;
        /// A tag, or several (all required). Tags from before the tag upgrade, `Key.Value`, are
        /// queried as `Key=Value`.
        tag: "tag" => "tag", Vec<String>;
        /// The member status of a shared image: `accepted`, `rejected` or `pending`. Requires
        /// `visibility: 'shared'`.
        member_status: "member_status" => "memberStatus", MemberStatus;
        /// Only images that support KVM.
        support_kvm: "__support_kvm" => "supportKvm", bool;
        /// Only images that support Xen.
        support_xen: "__support_xen" => "supportXen", bool;
        /// Only images that support large-memory ECSs.
        support_largememory: "__support_largememory" => "supportLargememory", bool;
        /// Only images that support disk-intensive ECSs.
        support_diskintensive: "__support_diskintensive" => "supportDiskintensive", bool;
        /// Only images that support high-performance ECSs.
        support_highperformance: "__support_highperformance" => "supportHighperformance", bool;
        /// Only images for GPU-accelerated ECSs on Xen of this GPU type.
        support_xen_gpu_type: "__support_xen_gpu_type" => "supportXenGpuType", String;
        /// Only images for GPU-accelerated ECSs on KVM of this GPU type.
        support_kvm_gpu_type: "__support_kvm_gpu_type" => "supportKvmGpuType", String;
        /// Only images that support HANA ECSs on Xen.
        support_xen_hana: "__support_xen_hana" => "supportXenHana", bool;
        /// Only images that support InfiniBand NICs on KVM.
        support_kvm_infiniband: "__support_kvm_infiniband" => "supportKvmInfiniband", bool;
        /// Creation time filter: `{ op, time }` or `'op:time'`; `op` is gt, gte, lt, lte, eq or
        /// neq; `time` is `yyyy-MM-ddThh:mm:ssZ`, `yyyy-MM-dd hh:mm:ss` (UTC) or a `Date`.
        created_at: "created_at" => "createdAt", TimeFilter;
        /// Update time filter, as `createdAt`.
        updated_at: "updated_at" => "updatedAt", TimeFilter;
    }
    ims_only {
        /// Whether the image is a full-ECS image.
        whole_image: "__whole_image" => "wholeImage", bool;
        /// The ID of the key that encrypts the image.
        system_cmkid: "__system__cmkid" => "systemCmkid", String;
        /// Where the image is used: `FusionCompute` (ECS system disk), `DataImage` (data disk),
        /// `Ironic` (bare metal) or `IsoImage`.
        virtual_env_type: "virtual_env_type" => "virtualEnvType", VirtualEnvType;
        /// The enterprise project: `0` (the default project), a project UUID, or `all_granted_eps`.
        enterprise_project_id: "enterprise_project_id" => "enterpriseProjectId", String;
        /// Only images that can run on this ECS flavor.
        flavor_id: "flavor_id" => "flavorId", String;
        /// The architecture: `x86` or `arm`.
        architecture: "architecture" => "architecture", Architecture;
    }
}
