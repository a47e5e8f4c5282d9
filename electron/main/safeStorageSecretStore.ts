import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { safeStorage } from 'electron';
import type { SecretStore } from '../services/telephony/secretStore';

/**
 * Secrets encrypted by the OS (DPAPI, Keychain, libsecret/kwallet) through Electron's
 * safeStorage, one file per key under userData/secrets. Refuses to store when the OS gives no
 * real protection: on Linux without a keyring, safeStorage falls back to a fixed, public key
 * ("basic_text"), which is clear text in disguise.
 */
export class SafeStorageSecretStore implements SecretStore {
  constructor(private readonly dir: string) {}

  private file(key: string): string {
    return join(this.dir, `${createHash('sha256').update(key).digest('hex')}.bin`);
  }

  private usable(): string | null {
    if (!safeStorage.isEncryptionAvailable()) return 'OS encryption is not available';
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return 'no OS keyring (libsecret or kwallet) on this workstation';
    return null;
  }

  get(key: string): Promise<string | null> {
    const file = this.file(key);
    if (!existsSync(file) || this.usable()) return Promise.resolve(null);
    return Promise.resolve(safeStorage.decryptString(readFileSync(file)));
  }

  set(key: string, value: string): Promise<void> {
    const problem = this.usable();
    if (problem) return Promise.reject(new Error(`the secret cannot be kept safely: ${problem}`));
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    writeFileSync(this.file(key), safeStorage.encryptString(value), { mode: 0o600 });
    return Promise.resolve();
  }

  delete(key: string): Promise<void> {
    rmSync(this.file(key), { force: true });
    return Promise.resolve();
  }
}
