// Generated from the tables in src/ (src/codegen/typescript.rs). Do not edit.

/**
 * Image type (`__imagetype`): the documented values; any other string the server sends is kept as it is.
 * @example const q: ListImagesQuery = { imagetype: 'gold' };
 */
export type ImageType = 'gold' | 'private' | 'shared' | 'market' | (string & {});
/**
 * Image status: the documented values; any other string the server sends is kept as it is.
 * @example if (image.status === 'active') { ... }
 */
export type ImageStatus = 'queued' | 'saving' | 'deleted' | 'killed' | 'active' | (string & {});
/**
 * Who can see an image: the documented values; any other string the server sends is kept as it is.
 * @example { visibility: 'shared', memberStatus: 'accepted' }
 */
export type Visibility = 'public' | 'private' | 'shared' | (string & {});
/**
 * OS type (`__os_type`): the documented values; any other string the server sends is kept as it is.
 * @example { osType: 'Linux' }
 */
export type OsType = 'Linux' | 'Windows' | 'Other' | (string & {});
/**
 * Image platform (`__platform`); older pages say `RedHat`: the documented values; any other string the server sends is kept as it is.
 * @example { platform: 'Ubuntu' }
 */
export type Platform = 'Windows' | 'Ubuntu' | 'Red Hat' | 'RedHat' | 'SUSE' | 'CentOS' | 'Debian' | 'OpenSUSE' | 'Oracle Linux' | 'Fedora' | 'Other' | 'CoreOS' | 'EulerOS' | (string & {});
/**
 * Image format: the documented values; any other string the server sends is kept as it is.
 * @example { diskFormat: 'zvhd2' }
 */
export type DiskFormat = 'vhd' | 'zvhd' | 'zvhd2' | 'raw' | 'qcow2' | 'iso' | (string & {});
/**
 * Container format: the documented values; any other string the server sends is kept as it is.
 * @example { containerFormat: 'bare' }
 */
export type ContainerFormat = 'bare' | (string & {});
/**
 * Where an image is used: the documented values; any other string the server sends is kept as it is.
 * @example { virtualEnvType: 'FusionCompute' }
 */
export type VirtualEnvType = 'FusionCompute' | 'Ironic' | 'DataImage' | 'IsoImage' | (string & {});
/**
 * Boot firmware (`hw_firmware_type`): the documented values; any other string the server sends is kept as it is.
 * @example image.hwFirmwareType === 'uefi'
 */
export type FirmwareType = 'bios' | 'uefi' | (string & {});
/**
 * Sort field: the documented values; any other string the server sends is kept as it is.
 * @example { sortKey: 'name', sortDir: 'asc' }
 */
export type SortKey = 'name' | 'container_format' | 'disk_format' | 'status' | 'id' | 'size' | 'created_at' | (string & {});
/**
 * Sort order: the documented values; any other string the server sends is kept as it is.
 * @example { sortKey: 'created_at', sortDir: 'desc' }
 */
export type SortDir = 'asc' | 'desc' | (string & {});
/**
 * A shared image's member status: the documented values; any other string the server sends is kept as it is.
 * @example { visibility: 'shared', memberStatus: 'pending' }
 */
export type MemberStatus = 'accepted' | 'rejected' | 'pending' | (string & {});
/**
 * CPU architecture (query parameter): the documented values; any other string the server sends is kept as it is.
 * @example { architecture: 'arm' }
 */
export type Architecture = 'x86' | 'arm' | (string & {});
/**
 * OS bit count as a query parameter (a string on the wire): the documented values; any other string the server sends is kept as it is.
 * @example { osBit: '64' }
 */
export type OsBit = '32' | '64' | (string & {});
/**
 * A time filter's operator: gt, gte, lt, lte, eq, neq.
 * @example const op: TimeOp = 'gte'; client.listImages({ createdAt: { op, time: '2024-01-01T00:00:00Z' } });
 */
export type TimeOp = 'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'neq';
/**
 * `createdAt` / `updatedAt`: `{ op, time }` (time as `yyyy-MM-ddThh:mm:ssZ`, `yyyy-MM-dd hh:mm:ss` or a `Date`), or the raw `'op:time'` form.
 * @example { createdAt: { op: 'gte', time: new Date('2024-01-01') } }
 * @example { updatedAt: 'lt:2018-10-28T10:00:00Z' }
 */
