#!/usr/bin/env node
// `make bench`'s baseline for the `ims` bin: the walk a script author writes by hand with the
// package, every image to stdout as NDJSON, a page at a time, waiting when the pipe is full.
//   node scripts/bench/walk-script.mjs URL   (the token in IMS_TOKEN)
import { ImsClient } from 'ims-client';

const client = new ImsClient({ endpoint: process.argv[2], credentials: { token: process.env.IMS_TOKEN ?? '' } });
for await (const page of client.listImagesAll({ limit: 500 }).byPage()) {
  let out = '';
  for (const image of page.images) out += `${JSON.stringify(image)}\n`;
  if (!process.stdout.write(out)) await new Promise((resolve) => process.stdout.once('drain', resolve));
}
