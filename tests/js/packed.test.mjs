// The package as a console's team gets it: `npm pack` of pkg/, installed into an empty project in a
// temporary folder. There, as the console's own tests would: the emulator from `ims-client/emulator`
// with faults, the client listing through them, the `ims-emulator` bin, CommonJS `require`, and
// the shipped declarations type-checked (tsc --strict) with the emulator's types. And as a script
// author gets it: the `ims` bin from node_modules/.bin, `ims-client/node` imported and required,
// its declarations type-checked.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

const root = new URL('../..', import.meta.url).pathname;
let dir;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'ims-packed-'));
  execFileSync('npm', ['pack', join(root, 'pkg'), '--pack-destination', dir, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'a-console', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', `./${tarball}`], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
});
after(() => rmSync(dir, { recursive: true, force: true }));

const run = (file, source) => {
  writeFileSync(join(dir, file), source);
  return execFileSync(process.execPath, [file], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
};

test('a console test starts the emulator with faults and lists through them', () => {
  const out = run('console.test.mjs', `
    import { ImsClient, ImsError } from 'ims-client';
    import { startEmulator } from 'ims-client/emulator';
    const emu = await startEmulator({ count: 300, errorRate: 0.2, throttleRate: 0.05, truncateRate: 0.05, latencyMs: 2 });
    try {
      const client = new ImsClient({ endpoint: emu.url, maxRetries: 10 });
      const ids = [];
      for await (const image of client.listImagesAll({ limit: 50, sortKey: 'id', sortDir: 'asc' })) ids.push(image.id);
      const expected = emu.images.map((i) => i.id).sort();
      if (JSON.stringify(ids) !== JSON.stringify(expected)) throw new Error('the listing differs from the catalogue');
      const one = await client.glanceShowImage(ids[0]);
      let unknownOption;
      try { await startEmulator({ nope: 1 }); } catch (e) { unknownOption = e.message; }
      let missing;
      try { await client.glanceShowImage('no-such-image'); } catch (e) { missing = ImsError.is(e) && e.status; }
      console.log(JSON.stringify({ listed: ids.length, shown: one.id === ids[0], unknownOption, missing }));
    } finally {
      await emu.close();
    }
  `);
  const r = JSON.parse(out.trim().split('\n').pop());
  assert.equal(r.listed, 300);
  assert.equal(r.shown, true);
  assert.match(r.unknownOption, /unknown option nope/);
  assert.equal(r.missing, 404);
});

test('the ims-emulator bin serves until stopped', async () => {
  const bin = spawn(join(dir, 'node_modules', '.bin', 'ims-emulator'), ['--port', '0', '--count', '25', '--token', 'tok-console'], { cwd: dir });
  try {
    const url = await new Promise((resolve, reject) => {
      bin.stdout.once('data', (d) => resolve(/https?:\/\/[^\s)]+/.exec(String(d))?.[0]));
      bin.once('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    assert.equal((await fetch(`${url}/v2/cloudimages`)).status, 401, 'the token is required');
    const page = await (await fetch(`${url}/v2/cloudimages`, { headers: { 'X-Auth-Token': 'tok-console' } })).json();
    assert.equal(page.images.length, 25);
  } finally {
    bin.kill();
  }
  const bad = spawn(join(dir, 'node_modules', '.bin', 'ims-emulator'), ['--error-rate', 'often'], { cwd: dir });
  const code = await new Promise((resolve) => bad.on('exit', resolve));
  assert.equal(code, 2, 'a bad flag exits 2');
});

test('the ims bin and ims-client/node, as installed', async () => {
  const emu = spawn(join(dir, 'node_modules', '.bin', 'ims-emulator'), ['--port', '0', '--count', '12', '--aksk', 'AKPACK:SKPACK'], { cwd: dir });
  try {
    const url = await new Promise((resolve, reject) => {
      emu.stdout.once('data', (d) => resolve(/https?:\/\/[^\s)]+/.exec(String(d))?.[0]));
      emu.once('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    const env = { PATH: process.env.PATH, HOME: dir, HUAWEICLOUD_SDK_AK: 'AKPACK', HUAWEICLOUD_SDK_SK: 'SKPACK' };
    const out = await new Promise((resolve, reject) => {
      const p = spawn(join(dir, 'node_modules', '.bin', 'ims'), ['list', '--endpoint', url, '--all', '--limit', '5', '--fields', 'id'], { cwd: dir, env });
      let text = '';
      p.stdout.on('data', (d) => (text += d));
      p.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`ims exited ${code}`))));
    });
    assert.equal(out.trim().split('\n').length, 12, 'every image, through the credentials in the environment');
    const esm = run('script.mjs', `
      import { ImsClient, ImsError } from 'ims-client';
      import { fromEnv, defaultCredentials } from 'ims-client/node';
      Object.assign(process.env, { HUAWEICLOUD_SDK_AK: 'AKPACK', HUAWEICLOUD_SDK_SK: 'SKPACK' });
      const { images } = await new ImsClient({ endpoint: '${url}', credentials: fromEnv() }).listImages({ limit: 2 });
      let err; try { defaultCredentials({ nope: 1 }); } catch (e) { err = e instanceof ImsError && e.key; }
      console.log(JSON.stringify({ n: images.length, err }));
    `);
    assert.deepEqual(JSON.parse(esm.trim().split('\n').pop()), { n: 2, err: 'nope' });
    const cjs = run('script.cjs', `
      const { ImsError } = require('ims-client');
      const { fromProfile } = require('ims-client/node');
      let err; try { fromProfile({ file: 1 }); } catch (e) { err = e instanceof ImsError && e.key; }
      console.log(JSON.stringify({ err }));
    `);
    assert.deepEqual(JSON.parse(cjs), { err: 'file' });
  } finally {
    emu.kill();
  }
  writeFileSync(join(dir, 'tsconfig.node.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2022', 'dom'], types: [] }, files: ['creds.mts', 'creds.cts'] }));
  writeFileSync(join(dir, 'creds.mts'), `
    import { ImsClient } from 'ims-client';
    import { defaultCredentials, fromMetadata, type CredentialsProvider } from 'ims-client/node';
    const p: CredentialsProvider = fromMetadata({ timeoutMs: 500 });
    new ImsClient({ region: 'cn-north-4', credentials: defaultCredentials({ profile: 'dev' }) });
    const found = await p();
    const project: string | undefined = found.projectId;
    void project;
  `);
  writeFileSync(join(dir, 'creds.cts'), `
    import node = require('ims-client/node');
    const p: node.CredentialsProvider = node.fromProfile({ file: '/x' });
    void p;
  `);
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, 'tsconfig.node.json')], { stdio: 'inherit' });
});

