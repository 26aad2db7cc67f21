import { describe, expect, it } from 'vitest';
import { describeActivity, subjectOf } from './activity.ts';

describe('describeActivity', () => {
  it('says what was done to a design, with its version', () => {
    expect(describeActivity({ action: 'design.create', detail: { version: 1 } })).toBe('Created (version 1)');
    expect(describeActivity({ action: 'design.save', detail: { version: 4 } })).toBe('Saved version 4');
    expect(describeActivity({ action: 'design.delete', detail: { version: 4 } })).toBe('Deleted (was version 4)');
    expect(describeActivity({ action: 'design.delete', detail: { version: null } })).toBe('Deleted');
  });

  it('says which sandbox fault was armed, or how many were cleared', () => {
    expect(describeActivity({ action: 'connection.change', detail: { change: 'fault.add', fault: { route: 'token', status: 401, times: 1 } } })).toBe(
      'Sandbox fault added: token answers 401 for the next call',
    );
    expect(describeActivity({ action: 'connection.change', detail: { change: 'fault.add', fault: { route: 'guest', reset: true, delayMs: 500, times: 3 } } })).toBe(
      'Sandbox fault added: guest drops the connection, waits 500 ms for the next 3 calls',
    );
    expect(describeActivity({ action: 'connection.change', detail: { change: 'faults.clear', cleared: 2 } })).toBe('Sandbox faults cleared (2 armed)');
    expect(describeActivity({ action: 'connection.change', detail: {} })).toBe('Connection changed');
  });
});

describe('subjectOf', () => {
  it('names the design, else its id, or the connection', () => {
    expect(subjectOf({ action: 'design.save', subject: 'd-1', subjectName: 'Flight sale' })).toBe('Flight sale');
    expect(subjectOf({ action: 'design.delete', subject: 'd-1', subjectName: null })).toBe('d-1');
    expect(subjectOf({ action: 'connection.change', subject: 'connection', subjectName: 'Sandbox faults' })).toBe('Connection (sandbox faults)');
  });
});
