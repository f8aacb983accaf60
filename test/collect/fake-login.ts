import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

/** What the fake login endpoint was sent: form fields of each POST, by URL. */
export interface LoginCall {
  url: string;
  form: URLSearchParams;
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * msal-node's HTTP client replaced by a tiny Entra ID: OpenID configuration, token endpoint
 * (client credentials and device code) and device-code endpoint, for `https://login.test`.
 */
export function fakeLogin(token: string, options: { deviceCodePolls?: number } = {}) {
  const calls: LoginCall[] = [];
  let pending = options.deviceCodePolls ?? 1;
  const network: INetworkModule = {
    sendGetRequestAsync<T>(url: string): Promise<NetworkResponse<T>> {
      const tenant = new URL(url).pathname.split('/')[1] ?? '';
      const base = `https://login.test/${tenant}`;
      return Promise.resolve(
        respond<T>(200, {
          authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
          token_endpoint: `${base}/oauth2/v2.0/token`,
          issuer: `${base}/v2.0`,
          jwks_uri: `${base}/discovery/v2.0/keys`,
        }),
      );
    },
    sendPostRequestAsync<T>(
      url: string,
      request?: NetworkRequestOptions,
    ): Promise<NetworkResponse<T>> {
      const form = new URLSearchParams(request?.body ?? '');
      calls.push({ url, form });
      const tenant = new URL(url).pathname.split('/')[1] ?? '';
      if (url.includes('/devicecode')) {
        return Promise.resolve(
          respond<T>(200, {
            user_code: 'KWZ-4821',
            device_code: 'device-code-value',
            verification_uri: 'https://login.test/device',
            expires_in: 900,
            interval: 1,
            message: 'To sign in, open https://login.test/device and enter the code KWZ-4821.',
          }),
        );
      }
      if (form.get('grant_type') === 'device_code' && pending-- > 0) {
        return Promise.resolve(respond<T>(400, { error: 'authorization_pending' }));
      }
      const user = form.get('grant_type') === 'device_code';
      const now = Math.floor(Date.now() / 1000);
      return Promise.resolve(
        respond<T>(200, {
          token_type: 'Bearer',
          expires_in: 3599,
          ext_expires_in: 3599,
          access_token: token,
          scope: form.get('scope') ?? '',
          ...(user
            ? {
                refresh_token: 'refresh-token-value',
                client_info: b64({ uid: 'u1', utid: tenant }),
                id_token: `${b64({ alg: 'none', typ: 'JWT' })}.${b64({
                  aud: form.get('client_id'),
                  iss: `https://login.test/${tenant}/v2.0`,
                  iat: now,
                  nbf: now,
                  exp: now + 3600,
                  oid: 'u1',
                  tid: tenant,
                  sub: 'u1',
                  preferred_username: 'consultant@kwizzy.nl',
                  name: 'Consultant',
                })}.`,
              }
            : {}),
        }),
      );
    },
  };
  return { network, calls };
}

function respond<T>(status: number, body: object): NetworkResponse<T> {
  return { status, headers: {}, body: body as T };
}
