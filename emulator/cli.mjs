#!/usr/bin/env node
// The emulator's command line (`ims-emulator` in the package, `node emulator/cli.mjs` here):
// the options of startEmulator as flags.
//   ims-emulator [--port 8081] [--host 127.0.0.1] [--seed 42] [--count 2000]
//       [--token TOKEN | --aksk AK:SK] [--latency-ms MS] [--error-rate R] [--throttle-rate R]
//       [--truncate-rate R]
// Prints the URL (`IMS emulator on http://...`) and serves until interrupted.
import { parseArgs, USAGE } from './args.mjs';
import { startEmulator } from './ims-emulator.mjs';

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
try {
  const emu = await startEmulator(parseArgs(argv, { port: 8081 }));
  console.log(`IMS emulator on ${emu.url} (${emu.images.length} images, seed ${emu.seed}, project ${emu.project})`);
  const stop = () => emu.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  console.error(`ims-emulator: ${e.message}`);
  process.exit(2);
}
