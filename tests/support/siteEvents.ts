import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { SiteEvent } from '../../shared/api/siteProtocol';

/** Builds the events a desk would push, with its own clock: enough for the site's rules to read. */
export class DeskEvents {
  private counter = 0;
  constructor(
    readonly workstation: string,
    readonly site = '690',
    private readonly wall = () => Date.now(),
  ) {}

  hlc(): string {
    this.counter += 1;
    return `${String(this.wall()).padStart(15, '0')}-${String(this.counter).padStart(6, '0')}`;
  }

  event(type: string, payload: unknown, actor: { id: string; role: string }, dossierId: string | null = null, over: Partial<SiteEvent> = {}): SiteEvent {
    return {
      id: uuidv7(),
      site: this.site,
      workstation: this.workstation,
      dossierId,
      type,
      payload: JSON.stringify(payload),
      actorId: actor.id,
      actorRole: actor.role,
      at: new Date(this.wall()).toISOString(),
      hlc: this.hlc(),
      corrects: null,
      ...over,
    };
  }

  operatorCreated(op: { id: string; login: string; name: string; role: string }): SiteEvent {
    return this.event('operator.created', { operatorId: op.id, login: op.login, displayName: op.name, role: op.role, rpps: null }, { id: 'console:root', role: 'ADMIN' });
  }

  login(op: { id: string; role: string }): SiteEvent {
    return this.event('auth.loginSucceeded', { operatorId: op.id, kind: 'login' }, op);
  }

  logout(op: { id: string; role: string }): SiteEvent {
    return this.event('auth.loggedOut', { operatorId: op.id }, op);
  }

  dossierCreated(actor: { id: string; role: string }, dossierId: string = randomUUID(), priority = 'P1', number = '00001'): SiteEvent {
    return this.event(
      'dossier.created',
      { localNumber: `DRFR1569026340${number}`, caseId: `fr.health.samu690.DRFR1569026340${number}`, kind: 'DRM', origin: '15', callerPhone: '+33612345678', motive: 'douleur thoracique', priority },
      actor,
      dossierId,
    );
  }
}

export function operator(login: string, role: string, name = login): { id: string; login: string; name: string; role: string } {
  return { id: randomUUID(), login, name, role };
}
