import { describe, expect, it } from 'vitest';
import { closestName } from '../../src/case/closest-name.js';

const KEYS = [
  'case',
  'accounts',
  'threatActor',
  'window',
  'evidence',
  'collect',
  'report',
  'output',
];

describe('closestName', () => {
  it.each([
    ['threatActors', 'threatActor'],
    ['ThreatActor', 'threatActor'],
    ['treatActor', 'threatActor'],
    ['acounts', 'accounts'],
    ['wnidow', 'window'],
    ['evidance', 'evidence'],
  ])('takes %s for %s', (typo, meant) => {
    expect(closestName(typo, KEYS)).toBe(meant);
  });

  it('suggests nothing when no key is close enough to be a typo', () => {
    expect(closestName('mailboxes', KEYS)).toBeNull();
    expect(closestName('ips', KEYS)).toBeNull();
  });

  it('prefers the earlier candidate on a tie, so hints do not change between runs', () => {
    expect(closestName('cat', ['bat', 'car'])).toBe('bat');
    expect(closestName('cat', ['car', 'bat'])).toBe('car');
  });
});
