import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseJsonSchema, caseTemplate, loadCaseFile } from '../../src/case/index.js';

/** Writes `text` as case.yaml in a new folder, with a file in each evidence folder it names. */
async function writeCase(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mailexposure-template-'));
  for (const [folder, file] of [
    ['audit', 'purview-2026-10.csv'],
    ['trace', 'message-trace.csv'],
    ['signins', 'signins.json'],
  ] as const) {
    await mkdir(join(dir, 'evidence', folder), { recursive: true });
    await writeFile(join(dir, 'evidence', folder, file), 'placeholder\n');
  }
  const path = join(dir, 'case.yaml');
  await writeFile(path, text);
  return path;
}

/** The template with its commented-out collect section switched on. */
function withCollect(template: string): string {
  const lines = template.split('\n');
  const start = lines.findIndex((line) => line.startsWith('# collect:'));
  expect(start).toBeGreaterThan(0);
  let end = start + 1;
  while (lines[end]?.startsWith('#   ') === true) end++;
  return [
    ...lines.slice(0, start),
    ...lines.slice(start, end).map((line) => line.slice(2)),
    ...lines.slice(end),
  ].join('\n');
}

function schemaKeys(node: unknown): string[] {
  if (typeof node !== 'object' || node === null) return [];
  const { properties, anyOf, oneOf } = node as {
    properties?: Record<string, unknown>;
    anyOf?: unknown[];
    oneOf?: unknown[];
  };
  return [
    ...Object.entries(properties ?? {}).flatMap(([name, child]) => [name, ...schemaKeys(child)]),
    ...[...(anyOf ?? []), ...(oneOf ?? [])].flatMap(schemaKeys),
  ];
}

describe('caseTemplate', () => {
  it('points editors at case.schema.json on its first line', () => {
    expect(caseTemplate().split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../../case.schema.json',
    );
  });

  it('loads without issues once its evidence folders hold files', async () => {
    const loaded = await loadCaseFile(await writeCase(caseTemplate()));

    expect(loaded.case.id).toBe('BEC-2026-014');
    expect(loaded.threatActor.ips).toEqual(['203.0.113.7', '203.0.113.64/26', '2001:db8:66::/48']);
    expect(loaded.collect).toBeNull();
  });

  it('loads with its collect section switched on, too', async () => {
    const loaded = await loadCaseFile(await writeCase(withCollect(caseTemplate())));

    expect(loaded.collect).toMatchObject({
      cloud: 'global',
      endpoints: null,
      auth: { method: 'certificate' },
      apiVersion: 'v1.0',
      chunkHours: 24,
      evidenceDir: 'evidence/collected',
    });
  });

  it('shows every key of the schema, each with a comment', () => {
    const template = caseTemplate();
    const lines = template.split('\n');

    const missing = [...new Set(schemaKeys(caseJsonSchema()))].filter(
      (key) => !new RegExp(`\\b${key}:`).test(template),
    );
    expect(missing).toEqual([]);
    const uncommented = lines.filter((line) => /^[#\s]*\w+:/.test(line) && !line.includes(' # '));
    expect(uncommented).toEqual([]);
  });

  it('uses only documentation addresses and example domains as placeholders', () => {
    const template = caseTemplate();

    for (const address of template.match(/\b\d{1,3}(?:\.\d{1,3}){3}\b/g) ?? []) {
      expect(address).toMatch(/^203\.0\.113\./);
    }
    for (const domain of template.match(/(?:[\w-]+\.)+(?:com|net|org|nl)\b/g) ?? []) {
      expect(domain).toMatch(/example\.(com|net)$|example\.onmicrosoft\.com$/);
    }
  });
});
