/** DesignRepo on PostgreSQL: the library, a new design_versions row per save, soft delete. */
import { designSchema, type Design, type DesignRecord, type DesignSummary, type DesignVersionResponse, type DesignVersionSummary } from '@grmd/shared';
import type pg from 'pg';
import { DesignConflictError, likeAnywhere } from '../errors.ts';
import type { DesignRepo } from '../ports.ts';
import { inTransaction, iso, type Queryable } from './pool.ts';

type SummaryRow = { id: string; name: string; channel: string; version: number; created_at: Date; updated_at: Date };
type Row = SummaryRow & { design: string };

const SUMMARY_COLUMNS = 'id, name, channel, version, created_at, updated_at';

function toSummary(r: SummaryRow): DesignSummary {
  return { id: r.id, name: r.name, channel: r.channel, version: r.version, createdAt: iso(r.created_at)!, updatedAt: iso(r.updated_at)! };
}

function toRecord(r: Row): DesignRecord {
  // Stored JSON was validated on the way in; parse again so defaults of newer schemas apply.
  return { ...toSummary(r), design: designSchema.parse(JSON.parse(r.design)) };
}

export class PgDesignRepo implements DesignRepo {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(opts: { q?: string; limit?: number } = {}): Promise<DesignSummary[]> {
    const limit = Math.min(Math.max(opts.limit ?? 200, 1), 1000);
    const q = opts.q?.trim();
    const { rows } = q
      ? await this.pool.query<SummaryRow>(
          `SELECT ${SUMMARY_COLUMNS} FROM designs WHERE deleted_at IS NULL AND name ILIKE $1 ESCAPE '\\'
           ORDER BY updated_at DESC, id LIMIT $2`,
          [likeAnywhere(q), limit],
        )
      : await this.pool.query<SummaryRow>(
          `SELECT ${SUMMARY_COLUMNS} FROM designs WHERE deleted_at IS NULL ORDER BY updated_at DESC, id LIMIT $1`,
          [limit],
        );
    return rows.map(toSummary);
  }

  get(id: string): Promise<DesignRecord | null> {
    return this.#get(this.pool, id);
  }

  async #get(db: Queryable, id: string): Promise<DesignRecord | null> {
    const { rows } = await db.query<Row>('SELECT * FROM designs WHERE id = $1 AND deleted_at IS NULL', [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async create(input: Design): Promise<DesignRecord> {
    const design = designSchema.parse(input);
    const at = this.now();
    const json = JSON.stringify(design);
    return inTransaction(this.pool, async (c) => {
      // ON CONFLICT: two instances creating one id at once get one row and one conflict.
      const inserted = await c.query<Row>(
        `INSERT INTO designs (id, name, channel, version, design, created_at, updated_at) VALUES ($1, $2, $3, 1, $4, $5, $5)
         ON CONFLICT (id) DO NOTHING RETURNING *`,
        [design.id, design.name, design.channel, json, at],
      );
      if (!inserted.rows[0]) {
        const { rows } = await c.query<{ deleted_at: Date | null }>('SELECT deleted_at FROM designs WHERE id = $1', [design.id]);
        throw new DesignConflictError(
          'exists',
          rows[0]?.deleted_at
            ? `A design with id ${design.id} existed and was deleted; its versions are kept, so save this one under a new id`
            : `A design with id ${design.id} already exists; save it with PUT and its expected version`,
        );
      }
      await c.query('INSERT INTO design_versions (design_id, version, name, design, saved_at) VALUES ($1, 1, $2, $3, $4)', [design.id, design.name, json, at]);
      return toRecord(inserted.rows[0]);
    });
  }

  async update(id: string, input: Design, expectedVersion: number): Promise<DesignRecord | null> {
    const design = designSchema.parse({ ...input, id });
    const at = this.now();
    const json = JSON.stringify(design);
    return inTransaction(this.pool, async (c) => {
      const cur = await this.#lockCurrent(c, id);
      if (cur === null) return null;
      if (cur !== expectedVersion) {
        throw new DesignConflictError(
          'version_conflict',
          `Design ${id} is at version ${cur}, not ${expectedVersion}: it was saved elsewhere (another tab?)`,
          cur,
        );
      }
      const version = cur + 1;
      const { rows } = await c.query<Row>(
        'UPDATE designs SET name = $1, channel = $2, version = $3, design = $4, updated_at = $5 WHERE id = $6 RETURNING *',
        [design.name, design.channel, version, json, at, id],
      );
      await c.query('INSERT INTO design_versions (design_id, version, name, design, saved_at) VALUES ($1, $2, $3, $4, $5)', [id, version, design.name, json, at]);
      return toRecord(rows[0]!);
    });
  }

  async delete(id: string, expectedVersion?: number): Promise<boolean> {
    return inTransaction(this.pool, async (c) => {
      const cur = await this.#lockCurrent(c, id);
      if (cur === null) return false;
      if (expectedVersion !== undefined && cur !== expectedVersion) {
        throw new DesignConflictError('version_conflict', `Design ${id} is at version ${cur}, not ${expectedVersion}`, cur);
      }
      await c.query('UPDATE designs SET deleted_at = $1 WHERE id = $2', [this.now(), id]);
      return true;
    });
  }

  /** The current version of a live design, its row locked until the transaction ends; null when none. */
  async #lockCurrent(c: pg.PoolClient, id: string): Promise<number | null> {
    const { rows } = await c.query<{ version: number }>('SELECT version FROM designs WHERE id = $1 AND deleted_at IS NULL FOR UPDATE', [id]);
    return rows[0]?.version ?? null;
  }

  async versions(id: string): Promise<DesignVersionSummary[] | null> {
    if (!(await this.#live(id))) return null;
    const { rows } = await this.pool.query<{ version: number; name: string; saved_at: Date }>(
      'SELECT version, name, saved_at FROM design_versions WHERE design_id = $1 ORDER BY version DESC',
      [id],
    );
    return rows.map((r) => ({ version: r.version, name: r.name, savedAt: iso(r.saved_at)! }));
  }

  async version(id: string, version: number): Promise<DesignVersionResponse | null> {
    if (!(await this.#live(id))) return null;
    const { rows } = await this.pool.query<{ version: number; name: string; design: string; saved_at: Date }>(
      'SELECT version, name, design, saved_at FROM design_versions WHERE design_id = $1 AND version = $2',
      [id, version],
    );
    const r = rows[0];
    return r ? { version: r.version, name: r.name, savedAt: iso(r.saved_at)!, design: designSchema.parse(JSON.parse(r.design)) } : null;
  }

  async #live(id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM designs WHERE id = $1 AND deleted_at IS NULL', [id]);
    return (rowCount ?? 0) > 0;
  }
}
