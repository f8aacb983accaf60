import type { CloudName, CollectSettings } from '../model/index.js';
import { CollectError } from './collect-error.js';

export interface CloudEndpoints {
  /** Login host, e.g. `https://login.microsoftonline.com` (no trailing slash). */
  login: string;
  /** Graph host, e.g. `https://graph.microsoft.com` (no trailing slash, no version). */
  graph: string;
}

/** Login and Graph hosts of each national cloud (GCC uses the global ones). */
export const CLOUD_ENDPOINTS: Readonly<Record<CloudName, CloudEndpoints>> = {
  global: { login: 'https://login.microsoftonline.com', graph: 'https://graph.microsoft.com' },
  'gcc-high': { login: 'https://login.microsoftonline.us', graph: 'https://graph.microsoft.us' },
  dod: { login: 'https://login.microsoftonline.us', graph: 'https://dod-graph.microsoft.us' },
  china: {
    login: 'https://login.chinacloudapi.cn',
    graph: 'https://microsoftgraph.chinacloudapi.cn',
  },
};

/**
 * Microsoft documents the audit log query API and Graph message trace for the global cloud
 * only; elsewhere the collection says so instead of failing on an unexplained 404.
 */
const FEATURE_CLOUDS: Readonly<Record<CloudFeature, readonly CloudName[]>> = {
  auditLogQuery: ['global'],
  messageTrace: ['global'],
};

export type CloudFeature = 'auditLogQuery' | 'messageTrace';

export function cloudSupports(cloud: CloudName, feature: CloudFeature): boolean {
  return FEATURE_CLOUDS[feature].includes(cloud);
}

/** The hosts to use: the case's `endpoints:` override when given, else the cloud's. */
export function resolveEndpoints(settings: CollectSettings): CloudEndpoints {
  const chosen = settings.endpoints ?? CLOUD_ENDPOINTS[settings.cloud];
  return { login: checkedBase(chosen.login, 'login'), graph: checkedBase(chosen.graph, 'graph') };
}

function checkedBase(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CollectError(`collect.endpoints.${name} is not a URL: ${value}`);
  }
  // Tokens travel to these hosts: never over plain http (msal refuses it anyway).
  if (url.protocol !== 'https:') {
    throw new CollectError(`collect.endpoints.${name} must be an https URL: ${value}`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
