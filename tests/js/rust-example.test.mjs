// examples/list_images.rs, the core's client loop driven natively by a blocking HTTP client, lists
// exactly the catalogue's images through the emulator's faults.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { test } from 'node:test';

import { startEmulator } from '../../emulator/ims-emulator.mjs';

const root = new URL('../..', import.meta.url).pathname;

test('the native example lists every matching image through faults', async () => {
  execFileSync('cargo', ['build', '--quiet', '--example', 'list_images'], { cwd: root, stdio: 'inherit' });
  const emu = await startEmulator({ count: 700, errorRate: 0.2, truncateRate: 0.05 });
  try {
    // Asynchronously: the emulator answers from this process's event loop.
    const { stdout: out } = await promisify(execFile)(`${root}target/debug/examples/list_images`, [emu.url, 'imagetype=gold', 'osType=Linux', 'limit=30']);
    const lines = out.trim().split('\n');
    const summary = lines.pop();
    const ids = lines.map((l) => l.split('\t')[0]);
    const expected = emu.images.filter((i) => i.__imagetype === 'gold' && i.__os_type === 'Linux').map((i) => i.id);
    assert.deepEqual([...ids].sort(), [...expected].sort());
    assert.equal(new Set(ids).size, ids.length, 'each image once');
    assert.match(summary, new RegExp(`^${expected.length} images, \\d+ pages, \\d+ requests$`));
  } finally {
    await emu.close();
  }
});

test('the native example never follows a redirect: the other host gets nothing, the error says why', async () => {
  const { startServer } = await import('./server.mjs');
  const elsewhere = await startServer();
  const redirecting = await startServer();
  elsewhere.handle(() => ({ body: { images: [] } }));
  redirecting.handle(() => ({ status: 302, headers: { Location: `${elsewhere.url}/v2/cloudimages` }, body: '' }));
  try {
    const run = promisify(execFile)(`${root}target/debug/examples/list_images`, [redirecting.url]);
    await assert.rejects(run, (e) => {
      assert.match(e.stderr, /redirect/, e.stderr);
      assert.match(e.stderr, /302/, e.stderr);
      return true;
    });
    assert.equal(redirecting.requests.length, 1, 'one request, not retried');
    assert.equal(elsewhere.requests.length, 0, 'the redirect was not followed');
  } finally {
    await redirecting.close();
    await elsewhere.close();
  }
});
