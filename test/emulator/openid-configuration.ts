/** The login URLs of a tenant on the emulator, shaped like Entra's. */
export function loginEndpoints(
  origin: string,
  tenantId: string,
): { base: string; token: string; deviceCode: string; issuer: string } {
  const base = `${origin}/${tenantId}`;
  return {
    base,
    token: `${base}/oauth2/v2.0/token`,
    deviceCode: `${base}/oauth2/v2.0/devicecode`,
    issuer: `${base}/v2.0`,
  };
}

/**
 * The tenant's OpenID configuration as Entra publishes it, with the emulator's URLs. msal-node
 * reads the token, authorization and end-session endpoints, the issuer and the JWKS URI.
 */
export function openIdConfiguration(origin: string, tenantId: string): Record<string, unknown> {
  const { base, token, deviceCode, issuer } = loginEndpoints(origin, tenantId);
  return {
    token_endpoint: token,
    token_endpoint_auth_methods_supported: [
      'client_secret_post',
      'private_key_jwt',
      'client_secret_basic',
    ],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${origin}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: deviceCode,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'exp',
      'iat',
      'nonce',
      'preferred_username',
      'name',
      'tid',
      'ver',
      'email',
    ],
    tenant_region_scope: 'EU',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
  };
}
