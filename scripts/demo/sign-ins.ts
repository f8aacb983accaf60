import { parseClientIp } from '../../src/model/index.js';
import type { AuditEvent } from './activity.js';
import type { Random } from './random.js';
import type { AttackSession, ClientKind, SessionPlan } from './types.js';

const APPS: Record<ClientKind, { id: string; name: string; clientAppUsed: string }> = {
  owa: {
    id: '00000002-0000-0ff1-ce00-000000000000',
    name: 'Office 365 Exchange Online',
    clientAppUsed: 'Browser',
  },
  outlook: {
    id: 'd3590ed6-52b3-4102-aeff-aad2292ab01c',
    name: 'Microsoft Office',
    clientAppUsed: 'Mobile Apps and Desktop clients',
  },
  mobile: {
    id: '27922004-5251-4030-b22d-91ecd9a37ea4',
    name: 'Outlook Mobile',
    clientAppUsed: 'Mobile Apps and Desktop clients',
  },
  rest: { id: '', name: '', clientAppUsed: 'Mobile Apps and Desktop clients' },
};
const USER_AGENTS: Record<ClientKind, string> = {
  owa: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36',
  outlook: 'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.18025; Pro)',
  mobile: 'Outlook-iOS/2.0',
  rest: 'python-requests/2.32.3',
};

export interface SignInStory {
  /** Accounts whose sign-ins were exported (the compromised ones). */
  accounts: string[];
  names: Map<string, string>;
  attacks: AttackSession[];
  /** Password attempts that failed, from the attacker's addresses. */
  failures: { account: string; at: number; ip: string }[];
  /** Where an address's sign-ins are placed on the map. */
  locate: (ip: string) => { city: string; state: string; countryOrRegion: string };
  tokenOf: (session: SessionPlan) => string;
  issuedAt: (session: SessionPlan, firstUse: number) => number;
}

/** Entra sign-in log as Graph (beta) returns it: `{"value": [signIn, ...]}`, newest first. */
export function signInLog(
  rng: Random,
  events: AuditEvent[],
  sessions: SessionPlan[],
  story: SignInStory,
): string {
  const userIds = new Map<string, string>();
  const userId = (upn: string): string => {
    let id = userIds.get(upn);
    if (id === undefined) {
      id = rng.guid();
      userIds.set(upn, id);
    }
    return id;
  };
  const firstUse = new Map<SessionPlan, number>();
  for (const e of events) if (!firstUse.has(e.session)) firstUse.set(e.session, e.time);

  const entries: { at: number; value: Record<string, unknown> }[] = [];
  const add = (
    session: SessionPlan | null,
    account: string,
    client: ClientKind,
    at: number,
    rawIp: string,
    errorCode: number,
  ): void => {
    const ip = parseClientIp(rawIp) ?? rawIp;
    const app = session?.clientAppId
      ? {
          id: session.clientAppId,
          name: session.clientAppName ?? '',
          clientAppUsed: APPS.rest.clientAppUsed,
        }
      : APPS[client];
    entries.push({
      at,
      value: {
        id: rng.guid(),
        createdDateTime: new Date(at).toISOString().replace('.000Z', 'Z'),
        userDisplayName: story.names.get(account) ?? account,
        userPrincipalName: account,
        userId: userId(account),
        appId: app.id,
        appDisplayName: app.name,
        ipAddress: ip,
        clientAppUsed: app.clientAppUsed,
        userAgent: USER_AGENTS[client],
        correlationId: rng.guid(),
        conditionalAccessStatus: 'notApplied',
        isInteractive: client === 'owa' || errorCode !== 0,
        sessionId: session?.aadSessionId ?? null,
        uniqueTokenIdentifier: session ? story.tokenOf(session) : null,
        riskLevelAggregated: 'none',
        status:
          errorCode === 0
            ? { errorCode: 0, failureReason: 'Other.', additionalDetails: null }
            : {
                errorCode,
                failureReason: 'Error validating credentials due to invalid username or password.',
                additionalDetails: null,
              },
        location: story.locate(ip),
      },
    });
  };

  const signInIp = new Map(story.attacks.map((a) => [a.session, a.signInIp]));
  for (const session of [...sessions, ...story.attacks.map((a) => a.session)]) {
    const first = firstUse.get(session);
    if (first === undefined || !story.accounts.includes(session.account)) continue;
    const ip = signInIp.get(session) ?? session.ips[0]?.raw ?? '';
    add(session, session.account, session.client, story.issuedAt(session, first), ip, 0);
  }
  for (const failure of story.failures)
    add(null, failure.account, 'owa', failure.at, failure.ip, 50126);

  entries.sort((a, b) => b.at - a.at);
  const log = {
    '@odata.context': 'https://graph.microsoft.com/beta/$metadata#auditLogs/signIns',
    value: entries.map((e) => e.value),
  };
  return JSON.stringify(log, null, 2) + '\n';
}
