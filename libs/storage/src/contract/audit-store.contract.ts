// The behaviour every AuditStore backend must show, run by the sqlite, postgres and mongo specs against real servers.
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { AuditEntry, AuditFilter, AuditStore } from '../stores/audit.store.js';
import { freshStoreEachTest, type StoreHandle } from './store-handle.js';

const T0 = Date.parse('2026-03-01T12:00:00.000Z');

/** An entry `minutes` after T0, with every field set; overrides pick the ones a test is about. */
export function auditEntry(id: string, minutes: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id,
    timestamp: new Date(T0 + minutes * 60_000 + 456),
    durationMs: 1234,
    requestId: `req-${id}`,
    method: 'POST',
    path: '/v1/chat/completions',
    status: 200,
    stream: false,
    requestedModel: 'gpt-4o-mini',
    model: 'gpt-4o-mini-2024-07-18',
    provider: 'openai-east',
    providerType: 'openai',
    userPath: '/team-a/alice',
    authKeyId: 'key-1',
    authMethod: 'api_key',
    clientIp: '10.0.0.7',
    errorType: null,
    errorMessage: null,
    responseId: `chatcmpl-${id}`,
    previousResponseId: null,
    conversationId: null,
    threadKey: 'thread-1',
    cacheType: null,
    data: {
      userAgent: 'OpenAI/Python 1.99.0',
      apiKeyHash: '0123456789abcdef',
      requestHeaders: { 'content-type': 'application/json', authorization: '[REDACTED]' },
      requestBody: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi "there" ☃' }], temperature: null },
      responseBody: { id: `chatcmpl-${id}`, choices: [{ index: 0, message: { role: 'assistant', content: 'Hello' } }] },
    },
    ...overrides,
  };
}

const ALL = { limit: 100, offset: 0 };

