// The demo page (`make demo`) driven in headless Debian Chromium against the emulator, as a person
// would use it: filters give the rows the emulator's catalogue gives, next/previous and the back
// button walk pages, a URL restores its view, the detail shows the clicked image's fields and the
// call's request id, "Load all" reports progress and "Cancel" stops the requests, a fault shows its
// request id, credentials stay out of URL and storage, and at 390 px nothing scrolls sideways but
// the table. Every test fails on a script error and saves a screenshot under build/demo/.
// The page's two DOM-free modules (view state, formatting) are checked directly in Node first.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

import { parseImage } from 'ims-client';

import { startDemo } from '../../www/serve.mjs';
import { initialState, queryFromState, stateFromUrl, urlFromState } from '../../www/state.js';
import { bytes, formatValue, toCsv, toJson } from '../../www/format.js';
import { launch } from './chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = join(root, 'build', 'demo');
mkdirSync(shots, { recursive: true });

// ---- The DOM-free modules --------------------------------------------------------------------

test('view state: every field survives the URL, and malformed URLs fall back to defaults', () => {
  const s = {
    ...initialState(), api: 'glanceListImages', text: { imagetype: 'gold', osType: 'Linux', platform: 'Red Hat', name: 'a&b=c', architecture: 'arm', gpu: 'xen:P100' },
    tags: ['env=prod', 'a.b'], flags: { supportKvm: true }, createdOp: 'lt', createdDate: '2021-03-04', sortKey: 'name', sortDir: 'asc', limit: 7,
    markers: ['m1', 'm2'], image: 'id/../x',
  };
  assert.deepEqual(stateFromUrl(urlFromState(s)), s);
  assert.equal(urlFromState(initialState()), '');
  const odd = stateFromUrl('?api=other&limit=0&sortKey=drop%20table&createdAt=soon&markers=,,&supportXen=yes');
  assert.deepEqual(odd, initialState());
  assert.equal(stateFromUrl('?limit=1001').limit, 20);
  // The query: architecture is a parameter on /v2/cloudimages and a property filter on /v2/images.
  assert.deepEqual(queryFromState({ ...s, api: 'listImages' }), {
    sortKey: 'name', sortDir: 'asc', imagetype: 'gold', osType: 'Linux', platform: 'Red Hat', name: 'a&b=c', architecture: 'arm',
    supportXenGpuType: 'P100', supportKvm: true, tag: ['env=prod', 'a.b'], createdAt: { op: 'lt', time: new Date('2021-03-04T00:00:00Z') },
  });
  const native = queryFromState(s);
  assert.deepEqual(native.extra, { __support_arm: 'true' });
  assert.equal('architecture' in native, false);
});

test('formatting: units, yes/no, and CSV that a spreadsheet cannot run', () => {
  assert.equal(formatValue('minDisk', 40), '40 GB');
  assert.equal(formatValue('maxRam', 16384), '16,384 MB');
  assert.equal(formatValue('imageSize', 1_610_612_736), '1.50 GB (1,610,612,736 bytes)');
  assert.equal(formatValue('isregistered', false), 'no');
  assert.equal(formatValue('supportAgentList', ['hss', 'ces']), 'hss, ces');
  assert.match(formatValue('createdAt', '2020-01-02T03:04:05Z'), /\(2020-01-02T03:04:05Z\)$/);
  assert.equal(formatValue('__x', { a: 1 }), '{"a":1}');
  assert.equal(bytes(1023), '1,023 bytes');
  const csv = toCsv([{ id: 'a', name: 'x, "y"', tags: ['p', 'q'] }, { id: 'b', name: '=HYPERLINK("z")', minDisk: -1, extra: { k: 'v' } }]);
  assert.equal(csv, 'id,name,tags,minDisk,extra\r\na,"x, ""y""",p;q,,\r\nb,"\'=HYPERLINK(""z"")",,-1,"{""k"":""v""}"\r\n');
  assert.deepEqual(JSON.parse(toJson([])), []);
  assert.deepEqual(JSON.parse(toJson([{ a: 1 }, { b: [2] }])), [{ a: 1 }, { b: [2] }]);
});

// ---- The page in Chromium ----------------------------------------------------------------------

