import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from './secrets.ts';

describe('constantTimeEqual', () => {
  it('matches equal values only, whatever their lengths', () => {
    expect(constantTimeEqual('connection-secret-0123456789', 'connection-secret-0123456789')).toBe(true);
    expect(constantTimeEqual('connection-secret-0123456780', 'connection-secret-0123456789')).toBe(false);
    expect(constantTimeEqual('short', 'connection-secret-0123456789')).toBe(false);
    expect(constantTimeEqual('connection-secret-0123456789x', 'connection-secret-0123456789')).toBe(false);
  });

  it('never matches an absent or empty value', () => {
    expect(constantTimeEqual(undefined, 'secret')).toBe(false);
    expect(constantTimeEqual(null, 'secret')).toBe(false);
    expect(constantTimeEqual('', 'secret')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(false);
  });
});
