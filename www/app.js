// @ts-check
// The demo page: an IMS image browser over ims-client. The view (filters, sort, page size, API,
// page markers, the open detail) lives in the URL; settings (endpoint, credentials) live in memory
// unless the person asks to remember them. Every call gets its own AbortController, so a newer
// search, a closed detail or "Cancel" stops what it replaces. Every attempt is reported through
// the client's `onAttempt` hook (the "Calls" panel, and the detail's request id).
import { ImsClient, ImsError } from 'ims-client';

import { MAX_RETRIES } from './generated/choices.js';
import { fields, toCsv, toJson } from './format.js';
import { download, el, fieldList, imageRow, showError } from './render.js';
import { APIS, CHOICES, FLAGS, MAX_LIMIT, TEXT, initialState, queryFromState, sameList, stateFromUrl, urlFromState } from './state.js';

/** @param {string} sel */
const $ = (sel) => /** @type {HTMLElement} */ (document.querySelector(sel));
const filters = /** @type {HTMLFormElement} */ ($('#filters'));
const settingsForm = /** @type {HTMLFormElement} */ ($('#settings-form'));
const tbody = $('#results tbody');
const status = $('#status');
const errorBox = $('#error');
const detail = /** @type {HTMLDialogElement} */ ($('#detail'));
const progress = /** @type {HTMLProgressElement} */ ($('#progress'));

// ---- Settings --------------------------------------------------------------------------------

const STORE_KEY = 'ims-client-demo/settings';
/** @type {{ endpoint: string, projectId: string, auth: string, token: string, accessKey: string, secretKey: string, maxRetries: number, allowInsecureHttp: boolean, remember: boolean }} */
let settings = { endpoint: 'http://127.0.0.1:8081', projectId: '', auth: 'none', token: '', accessKey: '', secretKey: '', maxRetries: 3, allowInsecureHttp: false, remember: false };

/**
 * The emulator in the page, when the page was built to run with no server at all (`make site`
 * writes `inPageEmulator` into config.json): its fetch answers for its URL.
 * @type {import('ims-client/emulator').InPageEmulator | undefined}
 */
let inPage;

/** A client with the current settings. Throws ImsError invalid-argument for bad settings. */
function client() {
  const credentials = settings.auth === 'token' ? { token: settings.token } : settings.auth === 'aksk' ? { accessKey: settings.accessKey, secretKey: settings.secretKey } : undefined;
  return new ImsClient({
    endpoint: settings.endpoint,
    ...(inPage && settings.endpoint === inPage.url ? { fetch: inPage.fetch } : {}),
    ...(settings.projectId ? { projectId: settings.projectId } : {}),
    ...(credentials ? { credentials } : {}),
    maxRetries: settings.maxRetries,
    allowInsecureHttp: settings.allowInsecureHttp,
  });
}

// ---- Calls: every call's attempts, as the client reports them ----------------------------------

/** @typedef {{ operation: string, attempts: number, status: string, durationMs: number, requestId: string }} CallRow */
/** @type {CallRow[]} */
const calls = [];
const CALLS_SHOWN = 12;

/**
 * Call options that report this call's attempts to the "Calls" panel; `seen` also gets each one.
 * A listing's pages are calls of their own (each page's attempts count from 1).
 * @param {AbortSignal} signal
 * @param {(a: import('ims-client').AttemptRecord) => void} [seen]
 */
function tracked(signal, seen) {
  /** @type {CallRow | undefined} */
  let row;
  return {
    signal,
    onAttempt: (/** @type {import('ims-client').AttemptRecord} */ a) => {
      if (a.attempt === 1 || !row) {
        row = { operation: a.operation, attempts: 0, status: '', durationMs: 0, requestId: '' };
        calls.unshift(row);
        calls.length = Math.min(calls.length, CALLS_SHOWN);
      }
      row.attempts = a.attempt;
      row.status = a.status === undefined ? a.errorKind ?? '' : String(a.status);
      row.durationMs += a.durationMs + (a.retryInMs ?? 0);
      row.requestId = a.requestId ?? '';
      seen?.(a);
      showCalls();
    },
  };
}

