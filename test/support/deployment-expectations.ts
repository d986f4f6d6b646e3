// What the deployment files must mention, taken from the code that reads the configuration.
import { CONFIG_SETTINGS, envPrefix } from '@modelgate/config';
import { PROVIDER_DISCOVERY } from '@modelgate/providers';

export { CONFIG_SETTINGS };

/** The credential (`<TYPE>_API_KEY`, or the type's own credential setting; `_BASE_URL` when keyless) and every per-type setting. */
export const PROVIDERS_DOCUMENTED: string[] = PROVIDER_DISCOVERY.flatMap((discovery) => {
  const prefix = envPrefix(discovery.type);
  return [
    discovery.keyless ? `${prefix}_BASE_URL` : `${prefix}_${discovery.credential ?? 'API_KEY'}`,
    ...(discovery.requiresBaseUrl ? [`${prefix}_BASE_URL`] : []),
    ...(discovery.apiVersionDefault ? [`${prefix}_API_VERSION`] : []),
    ...Object.keys(discovery.settings ?? {}).map((key) => `${prefix}_${key}`),
  ];
});
