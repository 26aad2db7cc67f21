import {
  designSchema,
  type Design,
  type DesignRecord,
  type DesignSummary,
  type DesignVersionResponse,
  type DesignVersionSummary,
} from '@grmd/shared';
import { DesignConflictError, likeAnywhere } from '../errors.ts';
import type { DesignRepo } from '../ports.ts';
import type { Db } from './db.ts';

type Row = {
  id: string;
  name: string;
  channel: string;
  version: number;
  design: string;
  created_at: string;
  updated_at: string;
};

function toRecord(r: Row): DesignRecord {
  return {
    id: r.id,
    name: r.name,
    channel: r.channel,
    version: r.version,
    // Stored JSON was validated on the way in; parse again so defaults of newer schemas apply.
    design: designSchema.parse(JSON.parse(r.design)),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
function toSummary(r: Omit<Row, 'design'>): DesignSummary {
  return { id: r.id, name: r.name, channel: r.channel, version: r.version, createdAt: r.created_at, updatedAt: r.updated_at };
}

/**
 * The design library. Every save writes a new row in design_versions, so nothing a user
 * saved is ever lost; delete is a soft delete that keeps the versions.
 */
export class SqliteDesignRepo implements DesignRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(opts: { q?: string; limit?: number } = {}): Promise<DesignSummary[]> {
    const limit = Math.min(Math.max(opts.limit ?? 200, 1), 1000);
    const q = opts.q?.trim();
    const rows = q
      ? this.db
          .prepare(
            `SELECT id, name, channel, version, created_at, updated_at FROM designs
             WHERE deleted_at IS NULL AND name LIKE ? ESCAPE '\\' COLLATE NOCASE ORDER BY updated_at DESC, id LIMIT ?`,
          )
          .all(likeAnywhere(q), limit)
      : this.db
          .prepare(
            `SELECT id, name, channel, version, created_at, updated_at FROM designs
             WHERE deleted_at IS NULL ORDER BY updated_at DESC, id LIMIT ?`,
          )
          .all(limit);
    return (rows as Omit<Row, 'design'>[]).map(toSummary);
  }

  async get(id: string): Promise<DesignRecord | null> {
    return this.#get(id);
  }

  #get(id: string): DesignRecord | null {
    const row = this.db.prepare('SELECT * FROM designs WHERE id = ? AND deleted_at IS NULL').get(id) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  async create(input: Design): Promise<DesignRecord> {
    const design = designSchema.parse(input);
    const at = this.now().toISOString();
    return this.db.transaction(() => {
      const existing = this.db.prepare('SELECT id, deleted_at FROM designs WHERE id = ?').get(design.id) as
        | { id: string; deleted_at: string | null }
        | undefined;
      if (existing) {
        throw new DesignConflictError(
          'exists',
          existing.deleted_at
            ? `A design with id ${design.id} existed and was deleted; its versions are kept, so save this one under a new id`
            : `A design with id ${design.id} already exists; save it with PUT and its expected version`,
        );
      }
      const json = JSON.stringify(design);
      this.db
        .prepare(
          'INSERT INTO designs (id, name, channel, version, design, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?, ?)',
        )
        .run(design.id, design.name, design.channel, json, at, at);
      this.db
        .prepare('INSERT INTO design_versions (design_id, version, name, design, saved_at) VALUES (?, 1, ?, ?, ?)')
        .run(design.id, design.name, json, at);
      return this.#get(design.id)!;
    })();
  }

  /** Saves a new version; `expectedVersion` must be the current one (two tabs → 409). */
  async update(id: string, input: Design, expectedVersion: number): Promise<DesignRecord | null> {
    const design = designSchema.parse({ ...input, id });
    const at = this.now().toISOString();
    return this.db.transaction(() => {
      const cur = this.db.prepare('SELECT version FROM designs WHERE id = ? AND deleted_at IS NULL').get(id) as
        | { version: number }
        | undefined;
      if (!cur) return null;
      if (cur.version !== expectedVersion) {
        throw new DesignConflictError(
          'version_conflict',
          `Design ${id} is at version ${cur.version}, not ${expectedVersion}: it was saved elsewhere (another tab?)`,
          cur.version,
        );
      }
      const version = cur.version + 1;
      const json = JSON.stringify(design);
      this.db
        .prepare('UPDATE designs SET name = ?, channel = ?, version = ?, design = ?, updated_at = ? WHERE id = ?')
        .run(design.name, design.channel, version, json, at, id);
      this.db
        .prepare('INSERT INTO design_versions (design_id, version, name, design, saved_at) VALUES (?, ?, ?, ?, ?)')
        .run(id, version, design.name, json, at);
      return this.#get(id)!;
    })();
  }

  /** Soft delete: the design leaves the library; its versions stay in the database. */
  async delete(id: string, expectedVersion?: number): Promise<boolean> {
    return this.db.transaction(() => {
      const cur = this.db.prepare('SELECT version FROM designs WHERE id = ? AND deleted_at IS NULL').get(id) as
        | { version: number }
        | undefined;
      if (!cur) return false;
      if (expectedVersion !== undefined && cur.version !== expectedVersion) {
        throw new DesignConflictError(
          'version_conflict',
          `Design ${id} is at version ${cur.version}, not ${expectedVersion}`,
          cur.version,
        );
      }
      this.db.prepare('UPDATE designs SET deleted_at = ? WHERE id = ?').run(this.now().toISOString(), id);
      return true;
    })();
  }

  async versions(id: string): Promise<DesignVersionSummary[] | null> {
    if (!this.#get(id)) return null;
    return (
      this.db
        .prepare('SELECT version, name, saved_at FROM design_versions WHERE design_id = ? ORDER BY version DESC')
        .all(id) as { version: number; name: string; saved_at: string }[]
    ).map((r) => ({ version: r.version, name: r.name, savedAt: r.saved_at }));
  }

  async version(id: string, version: number): Promise<DesignVersionResponse | null> {
    if (!this.#get(id)) return null;
    const r = this.db
      .prepare('SELECT version, name, design, saved_at FROM design_versions WHERE design_id = ? AND version = ?')
      .get(id, version) as { version: number; name: string; design: string; saved_at: string } | undefined;
    return r ? { version: r.version, name: r.name, savedAt: r.saved_at, design: designSchema.parse(JSON.parse(r.design)) } : null;
  }
}
