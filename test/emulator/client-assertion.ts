import { constants, createHash, verify, X509Certificate } from 'node:crypto';

/** Clock skew Entra tolerates on `exp`/`nbf`. */
const SKEW_SECONDS = 300;

export interface AssertionCheck {
  clientId: string;
  certificatePem: string;
  /** The token endpoint URL: the `aud` Entra expects (msal-node sends exactly this). */
  audience: string;
  nowSeconds: number;
}

/** An Entra error code and description for a refused assertion. */
export interface AssertionRefusal {
  code: number;
  description: string;
}

function decodePart(part: string | undefined): Record<string, unknown> | null {
  if (part === undefined) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function thumbprintMatches(header: Record<string, unknown>, certificate: X509Certificate): boolean {
  const der = certificate.raw;
  if (typeof header['x5t#S256'] === 'string') {
    return header['x5t#S256'] === createHash('sha256').update(der).digest('base64url');
  }
  if (typeof header.x5t === 'string') {
    return header.x5t === createHash('sha1').update(der).digest('base64url');
  }
  return false;
}

/**
 * Verifies a `client_assertion` as Entra documents it: an RS256 or PS256 JWT whose header names
 * the registered certificate by thumbprint (`x5t#S256`, or legacy SHA-1 `x5t`), signed by that
 * certificate's key, with `aud` = token endpoint, `iss` = `sub` = client id, a `jti`, and valid
 * `exp`/`nbf`. Returns null when it holds, else why not.
 */
export function checkClientAssertion(jwt: string, check: AssertionCheck): AssertionRefusal | null {
  const parts = jwt.split('.');
  const header = decodePart(parts[0]);
  const claims = decodePart(parts[1]);
  if (parts.length !== 3 || header === null || claims === null) {
    return { code: 50027, description: 'JWT token is invalid or malformed.' };
  }
  const certificate = new X509Certificate(check.certificatePem);
  if (!thumbprintMatches(header, certificate)) {
    return {
      code: 700027,
      description:
        'Client assertion contains an invalid signature. [Reason - The key was not found.]',
    };
  }
  const alg = header.alg;
  if (alg !== 'RS256' && alg !== 'PS256') {
    return { code: 5002738, description: `Invalid JWT token. '${String(alg)}' is not supported.` };
  }
  const signed = verify(
    'sha256',
    Buffer.from(`${parts[0] ?? ''}.${parts[1] ?? ''}`),
    {
      key: certificate.publicKey,
      padding: alg === 'PS256' ? constants.RSA_PKCS1_PSS_PADDING : constants.RSA_PKCS1_PADDING,
      saltLength: constants.RSA_PSS_SALTLEN_AUTO,
    },
    Buffer.from(parts[2] ?? '', 'base64url'),
  );
  if (!signed)
    return { code: 700027, description: 'Client assertion failed signature validation.' };
  if (claims.aud !== check.audience) {
    return {
      code: 700023,
      description: `Client assertion audience claim does not match Realm issuer. Expected ${check.audience}.`,
    };
  }
  if (claims.iss !== check.clientId || claims.sub !== check.clientId) {
    return {
      code: 700021,
      description: "Client assertion application identifier doesn't match 'client_id' parameter.",
    };
  }
  if (typeof claims.jti !== 'string' || claims.jti === '') {
    return { code: 700022, description: 'Client assertion must contain a jti claim.' };
  }
  const exp = typeof claims.exp === 'number' ? claims.exp : null;
  const nbf = typeof claims.nbf === 'number' ? claims.nbf : check.nowSeconds;
  if (
    exp === null ||
    exp < check.nowSeconds - SKEW_SECONDS ||
    nbf > check.nowSeconds + SKEW_SECONDS
  ) {
    return { code: 700024, description: 'Client assertion is not within its valid time range.' };
  }
  return null;
}
