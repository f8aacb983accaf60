import type { AddressRange, AuditRecord, CaseFile, Problem } from '../model/index.js';
import { addressInRanges, parseAddressRange } from '../model/index.js';

/** The case's threat-actor indicators in the form matching needs. */
export interface ThreatActor {
  ranges: AddressRange[];
  /** Lower-cased. */
  sessionIds: ReadonlySet<string>;
  /** Lower-cased. */
  appIds: ReadonlySet<string>;
}

/**
 * The case loader validates the addresses; one that still does not parse is reported rather
 * than dropped silently, since it means fewer records are attributed than the case intends.
 */
export function threatActorOf(caseFile: CaseFile): {
  threatActor: ThreatActor;
  problems: Problem[];
} {
  const ranges: AddressRange[] = [];
  const problems: Problem[] = [];
  for (const text of caseFile.threatActor.ips) {
    const range = parseAddressRange(text);
    if (range === null) {
      problems.push({
        code: 'notice',
        input: null,
        line: null,
        message: `threat-actor address ${JSON.stringify(text)} is no address or range; it matches nothing`,
      });
    } else {
      ranges.push(range);
    }
  }
  const lower = (values: readonly string[]) => new Set(values.map((value) => value.toLowerCase()));
  return {
    threatActor: {
      ranges,
      sessionIds: lower(caseFile.threatActor.sessionIds),
      appIds: lower(caseFile.threatActor.appIds),
    },
    problems,
  };
}

/** True when any address the record names lies in a threat-actor address or range. */
export function fromAttackerAddress(record: AuditRecord, threatActor: ThreatActor): boolean {
  return record.clientIps.some((address) => addressInRanges(address, threatActor.ranges));
}
