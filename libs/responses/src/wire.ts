// OpenAI Responses API shapes, in the wire's own spelling. Requests are open: fields the gateway does not read are
// forwarded to native providers as they came.

/** One input or output item (`message`, `function_call`, `function_call_output`, `reasoning`, ...). */
export type ResponseItem = Record<string, unknown> & { type?: string; id?: string };

export interface ResponsesRequest {
  model: string;
  input?: string | ResponseItem[];
  instructions?: string | null;
  tools?: unknown[] | null;
  tool_choice?: unknown;
  stream?: boolean;
  store?: boolean;
  previous_response_id?: string | null;
  /** A gateway-managed conversation: its items come before the input, and this turn is appended to it. */
  conversation?: string | { id: string } | null;
  /** Gateway-only routing hint; never sent upstream. */
  provider?: string;
  [field: string]: unknown;
}

export interface ResponseUsage {
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens_details: { reasoning_tokens: number };
  [field: string]: unknown;
}

export interface ResponseObject {
  id: string;
  object: 'response';
  created_at: number;
  status: 'completed' | 'incomplete' | 'in_progress' | 'failed';
  model: string;
  output: ResponseItem[];
  usage: ResponseUsage | null;
  [field: string]: unknown;
}
