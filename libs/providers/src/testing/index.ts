export { fixturePath, readFixtureText, readJsonFixture, readSseFixture } from './fixtures.js';
export { MockFilesApi, type MockFileObject, type MockUploadRecord } from './mock-files.js';
export {
  MOCK_AUDIO,
  startMockUpstream,
  type MockBehaviour,
  type MockFlavor,
  type MockUpstream,
  type RecordedRequest,
} from './mock-upstream.js';
export {
  ANTHROPIC_MODELS,
  anthropicMessageEvents,
  anthropicSseText,
  COUNTED_INPUT_TOKENS,
  startAnthropicMock,
  type AnthropicMock,
  type AnthropicMockBehaviour,
} from './anthropic-mock.js';
export { GeminiMockBatches } from './gemini-mock-batches.js';
export { GeminiMockFiles, type GeminiMockFile } from './gemini-mock-files.js';
export { GEMINI_MOCK_TOKEN, startGeminiMock, type GeminiMock, type GeminiMockBehaviour } from './gemini-mock.js';
