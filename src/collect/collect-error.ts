/**
 * A collection step could not go on (bad settings, missing permission, retries exhausted,
 * evidence on disk that no longer matches its manifest). What was saved stays saved: running
 * the collection again resumes from it.
 */
export class CollectError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CollectError';
  }
}
