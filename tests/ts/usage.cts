// Typed usage through the CommonJS entry's declarations.
import ims = require('ims-client');
const client = new ims.ImsClient({ endpoint: 'http://127.0.0.1:8080/proxy', credentials: { token: 't' } });
const p: Promise<ims.ImagePage> = client.glanceListImages({ name: 'x' });
void p;
