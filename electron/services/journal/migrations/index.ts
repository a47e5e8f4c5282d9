import { migration001 } from './001_initial';
import { migration002 } from './002_dossierDetails';
import { migration003 } from './003_routing';
import { migration004 } from './004_dossierSearch';
import { migration005 } from './005_hubOutbox';
import { migration006 } from './006_hubInbox';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** In order; each version is the previous one + 1 (checked by a test). */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006];

export const LATEST_VERSION = MIGRATIONS.at(-1)?.version ?? 0;
