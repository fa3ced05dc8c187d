// A tiny app that imports the package, as a console would; each bundler builds it with no
// configuration of its own, and the bundle lists images from the emulator in Chromium.
import { ImsClient, ImsError, regions } from 'ims-client';

async function run(endpoint) {
  const client = new ImsClient({ endpoint });
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

const out = document.getElementById('out');
run(window.EMULATOR).then(
  (r) => { out.textContent = JSON.stringify({ ok: true, ...r }); },
  (e) => { out.textContent = JSON.stringify({ ok: false, error: String(e) }); },
);
