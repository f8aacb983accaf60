/**
 * The company of the demo case: Kwizzy B.V., a Utrecht maker of quiz games. Every name, address
 * and message here is fictional; correspondents' mail servers sit in 192.0.2.0/24 (RFC 5737).
 */
import type { FeaturedMessage } from './mail-pool.js';
import type { Correspondent, Employee } from './types.js';

const utc = (text: string): number => Date.parse(text);

export const DOMAINS = ['kwizzy.nl', 'kwizzy.onmicrosoft.com'];
export const TENANT = {
  organizationId: '6f1d3a52-8c47-4e29-b3a0-5d7e9c21f843',
  organizationName: 'kwizzy.onmicrosoft.com',
  servers: [
    'AM9PR05MB8234 (15.20.8422.012)',
    'AM9PR05MB6611 (15.20.8422.012)',
    'DB9PR05MB9402 (15.20.8398.009)',
  ],
};

export const FINANCE = 'finance.lead@kwizzy.nl';
export const DEVRIES = 'j.devries@kwizzy.nl';
export const KOWALSKA = 'm.kowalska@kwizzy.nl';
export const INVOICES = 'invoices@kwizzy.nl';
export const VISSER = 'a.visser@kwizzy.nl';
export const PAPADOPOULOU = 'e.papadopoulou@kwizzy.nl';
export const TANAKA = 'k.tanaka@kwizzy.nl';
/** The office scanner mails scans from the tenant's initial domain. */
export const SCANNER = 'scan@kwizzy.onmicrosoft.com';
export const ACCOUNTS = [FINANCE, DEVRIES, KOWALSKA];

/** Office desktops on 10.20.1.0/24, phones on the VPN (172.16.40.0/24) or IPv6 ULA. */
export const EMPLOYEES: (Employee & { name: string })[] = [
  {
    address: FINANCE,
    name: 'Sanne Bakker',
    deskIp: '10.20.1.31',
    mobileIp: '172.16.40.31',
    dailyBinds: 26,
    delegateOf: [{ mailbox: INVOICES, dailyBinds: 4 }],
  },
  {
    address: DEVRIES,
    name: 'Jeroen de Vries',
    deskIp: '10.20.1.32',
    mobileIp: '[fd12:3456:789a:1::32]:50122',
    dailyBinds: 28,
    delegateOf: [],
  },
  {
    address: KOWALSKA,
    name: 'Magdalena Kowalska',
    deskIp: '10.20.1.33',
    mobileIp: '172.16.40.33:49811',
    dailyBinds: 24,
    delegateOf: [],
  },
  {
    address: VISSER,
    name: 'Anouk Visser',
    deskIp: '10.20.1.34',
    mobileIp: '172.16.40.34',
    dailyBinds: 4,
    delegateOf: [{ mailbox: INVOICES, dailyBinds: 8 }],
  },
  {
    address: 'l.jansen@kwizzy.nl',
    name: 'Lars Jansen',
    deskIp: '10.20.1.35',
    mobileIp: '172.16.40.35',
    dailyBinds: 5,
    delegateOf: [],
  },
  {
    address: 'p.meijer@kwizzy.nl',
    name: 'Pieter Meijer',
    deskIp: '10.20.1.36',
    mobileIp: '172.16.40.36',
    dailyBinds: 4,
    delegateOf: [],
  },
  {
    address: PAPADOPOULOU,
    name: 'Eleni Papadopoulou',
    deskIp: '10.20.1.37',
    mobileIp: '172.16.40.37',
    dailyBinds: 5,
    delegateOf: [],
  },
  {
    address: TANAKA,
    name: 'Kenji Tanaka',
    deskIp: '10.20.1.38',
    mobileIp: '172.16.40.38',
    dailyBinds: 5,
    delegateOf: [],
  },
];

