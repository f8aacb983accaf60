import { describe, expect, it } from 'vitest';
import { timeZoneProblem } from '../../src/case/time-zone.js';

describe('timeZoneProblem', () => {
  it.each(['UTC', 'Europe/Amsterdam', 'America/New_York', 'Asia/Kolkata', 'Europe/Kyiv'])(
    'accepts the IANA zone %s',
    (zone) => {
      expect(timeZoneProblem(zone)).toBeNull();
    },
  );

  it('asks for the exact spelling of a zone written in the wrong case', () => {
    expect(timeZoneProblem('europe/amsterdam')).toMatch(/did you mean `Europe\/Amsterdam`\?/);
    expect(timeZoneProblem('utc')).toMatch(/did you mean `UTC`\?/);
  });

  it('suggests the zone a typo was meant to be', () => {
    expect(timeZoneProblem('Europe/Amsterdm')).toMatch(
      /is not an IANA time zone name.*did you mean `Europe\/Amsterdam`\?$/,
    );
  });

  it.each(['EST', 'CET', '+01:00', 'Mars/Olympus_Mons', ''])('refuses %j', (zone) => {
    expect(timeZoneProblem(zone)).toMatch(/is not an IANA time zone name/);
  });
});
