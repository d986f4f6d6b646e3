// The admin operations on virtual models: GoModel's validation on write (each target resolves now or names another
// virtual model, chains stay acyclic and at most 8 deep, declared ones are read-only, one others chain through is
// neither deleted nor renamed), views with what each resolves to now, and a reload of the routing rules after a write.
import { Injectable, Logger } from '@nestjs/common';
import { chainedSource, findChainProblem, type VirtualModelSpec, type VirtualModelStrategy } from '@modelgate/config';
import { GatewayError } from '@modelgate/core';
import { VirtualModelStore } from '@modelgate/storage';
import { ModelCatalog } from '../model-catalog.service.js';
import type { VirtualModelDefinition, VirtualModelOrigin } from './routing-rules.js';
import { RoutingRulesService } from './routing-rules.service.js';

/** GoModel's view of a redirect, plus `origin` (where it is declared; `managed` ones change in their config only). */
export interface VirtualModelView {
  source: string;
  kind: 'redirect';
  targets: { provider?: string; model: string; weight: number }[];
  strategy: VirtualModelStrategy;
  session_affinity?: boolean;
  user_paths?: string[];
  description?: string;
  enabled: boolean;
  managed?: boolean;
  origin: VirtualModelOrigin;
  /** `instance/model` the first servable target is now; '' when none is. */
  resolved_model: string;
  provider_type?: string;
  valid: boolean;
  created_at: string | null;
  updated_at: string | null;
}

const READ_ONLY_AT: Record<Exclude<VirtualModelOrigin, 'admin'>, string> = { env: 'VIRTUAL_MODELS', config: 'config.yaml' };

function notFound(source: string): GatewayError {
  return GatewayError.notFound(`virtual model not found: ${source}; GET /admin/virtual-models lists them`, {
    param: 'source',
    code: 'virtual_model_not_found',
  });
}

function selectorText(target: VirtualModelSpec['targets'][number]): string {
  return target.provider === null ? target.model : `${target.provider}/${target.model}`;
}

@Injectable()
export class VirtualModelService {
  private readonly logger = new Logger('Routing');

  constructor(
    private readonly store: VirtualModelStore,
    private readonly catalog: ModelCatalog,
    private readonly rules: RoutingRulesService,
  ) {}

  /** Every virtual model in force or stored, declared ones included, by source. */
  list(): VirtualModelView[] {
    return this.definitions().map((definition) => this.toView(definition));
  }

  definitions(): readonly VirtualModelDefinition[] {
    return this.catalog.routingRules().virtualModels;
  }

  /** Creates or replaces `spec.source`; with `oldSource`, moves the virtual model there to the new source. */
  async put(spec: VirtualModelSpec, oldSource?: string): Promise<VirtualModelView> {
    const known = this.definitions();
    this.assertWritable(spec.source, known);
    const renamed = oldSource !== undefined && oldSource !== '' && oldSource !== spec.source ? oldSource : undefined;
    if (renamed !== undefined) {
      this.assertWritable(renamed, known);
      if (!known.some((definition) => definition.source === renamed && definition.origin === 'admin')) throw notFound(renamed);
      if (known.some((definition) => definition.source === spec.source)) {
        throw GatewayError.conflict(`virtual model '${spec.source}' already exists; rename onto a free name`, {
          param: 'source',
          code: 'virtual_model_exists',
        });
      }
      this.assertNotChainedThrough(renamed, known, 'renamed');
    }
    // The written one first, so a cycle is spelled out from it.
    const after = [spec, ...known.filter((definition) => definition.source !== spec.source && definition.source !== renamed)];
    this.validateTargets(spec, new Set(after.map((definition) => definition.source)));
    const problem = findChainProblem(after);
    if (problem !== undefined) throw GatewayError.badRequest(problem, { param: 'targets', code: 'virtual_model_chain' });

    const existing = await this.store.get(renamed ?? spec.source);
    const now = new Date();
    const row = { ...spec, createdAt: existing?.createdAt ?? now, updatedAt: now };
    await this.store.put(row);
    if (renamed !== undefined) await this.store.delete(renamed);
    this.logger.log(
      `virtual model '${spec.source}'${renamed === undefined ? '' : ` (was '${renamed}')`} -> ${spec.strategy} over ` +
        `${spec.targets.map(selectorText).join(', ')}${spec.enabled ? '' : ' (disabled)'}`,
    );
    await this.rules.afterWrite();
    return this.toView({ ...row, origin: 'admin' });
  }

