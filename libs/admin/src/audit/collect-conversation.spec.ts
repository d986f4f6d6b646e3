import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditEntry, AuditLinks } from '@modelgate/storage';
import { collectConversation, isPrefixRelated, requestMessages, type FindLinked } from './collect-conversation.js';

let clock = Date.parse('2026-11-25T10:00:00Z');

function entry(id: string, links: Partial<AuditEntry>, messages?: { role: string; content: string }[]): AuditEntry {
  clock += 1000;
  return {
    id,
    timestamp: new Date(clock),
    durationMs: 5,
    requestId: `req-${id}`,
    method: 'POST',
    path: '/v1/chat/completions',
    status: 200,
    stream: false,
    requestedModel: 'gpt-4o-mini',
    model: 'gpt-4o-mini',
    provider: 'openai',
    providerType: 'openai',
    userPath: null,
    authKeyId: null,
    authMethod: null,
    clientIp: null,
    errorType: null,
    errorMessage: null,
    responseId: null,
    previousResponseId: null,
    conversationId: null,
    threadKey: null,
    cacheType: null,
    data: messages ? { requestBody: { model: 'gpt-4o-mini', messages } } : null,
    ...links,
  };
}

/** AuditStore.findLinked's contract over an array: any link selects (OR), oldest first, at most `limit`. */
function linkedIn(entries: AuditEntry[]): FindLinked {
  const has = (list: string[] | undefined, value: string | null) => value !== null && (list ?? []).includes(value);
  return async (links: AuditLinks, limit: number) =>
    entries
      .filter(
        (candidate) =>
          has(links.responseIds, candidate.responseId) ||
          has(links.previousResponseIds, candidate.previousResponseId) ||
          has(links.conversationIds, candidate.conversationId) ||
          has(links.threadKeys, candidate.threadKey),
      )
      .slice(0, limit);
}

const user = (content: string) => ({ role: 'user', content });
const assistant = (content: string) => ({ role: 'assistant', content });

describe('collectConversation', () => {
  it('walks previous_response_id links both ways from the middle of a Responses thread', async () => {
    const first = entry('a', { responseId: 'resp_1' });
    const second = entry('b', { responseId: 'resp_2', previousResponseId: 'resp_1' });
    const third = entry('c', { responseId: 'resp_3', previousResponseId: 'resp_2' });
    const other = entry('x', { responseId: 'resp_9' });
    const thread = await collectConversation(second, linkedIn([first, second, third, other]), 40);
    assert.deepEqual(
      thread.map((found) => found.id),
      ['a', 'b', 'c'],
    );
  });

  it('joins entries by conversation id', async () => {
    const one = entry('one', { conversationId: 'conv_1' });
    const two = entry('two', { conversationId: 'conv_1' });
    assert.deepEqual(
      (await collectConversation(two, linkedIn([one, two, entry('three', { conversationId: 'conv_2' })]), 40)).map((found) => found.id),
      ['one', 'two'],
    );
  });

  it('keeps same-thread-key chats only when their messages extend one another', async () => {
    const turn1 = entry('t1', { threadKey: 'k' }, [user('hi')]);
    const turn2 = entry('t2', { threadKey: 'k' }, [user('hi'), assistant('hello'), user('how are you?')]);
    const branch = entry('br', { threadKey: 'k' }, [user('hi'), assistant('hello'), user('tell me a joke')]);
    const thread = await collectConversation(turn2, linkedIn([turn1, turn2, branch]), 40);
    assert.deepEqual(
      thread.map((found) => found.id),
      ['t1', 't2'],
    );
  });

  it('keeps apart alike chats of different callers (user path or key)', async () => {
    const mine = entry('mine', { threadKey: 'k', userPath: '/team-a' }, [user('hi')]);
    const later = entry('later', { threadKey: 'k', userPath: '/team-a' }, [user('hi'), assistant('hello'), user('more')]);
    const theirs = entry('theirs', { threadKey: 'k', userPath: '/team-b' }, [user('hi')]);
    const otherKey = entry('key', { threadKey: 'k', userPath: '/team-a', authKeyId: 'key-2' }, [user('hi')]);
    assert.deepEqual(
      (await collectConversation(mine, linkedIn([mine, later, theirs, otherKey]), 40)).map((found) => found.id),
      ['mine', 'later'],
    );
  });

  it('keeps every same-thread-key entry when bodies were not stored, and caps at the limit', async () => {
    const entries = ['n1', 'n2', 'n3'].map((id) => entry(id, { threadKey: 'k2' }));
    assert.deepEqual(
      (await collectConversation(entries[2]!, linkedIn(entries), 40)).map((found) => found.id),
      ['n1', 'n2', 'n3'],
    );
    assert.equal((await collectConversation(entries[0]!, linkedIn(entries), 2)).length, 2);
  });

  it('compares messages by role and content', () => {
    const short = requestMessages(entry('s', {}, [user('hi')]))!;
    const long = requestMessages(entry('l', {}, [user('hi'), assistant('hello')]))!;
    assert.equal(isPrefixRelated(short, long), true);
    assert.equal(isPrefixRelated(long, short), true);
    assert.equal(isPrefixRelated(short, requestMessages(entry('o', {}, [user('bye')]))!), false);
  });
});
