import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../../../../shared/api/contract';
import { ROLES, type Role } from '../../../../../shared/domain/roles';
import { dispatch } from '../../../../../electron/services/api';
import { createServices, type Services } from '../../../../../electron/services/composition';
import { makeTempDir } from '../../../../support/tempDir';
import { testConfig } from '../../../../support/testConfig';
import { signIn, TEST_SCRYPT } from '../../../../support/operators';
import { validRequest } from '../../../../support/validRequests';
import { journalFile } from '../../../../support/journalFile';

type Rule = { who: 'public' | 'session' | readonly Role[]; writes: boolean };

const FLOOR: readonly Role[] = ['ARM', 'OSNP', 'MRU', 'MRL', 'SUPERVISEUR'];
const CALL_TAKERS: readonly Role[] = ['ARM', 'MRU', 'MRL'];
const DOCTORS: readonly Role[] = ['MRU', 'MRL'];
const SNP_BOOKERS: readonly Role[] = ['OSNP', 'MRL'];
const reads = (who: Rule['who']): Rule => ({ who, writes: false });
const writes = (who: Rule['who']): Rule => ({ who, writes: true });

/**
 * Who may do what, written here from the rules themselves (DOMAIN.md §1, §5, §6, §8 and the
 * README's "Operators, roles and what each may do"), not read from the table under test:
 * the handler table's behaviour is checked against this statement, line by line.
 */
