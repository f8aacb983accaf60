import { describe, expect, it } from 'vitest';
import { caseJsonSchema } from '../../src/case/index.js';

interface SchemaNode {
  description?: string;
  properties?: Record<string, SchemaNode>;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  items?: SchemaNode;
}

/** Every property of the schema, with its dotted name. */
function properties(node: SchemaNode, prefix = ''): [string, SchemaNode][] {
  const own = Object.entries(node.properties ?? {}).flatMap(
    ([name, child]): [string, SchemaNode][] => [
      [`${prefix}${name}`, child],
      ...properties(child, `${prefix}${name}.`),
    ],
  );
  const nested = [...(node.anyOf ?? []), ...(node.oneOf ?? [])].flatMap((option) =>
    properties(option, prefix),
  );
  return [...own, ...nested];
}

describe('caseJsonSchema', () => {
  it('is the committed case.schema.json (update: npx vitest run test/case/json-schema.test.ts -u)', async () => {
    await expect(`${JSON.stringify(caseJsonSchema(), null, 2)}\n`).toMatchFileSnapshot(
      '../../case.schema.json',
    );
  });

  it('is draft-07, closed to unknown keys, and describes every key for editors', () => {
    const schema = caseJsonSchema() as SchemaNode & Record<string, unknown>;

    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.additionalProperties).toBe(false);
    const undescribed = properties(schema)
      .filter(([name, node]) => node.description === undefined && !name.endsWith('.method'))
      .map(([name]) => name);
    expect(undescribed).toEqual([]);
    expect(properties(schema).map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'case.timezone',
        'threatActor.ips',
        'window.start',
        'evidence.audit',
        'collect.auth.certificatePath',
        'collect.auth.secretEnv',
        'report.pdfMessageLimit',
        'output',
      ]),
    );
  });

  it('lets an editor flag a case with neither evidence nor collect', () => {
    expect(caseJsonSchema()).toMatchObject({
      anyOf: [{ required: ['evidence'] }, { required: ['collect'] }],
    });
  });
});
