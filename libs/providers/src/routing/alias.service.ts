// The alias admin API over virtual models: an alias is a virtual model with one target, so /admin/aliases reads and
// writes the same records as /admin/virtual-models (one source of truth). GoModel's alias rules apply on write (the
// target resolves, is not a virtual model, is not the alias itself); a virtual model with several targets is
// changed through /admin/virtual-models only.
import { Injectable } from '@nestjs/common';
import { GatewayError } from '@modelgate/core';
import type { VirtualModelDefinition, VirtualModelOrigin } from './routing-rules.js';
import { VirtualModelService, type VirtualModelView } from './virtual-model.service.js';

/** GoModel's alias view, plus where the alias is declared (`config`/`env` ones are changed there only). */
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
  source: VirtualModelOrigin;
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

function declared(alias: VirtualModelDefinition): GatewayError {
  return GatewayError.badRequest(
    `alias '${alias.source}' is declared in ${alias.origin === 'env' ? 'VIRTUAL_MODELS' : 'config.yaml'}; change it there`,
    {
      param: 'name',
      code: 'alias_read_only',
    },
  );
}

function notAnAlias(model: VirtualModelDefinition): GatewayError {
  return GatewayError.conflict(
    `'${model.source}' is a virtual model with ${model.targets.length} targets, not an alias; change it through /admin/virtual-models`,
    { param: 'name', code: 'not_an_alias' },
  );
}

function toAliasView(model: VirtualModelView): AliasView {
  const target = model.targets[0]!;
  return {
    name: model.source,
    target_model: target.model,
    ...(target.provider === undefined ? {} : { target_provider: target.provider }),
    ...(model.description === undefined ? {} : { description: model.description }),
    enabled: model.enabled,
    created_at: model.created_at,
    updated_at: model.updated_at,
    resolved_model: model.resolved_model,
    ...(model.provider_type === undefined ? {} : { provider_type: model.provider_type }),
    valid: model.valid,
    source: model.origin,
  };
}

@Injectable()
export class AliasService {
  constructor(private readonly virtualModels: VirtualModelService) {}

  /** Every virtual model with one target (declared and stored), by name. */
  list(): AliasView[] {
    return this.virtualModels
      .definitions()
      .filter((model) => model.targets.length === 1)
      .map((alias) => toAliasView(this.virtualModels.toView(alias)));
  }

  async put(rawName: string, input: AliasInput): Promise<AliasView> {
    const name = rawName.trim();
    if (name === '') throw GatewayError.badRequest('alias name is required', { param: 'name' });
    if (name.length > MAX_NAME_LENGTH)
      throw GatewayError.badRequest(`an alias name has at most ${MAX_NAME_LENGTH} characters`, { param: 'name' });
    const known = this.virtualModels.definitions();
    const existing = known.find((model) => model.source === name);
    if (existing !== undefined && existing.origin !== 'admin') throw declared(existing);
    if (existing !== undefined && existing.targets.length !== 1) throw notAnAlias(existing);
    const targetModel = input.targetModel.trim();
    const targetProvider = input.targetProvider?.trim() || null;
    if (targetModel === '') throw GatewayError.badRequest('target_model is required', { param: 'target_model' });
    const qualified = targetProvider === null ? targetModel : `${targetProvider}/${targetModel}`;
    if (qualified === name) throw GatewayError.badRequest(`alias '${name}' cannot target itself`, { param: 'target_model' });
    if (known.some((model) => model.source === qualified && model.source !== name)) {
      throw GatewayError.badRequest(`alias target '${qualified}' refers to another alias`, { param: 'target_model' });
    }
    const saved = await this.virtualModels.put({
      source: name,
      targets: [{ model: targetModel, provider: targetProvider, weight: 1 }],
      strategy: existing?.strategy ?? 'round_robin',
      userPaths: existing?.userPaths ?? [],
      description: input.description?.trim() || null,
      enabled: input.enabled ?? existing?.enabled ?? true,
      sessionAffinity: existing?.sessionAffinity ?? null,
    });
    return toAliasView(saved);
  }

  async delete(rawName: string): Promise<void> {
    const name = rawName.trim();
    const existing = this.virtualModels.definitions().find((model) => model.source === name);
    if (existing === undefined) throw notFound(name);
    if (existing.origin !== 'admin') throw declared(existing);
    if (existing.targets.length !== 1) throw notAnAlias(existing);
    await this.virtualModels.delete(name);
  }
}