export function auditStoreContract(backend: string, open: () => Promise<StoreHandle<AuditStore>>, options: { skip?: string } = {}): void {
  describe(`AuditStore contract (${backend})`, { skip: options.skip }, () => {
    const current = freshStoreEachTest(open);
    let store: AuditStore;
    beforeEach(() => {
      store = current();
    });
    const ids = async (filter: AuditFilter) => (await store.list({ ...filter, ...ALL })).map((entry) => entry.id);

    it('returns inserted entries whole, newest first, and one by id', async () => {
      const failed = auditEntry('b', 1, {
        status: 401,
        stream: true,
        requestedModel: null,
        model: null,
        provider: null,
        providerType: null,
        userPath: null,
        authKeyId: null,
        authMethod: null,
        clientIp: null,
        errorType: 'authentication_error',
        errorMessage: 'invalid API key',
        responseId: null,
        threadKey: null,
        data: null,
      });
      const linked = auditEntry('c', 2, { previousResponseId: 'resp-1', conversationId: 'conv-1', data: { requestBodyTooBig: true } });
      const hit = auditEntry('d', 3, { cacheType: 'exact' });
      await store.insertMany([auditEntry('a', 0), failed, linked, hit]);
      assert.deepEqual(await store.list(ALL), [hit, linked, failed, auditEntry('a', 0)]);
      assert.deepEqual(await store.get('b'), failed);
      assert.equal(await store.get('missing'), null);
    });

    it('skips an entry whose id is already stored, keeping the first, so a retried batch never doubles', async () => {
      await store.insertMany([auditEntry('a', 0)]);
      await store.insertMany([auditEntry('a', 0, { status: 500 }), auditEntry('b', 1)]);
      assert.deepEqual(await store.list(ALL), [auditEntry('b', 1), auditEntry('a', 0)]);
      await store.insertMany([]);
      assert.equal(await store.count({}), 2);
    });

    it('writes a batch larger than one statement takes, and pages it newest first', async () => {
      const entries = Array.from({ length: 700 }, (_, i) => auditEntry(`bulk-${String(i).padStart(4, '0')}`, i));
      await store.insertMany(entries);
      assert.equal(await store.count({}), 700);
      assert.deepEqual(
        (await store.list({ limit: 2, offset: 1 })).map((entry) => entry.id),
        ['bulk-0698', 'bulk-0697'],
      );
    });

    it('filters by time (from inclusive, to exclusive), user path subtree, status, key, stream and exact method', async () => {
      await store.insertMany([
        auditEntry('a', 0),
        auditEntry('b', 10, { userPath: '/team-ab', status: 429, method: 'GET', path: '/v1/models' }),
        auditEntry('c', 20, { userPath: '/team-a', stream: true, authKeyId: 'key-2' }),
        auditEntry('d', 30, { userPath: null, authKeyId: null }),
      ]);
      assert.deepEqual(await ids({ from: auditEntry('x', 10).timestamp, to: auditEntry('x', 30).timestamp }), ['c', 'b']);
      assert.deepEqual(await ids({ userPathPrefix: '/team-a' }), ['c', 'a']);
      assert.deepEqual(await ids({ userPathPrefix: '/' }), ['d', 'c', 'b', 'a']);
      assert.deepEqual(await ids({ status: 429 }), ['b']);
      assert.deepEqual(await ids({ authKeyId: 'key-1' }), ['b', 'a']);
      assert.deepEqual(await ids({ stream: true }), ['c']);
      assert.deepEqual(await ids({ stream: false }), ['d', 'b', 'a']);
      assert.deepEqual(await ids({ method: 'get' }), ['b']);
      assert.equal(await store.count({ method: 'POST', userPathPrefix: '/team-a' }), 2);
    });

    it('matches model, provider and path as case-insensitive substrings', async () => {
      await store.insertMany([
        auditEntry('a', 0),
        auditEntry('b', 1, { requestedModel: 'fast', model: 'claude-3-5-haiku', provider: 'anthropic-main', providerType: 'anthropic' }),
        auditEntry('c', 2, { path: '/v1/embeddings', requestedModel: 'text-embedding-3-small', model: 'text-embedding-3-small' }),
      ]);
      assert.deepEqual(await ids({ model: 'GPT-4O' }), ['a']);
      assert.deepEqual(await ids({ model: 'haiku' }), ['b']);
      assert.deepEqual(await ids({ model: 'fas' }), ['b']);
      assert.deepEqual(await ids({ provider: 'OpenAI' }), ['c', 'a']);
      assert.deepEqual(await ids({ provider: 'thropic' }), ['b']);
      assert.deepEqual(await ids({ path: 'embed' }), ['c']);
      assert.deepEqual(await ids({ path: '/v1/' }), ['c', 'b', 'a']);
      assert.equal(await store.count({ provider: 'openai', path: 'chat' }), 1);
    });

    it('searches path, models, provider, request id, error type and message, ignoring case and taking wildcards literally', async () => {
      await store.insertMany([
        auditEntry('a', 0),
        auditEntry('b', 1, { status: 400, errorType: 'invalid_request_error', errorMessage: 'Unsupported parameter: logit_bias' }),
        auditEntry('c', 2, { requestId: 'Trace-42', provider: 'groq-1', providerType: 'groq' }),
        auditEntry('d', 3, { errorMessage: 'quota at 100% for the day' }),
      ]);
      assert.deepEqual(await ids({ search: 'LOGIT' }), ['b']);
      assert.deepEqual(await ids({ search: 'invalid_request' }), ['b']);
      assert.deepEqual(await ids({ search: 'trace-4' }), ['c']);
      assert.deepEqual(await ids({ search: 'groq' }), ['c']);
      assert.deepEqual(await ids({ search: 'completions' }), ['d', 'c', 'b', 'a']);
      assert.deepEqual(await ids({ search: '100%' }), ['d']);
      assert.deepEqual(await ids({ search: '%' }), ['d']);
      assert.deepEqual(await ids({ search: 'logit_' }), ['b']);
      assert.deepEqual(await ids({ search: 'r_q' }), []);
      assert.deepEqual(await ids({ search: 'api_key' }), []);
      assert.equal(await store.count({ search: 'req-' }), 3);
    });

    it('deletes entries older than the cutoff and says how many', async () => {
      await store.insertMany([0, 1, 2, 3].map((minute) => auditEntry(`d${minute}`, minute)));
      assert.equal(await store.deleteOlderThan(auditEntry('x', 2).timestamp), 2);
      assert.deepEqual(await ids({}), ['d3', 'd2']);
      assert.equal(await store.deleteOlderThan(new Date(T0)), 0);
    });

    it('finds entries by any thread link, oldest first, at most limit, and nothing for no links', async () => {
      await store.insertMany([
        auditEntry('first', 0, { responseId: 'resp-1', threadKey: null }),
        auditEntry('second', 1, { responseId: 'resp-2', previousResponseId: 'resp-1', threadKey: null }),
        auditEntry('third', 2, { responseId: 'resp-3', previousResponseId: 'resp-2', conversationId: 'conv-1', threadKey: null }),
        auditEntry('chat-1', 3, { threadKey: 'thread-9' }),
        auditEntry('chat-2', 4, { threadKey: 'thread-9' }),
        auditEntry('other', 5, { threadKey: 'thread-8' }),
      ]);
      const linked = async (links: Parameters<AuditStore['findLinked']>[0], limit = 10) =>
        (await store.findLinked(links, limit)).map((entry) => entry.id);
      assert.deepEqual(await linked({ responseIds: ['resp-2'] }), ['second']);
      assert.deepEqual(await linked({ previousResponseIds: ['resp-1', 'resp-2'] }), ['second', 'third']);
      assert.deepEqual(await linked({ conversationIds: ['conv-1'] }), ['third']);
      assert.deepEqual(await linked({ threadKeys: ['thread-9'] }), ['chat-1', 'chat-2']);
      assert.deepEqual(await linked({ responseIds: ['resp-1'], previousResponseIds: ['resp-1'], threadKeys: ['thread-9'] }), [
        'first',
        'second',
        'chat-1',
        'chat-2',
      ]);
      assert.deepEqual(await linked({ threadKeys: ['thread-9', 'thread-8'] }, 2), ['chat-1', 'chat-2']);
      assert.deepEqual(await store.findLinked({ responseIds: ['resp-3'] }, 1), [
        auditEntry('third', 2, { responseId: 'resp-3', previousResponseId: 'resp-2', conversationId: 'conv-1', threadKey: null }),
      ]);
      assert.deepEqual(await linked({}), []);
      assert.deepEqual(await linked({ responseIds: [], threadKeys: [] }), []);
      assert.deepEqual(await linked({ responseIds: ['unknown'] }), []);
    });
  });
}