const RULES: Record<Channel, Rule> = {
  // Signing in and the workstation's identity come before any session; the lock screen unlocks.
  'auth:status': reads('public'),
  'auth:login': writes('public'),
  'auth:unlock': writes('public'),
  'auth:lock': writes('session'),
  'auth:logout': writes('session'),
  // Pro Santé Connect signs in (or unlocks) like the password: before any session (issue 17).
  'auth:pscStart': writes('public'),
  'auth:pscComplete': writes('public'),
  'auth:pscCancel': writes('public'),
  // The workstation's PSC credential is IT's, like the accounts.
  'psc:setCredential': writes(['ADMIN']),
  'workstation:info': reads('public'),
  'workstation:setLanguage': writes('session'),
  // ADMIN is IT: accounts and the journal's health, no medical data; a supervisor sees the team.
  'operator:create': writes(['ADMIN']),
  'operator:deactivate': writes(['ADMIN']),
  'operator:resetPassword': writes(['ADMIN']),
  'operator:list': reads(['SUPERVISEUR', 'ADMIN']),
  'operator:names': reads('session'),
  'journal:status': reads('session'),
  // The ARM answers every call first and types the dossier; a regulator may take a call too.
  'dossier:create': writes(CALL_TAKERS),
  'dossier:updateCaller': writes(CALL_TAKERS),
  'dossier:upsertPatient': writes(CALL_TAKERS),
  'dossier:updateQualification': writes(CALL_TAKERS),
  'dossier:link': writes(CALL_TAKERS),
  'dossier:setLocation': writes(CALL_TAKERS),
  'dossier:setManualLocation': writes(CALL_TAKERS),
  'callback:request': writes(CALL_TAKERS),
  // The priority and the queue are the ARM's, and the supervisor rebalances the floor.
  'dossier:setPriority': writes([...CALL_TAKERS, 'SUPERVISEUR']),
  'dossier:route': writes([...CALL_TAKERS, 'SUPERVISEUR']),
  // Reading dossiers is for the whole floor, never for ADMIN.
  'dossier:get': reads(FLOOR),
  'dossier:callerHistory': reads(FLOOR),
  'dossier:search': reads(FLOOR),
  'address:search': reads(FLOOR),
  'address:communes': reads(FLOOR),
  'queue:list': reads(FLOOR),
  'dossier:transmissions': reads(FLOOR),
  // Nothing leaves the room without a person (issue 13 §6): who works the dossier, or the supervisor, shares it.
  'dossier:sharePreview': reads([...CALL_TAKERS, 'SUPERVISEUR']),
  'dossier:share': writes([...CALL_TAKERS, 'SUPERVISEUR']),
  'callback:list': reads(FLOOR),
  // Everyone who works a dossier writes notes; the supervisor reads them.
  'dossier:addNote': writes(['ARM', 'OSNP', 'MRU', 'MRL']),
  // Lost calls are called back by whoever is free on the floor, the supervisor included.
  'callback:claim': writes(FLOOR),
  'callback:recordAttempt': writes(FLOOR),
  // Only a physician takes, decides and validates; an ARM finishes a dossier, the interlock
  // (no DRM without a decision) being the life cycle's, not a role's.
  'dossier:take': writes(DOCTORS),
  'dossier:addDecision': writes(DOCTORS),
  // DOMAIN §1: an ARM may not close a medical dossier alone — but a non-medical one (DR) is the
  // ARM's to finish and validate (issue 13 §5); the life cycle keeps a DRM's validation to physicians.
  'dossier:validate': writes(CALL_TAKERS),
  'dossier:finish': writes(CALL_TAKERS),
  // The regulation report is for the physicians and the supervisor.
  'dossier:report': reads(['MRU', 'MRL', 'SUPERVISEUR']),
  'dossier:reportPdf': reads(['MRU', 'MRL', 'SUPERVISEUR']),
  // SNP: the OSNP and the GP regulator book the 48 h appointment; the supervisor watches the list.
  'appointment:record': writes(SNP_BOOKERS),
  'sas:attachAppointment': writes(SNP_BOOKERS),
  'osnp:list': reads([...SNP_BOOKERS, 'SUPERVISEUR']),
  // Issue 14: anyone on the floor looks the pharmacy on duty up; sending the caller there is a decision.
  'pharmacy:onDuty': reads(FLOOR),
  'pharmacy:choose': writes(DOCTORS),
  // Searching agendas for a slot: the OSNP who books, and the regulators who orient.
  'slots:search': reads(['OSNP', 'MRU', 'MRL']),
  'practitioners:lookup': reads(['OSNP', 'MRU', 'MRL']),
  'packs:status': reads('session'),
  'sas:appointmentsToAttach': reads([...SNP_BOOKERS, 'SUPERVISEUR']),
  // Hub Santé: whether the exchange works is for everyone signed in; what it refused (messages
  // as received, with patient data) for the supervisor.
  'hub:status': reads('session'),
  'site:status': reads('session'),
  'hub:setPassphrase': writes(['ADMIN']),
  'hub:inboxProblems': reads(['SUPERVISEUR']),
  // Issue 15: the room's indicators, their A4 report and the live floor are the supervisor's.
  'indicators:report': reads(['SUPERVISEUR']),
  'indicators:reportPdf': reads(['SUPERVISEUR']),
  'floor:status': reads(['SUPERVISEUR']),
  // The softphone: every floor operator answers and places calls; each step is journaled.
  'call:list': reads(FLOOR),
  'call:lost': reads(FLOOR),
  'call:extensions': reads(FLOOR),
  'call:directory': reads(FLOOR),
  'call:history': reads(FLOOR),
  'call:consult': writes(FLOOR),
  'call:conference': writes(FLOOR),
  'call:answer': writes(FLOOR),
  'call:hangup': writes(FLOOR),
  'call:hold': writes(FLOOR),
  'call:resume': writes(FLOOR),
  'call:dtmf': writes(FLOOR),
  'call:transfer': writes(FLOOR),
  'call:place': writes(FLOOR),
  'call:attach': writes(FLOOR),
  // Registration health carries no personal data (shown on the sign-in screen); the SIP secret is
  // IT's or the supervisor's; a media answer is matched to a pending request, not to a session.
  'telephony:status': reads('public'),
  'telephony:reregister': writes(['ARM', 'OSNP', 'MRU', 'MRL', 'SUPERVISEUR', 'ADMIN']),
  'telephony:setPassword': writes(['SUPERVISEUR', 'ADMIN']),
  'media:respond': reads('public'),
  // Updates (issue 16): every operator sees one waits and applies it at a quiet moment; nothing is
  // journaled. Where the configuration comes from (paths, IT's policy) is IT's screen.
  'update:status': reads('session'),
  'update:apply': reads('session'),
  'workstation:config': reads(['ADMIN']),
};

function expected(channel: Channel, role: Role | null): 'allowed' | 'forbidden' | 'unauthenticated' {
  const { who } = RULES[channel];
  if (who === 'public') return 'allowed';
  if (role === null) return 'unauthenticated';
  if (who === 'session') return 'allowed';
  return who.includes(role) ? 'allowed' : 'forbidden';
}

/**
 * Every role × every channel: a refused call gets E_FORBIDDEN, writes nothing but the refusal
 * itself (who tried what), and an allowed one is never refused.
 */
