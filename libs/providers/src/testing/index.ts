export { fixturePath, readFixtureText, readJsonFixture, readSseFixture } from './fixtures.js';
export {
  MOCK_AUDIO,
  startMockUpstream,
  type MockBehaviour,
  type MockFlavor,
  type MockUpstream,
  type RecordedRequest,
} from './mock-upstream.js';
