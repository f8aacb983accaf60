/** `1 record`, `2 records`: a count with its noun, for progress lines and summaries. */
export function plural(count: number, one: string, other: string): string {
  return `${count} ${count === 1 ? one : other}`;
}
