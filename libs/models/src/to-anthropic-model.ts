// The model list in Anthropic's shape, for Anthropic SDK clients (they send `anthropic-version`) calling GET /v1/models.
import type { ModelObject } from '@modelgate/core';

export interface AnthropicModelInfo {
  type: 'model';
  id: string;
  display_name: string;
  created_at: string;
}

export interface AnthropicModelPage {
  data: AnthropicModelInfo[];
  has_more: boolean;
  first_id: string | null;
  last_id: string | null;
}

/** Ids stay the gateway's `instance/model`, so a listed id routes back to the same instance. */
export function toAnthropicModel(model: ModelObject): AnthropicModelInfo {
  const displayName = typeof model.display_name === 'string' ? model.display_name : model.id;
  return { type: 'model', id: model.id, display_name: displayName, created_at: new Date(model.created * 1000).toISOString() };
}

/** Every model on one page: the gateway's list is in memory, so there is never a next page. */
export function toAnthropicModelPage(models: readonly ModelObject[]): AnthropicModelPage {
  const data = models.map(toAnthropicModel);
  return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
}
