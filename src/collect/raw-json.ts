/**
 * Audit records are evidence: each one is written exactly as Graph sent it (escapes such as
 * `\u003c`, number spellings, key order), not as JSON.parse + JSON.stringify would rewrite it.
 * These helpers cut the raw text of each element of a page's top-level `value` array out of
 * the (already validated) response body and drop only whitespace outside strings.
 */

/** Raw text of each element of the top-level `value` array; null when there is none. */
export function rawValueElements(json: string): string[] | null {
  let index = skipWhitespace(json, 0);
  if (json[index] !== '{') return null;
  index = skipWhitespace(json, index + 1);
  while (index < json.length && json[index] !== '}') {
    const keyEnd = stringEnd(json, index);
    const key: unknown = JSON.parse(json.slice(index, keyEnd));
    index = skipWhitespace(json, skipWhitespace(json, keyEnd) + 1);
    if (key === 'value' && json[index] === '[') return arrayElements(json, index);
    index = skipWhitespace(json, valueEnd(json, index));
    if (json[index] === ',') index = skipWhitespace(json, index + 1);
  }
  return null;
}

/** The JSON text without whitespace outside strings: one line, same meaning, same escapes. */
export function compactJson(raw: string): string {
  let out = '';
  for (let index = 0; index < raw.length;) {
    const char = raw[index] ?? '';
    if (char === '"') {
      const end = stringEnd(raw, index);
      out += raw.slice(index, end);
      index = end;
    } else {
      if (!isWhitespace(char)) out += char;
      index++;
    }
  }
  return out;
}

function arrayElements(json: string, open: number): string[] {
  const elements: string[] = [];
  let index = skipWhitespace(json, open + 1);
  while (index < json.length && json[index] !== ']') {
    const end = valueEnd(json, index);
    elements.push(compactJson(json.slice(index, end)));
    index = skipWhitespace(json, end);
    if (json[index] === ',') index = skipWhitespace(json, index + 1);
  }
  return elements;
}

/** Index just past the value starting at `start`. */
function valueEnd(json: string, start: number): number {
  const first = json[start];
  if (first === '"') return stringEnd(json, start);
  if (first !== '{' && first !== '[') {
    let index = start;
    while (index < json.length && !',}] \t\r\n'.includes(json[index] ?? '')) index++;
    return index;
  }
  let depth = 0;
  for (let index = start; index < json.length;) {
    const char = json[index];
    if (char === '"') {
      index = stringEnd(json, index);
      continue;
    }
    if (char === '{' || char === '[') depth++;
    if (char === '}' || char === ']') depth--;
    index++;
    if (depth === 0) return index;
  }
  return json.length;
}

/** Index just past the closing quote of the string starting at `start`. */
function stringEnd(json: string, start: number): number {
  for (let index = start + 1; index < json.length; index++) {
    const char = json[index];
    if (char === '\\') index++;
    else if (char === '"') return index + 1;
  }
  return json.length;
}

function skipWhitespace(json: string, start: number): number {
  let index = start;
  while (index < json.length && isWhitespace(json[index] ?? '')) index++;
  return index;
}

function isWhitespace(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r';
}
