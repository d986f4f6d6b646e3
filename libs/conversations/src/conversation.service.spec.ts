// ConversationService as /v1/responses uses it, over the real SQLite store; and the stored-response retention sweep.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { NestFactory } from '@nestjs/core';
import { GatewayError } from '@modelgate/core';
import { StorageModule, type StoredResponse } from '@modelgate/storage';
import { openStorage, UNUSED_STORAGE_SETTINGS } from '@modelgate/storage/testing';
import { ConversationService } from './conversation.service.js';
import { ConversationsModule } from './conversations.module.js';

const root = mkdtempSync(join(tmpdir(), 'modelgate-conversations-'));
after(() => rmSync(root, { recursive: true, force: true }));

let databases = 0;
const sqlite = (sqlitePath = join(root, `conversations-${++databases}.db`)) => ({
  ...UNUSED_STORAGE_SETTINGS,
  type: 'sqlite' as const,
  sqlitePath,
});

async function withService(run: (service: ConversationService) => Promise<void>): Promise<void> {
  const storage = await openStorage(sqlite());
  try {
    await run(new ConversationService(storage.conversations));
  } finally {
    await storage.close();
  }
}

const isNotFound = (err: unknown) => err instanceof GatewayError && err.status === 404 && err.code === 'conversation_not_found';

describe('ConversationService', () => {
  it('appends a response turn with ids added where missing and answers the whole history oldest first', () =>
    withService(async (service) => {
      const { id } = await service.create({ items: [{ role: 'user', content: 'Weather in Paris?' }] });
      await service.appendItems(id, [
        { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{}' },
        {
          id: 'msg_out',
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: 'Sunny', annotations: [] }],
        },
      ]);
      const history = await service.history(id);
      assert.equal(history.length, 3);
      assert.deepEqual(history[0]!.content, [{ type: 'input_text', text: 'Weather in Paris?' }]);
      assert.deepEqual(history.slice(1), [
        { id: 'fc_call_1', status: 'completed', type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{}' },
        {
          id: 'msg_out',
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: 'Sunny', annotations: [] }],
        },
      ]);
    }));

  it('appends more items than one statement holds and reads a history longer than one page in full', () =>
    withService(async (service) => {
      const { id } = await service.create({});
      const turns = Array.from({ length: 1201 }, (_, index) => ({ id: `msg_${index}`, role: 'user', content: `turn ${index}` }));
      await service.appendItems(id, turns);
      assert.deepEqual(
        (await service.history(id)).map((item) => item.id),
        turns.map((turn) => turn.id),
      );
    }));

  it('answers 404 conversation_not_found for an unknown conversation', () =>
    withService(async (service) => {
      await assert.rejects(service.get('conv_missing'), isNotFound);
      await assert.rejects(service.appendItems('conv_missing', [{ role: 'user', content: 'x' }]), isNotFound);
      await assert.rejects(service.history('conv_missing'), isNotFound);
    }));
});

describe('StoredResponseRetention', () => {
  it('deletes expired stored responses at start-up and keeps the others', async () => {
    const config = sqlite();
    const response = (id: string, expiresAt: Date | null): StoredResponse => ({
      id,
      createdAt: new Date('2026-03-01T12:00:00.000Z'),
      requestedModel: 'gpt-4o-mini',
      provider: 'openai',
      providerType: 'openai',
      previousResponseId: null,
      conversationId: null,
      userPath: null,
      response: { id, object: 'response' },
      inputItems: [],
      expiresAt,
    });
    const seeded = await openStorage(config);
    await seeded.responses.put(response('resp_expired', new Date(Date.now() - 1000)));
    await seeded.responses.put(response('resp_kept', null));
    await seeded.close();

    const app = await NestFactory.createApplicationContext(
      { module: class RetentionApp {}, imports: [await StorageModule.forRoot(config), ConversationsModule] },
      { logger: false },
    );
    await app.close();

    const storage = await openStorage(config);
    try {
      assert.equal(await storage.responses.deleteExpired(new Date()), 0, 'the sweep at start-up removed it');
      assert.deepEqual(await storage.responses.get('resp_kept'), response('resp_kept', null));
    } finally {
      await storage.close();
    }
  });
});
