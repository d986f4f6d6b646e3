// The admin operations on model overrides: selectors parsed against the configured instances, user paths normalised
// (sorted, de-duplicated, at least one), and a reload of the routing rules after each write.
import { Injectable, Logger } from '@nestjs/common';
import { ModelsConfig } from '@modelgate/config';
import { GatewayError, parseUserPath } from '@modelgate/core';
import { ModelOverrideStore, type ModelOverrideRow } from '@modelgate/storage';
import { ModelCatalog } from '../model-catalog.service.js';
import { parseAccessSelector, scopeOf, type AccessScope } from './access-selector.js';
import { RoutingRulesService } from './routing-rules.service.js';

/** GoModel's override view. */
export interface ModelOverrideView {
  selector: string;
  provider_name?: string;
  model?: string;
  user_paths: string[];
  created_at: string;
  updated_at: string;
  scope_kind: AccessScope;
}

export function toModelOverrideView(row: ModelOverrideRow): ModelOverrideView {
  return {
    selector: row.selector,
    ...(row.providerName === null ? {} : { provider_name: row.providerName }),
    ...(row.model === null ? {} : { model: row.model }),
    user_paths: row.userPaths,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    scope_kind: scopeOf(row),
  };
}

/** Each path normalised as the user path header is; the list sorted and without repeats; empty is refused. */
export function normaliseUserPaths(paths: readonly string[]): string[] {
  const normalised = [...new Set(paths.map((path) => parseUserPath(path, 'user_paths', 'user_paths value')))].sort();
  if (normalised.length === 0)
    throw GatewayError.badRequest('user_paths is required: list the user paths that may use the models', { param: 'user_paths' });
  return normalised;
}

function overridesDisabled(): GatewayError {
  return new GatewayError(503, 'invalid_request_error', 'model overrides are disabled: set MODEL_OVERRIDES_ENABLED=true to manage them', {
    code: 'feature_unavailable',
  });
}

@Injectable()
export class ModelOverrideService {
  private readonly logger = new Logger('Routing');

  constructor(
    private readonly store: ModelOverrideStore,
    private readonly catalog: ModelCatalog,
    private readonly rules: RoutingRulesService,
    private readonly models: ModelsConfig,
  ) {}

  async list(): Promise<ModelOverrideView[]> {
    this.assertEnabled();
    return (await this.store.list()).map(toModelOverrideView);
  }

  async put(rawSelector: string, userPaths: readonly string[]): Promise<ModelOverrideView> {
    this.assertEnabled();
    const selector = parseAccessSelector(rawSelector, this.catalog.instanceNames());
    const paths = normaliseUserPaths(userPaths);
    const existing = await this.store.get(selector.selector);
    const now = new Date();
    const row: ModelOverrideRow = { ...selector, userPaths: paths, createdAt: existing?.createdAt ?? now, updatedAt: now };
    await this.store.put(row);
    this.logger.log(`model override '${row.selector}' -> ${paths.join(', ')}`);
    await this.rules.afterWrite();
    return toModelOverrideView(row);
  }

  async delete(rawSelector: string): Promise<void> {
    this.assertEnabled();
    const { selector } = parseAccessSelector(rawSelector, this.catalog.instanceNames());
    if (!(await this.store.delete(selector))) {
      throw GatewayError.notFound(`no model override for '${selector}'; GET /admin/model-overrides lists them`, {
        param: 'selector',
        code: 'model_override_not_found',
      });
    }
    this.logger.log(`model override '${selector}' deleted`);
    await this.rules.afterWrite();
  }

  private assertEnabled(): void {
    if (!this.models.overridesEnabled) throw overridesDisabled();
  }
}
