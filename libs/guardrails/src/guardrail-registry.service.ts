// The guardrails that exist: config.yaml's rules (read-only, they win by name) and the definitions stored through the
// admin API, built into steps once per change, so a call only reads the precomputed steps.
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { GuardrailsConfig } from '@modelgate/config';
import { GatewayError } from '@modelgate/core';
import { GuardrailDefinitionStore, type GuardrailDefinitionRow } from '@modelgate/storage';
import type { Guardrail, GuardrailStep } from './guardrail.js';
import { buildGuardrail, buildRule, type GuardrailDefinition } from './guardrail-definition.js';
import { toGuardrailSteps } from './run-guardrail-steps.js';
import { GuardrailConfigError } from './types/guardrail-type.js';
import { guardrailTypeOf } from './types/guardrail-types.js';

export interface GuardrailView extends GuardrailDefinition {
  /** `config` for a config.yaml rule (read-only), `stored` for one of the admin API. */
  source: 'config' | 'stored';
  summary: string;
  createdAt: Date | null;
  updatedAt: Date | null;
}

/** What PUT /admin/guardrails/{name} sends. */
export interface GuardrailChange {
  type: string;
  description?: string | null;
  userPath?: string | null;
  order?: number;
  config?: Record<string, unknown>;
}

interface Built {
  view: GuardrailView;
  guardrail: Guardrail;
}

@Injectable()
export class GuardrailRegistry implements OnModuleInit {
  private readonly logger = new Logger(GuardrailRegistry.name);
  private readonly configured: Built[];
  private stored: Built[] = [];
  private steps: readonly GuardrailStep[] = [];

  constructor(
    config: GuardrailsConfig,
    private readonly store: GuardrailDefinitionStore,
  ) {
    this.configured = config.rules.map((rule, index) => {
      const { definition, guardrail } = buildRule(rule, index);
      return { view: viewOf(definition, 'config', null), guardrail };
    });
    this.rebuild();
  }

  async onModuleInit(): Promise<void> {
    await this.reload();
  }

  /** Every guardrail, grouped into steps by order (within a step: config.yaml's in their order, then stored by name). */
  allSteps(): readonly GuardrailStep[] {
    return this.steps;
  }

  list(): GuardrailView[] {
    return [...this.configured, ...this.stored].map((built) => built.view).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Creates or replaces a stored definition; the config is checked against its type (400 naming the field). */
  async put(name: string, change: GuardrailChange): Promise<GuardrailView> {
    if (name.includes('/')) throw GatewayError.badRequest(`guardrail name '${name}' may not contain '/'`, { param: 'name' });
    if (this.configured.some((built) => built.view.name === name)) {
      throw GatewayError.badRequest(`guardrail '${name}' is declared in config.yaml and cannot be changed through the admin API`);
    }
    const type = guardrailTypeOf(change.type);
    if (type === undefined)
      throw GatewayError.badRequest(`guardrail type '${change.type}' is unknown; GET /admin/guardrails/types lists them`, {
        param: 'type',
      });
    const definition: GuardrailDefinition = {
      name,
      type: type.type,
      description: change.description ?? null,
      userPath: change.userPath ?? null,
      order: change.order ?? 0,
      config: change.config ?? {},
    };
    try {
      buildGuardrail(definition);
    } catch (err) {
      if (err instanceof GuardrailConfigError) throw GatewayError.badRequest(`config: ${err.message}`, { param: 'config' });
      throw err;
    }
    const now = new Date();
    const existing = await this.store.get(name);
    const row: GuardrailDefinitionRow = { ...toRow(definition), createdAt: existing?.createdAt ?? now, updatedAt: now };
    await this.store.put(row);
    await this.reload();
    return viewOf(definition, 'stored', row);
  }

  async delete(name: string): Promise<void> {
    if (this.configured.some((built) => built.view.name === name)) {
      throw GatewayError.badRequest(`guardrail '${name}' is declared in config.yaml and cannot be deleted through the admin API`);
    }
    if (!(await this.store.delete(name)))
      throw GatewayError.notFound(`guardrail '${name}' does not exist; GET /admin/guardrails lists them`);
    await this.reload();
  }

  /** Reads the stored definitions again; one that no longer fits its type is left out, with a warning. */
  async reload(): Promise<void> {
    const rows = await this.store.list();
    const configured = new Set(this.configured.map((built) => built.view.name));
    const stored: Built[] = [];
    for (const row of rows) {
      if (configured.has(row.name)) continue;
      const definition = fromRow(row);
      try {
        stored.push({ view: viewOf(definition, 'stored', row), guardrail: buildGuardrail(definition) });
      } catch (err) {
        if (!(err instanceof GuardrailConfigError)) throw err;
        this.logger.warn(`stored guardrail '${row.name}' is left out: ${err.message}`);
      }
    }
    this.stored = stored;
    this.rebuild();
  }

  private rebuild(): void {
    const all = [...this.configured, ...this.stored];
    this.steps = toGuardrailSteps(all.map(({ view, guardrail }) => ({ order: view.order, guardrail })));
  }
}

function viewOf(definition: GuardrailDefinition, source: GuardrailView['source'], row: GuardrailDefinitionRow | null): GuardrailView {
  const type = guardrailTypeOf(definition.type)!;
  return {
    ...definition,
    source,
    summary: type.summary(definition.config),
    createdAt: row?.createdAt ?? null,
    updatedAt: row?.updatedAt ?? null,
  };
}

function toRow(definition: GuardrailDefinition): Omit<GuardrailDefinitionRow, 'createdAt' | 'updatedAt'> {
  const { order, ...rest } = definition;
  return { ...rest, step: order };
}

function fromRow(row: GuardrailDefinitionRow): GuardrailDefinition {
  return { name: row.name, type: row.type, description: row.description, userPath: row.userPath, order: row.step, config: row.config };
}
