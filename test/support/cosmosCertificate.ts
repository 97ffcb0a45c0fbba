// A fresh self-signed certificate for the loopback Cosmos DB server. The one bundled with
// @vercel/cosmosdb-server has expired, and the tests must keep TLS verification on, so each run
// makes its own (valid for a day, for 127.0.0.1 and localhost) and the client is told to trust it
// through an https.Agent `ca`, exactly as production would be given a private CA.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificate {
  cert: string;
  key: string;
}

export function makeLoopbackCertificate(): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'cosmos-cert-'));
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  try {
    // An EC key is generated in milliseconds, unlike RSA, which keeps test start-up fast.
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-nodes',
        '-days',
        '1',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-keyout',
        keyPath,
        '-out',
        certPath,
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    return { cert: readFileSync(certPath, 'utf8'), key: readFileSync(keyPath, 'utf8') };
  } catch (error) {
    throw new Error('Could not make a test certificate: the openssl CLI is needed for the Cosmos tests', {
      cause: error,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
