// @ts-check
// The demo's view state and its two projections: the URL (so a reload, a shared link or the back
// button restores a view) and the client query (what the package is asked). No DOM here: Node's
// tests import it too. Credentials and the endpoint are settings, never view state: a shared link
// must not be able to point someone's remembered credentials at another host.

import { ENUMS, TIME_OPS } from './generated/choices.js';

/** The two list APIs the page can browse, by the client method that lists one page. */
export const APIS = /** @type {const} */ ({ listImages: '/v2/cloudimages', glanceListImages: '/v2/images' });

/**
 * Choices offered by the filter form: the documented values as the core declares them
 * (generated/choices.js; the client accepts any string too), plus the GPU types of the emulator's
 * catalogue, which no document lists.
 */
export const CHOICES = {
  imagetype: ENUMS.imagetype,
  osType: ENUMS.osType,
  platform: ENUMS.platform,
  status: ENUMS.status,
  visibility: ENUMS.visibility,
  architecture: ENUMS.architecture,
  /** `hypervisor:type`: the GPU filters are per hypervisor (`supportKvmGpuType`, `supportXenGpuType`). */
  gpu: ['kvm:V100_vGPU', 'kvm:T4', 'xen:M60_vGPU', 'xen:P100'],
  createdOp: TIME_OPS,
  sortKey: ENUMS.sortKey,
  sortDir: ENUMS.sortDir,
};

/** Text filters: the URL parameter, the form control and the query key are the same name. */
export const TEXT = /** @type {const} */ (['imagetype', 'osType', 'platform', 'status', 'visibility', 'name', 'architecture', 'gpu']);
/** Support flags shown as checkboxes: checked means "only images that support it". */
export const FLAGS = /** @type {const} */ ({ supportKvm: 'KVM', supportXen: 'Xen' });

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 1000;

/**
 * @typedef {object} ViewState
 * @property {keyof typeof APIS} api
 * @property {Partial<Record<typeof TEXT[number], string>>} text   filters with one text value
 * @property {string[]} tags
 * @property {Partial<Record<keyof typeof FLAGS, boolean>>} flags
 * @property {string} createdOp   one of CHOICES.createdOp
 * @property {string} createdDate `yyyy-mm-dd` or ''
 * @property {string} sortKey
 * @property {string} sortDir
 * @property {number} limit
 * @property {string[]} markers   the marker of every page before this one was left by "Next"; the last starts this page
 * @property {string} image       the image whose detail is open, or ''
 */

/** @returns {ViewState} */
export function initialState() {
  return { api: 'listImages', text: {}, tags: [], flags: {}, createdOp: 'gte', createdDate: '', sortKey: 'created_at', sortDir: 'desc', limit: DEFAULT_LIMIT, markers: [], image: '' };
}

/**
 * A URL query string (with or without `?`) as a view state; anything unknown or malformed falls back to the default.
 * @param {string} search
 * @returns {ViewState}
 */
export function stateFromUrl(search) {
  const p = new URLSearchParams(search);
  const s = initialState();
  const api = p.get('api');
  if (api === 'glanceListImages' || api === 'listImages') s.api = api;
  for (const k of TEXT) {
    const v = p.get(k);
    if (v) s.text[k] = v;
  }
  s.tags = p.getAll('tag').filter(Boolean);
  for (const k of /** @type {(keyof typeof FLAGS)[]} */ (Object.keys(FLAGS))) if (p.get(k) === 'true') s.flags[k] = true;
  const created = /^(\w+):(\d{4}-\d{2}-\d{2})$/.exec(p.get('createdAt') ?? '');
  if (created && CHOICES.createdOp.includes(created[1])) [, s.createdOp, s.createdDate] = created;
  const sortKey = p.get('sortKey');
  if (sortKey && CHOICES.sortKey.includes(sortKey)) s.sortKey = sortKey;
  if (p.get('sortDir') === 'asc') s.sortDir = 'asc';
  const limit = Number(p.get('limit'));
  if (Number.isInteger(limit) && limit >= 1 && limit <= MAX_LIMIT) s.limit = limit;
  s.markers = (p.get('markers') ?? '').split(',').filter(Boolean);
  s.image = p.get('image') ?? '';
  return s;
}

/**
 * The view state as a URL query string starting with `?` (or '' for the default view); defaults are left out.
 * @param {ViewState} s
 */
export function urlFromState(s) {
  const d = initialState();
  const p = new URLSearchParams();
  if (s.api !== d.api) p.set('api', s.api);
  for (const k of TEXT) if (s.text[k]) p.set(k, String(s.text[k]));
  for (const t of s.tags) p.append('tag', t);
  for (const [k, on] of Object.entries(s.flags)) if (on) p.set(k, 'true');
  if (s.createdDate) p.set('createdAt', `${s.createdOp}:${s.createdDate}`);
  if (s.sortKey !== d.sortKey) p.set('sortKey', s.sortKey);
  if (s.sortDir !== d.sortDir) p.set('sortDir', s.sortDir);
  if (s.limit !== d.limit) p.set('limit', String(s.limit));
  if (s.markers.length) p.set('markers', s.markers.join(','));
  if (s.image) p.set('image', s.image);
  const q = p.toString();
  return q ? `?${q}` : '';
}

/**
 * Whether two states show the same list (the open detail aside).
 * @param {ViewState} a
 * @param {ViewState} b
 */
export function sameList(a, b) {
  return urlFromState({ ...a, image: '' }) === urlFromState({ ...b, image: '' });
}

/**
 * The client query for the view's filters and sort (no `limit` or `marker`: the caller adds the
 * paging it does). `/v2/images` has no `architecture` parameter; there the architecture is the
 * `__support_arm` property filter, sent through `extra` as Glance property filters are.
 * @param {ViewState} s
 * @returns {Record<string, unknown>}
 */
export function queryFromState(s) {
  /** @type {Record<string, unknown>} */
  const q = { sortKey: s.sortKey, sortDir: s.sortDir };
  const { gpu, architecture, ...plain } = s.text;
  Object.assign(q, plain);
  if (architecture) {
    if (s.api === 'listImages') q.architecture = architecture;
    else q.extra = { __support_arm: String(architecture === 'arm') };
  }
  if (gpu) {
    const [hypervisor, type] = gpu.split(':');
    q[hypervisor === 'xen' ? 'supportXenGpuType' : 'supportKvmGpuType'] = type;
  }
  for (const [k, on] of Object.entries(s.flags)) if (on) q[k] = true;
  if (s.tags.length) q.tag = s.tags;
  if (s.createdDate) q.createdAt = { op: s.createdOp, time: new Date(`${s.createdDate}T00:00:00Z`) };
  return q;
}
