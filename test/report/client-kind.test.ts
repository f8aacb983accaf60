import { describe, expect, it } from 'vitest';
import { clientKind } from '../../src/report/format/index.js';
import { renderPdf } from '../../src/report/pdf/index.js';
import { fixtureReport, readPdf } from './fixture.js';

describe('clients in plain words', () => {
  it.each([
    ['Client=OWA;Action=ViaProxy', 'owa'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36', 'owa'],
    ['Client=MSExchangeRPC', 'desktop'],
    ['Microsoft Outlook 16.0.17928.20114', 'desktop'],
    ['Client=OutlookService;Outlook-iOS/2.0;', 'mobile'],
    ['Client=ActiveSync;Apple-iPhone15C2/2104.91', 'mobile'],
    ['Client=REST;Client=RESTSystem;;', 'graph'],
    ['Client=WebServices;ExchangeWebServices/15.20', 'ews'],
    ['Client=POP3/IMAP4;Protocol=IMAP4', 'imap-pop'],
    ['Client=POP3', 'imap-pop'],
    ['PowerShell/7.4', 'other'],
  ] as const)('%s is %s', (raw, kind) => {
    expect(clientKind(raw)).toBe(kind);
  });

  it('names the clients in the session table and gives them as recorded in the appendix', async () => {
    const report = fixtureReport();
    const read = await readPdf(await renderPdf(report));
    const sessions = read.text.slice(
      read.text.lastIndexOf('Attacker sessions A session'),
      read.text.lastIndexOf('Exposed messages Every message'),
    );
    expect(sessions).toContain('Outlook on the web');
    expect(sessions).toContain('App using the Graph API');
    expect(sessions).toContain('Outlook desktop');
    expect(sessions).not.toContain('Client=');
    const appendix = read.text.slice(read.text.lastIndexOf('Clients as recorded'));
    expect(appendix).toContain(
      'The session table names each client in plain words; the audit records give them as below (ClientInfoString).',
    );
    expect(appendix).toContain('Outlook on the web Client=OWA;Action=ViaProxy');
    expect(appendix).toContain('Outlook desktop Client=MSExchangeRPC');
  }, 120_000);
});
