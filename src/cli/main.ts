#!/usr/bin/env node
import { buildProgram } from './program.js';
import { exitCodeFor, reportFailure } from './failure.js';

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  reportFailure(error, process.stderr, process.env);
  process.exitCode = exitCodeFor(error);
}
