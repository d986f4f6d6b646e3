// /v1/conversations end to end with the official OpenAI client, on SQLite and on a real PostgreSQL: create with items
// and metadata, retrieve, update, items added, listed (paged by the SDK's own cursor), read and deleted, errors.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PostgresServer } from '@modelgate/storage/testing';
import OpenAI from 'openai';
import { startGateway, type RunningGateway } from '../support/gateway.js';

function conversationsSuite(backend: string, storageEnv: () => Promise<Record<string, string>>, stopStorage: () => Promise<void>): void {
  describe(`/v1/conversations on ${backend}`, () => {
    let gateway: RunningGateway;
    let client: OpenAI;

    before(async () => {
      gateway = await startGateway(await storageEnv(), { waitForModels: false });
      client = gateway.openai();
    });
    after(async () => {
      await gateway?.close();
      await stopStorage();
    });

    it('creates a conversation with items and metadata, retrieves, updates and deletes it', async () => {
      const before = Math.floor(Date.now() / 1000);
      const created = await client.conversations.create({
        metadata: { topic: 'weather' },
        items: [
          { type: 'message', role: 'user', content: 'What is the weather in Paris?' },
          { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { type: 'function_call_output', call_id: 'call_1', output: '18°C and sunny' },
        ],
      });
      assert.match(created.id, /^conv_[0-9a-f]{48}$/);
      assert.deepEqual(
        { ...created, id: 'conv', created_at: 0 },
        { id: 'conv', object: 'conversation', created_at: 0, metadata: { topic: 'weather' } },
      );
      assert.ok(created.created_at >= before && created.created_at <= Math.ceil(Date.now() / 1000));

      assert.deepEqual(await client.conversations.retrieve(created.id), created);
      const updated = await client.conversations.update(created.id, { metadata: { owner: 'alice' } });
      assert.deepEqual(updated, { ...created, metadata: { owner: 'alice' } });
      assert.deepEqual(await client.conversations.retrieve(created.id), updated);

      assert.deepEqual(await client.conversations.delete(created.id), { id: created.id, object: 'conversation.deleted', deleted: true });
      await assert.rejects(client.conversations.retrieve(created.id), (err: unknown) => {
        assert.ok(err instanceof OpenAI.NotFoundError);
        assert.deepEqual(err.error, {
          message: `conversation '${created.id}' not found; POST /v1/conversations creates one`,
          type: 'invalid_request_error',
          param: null,
          code: 'conversation_not_found',
        });
        return true;
      });
    });

    it('adds, lists, retrieves and deletes items in the order they were added', async () => {
      const conversation = await client.conversations.create({ items: [{ type: 'message', role: 'user', content: 'Hi' }] });
      const added = await client.conversations.items.create(conversation.id, {
        items: [
          { type: 'message', role: 'assistant', content: 'Hello! How can I help?' },
          {
            type: 'message',
            role: 'user',
            content: [
              { type: 'input_text', text: 'Describe this image' },
              { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' },
            ],
          },
        ],
      });
      assert.equal(added.object, 'list');
      assert.equal(added.has_more, false);
      const [assistant, user] = added.data;
      assert.deepEqual(added.first_id, assistant!.id);
      assert.deepEqual(added.last_id, user!.id);
      assert.deepEqual(assistant, {
        id: assistant!.id,
        type: 'message',
        status: 'completed',
        role: 'assistant',
        content: [{ type: 'output_text', text: 'Hello! How can I help?', annotations: [] }],
      });

      const newestFirst = await client.conversations.items.list(conversation.id);
      assert.deepEqual(
        newestFirst.data.map((item) => item.id),
        [user!.id, assistant!.id, newestFirst.data[2]!.id],
      );
      assert.deepEqual(newestFirst.data[2], {
        id: newestFirst.data[2]!.id,
        type: 'message',
        status: 'completed',
        role: 'user',
        content: [{ type: 'input_text', text: 'Hi' }],
      });

      // The SDK pages with `after` = the last id while has_more is true.
      const oldestFirst: string[] = [];
      for await (const item of client.conversations.items.list(conversation.id, { order: 'asc', limit: 1 })) oldestFirst.push(item.id!);
      assert.deepEqual(oldestFirst, [newestFirst.data[2]!.id, assistant!.id, user!.id]);

      assert.deepEqual(await client.conversations.items.retrieve(user!.id!, { conversation_id: conversation.id }), user);
      assert.deepEqual(await client.conversations.items.delete(assistant!.id!, { conversation_id: conversation.id }), conversation);
      const left = await client.conversations.items.list(conversation.id, { order: 'asc' });
      assert.deepEqual(
        left.data.map((item) => item.id),
        [newestFirst.data[2]!.id, user!.id],
      );
      await assert.rejects(
        client.conversations.items.retrieve(assistant!.id!, { conversation_id: conversation.id }),
        (err: unknown) => err instanceof OpenAI.NotFoundError && (err.error as { code: string }).code === 'item_not_found',
      );
    });

    it('answers 400 naming the param of a bad item, metadata or page, and 404 for an unknown conversation', async () => {
      const badItem = client.conversations.create({ items: [{ type: 'message', role: 'robot', content: 'x' } as never] });
      await assert.rejects(badItem, (err: unknown) => {
        assert.ok(err instanceof OpenAI.BadRequestError);
        assert.deepEqual(err.error, {
          message: 'items[0].role must be one of user, assistant, system, developer',
          type: 'invalid_request_error',
          param: 'items[0].role',
          code: 'invalid_value',
        });
        return true;
      });
      await assert.rejects(
        client.conversations.create({ metadata: { topic: 'x'.repeat(513) } }),
        (err: unknown) => err instanceof OpenAI.BadRequestError && err.param === 'metadata.topic',
      );
      const conversation = await client.conversations.create();
      assert.deepEqual(conversation.metadata, {});
      await assert.rejects(
        client.conversations.items.list(conversation.id, { limit: 101 }),
        (err: unknown) => err instanceof OpenAI.BadRequestError && err.param === 'limit',
      );
      await assert.rejects(
        client.conversations.items.create('conv_missing', { items: [{ type: 'message', role: 'user', content: 'x' }] }),
        (err: unknown) => err instanceof OpenAI.NotFoundError && (err.error as { code: string }).code === 'conversation_not_found',
      );
      await assert.rejects(client.conversations.delete('conv_missing'), (err: unknown) => err instanceof OpenAI.NotFoundError);
    });
  });
}

conversationsSuite(
  'SQLite',
  async () => ({}),
  async () => {},
);

let postgres: PostgresServer | undefined;
conversationsSuite(
  'PostgreSQL',
  async () => {
    postgres = await PostgresServer.start();
    return { STORAGE_TYPE: 'postgresql', POSTGRES_URL: await postgres.createDatabase('conversations_e2e') };
  },
  async () => {
    await postgres?.stop();
  },
);