export type TimeFilter = { op: TimeOp; time: string | Date } | `${TimeOp}:${string}`;
/**
 * What went wrong (`ImsError.kind`):
 * - `invalid-argument`: A bad option, query, image id or credential, refused before anything is sent.
 * - `http`: The server answered with a status of 400 or above.
 * - `network`: The request could not be sent or its response not read (refused, reset, DNS, CORS, a redirect).
 * - `timeout`: No complete response within `timeoutMs`.
 * - `aborted`: The caller's `AbortSignal` fired.
 * - `parse`: A 2xx response whose body is not the documented JSON.
 * - `pagination`: The server sent a marker it had sent before: following it would loop.
 * @example if (ImsError.is(e) && e.kind === 'timeout') retryLater();
 */
export type ImsErrorKind = 'invalid-argument' | 'http' | 'network' | 'timeout' | 'aborted' | 'parse' | 'pagination';

/**
 * Every failure of the package: a bad argument, an HTTP error, a network failure, a timeout, an abort, an unreadable body or a looping marker. Never holds a secret key, token or signature.
 * @example
 * try { await client.glanceShowImage(id); }
 * catch (e) { if (ImsError.is(e) && e.status === 404) notFound(); else throw e; }
 */
export declare class ImsError extends Error {
  /** Always `'ImsError'`. */
  readonly name: 'ImsError';
  /** What went wrong (see `ImsErrorKind`). @example e.kind === 'http' */
  readonly kind: ImsErrorKind;
  /** The HTTP status, for kind `http` (and for a refused redirect). @example e.status === 429 */
  readonly status?: number;
  /** The service error code from any documented body shape (`IMG.0027`, `APIGW.0308`, ...). @example e.code === 'IMG.0027' */
  readonly code?: string;
  /** From `X-Request-Id` / `X-Openstack-Request-Id`, or the body's `request_id`: quote it to support. @example console.error(e.requestId) */
  readonly requestId?: string;
  /** Whether a retry could help (the client already retried `maxRetries` times). @example if (e.retryable) later(); */
  readonly retryable: boolean;
  /** How many requests were made (0 when refused before sending). @example e.attempts === 4 */
  readonly attempts: number;
  /** For `invalid-argument`: the offending key (`limit`, `createdAt`, `extra.sort_key`, ...). @example e.key === 'limit' */
  readonly key?: string;
  /** APIGW's `encoded_authorization_message` on a 403 that carries one (decode it with IAM to see the denied action). @example iam.decode(e.encodedAuthorizationMessage) */
  readonly encodedAuthorizationMessage?: string;
  /**
   * Whether `x` is an ImsError (also one from another copy of the package).
   * @example if (ImsError.is(e) && e.kind === 'aborted') return;
   */
  static is(x: unknown): x is ImsError;
}

/**
 * One image. Strings that hold booleans or numbers on the wire are `boolean` and `number` here; a field absent or `null` on the wire is absent.
 * @example const image = await client.glanceShowImage(id); image.osBit; // 64
 */
