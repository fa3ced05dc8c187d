// @ts-check
// Generated from the query table and the enums (src/) by src/codegen/mod.rs. Do not edit.

/** The documented values of each enumerated query parameter, by its JS name. */
export const ENUMS = {
  imagetype: ["gold", "private", "shared", "market"],
  visibility: ["public", "private", "shared"],
  status: ["queued", "saving", "deleted", "killed", "active"],
  containerFormat: ["bare"],
  diskFormat: ["vhd", "zvhd", "zvhd2", "raw", "qcow2", "iso"],
  osBit: ["32", "64"],
  platform: ["Windows", "Ubuntu", "Red Hat", "RedHat", "SUSE", "CentOS", "Debian", "OpenSUSE", "Oracle Linux", "Fedora", "Other", "CoreOS", "EulerOS"],
  sortKey: ["name", "container_format", "disk_format", "status", "id", "size", "created_at"],
  sortDir: ["asc", "desc"],
  osType: ["Linux", "Windows", "Other"],
  memberStatus: ["accepted", "rejected", "pending"],
  virtualEnvType: ["FusionCompute", "Ironic", "DataImage", "IsoImage"],
  architecture: ["x86", "arm"],
};

/** The time filter operators. */
export const TIME_OPS = ["gt", "gte", "lt", "lte", "eq", "neq"];

/** The most retries a client may ask for. */
export const MAX_RETRIES = 20;
