// Fields the translation adds on Anthropic's terms that another model may refuse: Claude Code sends `thinking` and
// a max_tokens sized for Claude (32000) whatever the model, and gpt-4o answers 400 to reasoning_effort or to more
// than its 16384 output tokens. Such a refusal, before anything was answered, is retried once without the fields
// it names: thinking is a preference, and the client's max_tokens is a ceiling the model's own limit stays under.
import { isGatewayError, type ChatCompletionRequest } from '@modelgate/core';

const RELAXABLE: { field: string; named: RegExp }[] = [
  { field: 'reasoning_effort', named: /reasoning/i },
  { field: 'max_completion_tokens', named: /max_(completion_)?tokens/i },
];

/** The request without the fields a 400 from the upstream names, or undefined when the error is about something else. */
export function relaxChatRequest(err: unknown, request: ChatCompletionRequest): ChatCompletionRequest | undefined {
  if (!isGatewayError(err) || err.status !== 400) return undefined;
  const named = `${err.param ?? ''} ${err.message}`;
  const drop = RELAXABLE.filter(({ field, named: pattern }) => request[field] !== undefined && pattern.test(named)).map(
    ({ field }) => field,
  );
  if (drop.length === 0) return undefined;
  return Object.fromEntries(Object.entries(request).filter(([key]) => !drop.includes(key))) as ChatCompletionRequest;
}
