// A tiny app that imports the package, as a console would; each bundler builds it with no
// configuration of its own, and the bundle lists images in Chromium: from the in-page emulator
// (`createEmulator`, no server, no network), and from the emulator's server when the page is
// given its URL.
import { ImsClient, ImsError, regions } from 'ims-client';
import { createEmulator } from 'ims-client/emulator';

async function run(endpoint, fetch) {
  const client = new ImsClient(fetch ? { endpoint, fetch } : { endpoint });
  const page = await client.listImages({ imagetype: 'gold', sortKey: 'id', sortDir: 'asc', limit: 5 });
  let linux = 0;
  for await (const image of client.listImagesAll({ osType: 'Linux', limit: 200 })) if (image.osType === 'Linux') linux++;
  let missing;
  try {
    await client.glanceShowImage('no-such-image');
  } catch (e) {
    missing = ImsError.is(e) ? `${e.kind} ${e.status}` : String(e);
  }
  return { ids: page.images.map((i) => i.id), osBit: page.images.map((i) => typeof i.osBit), linux, missing, regions: regions.length };
}

async function main() {
  const emu = createEmulator({ count: 600 });
  const inPage = await run(emu.url, emu.fetch);
  const server = window.EMULATOR ? await run(window.EMULATOR) : undefined;
  return { inPage, inPageRequests: emu.requests, server };
}

const out = document.getElementById('out');
main().then(
  (r) => { out.textContent = JSON.stringify({ ok: true, ...r }); },
  (e) => { out.textContent = JSON.stringify({ ok: false, error: String(e) }); },
);
