// A scenario server for the Rust client's wasm-pack tests (web/tests): the path prefix names a
// behaviour and a run id (`/s/503once/<id>/v2/...`), and `GET /log/<id>` tells the test what the
// server saw (each request's path, when it came, whether the client hung up before the answer),
// so a test in Chromium or Node can check "nothing more was sent". CORS allows the client headers.
import http from 'node:http';

import { images } from './server.mjs';

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'X-Request-Id, X-Openstack-Request-Id, Retry-After',
};

export async function startScenarios() {
  const logs = new Map();
  const server = http.createServer((req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...CORS, 'Access-Control-Allow-Methods': 'GET, OPTIONS', 'Access-Control-Allow-Headers': 'Accept, Authorization, X-Auth-Token, X-Project-Id, X-Sdk-Date, X-Security-Token', 'Access-Control-Max-Age': '600' });
      return res.end();
    }
    const log = /^\/log\/([\w-]+)$/.exec(req.url);
    if (log) {
      res.writeHead(200, { ...CORS, 'Content-Type': 'application/json' });
      return res.end(JSON.stringify(logs.get(log[1]) ?? []));
    }
    const m = /^\/s\/([\w-]+)\/([\w-]+)(\/.*)$/.exec(req.url);
    if (!m) {
      res.writeHead(404, CORS);
      return res.end();
    }
    const [, scenario, id, rest] = m;
    const seen = logs.get(id) ?? [];
    logs.set(id, seen);
    const entry = { path: rest, at: Date.now(), aborted: false };
    seen.push(entry);
    let answered = false;
    res.on('close', () => { if (!answered) entry.aborted = true; });
    const send = (status, body, headers = {}) => {
      answered = true;
      res.writeHead(status, { ...CORS, 'Content-Type': 'application/json', 'X-Request-Id': `sc-${id}-${seen.length}`, ...headers });
      res.end(JSON.stringify(body));
    };
    const page = { images: images(0, 3) };
    switch (scenario) {
      case '503once': return seen.length === 1 ? send(503, { error_code: 'IMG.0503', error_msg: 'busy' }) : send(200, page);
      case 'retryafter': return seen.length === 1 ? send(429, { error_code: 'APIGW.0308', error_msg: 'slow down' }, { 'Retry-After': '1' }) : send(200, page);
      case 'slow': { const t = setTimeout(() => send(200, page), 3000); return res.on('close', () => clearTimeout(t)); }
      case 'notfound': return send(404, { error: { code: 'IMG.0404', message: 'no such image' } });
      case 'redirect': return send(302, {}, { Location: '/elsewhere' });
      default: return send(400, { error: { code: 'TEST.400', message: `no scenario ${scenario}` } });
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const sockets = new Set();
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
