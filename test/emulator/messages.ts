import { badRequest, graphError, ok, type GraphRequest, type GraphResponse } from './graph-http.js';
import {
  childFolders,
  findFolder,
  messagesIn,
  prepareMailbox,
  renderFolder,
  renderMessage,
  visibleMessages,
  type Folder,
  type Mailbox,
} from './mailbox.js';
import { tests, type FilterSupport, type Operator } from './odata-filter.js';
import type { ResolvedOptions } from './options.js';
import { applyFilter, page, readFilter, select, type Listing } from './paging.js';
import type { TenantMessage } from './tenant.js';

const DATE_OPS: Operator[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];

const MESSAGE_FILTER: FilterSupport = {
  properties: {
    internetmessageid: ['eq', 'ne'],
    receiveddatetime: DATE_OPS,
    sentdatetime: DATE_OPS,
    subject: ['eq', 'ne', 'startswith', 'contains'],
    'from/emailaddress/address': ['eq', 'ne'],
    'sender/emailaddress/address': ['eq', 'ne'],
    parentfolderid: ['eq', 'ne'],
    hasattachments: ['eq', 'ne'],
  },
  or: true,
};

const FOLDER_FILTER: FilterSupport = {
  properties: { displayname: ['eq', 'ne', 'startswith'] },
  or: true,
};

const notFoundInStore = (): GraphResponse =>
  graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');

/**
 * Outlook mail on Graph: messages (by `internetMessageId` and dates), folders by id or
 * well-known name, child folders and folder contents, paged with `$skip` next links. Messages
 * sort newest first unless `$orderby` says otherwise; with both `$filter` and `$orderby`, the
 * sort property must come first in the filter, or Exchange refuses the query as too complex.
 */
export class MailService {
  private readonly mailboxes = new Map<string, Mailbox>();

  constructor(private readonly options: ResolvedOptions) {
    for (const [upn, data] of Object.entries(options.tenant.mailboxes)) {
      this.mailboxes.set(upn.toLowerCase(), prepareMailbox(upn.toLowerCase(), data));
    }
  }

  /** The mailbox a request names, or the 404 Graph gives for an unknown user. */
  private mailbox(user: string): Mailbox | GraphResponse {
    return (
      this.mailboxes.get(user.toLowerCase()) ??
      graphError(404, 'ErrorInvalidUser', `The requested user '${user}' is invalid.`)
    );
  }

  private folder(mailbox: Mailbox, id: string): Folder | GraphResponse {
    return findFolder(mailbox, id) ?? notFoundInStore();
  }

  private listMessages(
    request: GraphRequest,
    mailbox: Mailbox,
    messages: TenantMessage[],
  ): GraphResponse {
    const read = readFilter(request, MESSAGE_FILTER);
    if ('error' in read) return read.error;
    const orderBy = (request.query.get('$orderby') ?? 'receivedDateTime desc').trim().split(/\s+/);
    const [property = '', direction = 'asc'] = orderBy;
    if (!/^(receivedDateTime|sentDateTime)$/i.test(property) || !/^(asc|desc)$/i.test(direction)) {
      return badRequest(`Sorting by ${orderBy.join(' ')} is not supported.`);
    }
    const first = read.filter === null ? undefined : tests(read.filter)[0];
    if (
      request.query.has('$orderby') &&
      first !== undefined &&
      first.property !== property.toLowerCase()
    ) {
      return graphError(
        400,
        'InefficientFilter',
        'The restriction or sort order is too complex for this operation.',
      );
    }
    const key = property.toLowerCase() === 'sentdatetime' ? 'sentDateTime' : 'receivedDateTime';
    const sign = direction.toLowerCase() === 'desc' ? -1 : 1;
    const time = (message: Record<string, unknown>): number => Date.parse(String(message[key]));
    const rendered = messages.map((message) => renderMessage(mailbox, message));
    const sorted = applyFilter(rendered, read.filter).sort(
      (a, b) => sign * (time(a) - time(b)) || String(a.id).localeCompare(String(b.id)),
    );
    return page(request, sorted, this.listing('messages'), (message) =>
      select(request, message as Record<string, unknown>, ['id', '@odata.etag']),
    );
  }

  private listing(kind: 'messages' | 'mailFolders'): Listing {
    return { pageSize: this.options.pageSizes[kind], maxTop: 1000, style: 'skip' };
  }

  private listFolders(request: GraphRequest, mailbox: Mailbox, parent: Folder): GraphResponse {
    const read = readFilter(request, FOLDER_FILTER);
    if ('error' in read) return read.error;
    const hidden = request.query.get('includeHiddenFolders')?.toLowerCase() === 'true';
    const folders = childFolders(mailbox, parent, hidden).map((folder) =>
      renderFolder(mailbox, folder),
    );
    return page(request, applyFilter(folders, read.filter), this.listing('mailFolders'), (folder) =>
      select(request, folder as Record<string, unknown>),
    );
  }

  /** `GET /users/{user}/messages` */
  messages(request: GraphRequest, user: string): GraphResponse {
    const mailbox = this.mailbox(user);
    return 'status' in mailbox
      ? mailbox
      : this.listMessages(request, mailbox, visibleMessages(mailbox));
  }

  /** `GET /users/{user}/messages/{id}` */
  message(request: GraphRequest, user: string, id: string): GraphResponse {
    const mailbox = this.mailbox(user);
    if ('status' in mailbox) return mailbox;
    const message = mailbox.messages.find((candidate) => candidate.id === id);
    return message === undefined
      ? notFoundInStore()
      : ok(select(request, renderMessage(mailbox, message)));
  }

  /** `GET /users/{user}/mailFolders`: the top-level folders. */
  mailFolders(request: GraphRequest, user: string): GraphResponse {
    const mailbox = this.mailbox(user);
    return 'status' in mailbox ? mailbox : this.listFolders(request, mailbox, mailbox.root);
  }

  /** `GET /users/{user}/mailFolders/{id}` */
  mailFolder(request: GraphRequest, user: string, id: string): GraphResponse {
    const mailbox = this.mailbox(user);
    if ('status' in mailbox) return mailbox;
    const folder = this.folder(mailbox, id);
    return 'status' in folder ? folder : ok(select(request, renderFolder(mailbox, folder)));
  }

  /** `GET /users/{user}/mailFolders/{id}/childFolders` */
  childFolders(request: GraphRequest, user: string, id: string): GraphResponse {
    const mailbox = this.mailbox(user);
    if ('status' in mailbox) return mailbox;
    const folder = this.folder(mailbox, id);
    return 'status' in folder ? folder : this.listFolders(request, mailbox, folder);
  }

  /** `GET /users/{user}/mailFolders/{id}/messages` */
  folderMessages(request: GraphRequest, user: string, id: string): GraphResponse {
    const mailbox = this.mailbox(user);
    if ('status' in mailbox) return mailbox;
    const folder = this.folder(mailbox, id);
    return 'status' in folder
      ? folder
      : this.listMessages(request, mailbox, messagesIn(mailbox, folder));
  }
}
