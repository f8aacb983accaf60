import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/index.js';
import { createZonedTime } from '../../src/report/format/index.js';
import { renderPdf } from '../../src/report/pdf/index.js';
import { fixtureReport, readPdf, type PdfText } from './fixture.js';

const report = fixtureReport();
let pdf: Buffer;
let read: PdfText;

function subjectMatching(pattern: RegExp): string {
  const subject = report.messages.find((message) => pattern.test(message.subject ?? ''))?.subject;
  if (subject == null) throw new Error(`fixture has no subject matching ${pattern}`);
  return subject;
}

// The first render in a process warms up font parsing and shaping: several seconds here.
beforeAll(async () => {
  pdf = await renderPdf(report);
  read = await readPdf(pdf);
}, 120_000);

describe('renderPdf', () => {
  it('states the summary figures in words on page 1', () => {
    const [page1 = ''] = read.pageTexts;
    const { summary } = report;
    expect(page1).toContain(`opened ${summary.confirmedMessages} messages`);
    expect(page1).toContain(
      `synchronised ${summary.presumedFolders} whole folders to a device; synchronising copies every message of a folder`,
    );
    expect(page1).toContain(
      `At least ${summary.presumedSyncMessages} further messages are known to have been in them; ${summary.unlistedFolders} of the folders could not be listed.`,
    );
    expect(page1).toContain(
      `At least ${summary.presumedThrottledMessages} further messages are known to have been there`,
    );
    expect(page1).toContain(
      `These messages name at least ${summary.personDataSubjects} people (data subjects) by e-mail address: ` +
        `${summary.internalPersonDataSubjects} at ${report.case.organization} and ` +
        `${summary.externalPersonDataSubjects} outside it, besides ${summary.nonPersonDataSubjects} ` +
        'addresses that are likely not a person (shared mailboxes, role, no-reply and device addresses), listed apart.',
    );
    const zoned = createZonedTime(report.case.timezone, 'en');
    expect(page1).toContain(zoned.dateTime(summary.firstAttackerAccess ?? ''));
    expect(page1).toContain(zoned.dateTime(summary.lastAttackerAccess ?? ''));
  });

  it("puts report.json's figures in page 1's table, saying which are lower bounds", () => {
    const [page1 = ''] = read.pageTexts;
    const { summary } = report;
    for (const figure of [
      `Mailboxes concerned ${summary.mailboxes} see page`,
      `Confirmed: messages the audit log shows the attacker opened ${summary.confirmedMessages} see page`,
      `Presumed by folder sync: whole folders ${summary.presumedFolders} folders (at least ${summary.presumedSyncMessages} messages known) see page`,
      `Presumed by throttling: whole mailbox for 24 h ${summary.throttledMailboxes} mailbox (at least ${summary.presumedThrottledMessages} messages known to have been there) see page`,
      `Data subjects: people named in these messages at least ${summary.personDataSubjects} (${summary.internalPersonDataSubjects} internal, ${summary.externalPersonDataSubjects} external), not counting the whole folders and mailboxes above or messages without sender and recipients see page`,
      `Other addresses named: likely not a person ${summary.nonPersonDataSubjects} (shared mailboxes, role, no-reply and device addresses; listed apart) see page`,
      `Attacker sessions ${summary.sessions} see page`,
      `Exposed messages without sender or subject ${summary.unresolvedMessages} see page`,
      `Windows without auditing (throttled) ${summary.throttledWindows} (1 caused by the attacker) see page`,
      '"At least" marks a lower bound',
    ]) {
      expect(page1).toContain(figure);
    }
    expect(read.text).not.toContain('00000');
  });

  it('states figures without "at least" when nothing is presumed whole, and a throttled mailbox whose messages are unknown', async () => {
    const changed = fixtureReport();
    changed.summary = {
      ...changed.summary,
      presumedFolders: 0,
      unlistedFolders: 0,
      presumedSyncMessages: 0,
      presumedThrottledMessages: 0,
      unresolvedMessages: 0,
      lowerBounds: {
        presumedSyncMessages: false,
        presumedThrottledMessages: true,
        dataSubjects: false,
      },
    };
    changed.folders = [];
    const [page1 = ''] = (await readPdf(await renderPdf(changed))).pageTexts;
    expect(page1).not.toContain('Presumed by folder sync');
    expect(page1).toContain(
      'Presumed by throttling: whole mailbox for 24 h 1 mailbox (no evidence names further messages: number not known)',
    );
    expect(page1).toContain(
      'No evidence names its other messages, so how many there were is not known.',
    );
    expect(page1).toContain(
      `Data subjects: people named in these messages ${changed.summary.personDataSubjects} (${changed.summary.internalPersonDataSubjects} internal, ${changed.summary.externalPersonDataSubjects} external) see page`,
    );
  });

  it('lists every data subject: people with their names, then addresses likely not a person', () => {
    for (const subject of report.dataSubjects) expect(read.compact).toContain(subject.address);
    // A person's leads on the kind of data stand under the address; compare without them.
    const section = read.text
      .slice(read.text.indexOf('Data subjects Every person named'))
      .replace(/ Lead for review: [^]*?(?= (?:Internal|External) )/g, '');
    const [people = '', others = ''] = section.split('Addresses likely not a person');
    const kinds: Record<string, string> = {
      'shared-mailbox': 'Shared mailbox',
      role: 'Role address',
    };
    for (const subject of report.dataSubjects) {
      const where = `${subject.address} ${subject.internal ? 'Internal' : 'External'}`;
      if (subject.nonPerson === null) {
        expect(people).toContain(subject.displayName === null ? where : subject.address);
        expect(others).not.toContain(where);
      } else {
        const compact = (value: string): string => value.replace(/\s+/g, '');
        expect(compact(others)).toContain(compact(`${where} ${kinds[subject.nonPerson] ?? '?'}`));
      }
    }
    expect(people).toContain('finance.lead@kwizzy.nl Sanne Bakker Internal');
  });

  it('counts a session that reached several mailboxes once, its rows shown as such', async () => {
    const changed = fixtureReport();
    changed.summary = { ...changed.summary, sessions: 2, sessionMailboxRows: 3 };
    const [page1 = ''] = (await readPdf(await renderPdf(changed))).pageTexts;
    expect(page1).toContain(
      'Attacker sessions 2 (3 rows in the session table: one per session and mailbox) see page',
    );
  });

  it('names the case time zone with the UTC offset', () => {
    expect(read.text).toContain(report.case.timezone);
    expect(read.text).toMatch(/UTC\+02:00/);
  });

  it('draws Japanese, Greek, Polish, Cyrillic, Chinese and Korean subjects as text', () => {
    for (const pattern of [
      /[\u3040-\u30ff]/u,
      /\p{Script=Greek}/u,
      /ż/u,
      /\p{Script=Cyrillic}/u,
      /^[\p{Script=Han}]+$/u,
      /\p{Script=Hangul}/u,
    ]) {
      expect(read.text).toContain(subjectMatching(pattern));
    }
  });

  it('keeps the words of a Hebrew subject readable', () => {
    const hebrew = subjectMatching(/\p{Script=Hebrew}/u);
    for (const word of hebrew.split(' ').filter((w) => /\p{Script=Hebrew}/u.test(w))) {
      expect(read.text).toContain(word);
    }
  });

  it('lists every exposed message and cites its audit records', () => {
    for (const message of report.messages.filter((m) => m.subject === null)) {
      expect(read.compact).toContain(message.internetMessageId);
    }
    for (const record of report.auditRecords) expect(read.compact).toContain(record.id);
    for (const input of report.inputs) expect(read.compact).toContain(input.sha256);
    expect(read.compact).toContain(report.case.caseFileSha256);
  });

  it('states the limits of the audit log in its limitations', () => {
    expect(read.text).toContain('Access that is not logged');
    expect(read.text).toMatch(/EWS, eDiscovery exports or some search results/);
    expect(read.text).toContain('One-hour de-duplication');
  });

  it('has a table of contents, page numbers and a header', () => {
    expect(read.text).toContain('Contents');
    expect(read.text).toContain(`Page 1 of ${read.pages}`);
    expect(read.text).toContain(`Page ${read.pages} of ${read.pages}`);
    expect(read.text).toContain(report.case.classification ?? '');
  });

  it('sets the document metadata from the report, with generatedAt as the only clock', () => {
    expect(read.info.Title).toBe(`${report.case.id} — ${report.case.title}`);
    expect(read.info.Author).toBe(report.case.preparedBy);
    const stamp = report.generatedAt.replace(/[-:]/g, '').replace('T', '').replace('Z', '');
    expect(String(read.info.CreationDate)).toContain(stamp);
    expect(String(read.info.ModDate)).toContain(stamp);
  });

  it('gives the same bytes for the same report', async () => {
    expect((await renderPdf(report)).equals(pdf)).toBe(true);
  });

  it('caps the message table and says where the full list is', async () => {
    const capped: Report = { ...report, case: { ...report.case, pdfMessageLimit: 3 } };
    const document = await readPdf(await renderPdf(capped));
    expect(document.text).toContain(`first 3 of ${report.messages.length} exposed messages`);
    expect(document.text).toContain('sheet "Messages"');
    const fourth = report.messages[3]?.subject ?? '';
    expect(document.text).not.toContain(fourth);
  });

  it('withholds subjects when the case redacts them', async () => {
    const redacted: Report = { ...report, case: { ...report.case, redactSubjects: true } };
    const document = await readPdf(await renderPdf(redacted));
    expect(document.text).toContain('[subject withheld]');
    expect(document.text).not.toContain(subjectMatching(/ż/u));
    expect(document.text).not.toContain(subjectMatching(/[\u3040-\u30ff]/u));
  });

  it.each([
    ['nl', 'Samenvatting'],
    ['de', 'Zusammenfassung'],
  ])('writes the prose in the case locale %s', async (locale, heading) => {
    const localized: Report = { ...report, case: { ...report.case, locale } };
    const document = await readPdf(await renderPdf(localized));
    expect(document.text).toContain(heading);
  });
});
