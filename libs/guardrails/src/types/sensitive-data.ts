// `secret_detection` and `pii_detection`: built-in, no model call. Each rule scans the text of the messages it
// selects once and, per its `action`, refuses the request (`block`: 400 naming the rule, nothing sent upstream),
// replaces each finding by `[REDACTED:<kind>]` before the provider sees it (`redact`), or only notes it (`log`).
// Findings go on the request for the audit entry; a blocked or redacted text is never kept there either.
import { GatewayError, type RequestContext } from '@modelgate/core';
import { redactDetections, SensitiveTextScanner, type Detection } from '../detection/sensitive-text-scanner.js';
import { KIND_LABELS, PII_KINDS, SECRET_KINDS, type SensitiveKind } from '../detection/sensitive-kinds.js';
import type { GuardedMessage, Guardrail } from '../guardrail.js';
import {
  assertKnownFields,
  GuardrailConfigError,
  readOptionalList,
  type GuardrailType,
  type GuardrailTypeField,
} from './guardrail-type.js';

const ACTIONS = ['block', 'redact', 'log'] as const;
type SensitiveAction = (typeof ACTIONS)[number];
const ROLES = ['system', 'developer', 'user', 'assistant', 'tool', 'function_call_output'] as const;

interface SensitiveDataRule {
  name: string;
  type: string;
  action: SensitiveAction;
  kinds: readonly SensitiveKind[];
  /** Undefined: every message. */
  roles: readonly string[] | undefined;
}

class SensitiveDataGuardrail implements Guardrail {
  readonly name: string;
  readonly type: string;
  private readonly scanner: SensitiveTextScanner;

  constructor(private readonly rule: SensitiveDataRule) {
    this.name = rule.name;
    this.type = rule.type;
    this.scanner = new SensitiveTextScanner(rule.kinds);
  }

  process(messages: readonly GuardedMessage[], ctx: RequestContext): readonly GuardedMessage[] {
    const { action, roles } = this.rule;
    let out: GuardedMessage[] | undefined;
    const counts = new Map<SensitiveKind, number>();
    for (let i = 0; i < messages.length; i++) {
      const message = messages[i]!;
      if (message.content === '' || (roles !== undefined && !roles.includes(message.role))) continue;
      const found = this.scanner.find(message.content);
      if (found.length === 0) continue;
      for (const { kind } of found) counts.set(kind, (counts.get(kind) ?? 0) + 1);
      if (action === 'log') continue;
      keepFromAudit(ctx, message.content, found);
      if (action === 'redact') (out ??= [...messages])[i] = { ...message, content: redactDetections(message.content, found) };
    }
    if (counts.size === 0) return messages;
    for (const [kind, count] of counts) (ctx.guardrailFindings ??= []).push({ rule: this.name, kind, action, count });
    if (action === 'block') {
      const what = [...counts.keys()].map((kind) => KIND_LABELS[kind]).join(', ');
      throw GatewayError.badRequest(`guardrail '${this.name}' blocked the request: it contains ${what}; remove it and try again`, {
        code: 'guardrail_blocked',
      });
    }
    return out ?? messages;
  }
}

/** The audit log replaces what the provider never saw (RequestContext.redactions). */
function keepFromAudit(ctx: RequestContext, text: string, found: readonly Detection[]): void {
  const redactions = (ctx.redactions ??= new Map());
  for (const { kind, start, end } of found) redactions.set(text.slice(start, end), `[REDACTED:${kind}]`);
}

function fieldsOf(kinds: readonly SensitiveKind[]): GuardrailTypeField[] {
  return [
    {
      key: 'action',
      label: 'Action',
      input: 'select',
      required: true,
      help: 'block: refuse the request (400); redact: replace each finding by [REDACTED:<kind>] before the provider sees it; log: note it in the audit log only',
      options: ACTIONS.map((action) => ({ value: action, label: action })),
    },
    {
      key: 'detectors',
      label: 'Detectors',
      input: 'multiselect',
      required: false,
      help: 'What to look for (default: all)',
      options: kinds.map((kind) => ({ value: kind, label: KIND_LABELS[kind] })),
    },
    {
      key: 'roles',
      label: 'Roles',
      input: 'multiselect',
      required: false,
      help: 'The messages to scan, by role (default: all)',
      options: ROLES.map((role) => ({ value: role, label: role })),
    },
  ];
}

function sensitiveDataType(type: string, label: string, description: string, kinds: readonly SensitiveKind[]): GuardrailType {
  const fields = fieldsOf(kinds);
  return {
    type,
    label,
    description,
    defaults: { action: 'block', detectors: [...kinds] },
    fields,
    summary: (config) => `${String(config.action)}: ${Array.isArray(config.detectors) ? config.detectors.join(', ') : 'all'}`,
    build(name, config) {
      assertKnownFields(config, fields);
      const { action } = config;
      if (typeof action !== 'string' || !ACTIONS.includes(action as SensitiveAction)) {
        throw new GuardrailConfigError(`action is required: one of ${ACTIONS.join(', ')}`);
      }
      const detectors = readOptionalList(config, 'detectors', kinds);
      if (detectors?.length === 0) throw new GuardrailConfigError('detectors may not be empty (leave it out for all)');
      return new SensitiveDataGuardrail({
        name,
        type,
        action: action as SensitiveAction,
        kinds: detectors ?? kinds,
        roles: readOptionalList(config, 'roles', ROLES),
      });
    },
  };
}

export const SECRET_DETECTION_TYPE = sensitiveDataType(
  'secret_detection',
  'Secret detection',
  'Finds API keys and tokens (OpenAI, Anthropic, AWS, GitHub, Google, Slack, Stripe, JWTs) and private keys, without a model call',
  SECRET_KINDS,
);

export const PII_DETECTION_TYPE = sensitiveDataType(
  'pii_detection',
  'PII detection',
  'Finds payment card numbers (Luhn-checked), e-mail addresses and phone numbers, without a model call',
  PII_KINDS,
);
