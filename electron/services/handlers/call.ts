import { fail, ok, type Envelope } from '../../../shared/api/envelope';
import type { TelephonyStatus } from '../../../shared/api/telephonySchemas';
import { attachLogged, type Softphone } from '../telephony/softphone';
import { refusedWrite } from '../dossiers/dossierGuard';
import type { ApiServices } from './apiServices';
import type { HandlerRegistry } from './registry';

const NOT_CONFIGURED: Omit<TelephonyStatus, 'since'> = { state: 'offline', reason: 'notConfigured', sipCode: null, detail: null, aor: null };

/** The softphone (shared/api/channels/call.ts). */
export function registerCallHandlers(registry: HandlerRegistry, services: ApiServices): void {
  const phone = <T>(action: (softphone: Softphone) => Envelope<T> | Promise<Envelope<T>>) =>
    services.telephony ? action(services.telephony) : fail('E_TELEPHONY_OFFLINE', 'no softphone configured on this workstation');
  const status = () => services.telephony?.getStatus() ?? { ...NOT_CONFIGURED, since: new Date().toISOString() };
  registry
    .method('call:list', () => ok({ calls: services.telephony?.list() ?? [], status: status() }))
    .method('call:answer', (request) => phone((p) => p.answer(request.callId)))
    .method('call:hangup', (request) => phone((p) => p.hangup(request.callId, request.reason)))
    .method('call:hold', (request) => phone((p) => p.hold(request.callId, request.reason)))
    .method('call:resume', (request) => phone((p) => p.resume(request.callId)))
    .method('call:dtmf', (request) => phone((p) => p.dtmf(request.callId, request.tones)))
    .method('call:transfer', (request) => phone((p) => p.transfer(request.callId, request.target, request.consultCallId, request.reason)))
    .method('call:consult', (request) => phone((p) => p.consult(request.callId, request.target)))
    .method('call:conference', (request) => phone((p) => p.conference(request.callId, request.consultCallId)))
    // IT's directory of frequent numbers: none without a telephony section.
    .method('call:directory', () => ok({ entries: services.config.telephony?.directory ?? [] }))
    // From the journal: the history stays readable when the softphone is down.
    .method('call:history', (request) => ok({ calls: services.journal.calls.recent(request.limit) }))
    .method('call:place', (request) => phone((p) => p.place(request.target, request.dossierId ?? null)))
    // A lost call is called back from its dossier even on a position whose softphone is down.
    .method('call:attach', (request) => {
      // A call joins only a dossier that exists and is still open (CLOTURE and after: a new, linked dossier).
      const refused = refusedWrite(services.journal.dossiers, request.dossierId, 'attachCall', services.actor().role);
      if (refused) return refused;
      return services.telephony ? services.telephony.attach(request.callId, request.dossierId) : attachLogged(services.journal, services.actor(), request.callId, request.dossierId);
    })
    .method('call:lost', (request) => {
      const to = request.to ?? new Date(Date.now() + 60_000).toISOString();
      const from = request.from ?? new Date(Date.parse(to) - 24 * 3600_000).toISOString();
      return ok({ calls: services.journal.calls.lostCalls(new Date(from).toISOString(), new Date(to).toISOString(), request.limit) });
    })
    // No telephony section: no one to transfer to (the palette then offers no regulator).
    .method('call:extensions', () => ok({ regulators: services.config.telephony?.extensions.regulators ?? [] }))
    .method('telephony:status', () => ok(status()))
    .method('telephony:reregister', () => phone((p) => p.reregister()))
    .method('telephony:setPassword', (request) => phone((p) => p.setPassword(request.password)))
    .method('media:respond', (request) => ok({ accepted: services.media?.respond(request) ?? false }));
}
