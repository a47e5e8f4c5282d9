import { acceptedList, describeVerdict, gate, scan } from './scan';

/** `npm run lint` runs this over electron/: exit 1 on any HIGH, an unjustified MEDIUM or a stale entry. */
const verdict = gate(await scan(process.argv[2] ?? 'electron'), acceptedList());
for (const line of describeVerdict(verdict)) (verdict.ok ? console.log : console.error)(line);
process.exit(verdict.ok ? 0 : 1);
