import type { Random } from './random.js';
import type { Lang } from './types.js';

/**
 * Subject lines per language. `{n}` becomes a number and `{d}` a day of the month; quotes,
 * commas and dashes are on purpose: they are what breaks naive CSV and PDF code.
 */
const TEMPLATES: Record<Lang, string[]> = {
  nl: [
    'Factuur {n} – betaling binnen 30 dagen',
    'Overleg kwartaalcijfers Q3',
    'Herinnering: "openstaande posten" per {d} september',
    'Planning quizavond Utrecht, definitief',
    'Bevestiging betaling, referentie KW-{n}',
    'Rekeningafschrift {n}',
    'Offerte "Kwizzy Live", jaarlicentie',
    'Notulen MT-overleg, {d} oktober',
    'Budget 2027: eerste aanzet',
    'Vraag over declaratie {n}',
  ],
  en: [
    'Invoice {n} overdue',
    'Re: "Kwizzy Live" licence renewal, EMEA',
    'Q3 close – accruals, final',
    'Payment run {d} October',
    'Updated price list, valid from 1 November',
    'Contract amendment no. {n}',
    'Your statement of account, period {d}',
  ],
  de: [
    'Rechnung Nr. {n} – Zahlungserinnerung',
    'Angebot "Quiznacht 2026", Staffelpreise',
    'Lieferschein {n}, Teillieferung',
    'Bestellung {n} – Liefertermin bestätigt',
    'Gutschrift zu Rechnung {n}',
    'Termin: Jahresgespräch, Düsseldorf',
  ],
  pl: [
    'Faktura VAT nr FV/{n}/10/2026',
    'Zamówienie "Gra planszowa", termin dostawy',
    'Potwierdzenie płatności, przelew {n}',
    'Wycena druku kart, nakład 5000',
    'Próbny wydruk – uwagi do korekty',
  ],
  el: [
    'Παραγγελία {n}, επιβεβαίωση',
    'Πληρωμή τιμολογίου {n}',
    '"Kwizzy Live" – προσφορά, Αθήνα',
    'Αποστολή εμπορευμάτων, εβδομάδα {d}',
  ],
  ja: [
    '【至急】お支払い期日のご確認',
    '「クイズ大会」の契約書, 最終版',
    '見積書 No.{n} の送付',
    '来月の打ち合わせ日程',
  ],
};

const REPLY_PREFIX: Record<Lang, string> = {
  nl: 'RE: ',
  en: 'RE: ',
  de: 'AW: ',
  pl: 'Odp: ',
  el: 'ΑΠ: ',
  ja: 'RE: ',
};

export function subjectFor(rng: Random, lang: Lang): string {
  return rng
    .pick(TEMPLATES[lang])
    .replace('{n}', String(rng.int(1000, 99999)))
    .replace('{d}', String(rng.int(1, 30)));
}

export function replySubject(lang: Lang, subject: string): string {
  const prefix = REPLY_PREFIX[lang];
  return subject.startsWith(prefix) ? subject : prefix + subject;
}
