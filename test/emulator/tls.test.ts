import { once } from 'node:events';
import { get } from 'node:https';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPkiFromEnv } from './tls.js';

describe('test certificates', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const pki = testPkiFromEnv();
    server = createServer({ key: pki.serverKeyPem, cert: pki.serverCertPem }, (_req, res) => {
      res.end('trusted');
    });
    server.listen(0, 'localhost');
    await once(server, 'listening');
    url = `https://localhost:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(() => {
    server.close();
  });

  it('are trusted by fetch in a test worker without any ca option', async () => {
    const response = await fetch(url);
    expect(await response.text()).toBe('trusted');
  });

  it('are trusted by node:https in a test worker without any ca option', async () => {
    const body = await new Promise<string>((resolve, reject) => {
      get(url, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => {
          resolve(text);
        });
      }).on('error', reject);
    });
    expect(body).toBe('trusted');
  });
});
