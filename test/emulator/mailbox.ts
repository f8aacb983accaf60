import { createHash } from 'node:crypto';
import type { EmailAddress, TenantFolder, TenantMailbox, TenantMessage } from './tenant.js';

/** Graph well-known folder names of the standard top-level folders, by audit-log path. */
const WELL_KNOWN_BY_PATH: Record<string, string> = {
  '\\inbox': 'inbox',
  '\\sent items': 'sentitems',
  '\\deleted items': 'deleteditems',
  '\\drafts': 'drafts',
  '\\junk email': 'junkemail',
  '\\outbox': 'outbox',
  '\\archive': 'archive',
  '\\conversation history': 'conversationhistory',
};

export interface Folder extends Omit<TenantFolder, 'wellKnownName'> {
  /** Null for the root and for the recoverable-items folder, which is outside it. */
  parentId: string | null;
  wellKnownName: string | null;
  hidden: boolean;
}

/** A tenant mailbox made ready to serve: root and recoverable-items folders present. */
export interface Mailbox {
  upn: string;
  folders: Folder[];
  messages: TenantMessage[];
  root: Folder;
  recoverable: Folder;
}

function folderId(upn: string, name: string): string {
  return 'AAMk' + createHash('sha256').update(`${upn}/${name}`).digest('base64url').slice(0, 40);
}

/**
 * Adds what every Exchange mailbox has: the root (`msgfolderroot`, parent of the top-level
 * folders) and the hidden `recoverableitemsdeletions`, where soft-deleted messages live.
 */
export function prepareMailbox(upn: string, data: TenantMailbox): Mailbox {
  const given = data.folders.map((folder): Folder => {
    const wellKnownName =
      folder.wellKnownName ?? WELL_KNOWN_BY_PATH[folder.path.toLowerCase()] ?? null;
    return { ...folder, wellKnownName, hidden: wellKnownName === 'recoverableitemsdeletions' };
  });
  const root: Folder = given.find((folder) => folder.wellKnownName === 'msgfolderroot') ?? {
    id: folderId(upn, 'msgfolderroot'),
    path: '\\',
    displayName: 'Top of Information Store',
    parentId: null,
    wellKnownName: 'msgfolderroot',
    hidden: false,
  };
  const recoverable: Folder = given.find(
    (folder) => folder.wellKnownName === 'recoverableitemsdeletions',
  ) ?? {
    id: folderId(upn, 'recoverableitemsdeletions'),
    path: '\\Recoverable Items\\Deletions',
    displayName: 'Deletions',
    parentId: null,
    wellKnownName: 'recoverableitemsdeletions',
    hidden: true,
  };
  const folders = given
    .filter((folder) => folder !== root && folder !== recoverable)
    .map((folder) => ({ ...folder, parentId: folder.parentId ?? root.id }));
  return {
    upn,
    folders: [root, ...folders, recoverable],
    messages: data.messages,
    root,
    recoverable,
  };
}

/** A folder by id or well-known name (case-insensitive), as Graph resolves `mailFolders/{x}`. */
export function findFolder(mailbox: Mailbox, idOrName: string): Folder | undefined {
  const lower = idOrName.toLowerCase();
  return mailbox.folders.find((folder) => folder.id === idOrName || folder.wellKnownName === lower);
}

/** Messages in a folder; deleted messages only in `recoverableitemsdeletions`. */
export function messagesIn(mailbox: Mailbox, folder: Folder): TenantMessage[] {
  if (folder === mailbox.recoverable)
    return mailbox.messages.filter((message) => message.deleted === true);
  return mailbox.messages.filter(
    (message) => message.deleted !== true && message.parentFolderId === folder.id,
  );
}

/** What `/users/{id}/messages` covers: the mailbox's folders, not its recoverable items. */
export function visibleMessages(mailbox: Mailbox): TenantMessage[] {
  return mailbox.messages.filter((message) => message.deleted !== true);
}

export function childFolders(mailbox: Mailbox, parent: Folder, includeHidden: boolean): Folder[] {
  return mailbox.folders.filter(
    (folder) => folder.parentId === parent.id && (includeHidden || !folder.hidden),
  );
}

const recipient = (address: EmailAddress): Record<string, unknown> => ({
  emailAddress: { name: address.name ?? address.address, address: address.address },
});

export function renderFolder(mailbox: Mailbox, folder: Folder): Record<string, unknown> {
  const items = messagesIn(mailbox, folder);
  return {
    id: folder.id,
    displayName: folder.displayName,
    parentFolderId: folder.parentId,
    childFolderCount: childFolders(mailbox, folder, true).length,
    unreadItemCount: 0,
    totalItemCount: items.length,
    isHidden: folder.hidden,
  };
}

export function renderMessage(mailbox: Mailbox, message: TenantMessage): Record<string, unknown> {
  return {
    '@odata.etag': `W/"${createHash('sha1').update(message.id).digest('base64').slice(0, 20)}"`,
    id: message.id,
    createdDateTime: message.receivedDateTime,
    lastModifiedDateTime: message.receivedDateTime,
    receivedDateTime: message.receivedDateTime,
    sentDateTime: message.sentDateTime,
    hasAttachments: message.hasAttachments ?? false,
    internetMessageId: message.internetMessageId,
    subject: message.subject,
    importance: 'normal',
    parentFolderId: message.deleted === true ? mailbox.recoverable.id : message.parentFolderId,
    isRead: true,
    isDraft: false,
    sender: recipient(message.from),
    from: recipient(message.from),
    toRecipients: message.toRecipients.map(recipient),
    ccRecipients: message.ccRecipients.map(recipient),
    bccRecipients: (message.bccRecipients ?? []).map(recipient),
    replyTo: [],
  };
}
