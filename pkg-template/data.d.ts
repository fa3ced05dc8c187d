// Generated from the field and parameter tables in src/. Do not edit.

export type ImageType = 'gold' | 'private' | 'shared' | 'market' | (string & {});
export type ImageStatus = 'queued' | 'saving' | 'deleted' | 'killed' | 'active' | (string & {});
export type Visibility = 'public' | 'private' | 'shared' | (string & {});
export type OsType = 'Linux' | 'Windows' | 'Other' | (string & {});
export type Platform = 'Windows' | 'Ubuntu' | 'Red Hat' | 'RedHat' | 'SUSE' | 'CentOS' | 'Debian' | 'OpenSUSE' | 'Oracle Linux' | 'Fedora' | 'Other' | 'CoreOS' | 'EulerOS' | (string & {});
export type DiskFormat = 'vhd' | 'zvhd' | 'zvhd2' | 'raw' | 'qcow2' | 'iso' | (string & {});
export type ContainerFormat = 'bare' | (string & {});
export type VirtualEnvType = 'FusionCompute' | 'Ironic' | 'DataImage' | 'IsoImage' | (string & {});
export type FirmwareType = 'bios' | 'uefi' | (string & {});
export type SortKey = 'name' | 'container_format' | 'disk_format' | 'status' | 'id' | 'size' | 'created_at' | (string & {});
export type SortDir = 'asc' | 'desc' | (string & {});
export type MemberStatus = 'accepted' | 'rejected' | 'pending' | (string & {});
export type Architecture = 'x86' | 'arm' | (string & {});
export type OsBit = '32' | '64' | (string & {});
export type TimeOp = 'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'neq';
/** `{ op, time }` or the raw form `'lt:2018-10-28T10:00:00Z'`. */
export type TimeFilter = { op: TimeOp; time: string | Date } | `${TimeOp}:${string}`;

export interface Image {
  /** `file` */
  file?: string;
  /** `owner` */
  owner?: string;
  /** `id` */
  id?: string;
  /** `size` */
  size?: number;
  /** `self` */
  self?: string;
  /** `schema` */
  schema?: string;
  /** `status` */
  status?: ImageStatus;
  /** `tags` */
  tags?: string[];
  /** `visibility` */
  visibility?: Visibility;
  /** `name` */
  name?: string;
  /** `checksum` */
  checksum?: string;
  /** `deleted` */
  deleted?: boolean;
  /** `protected` */
  protected?: boolean;
  /** `container_format` */
  containerFormat?: ContainerFormat;
  /** `min_ram` */
  minRam?: number;
  /** `max_ram` */
  maxRam?: number;
  /** `updated_at` */
  updatedAt?: string;
  /** `__os_bit` */
  osBit?: number;
  /** `__os_version` */
  osVersion?: string;
  /** `__description` */
  description?: string;
  /** `disk_format` */
  diskFormat?: DiskFormat;
  /** `__isregistered` */
  isregistered?: boolean;
  /** `__platform` */
  platform?: Platform;
  /** `__os_type` */
  osType?: OsType;
  /** `__system__cmkid` */
  systemCmkid?: string;
  /** `min_disk` */
  minDisk?: number;
  /** `virtual_env_type` */
  virtualEnvType?: VirtualEnvType;
  /** `__image_source_type` */
  imageSourceType?: string;
  /** `__imagetype` */
  imagetype?: ImageType;
  /** `created_at` */
  createdAt?: string;
  /** `virtual_size` */
  virtualSize?: number;
  /** `deleted_at` */
  deletedAt?: string;
  /** `__originalimagename` */
  originalimagename?: string;
  /** `__backup_id` */
  backupId?: string;
  /** `__productcode` */
  productcode?: string;
  /** `__image_size` */
  imageSize?: number;
  /** `__data_origin` */
  dataOrigin?: string;
  /** `__root_origin` */
  rootOrigin?: string;
  /** `__lazyloading` */
  lazyloading?: boolean;
  /** `active_at` */
  activeAt?: string;
  /** `__os_feature_list` */
  osFeatureList?: string;
  /** `__sequence_num` */
  sequenceNum?: number;
  /** `__support_kvm` */
  supportKvm?: boolean;
  /** `__support_xen` */
  supportXen?: boolean;
  /** `__support_largememory` */
  supportLargememory?: boolean;
  /** `__support_diskintensive` */
  supportDiskintensive?: boolean;
  /** `__support_highperformance` */
  supportHighperformance?: boolean;
  /** `__support_xen_gpu_type` */
  supportXenGpuType?: string;
  /** `__support_kvm_gpu_type` */
  supportKvmGpuType?: string;
  /** `__support_xen_hana` */
  supportXenHana?: boolean;
  /** `__support_kvm_infiniband` */
  supportKvmInfiniband?: boolean;
  /** `__support_fc_inject` */
  supportFcInject?: boolean;
  /** `__system_support_market` */
  systemSupportMarket?: boolean;
  /** `enterprise_project_id` */
  enterpriseProjectId?: string;
  /** `_sys_enterprise_project_id` */
  sysEnterpriseProjectId?: string;
  /** `__is_offshelved` */
  isOffshelved?: boolean;
  /** `hw_firmware_type` */
  hwFirmwareType?: FirmwareType;
  /** `hw_vif_multiqueue_enabled` */
  hwVifMultiqueueEnabled?: boolean;
  /** `__support_arm` */
  supportArm?: boolean;
  /** `__support_agent_list` */
  supportAgentList?: string[];
  /** `__account_code` */
  accountCode?: string;
  /** `__image_location` */
  imageLocation?: string;
  /** `__is_config_init` */
  isConfigInit?: boolean;
  /** `__support_amd` */
  supportAmd?: boolean;
  /** Unmodelled keys, and modelled keys whose value did not fit, under wire names, as received. */
  extra: Record<string, unknown>;
}

