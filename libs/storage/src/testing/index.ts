// Test helpers for other libs' specs and the e2e suites; never imported by production code.
export { openStorage, UNUSED_STORAGE_SETTINGS, type OpenStorage } from './open-storage.js';
export { freePort, PostgresServer } from './postgres-server.js';
export { RedisServer } from './redis-server.js';
