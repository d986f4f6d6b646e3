// Gemini's generateContent wire (Google AI and Vertex AI share it), in the wire's own spelling. Only the fields the
// gateway writes or reads are named.

export interface GeminiFunctionCall {
  id?: string;
  name: string;
  args?: Record<string, unknown>;
}

export interface GeminiPart {
  text?: string;
  /** The part is a thought summary (with `thinkingConfig.includeThoughts`). */
  thought?: boolean;
  /** Opaque replay state; must come back byte-exact on the part it was attached to. */
  thoughtSignature?: string;
  inlineData?: { mimeType: string; data: string };
  fileData?: { mimeType: string; fileUri: string };
  functionCall?: GeminiFunctionCall;
  functionResponse?: { name: string; response: Record<string, unknown> };
}

export interface GeminiContent {
  role?: 'user' | 'model';
  parts: GeminiPart[];
}

export type GeminiSchema = Record<string, unknown>;

export interface GeminiFunctionDeclaration {
  name: string;
  description?: string;
  parameters?: GeminiSchema;
  /** JSON Schema as is; the alternative to `parameters` for schemas its OpenAPI subset cannot express. */
  parametersJsonSchema?: Record<string, unknown>;
}

export interface GeminiToolConfig {
  functionCallingConfig: { mode: 'AUTO' | 'ANY' | 'NONE'; allowedFunctionNames?: string[] };
}

export interface GeminiThinkingConfig {
  thinkingBudget?: number;
  includeThoughts?: boolean;
}

export interface GeminiGenerationConfig {
  temperature?: number;
  topP?: number;
  topK?: number;
  stopSequences?: string[];
  maxOutputTokens?: number;
  seed?: number;
  candidateCount?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  responseMimeType?: string;
  responseSchema?: GeminiSchema;
  thinkingConfig?: GeminiThinkingConfig;
}

export interface GeminiRequest {
  contents: GeminiContent[];
  systemInstruction?: GeminiContent;
  tools?: { functionDeclarations: GeminiFunctionDeclaration[] }[];
  toolConfig?: GeminiToolConfig;
  generationConfig?: GeminiGenerationConfig;
}

export interface GeminiCandidate {
  content?: GeminiContent;
  finishReason?: string;
  index?: number;
}

export interface GeminiUsageMetadata {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  totalTokenCount?: number;
  cachedContentTokenCount?: number;
  thoughtsTokenCount?: number;
}

/** A generateContent answer, and each event of streamGenerateContent?alt=sse. */
export interface GeminiResponse {
  candidates?: GeminiCandidate[];
  usageMetadata?: GeminiUsageMetadata;
  promptFeedback?: { blockReason?: string };
  modelVersion?: string;
  responseId?: string;
}

export interface GeminiModel {
  name: string;
  displayName?: string;
  supportedGenerationMethods?: string[];
}

export interface GeminiModelList {
  models?: GeminiModel[];
  nextPageToken?: string;
}

export interface GeminiEmbedRequest {
  model: string;
  content: GeminiContent;
  outputDimensionality?: number;
}

export interface GeminiBatchEmbedResponse {
  embeddings?: { values?: number[] }[];
}

/** Vertex AI `:predict` for embedding models. */
export interface VertexPredictResponse {
  predictions?: { embeddings?: { values?: number[]; statistics?: { token_count?: number } } }[];
}
