// `system_prompt` (GoModel §8.3): inject a system message when there is none, override every system message with
// one, or decorate the first system message with a prefix (adding one when there is none).
import type { GuardedMessage, Guardrail } from '../guardrail.js';
import { assertKnownFields, GuardrailConfigError, type GuardrailType, type GuardrailTypeField } from './guardrail-type.js';

const MODES = ['inject', 'override', 'decorator'] as const;
type SystemPromptMode = (typeof MODES)[number];

export function applySystemPrompt(messages: readonly GuardedMessage[], mode: SystemPromptMode, content: string): readonly GuardedMessage[] {
  const first = messages.findIndex((message) => message.role === 'system');
  const added: GuardedMessage = { role: 'system', content };
  switch (mode) {
    case 'inject':
      return first === -1 ? [added, ...messages] : messages;
    case 'override':
      return [added, ...messages.filter((message) => message.role !== 'system')];
    case 'decorator': {
      if (first === -1) return [added, ...messages];
      const decorated = [...messages];
      decorated[first] = { ...messages[first]!, content: `${content}\n${messages[first]!.content}` };
      return decorated;
    }
  }
}

const FIELDS: GuardrailTypeField[] = [
  {
    key: 'mode',
    label: 'Mode',
    input: 'select',
    required: false,
    help: 'inject: add a system message only when there is none; override: replace every system message; decorator: prefix the first system message',
    options: MODES.map((mode) => ({ value: mode, label: mode })),
  },
  {
    key: 'content',
    label: 'Content',
    input: 'textarea',
    required: true,
    help: 'The system prompt text',
    placeholder: 'You are a helpful assistant.',
  },
];

export const SYSTEM_PROMPT_TYPE: GuardrailType = {
  type: 'system_prompt',
  label: 'System prompt',
  description: 'Injects, overrides or decorates the system prompt of chat, responses and messages requests',
  defaults: { mode: 'inject', content: '' },
  fields: FIELDS,
  summary: (config) => `${typeof config.mode === 'string' ? config.mode : 'inject'}: ${String(config.content).slice(0, 80)}`,
  build(name, config): Guardrail {
    assertKnownFields(config, FIELDS);
    const mode = config.mode ?? 'inject';
    if (typeof mode !== 'string' || !MODES.includes(mode as SystemPromptMode))
      throw new GuardrailConfigError(`mode must be one of: ${MODES.join(', ')}`);
    const { content } = config;
    if (typeof content !== 'string' || content === '') throw new GuardrailConfigError('content is required');
    return {
      name,
      type: 'system_prompt',
      process: (messages) => applySystemPrompt(messages, mode as SystemPromptMode, content),
    };
  },
};