function showCalls() {
  $('#calls tbody').replaceChildren(...calls.map((c) => el('tr', {}, [
    el('td', {}, [c.operation]), el('td', {}, [c.status]), el('td', {}, [String(c.attempts)]),
    el('td', {}, [`${Math.round(c.durationMs)} ms`]), el('td', {}, [el('code', {}, [c.requestId || '–'])]),
  ])));
}

function showSettings() {
  const f = settingsForm.elements;
  for (const [k, v] of Object.entries(settings)) {
    const input = /** @type {HTMLInputElement | null} */ (f.namedItem(k));
    if (!input) continue;
    if (input.type === 'checkbox') input.checked = Boolean(v);
    else input.value = String(v);
  }
  showAuthFields();
  $('#endpoint-label').textContent = `Endpoint: ${settings.endpoint}`;
}

function showAuthFields() {
  const auth = /** @type {HTMLSelectElement} */ (settingsForm.elements.namedItem('auth')).value;
  for (const label of settingsForm.querySelectorAll('[data-auth]')) /** @type {HTMLElement} */ (label).hidden = label.getAttribute('data-auth') !== auth;
}

settingsForm.addEventListener('change', showAuthFields);
settingsForm.addEventListener('submit', (ev) => {
  ev.preventDefault();
  const f = new FormData(settingsForm);
  const text = (/** @type {string} */ k) => String(f.get(k) ?? '').trim();
  settings = {
    endpoint: text('endpoint'), projectId: text('projectId'), auth: text('auth'),
    token: text('token'), accessKey: text('accessKey'), secretKey: text('secretKey'),
    // As typed: the client's invalid-argument error is the demo's answer to a bad value.
    maxRetries: Number(text('maxRetries')),
    allowInsecureHttp: f.get('allowInsecureHttp') === 'on', remember: f.get('remember') === 'on',
  };
  if (settings.remember) localStorage.setItem(STORE_KEY, JSON.stringify(settings));
  else localStorage.removeItem(STORE_KEY);
  showSettings();
  loadPage();
});
$('#forget').addEventListener('click', () => {
  localStorage.removeItem(STORE_KEY);
  settings = { ...settings, token: '', accessKey: '', secretKey: '', remember: false };
  showSettings();
});

// ---- The filter form <-> the view state --------------------------------------------------------

let view = stateFromUrl(location.search);

function fillChoices() {
  const options = (/** @type {string} */ name, /** @type {[string, string][]} */ pairs) => {
    /** @type {HTMLSelectElement} */ (filters.elements.namedItem(name)).replaceChildren(...pairs.map(([value, label]) => el('option', { value }, [label])));
  };
  const any = (/** @type {string[]} */ values) => /** @type {[string, string][]} */ ([['', 'any'], ...values.map((v) => [v, v])]);
  options('api', Object.entries(APIS).map(([k, path]) => [k, path]));
  for (const k of /** @type {const} */ (['imagetype', 'osType', 'platform', 'status', 'visibility'])) options(k, any(CHOICES[k]));
  options('architecture', [['', 'any'], ['x86', 'x86'], ['arm', 'ARM']]);
  options('gpu', [['', 'any'], ...CHOICES.gpu.map((g) => /** @type {[string, string]} */ ([g, `${g.slice(4)} (${g.slice(0, 3).toUpperCase()})`]))]);
  options('createdOp', CHOICES.createdOp.map((o) => [o, { gte: 'on or after', gt: 'after', lte: 'on or before', lt: 'before', eq: 'exactly at', neq: 'not at' }[o] ?? o]));
  options('sortKey', CHOICES.sortKey.map((k) => [k, k.replace(/_/g, ' ')]));
  options('sortDir', [['desc', 'descending'], ['asc', 'ascending']]);
  $('#flags').replaceChildren(...Object.entries(FLAGS).map(([k, label]) => el('label', { class: 'check' }, [el('input', { type: 'checkbox', name: k }), ` ${label}`])));
}

