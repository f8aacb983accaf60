import type { SourcePosition } from './source-position.js';

/** One Entra ID sign-in: ties a session id to the address it was signed in from. */
export interface SignInRecord {
  id: string | null;
  /** ISO 8601 UTC with `Z`. */
  createdDateTime: string;
  /** Lower-cased. */
  userPrincipalName: string;
  /** The account's display name as Entra gives it (a data subject's name). */
  userDisplayName: string | null;
  /** Normalised (see parseClientIp). */
  ipAddress: string | null;
  ipAddressRaw: string | null;
  sessionId: string | null;
  uniqueTokenId: string | null;
  appId: string | null;
  appDisplayName: string | null;
  clientAppUsed: string | null;
  userAgent: string | null;
  /** True when the sign-in succeeded (errorCode 0 / Status "Success"). */
  succeeded: boolean | null;
  source: SourcePosition;
}
