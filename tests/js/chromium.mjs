// Headless Debian Chromium through playwright-core (no browser download), with the flags this
// closed network needs, and a static file server for pages under test. Shared by the browser,
// bundler and demo tests.
import http from 'node:http';

import { chromium } from 'playwright-core';

import { staticFiles } from '../../www/serve.mjs';

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** A static file server for `mounts` ([url prefix, folder] pairs) on a free loopback port. */
export async function staticServer(mounts) {
  const requests = [];
  const files = staticFiles(mounts);
  const server = http.createServer((req, res) => {
    requests.push(req.url);
    files(req, res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, requests, close: () => new Promise((r) => server.close(r)) };
}
