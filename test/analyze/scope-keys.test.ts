import { describe, expect, it } from 'vitest';
import { AuditSightings } from '../../src/analyze/audit-sighting.js';
import { IdNumbers } from '../../src/analyze/id-numbers.js';
import { ScopeKeys } from '../../src/analyze/scope-keys.js';
import { threatActorOf } from '../../src/analyze/threat-actor.js';
import type { AuditRecord } from '../../src/model/index.js';
import { caseFile, record } from './build.js';

const SESSION = '5f0c3a1e-6b2d-4c8f-9a71-2e4d6b8f0a13';
const AAD_FIRST = '7a9e1c3b-4d5f-4e6a-8b7c-9d0e1f2a3b4c';
const AAD_SECOND = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';

/** Scope keys of records, as the accumulator finds them: through each record's sighting. */
function scopeKeys(): { keyOf: (record: AuditRecord) => number; size: () => number } {
  const kwizzy = caseFile();
  const { threatActor } = threatActorOf(kwizzy);
  const sightings = new AuditSightings(kwizzy, threatActor, []);
  const keys = new ScopeKeys(kwizzy, new IdNumbers());
  return { keyOf: (record) => keys.keyOf(sightings.of(record).scope), size: () => keys.size };
}

describe('ScopeKeys', () => {
  it('gives records with the same scope facts one key, however their session ids interleave', () => {
    const keys = scopeKeys();
    const first = keys.keyOf(record({ sessionId: SESSION, aadSessionId: AAD_FIRST }));
    // A new AAD session under a session id already keyed: a new key in the same chain.
    const second = keys.keyOf(record({ sessionId: SESSION, aadSessionId: AAD_SECOND }));
    const firstAgain = keys.keyOf(record({ sessionId: SESSION, aadSessionId: AAD_FIRST }));
    const secondAgain = keys.keyOf(record({ sessionId: SESSION, aadSessionId: AAD_SECOND }));

    expect(second).not.toBe(first);
    expect(firstAgain).toBe(first);
    expect(secondAgain).toBe(second);
    expect(keys.size()).toBe(2);
  });

  it('keys records without session ids by their mailbox', () => {
    const keys = scopeKeys();
    const first = keys.keyOf(record({}));
    const again = keys.keyOf(record({}));
    const other = keys.keyOf(record({ mailbox: 'invoices@kwizzy.nl' }));

    expect(again).toBe(first);
    expect(other).not.toBe(first);
    expect(keys.size()).toBe(2);
  });
});
