import type {
  AuditRecord,
  DataCategory,
  DataLead,
  DataLeadRule,
  ExposedMessage,
} from '../model/index.js';
import { messageKey } from './message-key.js';

/**
 * Leads on what kind of data a message holds: keywords in its subject and attachment names, per
 * GDPR category, in English, Dutch and German. A lead is a reason to review the message, never a
 * finding: a subject says little about a body.
 *
 * A keyword matches whole words, compared without case or accents (`Überweisung` is
 * `uberweisung`); `*` at its end also matches longer words (`salaris*`: `Salarisstroken`), at
 * its start words that end in it (`*arzt`: `Betriebsarzt`). Words of several are matched in a
 * row (`sick leave`, `burn-out`).
 */
export const DATA_CATEGORIES: readonly DataCategory[] = [
  'health',
  'special',
  'criminal',
  'financial',
  'identity',
  'credentials',
  'hr',
  'children',
];

const DEFAULT_KEYWORDS: Record<DataCategory, readonly string[]> = {
  // GDPR Art. 9: data concerning health.
  health: [
    ...['medical*', 'health', 'healthcare', 'sick', 'sickness', 'sick leave', 'illness'],
    ...['diagnos*', 'doctor*', 'hospital*', 'patient*', 'medication*', 'prescription*'],
    ...['therap*', 'pregnan*', 'disabilit*', 'disabled', 'covid*', 'vaccin*', 'psycholog*'],
    ...['psychiatr*', 'mental health', 'burnout', 'burn-out', 'occupational health', 'injur*'],
    ...['medisch*', 'gezondheid*', 'ziek*', 'verzuim*', 'diagnose*', 'arts', 'artsen'],
    ...['huisarts*', 'bedrijfsarts*', 'tandarts*', 'ziekenhuis*', 'medicatie', 'medicijn*'],
    ...['therapie*', 'zwanger*', 'arbeidsongeschikt*', 'handicap*', 'arbodienst*'],
    ...['re-integratie*', 'psycholoog*', 'medizin*', 'gesundheit*', 'krank*', 'diagnos*'],
    ...['*arzt', '*ärztin', '*ärzte', 'klinik*', 'medikament*', 'schwanger*'],
    ...['arbeitsunfähig*', '*behinderung*', 'wiedereingliederung*', 'au-bescheinigung*'],
  ],
  // GDPR Art. 9: origin, opinions, beliefs, union membership, genetic and biometric data, sex life.
  special: [
    ...['religio*', 'church', 'mosque', 'synagogue', 'trade union*', 'union member*'],
    ...['political part*', 'ethnic*', 'racial', 'genetic*', 'dna', 'biometric*', 'fingerprint*'],
    ...['sexual orientation', 'sexuality', 'lgbt*', 'transgender', 'religie*', 'geloof*'],
    ...['kerk*', 'moskee*', 'synagoge*', 'vakbond*', 'politiek*', 'etnisch*', 'afkomst'],
    ...['genetisch*', 'biometrisch*', 'vingerafdruk*', 'seksuele geaardheid', 'seksualiteit'],
    ...['religiös*', 'kirche*', 'moschee*', 'gewerkschaft*', 'politisch*', 'ethnisch*'],
    ...['herkunft', 'fingerabdr*', 'sexuelle orientierung', 'sexualität*'],
  ],
  // GDPR Art. 10: criminal convictions and offences.
  criminal: [
    ...['criminal*', 'conviction*', 'convicted', 'police', 'offence*', 'arrest*', 'court case'],
    ...['prosecut*', 'background check*', 'certificate of conduct', 'strafrecht*', 'strafblad*'],
    ...['veroordeling*', 'politie*', 'proces-verbaal', 'verklaring omtrent het gedrag', 'vog'],
    ...['arrestatie*', 'justitie*', 'vorstrafe*', 'führungszeugnis*', 'verurteil*', 'polizei*'],
    ...['strafanzeige*', 'staatsanwalt*', 'festnahme*', 'ermittlungsverfahren*'],
  ],
  financial: [
    ...['iban*', 'bank account*', 'account number*', 'bank details', 'sort code', 'swift', 'bic'],
    ...['credit card*', 'card number*', 'payment details', 'mortgage*', 'loan*', 'tax return*'],
    ...['bankrekening*', 'rekeningnummer*', 'bankgegevens', 'betaalgegevens', 'creditcard*'],
    ...['hypotheek*', 'lening*', 'belastingaangifte*', 'loonbeslag*', 'bankverbindung*'],
    ...['kontonummer*', 'bankdaten', 'kontodaten', 'kreditkarte*', 'zahlungsdaten', 'hypothek*'],
    ...['darlehen*', 'steuererklärung*', 'pfändung*', 'bank statement*', 'rekeningafschrift*'],
    ...['bankafschrift*', 'kontoauszug*'],
  ],
  identity: [
    ...['passport*', 'id card', 'identity card', 'driving licen*', "driver's licen*"],
    ...['social security', 'national insurance', 'ssn', 'residence permit*', 'paspoort*'],
    ...['identiteitskaart*', 'id-kaart*', 'rijbewijs*', 'bsn', 'burgerservicenummer*'],
    ...['verblijfsvergunning*', 'legitimatie*', 'reisepass*', 'personalausweis*', 'ausweis*'],
    ...['führerschein*', 'sozialversicherungsnummer*', 'steuer-id', 'steueridentifikationsnummer*'],
    ...['aufenthaltstitel*', 'aufenthaltserlaubnis*'],
  ],
  credentials: [
    ...['password*', 'passcode*', 'login details', 'credentials', 'username*', 'user name'],
    ...['2fa', 'mfa', 'one-time code', 'verification code*', 'security code*', 'pin'],
    ...['wachtwoord*', 'inloggegevens', 'inlogcode*', 'gebruikersnaam*', 'verificatiecode*'],
    ...['toegangscode*', 'pincode*', 'passwort*', 'kennwort*', 'zugangsdaten', 'anmeldedaten'],
    ...['benutzername*', 'bestätigungscode*', 'sicherheitscode*'],
  ],
  hr: [
    ...['salary', 'salaries', 'payslip*', 'pay slip*', 'payroll*', 'wage*', 'employment contract*'],
    ...['contract of employment', 'dismissal*', 'termination', 'appraisal*', 'performance review*'],
    ...['disciplinary', 'grievance*', 'resignation*', 'job application*', 'cv', 'pension*'],
    ...['salaris*', 'loonstro*', 'loon', 'lonen', 'loonadministratie*', 'arbeidsovereenkomst*'],
    ...['arbeidscontract*', 'ontslag*', 'beoordeling*', 'functioneringsgesprek*', 'sollicitatie*'],
    ...['personeelsdossier*', 'pensioen*', 'gehalt*', '*gehalt', 'lohnabrechnung*', 'lohn'],
    ...['arbeitsvertrag*', 'kündigung*', 'abmahnung*', 'mitarbeitergespräch*', 'bewerbung*'],
    ...['lebenslauf*', 'personalakte*', 'betriebsrente*', 'altersvorsorge*', 'annual review*'],
    ...['jaargesprek*', 'jahresgespräch*'],
  ],
  children: [
    ...['child', 'children', 'kid', 'kids', 'minor', 'minors', 'daycare', 'nursery', 'pupil*'],
    ...['son', 'daughter', 'baby', 'parental leave', 'child benefit', 'kind', 'kinderen'],
    ...['kinder*', 'minderjarig*', 'kinderopvang*', 'crèche', 'leerling*', 'zoon', 'dochter'],
    ...['ouderschapsverlof*', 'kinderbijslag*', 'minderjährig*', 'kita*', 'kindergarten*'],
    ...['schüler*', 'sohn', 'tochter', 'elternzeit*', 'kindergeld*'],
  ],
};

