import { open } from 'node:fs/promises';

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

/** The first and last moments a zip header can record (MS-DOS time, 1980 to 2107). */
export const ZIP_TIME_RANGE = {
  earliest: Date.UTC(1980, 0, 1),
  latest: Date.UTC(2107, 11, 31, 23, 59, 59),
} as const;

/**
 * The time a zip entry can carry for `time`: itself, or the nearest end of the zip's range.
 * No reader sees these entry times (the workbook shows the report's own `generatedAt`), so a
 * `SOURCE_DATE_EPOCH` of 0, as reproducible builds often set, still gives a workbook.
 */
export function zipTime(time: Date): Date {
  const ms = time.getTime();
  if (Number.isNaN(ms)) return new Date(ZIP_TIME_RANGE.earliest);
  return new Date(Math.min(Math.max(ms, ZIP_TIME_RANGE.earliest), ZIP_TIME_RANGE.latest));
}

/** MS-DOS date and time as zip headers store them (two-second resolution). */
function dosDateTime(time: Date): { time: number; date: number } {
  const when = zipTime(time);
  return {
    time:
      (when.getUTCHours() << 11) |
      (when.getUTCMinutes() << 5) |
      Math.floor(when.getUTCSeconds() / 2),
    date:
      ((when.getUTCFullYear() - 1980) << 9) | ((when.getUTCMonth() + 1) << 5) | when.getUTCDate(),
  };
}

/**
 * exceljs's zip writer stamps every entry with the current time, so two renders of the same
 * report differ. This sets every entry's time, in the central directory and in each local
 * header, to `when`, in place.
 */
export async function stampZipEntries(path: string, when: Date): Promise<void> {
  const { time, date } = dosDateTime(when);
  const file = await open(path, 'r+');
  try {
    const { size } = await file.stat();
    const tailLength = Math.min(size, EOCD_SIZE + MAX_COMMENT);
    const tail = Buffer.alloc(tailLength);
    await file.read(tail, 0, tailLength, size - tailLength);
    let eocd = tailLength - EOCD_SIZE;
    while (eocd >= 0 && tail.readUInt32LE(eocd) !== EOCD_SIGNATURE) eocd -= 1;
    if (eocd < 0) throw new Error(`${path}: no zip end of central directory`);
    const entries = tail.readUInt16LE(eocd + 10);
    const directorySize = tail.readUInt32LE(eocd + 12);
    const directoryOffset = tail.readUInt32LE(eocd + 16);
    if (entries === 0xffff || directoryOffset === 0xffffffff) {
      throw new Error(`${path}: zip64 archives are not supported`);
    }
    const directory = Buffer.alloc(directorySize);
    await file.read(directory, 0, directorySize, directoryOffset);
    const stamp = Buffer.alloc(4);
    stamp.writeUInt16LE(time, 0);
    stamp.writeUInt16LE(date, 2);
    const signature = Buffer.alloc(4);
    let position = 0;
    for (let entry = 0; entry < entries; entry += 1) {
      if (directory.readUInt32LE(position) !== CENTRAL_SIGNATURE) {
        throw new Error(`${path}: damaged zip central directory`);
      }
      stamp.copy(directory, position + 12);
      const localOffset = directory.readUInt32LE(position + 42);
      await file.read(signature, 0, 4, localOffset);
      if (signature.readUInt32LE(0) !== LOCAL_SIGNATURE) {
        throw new Error(`${path}: damaged zip local header`);
      }
      await file.write(stamp, 0, 4, localOffset + 10);
      position +=
        46 +
        directory.readUInt16LE(position + 28) +
        directory.readUInt16LE(position + 30) +
        directory.readUInt16LE(position + 32);
    }
    await file.write(directory, 0, directorySize, directoryOffset);
  } finally {
    await file.close();
  }
}
