// `startEmulator` (Node only): the emulated API (handler.mjs) as an HTTP server on loopback, for
// anything that speaks HTTP (the client in Node, a browser page, curl, python-glanceclient); and
// `createEmulator`, the same API in the page (in-page.mjs). Shipped as `ims-client/emulator`
// under the `node` condition; other conditions get in-page.mjs only. Types: ims-emulator.d.ts.
import http from 'node:http';
import { webcrypto } from 'node:crypto';

import { createHandler } from './handler.mjs';

export { createEmulator } from './in-page.mjs';

/** Starts an emulator; see ims-emulator.d.ts. */
export async function startEmulator(options = {}) {
  const h = createHandler(options, 'startEmulator', webcrypto.subtle);
  const { opts } = h;
  let origin = '';
  const server = http.createServer((req, res) => {
    const controller = new AbortController();
    res.on('close', () => controller.abort());
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]));
    h.handle({ method: req.method, url: req.url, headers, origin: req.headers.host ? `http://${req.headers.host}` : origin }, controller.signal).then(
      (a) => {
        if (res.destroyed) return;
        res.writeHead(a.status, a.headers);
        // A cut body: half the promised bytes, then the connection drops.
        if (a.cut) res.write(a.body.subarray(0, Math.floor(a.body.length / 2)), () => res.destroy());
        else res.end(a.body);
      },
      () => res.destroy(),
    );
  });
  const sockets = new Set();
  server.on('connection', (socket) => { sockets.add(socket); socket.on('close', () => sockets.delete(socket)); });
  await new Promise((resolve, reject) => { server.once('error', reject); server.listen(opts.port, opts.host, resolve); });
  const { port } = server.address();
  const url = `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`;
  origin = url;
  let closed;
  const close = () => {
    closed ??= new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
    return closed;
  };
  return { url, port, images: h.images, seed: h.seed, project: h.project, get requests() { return h.requests; }, close };
}
