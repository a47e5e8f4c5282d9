import { parseWorkstationConfig, type WorkstationConfig } from '../../electron/services/config/workstationConfig';

export function testConfig(dataDir: string, overrides: Partial<WorkstationConfig> = {}): WorkstationConfig {
  return parseWorkstationConfig(
    { siteCode: '690', siteName: 'SAMU 69 — test', departement: '69', workstationId: 'poste-test-1', dataDir, timeZone: 'Europe/Paris', geo: { banBaseUrl: null, timeoutMs: 2000 }, ...overrides },
    `${dataDir}/workstation.json`,
  );
}
