import { expect, it } from 'vitest';
import { CollectError } from '../../src/collect/index.js';
import { onGraphHost } from '../../src/collect/graph-client.js';

const GRAPH = 'https://graph.microsoft.com';

it('sends a next link to the Graph host whatever the case of its scheme and host', () => {
  expect(onGraphHost('HTTPS://Graph.Microsoft.COM/v1.0/x?$skiptoken=Ab%2Fc', GRAPH)).toBe(
    'https://graph.microsoft.com/v1.0/x?$skiptoken=Ab%2Fc',
  );
  expect(onGraphHost('https://graph.microsoft.com:443/beta/y', GRAPH)).toBe(
    'https://graph.microsoft.com/beta/y',
  );
});

it('refuses to send the token anywhere else', () => {
  for (const url of [
    'https://graph.microsoft.com.evil.example/v1.0/x',
    'http://graph.microsoft.com/v1.0/x',
    'https://graph.microsoft.com:8443/v1.0/x',
    '/v1.0/relative',
  ]) {
    expect(() => onGraphHost(url, GRAPH), url).toThrow(CollectError);
  }
});
