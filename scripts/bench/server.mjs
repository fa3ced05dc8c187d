#!/usr/bin/env node
// A server that does almost nothing, for the list-all benchmark: `GET /v2/cloudimages?limit=L&marker=M`
// answers from page texts prepared once, so the client's own cost is what the figures show.
//   node scripts/bench/server.mjs COUNT   (prints its URL on stdout, then serves until killed)
import http from 'node:http';

import { wireImage } from './pages.mjs';

const count = Number(process.argv[2] ?? 10_000);
const ids = Array.from({ length: count }, (_, i) => wireImage(i).id);
const index = new Map(ids.map((id, i) => [id, i]));
const cache = new Map();

function page(start, limit) {
  const key = `${start}:${limit}`;
  let body = cache.get(key);
  if (!body) {
    const images = [];
    for (let i = start; i < Math.min(count, start + limit); i++) images.push(wireImage(i));
    body = Buffer.from(JSON.stringify({ images }));
    cache.set(key, body);
  }
  return body;
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const limit = Number(url.searchParams.get('limit') ?? 500);
  const marker = url.searchParams.get('marker');
  const start = marker === null ? 0 : (index.get(marker) ?? count) + 1;
  const body = page(start, limit);
  // A page in a browser reads it too (the web-client row): no credentials, no preflight needed.
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length, 'Access-Control-Allow-Origin': '*' });
  res.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}`));