  async delete(source: string): Promise<void> {
    const known = this.definitions();
    this.assertWritable(source, known);
    this.assertNotChainedThrough(source, known, 'deleted');
    if (!(await this.store.delete(source))) throw notFound(source);
    this.logger.log(`virtual model '${source}' deleted`);
    await this.rules.afterWrite();
  }

  toView(definition: VirtualModelDefinition): VirtualModelView {
    const redirect = this.catalog.routingRules().definedRedirect(definition.source);
    const target = redirect === undefined ? undefined : this.catalog.previewRedirect(redirect);
    return {
      source: definition.source,
      kind: 'redirect',
      targets: definition.targets.map(({ provider, model, weight }) => ({ ...(provider === null ? {} : { provider }), model, weight })),
      strategy: definition.strategy,
      ...(definition.sessionAffinity === null ? {} : { session_affinity: definition.sessionAffinity }),
      ...(definition.userPaths.length === 0 ? {} : { user_paths: definition.userPaths }),
      ...(definition.description === null ? {} : { description: definition.description }),
      enabled: definition.enabled,
      ...(definition.origin === 'admin' ? {} : { managed: true }),
      origin: definition.origin,
      resolved_model: target === undefined ? '' : `${target.adapter.config.name}/${target.model}`,
      ...(target === undefined ? {} : { provider_type: target.adapter.config.type }),
      valid: target !== undefined,
      created_at: definition.createdAt?.toISOString() ?? null,
      updated_at: definition.updatedAt?.toISOString() ?? null,
    };
  }

  private assertWritable(source: string, known: readonly VirtualModelDefinition[]): void {
    const declared = known.find((definition) => definition.source === source && definition.origin !== 'admin');
    if (declared === undefined || declared.origin === 'admin') return;
    throw GatewayError.badRequest(`virtual model '${source}' is declared in ${READ_ONLY_AT[declared.origin]}; change it there`, {
      param: 'source',
      code: 'virtual_model_read_only',
    });
  }

  private assertNotChainedThrough(source: string, known: readonly VirtualModelDefinition[], action: string): void {
    const sources = new Set(known.map((definition) => definition.source));
    const users = known
      .filter((definition) => definition.targets.some((target) => chainedSource(definition.source, target, sources) === source))
      .map((definition) => `'${definition.source}'`);
    if (users.length === 0) return;
    throw GatewayError.conflict(
      `virtual model '${source}' cannot be ${action}: ${users.join(', ')} chain${users.length === 1 ? 's' : ''} through it; repoint ${users.length === 1 ? 'it' : 'them'} first`,
      { param: 'source', code: 'virtual_model_in_use' },
    );
  }

  /** Each target names a virtual model, or resolves to a served model now (its provider configured). */
  private validateTargets(spec: VirtualModelSpec, sources: ReadonlySet<string>): void {
    for (const [index, target] of spec.targets.entries()) {
      if (chainedSource(spec.source, target, sources) !== undefined) continue;
      try {
        this.catalog.resolveSelector(target.model, target.provider ?? undefined);
      } catch (err) {
        const reason = err instanceof GatewayError ? `: ${err.message}` : '';
        throw GatewayError.badRequest(`target model not found: ${selectorText(target)}${reason}`, { param: `targets[${index}].model` });
      }
    }
  }
}
