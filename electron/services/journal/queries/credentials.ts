import type Database from 'better-sqlite3';

export interface StoredCredential {
  /** JSON of the scrypt parameters the hash was made with. */
  params: string;
  salt: string;
  hash: string;
}

export interface CredentialReads {
  get(operatorId: string): StoredCredential | undefined;
}

/**
 * Password hashes of the local accounts (operator_credentials): never in an event, written in
 * the same transaction as the event that creates the account or resets its password.
 */
export class CredentialQueries implements CredentialReads {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      get: db.prepare<[string], StoredCredential>('SELECT params, salt, hash FROM operator_credentials WHERE operator_id = ?'),
      insert: db.prepare("INSERT INTO operator_credentials (operator_id, algorithm, params, salt, hash, updated_at) VALUES (?, 'scrypt', ?, ?, ?, ?)"),
      replace: db.prepare(
        "INSERT INTO operator_credentials (operator_id, algorithm, params, salt, hash, updated_at) VALUES (?, 'scrypt', ?, ?, ?, ?) ON CONFLICT (operator_id) DO UPDATE SET algorithm = 'scrypt', params = excluded.params, salt = excluded.salt, hash = excluded.hash, updated_at = excluded.updated_at",
      ),
    };
  }

  get(operatorId: string): StoredCredential | undefined {
    return this.s.get.get(operatorId);
  }

  /** A new account's first password (inside the command that journals operator.created). */
  insert(operatorId: string, credential: StoredCredential, at: string): void {
    this.s.insert.run(operatorId, credential.params, credential.salt, credential.hash, at);
  }

  /** A password set again (inside the command that journals operator.passwordReset). */
  replace(operatorId: string, credential: StoredCredential, at: string): void {
    this.s.replace.run(operatorId, credential.params, credential.salt, credential.hash, at);
  }
}
