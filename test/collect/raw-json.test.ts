import { describe, expect, it } from 'vitest';
import { compactJson, rawValueElements } from '../../src/collect/raw-json.js';

describe('rawValueElements', () => {
  it('returns each element of value exactly as written, on one line', () => {
    const page = `{
  "@odata.context": "x",
  "other": {"value": [1]},
  "value": [
    { "id": "a", "Subject": "Factuur \\u003cQ3\\u003e, \\"urgent\\"",
      "n": 1.50, "big": 12345678901234567890, "list": [ "x y", {} ] },
    "text with ] and } inside",
    null
  ],
  "@odata.nextLink": "https://graph.test/next"
}`;
    expect(rawValueElements(page)).toEqual([
      '{"id":"a","Subject":"Factuur \\u003cQ3\\u003e, \\"urgent\\"","n":1.50,"big":12345678901234567890,"list":["x y",{}]}',
      '"text with ] and } inside"',
      'null',
    ]);
  });

  it('gives an empty list for an empty page and null when there is no value array', () => {
    expect(rawValueElements('{"value": []}')).toEqual([]);
    expect(rawValueElements('{"error": {"code": "x"}}')).toBeNull();
    expect(rawValueElements('[1, 2]')).toBeNull();
  });
});

it('compactJson keeps whitespace inside strings and drops it elsewhere', () => {
  expect(compactJson('{ "a b" : [ 1 ,\n 2 ] , "c":"\\t x" }')).toBe('{"a b":[1,2],"c":"\\t x"}');
});
