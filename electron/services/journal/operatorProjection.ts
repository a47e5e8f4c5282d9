import type Database from 'better-sqlite3';
import type { Operator } from '../../../shared/domain/operator';
import type { JournalAppliedEvent } from './journal';

interface OperatorRow {
  id: string;
  login: string;
  display_name: string;
  role: Operator['role'];
  rpps: string | null;
  active: number;
  failed_attempts: number;
  locked_until: string | null;
  psc_rpps: string | null;
  psc_bound_at: string | null;
}

export interface OperatorRecord extends Operator {
  failedAttempts: number;
  lockedUntil: string | null;
  /** The RPPS PSC asserted when the account was bound (null: not bound). */
  pscRpps: string | null;
}

const fromRow = (row: OperatorRow): OperatorRecord => ({
  id: row.id,
  login: row.login,
  displayName: row.display_name,
  role: row.role,
  rpps: row.rpps,
  active: row.active === 1,
  failedAttempts: row.failed_attempts,
  lockedUntil: row.locked_until,
  pscRpps: row.psc_rpps,
  pscBoundAt: row.psc_bound_at,
});

/** Accounts and their lock-out state, folded from operator.* and auth.* events. */
export class OperatorProjection {
  static readonly TABLES = ['operators'] as const;
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      byId: db.prepare<[string], OperatorRow>('SELECT * FROM operators WHERE id = ?'),
      byLogin: db.prepare<[string], OperatorRow>('SELECT * FROM operators WHERE login = ?'),
      all: db.prepare<[], OperatorRow>('SELECT * FROM operators ORDER BY login'),
      count: db.prepare<[], number>('SELECT count(*) FROM operators').pluck(),
      insert: db.prepare('INSERT INTO operators (id, login, display_name, role, rpps, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
      failed: db.prepare('UPDATE operators SET failed_attempts = failed_attempts + 1 WHERE id = ?'),
      succeeded: db.prepare('UPDATE operators SET failed_attempts = 0, locked_until = NULL WHERE id = ?'),
      lockedOut: db.prepare('UPDATE operators SET failed_attempts = 0, locked_until = ? WHERE id = ?'),
      deactivated: db.prepare('UPDATE operators SET active = 0 WHERE id = ?'),
      byPscRpps: db.prepare<[string], OperatorRow>('SELECT * FROM operators WHERE psc_rpps = ?'),
      pscBound: db.prepare('UPDATE operators SET psc_rpps = ?, psc_bound_at = ? WHERE id = ?'),
    };
  }

  byId(id: string): OperatorRecord | undefined {
    const row = this.statements.byId.get(id);
    return row ? fromRow(row) : undefined;
  }

  byLogin(login: string): OperatorRecord | undefined {
    const row = this.statements.byLogin.get(login);
    return row ? fromRow(row) : undefined;
  }

  /** The account bound to this RPPS by a PSC sign-in, if any. */
  byPscRpps(rpps: string): OperatorRecord | undefined {
    const row = this.statements.byPscRpps.get(rpps);
    return row ? fromRow(row) : undefined;
  }

  list(): OperatorRecord[] {
    return this.statements.all.all().map(fromRow);
  }

  count(): number {
    return this.statements.count.get() ?? 0;
  }

  apply(event: JournalAppliedEvent): void {
    const { body } = event;
    switch (body.type) {
      case 'operator.created':
        this.statements.insert.run(body.payload.operatorId, body.payload.login, body.payload.displayName, body.payload.role, body.payload.rpps, event.at);
        return;
      case 'auth.loginFailed':
        if (body.payload.operatorId && body.payload.reason === 'badPassword') this.statements.failed.run(body.payload.operatorId);
        return;
      case 'operator.deactivated':
        this.statements.deactivated.run(body.payload.operatorId);
        return;
      case 'operator.passwordReset':
      case 'auth.loginSucceeded':
        this.statements.succeeded.run(body.payload.operatorId);
        return;
      case 'operator.pscBound':
        this.statements.pscBound.run(body.payload.rpps, event.at, body.payload.operatorId);
        return;
      case 'auth.lockedOut':
        this.statements.lockedOut.run(body.payload.until, body.payload.operatorId);
        return;
      default:
        return;
    }
  }
}
