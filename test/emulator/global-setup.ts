import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestPki, PKI_ENV } from './tls.js';

/**
 * Vitest global setup: makes this run's certificates before any test worker starts.
 *
 * Node reads NODE_EXTRA_CA_CERTS only when a process starts, so the real msal-node and Graph
 * client can only trust the emulator if the variable is set before vitest forks its workers;
 * vitest copies this process's environment into each fork. An existing NODE_EXTRA_CA_CERTS is
 * kept by bundling it with the test CA.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'mailexposure-emulator-'));
  const pki = createTestPki(dir);
  const previous = process.env.NODE_EXTRA_CA_CERTS;
  let trusted = pki.caPath;
  if (previous !== undefined && previous !== '') {
    trusted = join(dir, 'extra-ca-bundle.pem');
    writeFileSync(
      trusted,
      readFileSync(previous, 'utf8') + '\n' + readFileSync(pki.caPath, 'utf8'),
    );
  }
  process.env.NODE_EXTRA_CA_CERTS = trusted;
  process.env[PKI_ENV.dir] = dir;
  process.env[PKI_ENV.ca] = pki.caPath;
  process.env[PKI_ENV.clientBundle] = pki.client.bundlePath;
  process.env[PKI_ENV.clientThumbprint] = pki.client.thumbprintSha256;
  return () => {
    rmSync(dir, { recursive: true, force: true });
  };
}
