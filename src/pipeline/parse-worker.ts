import { isUtf8 } from 'node:buffer';
import { parentPort, workerData } from 'node:worker_threads';
import { AuditSightings, RunningSessions, IdNumbers, threatActorOf } from '../analyze/index.js';
import { ACCOUNT, BEFORE, FIXED, GROUNDS, THROTTLED } from '../analyze/index.js';
import type { AuditRecord } from '../model/index.js';
import { lineAuditReader, readAuditBlock, type LineAuditReader } from '../sources/index.js';
import type { BlockRequest, BlockResult, WorkerSetup } from './parse-workers.js';
import { SightingPacker } from './sighting-blocks.js';

/**
 * A worker thread of a parallel read (read-in-parallel.ts): parses the blocks of lines it is
 * sent, each on its own, with the same reading and mapping code as a sequential read, and
 * sends back per block what each record contributes (AuditSightings.of, packed) and the
 * records worth keeping whole by what this thread has seen: a superset of what the main
 * thread keeps, except for records of sessions only the other thread's blocks show to be the
 * attacker's, which the main thread reads again if the rules need them.
 */
const setup = workerData as WorkerSetup;
const { threatActor } = threatActorOf(setup.caseFile);
const sightings = new AuditSightings(setup.caseFile, threatActor, setup.signIns);
const running = new RunningSessions(threatActor.sessionIds, new IdNumbers());
const readersByFormat = new Map<string, LineAuditReader | null>();

parentPort?.on('message', (request: BlockRequest) => {
  const result = parse(request);
  parentPort?.postMessage(result, SightingPacker.transfers(result.sightings));
});

function parse(request: BlockRequest): BlockResult {
  const reader = readerOf(request.format);
  const bytes = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.length);
  const packer = new SightingPacker();
  const each = (record: AuditRecord): void => {
    const sighting = sightings.of(record);
    const flags = sighting.scope?.flags ?? -1;
    let whole = false;
    if (flags !== -1) {
      // The running session pivot over this thread's records (AuditAccumulator adds each
      // key's first; adding every record of it gives the same sessions).
      if ((flags & ACCOUNT) !== 0) running.add(sighting.sessions, (flags & GROUNDS) !== 0);
      whole =
        (flags & (THROTTLED | FIXED)) !== 0 ||
        sighting.readWhatever !== null ||
        ((flags & BEFORE) === 0 && running.isAttackers(sighting.sessions));
    }
    packer.add(sighting, record.source.line, whole ? record : null);
  };
  const rows = readAuditBlock(reader, request.input, bytes, each);
  const sightingsPacked = packer.packed();
  return {
    rows,
    invalidUtf8: !isUtf8(bytes),
    sightings: sightingsPacked,
  };
}

function readerOf(format: string): LineAuditReader {
  let reader = readersByFormat.get(format);
  if (reader === undefined) {
    reader = lineAuditReader(format);
    readersByFormat.set(format, reader);
  }
  if (reader === null) throw new Error(`${format} cannot be read in blocks`);
  return reader;
}
