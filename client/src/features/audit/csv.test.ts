import { describe, expect, it } from 'vitest';
import type { ActivityRecord, SendRecord } from '@grmd/shared';
import { csvCell, toChangeLogCsv, toCsv } from './csv.ts';

const rec: SendRecord = {
  id: 's1',
  status: 'failed',
  target: { kind: 'botSession', botSessionId: 'b1' },
  channel: 'webmessaging',
  designId: 'd1',
  designName: 'Order, "rush"',
  message: {},
  text: null,
  requestId: 'r1',
  genesysMessageId: null,
  attempts: 4,
  latencyMs: 12.6,
  error: { kind: 'rate-limited', message: 'Too many', status: 429 },
  createdAt: '2026-01-01T00:00:00.000Z',
  completedAt: '2026-01-01T00:00:01.000Z',
  actor: 'access token',
};

describe('toCsv', () => {
  it('writes one header and one quoted row per record', () => {
    const lines = toCsv([rec]).trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,createdAt,completedAt,status,designName,targetKind,target,channel,genesysMessageId,attempts,latencyMs,error,actor');
    expect(lines[1]).toBe('s1,2026-01-01T00:00:00.000Z,2026-01-01T00:00:01.000Z,failed,"Order, ""rush""",botSession,b1,webmessaging,,4,13,429 rate-limited: Too many,access token');
  });

  it('names a bot reply as such, with the bot session it went into', () => {
    const reply: SendRecord = { ...rec, status: 'sent', error: null, target: { kind: 'botReply', botSessionId: 'b7', inReplyTo: 'm1' } };
    expect(toCsv([reply]).split('\r\n')[1]).toContain(',sent,"Order, ""rush""",botReply,b7,webmessaging,');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });
});

describe('toChangeLogCsv', () => {
  const entries: ActivityRecord[] = [
    { id: 2, at: '2026-01-01T00:00:02.000Z', action: 'connection.change', subject: 'connection', subjectName: 'Sandbox faults', actor: 'local', detail: { change: 'fault.add', fault: { route: 'outgoing', status: 503, times: 2 } } },
    { id: 1, at: '2026-01-01T00:00:01.000Z', action: 'design.save', subject: 'd-1', subjectName: '=cmd, "sale"', actor: 'Ada Lovelace', detail: { version: 3 } },
  ];

  it('writes who, the action, a sentence for it, the design and the details, one row per entry', () => {
    const lines = toChangeLogCsv(entries).trimEnd().split('\r\n');
    expect(lines).toEqual([
      'id,at,actor,action,what,subject,subjectName,detail',
      '2,2026-01-01T00:00:02.000Z,local,connection.change,Sandbox fault added: outgoing answers 503 for the next 2 calls,connection,Sandbox faults,"{""change"":""fault.add"",""fault"":{""route"":""outgoing"",""status"":503,""times"":2}}"',
      // A design named like a formula stays text.
      `1,2026-01-01T00:00:01.000Z,Ada Lovelace,design.save,Saved version 3,d-1,"'=cmd, ""sale""","{""version"":3}"`,
    ]);
  });
});
