#!/usr/bin/env node
// `make demo`: the demo page on PORT (default 8080) and the IMS emulator beside it on PORT+1.
// The page gets the emulator's URL from /config.json; the package is served from /pkg/. The
// emulator's own flags pass through: `make demo ARGS="--error-rate 0.3 --latency-ms 200"`.
import http from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import { parseArgs, USAGE } from '../emulator/args.mjs';
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

/**
 * Starts the demo: the page server and an emulator. `emulator` takes startEmulator's options (a
 * seed, a count, faults, required credentials); its port and host are the demo's.
 */
export async function startDemo({ port = 8080, emulatorPort = port === 0 ? 0 : port + 1, host = '127.0.0.1', quiet = false, emulator: emulatorOptions = {} } = {}) {
  const emulator = await startEmulator({ ...emulatorOptions, port: emulatorPort, host });
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
    console.log(`Emulator: ${emulator.url} (${emulator.images.length} images, seed ${emulator.seed})`);
  }
  return { url, emulator, close: async () => { server.closeAllConnections?.(); await new Promise((r) => server.close(r)); await emulator.close(); } };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 8080);
  try {
    const { port: _ignored, host, ...emulator } = parseArgs(process.argv.slice(2));
    await startDemo({ port, host, emulator });
  } catch (e) {
    console.error(`demo: ${e.message}`);
    if (/unknown flag|needs/.test(e.message)) console.error(`flags: the emulator's (${USAGE.replace('usage: ims-emulator ', '')}), PORT from the environment`);
    process.exit(1);
  }
}
