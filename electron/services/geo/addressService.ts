import { join } from 'node:path';
import type { AddressCandidate, AddressSource } from '../../../shared/domain/address';
import { searchCommunes, type Commune } from '../../../shared/domain/manualLocation';
import { BanUnavailable, searchBan } from './banClient';
import { importBanCsv, type ImportProgress, type ImportResult } from '../reference/banImport';
import { BAN_INDEX_FILE, BanIndex } from '../reference/banIndex';

export interface AddressSearchResult {
  source: AddressSource;
  /** Why the national service did not answer, when the offline index did. */
  degraded: BanUnavailable['reason'] | 'notConfigured' | null;
  offlineIndex: boolean;
  results: AddressCandidate[];
}

export interface AddressServiceOptions {
  dataDir: string;
  banBaseUrl: string | null;
  timeoutMs: number;
  fetch?: typeof fetch;
}

/**
 * The located-address field's backend: the national address base first, the offline index of
 * the département when it is slow, down or answers garbage — and the answer says which.
 */
/** The official commune list of the département (from the BAN pack), for manual locations. */
export interface CommuneList {
  byInsee(code: string): Commune | null;
  search(query: string, limit: number): Commune[];
}

export class AddressService {
  private index: BanIndex | null;
  private communeCache: { list: CommuneList } | null = null;
  readonly indexPath: string;

  constructor(private readonly options: AddressServiceOptions) {
    this.indexPath = join(options.dataDir, BAN_INDEX_FILE);
    this.index = BanIndex.open(this.indexPath);
  }

  async search(query: string, limit: number): Promise<AddressSearchResult> {
    const offline = (degraded: AddressSearchResult['degraded']): AddressSearchResult => ({
      source: 'OFFLINE',
      degraded,
      offlineIndex: this.index !== null,
      results: this.index?.find(query, limit) ?? [],
    });
    if (!this.options.banBaseUrl) return offline('notConfigured');
    try {
      const results = await searchBan(query, limit, { baseUrl: this.options.banBaseUrl, timeoutMs: this.options.timeoutMs, ...(this.options.fetch ? { fetch: this.options.fetch } : {}) });
      return { source: 'BAN', degraded: null, offlineIndex: this.index !== null, results };
    } catch (error) {
      if (error instanceof BanUnavailable) return offline(error.reason);
      throw error;
    }
  }

  /** Null when no BAN pack was imported on this desk: there is then no official list to choose from. */
  communes(): CommuneList | null {
    // A pack IT imported with the desk running (pack:import) is taken up here.
    this.index ??= BanIndex.open(this.indexPath);
    if (!this.index) return null;
    if (!this.communeCache) {
      const all = this.index.communes();
      const byCode = new Map(all.map((c) => [c.inseeCode, c]));
      this.communeCache = { list: { byInsee: (code) => byCode.get(code) ?? null, search: (query, limit) => searchCommunes(all, query, limit) } };
    }
    return this.communeCache.list;
  }

  /** Replaces the offline index; searches keep using the old one until the new one is complete. */
  async importCsv(csvPath: string, onProgress?: (progress: ImportProgress) => void): Promise<ImportResult> {
    const result = await importBanCsv(csvPath, this.indexPath, onProgress);
    this.index?.close();
    this.index = BanIndex.open(this.indexPath);
    this.communeCache = null;
    return result;
  }

  close(): void {
    this.index?.close();
    this.index = null;
    this.communeCache = null;
  }
}
