import { afterEach, describe, expect, it, vi } from 'vitest';
import { FORMAT_VERSION, type Design } from '@grmd/shared';
import { ApiRequestError } from './client.ts';
import { saveDesign } from './requests.ts';

afterEach(() => vi.unstubAllGlobals());

const design: Design = {
  formatVersion: FORMAT_VERSION,
  id: 'd1',
  name: 'Mine',
  channel: 'webmessaging',
  variables: [],
  root: { id: 'r', kind: 'message', props: { text: 'Hi' }, children: [] },
};
const record = (version: number) => ({ id: 'd1', name: 'Theirs', channel: 'webmessaging', version, createdAt: '2030-01-01T00:00:00Z', updatedAt: '2030-01-01T00:00:00Z', design });

/** A server that already holds version 4 of the design: a create answers 409 exists. */
function serverWithVersion4() {
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push(`${init.method} ${url}`);
      if (init.method === 'POST') return Response.json({ error: { code: 'exists', message: 'A design with this id exists' } }, { status: 409 });
      if (init.method === 'PUT') return Response.json(record(5));
      return Response.json(record(4));
    }),
  );
  return calls;
}

describe('saveDesign', () => {
  it('saves over the version this tab knows', async () => {
    const calls = serverWithVersion4();
    await expect(saveDesign({ design, expectedVersion: 4 })).resolves.toMatchObject({ version: 5 });
    expect(calls).toEqual(['PUT /api/designs/d1']);
  });

  it('reports a first save of a design the server already has as a conflict with its current version', async () => {
    const calls = serverWithVersion4();
    const e = await saveDesign({ design, expectedVersion: null }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiRequestError);
    expect(e).toMatchObject({ status: 409, code: 'version_conflict', details: { currentVersion: 4 } });
    expect(calls).toEqual(['POST /api/designs', 'GET /api/designs/d1']);
  });
});
