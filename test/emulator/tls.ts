import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The certificates of one test run: a CA that signs the emulator's `localhost` certificate
 * (trusted through NODE_EXTRA_CA_CERTS), and two self-signed client certificates for
 * `client_assertion`: `client` is registered with the demo/test app, `other` is not.
 *
 * Node has no X.509 generator, so this shells out to the `openssl` command line tool.
 */
export interface TestPki {
  dir: string;
  caPath: string;
  serverKeyPem: string;
  serverCertPem: string;
  client: ClientCertificate;
  other: ClientCertificate;
}

export interface ClientCertificate {
  /** PEM holding the private key followed by the certificate (what a case file points at). */
  bundlePath: string;
  privateKeyPem: string;
  certificatePem: string;
  /** SHA-256 of the DER certificate, lower-case hex (msal-node's `thumbprintSha256`). */
  thumbprintSha256: string;
}

/** Environment variables the vitest global setup sets for the test workers. */
export const PKI_ENV = {
  dir: 'MAILEXPOSURE_EMULATOR_PKI',
  ca: 'MAILEXPOSURE_EMULATOR_CA',
  clientBundle: 'MAILEXPOSURE_EMULATOR_CLIENT_CERT',
  clientThumbprint: 'MAILEXPOSURE_EMULATOR_CLIENT_THUMBPRINT',
} as const;

const FILES = {
  caKey: 'ca.key',
  ca: 'ca.pem',
  serverKey: 'server.key',
  serverCsr: 'server.csr',
  server: 'server.pem',
  serverExt: 'server.ext',
} as const;

/** Certificates live two days: long enough for any test run or demo session. */
const DAYS = '-days 2';
const EC_KEY = '-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes';

/** Runs `openssl` with `command` split on spaces, then `extra` arguments (which may hold spaces). */
function openssl(dir: string, command: string, ...extra: string[]): void {
  try {
    execFileSync('openssl', [...command.split(' '), ...extra], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`The emulator needs the openssl command to make its certificates: ${reason}`, {
      cause: error,
    });
  }
}

function makeClientCertificate(dir: string, name: string): void {
  // RSA: client assertions are RS256/PS256.
  openssl(
    dir,
    `req -x509 -newkey rsa:2048 -nodes ${DAYS} -keyout ${name}.key -out ${name}.pem`,
    '-subj',
    `/CN=mailexposure test ${name}`,
  );
  const bundle =
    readFileSync(join(dir, `${name}.key`), 'utf8') + readFileSync(join(dir, `${name}.pem`), 'utf8');
  writeFileSync(join(dir, `${name}-bundle.pem`), bundle, { mode: 0o600 });
}

/** Makes a fresh PKI in `dir` (created if missing) and returns it. */
export function createTestPki(dir: string): TestPki {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  openssl(
    dir,
    `req -x509 ${EC_KEY} ${DAYS} -keyout ${FILES.caKey} -out ${FILES.ca}`,
    '-subj',
    '/CN=mailexposure emulator test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  openssl(
    dir,
    `req ${EC_KEY} -keyout ${FILES.serverKey} -out ${FILES.serverCsr} -subj /CN=localhost`,
  );
  writeFileSync(
    join(dir, FILES.serverExt),
    [
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
      'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1',
      '',
    ].join('\n'),
  );
  openssl(
    dir,
    `x509 -req -in ${FILES.serverCsr} -CA ${FILES.ca} -CAkey ${FILES.caKey} ${DAYS}`,
    '-set_serial',
    `0x${Date.now().toString(16)}`,
    '-extfile',
    FILES.serverExt,
    '-out',
    FILES.server,
  );
  makeClientCertificate(dir, 'client');
  makeClientCertificate(dir, 'other');
  return readTestPki(dir);
}

function readClientCertificate(dir: string, name: string): ClientCertificate {
  const certificatePem = readFileSync(join(dir, `${name}.pem`), 'utf8');
  return {
    bundlePath: join(dir, `${name}-bundle.pem`),
    privateKeyPem: readFileSync(join(dir, `${name}.key`), 'utf8'),
    certificatePem,
    thumbprintSha256: sha256Thumbprint(certificatePem),
  };
}

/** Reads a PKI made earlier by createTestPki (e.g. by the vitest global setup). */
export function readTestPki(dir: string): TestPki {
  if (!existsSync(join(dir, FILES.server))) {
    throw new Error(`No emulator certificates in ${dir}: run createTestPki first`);
  }
  return {
    dir,
    caPath: join(dir, FILES.ca),
    serverKeyPem: readFileSync(join(dir, FILES.serverKey), 'utf8'),
    serverCertPem: readFileSync(join(dir, FILES.server), 'utf8'),
    client: readClientCertificate(dir, 'client'),
    other: readClientCertificate(dir, 'other'),
  };
}

/** The PKI the vitest global setup made for this run. */
export function testPkiFromEnv(): TestPki {
  const dir = process.env[PKI_ENV.dir];
  if (dir === undefined || dir === '') {
    throw new Error(
      `${PKI_ENV.dir} is not set: the emulator's certificates come from the vitest global setup`,
    );
  }
  return readTestPki(dir);
}

/** Lower-case hex SHA-256 of a PEM certificate's DER bytes. */
export function sha256Thumbprint(certificatePem: string): string {
  return new X509Certificate(certificatePem).fingerprint256.replaceAll(':', '').toLowerCase();
}
