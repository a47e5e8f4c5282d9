import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { licenseAccepted, licensesReport, productionDependencies } from './thirdPartyLicenses';

/** `npm run licenses`: out/third-party/NOTICES.txt, shipped beside the app; fails on a licence not accepted. */
const projectDir = fileURLToPath(new URL('../..', import.meta.url));
const parties = productionDependencies(projectDir);
mkdirSync(join(projectDir, 'out', 'third-party'), { recursive: true });
writeFileSync(join(projectDir, 'out', 'third-party', 'NOTICES.txt'), licensesReport(parties));
for (const p of parties) console.log(`${p.name}@${p.version}  ${p.license}`);
const refused = parties.filter((p) => !licenseAccepted(p.license));
if (refused.length > 0) {
  console.error(`licences to review before shipping: ${refused.map((p) => `${p.name}@${p.version} (${p.license})`).join(', ')}`);
  process.exit(1);
}
console.log(`${parties.length} production dependencies → out/third-party/NOTICES.txt`);
