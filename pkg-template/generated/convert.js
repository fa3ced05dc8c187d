// @ts-check
// Generated from the image field table (src/image.rs) by src/codegen/converter.rs. Do not edit.
//
// Turns what JSON.parse gave into the package's objects by the core's rules (the same table, the
// same kinds); tests/js/differential.test.mjs proves it equals the native core on every fixture,
// on generated pages and on malformed bodies.

/** A body that is not the documented JSON (the package turns it into an ImsError of kind `parse`). */
export class ParseError extends Error {}

/** @param {unknown} v @returns {v is Record<string, unknown>} */
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Keeps an unmodelled value under its wire name. `__proto__` must become an own property, as
 * JSON.parse makes it, not the object's prototype.
 * @param {Record<string, unknown>} extra @param {string} key @param {unknown} value
 */
function keep(extra, key, value) {
  if (key === '__proto__') Object.defineProperty(extra, key, { value, enumerable: true, writable: true, configurable: true });
  else extra[key] = value;
}

/** @param {unknown} v */
function toInt(v) {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v + 0 : undefined;
  if (typeof v !== 'string') return undefined;
  const len = v.length;
  let i = len > 0 && v.charCodeAt(0) === 45 ? 1 : 0;
  if (i === len || len - i > 16) return undefined;
  for (; i < len; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  const n = Number(v);
  return Number.isSafeInteger(n) ? n + 0 : undefined;
}

/** @param {unknown} v */
function toStrList(v) {
  if (!Array.isArray(v)) return undefined;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return undefined;
  return v;
}

/** @param {unknown} v */
function toBool(v) {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'True') return true;
  if (v === 'false' || v === 'False') return false;
  if (typeof v === 'string' && (v.length === 4 || v.length === 5)) {
    const l = v.toLowerCase();
    if (l === 'true') return true;
    if (l === 'false') return false;
  }
  return undefined;
}

const LONE_SURROGATE = /\p{Cs}/u;
const ASCII_BLANKS = /^[ \t\n\f\r]+|[ \t\n\f\r]+$/g;
/** @param {unknown} v */
function toCsv(v) {
  if (typeof v !== 'string' || LONE_SURROGATE.test(v)) return undefined;
  const out = [];
  for (const part of v.split(',')) {
    const item = part.replace(ASCII_BLANKS, '');
    if (item !== '') out.push(item);
  }
  return out;
}

/**
 * One image from its wire object (an object, never null or an array).
 * @param {Record<string, any>} r
 * @returns {import('../index').Image}
 */
