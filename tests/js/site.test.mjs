// `make site`: the demo built as a static site with the emulator in the page, served by a plain
// static file server from a subfolder, in headless Chromium: it lists the catalogue's images,
// filters, pages and shows an image, and nothing but its own files is ever requested.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { createEmulator } from 'ims-client/emulator';

import { launch, staticServer } from './chromium.mjs';

const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ims-site-'));
let browser;
let web;
before(async () => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-site.mjs'), '--count', '500', '--latency-ms', '5'], { env: { ...process.env, SITE_DIR: dir }, stdio: 'inherit' });
  web = await staticServer([['/some/folder/', dir]]);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await web?.close();
  rmSync(dir, { recursive: true, force: true });
});

// Settled: a list call finished (the page first reads config.json and creates its emulator).
const settled = (page) => page.waitForFunction(() => document.querySelector('.table-wrap')?.getAttribute('aria-busy') !== 'true' && /\S/.test(document.querySelector('#status')?.textContent ?? '') && !/^Loading/.test(document.querySelector('#status')?.textContent ?? ''));
const rowIds = (page) => page.$$eval('#results tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-id')));

/** The ids the same catalogue gives, newest first (ties: id), as the emulator orders them. */
function expected(keep) {
  const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  return createEmulator({ count: 500 }).images.filter(keep).sort((a, b) => -(cmp(a.created_at, b.created_at) || cmp(a.id, b.id))).map((i) => i.id);
}

test('the static site lists, filters and shows images with the emulator in the page', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  try {
    await page.goto(`${web.url}/some/folder/`);
    await settled(page);
    assert.deepEqual(await rowIds(page), expected(() => true).slice(0, 20), 'the first page of the in-page catalogue');
    assert.match(await page.textContent('#endpoint-label'), /https:\/\/ims\.emulator\.invalid/);
    await page.selectOption('select[name=osType]', 'Windows');
    await page.click('button[type=submit].primary');
    await settled(page);
    const windows = expected((i) => i.__os_type === 'Windows');
    assert.deepEqual(await rowIds(page), windows.slice(0, 20));
    await page.click('#next');
    await settled(page);
    assert.deepEqual(await rowIds(page), windows.slice(20, 40));
    await page.click(`#results tbody tr[data-id="${windows[21]}"]`);
    await page.waitForFunction((id) => document.querySelector('#detail')?.textContent?.includes(id), windows[21]);
    assert.deepEqual(errors, []);
    assert.ok(web.requests.length > 5);
    assert.ok(web.requests.every((u) => u.startsWith('/some/folder/')), `only the site's own files: ${web.requests.join(' ')}`);
  } finally {
    await page.close();
  }
});
