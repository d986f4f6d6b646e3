// The Anthropic Messages API as clients send it to /v1/messages and read it back, in the wire's own spelling.
// Request types are open: the native path forwards every field, the translated path reads the ones named here.
import type { WireRequest } from '@modelgate/providers';

export interface ContentBlock {
  type: string;
  [field: string]: unknown;
}

export interface MessageParam {
  /** `system` mid-conversation: Claude Code 2.1.3xx sends its environment block so with a model name it does not know. */
  role: 'user' | 'assistant' | 'system';
  content: string | ContentBlock[];
}

export interface ToolDefinition {
  name: string;
  /** Absent or `custom` for client tools; server tools (`web_search_20250305` …) name their version. */
  type?: string;
  description?: string;
  input_schema?: Record<string, unknown>;
  [field: string]: unknown;
}

export type ToolChoice =
  | { type: 'auto'; disable_parallel_tool_use?: boolean }
  | { type: 'any'; disable_parallel_tool_use?: boolean }
  | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean }
  | { type: 'none' };

export type ThinkingConfig = { type: 'enabled'; budget_tokens: number } | { type: 'adaptive' } | { type: 'disabled' };

export interface MessagesRequest extends WireRequest {
  messages: MessageParam[];
  max_tokens?: number;
  system?: string | ContentBlock[];
  tools?: ToolDefinition[];
  tool_choice?: ToolChoice;
  thinking?: ThinkingConfig;
  stop_sequences?: string[];
  temperature?: number;
  top_p?: number;
  metadata?: { user_id?: string };
  output_config?: { effort?: string; format?: { type: string; schema?: Record<string, unknown> } };
}

export interface AnthropicUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'refusal' | 'pause_turn';

export interface AnthropicMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: ContentBlock[];
  stop_reason: StopReason | null;
  stop_sequence: string | null;
  usage: AnthropicUsage;
}

export interface AnthropicErrorBody {
  type: 'error';
  error: { type: string; message: string };
}
