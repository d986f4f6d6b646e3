// The effective configuration, as loaded at start-up, with every secret masked.
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CONFIG_SETTINGS, type GatewayConfig } from '@modelgate/config';
import { maskConfig } from './mask-config.js';

const SECTIONS: (keyof GatewayConfig)[] = [
  'server',
  'http',
  'models',
  'failover',
  'usage',
  'logging',
  'admin',
  'metrics',
  'storage',
  'pricing',
  'responseCache',
  'providers',
  'ignoredSettings',
  'warnings',
];

/** The config-tree leaves that hold secrets: the settings marked `secret` (same names in the tree) and provider keys. */
const SECRET_NAMES: ReadonlySet<string> = new Set([
  ...Object.entries(CONFIG_SETTINGS)
    .filter(([, setting]) => 'secret' in setting && setting.secret === true)
    .map(([name]) => name),
  'apiKey',
]);

@Injectable()
export class RuntimeConfigService {
  constructor(private readonly config: ConfigService) {}

  effective(): Record<string, unknown> {
    const tree: Record<string, unknown> = {};
    for (const section of SECTIONS) tree[section] = this.config.get<unknown>(section);
    return maskConfig(tree, SECRET_NAMES);
  }
}
