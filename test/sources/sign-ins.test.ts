import { describe, expect, it } from 'vitest';
import type { SignInRecord } from '../../src/model/index.js';
import { problemsOf, readFixture } from './fixture-files.js';

const attackerSignIn = (input: string, line: number): SignInRecord => ({
  id: '66666666-7777-4888-8999-aaaaaaaaaa01',
  createdDateTime: '2026-10-03T08:09:41Z',
  userPrincipalName: 'finance.lead@kwizzy.nl',
  userDisplayName: 'Finance Lead',
  ipAddress: '203.0.113.7',
  ipAddressRaw: '203.0.113.7',
  sessionId: '0f1e2d3c-4b5a-4969-8877-665544332211',
  uniqueTokenId: '7VuL5Jz8_kS9hqsJiLUOAA',
  appId: '00000002-0000-0ff1-ce00-000000000000',
  appDisplayName: 'Office 365 Exchange Online',
  clientAppUsed: 'Browser',
  userAgent:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36',
  succeeded: true,
  source: { input, line },
});

describe('graph-sign-ins', () => {
  it('reads signIn objects from a page', async () => {
    const contents = await readFixture('graph-sign-ins.json');
    expect(contents.format).toBe('graph-sign-ins');
    expect(contents.signIns[0]).toEqual(attackerSignIn('evidence/graph-sign-ins.json', 4));
  });

  it('reads a failed sign-in from status.errorCode and an IPv6 address', async () => {
    const failed = (await readFixture('graph-sign-ins.json')).signIns[1];
    expect(failed).toMatchObject({
      succeeded: false,
      ipAddress: '2001:db8:66::15',
      sessionId: null,
    });
  });

  it('rejects a sign-in without userPrincipalName', async () => {
    expect(problemsOf(await readFixture('graph-sign-ins.json'))).toEqual(['missing-field@34']);
  });
});

describe('entra-sign-ins-csv', () => {
  it('reads the portal CSV, matching `Application ID ` despite its trailing space', async () => {
    const contents = await readFixture('entra-sign-ins.csv');
    expect(contents.format).toBe('entra-sign-ins-csv');
    expect(contents.signIns[0]).toEqual(attackerSignIn('evidence/entra-sign-ins.csv', 2));
  });

  it('reads Failure and Interrupted as not signed in', async () => {
    const signIns = (await readFixture('entra-sign-ins.csv')).signIns;
    expect(signIns.map((signIn) => [signIn.succeeded, signIn.sessionId, signIn.appId])).toEqual([
      [true, '0f1e2d3c-4b5a-4969-8877-665544332211', '00000002-0000-0ff1-ce00-000000000000'],
      [false, null, '00000002-0000-0ff1-ce00-000000000000'],
      [false, null, 'd3590ed6-52b3-4102-aeff-aad2292ab01c'],
    ]);
  });

  it('rejects a row whose date is no date', async () => {
    const contents = await readFixture('entra-sign-ins.csv');
    expect(problemsOf(contents)).toEqual(['invalid-field@5']);
    expect([contents.records, contents.rejected]).toEqual([3, 1]);
  });
});
