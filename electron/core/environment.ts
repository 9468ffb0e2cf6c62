import type { Environment } from '../../shared/domain/app';
import type { StationSettings } from './settings/types';

/**
 * Base URLs per environment. The reference names two host families
 * (flexforward.com in the prose pages, flexforwardship.com in the OpenAPI
 * `servers`) and never reconciles them (gap 1). We follow the prose pages,
 * which onboarding e-mails and the guides use, and let an admin pick
 * `custom` for the other family without a new build.
 */
export const API_BASE_URLS: Readonly<Record<Exclude<Environment, 'sandbox' | 'custom'>, string>> = {
  production: 'https://api.flexforward.com',
  development: 'https://sandbox.flexforward.com',
};

export interface ApiEndpoint {
  environment: Environment;
  baseUrl: string;
}

/**
 * With no token the station always runs on the embedded sandbox: a new user
 * gets a working demo, and a production setting with a lost token cannot
 * silently send unauthenticated calls to live couriers.
 */
export function resolveEndpoint(settings: StationSettings, hasToken: boolean, sandboxUrl: string | null): ApiEndpoint {
  if (settings.environment === 'sandbox' || !hasToken) {
    return { environment: 'sandbox', baseUrl: sandboxUrl ?? 'http://127.0.0.1' };
  }
  if (settings.environment === 'custom') {
    return { environment: 'custom', baseUrl: settings.customBaseUrl ?? API_BASE_URLS.development };
  }
  return { environment: settings.environment, baseUrl: API_BASE_URLS[settings.environment] };
}