export interface Image {
  /** Link for uploading and downloading the image file. Wire: `file`. */
  file?: string;
  /** The project (tenant) the image belongs to. Wire: `owner`. */
  owner?: string;
  /** Image ID. Wire: `id`. */
  id?: string;
  /** Not used at present. Wire: `size`. */
  size?: number;
  /** The image's own link. Wire: `self`. */
  self?: string;
  /** The image schema link. Wire: `schema`. */
  schema?: string;
  /** Image status: `queued` (metadata created, waiting for the file), `saving` (file being uploaded), `deleted`, `killed` (upload failed) or `active` (ready for use). Wire: `status`. */
  status?: ImageStatus;
  /** Image tags, for managing private images; the list queries can filter on them. Wire: `tags`. */
  tags?: string[];
  /** Whether other tenants can see the image: `public`, `private` or `shared`. Wire: `visibility`. */
  visibility?: Visibility;
  /** Image name. Wire: `name`. */
  name?: string;
  /** Not used at present. Wire: `checksum`. */
  checksum?: string;
  /** Whether the image is deleted (older revision of the documents). Wire: `deleted`. */
  deleted?: boolean;
  /** Whether the image is protected; a protected image cannot be deleted. Wire: `protected`. */
  protected?: boolean;
  /** Container format (`bare`). Wire: `container_format`. */
  containerFormat?: ContainerFormat;
  /** The minimum memory to run the image, in MB (usually 0). Wire: `min_ram`. */
  minRam?: number;
  /** The maximum memory the image supports, in MB (a string on the wire; usually not set). Wire: `max_ram`. */
  maxRam?: number;
  /** When the image was last updated (UTC, as sent). Wire: `updated_at`. */
  updatedAt?: string;
  /** The OS bit count, 32 or 64 (a string on the wire). Wire: `__os_bit`. */
  osBit?: number;
  /** The OS version. Wire: `__os_version`. */
  osVersion?: string;
  /** The image description. Wire: `__description`. */
  description?: string;
  /** Image format: `vhd`, `zvhd`, `zvhd2`, `raw`, `qcow2` or `iso`. Wire: `disk_format`. */
  diskFormat?: DiskFormat;
  /** Whether the image is registered (a string on the wire). Wire: `__isregistered`. */
  isregistered?: boolean;
  /** The image platform: Windows, Ubuntu, Red Hat, SUSE, CentOS, Debian, OpenSUSE, Oracle Linux, Fedora, Other, CoreOS or EulerOS. Wire: `__platform`. */
  platform?: Platform;
  /** The OS type: `Linux`, `Windows` or `Other`. Wire: `__os_type`. */
  osType?: OsType;
  /** The ID of the key that encrypts the image. Wire: `__system__cmkid`. */
  systemCmkid?: string;
  /** The minimum disk to run the image, in GB (40 to 1024). Wire: `min_disk`. */
  minDisk?: number;
  /** Where the image is used: `FusionCompute` (ECS system disk), `DataImage` (data disk), `Ironic` (bare metal) or `IsoImage`. Wire: `virtual_env_type`. */
  virtualEnvType?: VirtualEnvType;
  /** The backend storage type (only `uds` at present). Wire: `__image_source_type`. */
  imageSourceType?: string;
  /** Image type: `gold` (public), `private`, `shared` or `market`. Wire: `__imagetype`. */
  imagetype?: ImageType;
  /** When the image was created (UTC, as sent). Wire: `created_at`. */
  createdAt?: string;
  /** Not used at present. Wire: `virtual_size`. */
  virtualSize?: number;
  /** When the image was deleted (UTC; older revision of the documents). Wire: `deleted_at`. */
  deletedAt?: string;
  /** The parent image ID (empty for public images and images created from a file). Wire: `__originalimagename`. */
  originalimagename?: string;
  /** The backup the image was created from, if any. Wire: `__backup_id`. */
  backupId?: string;
  /** The product ID of a marketplace image. Wire: `__productcode`. */
  productcode?: string;
  /** The image file's size in bytes (a string on the wire). Wire: `__image_size`. */
  imageSize?: number;
  /** Where the image came from (empty for public images). Wire: `__data_origin`. */
  dataOrigin?: string;
  /** `file` when the image was imported from an external file. Wire: `__root_origin`. */
  rootOrigin?: string;
  /** Whether the image supports lazy loading (`true`, `false`, `True` or `False` on the wire). Wire: `__lazyloading`. */
  lazyloading?: boolean;
  /** When the image became active. Wire: `active_at`. */
  activeAt?: string;
  /** The advanced features the image supports: a JSON text, kept as sent. Wire: `__os_feature_list`. */
  osFeatureList?: string;
  /** Not used at present (a string on the wire). Wire: `__sequence_num`. */
  sequenceNum?: number;
  /** Whether the image supports KVM. Wire: `__support_kvm`. */
  supportKvm?: boolean;
  /** Whether the image supports Xen. Wire: `__support_xen`. */
  supportXen?: boolean;
  /** Whether the image supports large-memory ECSs. Wire: `__support_largememory`. */
  supportLargememory?: boolean;
  /** Whether the image supports disk-intensive ECSs. Wire: `__support_diskintensive`. */
  supportDiskintensive?: boolean;
  /** Whether the image supports high-performance ECSs. Wire: `__support_highperformance`. */
  supportHighperformance?: boolean;
  /** The GPU type the image supports on Xen (a value, not a flag). Wire: `__support_xen_gpu_type`. */
  supportXenGpuType?: string;
  /** The GPU type the image supports on KVM (a value, not a flag). Wire: `__support_kvm_gpu_type`. */
  supportKvmGpuType?: string;
  /** Whether the image supports HANA ECSs on Xen. Wire: `__support_xen_hana`. */
  supportXenHana?: boolean;
  /** Whether the image supports InfiniBand NICs on KVM. Wire: `__support_kvm_infiniband`. */
  supportKvmInfiniband?: boolean;
  /** `true` means the image does NOT support Cloud-Init password/key injection (ECS system disk images only). Wire: `__support_fc_inject`. */
  supportFcInject?: boolean;
  /** Whether the image may be published to the marketplace (older revision of the documents). Wire: `__system_support_market`. */
  systemSupportMarket?: boolean;
  /** The enterprise project the image belongs to (`0` or absent: the default project). Wire: `enterprise_project_id`. */
  enterpriseProjectId?: string;
  /** The enterprise project, as the native list reports it. Wire: `_sys_enterprise_project_id`. */
  sysEnterpriseProjectId?: string;
  /** Whether a marketplace image is off the shelf. Wire: `__is_offshelved`. */
  isOffshelved?: boolean;
  /** How an ECS from the image boots: `bios` or `uefi`. Wire: `hw_firmware_type`. */
  hwFirmwareType?: FirmwareType;
  /** Whether the image supports NIC multi-queue. Wire: `hw_vif_multiqueue_enabled`. */
  hwVifMultiqueueEnabled?: boolean;
  /** Whether the image is for the ARM architecture. Wire: `__support_arm`. */
  supportArm?: boolean;
  /** The agents the image supports: `hss` (host security), `ces` (host monitoring); the wire's `"hss,ces"` becomes `["hss", "ces"]`. Wire: `__support_agent_list`. */
  supportAgentList?: string[];
  /** The charging identifier of a paid image. Wire: `__account_code`. */
  accountCode?: string;
  /** Where the image is stored. Wire: `__image_location`. */
  imageLocation?: string;
  /** Whether the initial configuration has completed. Wire: `__is_config_init`. */
  isConfigInit?: boolean;
  /** Whether the image is for the AMD x86 architecture. Wire: `__support_amd`. */
  supportAmd?: boolean;
  /** Every key that is not modelled, and every modelled key whose value did not fit its type, under its wire name, as received. */
  extra: Record<string, unknown>;
}