function showView() {
  const f = filters.elements;
  const set = (/** @type {string} */ name, /** @type {string} */ value) => { /** @type {HTMLInputElement} */ (f.namedItem(name)).value = value; };
  set('api', view.api);
  for (const k of TEXT) set(k, view.text[k] ?? '');
  set('tags', view.tags.join(', '));
  set('createdOp', view.createdOp);
  set('createdDate', view.createdDate);
  set('sortKey', view.sortKey);
  set('sortDir', view.sortDir);
  set('limit', String(view.limit));
  for (const k of Object.keys(FLAGS)) /** @type {HTMLInputElement} */ (f.namedItem(k)).checked = Boolean(view.flags[/** @type {'supportKvm'} */ (k)]);
}

function viewFromForm() {
  const f = new FormData(filters);
  const s = initialState();
  const text = (/** @type {string} */ k) => String(f.get(k) ?? '').trim();
  s.api = text('api') === 'glanceListImages' ? 'glanceListImages' : 'listImages';
  for (const k of TEXT) if (text(k)) s.text[k] = text(k);
  s.tags = text('tags').split(',').map((t) => t.trim()).filter(Boolean);
  for (const k of /** @type {(keyof typeof FLAGS)[]} */ (Object.keys(FLAGS))) if (f.get(k) === 'on') s.flags[k] = true;
  s.createdOp = text('createdOp') || 'gte';
  s.createdDate = text('createdDate');
  s.sortKey = text('sortKey');
  s.sortDir = text('sortDir');
  // Kept as typed, even when out of range: the client's invalid-argument error is the demo's answer.
  s.limit = Number(text('limit'));
  return s;
}

/**
 * Shows `next`: the form, then whatever changed (the list, the detail) is loaded.
 * @param {import('./state.js').ViewState} next
 */
function show(next) {
  const listChanged = !sameList(view, next);
  view = next;
  showView();
  if (listChanged) loadPage();
  showDetail();
}

/**
 * Moves to `next`: the URL first (push, or replace), then shows it.
 * @param {import('./state.js').ViewState} next
 */
function go(next, { replace = false } = {}) {
  const url = urlFromState(next) || location.pathname;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  show(next);
}

window.addEventListener('popstate', () => show(stateFromUrl(location.search)));

filters.addEventListener('submit', (ev) => {
  ev.preventDefault();
  go(viewFromForm());
});
$('#reset').addEventListener('click', () => go(initialState()));

// ---- One page ----------------------------------------------------------------------------------

/** @type {AbortController | undefined} */
let pageCall;
/** @type {string | undefined} */
let nextMarker;

async function loadPage() {
  pageCall?.abort();
  const call = (pageCall = new AbortController());
  const region = $('.table-wrap');
  region.setAttribute('aria-busy', 'true');
  status.textContent = 'Loading…';
  errorBox.hidden = true;
  nextMarker = undefined;
  updatePager(0);
  const started = performance.now();
  let shown = 0;
  try {
    /** @type {Record<string, unknown>} */
    const query = { ...queryFromState(view), limit: view.limit };
    const marker = view.markers.at(-1);
    if (marker) query.marker = marker;
    const page = await client()[view.api](/** @type {any} */ (query), tracked(call.signal));
    if (call !== pageCall) return;
    tbody.replaceChildren(...page.images.map(imageRow));
    shown = page.images.length;
    nextMarker = page.nextMarker;
    const ms = Math.round(performance.now() - started);
    status.textContent = shown ? `${shown} images in ${ms} ms from ${APIS[view.api]}` : 'No images match these filters.';
  } catch (e) {
    if (call !== pageCall) return;
    tbody.replaceChildren();
    status.textContent = 'The page could not be loaded.';
    showError(errorBox, e);
  } finally {
    if (call === pageCall) {
      region.removeAttribute('aria-busy');
      updatePager(shown);
    }
  }
}

