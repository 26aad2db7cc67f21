/**
 * Entry point: `npm run -s cli -- <command>` (root script `tsx server/src/cli/main.ts`).
 * npm runs scripts from the repo root, so relative paths resolve against INIT_CWD, the
 * directory the user typed the command in.
 */
import { createRequire } from 'node:module';
import type { Purifier } from '@grmd/shared';
import { runCli } from './cli.ts';

const require = createRequire(import.meta.url);

/**
 * Loading jsdom takes most of a second, and only markup the fast path cannot strip needs it
 * (never for --help, schema, import or plain-text designs), so it is loaded on first use.
 */
function lazyPurifier(): Purifier {
  let real: Purifier | undefined;
  const get = (): Purifier => {
    if (!real) {
      const { createPurifier } = require('../sanitize/purifier.ts') as typeof import('../sanitize/purifier.ts');
      real = createPurifier();
    }
    return real;
  };
  return new Proxy({} as Purifier, {
    get: (_t, key) => {
      const v = Reflect.get(get(), key);
      return typeof v === 'function' ? v.bind(get()) : v;
    },
  });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

// `cli … | head` closes the pipe early: that is not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

let purifier: Purifier | undefined;
const code = await runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readStdin,
  cwd: process.env.INIT_CWD || process.cwd(),
  purifier: () => (purifier ??= lazyPurifier()),
});
process.exitCode = code;
