// A local HTTP server on 127.0.0.1 for the package tests: it records every request exactly as
// received (raw URL, headers) and answers with whatever the current test scripts.
import http from 'node:http';

const CORS_HEADERS = 'Accept, Authorization, Content-Type, X-Auth-Token, X-Project-Id, X-Sdk-Date, X-Security-Token, X-Custom';

export async function startServer() {
  const state = {
    requests: [],
    // (req, n) => { status?, headers?, body?, delayMs?, destroy? } (or a promise of it); n counts from 1 since reset.
    handler: () => ({ status: 404, body: { error: { code: 'TEST.404', message: 'no handler' } } }),
  };
  const sockets = new Set();
  const server = http.createServer((req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': 'GET, OPTIONS',
        'Access-Control-Allow-Headers': CORS_HEADERS,
        'Access-Control-Max-Age': '600',
      });
      return res.end();
    }
    state.requests.push({ method: req.method, url: req.url, headers: { ...req.headers }, at: Date.now() });
    // A handler answers at once or with a promise (the signature verifier is asynchronous).
    Promise.resolve(state.handler(req, state.requests.length)).then((r) => {
      const reply = r ?? {};
      const send = () => {
        if (reply.destroy) return req.socket.destroy();
        const body = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
        res.writeHead(reply.status ?? 200, {
          'Content-Type': 'application/json',
          'Access-Control-Allow-Origin': '*',
          'Access-Control-Expose-Headers': 'X-Request-Id, Retry-After',
          'X-Request-Id': `req-${state.requests.length}`,
          ...(reply.headers ?? {}),
        });
        res.end(body);
      };
      if (reply.delayMs) {
        const t = setTimeout(send, reply.delayMs);
        res.on('close', () => clearTimeout(t));
      } else send();
    });
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get requests() { return state.requests; },
    handle(fn) { state.handler = fn; },
    reset() { state.requests.length = 0; state.handler = () => ({ status: 404, body: {} }); },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A page of `n` fake images starting at `from`, with IMS-style string fields. */
export function images(from, n) {
  return Array.from({ length: n }, (_, i) => ({
    id: `img-${String(from + i).padStart(4, '0')}`,
    name: `image ${from + i}`,
    __os_bit: i % 2 ? '32' : '64',
    __isregistered: 'true',
    __support_kvm: 'True',
    __support_agent_list: 'hss,ces',
    min_disk: 40,
    status: 'active',
    tags: [],
    virtual_size: null,
    __brand_new_field: { x: i },
  }));
}