let browser;
let demo;
before(async () => {
  browser = await launch();
  demo = await startDemo({ port: 0, emulatorPort: 0, quiet: true });
});
after(async () => { await demo?.close(); await browser?.close(); });

/** A fresh browser context on the demo: its script errors, and every request it sends to the emulator. */
async function open(d, { path = '/', width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e}`));
  // A failed HTTP status is logged by the browser itself; anything else logged as an error is the page's.
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`console: ${m.text()}`); });
  const calls = [];
  page.on('request', (r) => { if (r.url().startsWith(d.emulator.url) && r.method() === 'GET') calls.push({ url: r.url(), at: Date.now(), request: r }); });
  await page.goto(new URL(path, d.url).href);
  await settled(page);
  return { page, context, errors, calls, close: () => context.close() };
}

/** Waits until the page's list call finished (rows, empty or error). */
const settled = (page) => page.waitForFunction(() => document.querySelector('.table-wrap')?.getAttribute('aria-busy') !== 'true' && !/^Loading/.test(document.querySelector('#status')?.textContent ?? 'Loading'));
const rowIds = (page) => page.$$eval('#results tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-id')));
const shot = (page, name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
const text = (page, sel) => page.textContent(sel).then((t) => (t ?? '').trim());

/** The ids the catalogue gives for a filter, in the emulator's documented order (ties: created_at, then id). */
function expected(images, keep, { key = 'created_at', dir = 'desc' } = {}) {
  const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  const sign = dir === 'asc' ? 1 : -1;
  return images.filter(keep).sort((a, b) => sign * (cmp(a[key], b[key]) || cmp(a.created_at, b.created_at) || cmp(a.id, b.id))).map((i) => i.id);
}

test('demo: filters give the catalogue\'s rows; next, previous, back and a shared URL walk the same pages', async () => {
  const { page, errors, context } = await open(demo);
  try {
    assert.deepEqual(await rowIds(page), expected(demo.emulator.images, () => true).slice(0, 20), 'the first page, unfiltered');
    await page.selectOption('select[name=osType]', 'Linux');
    await page.check('input[name=supportKvm]');
    await page.fill('input[name=tags]', 'env=prod');
    await page.selectOption('select[name=sortKey]', 'name');
    await page.selectOption('select[name=sortDir]', 'asc');
    await page.fill('input[name=limit]', '25');
    await page.click('button[type=submit].primary');
    await settled(page);
    const want = expected(demo.emulator.images, (i) => i.__os_type === 'Linux' && i.__support_kvm === 'true' && i.tags.includes('env=prod'), { key: 'name', dir: 'asc' });
    assert.ok(want.length > 75, `enough rows for three pages (${want.length})`);
    assert.deepEqual(await rowIds(page), want.slice(0, 25));
    assert.equal(await text(page, '#page'), 'Page 1 · images 1–25');
    assert.equal(await page.isDisabled('#prev'), true);

    await page.click('#next');
    await settled(page);
    assert.deepEqual(await rowIds(page), want.slice(25, 50));
    await page.click('#next');
    await settled(page);
    assert.deepEqual(await rowIds(page), want.slice(50, 75));
    assert.equal(await text(page, '#page'), 'Page 3 · images 51–75');
    await page.click('#prev');
    await settled(page);
    assert.deepEqual(await rowIds(page), want.slice(25, 50));
    await shot(page, 'filters-page-2');

    // The back button walks the history: page 3 again, then the filters' first page.
    await page.goBack();
    await settled(page);
    assert.deepEqual(await rowIds(page), want.slice(50, 75));
    const url = page.url();
    assert.match(url, /osType=Linux/);
    assert.match(url, /tag=env%3Dprod/);
    await page.reload();
    await settled(page);
    assert.deepEqual(await rowIds(page), want.slice(50, 75), 'a reload restores the view');

    // The URL in another browser shows the same view, with the form filled in.
    const other = await open(demo, { path: url.slice(demo.url.length - 1) });
    try {
      assert.deepEqual(await rowIds(other.page), want.slice(50, 75));
      assert.equal(await other.page.inputValue('select[name=osType]'), 'Linux');
      assert.equal(await other.page.inputValue('input[name=tags]'), 'env=prod');
      assert.equal(await other.page.isChecked('input[name=supportKvm]'), true);
      assert.equal(await other.page.inputValue('select[name=sortKey]'), 'name');
      assert.equal(await other.page.inputValue('input[name=limit]'), '25');
      assert.equal(await text(other.page, '#page'), 'Page 3 · images 51–75');
      assert.deepEqual(other.errors, []);
    } finally {
      await other.close();
    }
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('demo: architecture, GPU, created date, status and both APIs against the catalogue', async () => {
  const { page, errors, context } = await open(demo);
  try {
    const since = Date.UTC(2021, 0, 1);
    const base = (i) => i.__imagetype === 'gold' && i.status === 'active' && Date.parse(i.created_at) >= since;
    await page.selectOption('select[name=imagetype]', 'gold');
    await page.selectOption('select[name=status]', 'active');
    await page.selectOption('select[name=architecture]', 'arm');
    await page.selectOption('select[name=createdOp]', 'gte');
    await page.fill('input[name=createdDate]', '2021-01-01');
    await page.fill('input[name=limit]', '1000');
    await page.click('button[type=submit].primary');
    await settled(page);
    const arm = expected(demo.emulator.images, (i) => base(i) && i.__support_arm === 'true');
    assert.ok(arm.length > 10, `${arm.length} rows`);
    assert.deepEqual(await rowIds(page), arm);
    assert.match(await text(page, '#status'), new RegExp(`^${arm.length} images in \\d+ ms from /v2/cloudimages$`));

    // The same filters on /v2/images, where the architecture is the __support_arm property.
    await page.selectOption('select[name=api]', 'glanceListImages');
    await page.click('button[type=submit].primary');
    await settled(page);
    assert.deepEqual(await rowIds(page), arm);
    assert.match(page.url(), /api=glanceListImages/);

    // A GPU type, and the empty state when nothing matches.
    await page.selectOption('select[name=architecture]', '');
    await page.selectOption('select[name=gpu]', 'kvm:T4');
    await page.fill('input[name=createdDate]', '');
    await page.click('button[type=submit].primary');
    await settled(page);
    const t4 = expected(demo.emulator.images, (i) => i.__imagetype === 'gold' && i.status === 'active' && i.__support_kvm_gpu_type === 'T4');
    assert.ok(t4.length > 0);
    assert.deepEqual(await rowIds(page), t4);
    await page.fill('input[name=name]', 'no image has this name');
    await page.click('button[type=submit].primary');
    await settled(page);
    assert.deepEqual(await rowIds(page), []);
    assert.equal(await text(page, '#status'), 'No images match these filters.');
    await shot(page, 'empty');

    // A value the client refuses is a typed error on the page, and the page keeps working.
    await page.fill('input[name=name]', '');
    await page.fill('input[name=limit]', '0');
    await page.$eval('#filters', (f) => { f.noValidate = true; f.requestSubmit(); });
    await settled(page);
    assert.equal(await text(page, '#error [data-fact=kind]'), 'invalid-argument');
    assert.equal(await text(page, '#error [data-fact=key]'), 'limit');
    await page.fill('input[name=limit]', '5');
    await page.click('button[type=submit].primary');
    await settled(page);
    assert.deepEqual(await rowIds(page), t4.slice(0, 5));
    assert.equal(await page.isHidden('#error'), true);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('demo: the detail shows the clicked image\'s fields, extra and request id; Escape and back close it', async () => {
  // An image with unmodelled fields, so the extra section is checked too, listed by its name.
  const wire = demo.emulator.images.find((i) => Object.keys(parseImage(i).extra ?? {}).length > 0);
  assert.ok(wire, 'the catalogue has images with unmodelled fields');
  const id = wire.id;
  const want = parseImage(JSON.stringify(wire));
  const { page, errors, context } = await open(demo, { path: `/?name=${encodeURIComponent(wire.name)}` });
  try {
    assert.ok((await rowIds(page)).includes(id));
    const response = page.waitForResponse((r) => r.url().endsWith(`/v2/images/${id}`));
    // By keyboard: the name is a button.
    await page.focus(`#results tbody tr[data-id="${id}"] button`);
    await page.keyboard.press('Enter');
    const requestId = (await response).headers()['x-request-id'];
    await page.waitForSelector('#detail-request-id');
    assert.equal(await text(page, '#detail-request-id'), requestId);
    assert.match(requestId, /^emu-[0-9a-f]{8}$/);
    assert.equal(await text(page, '#detail-title'), want.name);
    assert.match(page.url(), new RegExp(`[?&]image=${id}`));
    const shown = Object.fromEntries(await page.$$eval('#detail-fields dd', (dds) => dds.map((dd) => [dd.getAttribute('data-field'), dd.textContent])));
    assert.deepEqual(Object.keys(shown), Object.keys(want).filter((k) => k !== 'extra'), 'every modelled field, in order');
    assert.equal(shown.id, id);
    assert.equal(shown.minDisk, `${want.minDisk} GB`);
    assert.equal(shown.isregistered, want.isregistered ? 'yes' : 'no');
    assert.equal(shown.protected, want.protected ? 'yes' : 'no');
    assert.match(shown.imageSize, /^\d+\.\d+ GB \([\d,]+ bytes\)$/);
    assert.equal(shown.imageSize.replace(/^.*\(|\D/g, ''), String(want.imageSize));
    assert.ok(shown.createdAt.endsWith(`(${want.createdAt})`));
    const extra = await page.$$eval('#detail-extra dd', (dds) => dds.map((dd) => dd.getAttribute('data-field')));
    assert.deepEqual(extra, Object.keys(want.extra));
    await shot(page, 'detail');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('#detail').open && !location.search.includes('image='));
    assert.equal(await page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-id')), id, 'focus returns to the row');

    // A detail link opens the dialog directly; the back button closes a detail and forward reopens it.
    await page.goto(new URL(`/?image=${id}`, demo.url).href);
    await page.waitForSelector('#detail-request-id');
    assert.equal(await text(page, '#detail-title'), want.name);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('#detail').open && !location.search.includes('image='));
    const otherId = (await rowIds(page)).find((i) => i !== id);
    await page.click(`#results tbody tr[data-id="${otherId}"] td`);
    await page.waitForFunction((i) => document.querySelector('#detail').open && document.querySelector('#detail-request-id') && location.search.includes(i), otherId);
    await page.goBack();
    await page.waitForFunction(() => !document.querySelector('#detail').open && !location.search.includes('image='));
    await page.goForward();
    await page.waitForFunction((i) => document.querySelector('#detail').open && document.querySelector('#detail').dataset.id === i, otherId);
    await page.goto(new URL('/?image=no-such-image', demo.url).href);
    await page.waitForSelector('#detail-error:not([hidden])');
    assert.equal(await text(page, '#detail-error [data-fact=status]'), '404');
    assert.equal(await text(page, '#detail-error [data-fact=code]'), 'IMG.0404');
    assert.match(await text(page, '#detail-error [data-fact=request-id]'), /^emu-/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('demo: load all walks every page in large pages and downloads the result as JSON and CSV', async () => {
  const { page, errors, calls, context } = await open(demo);
  try {
    calls.splice(0);
    await page.selectOption('select[name=sortDir]', 'asc');
    await page.click('#load-all');
    await page.waitForFunction(() => document.querySelector('#load-all-status').textContent.startsWith('Done'));
    const all = expected(demo.emulator.images, () => true, { dir: 'asc' });
    const status = await text(page, '#load-all-status');
    assert.match(status, new RegExp(`^Done: ${all.length.toLocaleString('en')} images · 3 pages · [\\d,]+ images/s$`));
    // The new sort's first page (20 rows), and the walk: 1000 + 1000 + the empty page that ends it.
    const limits = calls.filter((c) => c.url.includes('/v2/cloudimages')).map((c) => new URL(c.url).searchParams.get('limit'));
    assert.deepEqual(limits.sort(), ['1000', '1000', '1000', '20']);
    assert.equal(await page.evaluate(() => document.querySelector('#progress').value), 1);
    await shot(page, 'load-all-done');

    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
    assert.match(json.suggestedFilename(), /^ims-images-cloudimages-\d{4}-\d{2}-\d{2}T\d{6}\.json$/);
    const images = JSON.parse(readFileSync(await json.path(), 'utf8'));
    assert.deepEqual(images.map((i) => i.id), all);
    assert.equal(typeof images[0].osBit, 'number', 'typed values, as the client gives them');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
    const lines = readFileSync(await csv.path(), 'utf8').trimEnd().split('\r\n');
    assert.equal(lines.length, all.length + 1);
    const header = lines[0].split(',');
    assert.equal(header[0], 'id');
    assert.deepEqual(lines.slice(1).map((l) => l.split(',')[0]), all);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('demo: load all shows progress, and Cancel aborts the request in flight and sends no more', async () => {
  const slow = await startDemo({ port: 0, emulatorPort: 0, quiet: true, emulator: { count: 6000, latencyMs: 500 } });
  const { page, errors, calls, context } = await open(slow);
  try {
    const failed = [];
    page.on('requestfailed', (r) => failed.push({ url: r.url(), error: r.failure()?.errorText }));
    await page.click('#load-all');
    await page.waitForFunction(() => /Loading… 1,000 images · 1 page /.test(document.querySelector('#load-all-status').textContent));
    assert.equal(await page.evaluate(() => document.querySelector('#progress').hasAttribute('value')), false, 'indeterminate while running');
    await shot(page, 'load-all-running');
    // The second page's request has started (events reach Node a little after the page sends them).
    const walk = () => calls.filter((c) => c.url.includes('limit=1000'));
    while (walk().length < 2) await new Promise((r) => setTimeout(r, 10));
    const before = calls.length;
    const inFlight = walk()[1];
    await page.click('#cancel');
    const cancelledAt = Date.now();
    await page.waitForFunction(() => document.querySelector('#load-all-status').textContent.startsWith('Cancelled'));
    assert.match(await text(page, '#load-all-status'), /^Cancelled after 1,000 images · 1 page · /);
    await page.waitForTimeout(1500); // three latencies: time for any request that would follow
    assert.equal(calls.length, before, 'no request after Cancel');
    assert.ok(calls.every((c) => c.at <= cancelledAt));
    assert.ok(failed.some((f) => f.url === inFlight.url && /ABORTED/.test(f.error ?? '')), `the request in flight is aborted: ${JSON.stringify(failed)}`);
    assert.equal(await page.isEnabled('#download-json'), true, 'what was loaded can still be saved');
    assert.equal(await page.isDisabled('#cancel'), true);
    await shot(page, 'load-all-cancelled');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await slow.close();
  }
});

test('demo: an injected fault shows kind, status, code and the request id of the last attempt', async () => {
  const faulty = await startDemo({ port: 0, emulatorPort: 0, quiet: true, emulator: { errorRate: 1 } });
  const { page, errors, context } = await open(faulty, { path: '/' });
  try {
    const responses = [];
    page.on('response', (r) => { if (r.url().includes('/v2/cloudimages')) responses.push(r.headers()['x-request-id']); });
    // Settings: no retries, so the error is the first answer's.
    await page.click('#settings summary');
    await page.fill('input[name=maxRetries]', '0');
    await page.click('#settings-form button[type=submit]');
    await settled(page);
    await page.waitForSelector('#error:not([hidden])');
    assert.equal(await text(page, '#error [data-fact=kind]'), 'http');
    assert.match(await text(page, '#error [data-fact=status]'), /^50[03]$/);
    assert.match(await text(page, '#error [data-fact=code]'), /^IMG\.050[03]$/);
    assert.equal(await text(page, '#error [data-fact=attempts]'), '1');
    assert.equal(await text(page, '#error [data-fact=request-id]'), responses.at(-1));
    assert.deepEqual(await rowIds(page), []);
    // The calls panel, fed by onAttempt: the failed call, its status, one attempt, its request id.
    const firstCall = await page.$$eval('#calls tbody tr:first-child td', (tds) => tds.map((td) => td.textContent));
    assert.equal(firstCall[0], 'listImages');
    assert.match(firstCall[1], /^50[03]$/);
    assert.equal(firstCall[2], '1');
    assert.match(firstCall[3], /^\d+ ms$/);
    assert.equal(firstCall[4], responses.at(-1));
    // The core's bounds, not the page's: 20 retries is the most, 21 is refused by the client.
    assert.equal(await page.getAttribute('input[name=maxRetries]', 'max'), '20');
    await page.fill('input[name=maxRetries]', '2');
    await page.click('#settings-form button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#calls tbody tr:first-child td:nth-child(3)')?.textContent === '3');
    assert.equal(responses.length >= 4, true, 'three attempts of the second call were reported');
    await page.fill('input[name=maxRetries]', '21');
    await page.$eval('#settings-form', (f) => { f.noValidate = true; }); // past the input's own max, to the client
    await page.click('#settings-form button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#error [data-fact=key]')?.textContent === 'maxRetries');
    await shot(page, 'fault');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await faulty.close();
  }
});

test('demo: credentials from settings reach the endpoint and nowhere else (URL, storage, errors)', async () => {
  const token = 'demo-token-3f9a1c77';
  const locked = await startDemo({ port: 0, emulatorPort: 0, quiet: true, emulator: { token } });
  const { page, errors, context } = await open(locked);
  try {
    assert.equal(await text(page, '#error [data-fact=status]'), '401');
    assert.equal(await text(page, '#error [data-fact=code]'), 'APIGW.0301');
    await page.click('#settings summary');
    await page.selectOption('select[name=auth]', 'token');
    await page.fill('input[name=token]', token);
    await page.click('#settings-form button[type=submit]');
    await settled(page);
    assert.equal((await rowIds(page)).length, 20);
    await page.click('#next');
    await settled(page);
    assert.equal((await rowIds(page)).length, 20);
    const leaks = await page.evaluate(() => [location.href, JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage }), document.cookie]);
    assert.ok(leaks.every((s) => !s.includes('3f9a1c77')), JSON.stringify(leaks));

    // The security rule, visible: a token never goes to a plain-http host other than loopback.
    await page.fill('input[name=endpoint]', 'http://ims.example.com');
    await page.click('#settings-form button[type=submit]');
    await settled(page);
    assert.equal(await text(page, '#error [data-fact=kind]'), 'invalid-argument');
    assert.equal(await text(page, '#error [data-fact=key]'), 'endpoint');
    assert.ok(!(await text(page, 'body')).includes('3f9a1c77'));

    // Only when asked, settings are remembered; "Forget" removes them.
    await page.fill('input[name=endpoint]', locked.emulator.url);
    await page.check('input[name=remember]');
    await page.click('#settings-form button[type=submit]');
    await settled(page);
    await page.reload();
    await settled(page);
    assert.equal((await rowIds(page)).length, 20, 'remembered across a reload');
    await page.click('#settings summary');
    await page.click('#forget');
    assert.equal(await page.evaluate(() => localStorage.length), 0);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await locked.close();
  }
});

test('demo: at 390 px wide only the table scrolls sideways: list, detail, load all and errors', async () => {
  const { page, errors, context } = await open(demo, { width: 390, height: 844 });
  try {
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(await sideways(), 0, 'list');
    assert.ok(await page.$eval('.table-wrap', (w) => w.scrollWidth > w.clientWidth), 'the table scrolls inside its box');
    await shot(page, 'narrow-list');
    await page.click('#settings summary');
    assert.equal(await sideways(), 0, 'settings open');
    await page.click('#results tbody tr:first-child button');
    await page.waitForSelector('#detail-request-id');
    assert.equal(await sideways(), 0, 'detail');
    assert.ok(await page.$eval('#detail', (d) => d.getBoundingClientRect().right <= window.innerWidth));
    await page.screenshot({ path: join(shots, 'narrow-detail.png') });
    await page.keyboard.press('Escape');
    await page.click('#load-all');
    await page.waitForFunction(() => document.querySelector('#load-all-status').textContent.startsWith('Done'));
    assert.equal(await sideways(), 0, 'load all');
    await page.fill('input[name=limit]', '0');
    await page.$eval('#filters', (f) => { f.noValidate = true; f.requestSubmit(); });
    await settled(page);
    await page.waitForSelector('#error:not([hidden])');
    assert.equal(await sideways(), 0, 'error');
    await shot(page, 'narrow-error');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
