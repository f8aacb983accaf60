import * as z from 'zod';
import { caseSchema } from './schema.js';

/**
 * JSON Schema (draft-07) of the case file as users write it, for editors: the YAML language
 * server reads it from the template's first line and shows each key's description, its default
 * and the allowed values. The checks that need code (addresses, dates, files) stay in the loader.
 */
export function caseJsonSchema(): object {
  return z.toJSONSchema(caseSchema, {
    target: 'draft-7',
    io: 'input',
    override: ({ zodSchema, jsonSchema }) => {
      // zod cannot express "evidence unless collect"; editors can still flag a case with neither.
      if (zodSchema === caseSchema) {
        jsonSchema.anyOf = [{ required: ['evidence'] }, { required: ['collect'] }];
      }
    },
  });
}
