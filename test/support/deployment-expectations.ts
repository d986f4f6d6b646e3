// What the deployment files must mention, taken from the code that reads the configuration.
import { CONFIG_SETTINGS, envPrefix } from '@modelgate/config';
import { PROVIDER_DISCOVERY } from '@modelgate/providers';

export { CONFIG_SETTINGS };

/** `<TYPE>_API_KEY` (or `_BASE_URL` for keyless types) and every per-type setting of every registered provider. */
export const PROVIDERS_DOCUMENTED: string[] = PROVIDER_DISCOVERY.flatMap((discovery) => {
  const prefix = envPrefix(discovery.type);
  return [
    discovery.keyless ? `${prefix}_BASE_URL` : `${prefix}_API_KEY`,
    ...(discovery.requiresBaseUrl ? [`${prefix}_BASE_URL`] : []),
    ...(discovery.apiVersionDefault ? [`${prefix}_API_VERSION`] : []),
    ...Object.keys(discovery.settings ?? {}).map((key) => `${prefix}_${key}`),
  ];
});
