import { Module } from '@nestjs/common';
import { GuardrailRegistry } from './guardrail-registry.service.js';

/**
 * The guardrail definitions (GuardrailRegistry). GuardrailPolicy, which runs them, is listed among the pipeline's
 * policies by the composition root when GUARDRAILS_ENABLED is on, with this module among the pipeline's imports.
 */
@Module({ providers: [GuardrailRegistry], exports: [GuardrailRegistry] })
export class GuardrailsModule {}
