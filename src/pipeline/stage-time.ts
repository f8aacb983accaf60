/** Seconds since `started` (a performance.now() reading), for the lines that end each stage. */
export function seconds(started: number): string {
  return `${((performance.now() - started) / 1000).toFixed(1)} s`;
}