describe('permissions enforced by the handler table', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let services: Services;
  const ids = { dossierId: '', callbackId: '' };
  const lastEvents = (since: number) =>
    journalFile(services.journal).prepare<[number], { type: string; actor_role: string; payload: string }>('SELECT type, actor_role, payload FROM events WHERE seq > ? ORDER BY seq').all(since);
  const maxSeq = () => journalFile(services.journal).prepare('SELECT max(seq) FROM events').pluck().get() as number;

  beforeAll(async () => {
    dir = makeTempDir();
    services = createServices(testConfig(dir.path), { scryptParams: TEST_SCRYPT });
    for (const role of ROLES) await signIn(services, role);
    await signIn(services, 'ARM');
    const created = await dispatch(services.api, 'dossier:create', { callerPhone: '0612345678', motive: 'fièvre', priority: 'P3' });
    if (!created.ok) throw new Error(created.error.message);
    ids.dossierId = (created.value as { id: string }).id;
    await dispatch(services.api, 'dossier:route', { dossierId: ids.dossierId, queue: 'SNP' });
    ids.callbackId = ids.dossierId; // the P3 routing opened the dossier's deferred callback
  });
  afterAll(() => {
    services.close();
    dir.cleanup();
  });

  it('states a rule for every channel of the contract, and no other', () => {
    expect(Object.keys(RULES).sort()).toEqual([...CHANNELS].sort());
  });

  const matrix = ROLES.flatMap((role) => CHANNELS.map((channel) => [role, channel] as [Role, Channel]));
  it.each(matrix)('%s → %s', async (role, channel) => {
    await signIn(services, role);
    const before = maxSeq();
    const result = await dispatch(services.api, channel, validRequest(channel, ids));
    if (expected(channel, role) === 'forbidden') {
      expect(result).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN' } });
      const written = lastEvents(before);
      expect(written).toHaveLength(1);
      expect(written[0]).toMatchObject({ type: 'security.refused', actor_role: role });
      expect(JSON.parse(written[0]!.payload)).toMatchObject({ channel, code: 'E_FORBIDDEN' });
    } else {
      if (!result.ok) expect(['E_FORBIDDEN', 'E_UNAUTHENTICATED']).not.toContain(result.error.code);
    }
  });

  it.each(CHANNELS.filter((c) => expected(c, null) !== 'allowed'))('nobody signed in → %s gets E_UNAUTHENTICATED', async (channel) => {
    await signIn(services, 'ARM');
    await dispatch(services.api, 'auth:logout', {});
    const before = maxSeq();
    const result = await dispatch(services.api, channel, validRequest(channel, ids));
    expect(result).toMatchObject({ ok: false, error: { code: 'E_UNAUTHENTICATED' } });
    const written = lastEvents(before);
    // A write is journaled as a refusal; a read leaves nothing.
    expect(written.map((e) => e.type)).toEqual(RULES[channel].writes ? ['security.refused'] : []);
  });

  it.each(CHANNELS.filter((c) => expected(c, null) === 'allowed'))('nobody signed in → %s is still answered, not refused', async (channel) => {
    await signIn(services, 'ARM');
    await dispatch(services.api, 'auth:logout', {});
    const result = await dispatch(services.api, channel, validRequest(channel, ids));
    // auth:unlock with nothing to unlock is refused by the service itself, not by the table.
    if (!result.ok) expect(result.error).not.toMatchObject({ code: expect.stringMatching(/^E_(FORBIDDEN|UNAUTHENTICATED)$/), message: expect.stringMatching(/sign in \(or unlock\) first|not allowed for the role/) });
  });

  it('a locked session is refused like no session, with the locked operator named on a write', async () => {
    await signIn(services, 'MRL');
    await dispatch(services.api, 'auth:lock', {});
    const before = maxSeq();
    const result = await dispatch(services.api, 'dossier:addNote', { dossierId: ids.dossierId, text: 'tentative' });
    expect(result).toMatchObject({ ok: false, error: { code: 'E_UNAUTHENTICATED' } });
    expect(lastEvents(before)).toEqual([expect.objectContaining({ type: 'security.refused', actor_role: 'MRL' })]);
    expect(services.journal.dossiers.get(ids.dossierId)!.notes.map((n) => n.text)).not.toContain('tentative');
  });
});
