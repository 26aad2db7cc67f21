import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths pino blanks before serialising. The secret-value scrub below is the second line
 * of defence: a secret that ends up somewhere unexpected (an error message, a URL) is
 * replaced in the final line, whatever key it sits under.
 */
export const REDACT_PATHS = [
  'clientSecret',
  'secret',
  'accessToken',
  'access_token',
  'token',
  'password',
  'authorization',
  'cookie',
  '*.clientSecret',
  '*.secret',
  '*.accessToken',
  '*.access_token',
  '*.token',
  '*.password',
  '*.authorization',
  '*.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-bot-connector-secret"]',
  'headers.authorization',
  'headers.cookie',
  'config.genesys.clientSecret',
  'config.botConnector.secret',
];

export type LoggerOptions = {
  level?: string;
  /** Literal secret values (client secret, connection secret, access token) scrubbed from every line. */
  secrets?: () => readonly (string | undefined | null)[];
  destination?: DestinationStream;
};

export function scrubSecrets(line: string, secrets: readonly (string | undefined | null)[]): string {
  let out = line;
  for (const s of secrets) {
    // Very short values would scrub ordinary words; config validation requires longer secrets.
    if (!s || s.length < 6) continue;
    if (out.includes(s)) out = out.split(s).join('[REDACTED]');
    const escaped = JSON.stringify(s).slice(1, -1);
    if (escaped !== s && out.includes(escaped)) out = out.split(escaped).join('[REDACTED]');
  }
  return out;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const secrets = opts.secrets ?? (() => []);
  return pino(
    {
      level: opts.level ?? process.env.LOG_LEVEL ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      base: undefined,
      hooks: {
        streamWrite: (s: string) => scrubSecrets(s, secrets()),
      },
    },
    opts.destination ?? pino.destination(1),
  );
}
