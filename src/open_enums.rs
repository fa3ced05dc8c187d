//! Enumerated values, open to the future: each enum has the documented values plus `Unknown`,
//! which keeps any other string exactly as sent. Nothing here ever fails on a new value.

/// What every open enum offers: its wire string, and construction from any string.
pub trait OpenEnum: Sized {
    /// The TypeScript type name generated for this enum.
    const TS_NAME: &'static str;
    /// The documented values, in the documents' order.
    const KNOWN: &'static [&'static str];
    /// The wire string.
    fn as_str(&self) -> &str;
    /// The value for any wire string (an undocumented one is `Unknown`).
    fn from_wire(s: &str) -> Self;
}

macro_rules! open_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* #[doc = concat!("`", $wire, "`")] $variant,)+
            /// A value not documented when this client was written, kept as sent.
            Unknown(String),
        }

        impl OpenEnum for $name {
            const TS_NAME: &'static str = stringify!($name);
            const KNOWN: &'static [&'static str] = &[$($wire),+];
            fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)+
                    Self::Unknown(s) => s,
                }
            }
            fn from_wire(s: &str) -> Self {
                match s {
                    $($wire => Self::$variant,)+
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self { <Self as OpenEnum>::from_wire(s) }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                Ok(Self::from_wire(&s))
            }
        }
    };
}

open_enum!(
    /// `__imagetype`.
    ImageType { Gold = "gold", Private = "private", Shared = "shared", Market = "market" }
);
open_enum!(
    /// `status`.
    ImageStatus { Queued = "queued", Saving = "saving", Deleted = "deleted", Killed = "killed", Active = "active" }
);
open_enum!(
    /// `visibility`.
    Visibility { Public = "public", Private = "private", Shared = "shared" }
);
open_enum!(
    /// `__os_type`.
    OsType { Linux = "Linux", Windows = "Windows", Other = "Other" }
);
open_enum!(
    /// `__platform`. The newest revision writes `Red Hat`; older ones `RedHat`: both are known.
    Platform {
        Windows = "Windows", Ubuntu = "Ubuntu", RedHat = "Red Hat", RedHatOld = "RedHat", Suse = "SUSE",
        CentOs = "CentOS", Debian = "Debian", OpenSuse = "OpenSUSE", OracleLinux = "Oracle Linux",
        Fedora = "Fedora", Other = "Other", CoreOs = "CoreOS", EulerOs = "EulerOS",
    }
);
open_enum!(
    /// `disk_format`.
    DiskFormat { Vhd = "vhd", Zvhd = "zvhd", Zvhd2 = "zvhd2", Raw = "raw", Qcow2 = "qcow2", Iso = "iso" }
);
open_enum!(
    /// `container_format`.
    ContainerFormat { Bare = "bare" }
);
open_enum!(
    /// `virtual_env_type`.
    VirtualEnvType { FusionCompute = "FusionCompute", Ironic = "Ironic", DataImage = "DataImage", IsoImage = "IsoImage" }
);
open_enum!(
    /// `hw_firmware_type`.
    FirmwareType { Bios = "bios", Uefi = "uefi" }
);
open_enum!(
    /// `sort_key` (the documented keys; no trailing space on `status`).
    SortKey {
        Name = "name", ContainerFormat = "container_format", DiskFormat = "disk_format", Status = "status",
        Id = "id", Size = "size", CreatedAt = "created_at",
    }
);
open_enum!(
    /// `sort_dir`.
    SortDir { Asc = "asc", Desc = "desc" }
);
open_enum!(
    /// `member_status`.
    MemberStatus { Accepted = "accepted", Rejected = "rejected", Pending = "pending" }
);
open_enum!(
    /// `architecture` query parameter.
    Architecture { X86 = "x86", Arm = "arm" }
);
open_enum!(
    /// `__os_bit` as a query parameter (a string on the wire).
    OsBit { Bits32 = "32", Bits64 = "64" }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_values_are_kept() {
        assert_eq!(Platform::from_wire("Red Hat"), Platform::RedHat);
        assert_eq!(Platform::from_wire("Kylin"), Platform::Unknown("Kylin".into()));
        assert_eq!(Platform::from_wire("Kylin").as_str(), "Kylin");
        assert_eq!(SortKey::Status.as_str(), "status");
    }
}
