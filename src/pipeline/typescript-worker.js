// A worker thread started from the TypeScript sources (the tests, tsx) rather than the build:
// registers tsx's loader (a development dependency) in this thread, then imports the worker's
// module (parse-workers.ts names it). The build starts the compiled module directly.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