export function image(r) {
  /** @type {Record<string, unknown>} */
  const o = {};
  /** @type {Record<string, unknown>} */
  const e = {};
  let x;
  for (const k in r) {
    const v = r[k];
    switch (k) {
      case 'file': if (v !== null) { if (typeof v === 'string') o.file = v; else keep(e, k, v); } break;
      case 'owner': if (v !== null) { if (typeof v === 'string') o.owner = v; else keep(e, k, v); } break;
      case 'id': if (v !== null) { if (typeof v === 'string') o.id = v; else keep(e, k, v); } break;
      case 'size': if (v !== null) { if ((x = toInt(v)) !== undefined) o.size = x; else keep(e, k, v); } break;
      case 'self': if (v !== null) { if (typeof v === 'string') o.self = v; else keep(e, k, v); } break;
      case 'schema': if (v !== null) { if (typeof v === 'string') o.schema = v; else keep(e, k, v); } break;
      case 'status': if (v !== null) { if (typeof v === 'string') o.status = v; else keep(e, k, v); } break;
      case 'tags': if (v !== null) { if ((x = toStrList(v)) !== undefined) o.tags = x; else keep(e, k, v); } break;
      case 'visibility': if (v !== null) { if (typeof v === 'string') o.visibility = v; else keep(e, k, v); } break;
      case 'name': if (v !== null) { if (typeof v === 'string') o.name = v; else keep(e, k, v); } break;
      case 'checksum': if (v !== null) { if (typeof v === 'string') o.checksum = v; else keep(e, k, v); } break;
      case 'deleted': if (v !== null) { if ((x = toBool(v)) !== undefined) o.deleted = x; else keep(e, k, v); } break;
      case 'protected': if (v !== null) { if ((x = toBool(v)) !== undefined) o.protected = x; else keep(e, k, v); } break;
      case 'container_format': if (v !== null) { if (typeof v === 'string') o.containerFormat = v; else keep(e, k, v); } break;
      case 'min_ram': if (v !== null) { if ((x = toInt(v)) !== undefined) o.minRam = x; else keep(e, k, v); } break;
      case 'max_ram': if (v !== null) { if ((x = toInt(v)) !== undefined) o.maxRam = x; else keep(e, k, v); } break;
      case 'updated_at': if (v !== null) { if (typeof v === 'string') o.updatedAt = v; else keep(e, k, v); } break;
      case '__os_bit': if (v !== null) { if ((x = toInt(v)) !== undefined) o.osBit = x; else keep(e, k, v); } break;
      case '__os_version': if (v !== null) { if (typeof v === 'string') o.osVersion = v; else keep(e, k, v); } break;
      case '__description': if (v !== null) { if (typeof v === 'string') o.description = v; else keep(e, k, v); } break;
      case 'disk_format': if (v !== null) { if (typeof v === 'string') o.diskFormat = v; else keep(e, k, v); } break;
      case '__isregistered': if (v !== null) { if ((x = toBool(v)) !== undefined) o.isregistered = x; else keep(e, k, v); } break;
      case '__platform': if (v !== null) { if (typeof v === 'string') o.platform = v; else keep(e, k, v); } break;
      case '__os_type': if (v !== null) { if (typeof v === 'string') o.osType = v; else keep(e, k, v); } break;
      case '__system__cmkid': if (v !== null) { if (typeof v === 'string') o.systemCmkid = v; else keep(e, k, v); } break;
      case 'min_disk': if (v !== null) { if ((x = toInt(v)) !== undefined) o.minDisk = x; else keep(e, k, v); } break;
      case 'virtual_env_type': if (v !== null) { if (typeof v === 'string') o.virtualEnvType = v; else keep(e, k, v); } break;
      case '__image_source_type': if (v !== null) { if (typeof v === 'string') o.imageSourceType = v; else keep(e, k, v); } break;
      case '__imagetype': if (v !== null) { if (typeof v === 'string') o.imagetype = v; else keep(e, k, v); } break;
      case 'created_at': if (v !== null) { if (typeof v === 'string') o.createdAt = v; else keep(e, k, v); } break;
      case 'virtual_size': if (v !== null) { if ((x = toInt(v)) !== undefined) o.virtualSize = x; else keep(e, k, v); } break;
      case 'deleted_at': if (v !== null) { if (typeof v === 'string') o.deletedAt = v; else keep(e, k, v); } break;
      case '__originalimagename': if (v !== null) { if (typeof v === 'string') o.originalimagename = v; else keep(e, k, v); } break;
      case '__backup_id': if (v !== null) { if (typeof v === 'string') o.backupId = v; else keep(e, k, v); } break;
      case '__productcode': if (v !== null) { if (typeof v === 'string') o.productcode = v; else keep(e, k, v); } break;
      case '__image_size': if (v !== null) { if ((x = toInt(v)) !== undefined) o.imageSize = x; else keep(e, k, v); } break;
      case '__data_origin': if (v !== null) { if (typeof v === 'string') o.dataOrigin = v; else keep(e, k, v); } break;
      case '__root_origin': if (v !== null) { if (typeof v === 'string') o.rootOrigin = v; else keep(e, k, v); } break;
      case '__lazyloading': if (v !== null) { if ((x = toBool(v)) !== undefined) o.lazyloading = x; else keep(e, k, v); } break;
      case 'active_at': if (v !== null) { if (typeof v === 'string') o.activeAt = v; else keep(e, k, v); } break;
      case '__os_feature_list': if (v !== null) { if (typeof v === 'string') o.osFeatureList = v; else keep(e, k, v); } break;
      case '__sequence_num': if (v !== null) { if ((x = toInt(v)) !== undefined) o.sequenceNum = x; else keep(e, k, v); } break;
      case '__support_kvm': if (v !== null) { if ((x = toBool(v)) !== undefined) o.supportKvm = x; else keep(e, k, v); } break;
      case '__support_xen': if (v !== null) { if ((x = toBool(v)) !== undefined) o.supportXen = x; else keep(e, k, v); } break;
      case '__support_largememory': if (v !== null) { if ((x = toBool(v)) !== undefined) o.supportLargememory = x; else keep(e, k, v); } break;
      case '__support_diskintensive': if (v !== null) { if ((x = toBool(v)) !== undefined) o.supportDiskintensive = x; else keep(e, k, v); } break;
      case '__support_highperformance': if (v !== null) { if ((x = toBool(v)) !== undefined) o.supportHighperformance = x; else keep(e, k, v); } break;
      case '__support_xen_gpu_type': if (v !== null) { if (typeof v === 'string') o.supportXenGpuType = v; else keep(e, k, v); } break;
      case '__support_kvm_gpu_type': if (v !== null) { if (typeof v === 'string') o.supportKvmGpuType = v; else keep(e, k, v); } break;
      case '__support_xen_hana': if (v !== null) { if ((x = toBool(v)) !== undefined) o.supportXenHana = x; else keep(e, k, v); } break;
      case '__support_kvm_infiniband': if (v !== null) { if ((x = toBool(v)) !== undefined) o.supportKvmInfiniband = x; else keep(e, k, v); } break;
      case '__support_fc_inject': if (v !== null) { if ((x = toBool(v)) !== undefined) o.supportFcInject = x; else keep(e, k, v); } break;
      case '__system_support_market': if (v !== null) { if ((x = toBool(v)) !== undefined) o.systemSupportMarket = x; else keep(e, k, v); } break;
      case 'enterprise_project_id': if (v !== null) { if (typeof v === 'string') o.enterpriseProjectId = v; else keep(e, k, v); } break;
      case '_sys_enterprise_project_id': if (v !== null) { if (typeof v === 'string') o.sysEnterpriseProjectId = v; else keep(e, k, v); } break;
      case '__is_offshelved': if (v !== null) { if ((x = toBool(v)) !== undefined) o.isOffshelved = x; else keep(e, k, v); } break;
      case 'hw_firmware_type': if (v !== null) { if (typeof v === 'string') o.hwFirmwareType = v; else keep(e, k, v); } break;
      case 'hw_vif_multiqueue_enabled': if (v !== null) { if ((x = toBool(v)) !== undefined) o.hwVifMultiqueueEnabled = x; else keep(e, k, v); } break;
      case '__support_arm': if (v !== null) { if ((x = toBool(v)) !== undefined) o.supportArm = x; else keep(e, k, v); } break;
      case '__support_agent_list': if (v !== null) { if ((x = toCsv(v)) !== undefined) o.supportAgentList = x; else keep(e, k, v); } break;
      case '__account_code': if (v !== null) { if (typeof v === 'string') o.accountCode = v; else keep(e, k, v); } break;
      case '__image_location': if (v !== null) { if (typeof v === 'string') o.imageLocation = v; else keep(e, k, v); } break;
      case '__is_config_init': if (v !== null) { if ((x = toBool(v)) !== undefined) o.isConfigInit = x; else keep(e, k, v); } break;
      case '__support_amd': if (v !== null) { if ((x = toBool(v)) !== undefined) o.supportAmd = x; else keep(e, k, v); } break;
      default: keep(e, k, v);
    }
  }
  o.extra = e;
  return /** @type {import('../index').Image} */ (/** @type {unknown} */ (o));
}