/** Customers, suppliers, the bank and the accountant; mail servers on 192.0.2.0/24. */
export const CORRESPONDENTS: Correspondent[] = [
  {
    address: 'rechnung@druckhaus-rheinland.de',
    name: 'Druckhaus Rheinland GmbH',
    lang: 'de',
    idStyle: 'timestamp',
    serverIp: '192.0.2.41',
    perWeek: 2,
    writesTo: [
      { mailbox: INVOICES, folder: '\\Inbox\\Te betalen', weight: 3 },
      { mailbox: KOWALSKA, folder: '\\Inbox\\Leveranciers', weight: 1 },
    ],
  },
  {
    address: 'facturen@utrechtse-verpakking.nl',
    name: 'Utrechtse Verpakking B.V.',
    lang: 'nl',
    idStyle: 'exchange',
    serverIp: '192.0.2.150',
    perWeek: 3,
    writesTo: [{ mailbox: INVOICES, folder: '\\Inbox\\Te betalen', weight: 1 }],
  },
  {
    address: 'accounts@quizdata-services.co.uk',
    name: 'QuizData Services Ltd',
    lang: 'en',
    idStyle: 'plus',
    serverIp: '192.0.2.160',
    perWeek: 2,
    writesTo: [
      { mailbox: INVOICES, folder: '\\Inbox', weight: 3 },
      { mailbox: FINANCE, folder: '\\Inbox', weight: 1 },
    ],
  },
  {
    address: 'einkauf@lindqvist-spielwaren.de',
    name: 'Lindqvist Spielwaren GmbH',
    lang: 'de',
    idStyle: 'timestamp',
    serverIp: '192.0.2.42',
    perWeek: 3,
    writesTo: [{ mailbox: DEVRIES, folder: '\\Inbox\\Klanten', weight: 1 }],
  },
  {
    address: 'buchhaltung@lindqvist-spielwaren.de',
    name: 'Lindqvist Spielwaren GmbH',
    lang: 'de',
    idStyle: 'timestamp',
    serverIp: '192.0.2.42',
    perWeek: 1,
    writesTo: [{ mailbox: FINANCE, folder: '\\Inbox', weight: 1 }],
  },
  {
    address: 'office@raetselverlag.at',
    name: 'Wiener Rätselverlag',
    lang: 'de',
    idStyle: 'plus',
    serverIp: '192.0.2.57',
    perWeek: 1.5,
    writesTo: [{ mailbox: DEVRIES, folder: '\\Inbox\\Klanten', weight: 1 }],
  },
  {
    address: 'faktury@drukarnia-wisla.pl',
    name: 'Drukarnia Wisła sp. z o.o.',
    lang: 'pl',
    idStyle: 'uuid',
    serverIp: '192.0.2.63',
    perWeek: 2,
    writesTo: [
      { mailbox: INVOICES, folder: '\\Inbox\\Te betalen', weight: 2 },
      { mailbox: KOWALSKA, folder: '\\Inbox\\Leveranciers', weight: 2 },
    ],
  },
  {
    address: 'a.nowak@drukarnia-wisla.pl',
    name: 'Drukarnia Wisła sp. z o.o.',
    lang: 'pl',
    idStyle: 'uuid',
    serverIp: '192.0.2.63',
    perWeek: 3,
    writesTo: [{ mailbox: KOWALSKA, folder: '\\Inbox\\Leveranciers', weight: 1 }],
  },
  {
    address: 'n.georgiou@athena-retail.gr',
    name: 'Athena Retail A.E.',
    lang: 'el',
    idStyle: 'outlook-classic',
    serverIp: '192.0.2.77',
    perWeek: 2.5,
    writesTo: [
      { mailbox: DEVRIES, folder: '\\Inbox\\Klanten', weight: 2 },
      { mailbox: PAPADOPOULOU, folder: '\\Inbox', weight: 1 },
    ],
  },
  {
    address: 'y.sato@sakura-games.co.jp',
    name: 'Sakura Games K.K.',
    lang: 'ja',
    idStyle: 'exchange-jp',
    serverIp: '192.0.2.88',
    perWeek: 2,
    writesTo: [
      { mailbox: FINANCE, folder: '\\Inbox', weight: 1 },
      { mailbox: TANAKA, folder: '\\Inbox', weight: 2 },
      { mailbox: DEVRIES, folder: '\\Inbox\\Klanten', weight: 1 },
    ],
  },
  {
    address: 'zakelijk@noordzeebank.nl',
    name: 'Noordzee Bank',
    lang: 'nl',
    idStyle: 'javamail',
    serverIp: '192.0.2.101',
    perWeek: 3,
    writesTo: [{ mailbox: FINANCE, folder: '\\Inbox\\Bank', weight: 1 }],
  },
  {
    address: 'relatiebeheer@noordzeebank.nl',
    name: 'Noordzee Bank',
    lang: 'nl',
    idStyle: 'javamail',
    serverIp: '192.0.2.101',
    perWeek: 1,
    writesTo: [{ mailbox: FINANCE, folder: '\\Inbox\\Bank', weight: 1 }],
  },
  {
    address: 'controle@vandenberg-accountants.nl',
    name: 'Van den Berg Accountants',
    lang: 'en',
    idStyle: 'exchange',
    serverIp: '192.0.2.120',
    perWeek: 1.5,
    writesTo: [
      { mailbox: FINANCE, folder: '\\Inbox', weight: 2 },
      { mailbox: VISSER, folder: '\\Inbox', weight: 1 },
    ],
  },
  {
    address: 'billing@cloudquiz-hosting.eu',
    name: 'CloudQuiz Hosting',
    lang: 'en',
    idStyle: 'plus',
    serverIp: '192.0.2.133',
    perWeek: 1,
    writesTo: [
      { mailbox: INVOICES, folder: '\\Inbox', weight: 1 },
      { mailbox: KOWALSKA, folder: '\\Inbox\\Leveranciers', weight: 1 },
    ],
  },
  {
    address: 'inkoop@dekwisfabriek.nl',
    name: 'De Kwisfabriek',
    lang: 'nl',
    idStyle: 'exchange',
    serverIp: '192.0.2.140',
    perWeek: 2,
    writesTo: [
      { mailbox: DEVRIES, folder: '\\Inbox\\Klanten', weight: 1 },
      { mailbox: 'l.jansen@kwizzy.nl', folder: '\\Inbox', weight: 1 },
    ],
  },
];

