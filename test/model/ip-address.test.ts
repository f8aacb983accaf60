import { describe, expect, it } from 'vitest';
import {
  addressInRanges,
  mappedRangeTooWide,
  parseAddressRange,
  parseClientIp,
} from '../../src/model/index.js';

describe('parseClientIp', () => {
  it.each([
    ['10.11.12.13', '10.11.12.13'],
    ['10.11.12.13:12345', '10.11.12.13'],
    ['[10.11.12.13]', '10.11.12.13'],
    ['[10.11.12.13]:12345', '10.11.12.13'],
    ['::ffff:10.11.12.13', '10.11.12.13'],
    ['[::ffff:10.11.12.13]:12345', '10.11.12.13'],
    ['2001:db8::abcd', '2001:db8::abcd'],
    ['[2001:db8::abcd]', '2001:db8::abcd'],
    ['[2001:db8::abcd]:12345', '2001:db8::abcd'],
    ['2001:0DB8:0000::ABCD', '2001:db8::abcd'],
    ['fe80::1%eth0', 'fe80::1'],
    ['[fe80::1%15]:443', 'fe80::1'],
    ['::0.0.0.0', '::'],
    ['::', '::'],
    ['::ffff:0.0.0.0', '0.0.0.0'],
    ['::203.0.113.7', '::cb00:7107'],
    ['2001:db8::203.0.113.7', '2001:db8::cb00:7107'],
  ])('normalises %s to %s', (raw, expected) => {
    expect(parseClientIp(raw)).toBe(expected);
  });

  it.each([
    'localhost',
    'localhost:12345',
    '[cool.client.local]:12345',
    '1.2.3',
    '0x7f.1',
    '::ffff:1.2.3.400',
    '10.0.0.1%eth0',
    '',
    '  ',
  ])('treats %j as no address', (raw) => {
    expect(parseClientIp(raw)).toBeNull();
  });
});

describe('addressInRanges', () => {
  const ranges = ['203.0.113.7', '198.51.100.0/24', '2001:db8:66::/48'].map((text) => {
    const range = parseAddressRange(text);
    if (range === null) throw new Error(text);
    return range;
  });

  it('matches an exact address, a CIDR member, a mapped v4 with a port and a v6 member', () => {
    expect(addressInRanges('203.0.113.7', ranges)).toBe(true);
    expect(addressInRanges('198.51.100.200:443', ranges)).toBe(true);
    expect(addressInRanges('[::ffff:198.51.100.9]:5000', ranges)).toBe(true);
    expect(addressInRanges('[2001:db8:66:1::5]:443', ranges)).toBe(true);
  });

  it('does not match neighbours, string prefixes or host names', () => {
    expect(addressInRanges('203.0.113.70', ranges)).toBe(false);
    expect(addressInRanges('198.51.101.1', ranges)).toBe(false);
    expect(addressInRanges('2001:db8:67::1', ranges)).toBe(false);
    expect(addressInRanges('localhost', ranges)).toBe(false);
    expect(addressInRanges(null, ranges)).toBe(false);
  });

  it('rejects ranges that are not addresses or have too many bits', () => {
    expect(parseAddressRange('203.0.113.300')).toBeNull();
    expect(parseAddressRange('10.0.0.0/33')).toBeNull();
    expect(parseAddressRange('2001:db8::/129')).toBeNull();
    expect(parseAddressRange('10.0.0.0/x')).toBeNull();
  });

  it('takes an IPv4-mapped range of /96 or more as its IPv4 range, and names one under /96', () => {
    expect(parseAddressRange('::ffff:203.0.113.0/120')?.map(String)).toEqual(['203.0.113.0', '24']);
    expect(parseAddressRange('::ffff:203.0.113.7')?.map(String)).toEqual(['203.0.113.7', '32']);
    expect(parseAddressRange('::ffff:203.0.113.0/33')).toBeNull();
    expect(parseAddressRange('::ffff:203.0.113.0/129')).toBeNull();
    expect(mappedRangeTooWide('::ffff:203.0.113.0/33')).toBe('203.0.113.0');
    expect(mappedRangeTooWide('::ffff:203.0.113.0/120')).toBeNull();
    expect(mappedRangeTooWide('2001:db8::/32')).toBeNull();
  });
});
