// Typed usage through the ESM entry's declarations: must compile under --strict.
import { ImsClient, ImsError, parseImage, parseImagePage, signRequest, regions } from 'ims-client';
import type { Image, ImagePage, ListImagesQuery, GlanceListImagesQuery, Platform } from 'ims-client';

const client = new ImsClient({
  region: 'cn-north-4',
  projectId: 'p',
  credentials: async () => ({ accessKey: 'AK', secretKey: 'SK', securityToken: 'T' }),
  timeoutMs: 5000,
  maxRetries: 2,
  fetch: globalThis.fetch,
  headers: { 'X-Custom': '1' },
});
const q: ListImagesQuery = {
  imagetype: 'gold', osType: 'Linux', platform: 'Kylin', tag: ['a', 'b=c'], limit: 10, minRam: 0, supportKvm: true,
  createdAt: { op: 'gte', time: new Date() }, updatedAt: 'lt:2018-10-28T10:00:00Z', sortKey: 'status', sortDir: 'asc',
  memberStatus: 'accepted', visibility: 'shared', wholeImage: false, systemCmkid: 'k', flavorId: 'f', architecture: 'arm',
  extra: { __quick_start: 'true' },
};
const g: GlanceListImagesQuery = { tag: 'x', osBit: '64', containerFormat: 'bare' };

async function main(signal: AbortSignal): Promise<void> {
  const page: ImagePage = await client.listImages(q, { signal, timeoutMs: 100 });
  const next: string | undefined = page.nextMarker;
  const img: Image = await client.glanceShowImage('id');
  const bits: number | undefined = img.osBit;
  const kvm: boolean | undefined = img.supportKvm;
  const agents: string[] | undefined = img.supportAgentList;
  const platform: Platform | undefined = img.platform;
  const extra: unknown = img.extra['__support_kvm_fpga_type'];
  for await (const i of client.listImagesAll(q)) { const n: string | undefined = i.name; void n; break; }
  for await (const p of client.glanceListImagesAll(g).byPage({ pageSize: 5, marker: 'm' })) { void p.images.length; }
  const req = await client.buildRequest('glanceShowImage', 'id', { date: new Date() });
  const h: string | undefined = req.headers['Authorization'];
  try { await client.glanceListImages(g); } catch (e) {
    if (ImsError.is(e)) { const k: 'invalid-argument' | 'http' | 'network' | 'timeout' | 'aborted' | 'parse' | 'pagination' = e.kind; void k; void e.status; void e.attempts; }
  }
  void [next, bits, kvm, agents, platform, extra, h];
}
const r: string[] = regions;
const headers: Record<string, string> = signRequest({ method: 'GET', url: 'https://h/', accessKey: 'a', secretKey: 's', date: '20181028T100000Z' });
const parsed: Image = parseImage('{}');
const parsedPage: ImagePage = parseImagePage({ images: [] });
void [main, r, headers, parsed, parsedPage];
