/** The DesignRepo part of the store contract. */
import { describe, expect, it } from 'vitest';
import { DesignConflictError } from '../errors.ts';
import { design, sleep, type CurrentStores } from './fixtures.ts';

export function describeDesignContract(s: CurrentStores): void {
  describe('designs', () => {
    it('a created design reads back at version 1 with one saved version', async () => {
      const created = await s().designs.create(design('d-1', 'Welcome'));
      expect(created).toMatchObject({ id: 'd-1', name: 'Welcome', channel: 'webmessaging', version: 1 });
      expect(created.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(await s().designs.get('d-1')).toEqual(created);
      expect((await s().designs.versions('d-1'))?.map((v) => v.version)).toEqual([1]);
      expect(await s().designs.get('nope')).toBeNull();
    });

    it('creating over a live id or a deleted one is an exists conflict', async () => {
      await s().designs.create(design('d-1', 'Welcome'));
      await expect(s().designs.create(design('d-1', 'Again'))).rejects.toMatchObject({ code: 'exists', kind: 'conflict' });
      await s().designs.create(design('d-2', 'Gone'));
      expect(await s().designs.delete('d-2')).toBe(true);
      const err = await s().designs.create(design('d-2', 'Back')).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DesignConflictError);
      expect(err).toMatchObject({ code: 'exists' });
      expect((err as Error).message).toContain('deleted');
    });

    it('creating one id twice at once makes one design and one conflict', async () => {
      const results = await Promise.allSettled([s().designs.create(design('d-1', 'A')), s().designs.create(design('d-1', 'B'))]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'exists' } });
      expect((await s().designs.versions('d-1'))?.length).toBe(1);
    });

    it('a save at the current version makes the next one; at an old version it is a 409 naming the current version', async () => {
      await s().designs.create(design('d-1', 'One'));
      const saved = await s().designs.update('d-1', design('d-1', 'Two'), 1);
      expect(saved).toMatchObject({ version: 2, name: 'Two' });
      const err = await s().designs.update('d-1', design('d-1', 'Stale'), 1).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DesignConflictError);
      expect(err).toMatchObject({ code: 'version_conflict', currentVersion: 2, extra: { currentVersion: 2 } });
      expect((await s().designs.get('d-1'))?.name).toBe('Two');
      expect(await s().designs.update('nope', design('nope', 'X'), 1)).toBeNull();
    });

    it('two saves at one version at once: one wins, the other conflicts', async () => {
      await s().designs.create(design('d-1', 'One'));
      const results = await Promise.allSettled([s().designs.update('d-1', design('d-1', 'A'), 1), s().designs.update('d-1', design('d-1', 'B'), 1)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'version_conflict', currentVersion: 2 } });
      expect((await s().designs.versions('d-1'))?.map((v) => v.version)).toEqual([2, 1]);
    });

    it('every save is a version that reads back, newest first', async () => {
      await s().designs.create(design('d-1', 'One', 'first title'));
      await s().designs.update('d-1', design('d-1', 'Two', 'second title'), 1);
      const versions = await s().designs.versions('d-1');
      expect(versions?.map((v) => [v.version, v.name])).toEqual([
        [2, 'Two'],
        [1, 'One'],
      ]);
      const v1 = await s().designs.version('d-1', 1);
      expect(v1).toMatchObject({ version: 1, name: 'One' });
      expect(v1?.design.root.children[0]?.props).toMatchObject({ title: 'first title' });
      expect(await s().designs.version('d-1', 9)).toBeNull();
      expect(await s().designs.versions('nope')).toBeNull();
    });

    it('delete is soft: the design leaves the library, a stale delete conflicts, an unknown one is false', async () => {
      await s().designs.create(design('d-1', 'One'));
      await s().designs.update('d-1', design('d-1', 'Two'), 1);
      await expect(s().designs.delete('d-1', 1)).rejects.toMatchObject({ code: 'version_conflict', currentVersion: 2 });
      expect(await s().designs.delete('d-1', 2)).toBe(true);
      expect(await s().designs.get('d-1')).toBeNull();
      expect(await s().designs.list()).toEqual([]);
      expect(await s().designs.versions('d-1')).toBeNull();
      expect(await s().designs.delete('d-1')).toBe(false);
      expect(await s().designs.update('d-1', design('d-1', 'Three'), 2)).toBeNull();
    });

    it('list is newest save first and searches names case-insensitively, % and _ as themselves', async () => {
      for (const [id, name] of [
        ['a', '100% sure'],
        ['b', '100 percent'],
        ['c', 'snake_case'],
        ['d', 'snakeXcase'],
      ] as const) {
        await s().designs.create(design(id, name));
        await sleep(3);
      }
      await s().designs.update('a', design('a', '100% Sure'), 1);
      expect((await s().designs.list()).map((d) => d.id)).toEqual(['a', 'd', 'c', 'b']);
      expect((await s().designs.list({ q: '%' })).map((d) => d.id)).toEqual(['a']);
      expect((await s().designs.list({ q: 'e_c' })).map((d) => d.id)).toEqual(['c']);
      expect((await s().designs.list({ q: 'SURE' })).map((d) => d.name)).toEqual(['100% Sure']);
      expect((await s().designs.list({ q: '  snake ' })).map((d) => d.id)).toEqual(['d', 'c']);
      expect(await s().designs.list({ limit: 2 })).toHaveLength(2);
      expect((await s().designs.list())[0]).not.toHaveProperty('design');
    });
  });
}
