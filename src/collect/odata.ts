/**
 * OData literals inside Graph URLs. Message ids hold `<`, `>`, `+`, `/`, `=`, `&`, `#`, `%` and
 * sometimes `'`: a quote is doubled inside the literal, then the whole option value is
 * percent-encoded so that no character can end the literal, the option or the URL early.
 */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `name=value` with the value percent-encoded (the `$` of system options stays readable). */
export function queryOption(name: string, value: string): string {
  return `${name}=${encodeURIComponent(value)}`;
}

/** Builds `path?opt1&opt2` from already encoded options. */
export function withQuery(path: string, options: readonly string[]): string {
  return options.length === 0 ? path : `${path}?${options.join('&')}`;
}

/** `/users/{upn}` segment: encoded, keeping the `@` Graph documents in its examples. */
export function userSegment(userPrincipalName: string): string {
  return `/users/${encodeURIComponent(userPrincipalName).replace(/%40/g, '@')}`;
}

/** `2026-10-01T00:00:00Z`: Graph filters take whole-second UTC times. */
export function odataDateTime(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