/** Messages the story needs by name (subjects in every script the report must render). */
export const FEATURED: FeaturedMessage[] = [
  {
    key: 'seikyusho',
    sender: 'y.sato@sakura-games.co.jp',
    recipients: [FINANCE, TANAKA],
    subject: '請求書の件について',
    received: utc('2026-10-01T01:33:40Z'),
    folders: { [FINANCE]: '\\Inbox', [TANAKA]: '\\Inbox' },
    size: 45_219,
  },
  {
    key: 'rechnung-4711',
    sender: 'rechnung@druckhaus-rheinland.de',
    recipients: [INVOICES, FINANCE],
    subject: 'Rechnung Nr. 4711 – Zahlungserinnerung',
    received: utc('2026-10-02T09:14:22Z'),
    folders: { [INVOICES]: '\\Inbox\\Te betalen', [FINANCE]: '\\Inbox' },
    size: 184_332,
  },
  {
    key: 'angebot',
    sender: 'einkauf@lindqvist-spielwaren.de',
    recipients: [DEVRIES],
    subject: 'AW: Angebot "Quiznacht 2026", Staffelpreise, "final"',
    received: utc('2026-10-05T14:21:03Z'),
    folders: { [DEVRIES]: '\\Inbox\\Klanten' },
    size: 38_115,
  },
  {
    key: 'bank-details',
    sender: FINANCE,
    recipients: ['einkauf@lindqvist-spielwaren.de', 'buchhaltung@lindqvist-spielwaren.de'],
    subject: 'Updated bank details for Kwizzy B.V. – please note, "urgent"',
    received: utc('2026-10-06T08:41:37Z'),
    folders: { [FINANCE]: '\\Sent Items' },
    size: 61_442,
    fromIp: '203.0.113.45',
  },
  {
    key: 'timologio',
    sender: 'n.georgiou@athena-retail.gr',
    recipients: [DEVRIES, PAPADOPOULOU],
    subject: 'Τιμολόγιο Οκτωβρίου',
    received: utc('2026-10-07T08:47:09Z'),
    folders: { [DEVRIES]: '\\Inbox\\Klanten', [PAPADOPOULOU]: '\\Inbox' },
    size: 71_804,
  },
  {
    key: 'faktura',
    sender: 'faktury@drukarnia-wisla.pl',
    recipients: [KOWALSKA],
    subject: 'Zażółć gęślą jaźń – faktura',
    received: utc('2026-10-09T11:02:51Z'),
    folders: { [KOWALSKA]: '\\Inbox\\Leveranciers' },
    size: 96_120,
  },
];
