import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, scrubSecrets } from './logger.ts';

describe('logger', () => {
  it('blanks secret values wherever they appear in a line, raw or JSON-escaped', () => {
    expect(scrubSecrets('token=abc"def123 and abc\\"def123', ['abc"def123'])).toBe('token=[REDACTED] and [REDACTED]');
    expect(scrubSecrets('short ab', ['ab'])).toBe('short ab');
  });

  it('redacts secret keys and scrubs secret values in messages and errors', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(c, _e, cb) {
        lines.push(String(c));
        cb();
      },
    });
    const log = createLogger({ level: 'info', destination: sink, secrets: () => ['s3cr3t-value-xyz'] });
    log.info({ clientSecret: 'anything', req: { headers: { authorization: 'Bearer t' } } }, 'login with s3cr3t-value-xyz');
    log.error({ err: new Error('failed for s3cr3t-value-xyz') }, 'boom');
    const out = lines.join('');
    expect(out).not.toContain('s3cr3t-value-xyz');
    expect(out).not.toContain('anything');
    expect(out).not.toContain('Bearer t');
    expect(out).toContain('[REDACTED]');
  });
});
