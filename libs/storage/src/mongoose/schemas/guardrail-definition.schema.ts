// The `guardrail_definitions` collection: `_id` = the definition's name.
import { Schema } from 'mongoose';
import type { GuardrailDefinitionRow } from '../../stores/guardrail-definition.store.js';

export const GUARDRAIL_DEFINITION_MODEL = 'GuardrailDefinition';

export type GuardrailDefinitionDocument = Omit<GuardrailDefinitionRow, 'name'> & { _id: string };

export const guardrailDefinitionSchema = new Schema<GuardrailDefinitionDocument>(
  {
    _id: { type: String, required: true },
    type: { type: String, required: true, index: true },
    description: { type: String, default: null },
    userPath: { type: String, default: null },
    step: { type: Number, required: true },
    config: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  // `minimize: false` keeps an empty config object instead of dropping the field.
  { collection: 'guardrail_definitions', versionKey: false, minimize: false },
);
