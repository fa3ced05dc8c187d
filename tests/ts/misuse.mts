// Each line below is a misuse: --strict must reject it (@ts-expect-error fails if it does not).
import { ImsClient, parseImage } from 'ims-client';

const c = new ImsClient({ region: 'cn-north-4' });
// @ts-expect-error unknown query key
void c.listImages({ nmae: 'x' });
// @ts-expect-error wrong field type: limit is a number
void c.listImages({ limit: '10' });
// @ts-expect-error wrong field type: booleans are booleans
void c.listImages({ supportKvm: 'true' });
// @ts-expect-error an IMS-only parameter on the native list
void c.glanceListImages({ flavorId: 'f' });
// @ts-expect-error an operator outside the six
void c.listImages({ createdAt: { op: 'before', time: '2018-10-28T10:00:00Z' } });
// @ts-expect-error tag items are strings
void c.listImages({ tag: [1] });
// @ts-expect-error extra values are strings
void c.listImages({ extra: { a: 1 } });
// @ts-expect-error unknown client option
new ImsClient({ region: 'x', retries: 3 });
// @ts-expect-error credentials need both keys
new ImsClient({ region: 'x', credentials: { accessKey: 'a' } });
// @ts-expect-error the image id is a string
void c.glanceShowImage(42);
// @ts-expect-error osBit is a number on an Image
const bits: string | undefined = parseImage('{}').osBit;
// @ts-expect-error extra values are unknown, not any
const s: string = parseImage('{}').extra['x'];
// @ts-expect-error not an operation
void c.buildRequest('deleteImage');
void [bits, s];
