import { expect, it } from 'vitest';
import { UNNAMED_FOLDER } from '../../src/analyze/index.js';
import { lookupTargets } from '../../src/pipeline/collect-live.js';
import { fixtureReport } from '../report/fixture.js';

it('asks Graph for messages not yet looked up and for the synced folders it can name', () => {
  const report = fixtureReport();
  const [first] = report.folders;
  if (first === undefined) throw new Error('the fixture has a synced folder');
  report.folders.push({ ...first, path: UNNAMED_FOLDER });
  const targets = lookupTargets(report);
  expect(targets.folders.map((folder) => folder.path)).not.toContain(UNNAMED_FOLDER);
  expect(targets.folders).toHaveLength(report.folders.length - 1);
  const lookedUp = report.messages.filter((message) =>
    message.metadataSource?.startsWith('graph-'),
  );
  expect(targets.messages).toHaveLength(report.messages.length - lookedUp.length);
  // A message the attacker opened arrived before: message trace starts looking there.
  for (const target of targets.messages) {
    const message = report.messages.find(
      (candidate) => candidate.internetMessageId === target.internetMessageId,
    );
    expect(target.readAt).toBe(message?.exposure === 'confirmed' ? message.firstAccess : undefined);
  }
});
