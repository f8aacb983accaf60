import { describe, expect, it } from 'vitest';
import { renderReviewManifest } from '../../src/report/review-manifest.js';
import { fixtureReport } from './fixture.js';

function rows(csv: string): string[] {
  expect(csv.endsWith('\r\n')).toBe(true);
  return csv.slice(0, -2).split('\r\n');
}

describe('the review manifest', () => {
  it('lists every exposed message by mailbox and id, as a review platform loads it', () => {
    const report = fixtureReport();
    const lines = rows(renderReviewManifest(report));
    expect(lines[0]).toBe('Mailbox,InternetMessageId,Exposure,Date');
    expect(lines).toHaveLength(report.messages.length + 1);
    const expected = report.messages
      .map((message) =>
        [
          message.mailbox,
          `<${message.internetMessageId}>`,
          message.exposure,
          message.date ?? '',
        ].join(','),
      )
      .sort();
    expect(lines.slice(1)).toEqual(expected);
    const unresolved = report.messages.find((message) => message.date === null);
    expect(lines).toContain(`${unresolved?.mailbox},<${unresolved?.internetMessageId}>,confirmed,`);
  });

  it('keeps a value a spreadsheet would run as a formula as text, and quotes what needs it', () => {
    const report = fixtureReport();
    const [first, second] = report.messages;
    if (first === undefined || second === undefined) throw new Error('fixture has no messages');
    first.mailbox = '=HYPERLINK("http://x.example","open")@kwizzy.nl';
    second.internetMessageId = '-2+3,"x"@mail.example';
    const lines = rows(renderReviewManifest(report));
    expect(lines).toContain(
      `"'=HYPERLINK(""http://x.example"",""open"")@kwizzy.nl",<${first.internetMessageId}>,${first.exposure},${first.date ?? ''}`,
    );
    expect(lines).toContain(
      `${second.mailbox},"<-2+3,""x""@mail.example>",${second.exposure},${second.date ?? ''}`,
    );
  });

  it('writes UTF-8 without a byte order mark, the same bytes for the same report', () => {
    const report = fixtureReport();
    const first = report.messages[0];
    if (first === undefined) throw new Error('fixture has no messages');
    first.mailbox = 'jürgen.müller@kwizzy.nl';
    const csv = renderReviewManifest(report);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3).toString('hex')).not.toBe('efbbbf');
    expect(csv).toContain('jürgen.müller@kwizzy.nl,');
    const reversed = { ...report, messages: [...report.messages].reverse() };
    expect(renderReviewManifest(reversed)).toBe(csv);
  });
});
