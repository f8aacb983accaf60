import { describe, expect, it } from 'vitest';
import {
  analyzeCase,
  attachmentsByMessage,
  dataLeadRules,
  withDataLeads,
} from '../../src/analyze/index.js';
import type { DataCategory, ExposedMessage } from '../../src/model/index.js';
import { folder, input, record, traceRow } from './build.js';

function message(subject: string | null, internetMessageId = 'm@kwizzy.nl'): ExposedMessage {
  return {
    mailbox: 'finance.lead@kwizzy.nl',
    internetMessageId,
    exposure: 'confirmed',
    firstAccess: '2026-10-03T10:00:00Z',
    lastAccess: '2026-10-03T10:00:00Z',
    accessCount: 1,
    sessions: [],
    folder: '\\Inbox',
    subject,
    subjectWithheld: false,
    sender: 'supplier@acme.example',
    recipients: ['finance.lead@kwizzy.nl'],
    date: null,
    metadataSource: 'message-trace',
    unresolvedReason: null,
    unresolvedReasons: [],
    auditRecordIds: ['rec-1'],
    forwarding: null,
    attachments: [],
    leads: [],
  };
}

const defaults = dataLeadRules({});

function categoriesOf(subject: string): DataCategory[] {
  const [leading] = withDataLeads([message(subject)], defaults, new Map());
  return [...new Set((leading?.leads ?? []).map((lead) => lead.category))];
}

describe('leads on the kind of data, from subjects and attachment names', () => {
  it.each([
    // [category, English, Dutch, German]
    ['health', 'Sick leave next week', 'Ziekmelding maandag', 'Krankmeldung für Montag'],
    ['health', 'Letter from the hospital', 'Afspraak bedrijfsarts', 'Termin beim Betriebsarzt'],
    ['special', 'Trade union meeting', 'Vakbondsoverleg donderdag', 'Gewerkschaft: Tarifrunde'],
    [
      'criminal',
      'Criminal record check',
      'VOG aanvraag nieuwe medewerker',
      'Führungszeugnis anbei',
    ],
    ['financial', 'Updated bank details', 'IBAN-wijziging leverancier', 'Neue Bankverbindung'],
    ['identity', 'Copy of passport', 'Kopie paspoort en BSN', 'Personalausweis als Scan'],
    [
      'credentials',
      'Your new password',
      'Nieuw wachtwoord voor de portal',
      'Ihr Passwort wurde geändert',
    ],
    [
      'hr',
      'Payslip October',
      'Salarisstroken oktober – vertrouwelijk',
      'Gehaltsabrechnung Oktober',
    ],
    [
      'children',
      'School trip for my daughter',
      'Kinderopvang vakantie',
      'Kita-Platz für unseren Sohn',
    ],
  ] as const)('finds %s in English, Dutch and German', (category, en, nl, de) => {
    for (const subject of [en, nl, de]) {
      expect([subject, categoriesOf(subject)]).toEqual([subject, [category]]);
    }
  });

  it('gives no lead for ordinary business mail', () => {
    for (const subject of [
      'Factuur 11778 – betaling binnen 30 dagen',
      'Invoice 11731 overdue',
      'Bestellung 23628 – Liefertermin bestätigt',
      'Project starts Monday',
      'Pinned: agenda',
      'Receptie vrijdag',
    ]) {
      expect([subject, categoriesOf(subject)]).toEqual([subject, []]);
    }
  });

  it('matches whole words, * for longer words, and ignores case and accents', () => {
    expect(categoriesOf('KUNDIGUNG zum 31.12.')).toEqual(['hr']);
    expect(categoriesOf('Monatsgehalt')).toEqual(['hr']);
    expect(categoriesOf('PIN for the new card')).toEqual(['credentials']);
    expect(categoriesOf('Betaling naar NL91 ABNA 0417 1643 00')).toEqual(['financial']);
  });

  it('reads attachment names that the audit records give, and takes the case file’s keywords', () => {
    const created = record({
      id: 'create',
      operation: 'Create',
      recordType: 'ExchangeItem',
      mailAccessType: null,
      ip: '203.0.113.7',
      item: {
        subject: 'Stukken',
        parentFolder: '\\Sent Items',
        internetMessageId: 'doc@kwizzy.nl',
        attachments: ['Loonstrook_oktober_JdV.pdf', 'logo.png'],
      },
    });
    const names = attachmentsByMessage([created]);
    expect(names.get('finance.lead@kwizzy.nl\ndoc@kwizzy.nl')).toEqual([
      'Loonstrook_oktober_JdV.pdf',
      'logo.png',
    ]);
    const rules = dataLeadRules({ hr: ['13e maand'] });
    const [attached, extra] = withDataLeads(
      [message('Stukken', 'doc@kwizzy.nl'), message('13e maand uitbetaling', 'bonus@kwizzy.nl')],
      rules,
      names,
    );
    expect(attached?.attachments).toEqual(['Loonstrook_oktober_JdV.pdf', 'logo.png']);
    expect(attached?.leads).toEqual([
      { category: 'hr', keyword: 'loonstro*', source: 'attachment' },
    ]);
    expect(extra?.leads).toEqual([{ category: 'hr', keyword: '13e maand', source: 'subject' }]);
  });

  it('shows the leads per message and per person in the analysis', () => {
    const bind = record({
      id: 'bind',
      ip: '203.0.113.7',
      folders: [folder('\\Inbox\\HR', '<pay@kwizzy.nl>')],
    });
    const row = traceRow('pay@kwizzy.nl', 'finance.lead@kwizzy.nl', {
      sender: 'hr.officer@kwizzy.nl',
      subject: 'Salarisstrook oktober',
    });
    const analysis = analyzeCase(
      input({
        audit: [bind],
        trace: [row],
      }),
    );
    expect(analysis.messages[0]?.leads).toEqual([
      { category: 'hr', keyword: 'salaris*', source: 'subject' },
    ]);
    expect(analysis.dataSubjects.map((subject) => [subject.address, subject.leads])).toEqual([
      ['finance.lead@kwizzy.nl', ['hr']],
      ['hr.officer@kwizzy.nl', ['hr']],
    ]);
  });
});
