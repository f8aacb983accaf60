/** What the start of a file that no reader recognised looks like, for the user's message. */
export type TextKind = 'text' | 'utf-16' | 'zip' | 'binary';

/** Characters of the head looked at: enough to judge, few enough to stay cheap. */
const SAMPLE = 4096;

/**
 * Judges the decoded start of a file (UTF-8 with U+FFFD for invalid bytes). UTF-16 text without
 * a byte order mark decodes as letters with a NUL between each two, at every other position;
 * binary data has NULs, invalid bytes and control characters anywhere.
 */
export function textKind(head: string): TextKind {
  if (head.startsWith('PK\u0003\u0004')) return 'zip';
  const sample = head.slice(0, SAMPLE);
  let even = 0;
  let uneven = 0;
  let garbled = 0;
  for (let index = 0; index < sample.length; index++) {
    const code = sample.charCodeAt(index);
    if (code === 0) {
      if (index % 2 === 0) even++;
      else uneven++;
    } else if (
      code === 0xfffd ||
      (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d)
    ) {
      garbled++;
    }
  }
  const half = sample.length / 2;
  const nuls = even + uneven;
  // One position of each pair NUL (allowing a few letters outside ASCII), the other not.
  if (half >= 2 && Math.max(even, uneven) >= 0.9 * half && Math.min(even, uneven) === 0) {
    return 'utf-16';
  }
  return nuls > 0 || garbled > sample.length / 20 ? 'binary' : 'text';
}
