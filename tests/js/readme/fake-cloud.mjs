// Preloaded (`node --import`) into every README snippet the tests run: `fetch` to an IMS region's
// endpoint (`https://ims.<region>.myhuaweicloud.com`) is answered by the emulator's handler, in
// process, as that host: AK/SK signatures by HUAWEICLOUD_SDK_AK/_SK are checked against the real
// host name, a token must be IMS_TOKEN's. Anything else goes to the real fetch. So a snippet reads
// exactly as a user would write it against the cloud, and still runs here with no network.
import { createHandler, fetchArgs } from '../../../pkg/emulator/handler.mjs';

const REGION_HOST = /^ims\.[a-z0-9-]+\.myhuaweicloud\.com$/;
const bySignature = createHandler({ count: 300, aksk: { accessKey: process.env.HUAWEICLOUD_SDK_AK, secretKey: process.env.HUAWEICLOUD_SDK_SK } }, 'fake-cloud');
const byToken = createHandler({ count: 300, token: process.env.IMS_TOKEN }, 'fake-cloud');
const realFetch = globalThis.fetch;

globalThis.fetch = async function fetch(input, init = {}) {
  const { url, method, headers, signal } = fetchArgs(input, init);
  if (url.protocol !== 'https:' || !REGION_HOST.test(url.hostname)) return realFetch(input, init);
  const handler = headers['x-auth-token'] ? byToken : bySignature;
  const a = await handler.handle({ method, url: url.pathname + url.search, headers, origin: url.origin }, signal);
  return new Response(a.status === 204 ? null : a.body, { status: a.status, headers: a.headers });
};
