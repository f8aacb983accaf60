import type { NonPersonKind } from '../model/index.js';

/**
 * What tells that an address is likely not a person. Role words are whole parts of the local
 * part (split at `.`, `-`, `_`, `+`), in English, Dutch and German with a few common neighbours;
 * an address counts as a role address only when every part is a role word (or a number), so
 * finance.lead@ is a person and accounts.payable@ is not.
 */
const ROLE_WORDS: ReadonlySet<string> = new Set([
  // English
  ...['info', 'information', 'contact', 'contacts', 'hello', 'office', 'admin', 'administrator'],
  ...['administration', 'account', 'accounts', 'accounting', 'billing', 'invoice', 'invoices'],
  ...['finance', 'payment', 'payments', 'payable', 'receivable', 'payroll', 'sales', 'support'],
  ...['help', 'helpdesk', 'service', 'services', 'customer', 'customers', 'customerservice'],
  ...['care', 'team', 'marketing', 'press', 'media', 'news', 'newsletter', 'hr', 'jobs'],
  ...['careers', 'recruitment', 'recruiting', 'legal', 'compliance', 'privacy', 'dpo'],
  ...['security', 'abuse', 'it', 'ict', 'ops', 'operations', 'order', 'orders', 'purchasing'],
  ...['purchase', 'procurement', 'shop', 'store', 'booking', 'bookings', 'reservations'],
  ...['reception', 'frontdesk', 'enquiries', 'inquiries', 'feedback', 'general', 'mail'],
  ...['email', 'webmaster', 'hostmaster', 'ap', 'ar', 'notifications', 'notification'],
  ...['alerts', 'alert', 'reports', 'reporting', 'desk', 'shared', 'group', 'dept'],
  ...['department', 'all', 'staff', 'board', 'management', 'secretary', 'secretariat'],
  ...['treasury', 'tax', 'audit', 'control', 'controlling', 'credit', 'collections'],
  ...['logistics', 'shipping', 'warehouse', 'planning', 'quality', 'projects', 'events'],
  ...['partners', 'vendors', 'suppliers', 'supplier', 'returns', 'offers', 'quotes'],
  // Dutch
  ...['facturen', 'factuur', 'facturatie', 'inkoop', 'verkoop', 'administratie', 'boekhouding'],
  ...['debiteuren', 'crediteuren', 'klantenservice', 'klantcontact', 'zakelijk', 'relatiebeheer'],
  ...['receptie', 'secretariaat', 'personeelszaken', 'kantoor', 'algemeen', 'bestellingen'],
  ...['betalingen', 'salarisadministratie', 'controle', 'juridisch', 'beveiliging', 'offertes'],
  ...['klanten', 'leveranciers', 'werving', 'planning', 'verhuur', 'contactcenter'],
  // German
  ...['rechnung', 'rechnungen', 'buchhaltung', 'einkauf', 'verkauf', 'vertrieb', 'kontakt'],
  ...['kundenservice', 'kundendienst', 'personal', 'personalabteilung', 'empfang'],
  ...['sekretariat', 'zentrale', 'auftrag', 'bestellung', 'bestellungen', 'buero', 'büro'],
  ...['verwaltung', 'finanzen', 'zahlungen', 'lohn', 'presse', 'datenschutz', 'versand'],
  ...['lager', 'anfrage', 'anfragen', 'angebot', 'angebote', 'mahnung', 'mahnwesen'],
  // French, Polish, Greek and Russian transliterations seen in European supplier mail
  ...['factures', 'comptabilite', 'commercial', 'accueil', 'faktury', 'biuro', 'ksiegowosc'],
  ...['zamowienia', 'sprzedaz', 'grafeio', 'logistirio', 'buh', 'buhgalteriya'],
]);

/** Devices and systems that send mail: scanners, printers, voicemail. */
const DEVICE_WORDS: ReadonlySet<string> = new Set([
  ...['scan', 'scanner', 'scans', 'scantoemail', 'printer', 'print', 'copier', 'mfp', 'fax'],
  ...['voicemail', 'camera', 'nas', 'ups', 'monitoring', 'nagios', 'zabbix', 'cron', 'daemon'],
]);

const NO_REPLY =
  /^(?:no[-._]?reply|do[-._]?not[-._]?reply|mailer[-._]?daemon|postmaster|bounces?)(?:[-._+].*)?$/;

export interface NonPersonHints {
  /** The case file's `nonPersonAddresses` and `personAddresses` (lower-cased, `*@domain` allowed). */
  nonPersonAddresses: readonly string[];
  personAddresses: readonly string[];
  /** Mailboxes the attacker reached through another account, that are no case account. */
  sharedMailboxes: ReadonlySet<string>;
  /** Addresses the evidence names a person for (a sign-in's display name). */
  named: ReadonlySet<string>;
}

/**
 * Why an address is likely not a person, or null when it is counted as one. The case file
 * settles it either way; otherwise an address the sign-in logs name a user for is a person,
 * and the address's local part decides: a device, a no-reply address, a role address (a shared
 * mailbox of the organisation when the attacker opened it through another account). In doubt an
 * address is a person: counting a person too many is the safe error for a notification.
 */
export function nonPersonKind(address: string, hints: NonPersonHints): NonPersonKind | null {
  if (matchesAny(address, hints.personAddresses)) return null;
  if (matchesAny(address, hints.nonPersonAddresses)) return 'case-file';
  if (hints.named.has(address)) return null;
  const at = address.lastIndexOf('@');
  const local = (at === -1 ? address : address.slice(0, at)).toLowerCase();
  if (NO_REPLY.test(local)) return 'no-reply';
  const parts = local.split(/[-._+]/).filter((part) => part !== '' && !/^\d+$/.test(part));
  if (parts.length === 0) return null;
  if (parts.some((part) => DEVICE_WORDS.has(part))) return 'device';
  if (!parts.every((part) => ROLE_WORDS.has(part))) return null;
  return hints.sharedMailboxes.has(address) ? 'shared-mailbox' : 'role';
}

function matchesAny(address: string, patterns: readonly string[]): boolean {
  const domain = address.slice(address.lastIndexOf('@') + 1);
  return patterns.some((pattern) => pattern === address || pattern === `*@${domain}`);
}
