#!/usr/bin/env node
// One measurement in a fresh Node process, printed as JSON on stdout (scripts/bench.mjs runs it).
//   probe.mjs startup-ours PKG_ENTRY        import, instantiate, one signed buildRequest (ms, in process)
//   probe.mjs startup-official SDK_DIR      require the official SDK core, sign once (ms, in process)
//   probe.mjs walk-ours|walk-raw URL COUNT PKG_ENTRY   list COUNT images; peak RSS (MB), and with
//                                                   --expose-gc the heap retained after a full GC
const t0 = process.hrtime.bigint();
const ms = () => Number(process.hrtime.bigint() - t0) / 1e6;
const [mode, a, b, c] = process.argv.slice(2);
const REQUEST = { limit: 5, imagetype: 'gold', tag: ['env=prod', 'gpu'] };

if (mode === 'startup-ours') {
  const { ImsClient } = await import(a);
  const client = new ImsClient({ region: 'cn-north-4', credentials: { accessKey: 'AKBENCH', secretKey: 'SKBENCH' } });
  const req = await client.buildRequest('listImages', REQUEST, { date: '20181028T100000Z' });
  console.log(JSON.stringify({ ms: ms(), authorization: req.headers.Authorization }));
} else if (mode === 'startup-official') {
  const { createRequire } = await import('node:module');
  const require = createRequire(`${a}/`);
  const core = require('@huaweicloud/huaweicloud-sdk-core');
  const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner');
  const cred = new core.BasicCredentials().withAk('AKBENCH').withSk('SKBENCH');
  const h = AKSKSigner.sign({
    endpoint: 'https://ims.cn-north-4.myhuaweicloud.com/v2/cloudimages', method: 'GET',
    headers: { Accept: 'application/json', 'X-Sdk-Date': '20181028T100000Z' },
    queryParams: { __imagetype: REQUEST.imagetype, limit: String(REQUEST.limit), tag: [...REQUEST.tag] },
  }, cred);
  console.log(JSON.stringify({ ms: ms(), authorization: h.Authorization }));
} else if (mode === 'walk-ours' || mode === 'walk-raw') {
  const count = Number(b);
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let n = 0;
  if (mode === 'walk-ours') {
    const { ImsClient } = await import(c);
    const client = new ImsClient({ endpoint: a });
    for await (const image of client.listImagesAll({ limit: 500 })) if (image.id) n++;
  } else {
    let marker;
    for (;;) {
      const res = await fetch(`${a}/v2/cloudimages?limit=500${marker ? `&marker=${encodeURIComponent(marker)}` : ''}`);
      const page = JSON.parse(await res.text());
      for (const image of page.images) if (image.id) n++;
      if (page.images.length < 500) break;
      marker = page.images[page.images.length - 1].id;
    }
  }
  if (n !== count) throw new Error(`walked ${n} images, expected ${count}`);
  globalThis.gc?.();
  globalThis.gc?.();
  const retainedMB = (process.memoryUsage().heapUsed - heapBefore) / 1048576;
  console.log(JSON.stringify({ ms: ms(), rssMB: process.resourceUsage().maxRSS / 1024, retainedMB }));
} else {
  throw new Error(`unknown mode ${mode}`);
}
