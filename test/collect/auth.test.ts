import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTokenSource } from '../../src/collect/auth.js';
import { resolveEndpoints } from '../../src/collect/clouds.js';
import { CollectError } from '../../src/collect/index.js';
import type { CollectSettings } from '../../src/model/index.js';
import { kwizzyCase, SECRET, tempDir } from './case-fixture.js';
import { fakeLogin } from './fake-login.js';

const TOKEN = 'eyJ0eXAiOiJKV1QifQ.fake-access-token.signature';

function settings(auth: CollectSettings['auth']): CollectSettings {
  const collect = kwizzyCase('/tmp/unused').collect;
  if (collect === null) throw new Error('fixture has a collect section');
  return { ...collect, auth };
}

describe('createTokenSource', () => {
  it('signs in with the client secret named by the case, for the Graph host', async () => {
    const login = fakeLogin(TOKEN);
    const chosen = settings({ method: 'secret', secretEnv: 'MAILEXPOSURE_CLIENT_SECRET' });
    const tokens = await createTokenSource(chosen, resolveEndpoints(chosen), {
      env: { MAILEXPOSURE_CLIENT_SECRET: SECRET },
      onDeviceCode: () => undefined,
      networkClient: login.network,
    });
    expect(await tokens.getAccessToken()).toBe(TOKEN);
    expect(await tokens.getAccessToken()).toBe(TOKEN);
    expect(login.calls).toHaveLength(1);
    const call = login.calls[0];
    expect(call?.url).toMatch(
      /^https:\/\/login\.test\/6f1c2d3e-4b5a-4c6d-8e7f-90a1b2c3d4e5\/oauth2\/v2\.0\/token/,
    );
    expect(call?.form.get('client_secret')).toBe(SECRET);
    expect(call?.form.get('grant_type')).toBe('client_credentials');
    expect(call?.form.get('scope')).toBe('https://graph.test/.default');
  });

  it('names the missing environment variable without guessing at secrets', async () => {
    const chosen = settings({ method: 'secret', secretEnv: 'KWIZZY_SECRET' });
    const result = createTokenSource(chosen, resolveEndpoints(chosen), {
      env: {},
      onDeviceCode: () => undefined,
    });
    await expect(result).rejects.toBeInstanceOf(CollectError);
    await expect(result).rejects.toThrow(/KWIZZY_SECRET .* not set/);
  });

  it('signs in with a certificate whose SHA-256 thumbprint matches the case', async () => {
    const dir = await tempDir();
    const key = join(dir, 'app.key');
    const pem = join(dir, 'app.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        pem,
        '-days',
        '1',
        '-subj',
        '/CN=mailexposure-test',
      ],
      { stdio: 'ignore' },
    );
    await writeFile(pem, `${await readFile(key, 'utf8')}${await readFile(pem, 'utf8')}`);
    const fingerprint =
      execFileSync('openssl', ['x509', '-in', pem, '-noout', '-fingerprint', '-sha256'])
        .toString()
        .split('=')[1]
        ?.trim() ?? '';

    const login = fakeLogin(TOKEN);
    const good = settings({
      method: 'certificate',
      certificatePath: pem,
      thumbprintSha256: fingerprint,
    });
    const tokens = await createTokenSource(good, resolveEndpoints(good), {
      env: {},
      onDeviceCode: () => undefined,
      networkClient: login.network,
    });
    expect(await tokens.getAccessToken()).toBe(TOKEN);
    const form = login.calls[0]?.form;
    expect(form?.get('client_assertion_type')).toBe(
      'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    );
    const header = JSON.parse(
      Buffer.from(form?.get('client_assertion')?.split('.')[0] ?? '', 'base64url').toString(),
    ) as Record<string, string>;
    expect(Buffer.from(header['x5t#S256'] ?? '', 'base64url').toString('hex')).toBe(
      fingerprint.replace(/:/g, '').toLowerCase(),
    );

    const wrong = settings({
      method: 'certificate',
      certificatePath: pem,
      thumbprintSha256: 'ab'.repeat(32),
    });
    await expect(
      createTokenSource(wrong, resolveEndpoints(wrong), { env: {}, onDeviceCode: () => undefined }),
    ).rejects.toThrow(/thumbprint is [0-9a-f]{64}, not the abab/);
  });

  it('shows the device-code prompt once and then reuses the signed-in account', async () => {
    const login = fakeLogin(TOKEN);
    const prompts: string[] = [];
    const chosen = settings({ method: 'deviceCode' });
    const tokens = await createTokenSource(chosen, resolveEndpoints(chosen), {
      env: {},
      onDeviceCode: (message) => prompts.push(message),
      networkClient: login.network,
    });
    const [first, second] = await Promise.all([tokens.getAccessToken(), tokens.getAccessToken()]);
    expect([first, second]).toEqual([TOKEN, TOKEN]);
    expect(await tokens.getAccessToken()).toBe(TOKEN);
    expect(prompts).toEqual([
      'To sign in, open https://login.test/device and enter the code KWZ-4821.',
    ]);
    const scopes = login.calls.find((call) => call.url.includes('/devicecode'))?.form.get('scope');
    expect(scopes?.split(' ')).toEqual(
      expect.arrayContaining([
        'https://graph.test/AuditLogsQuery-Exchange.Read.All',
        'https://graph.test/AuditLog.Read.All',
        'https://graph.test/Directory.Read.All',
        'https://graph.test/Mail.ReadBasic.Shared',
        'https://graph.test/ExchangeMessageTrace.Read.All',
      ]),
    );
  }, 20_000);
});
