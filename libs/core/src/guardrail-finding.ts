/** What a guardrail found in a request (a `log`, `redact` or `block` rule that matched), for the audit entry. */
export interface GuardrailFinding {
  /** The rule's name. */
  rule: string;
  /** What was found: `openai_key`, `email`, `credit_card` ... */
  kind: string;
  action: 'block' | 'redact' | 'log';
  /** How many times it occurs in the request. */
  count: number;
}
