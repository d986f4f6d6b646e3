export { fixturePath, readFixtureText, readJsonFixture, readSseFixture } from './fixtures.js';
export { startMockUpstream, type MockBehaviour, type MockFlavor, type MockUpstream, type RecordedRequest } from './mock-upstream.js';