test('CommonJS require works from the installed package, the emulator included', () => {
  const out = run('legacy.cjs', `
    const { ImsClient, regions, parseImage } = require('ims-client');
    const { createEmulator, startEmulator } = require('ims-client/emulator');
    const c = new ImsClient({ region: 'cn-north-4' });
    const emu = createEmulator({ count: 3 });
    new ImsClient({ endpoint: emu.url, fetch: emu.fetch }).listImages().then((p) => {
      console.log(JSON.stringify({ client: typeof c.listImages, regions: regions.includes('cn-north-4'), osBit: parseImage('{"__os_bit":"64"}').osBit, emulated: p.images.length, server: typeof startEmulator }));
    });
  `);
  assert.deepEqual(JSON.parse(out), { client: 'function', regions: true, osBit: 64, emulated: 3, server: 'function' });
});

test('are-the-types-wrong and publint find nothing in the tarball', () => {
  const tarball = join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz')));
  // attw exits non-zero on any problem, for any entry point under any resolution mode.
  const attw = execFileSync(process.execPath, [join(root, 'node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js'), tarball, '--format', 'table-flipped'], { encoding: 'utf8' });
  assert.match(attw, /No problems found/);
  for (const entry of ['"ims-client"', '"ims-client/node"', '"ims-client/emulator"']) assert.ok(attw.includes(entry), `${entry} was checked`);
  const publint = execFileSync(process.execPath, [join(root, 'node_modules', 'publint', 'src', 'cli.js'), tarball], { encoding: 'utf8' });
  assert.match(publint, /All good!/);
});

test('the shipped declarations type-check a console test, emulator included', () => {
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2022', 'dom'], types: [] }, files: ['typed.mts'] }));
  writeFileSync(join(dir, 'typed.mts'), `
    import { ImsClient, type Image } from 'ims-client';
    import { startEmulator, type Emulator, type EmulatorOptions } from 'ims-client/emulator';
    const opts: EmulatorOptions = { count: 10, aksk: { accessKey: 'AK', secretKey: 'SK' }, latencyMs: 5 };
    const emu: Emulator = await startEmulator(opts);
    const client = new ImsClient({ endpoint: emu.url, credentials: { accessKey: 'AK', secretKey: 'SK' } });
    const first: Image | undefined = (await client.listImages({ limit: 1 })).images[0];
    const url: string = emu.url;
    await emu.close();
    void first; void url;
  `);
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, 'tsconfig.json')], { stdio: 'inherit' });
  writeFileSync(join(dir, 'typed.mts'), `
    import { startEmulator } from 'ims-client/emulator';
    await startEmulator({ latency: 5 });
  `);
  assert.throws(() => execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, 'tsconfig.json')], { stdio: 'pipe' }), 'an unknown option does not compile');
});
