import { migration001 } from './001_initial';
import { migration002 } from './002_dossierDetails';
import { migration003 } from './003_routing';
import { migration004 } from './004_dossierSearch';
import { migration005 } from './005_leanIndexes';
import { migration006 } from './006_calls';
import { migration007 } from './007_operators';
import { migration008 } from './008_callbacks';
import { migration009 } from './009_appointments';
import { migration010 } from './010_hubOutbox';
import { migration011 } from './011_hubInbox';
import { migration012 } from './012_awaitingAppointment';
import { migration013 } from './013_hubInboxTrust';
import { migration014 } from './014_pscBinding';
import { migration015 } from './015_indicatorRollups';
import { migration016 } from './016_siteSync';
import { migration017 } from './017_indicatorFold';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** In order; each version is the previous one + 1 (checked by a test). */
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
  migration014,
  migration015,
  migration016,
  migration017,
];

export const LATEST_VERSION = MIGRATIONS.at(-1)?.version ?? 0;
