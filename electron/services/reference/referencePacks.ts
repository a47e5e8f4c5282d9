import { join } from 'node:path';
import { DEFAULT_PACK_MAX_AGE_DAYS, PACK_FILES, PACK_KINDS, packAge, type PackAge, type PackKind, type PackMeta } from '../../../shared/domain/referencePack';
import { importBanCsv } from './banImport';
import { loadFiness } from './formats/finessFormat';
import { loadRotas } from './formats/rotaFormat';
import { loadRpps } from './formats/rppsFormat';
import { buildPack, fileSize, openPack, readPackMeta, type PackProgress } from './packFile';

export interface ReferencePacksOptions {
  dataDir: string;
  timeZone: string;
  maxAgeDays?: Partial<Record<PackKind, number>>;
}

/**
 * Every offline data set of the workstation through one mechanism (packFile.ts): import with
 * progress into a scratch file, swap, provenance kept in the pack; and each pack's age against
 * its allowed maximum, for the line shown beside whatever answer it gave.
 */
export class ReferencePacks {
  constructor(private readonly options: ReferencePacksOptions) {}

  path(kind: PackKind): string {
    return join(this.options.dataDir, PACK_FILES[kind]);
  }

  maxAgeDays(kind: PackKind): number {
    return this.options.maxAgeDays?.[kind] ?? DEFAULT_PACK_MAX_AGE_DAYS[kind];
  }

  /** Builds the pack from a published file; until it completes, the previous pack is the one in use. */
  async import(kind: PackKind, file: string, onProgress?: (p: PackProgress) => void): Promise<PackMeta> {
    const totalBytes = fileSize(file);
    switch (kind) {
      case 'ban':
        return (await importBanCsv(file, this.path('ban'), onProgress)).meta;
      case 'rpps':
        return buildPack(this.path(kind), kind, file, (db) => loadRpps(db, file, totalBytes, onProgress));
      case 'pharmacies':
        return buildPack(this.path(kind), kind, file, (db) => loadFiness(db, file, totalBytes, onProgress));
      case 'rotas': {
        const knownPharmacies = this.pharmacyIds();
        return buildPack(this.path(kind), kind, file, (db) => loadRotas(db, file, totalBytes, { timeZone: this.options.timeZone, knownPharmacies }, onProgress));
      }
    }
  }

  meta(kind: PackKind): PackMeta | null {
    const db = openPack(this.path(kind));
    if (!db) return null;
    try {
      return readPackMeta(db, kind);
    } finally {
      db.close();
    }
  }

  /** Each imported pack's age; packs never imported are absent. */
  ages(now: Date): PackAge[] {
    return PACK_KINDS.flatMap((kind) => {
      const meta = this.meta(kind);
      return meta ? [packAge(meta, now, this.options.timeZone, this.maxAgeDays(kind))] : [];
    });
  }

  private pharmacyIds(): Set<string> | null {
    const db = openPack(this.path('pharmacies'));
    if (!db) return null;
    try {
      return new Set((db.prepare('SELECT finess FROM pharmacies').pluck().all() as string[]));
    } finally {
      db.close();
    }
  }
}