/**
 * What the core's nextMarker rule needs of a page (see src/parse.rs, PageFacts).
 * @typedef {{ count: number, lastId?: string, hasPageInfo: boolean, pageInfoMarker?: string, hasLinks: boolean, next?: string }} PageFacts
 */

/**
 * One image body (`GET /v2/images/{image_id}`).
 * @param {unknown} body
 */
export function imageBody(body) {
  if (!isObject(body)) throw new ParseError('malformed image: expected an image object');
  return image(body);
}

/**
 * A list page body: its images, the links as sent (strings only), and its paging facts.
 * @param {unknown} body
 */
export function pageBody(body) {
  if (!isObject(body)) throw new ParseError('malformed image list: expected an object');
  if (!Object.hasOwn(body, 'images')) throw new ParseError('malformed image list: no "images" array');
  const list = body.images;
  if (!Array.isArray(list)) throw new ParseError('malformed image list: expected an array of images');
  const images = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const r = list[i];
    if (!isObject(r)) throw new ParseError(`malformed image list: expected an image object at images[${i}]`);
    images[i] = image(r);
  }
  const last = list[list.length - 1];
  const str = (/** @type {unknown} */ v) => (typeof v === 'string' ? v : undefined);
  const own = (/** @type {string} */ k) => (Object.hasOwn(body, k) ? body[k] : undefined);
  const pageInfo = own('page_info');
  /** @type {PageFacts} */
  const facts = {
    count: images.length,
    lastId: last === undefined ? undefined : str(Object.hasOwn(last, 'id') ? last.id : undefined),
    hasPageInfo: isObject(pageInfo),
    pageInfoMarker: isObject(pageInfo) && Object.hasOwn(pageInfo, 'next_marker') ? str(pageInfo.next_marker) : undefined,
    hasLinks: Object.hasOwn(body, 'next') || Object.hasOwn(body, 'first'),
    next: str(own('next')),
  };
  return { images, facts, next: str(own('next')), first: str(own('first')), schema: str(own('schema')) };
}
