import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { caseJsonSchema } from '../../case/index.js';
import type { CommandIo } from '../io.js';

/** `schema`: the JSON Schema that editors use to check and complete case files. */
export async function schemaCommand(file: string, io: CommandIo): Promise<void> {
  await writeFile(resolve(io.cwd, file), `${JSON.stringify(caseJsonSchema(), null, 2)}\n`);
  io.stdout.write(`Wrote ${file}\n`);
}
