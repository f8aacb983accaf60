/**
 * A message is identified by the mailbox it lives in and its InternetMessageId (rule 4): the
 * same message read in two mailboxes is two exposures. A line break cannot occur in either part.
 */
export function messageKey(mailbox: string, internetMessageId: string): string {
  return `${mailbox}\n${internetMessageId}`;
}
