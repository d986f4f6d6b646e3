import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '@modelgate/core';
import type { FileListQuery } from '@modelgate/providers';
import { mergeFileListings, type FileListSource } from './merge-file-listings.js';

type File = { id: string; created_at: number; purpose: string };

/** An instance listing `files` newest first like OpenAI (limit, after, purpose), recording each query. */
function source(name: string, files: File[], queries: FileListQuery[] = []): FileListSource {
  const sorted = [...files].sort((a, b) => b.created_at - a.created_at);
  return {
    name,
    list: async (query) => {
      queries.push(query);
      let data = sorted.filter((file) => query.purpose === undefined || file.purpose === query.purpose);
      if (query.after !== undefined) data = data.slice(data.findIndex((file) => file.id === query.after) + 1);
      const limit = query.limit ?? 10_000;
      return { object: 'list', data: data.slice(0, limit), has_more: data.length > limit };
    },
  };
}

function failing(name: string, error: GatewayError): FileListSource {
  return { name, list: () => Promise.reject(error) };
}

const file = (id: string, created_at: number, purpose = 'batch'): File => ({ id, created_at, purpose });
const ids = (result: { page: { data: Record<string, unknown>[] } }) => result.page.data.map((entry) => `${entry.provider}:${entry.id}`);

describe('mergeFileListings', () => {
  it('merges every instance newest first, stamps the instance as provider and pages with limit + 1 per instance', async () => {
    const openaiQueries: FileListQuery[] = [];
    const openai = source('openai', [file('a1', 10), file('a2', 30), file('a3', 50)], openaiQueries);
    const gemini = source('gemini', [file('g1', 20), file('g2', 40)]);
    const first = await mergeFileListings([openai, gemini], { limit: 3 });
    assert.deepEqual(ids(first), ['openai:a3', 'gemini:g2', 'openai:a2']);
    assert.deepEqual(first.page, {
      object: 'list',
      data: first.page.data,
      first_id: 'a3',
      last_id: 'a2',
      has_more: true,
    });
    assert.deepEqual(openaiQueries, [{ limit: 4 }]);
    const rest = await mergeFileListings([openai, gemini], { limit: 3, after: 'a2' });
    assert.deepEqual(ids(rest), ['gemini:g1', 'openai:a1']);
    assert.equal(rest.page.has_more, false);
  });

  it('reads further pages of an instance as the merge consumes them, with its own after cursor', async () => {
    const queries: FileListQuery[] = [];
    const many = source(
      'openai',
      Array.from({ length: 7 }, (_, index) => file(`f${index}`, 100 - index)),
      queries,
    );
    const result = await mergeFileListings([many, source('xai', [file('x', 1)])], { limit: 6, purpose: 'batch' });
    assert.deepEqual(ids(result), ['openai:f0', 'openai:f1', 'openai:f2', 'openai:f3', 'openai:f4', 'openai:f5']);
    assert.equal(result.page.has_more, true);
    assert.deepEqual(queries, [{ limit: 7, purpose: 'batch' }]);
    const all = await mergeFileListings([many, source('xai', [file('x', 1)])], { limit: 2, after: 'f5' });
    assert.deepEqual(ids(all), ['openai:f6', 'xai:x']);
    assert.deepEqual(queries.slice(1), [{ limit: 3 }, { limit: 3, after: 'f2' }, { limit: 3, after: 'f5' }]);
  });

  it('orders equal times by id then provider, descending', async () => {
    const result = await mergeFileListings([source('a', [file('same', 5), file('b', 5)]), source('b', [file('same', 5)])], { limit: 10 });
    assert.deepEqual(ids(result), ['b:same', 'a:same', 'a:b']);
  });

  it('filters by purpose at each instance', async () => {
    const result = await mergeFileListings([source('openai', [file('a', 2, 'batch'), file('b', 3, 'user_data')])], {
      limit: 10,
      purpose: 'user_data',
    });
    assert.deepEqual(ids(result), ['openai:b']);
  });

  it('skips instances that answer 404 or 501, and leaves out a failing one while another answers', async () => {
    const outage = GatewayError.badGateway("provider 'xai' answered 500");
    const result = await mergeFileListings(
      [
        failing('groq', GatewayError.notFound('no files here')),
        failing('gemini', new GatewayError(501, 'invalid_request_error', 'not implemented')),
        failing('xai', outage),
        source('openai', [file('a', 1)]),
      ],
      { limit: 5 },
    );
    assert.deepEqual(ids(result), ['openai:a']);
    assert.deepEqual(result.failures, [{ provider: 'xai', error: outage }]);
  });

  it('fails with the first failure when no instance answers, and is empty when all lack files', async () => {
    const first = GatewayError.badGateway('first');
    await assert.rejects(
      mergeFileListings([failing('a', GatewayError.notFound('x')), failing('b', first), failing('c', GatewayError.badGateway('second'))], {
        limit: 5,
      }),
      (err) => err === first,
    );
    const empty = await mergeFileListings([failing('a', GatewayError.notFound('x'))], { limit: 5 });
    assert.deepEqual(empty.page, { object: 'list', data: [], first_id: null, last_id: null, has_more: false });
  });

  it('answers 404 naming after for a cursor no instance lists', async () => {
    await assert.rejects(
      mergeFileListings([source('openai', [file('a', 1)])], { limit: 5, after: 'file-gone' }),
      (err) => err instanceof GatewayError && err.status === 404 && err.param === 'after' && /file-gone/.test(err.message),
    );
  });
});