/** A bank account number in its IBAN shape: a financial lead however the subject words it. */
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\b/u;

/** The rules in force: the defaults, plus the case file's `report.sensitiveKeywords`. */
export function dataLeadRules(
  extra: Partial<Record<DataCategory, readonly string[]>>,
): DataLeadRule[] {
  return DATA_CATEGORIES.map((category) => ({
    category,
    keywords: [...new Set([...DEFAULT_KEYWORDS[category], ...(extra[category] ?? [])])],
  }));
}

/** Lower case, no accents, `ß` as `ss`: the form both keywords and text are compared in. */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/ß/g, 'ss');
}

function wordsOf(text: string): string[] {
  return fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

interface Matcher {
  category: DataCategory;
  keyword: string;
  words: string[];
  /** `*` before the keyword / after it. */
  open: { start: boolean; end: boolean };
}

function matcher(category: DataCategory, keyword: string): Matcher | null {
  const trimmed = keyword.trim();
  const words = wordsOf(trimmed.replace(/^\*|\*$/g, ''));
  if (words.length === 0) return null;
  return {
    category,
    keyword: trimmed,
    words,
    open: { start: trimmed.startsWith('*'), end: trimmed.endsWith('*') },
  };
}

function wordMatches(word: string, wanted: string, start: boolean, end: boolean): boolean {
  if (start && end) return word.includes(wanted);
  if (start) return word.endsWith(wanted);
  if (end) return word.startsWith(wanted);
  return word === wanted;
}

function matchesAt(words: readonly string[], at: number, rule: Matcher): boolean {
  const last = rule.words.length - 1;
  return rule.words.every((wanted, index) => {
    const word = words[at + index];
    if (word === undefined) return false;
    return wordMatches(
      word,
      wanted,
      index === 0 && rule.open.start,
      index === last && rule.open.end,
    );
  });
}

/** The leads one text gives: each (category, keyword) once, in rule order. */
function leadsIn(
  text: string,
  matchers: readonly Matcher[],
  source: DataLead['source'],
): DataLead[] {
  const words = wordsOf(text);
  const leads = matchers
    .filter((rule) => words.some((_, at) => matchesAt(words, at, rule)))
    .map((rule): DataLead => ({ category: rule.category, keyword: rule.keyword, source }));
  if (IBAN.test(text) && !leads.some((lead) => lead.category === 'financial')) {
    leads.push({ category: 'financial', keyword: 'IBAN', source });
  }
  return leads;
}

/**
 * Each message with the attachment names the audit records give it (`attachments`, by mailbox
 * and message id) and the leads its subject and those names give. The leads of one message are
 * unique by category and keyword; a keyword in both subject and an attachment counts as the
 * subject's.
 */
export function withDataLeads(
  messages: readonly ExposedMessage[],
  rules: readonly DataLeadRule[],
  attachments: ReadonlyMap<string, readonly string[]>,
): ExposedMessage[] {
  const matchers = rules.flatMap((rule) =>
    rule.keywords.flatMap((keyword) => matcher(rule.category, keyword) ?? []),
  );
  return messages.map((message) => {
    const names = attachments.get(messageKey(message.mailbox, message.internetMessageId)) ?? [];
    const found = [
      ...(message.subject === null ? [] : leadsIn(message.subject, matchers, 'subject')),
      ...names.flatMap((name) => leadsIn(name, matchers, 'attachment')),
    ];
    const unique = new Map<string, DataLead>();
    for (const lead of found) {
      const key = `${lead.category}\n${lead.keyword}`;
      if (!unique.has(key)) unique.set(key, lead);
    }
    return { ...message, attachments: [...names], leads: [...unique.values()] };
  });
}

/**
 * Attachment names by message (mailbox and message id), from every in-scope audit record whose
 * item names them (Create, Send and the like): the only evidence that names attachments.
 */
export function attachmentsByMessage(records: readonly AuditRecord[]): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const record of records) {
    const item = record.item;
    if (item === null || item.internetMessageId === null || item.attachments.length === 0) continue;
    const key = messageKey(record.mailbox, item.internetMessageId);
    const known = names.get(key) ?? [];
    for (const name of item.attachments) if (!known.includes(name)) known.push(name);
    names.set(key, known);
  }
  return names;
}
