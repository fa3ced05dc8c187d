// The emulator's command-line flags as startEmulator's options: shared by `ims-emulator` (cli.mjs)
// and the demo server (`make demo ARGS="--error-rate 0.2"`), so both take the same flags.
export const USAGE = 'usage: ims-emulator [--port 8081] [--host 127.0.0.1] [--seed 42] [--count 2000] [--token T | --aksk AK:SK] [--latency-ms MS] [--error-rate R] [--throttle-rate R] [--truncate-rate R]';

/** argv as startEmulator's options (over `defaults`); throws on an unknown flag or a missing value. */
export function parseArgs(argv, defaults = {}) {
  const o = { ...defaults };
  const num = (flag, s) => {
    const n = Number(s);
    if (s === undefined || s === '' || !Number.isFinite(n)) throw new Error(`${flag} needs a number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--port': o.port = num(flag, value()); break;
      case '--host': o.host = value(); break;
      case '--seed': o.seed = num(flag, value()); break;
      case '--count': o.count = num(flag, value()); break;
      case '--token': o.token = value(); break;
      case '--aksk': {
        const v = value();
        const at = v.indexOf(':');
        if (at < 1) throw new Error('--aksk takes AK:SK');
        o.aksk = { accessKey: v.slice(0, at), secretKey: v.slice(at + 1) };
        break;
      }
      case '--latency-ms': case '--latency': o.latencyMs = num(flag, value()); break;
      case '--error-rate': o.errorRate = num(flag, value()); break;
      case '--throttle-rate': o.throttleRate = num(flag, value()); break;
      case '--truncate-rate': o.truncateRate = num(flag, value()); break;
      default: throw new Error(`unknown flag ${flag}\n${USAGE}`);
    }
  }
  return o;
}

