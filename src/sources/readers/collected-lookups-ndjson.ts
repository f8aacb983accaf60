import { jsonHeadHas, readJsonRecords } from '../json-records.js';
import type { Reader } from '../reader.js';

/** Evidence our live collection wrote: message lookups and folder listings, one per line. */
export const collectedLookupsNdjson: Reader = {
  format: 'collected-lookups-ndjson',
  kind: 'collected',
  detect: (head) =>
    jsonHeadHas(head, ['ndjson'], (record) => {
      const type = record.get('type');
      return type === 'messageLookup' || type === 'folderListing';
    }),
  read: (input) => readJsonRecords(input, (record) => record.raw),
};
