/**
 * Internet message ids are written `<id@host>`, `id@host` or with the Management API's
 * `\u003c`/`\u003e` escapes left as text. Compared without any of these.
 */
export function normalizeMessageId(raw: string): string {
  return raw
    .trim()
    .replace(/\\u003c/gi, '<')
    .replace(/\\u003e/gi, '>')
    .replace(/^<+/, '')
    .replace(/>+$/, '')
    .trim();
}
