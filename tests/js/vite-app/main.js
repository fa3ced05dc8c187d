// Bundled by Vite from the package's `exports` map (browser condition): no init call.
import { ImsClient, regions } from 'ims-client';

window.run = async (endpoint) => {
  const client = new ImsClient({ endpoint });
  const page = await client.listImages({ osType: 'Linux', limit: 2 });
  return { ids: page.images.map((i) => i.id), osBits: page.images.map((i) => i.osBit), regions: regions.length };
};
window.ready = true;
