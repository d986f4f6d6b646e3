// The admin operations on aliases: GoModel's validation on write (the target resolves, is not an alias, is not the
// alias itself), views with the target each alias resolves to now, and a reload of the routing rules after each write.
import { Injectable, Logger } from '@nestjs/common';
import { GatewayError } from '@modelgate/core';
import { AliasStore } from '@modelgate/storage';
import { ModelCatalog } from '../model-catalog.service.js';
import { toRedirect, type AliasDefinition, type AliasOrigin } from './routing-rules.js';
import { RoutingRulesService } from './routing-rules.service.js';

/** GoModel's alias view, plus where the alias is declared (`config` ones are changed in config.yaml only). */
export interface AliasView {
  name: string;
  target_model: string;
  target_provider?: string;
  description?: string;
  enabled: boolean;
  created_at: string | null;
  updated_at: string | null;
  /** `instance/model` the alias resolves to now; '' when it does not resolve. */
  resolved_model: string;
  provider_type?: string;
  valid: boolean;
  source: AliasOrigin;
}

export interface AliasInput {
  targetModel: string;
  targetProvider?: string;
  description?: string;
  enabled?: boolean;
}

/** The store's column widths. */
const MAX_NAME_LENGTH = 256;

function notFound(name: string): GatewayError {
  return GatewayError.notFound(`alias '${name}' does not exist; GET /admin/aliases lists them`, { param: 'name', code: 'alias_not_found' });
}

function declaredInConfig(name: string): GatewayError {
  return GatewayError.badRequest(`alias '${name}' is declared in config.yaml; change it there`, { param: 'name', code: 'alias_read_only' });
}

@Injectable()
export class AliasService {
  private readonly logger = new Logger('Routing');

  constructor(
    private readonly store: AliasStore,
    private readonly catalog: ModelCatalog,
    private readonly rules: RoutingRulesService,
  ) {}

  /** Every alias, config.yaml's and stored ones, by name. */
  list(): AliasView[] {
    return this.catalog.routingRules().aliases.map((alias) => this.toView(alias));
  }

  async put(rawName: string, input: AliasInput): Promise<AliasView> {
    const name = rawName.trim();
    if (name === '') throw GatewayError.badRequest('alias name is required', { param: 'name' });
    if (name.length > MAX_NAME_LENGTH)
      throw GatewayError.badRequest(`an alias name has at most ${MAX_NAME_LENGTH} characters`, { param: 'name' });
    const known = this.catalog.routingRules().aliases;
    if (known.some((alias) => alias.name === name && alias.origin === 'config')) throw declaredInConfig(name);
    const targetModel = input.targetModel.trim();
    const targetProvider = input.targetProvider?.trim() || null;
    this.validateTarget(name, targetModel, targetProvider, known);
    const existing = await this.store.get(name);
    const now = new Date();
    const row = {
      name,
      targetModel,
      targetProvider,
      description: input.description?.trim() || null,
      enabled: input.enabled ?? existing?.enabled ?? true,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await this.store.put(row);
    this.logger.log(
      `alias '${name}' -> ${targetProvider === null ? targetModel : `${targetProvider}/${targetModel}`}${row.enabled ? '' : ' (disabled)'}`,
    );
    await this.rules.afterWrite();
    return this.toView({ ...row, origin: 'admin' });
  }

  async delete(rawName: string): Promise<void> {
    const name = rawName.trim();
    if (this.catalog.routingRules().aliases.some((alias) => alias.name === name && alias.origin === 'config')) throw declaredInConfig(name);
    if (!(await this.store.delete(name))) throw notFound(name);
    this.logger.log(`alias '${name}' deleted`);
    await this.rules.afterWrite();
  }

  private validateTarget(name: string, targetModel: string, targetProvider: string | null, known: readonly AliasDefinition[]): void {
    if (targetModel === '') throw GatewayError.badRequest('target_model is required', { param: 'target_model' });
    const qualified = targetProvider === null ? targetModel : `${targetProvider}/${targetModel}`;
    if (qualified === name) throw GatewayError.badRequest(`alias '${name}' cannot target itself`, { param: 'target_model' });
    if (known.some((alias) => alias.name === qualified && alias.name !== name)) {
      throw GatewayError.badRequest(`alias target '${qualified}' refers to another alias`, { param: 'target_model' });
    }
    try {
      this.catalog.resolveSelector(targetModel, targetProvider ?? undefined);
    } catch (err) {
      const reason = err instanceof GatewayError ? `: ${err.message}` : '';
      throw GatewayError.badRequest(`target model not found: ${qualified}${reason}`, { param: 'target_model' });
    }
  }

  private toView(alias: AliasDefinition): AliasView {
    const target = this.catalog.followRedirect(toRedirect(alias));
    return {
      name: alias.name,
      target_model: alias.targetModel,
      ...(alias.targetProvider === null ? {} : { target_provider: alias.targetProvider }),
      ...(alias.description === null ? {} : { description: alias.description }),
      enabled: alias.enabled,
      created_at: alias.createdAt?.toISOString() ?? null,
      updated_at: alias.updatedAt?.toISOString() ?? null,
      resolved_model: target === undefined ? '' : `${target.adapter.config.name}/${target.model}`,
      ...(target === undefined ? {} : { provider_type: target.adapter.config.type }),
      valid: target !== undefined,
      source: alias.origin,
    };
  }
}
