import type { ConfigProvenance } from '../../../shared/api/itSchemas';
import type { ResolvedConfig } from './configSources';
import { workstationConfigSchema, type WorkstationConfig } from './workstationConfig';

const shown = (value: unknown) => {
  const json = JSON.stringify(value) ?? 'null';
  return json.length > 4000 ? `${json.slice(0, 3997)}...` : json;
};

/** What the ADMIN screen shows: each setting in use, from which file, and what was refused. */
export function configProvenance(resolved: ResolvedConfig): ConfigProvenance {
  const config = resolved.config as Record<string, unknown>;
  return {
    settings: resolved.settings.map((s) => ({ ...s, value: shown(config[s.key]) })),
    notices: resolved.notices,
    files: resolved.files,
  };
}

/** A configuration handed to the services directly (the test harness, the tests): no file to name. */
export function givenConfigProvenance(config: WorkstationConfig): ConfigProvenance {
  const values = config as Record<string, unknown>;
  return {
    settings: Object.keys(workstationConfigSchema.shape).map((key) => ({ key, kind: 'given' as const, origin: null, value: shown(values[key]) })),
    notices: [],
    files: [],
  };
}
