#!/usr/bin/env node
// `make demo`: the demo page on PORT (default 8080) and the IMS emulator beside it on PORT+1.
// The page gets the emulator's URL from /config.json; the package is served from /pkg/.
import http from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import { startEmulator } from '../emulator/ims-emulator.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm' };

/** A request handler serving files from `mounts` ([url prefix, folder] pairs), 404 otherwise. */
export function staticFiles(mounts) {
  return (req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain' });
      return res.end('bad request');
    }
    for (const [prefix, dir] of mounts) {
      if (!path.startsWith(prefix)) continue;
      let file = normalize(join(dir, path.slice(prefix.length)));
      // Inside the folder: the folder itself, or below it (a sibling such as `www-other` is not).
      if (file !== dir && !file.startsWith(dir.endsWith(sep) ? dir : dir + sep)) break;
      try {
        if (statSync(file).isDirectory()) file = join(file, 'index.html');
        res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
        return res.end(readFileSync(file));
      } catch {
        break;
      }
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
  };
}

export async function startDemo({ port = 8080, emulatorPort = port === 0 ? 0 : port + 1, host = '127.0.0.1', quiet = false } = {}) {
  const emulator = await startEmulator({ port: emulatorPort, host });
  const files = staticFiles([['/pkg/', join(root, 'pkg')], ['/', join(root, 'www')]]);
  const server = http.createServer((req, res) => {
    if (new URL(req.url, 'http://x').pathname === '/config.json') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return res.end(JSON.stringify({ endpoint: emulator.url }));
    }
    return files(req, res);
  });
  await new Promise((resolve, reject) => { server.once('error', reject); server.listen(port, host, resolve); });
  const url = `http://${host}:${server.address().port}/`;
  if (!quiet) {
    console.log(`Demo:     ${url}`);
    console.log(`Emulator: ${emulator.url} (${emulator.images.length} images)`);
  }
  return { url, emulator, close: async () => { server.closeAllConnections?.(); await new Promise((r) => server.close(r)); await emulator.close(); } };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 8080);
  startDemo({ port }).catch((e) => {
    console.error(`demo: ${e.message}`);
    process.exit(1);
  });
}
