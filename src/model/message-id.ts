/**
 * Internet message ids are written `<id@host>`, `id@host` or with the Management API's
 * `\u003c`/`\u003e` escapes left as text. Compared without any of these.
 */
export function normalizeMessageId(raw: string): string {
  const text = raw.trim();
  // One is read for every item of every record: without a backslash no escape can be there,
  // and the brackets are cut without regular expressions.
  if (!text.includes('\\')) return unbracketed(text);
  return text
    .replace(/\\u003c/gi, '<')
    .replace(/\\u003e/gi, '>')
    .replace(/^<+/, '')
    .replace(/>+$/, '')
    .trim();
}

/** Without the leading `<`s and trailing `>`s, then trimmed. */
function unbracketed(text: string): string {
  let start = 0;
  while (text.charCodeAt(start) === 0x3c) start++;
  let end = text.length;
  while (end > start && text.charCodeAt(end - 1) === 0x3e) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end).trim();
}
