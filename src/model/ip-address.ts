import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * Audit feeds write client addresses in many forms (`a.b.c.d:port`, `[v6]:port`,
 * `::ffff:a.b.c.d`, `fe80::1%eth0`, host names). Returns the address in one canonical text
 * form (dotted IPv4, or RFC 5952 IPv6 without zone id), or null when the value is no address.
 * Two texts give the same form exactly when they name the same 32 or 128 bits.
 */
export function parseClientIp(raw: string | null | undefined): string | null {
  const address = parseAddress(raw);
  return address === null ? null : address.toString();
}

export type AddressRange = [Address, number];

/**
 * Parses `203.0.113.7`, `198.51.100.0/24` or `2001:db8::/32`; null when invalid. An IPv4-mapped
 * range `::ffff:a.b.c.d/N` with N of 96 or more is the IPv4 range `a.b.c.d/(N-96)`: client
 * addresses in that form are read as IPv4, so the range must be too.
 */
export function parseAddressRange(text: string): AddressRange | null {
  const parts = rangeParts(text);
  if (parts === null) return null;
  const [address, bits] = parts;
  if (address.kind() === 'ipv4') return bits <= 32 ? [address, bits] : null;
  const v6 = address as ipaddr.IPv6;
  if (!v6.isIPv4MappedAddress()) return bits <= 128 ? [v6, bits] : null;
  return bits >= 96 && bits <= 128 ? [v6.toIPv4Address(), bits - 96] : null;
}

/**
 * For an IPv4-mapped range with a prefix under /96 (`::ffff:203.0.113.0/33`), which would take
 * in every IPv4 address and more, the IPv4 address it names; null for any other text.
 */
export function mappedRangeTooWide(text: string): string | null {
  const parts = rangeParts(text);
  if (parts === null) return null;
  const [address, bits] = parts;
  if (address.kind() !== 'ipv6' || bits >= 96) return null;
  const v6 = address as ipaddr.IPv6;
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address().toString() : null;
}

/** True when the (normalised or raw) address lies in one of the ranges; never throws. */
export function addressInRanges(address: string | null, ranges: readonly AddressRange[]): boolean {
  const parsed = parseAddress(address);
  if (parsed === null) return false;
  return ranges.some(([base, bits]) => parsed.kind() === base.kind() && parsed.match(base, bits));
}

/** The address as written (mapped IPv6 kept as IPv6) and its prefix length, unchecked. */
function rangeParts(text: string): [Address, number] | null {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  if (slash === -1) {
    const address = parseBits(trimmed);
    return address === null ? null : [address, address.kind() === 'ipv4' ? 32 : 128];
  }
  const address = parseBits(trimmed.slice(0, slash));
  const bitsText = trimmed.slice(slash + 1);
  if (address === null || !/^\d{1,3}$/.test(bitsText)) return null;
  return [address, Number(bitsText)];
}

function parseAddress(raw: string | null | undefined): Address | null {
  if (raw === null || raw === undefined) return null;
  const address = parseBits(stripPortAndBrackets(raw.trim()));
  if (address === null || address.kind() === 'ipv4') return address;
  const v6 = address as ipaddr.IPv6;
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
}

/** IPv4, or IPv6 by its bits: the zone id dropped, an IPv4 tail read as the last 32 bits. */
function parseBits(text: string): Address | null {
  if (text === '') return null;
  if (!text.includes(':')) {
    // ipaddr also accepts `1.2.3` and `0x7f.1`; audit feeds never mean those as addresses.
    return ipaddr.IPv4.isValidFourPartDecimal(text) ? ipaddr.IPv4.parse(text) : null;
  }
  // A zone id names an interface of the machine that logged the address, not the client.
  const zone = text.indexOf('%');
  let v6 = zone === -1 ? text : text.slice(0, zone);
  // ipaddr reads any IPv4 tail as `::ffff:`-mapped: `::0.0.0.0` would not be `::`.
  const tail = /:(\d+\.\d+\.\d+\.\d+)$/.exec(v6);
  if (tail !== null) {
    const quad = tail[1] ?? '';
    if (!ipaddr.IPv4.isValidFourPartDecimal(quad)) return null;
    const [a = 0, b = 0, c = 0, d = 0] = ipaddr.IPv4.parse(quad).octets;
    v6 = `${v6.slice(0, tail.index + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  return ipaddr.IPv6.isValid(v6) ? ipaddr.IPv6.parse(v6) : null;
}

function stripPortAndBrackets(text: string): string {
  const bracketed = /^\[([^\]]*)\](?::\d+)?$/.exec(text);
  if (bracketed) return bracketed[1] ?? '';
  // One colon means `host:port`; more than one is an unbracketed IPv6 address.
  const colons = text.split(':').length - 1;
  if (colons === 1) return text.slice(0, text.indexOf(':'));
  return text;
}