/**
 * The query of `GET /v2/images` (`glanceListImages`).
 * @example await client.glanceListImages({ visibility: 'public', sortKey: 'name', sortDir: 'asc', limit: 50 });
 */
export interface GlanceListImagesQuery {
  /** Whether the image is registered (usable); only `true` images are listed for common users. Wire: `__isregistered`. */
  isregistered?: boolean;
  /** Image type: `gold` (public), `private`, `shared` or `market`. Images shared with you and by you are both `shared`: tell them apart with `owner`, or use `memberStatus`. Wire: `__imagetype`. */
  imagetype?: ImageType;
  /** Whether the image is protected. Set it to `true` to query public images. Wire: `protected`. */
  protected?: boolean;
  /** Whether other tenants can see the image: `public`, `private` or `shared`. Wire: `visibility`. */
  visibility?: Visibility;
  /** The project (tenant) the image belongs to. Wire: `owner`. */
  owner?: string;
  /** Image ID. Wire: `id`. */
  id?: string;
  /** Image status: `queued`, `saving`, `deleted`, `killed` or `active`. Wire: `status`. */
  status?: ImageStatus;
  /** Image name (exact match). Wire: `name`. */
  name?: string;
  /** Container format (`bare`). Wire: `container_format`. */
  containerFormat?: ContainerFormat;
  /** Image format: `zvhd2` (default), `vhd`, `zvhd`, `raw` or `qcow2`. Wire: `disk_format`. */
  diskFormat?: DiskFormat;
  /** The minimum memory to run the image, in MB (a non-negative integer). Wire: `min_ram`. */
  minRam?: number;
  /** The minimum disk to run the image, in GB (a non-negative integer). Wire: `min_disk`. */
  minDisk?: number;
  /** The OS bit count: `'32'` or `'64'`. Wire: `__os_bit`. */
  osBit?: OsBit | 32 | 64;
  /** The image platform: Windows, Ubuntu, Red Hat, SUSE, CentOS, Debian, OpenSUSE, Oracle Linux, Fedora, CoreOS, EulerOS or Other. Wire: `__platform`. */
  platform?: Platform;
  /** Start after this image ID (paging; the iterators set it themselves). Wire: `marker`. */
  marker?: string;
  /** How many images per page (a positive integer; the server's default is 500 for `listImages` and 25 for `glanceListImages`). Wire: `limit`. */
  limit?: number;
  /** The field to sort by: `name`, `container_format`, `disk_format`, `status`, `id`, `size` or `created_at` (the default). Wire: `sort_key`. */
  sortKey?: SortKey;
  /** The sort order, with `sortKey`: `desc` (the default) or `asc`. Wire: `sort_dir`. */
  sortDir?: SortDir;
  /** The OS type: `Linux`, `Windows` or `Other`. Wire: `__os_type`. */
  osType?: OsType;
  /** A tag, or several (all required). Tags from before the tag upgrade, `Key.Value`, are queried as `Key=Value`. Wire: `tag`. */
  tag?: string | string[];
  /** The member status of a shared image: `accepted`, `rejected` or `pending`. Requires `visibility: 'shared'`. Wire: `member_status`. */
  memberStatus?: MemberStatus;
  /** Only images that support KVM. Wire: `__support_kvm`. */
  supportKvm?: boolean;
  /** Only images that support Xen. Wire: `__support_xen`. */
  supportXen?: boolean;
  /** Only images that support large-memory ECSs. Wire: `__support_largememory`. */
  supportLargememory?: boolean;
  /** Only images that support disk-intensive ECSs. Wire: `__support_diskintensive`. */
  supportDiskintensive?: boolean;
  /** Only images that support high-performance ECSs. Wire: `__support_highperformance`. */
  supportHighperformance?: boolean;
  /** Only images for GPU-accelerated ECSs on Xen of this GPU type. Wire: `__support_xen_gpu_type`. */
  supportXenGpuType?: string;
  /** Only images for GPU-accelerated ECSs on KVM of this GPU type. Wire: `__support_kvm_gpu_type`. */
  supportKvmGpuType?: string;
  /** Only images that support HANA ECSs on Xen. Wire: `__support_xen_hana`. */
  supportXenHana?: boolean;
  /** Only images that support InfiniBand NICs on KVM. Wire: `__support_kvm_infiniband`. */
  supportKvmInfiniband?: boolean;
  /** Creation time filter: `{ op, time }` or `'op:time'`; `op` is gt, gte, lt, lte, eq or neq; `time` is `yyyy-MM-ddThh:mm:ssZ`, `yyyy-MM-dd hh:mm:ss` (UTC) or a `Date`. Wire: `created_at`. */
  createdAt?: TimeFilter;
  /** Update time filter, as `createdAt`. Wire: `updated_at`. */
  updatedAt?: TimeFilter;
  /** Undocumented parameters, sent as given (never one of the parameters above). */
  extra?: Record<string, string>;
}

/**
 * The query of `GET /v2/cloudimages` (`listImages`): every native parameter plus the IMS-only ones.
 * @example await client.listImages({ imagetype: 'gold', osType: 'Linux', tag: ['env=prod', 'gpu'], limit: 100 });
 */
export interface ListImagesQuery extends GlanceListImagesQuery {
  /** Whether the image is a full-ECS image. Wire: `__whole_image`. */
  wholeImage?: boolean;
  /** The ID of the key that encrypts the image. Wire: `__system__cmkid`. */
  systemCmkid?: string;
  /** Where the image is used: `FusionCompute` (ECS system disk), `DataImage` (data disk), `Ironic` (bare metal) or `IsoImage`. Wire: `virtual_env_type`. */
  virtualEnvType?: VirtualEnvType;
  /** The enterprise project: `0` (the default project), a project UUID, or `all_granted_eps`. Wire: `enterprise_project_id`. */
  enterpriseProjectId?: string;
  /** Only images that can run on this ECS flavor. Wire: `flavor_id`. */
  flavorId?: string;
  /** The architecture: `x86` or `arm`. Wire: `architecture`. */
  architecture?: Architecture;
}
