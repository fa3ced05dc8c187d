// What the in-page emulator test does, in the page and in a worker: every image through AK/SK
// signatures (checked by Web Crypto), 5xx faults and cut bodies, retried; then a wrong key.
export async function walk(ImsClient, createEmulator) {
  const aksk = { accessKey: 'AKPAGE', secretKey: 'sk-page-secret' };
  const emu = createEmulator({ count: 300, aksk, errorRate: 0.2, truncateRate: 0.1 });
  const client = new ImsClient({ endpoint: emu.url, fetch: emu.fetch, credentials: aksk, maxRetries: 10 });
  const ids = [];
  for await (const image of client.listImagesAll({ sortKey: 'id', sortDir: 'asc', limit: 40 })) ids.push(image.id);
  let refused;
  try {
    await new ImsClient({ endpoint: emu.url, fetch: emu.fetch, credentials: { ...aksk, secretKey: 'wrong' }, maxRetries: 0 }).listImages({ limit: 1 });
  } catch (e) {
    refused = { kind: e.kind, status: e.status, code: e.code };
  }
  return { ids, catalogue: emu.images.map((i) => i.id).sort(), requests: emu.requests, refused };
}
