import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { PackKind, PackMeta } from '../../../shared/domain/referencePack';

export interface PackProgress {
  rows: number;
  bytesRead: number;
  totalBytes: number;
}

/** What a format's loader reports once its rows are in the scratch file. */
export interface LoadResult {
  rows: number;
  /** Rows refused (malformed, unknown reference…), with the first few reasons for the operator. */
  badRows: number;
  badSamples: string[];
  /** The date the data describes (from the file itself when it says so), YYYY-MM-DD. */
  dataDate: string;
  /** Format-specific figures kept in the pack's meta (streets, communes, max duty length…). */
  extra?: Record<string, string>;
}

export const PACK_META_SCHEMA = 'CREATE TABLE pack_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;';

/**
 * Builds a reference pack in a scratch file beside the target and swaps it in with one rename:
 * until the rename the previous pack is untouched, so a failure or a kill -9 during the import
 * leaves the old one in use (the stale scratch file is simply rebuilt next time). Provenance
 * (source file, data date, import time, row counts) goes into the pack's own `pack_meta`.
 */
export async function buildPack(
  target: string,
  kind: PackKind,
  source: string,
  load: (db: Database.Database) => Promise<LoadResult>,
): Promise<PackMeta> {
  const temp = `${target}.importing`;
  rmSync(temp, { force: true });
  const db = new Database(temp);
  try {
    // A scratch file until the rename: durability per statement would only slow the import down;
    // the file is synced once, whole, before it replaces the old one.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    // Index builds sort in memory rather than through temp files; the cache is the import's only.
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -131072');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec(PACK_META_SCHEMA);
    const result = await load(db);
    const meta: PackMeta = {
      kind,
      source,
      dataDate: result.dataDate,
      importedAt: new Date().toISOString(),
      rows: result.rows,
      badRows: result.badRows,
      badSamples: result.badSamples,
    };
    const insert = db.prepare('INSERT INTO pack_meta (key, value) VALUES (?, ?)');
    db.transaction(() => {
      for (const [key, value] of Object.entries({ ...result.extra, ...serializeMeta(meta) })) insert.run(key, value);
    })();
    db.close();
    syncFile(temp);
    renameSync(temp, target);
    syncFile(dirname(target));
    return meta;
  } catch (error) {
    if (db.open) db.close();
    rmSync(temp, { force: true });
    throw error;
  }
}

function serializeMeta(meta: PackMeta): Record<string, string> {
  return {
    kind: meta.kind,
    source: meta.source,
    dataDate: meta.dataDate,
    importedAt: meta.importedAt,
    rows: String(meta.rows),
    badRows: String(meta.badRows),
    badSamples: JSON.stringify(meta.badSamples),
  };
}

function syncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Opens a pack read-only; null when none was imported yet. */
export function openPack(path: string): Database.Database | null {
  if (!existsSync(path)) return null;
  return new Database(path, { readonly: true, fileMustExist: true });
}

/** The pack's provenance; packs from before the mechanism (BAN `meta` table) are read too. */
export function readPackMeta(db: Database.Database, kind: PackKind): PackMeta {
  const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('pack_meta', 'meta') ORDER BY name DESC").get() as { name: string } | undefined;
  const rows = table ? (db.prepare(`SELECT key, value FROM ${table.name}`).all() as Array<{ key: string; value: string }>) : [];
  const m = Object.fromEntries(rows.map((r) => [r.key, r.value]));
  const importedAt = m.importedAt ?? new Date(0).toISOString();
  return {
    kind,
    source: m.source ?? '',
    dataDate: m.dataDate ?? importedAt.slice(0, 10),
    importedAt,
    rows: Number(m.rows ?? 0),
    badRows: Number(m.badRows ?? 0),
    badSamples: m.badSamples ? (JSON.parse(m.badSamples) as string[]) : [],
  };
}

export function packMetaValue(db: Database.Database, key: string): string | undefined {
  return (db.prepare('SELECT value FROM pack_meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

export function fileSize(path: string): number {
  return statSync(path).size;
}