/**
 * "Page 2 · images 21–40", and which way one can go.
 * @param {number} shown
 */
function updatePager(shown) {
  const index = view.markers.length;
  const first = index * view.limit + 1;
  $('#page').textContent = `Page ${index + 1}${shown ? ` · images ${first}–${first + shown - 1}` : ''}`;
  /** @type {HTMLButtonElement} */ ($('#prev')).disabled = index === 0;
  /** @type {HTMLButtonElement} */ ($('#next')).disabled = !nextMarker;
}

$('#next').addEventListener('click', () => { if (nextMarker) go({ ...view, markers: [...view.markers, nextMarker], image: '' }); });
$('#prev').addEventListener('click', () => go({ ...view, markers: view.markers.slice(0, -1), image: '' }));

// ---- Detail ------------------------------------------------------------------------------------

/** @type {AbortController | undefined} */
let detailCall;
/** Whether this page pushed the history entry of the open detail (then closing goes back). */
let detailPushed = false;

tbody.addEventListener('click', (ev) => {
  const row = /** @type {HTMLElement} */ (ev.target).closest('tr[data-id]');
  const id = row?.getAttribute('data-id');
  if (!id) return;
  detailPushed = true;
  go({ ...view, image: id });
});

/** Opens or closes the detail to match the view. */
function showDetail() {
  if (!view.image) {
    if (detail.open) detail.close();
    return;
  }
  if (detail.open && detail.dataset.id === view.image) return;
  detail.dataset.id = view.image;
  if (!detail.open) detail.showModal();
  loadDetail(view.image);
}

/** @param {string} id */
async function loadDetail(id) {
  detailCall?.abort();
  const call = (detailCall = new AbortController());
  $('#detail-title').textContent = 'Loading…';
  $('#detail-meta').textContent = `GET /v2/images/${id}`;
  $('#detail-error').hidden = true;
  $('#detail-fields').replaceChildren();
  $('#detail-extra').replaceChildren();
  $('#detail-extra-title').hidden = true;
  /** @type {string | undefined} */
  let requestId;
  try {
    const image = await client().glanceShowImage(id, tracked(call.signal, (a) => { requestId = a.requestId; }));
    if (call !== detailCall) return;
    $('#detail-title').textContent = image.name || image.id || id;
    $('#detail-meta').replaceChildren('Request id ', el('code', { id: 'detail-request-id' }, [requestId ?? '(none sent)']), ` · GET /v2/images/${id}`);
    fieldList(/** @type {HTMLElement} */ ($('#detail-fields')), fields(image));
    const extra = Object.entries(image.extra ?? {});
    $('#detail-extra-title').hidden = extra.length === 0;
    fieldList(/** @type {HTMLElement} */ ($('#detail-extra')), extra);
  } catch (e) {
    if (call !== detailCall || (ImsError.is(e) && e.kind === 'aborted')) return;
    $('#detail-title').textContent = 'Image not loaded';
    showError($('#detail-error'), e);
  }
}

detail.addEventListener('close', () => {
  // The close event comes a task later: if the detail was opened again since (back, then forward), it is stale.
  if (detail.open) return;
  detailCall?.abort();
  delete detail.dataset.id;
  const pushed = detailPushed;
  detailPushed = false;
  if (!view.image) return; // closed because the view moved on (the back button)
  if (pushed) {
    history.back();
  } else {
    go({ ...view, image: '' }, { replace: true });
  }
});

// ---- Load all ----------------------------------------------------------------------------------

/** @type {{ controller: AbortController, images: import('ims-client').Image[], pages: number, started: number, api: string } | undefined} */
let run;

