/** What kind of program a `ClientInfoString` names, in words counsel knows. */
export type ClientKind = 'owa' | 'desktop' | 'mobile' | 'graph' | 'imap-pop' | 'ews' | 'other';

/** First match wins: Outlook mobile talks to `OutlookService`, which other kinds never name. */
const KINDS: readonly [ClientKind, RegExp][] = [
  ['mobile', /Outlook-(?:iOS|Android)|OutlookService|ActiveSync|AirSync|OutlookMobile/i],
  ['owa', /Client=OWA|OutlookWebApp|^Mozilla\//i],
  ['graph', /Client=REST|RESTSystem|Microsoft Graph|GraphAPI/i],
  ['ews', /Client=WebServices|ExchangeWebServices|\bEWS\b/i],
  ['imap-pop', /IMAP4?|POP3?\b/i],
  ['desktop', /MSExchangeRPC|Microsoft Outlook|Client=MAPI|OutlookDesktop/i],
];

/**
 * The kind of client a raw `ClientInfoString` (or user agent) names: Outlook on the web,
 * Outlook desktop, the mobile app, an app using the Graph API, IMAP/POP or EWS; `other` for a
 * string none of these fits (the appendix shows it as recorded).
 */
export function clientKind(raw: string): ClientKind {
  return KINDS.find(([, pattern]) => pattern.test(raw))?.[0] ?? 'other';
}
