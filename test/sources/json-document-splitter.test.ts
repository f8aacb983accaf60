import { describe, expect, it } from 'vitest';
import { JsonDocumentSplitter, type JsonPiece } from '../../src/sources/json-document-splitter.js';

function split(text: string, size: number): { pieces: JsonPiece[]; complete: boolean } {
  const splitter = new JsonDocumentSplitter();
  const pieces: JsonPiece[] = [];
  for (let start = 0; start < text.length; start += size) {
    pieces.push(...splitter.push(text.slice(start, start + size)));
  }
  const rest = splitter.end();
  return { pieces: [...pieces, ...rest.pieces], complete: rest.complete };
}

const records = (text: string, size = 1000) =>
  split(text, size).pieces.flatMap((piece) =>
    piece.kind === 'record' ? [[piece.line, JSON.parse(piece.text) as unknown]] : [],
  );

describe('JsonDocumentSplitter', () => {
  const array = '[\n  {"a": "]}\\"{[", "n": [1, {"b": 2}]},\n\n  {"a": "x\\ny"}\n  ,{"a": 3}\n]\n';

  it.each([1, 2, 5, 1000])(
    'splits an array into elements with their lines, in chunks of %i',
    (size) => {
      expect(records(array, size)).toEqual([
        [2, { a: ']}"{[', n: [1, { b: 2 }] }],
        [4, { a: 'x\ny' }],
        [5, { a: 3 }],
      ]);
    },
  );

  it.each([1, 3, 1000])(
    'takes the records of a page and reports its other members, in chunks of %i',
    (size) => {
      const page =
        '{\n "@odata.context": "c",\n "value": [\n  {"id": 1},\n  {"id": 2}\n ],\n "@odata.nextLink": "n"\n}';
      expect(split(page, size)).toEqual({
        complete: true,
        pieces: [
          { kind: 'member', line: 2, root: 1, key: '@odata.context', text: '"c"' },
          { kind: 'page', line: 3, root: 1 },
          { kind: 'record', line: 4, text: '{"id": 1}' },
          { kind: 'record', line: 5, text: '{"id": 2}' },
          { kind: 'member', line: 7, root: 1, key: '@odata.nextLink', text: '"n"' },
        ],
      });
    },
  );

  it('reads arrays appended to one file, and a top-level object that is no page', () => {
    expect(records('[{"a":1}]\n[{"a":2}]\n{\n "Id": "x",\n "value": 5\n}\n')).toEqual([
      [1, { a: 1 }],
      [2, { a: 2 }],
      [3, { Id: 'x', value: 5 }],
    ]);
  });

  it('hands over a record cut off by the end of the text and says the text is incomplete', () => {
    const { pieces, complete } = split('[{"a":1},\n{"a":', 4);
    expect(complete).toBe(false);
    expect(pieces).toEqual([
      { kind: 'record', line: 1, text: '{"a":1}' },
      { kind: 'record', line: 2, text: '{"a":' },
    ]);
  });

  it('hands over elements that are no objects, for the reader to reject', () => {
    expect(records('[1, "two", null, {"a": true}]')).toEqual([
      [1, 1],
      [1, 'two'],
      [1, null],
      [1, { a: true }],
    ]);
  });
});
