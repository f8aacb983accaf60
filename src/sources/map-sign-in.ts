import { parseClientIp, type SignInRecord, type SourcePosition } from '../model/index.js';
import type { RawSignIn } from './reader.js';
import { missingField } from './row-rejection.js';
import { fieldTime } from './utc-time.js';

/** One Entra sign-in into the model. Session ids are GUIDs and compared lower-cased. */
export function mapSignIn(raw: RawSignIn, source: SourcePosition): SignInRecord {
  const createdDateTime = fieldTime('createdDateTime', raw.createdDateTime);
  if (createdDateTime === null) throw missingField('createdDateTime');
  if (raw.userPrincipalName === null) throw missingField('userPrincipalName');
  return {
    id: raw.id,
    createdDateTime,
    userPrincipalName: raw.userPrincipalName.toLowerCase(),
    userDisplayName: raw.userDisplayName,
    ipAddress: parseClientIp(raw.ipAddress),
    ipAddressRaw: raw.ipAddress,
    sessionId: raw.sessionId?.toLowerCase() ?? null,
    uniqueTokenId: raw.uniqueTokenId,
    appId: raw.appId?.toLowerCase() ?? null,
    appDisplayName: raw.appDisplayName,
    clientAppUsed: raw.clientAppUsed,
    userAgent: raw.userAgent,
    succeeded: raw.succeeded,
    source,
  };
}