/** `GET /v2/images` */
export interface GlanceListImagesQuery {
  /** `__isregistered` */
  isregistered?: boolean;
  /** `__imagetype` */
  imagetype?: ImageType;
  /** `protected` */
  protected?: boolean;
  /** `visibility` */
  visibility?: Visibility;
  /** `owner` */
  owner?: string;
  /** `id` */
  id?: string;
  /** `status` */
  status?: ImageStatus;
  /** `name` */
  name?: string;
  /** `container_format` */
  containerFormat?: ContainerFormat;
  /** `disk_format` */
  diskFormat?: DiskFormat;
  /** `min_ram` */
  minRam?: number;
  /** `min_disk` */
  minDisk?: number;
  /** `__os_bit` */
  osBit?: OsBit;
  /** `__platform` */
  platform?: Platform;
  /** `marker` */
  marker?: string;
  /** `limit` */
  limit?: number;
  /** `sort_key` */
  sortKey?: SortKey;
  /** `sort_dir` */
  sortDir?: SortDir;
  /** `__os_type` */
  osType?: OsType;
  /** `tag` */
  tag?: string | string[];
  /** `member_status` */
  memberStatus?: MemberStatus;
  /** `__support_kvm` */
  supportKvm?: boolean;
  /** `__support_xen` */
  supportXen?: boolean;
  /** `__support_largememory` */
  supportLargememory?: boolean;
  /** `__support_diskintensive` */
  supportDiskintensive?: boolean;
  /** `__support_highperformance` */
  supportHighperformance?: boolean;
  /** `__support_xen_gpu_type` */
  supportXenGpuType?: string;
  /** `__support_kvm_gpu_type` */
  supportKvmGpuType?: string;
  /** `__support_xen_hana` */
  supportXenHana?: boolean;
  /** `__support_kvm_infiniband` */
  supportKvmInfiniband?: boolean;
  /** `created_at` */
  createdAt?: TimeFilter;
  /** `updated_at` */
  updatedAt?: TimeFilter;
  /** Undocumented parameters, sent as given. */
  extra?: Record<string, string>;
}

/** `GET /v2/cloudimages` */
export interface ListImagesQuery extends GlanceListImagesQuery {
  /** `__whole_image` */
  wholeImage?: boolean;
  /** `__system__cmkid` */
  systemCmkid?: string;
  /** `virtual_env_type` */
  virtualEnvType?: VirtualEnvType;
  /** `enterprise_project_id` */
  enterpriseProjectId?: string;
  /** `flavor_id` */
  flavorId?: string;
  /** `architecture` */
  architecture?: Architecture;
}