async function loadAll() {
  run?.controller.abort();
  /** @type {NonNullable<typeof run>} */
  const current = { controller: new AbortController(), images: [], pages: 0, started: performance.now(), api: view.api };
  run = current;
  const panel = $('#load-all-panel');
  const line = $('#load-all-status');
  panel.hidden = false;
  progress.removeAttribute('value');
  $('#load-all-error').hidden = true;
  setLoadAllButtons(true);
  const report = (/** @type {string} */ prefix) => {
    const seconds = (performance.now() - current.started) / 1000;
    const rate = seconds > 0 ? Math.round(current.images.length / seconds) : 0;
    line.textContent = `${prefix} ${current.images.length.toLocaleString('en')} images · ${current.pages} page${current.pages === 1 ? '' : 's'} · ${rate.toLocaleString('en')} images/s`;
  };
  report('Loading…');
  panel.scrollIntoView({ block: 'nearest' });
  try {
    const c = client();
    const query = /** @type {any} */ (queryFromState(view));
    const opts = tracked(current.controller.signal);
    const all = view.api === 'listImages' ? c.listImagesAll(query, opts) : c.glanceListImagesAll(query, opts);
    for await (const page of all.byPage({ pageSize: MAX_LIMIT })) {
      for (const image of page.images) current.images.push(image);
      current.pages += 1;
      report('Loading…');
    }
    progress.max = 1;
    progress.value = 1;
    report('Done:');
  } catch (e) {
    if (current !== run) return;
    if (ImsError.is(e) && e.kind === 'aborted') report('Cancelled after');
    else {
      report('Stopped after');
      showError($('#load-all-error'), e);
    }
    progress.max = 1;
    progress.value = 0;
  } finally {
    if (current === run) setLoadAllButtons(false);
  }
}

/** @param {boolean} running */
function setLoadAllButtons(running) {
  /** @type {HTMLButtonElement} */ ($('#cancel')).disabled = !running;
  const none = !run || run.images.length === 0;
  /** @type {HTMLButtonElement} */ ($('#download-json')).disabled = running || none;
  /** @type {HTMLButtonElement} */ ($('#download-csv')).disabled = running || none;
}

$('#load-all').addEventListener('click', () => {
  // The filters as shown, even if "Search" was not pressed yet.
  if (!sameList(view, { ...viewFromForm(), markers: view.markers })) go(viewFromForm());
  loadAll();
});
$('#cancel').addEventListener('click', () => run?.controller.abort());
const fileName = (/** @type {string} */ ext) => `ims-images-${run?.api === 'glanceListImages' ? 'glance' : 'cloudimages'}-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.${ext}`;
$('#download-json').addEventListener('click', () => run && download(fileName('json'), 'application/json', toJson(run.images)));
$('#download-csv').addEventListener('click', () => run && download(fileName('csv'), 'text/csv', toCsv(run.images)));

// ---- Start -------------------------------------------------------------------------------------

fillChoices();
/** @type {HTMLInputElement} */ (settingsForm.elements.namedItem('maxRetries')).max = String(MAX_RETRIES);
try {
  const config = await (await fetch('config.json')).json();
  if (typeof config.endpoint === 'string') settings.endpoint = config.endpoint;
  if (config.inPageEmulator && typeof config.inPageEmulator === 'object') {
    const { createEmulator } = await import('ims-client/emulator');
    inPage = createEmulator(config.inPageEmulator);
    settings.endpoint = inPage.url;
  }
} catch {
  // Served without the demo server: the default emulator address stays.
}
try {
  const saved = JSON.parse(localStorage.getItem(STORE_KEY) ?? 'null');
  if (saved && typeof saved === 'object') settings = { ...settings, ...saved, remember: true };
} catch {
  localStorage.removeItem(STORE_KEY);
}
showSettings();
go(view, { replace: true });
loadPage();
