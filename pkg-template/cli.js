// @ts-check
// `ims`, the package's command line (pkg/cli.mjs; `npx ims ...`). The core decides (the Node
// module's `cliPlan`: the command, every flag and value, where credentials and the region come
// from, the output; src/cli.rs); this file carries it out with the package's own client: it reads
// the environment, asks the client, writes what comes back a page at a time, and ends with the
// exit code the core's table gives the outcome.
import { ImsClient, ImsError } from './index.js';
import { fromCore } from './errors.js';
import { provider } from './credentials.js';
import { EXIT_BY_KIND, EXIT_DONE, EXIT_INTERRUPTED, HELP, REGION_VARIABLE, TOKEN_VARIABLE } from './generated/cli.js';
import { instance } from './node-load.js';
import { cliPlan, curlCommand } from './node-core.js';
import { listWriter, oneRecord } from './output.js';

void instance; // instantiated on import

/** @typedef {import('./generated/node-protocol.js').Plan} Plan */

const stdout = process.stdout;
const stderr = process.stderr;

/**
 * Writes to standard output, waiting when the pipe is full (one page in memory at a time).
 * @param {string} text
 */
function write(text) {
  if (stdout.write(text)) return undefined;
  return new Promise((resolve) => stdout.once('drain', resolve));
}

/** A progress line on a terminal's stderr: pages, images, rate. */
function progress() {
  const shown = stderr.isTTY === true;
  const started = Date.now();
  let pages = 0;
  let images = 0;
  let onScreen = false;
  return {
    clear() {
      if (onScreen) stderr.write('\r\x1b[K');
      onScreen = false;
    },
    /** @param {number} n */
    page(n) {
      pages += 1;
      images += n;
      if (!shown) return;
      const rate = Math.round(images / Math.max(0.001, (Date.now() - started) / 1000));
      stderr.write(`\r\x1b[K${pages} page${pages === 1 ? '' : 's'}, ${images} images, ${rate} images/s`);
      onScreen = true;
    },
  };
}

/**
 * An error as a person reads it: the message, then what a support ticket needs.
 * @param {ImsError} e
 */
function describeError(e) {
  const facts = [`kind ${e.kind}`];
  if (e.status !== undefined) facts.push(`status ${e.status}`);
  if (e.code !== undefined) facts.push(`code ${e.code}`);
  if (e.requestId !== undefined) facts.push(`request id ${e.requestId}`);
  if (e.attempts > 1) facts.push(`${e.attempts} attempts`);
  return `ims: ${e.message}\n  (${facts.join(', ')})\n`;
}

/**
 * The client's credentials, as the plan says.
 * @param {Plan} plan
 */
function credentialsOf(plan) {
  if (plan.credentials === 'token-variable') return { token: process.env[TOKEN_VARIABLE] ?? '' };
  if (plan.credentials === 'profile') return provider('profile', { profile: plan.profile });
  return provider('default', undefined);
}

/**
 * @param {Plan} plan
 * @param {AbortSignal} signal
 * @param {ReturnType<typeof progress>} shown
 */
async function run(plan, signal, shown) {
  if (plan.command === 'help') return write(HELP[/** @type {keyof typeof HELP} */ (plan.topic ?? '')] ?? HELP['']);
  if (plan.command === 'regions') {
    const w = listWriter(plan.output, ['id', 'endpoint'], write);
    await w.rows(plan.regions ?? []);
    return w.end();
  }
  const client = new ImsClient({ ...plan.client, credentials: credentialsOf(plan) });
  const operation = /** @type {import('./index').Operation} */ (plan.operation);
  if (plan.command === 'request') {
    const req = operation === 'glanceShowImage' ? await client.buildRequest(operation, plan.imageId ?? '') : await client.buildRequest(/** @type {'listImages'} */ (operation), plan.query);
    return write(`${curlCommand(JSON.stringify(req), plan.showSecrets)}\n`);
  }
  if (plan.command === 'show') {
    const image = await client.glanceShowImage(plan.imageId ?? '', { signal });
    return write(oneRecord(plan.output, plan.fields, /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (image))));
  }
  const w = listWriter(plan.output, plan.fields, async (text) => {
    shown.clear();
    await write(text);
  });
  const list = operation === 'glanceListImages' ? client.glanceListImages.bind(client) : client.listImages.bind(client);
  const all = operation === 'glanceListImages' ? client.glanceListImagesAll.bind(client) : client.listImagesAll.bind(client);
  if (plan.all) {
    for await (const page of all(plan.query, { signal }).byPage()) {
      await w.rows(/** @type {Record<string, unknown>[]} */ (/** @type {unknown} */ (page.images)));
      shown.page(page.images.length);
    }
    shown.clear();
    return w.end();
  }
  const page = await list(plan.query, { signal });
  await w.rows(/** @type {Record<string, unknown>[]} */ (/** @type {unknown} */ (page.images)));
  await w.end();
  if (page.nextMarker !== undefined && stderr.isTTY) stderr.write(`ims: more images follow: --marker ${page.nextMarker}, or --all for every page\n`);
  return undefined;
}

async function main() {
  const controller = new AbortController();
  let interrupted = false;
  process.on('SIGINT', () => {
    // The first Ctrl-C stops the walk (no further request) and lets what was written flush;
    // a second one ends at once.
    if (interrupted) process.exit(EXIT_INTERRUPTED);
    interrupted = true;
    controller.abort();
  });
  // A reader that went away (`ims list --all | head`) ends the run quietly.
  stdout.on('error', (e) => {
    if (/** @type {any} */ (e).code === 'EPIPE') process.exit(EXIT_DONE);
    throw e;
  });
  const shown = progress();
  try {
    const env = { stdoutTty: stdout.isTTY === true, token: Boolean(process.env[TOKEN_VARIABLE]), region: process.env[REGION_VARIABLE] };
    /** @type {Plan} */
    const plan = JSON.parse(fromCore(() => cliPlan(JSON.stringify(process.argv.slice(2)), JSON.stringify(env))));
    await run(plan, controller.signal, shown);
    process.exitCode = interrupted ? EXIT_INTERRUPTED : EXIT_DONE;
  } catch (e) {
    shown.clear();
    if (!ImsError.is(e)) throw e;
    if (e.kind === 'aborted' && interrupted) {
      stderr.write('ims: interrupted\n');
      process.exitCode = EXIT_INTERRUPTED;
      return;
    }
    stderr.write(describeError(e));
    if (e.kind === 'invalid-argument' && e.key?.startsWith('-')) stderr.write('  (`ims --help` lists the commands and flags)\n');
    process.exitCode = EXIT_BY_KIND[e.kind] ?? 1;
  }
}

await main();
