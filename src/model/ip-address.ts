import ipaddr from 'ipaddr.js';

/**
 * Audit feeds write client addresses in many forms (`a.b.c.d:port`, `[v6]:port`,
 * `::ffff:a.b.c.d`, host names). Returns the address in one canonical text form
 * (dotted IPv4, or RFC 5952 IPv6), or null when the value is no address at all.
 */
export function parseClientIp(raw: string | null | undefined): string | null {
  const address = parseAddress(raw);
  return address === null ? null : address.toString();
}

export type AddressRange = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Parses `203.0.113.7`, `198.51.100.0/24` or `2001:db8::/32`; null when invalid. */
export function parseAddressRange(text: string): AddressRange | null {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  if (slash === -1) {
    const address = parseAddress(trimmed);
    if (address === null) return null;
    return [address, address.kind() === 'ipv4' ? 32 : 128];
  }
  const address = parseAddress(trimmed.slice(0, slash));
  const bitsText = trimmed.slice(slash + 1);
  if (address === null || !/^\d{1,3}$/.test(bitsText)) return null;
  const bits = Number(bitsText);
  if (bits > (address.kind() === 'ipv4' ? 32 : 128)) return null;
  return [address, bits];
}

/** True when the (normalised or raw) address lies in one of the ranges; never throws. */
export function addressInRanges(address: string | null, ranges: readonly AddressRange[]): boolean {
  const parsed = parseAddress(address);
  if (parsed === null) return false;
  return ranges.some(([base, bits]) => parsed.kind() === base.kind() && parsed.match(base, bits));
}

function parseAddress(raw: string | null | undefined): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (raw === null || raw === undefined) return null;
  const text = stripPortAndBrackets(raw.trim());
  if (text === '') return null;
  if (text.includes(':')) {
    if (!ipaddr.IPv6.isValid(text)) return null;
    const v6 = ipaddr.IPv6.parse(text);
    return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
  }
  // ipaddr also accepts `1.2.3` and `0x7f.1`; audit feeds never mean those as addresses.
  return ipaddr.IPv4.isValidFourPartDecimal(text) ? ipaddr.IPv4.parse(text) : null;
}

function stripPortAndBrackets(text: string): string {
  const bracketed = /^\[([^\]]*)\](?::\d+)?$/.exec(text);
  if (bracketed) return bracketed[1] ?? '';
  // One colon means `host:port`; more than one is an unbracketed IPv6 address.
  const colons = text.split(':').length - 1;
  if (colons === 1) return text.slice(0, text.indexOf(':'));
  return text;
}
