import { mappedRangeTooWide, parseAddressRange } from '../model/index.js';

/*
 * Checks of single case-file values. Each returns what is wrong with the value and what to write
 * instead, or null when the value is fine; the schema turns these into located issues.
 */

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const DOMAIN = new RegExp(`^(?:${LABEL}\\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$`, 'i');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function domainProblem(value: string): string | null {
  if (DOMAIN.test(value) && value.length <= 253) return null;
  if (value.includes('@')) {
    return `${JSON.stringify(value)} is an e-mail address, not a domain name; write only the part after @`;
  }
  const idnHint = /[^\x20-\x7e]/.test(value)
    ? '; write an internationalised name in its xn-- form'
    : '';
  return `${JSON.stringify(value)} is not a domain name such as example.com${idnHint}`;
}

export function userPrincipalNameProblem(value: string): string | null {
  const at = value.lastIndexOf('@');
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (at > 0 && !/[\s@]/.test(local) && DOMAIN.test(domain)) return null;
  return `${JSON.stringify(value)} is not a user principal name (local@domain.tld, e.g. finance.lead@example.com)`;
}

/** An e-mail address, or `*@domain` for every address at a domain. */
export function addressPatternProblem(value: string): string | null {
  const at = value.lastIndexOf('@');
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (at > 0 && !/[\s@]/.test(local) && DOMAIN.test(domain)) return null;
  return `${JSON.stringify(value)} is not an e-mail address (scan@example.com) or *@domain (*@noreply.example.com)`;
}

/** A keyword has a letter or digit; `*` may only start or end it. */
export function keywordProblem(value: string): string | null {
  const core = value.replace(/^\*|\*$/g, '');
  if (/[\p{L}\p{N}]/u.test(core) && !core.includes('*')) return null;
  return `${JSON.stringify(value)} is not a keyword: write a word or words, with * only at the start or end (salaris*, *gehalt)`;
}

export function addressRangeProblem(value: string): string | null {
  // The shared parser also accepts `[v6]` and `a.b.c.d:port` as audit feeds write them; in a
  // case file those are slips worth pointing out, not forms to keep.
  const feedForm = /[[\]]/.test(value) || /^\d+\.\d+\.\d+\.\d+:/.test(value);
  if (!feedForm && parseAddressRange(value) !== null) return null;
  const mapped = mappedRangeTooWide(value);
  if (mapped !== null) {
    return `${JSON.stringify(value)} is an IPv4-mapped range with a prefix under /96: it would take in every IPv4 address; write the IPv4 range (e.g. ${mapped}/24), or in the mapped form add 96 to its prefix (::ffff:${mapped}/120)`;
  }
  return `${JSON.stringify(value)} is not an IP address or CIDR range (e.g. 203.0.113.7, 203.0.113.0/24 or 2001:db8::/32, without brackets or port)`;
}

export function guidProblem(value: string): string | null {
  if (GUID.test(value)) return null;
  return `${JSON.stringify(value)} is not a GUID (8-4-4-4-12 hexadecimal digits, e.g. 2f1c0a9e-5b7d-4c3e-9a61-0d8e4b2c7f15)`;
}

export function sessionIdProblem(value: string): string | null {
  if (value !== '' && !/\s/.test(value)) return null;
  return `${JSON.stringify(value)} is not a session id (one word, usually a GUID from the audit record's SessionId or AADSessionId)`;
}

export function tenantIdProblem(value: string): string | null {
  if (GUID.test(value) || DOMAIN.test(value)) return null;
  return `${JSON.stringify(value)} is not a tenant id: write the directory (tenant) GUID or a verified domain such as example.onmicrosoft.com`;
}

/** The value is the secret's variable name; never echo it, in case a secret was pasted there. */
export function environmentVariableProblem(value: string): string | null {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) return null;
  return 'is not the name of an environment variable (letters, digits and _, not starting with a digit); put the secret itself in that variable, never in the case file';
}

export function thumbprintProblem(value: string): string | null {
  if (/^[0-9a-f]{64}$/i.test(value.replaceAll(':', ''))) return null;
  return `${JSON.stringify(value)} is not a SHA-256 thumbprint (64 hexadecimal digits, colons allowed); \`openssl x509 -in CERT.pem -noout -fingerprint -sha256\` prints it`;
}

export function httpsUrlProblem(value: string): string | null {
  if (URL.canParse(value) && new URL(value).protocol === 'https:') return null;
  return `${JSON.stringify(value)} is not an https:// URL (Microsoft's sign-in library accepts only https)`;
}
