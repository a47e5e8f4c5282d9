import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SafeStorageSecretStore } from '../../../../electron/main/safeStorageSecretStore';
import { safeStorage } from '../../../support/fakeElectron';
import { makeTempDir } from '../../../support/tempDir';

describe('SIP password through safeStorage', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    dir = makeTempDir();
    safeStorage.available = true;
    safeStorage.backend = 'gnome_libsecret';
  });
  afterEach(() => dir.cleanup());

  it('keeps it encrypted on disk, never in clear, and reads it back', async () => {
    const store = new SafeStorageSecretStore(join(dir.path, 'secrets'));
    await store.set('sip-password:sip:arm1@samu69', 'tr0ub4dor&3');
    const files = readdirSync(join(dir.path, 'secrets'));
    expect(files).toHaveLength(1);
    expect(files[0]).not.toContain('arm1');
    expect(readFileSync(join(dir.path, 'secrets', files[0]!)).toString('latin1')).not.toContain('tr0ub4dor');
    await expect(store.get('sip-password:sip:arm1@samu69')).resolves.toBe('tr0ub4dor&3');
    await store.delete('sip-password:sip:arm1@samu69');
    await expect(store.get('sip-password:sip:arm1@samu69')).resolves.toBeNull();
  });

  it('refuses to store when the OS offers no protection', async () => {
    const store = new SafeStorageSecretStore(join(dir.path, 'secrets'));
    safeStorage.available = false;
    await expect(store.set('k', 'v')).rejects.toThrow(/cannot be kept safely: OS encryption is not available/);
    safeStorage.available = true;
    if (process.platform === 'linux') {
      safeStorage.backend = 'basic_text';
      await expect(store.set('k', 'v')).rejects.toThrow(/no OS keyring/);
    }
  });
});
