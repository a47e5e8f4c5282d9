import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ClientCertificate {
  certFile: string;
  keyFile: string;
  /** The same pair as PKCS#12 (password `test`), the form the ANS delivers. */
  p12File: string;
}

export interface TestCertificates {
  caFile: string;
  serverCertFile: string;
  serverKeyFile: string;
  clients: Record<string, ClientCertificate>;
  /** A client signed by another CA: the broker must refuse it. */
  stranger: ClientCertificate;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

function signedPair(dir: string, name: string, cn: string, ca: { cert: string; key: string }, extensions: string): ClientCertificate {
  const keyFile = join(dir, `${name}.key`);
  const csr = join(dir, `${name}.csr`);
  const certFile = join(dir, `${name}.crt`);
  const ext = join(dir, `${name}.ext`);
  writeFileSync(ext, extensions);
  openssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-subj', `/O=Plateau tests/CN=${cn}`, '-out', csr], dir);
  openssl(['x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial', '-days', '2', '-sha256', '-extfile', ext, '-out', certFile], dir);
  const p12File = join(dir, `${name}.p12`);
  openssl(['pkcs12', '-export', '-in', certFile, '-inkey', keyFile, '-passout', 'pass:test', '-out', p12File], dir);
  return { certFile, keyFile, p12File };
}

function makeCa(dir: string, name: string): { cert: string; key: string } {
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.crt`);
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-subj', `/O=Plateau tests/CN=${name}`, '-days', '2', '-sha256', '-out', cert], dir);
  return { cert, key };
}

/** A CA, a server certificate for 127.0.0.1 and one client certificate per client id (CN = id). */
export function makeTestCertificates(dir: string, clientIds: readonly string[]): TestCertificates {
  mkdirSync(dir, { recursive: true });
  const ca = makeCa(dir, 'hub-test-ca');
  const server = signedPair(dir, 'server', 'localhost', ca, 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  const clients: Record<string, ClientCertificate> = {};
  for (const id of clientIds) clients[id] = signedPair(dir, id, id, ca, 'extendedKeyUsage=clientAuth\n');
  const other = makeCa(dir, 'other-ca');
  const stranger = signedPair(dir, 'stranger', clientIds[0] ?? 'stranger', other, 'extendedKeyUsage=clientAuth\n');
  return { caFile: ca.cert, serverCertFile: server.certFile, serverKeyFile: server.keyFile, clients, stranger };
}
