// The guardrails that exist, as steps ready to run: built once from config.yaml's rules.
import { Injectable } from '@nestjs/common';
import { GuardrailsConfig } from '@modelgate/config';
import type { GuardrailStep } from './guardrail.js';
import { buildRule, type GuardrailDefinition } from './guardrail-definition.js';
import { toGuardrailSteps } from './run-guardrail-steps.js';

@Injectable()
export class GuardrailRegistry {
  private readonly definitions: GuardrailDefinition[];
  private readonly steps: readonly GuardrailStep[];

  constructor(config: GuardrailsConfig) {
    const built = config.rules.map(buildRule);
    this.definitions = built.map(({ definition }) => definition);
    this.steps = toGuardrailSteps(built.map(({ definition, guardrail }) => ({ order: definition.order, guardrail })));
  }

  /** Every enabled guardrail, grouped into steps by order. */
  allSteps(): readonly GuardrailStep[] {
    return this.steps;
  }

  list(): readonly GuardrailDefinition[] {
    return this.definitions;
  }
}
