#!/usr/bin/env node
// A small, fast mock of the OpenAI wire for bench/run.mjs.
//
//   node bench/mock-upstream.mjs [--port=N] [--host=127.0.0.1]
//
// Prints one line `MOCK_READY <port>` on stdout once it listens. Every answer is
// precomputed and sent at once (no artificial delay), so what a benchmark measures
// on top of it is the gateway in front of it.
//
//   GET  /v1/models               -> small list incl. gpt-4o-mini
//   GET  /v1/models/:id           -> one model
//   POST /v1/chat/completions     -> chat.completion (~800 bytes)
//        with "stream": true      -> 50 chat.completion.chunk SSE events, then a usage
//                                    chunk (choices: []) if stream_options.include_usage,
//                                    then `data: [DONE]`
//   POST /v1/embeddings           -> list of embeddings (one per input, 1536 floats)
//   GET  /health                  -> {"status":"ok"}
import http from 'node:http';

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .filter((a) => a.startsWith('--'))
    .map((a) => {
      const [k, v = 'true'] = a.slice(2).split('=');
      return [k, v];
    }),
);
const port = Number(args.port ?? process.env.MOCK_PORT ?? 0);
const host = args.host ?? '127.0.0.1';

const CREATED = 1769092737;
const MODEL = 'gpt-4o-mini-2024-07-18';
const FINGERPRINT = 'fp_29330a9688';

// ---------- precomputed bodies ----------

const models = {
  object: 'list',
  data: [
    { id: 'gpt-4o-mini', object: 'model', created: 1721172741, owned_by: 'system' },
    { id: 'gpt-4o-mini-2024-07-18', object: 'model', created: 1721172717, owned_by: 'system' },
    { id: 'gpt-4o', object: 'model', created: 1715367049, owned_by: 'system' },
    { id: 'text-embedding-3-small', object: 'model', created: 1705948997, owned_by: 'system' },
  ],
};
const MODELS_BODY = Buffer.from(JSON.stringify(models));
const MODEL_BODIES = new Map(models.data.map((m) => [m.id, Buffer.from(JSON.stringify(m))]));

const usage = {
  prompt_tokens: 17,
  completion_tokens: 49,
  total_tokens: 66,
  prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
  completion_tokens_details: {
    reasoning_tokens: 0,
    audio_tokens: 0,
    accepted_prediction_tokens: 0,
    rejected_prediction_tokens: 0,
  },
};

const CHAT_BODY = Buffer.from(
  JSON.stringify({
    id: 'chatcmpl-D0q7lRI0Z2q8190Q0ue3JnnWtqLrd',
    object: 'chat.completion',
    created: CREATED,
    model: MODEL,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content:
            'Hello, World! This is a canned answer from the ModelGate benchmark mock upstream. ' +
            'It is long enough to look like a short real completion, and it is always the same.',
          refusal: null,
          annotations: [],
        },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage,
    service_tier: 'default',
    system_fingerprint: FINGERPRINT,
  }),
);

const STREAM_CHUNKS = 50; // role chunk + 48 content chunks + finish chunk
function chunk(delta, finishReason, extra = {}) {
  return (
    'data: ' +
    JSON.stringify({
      id: 'chatcmpl-D0q8CZXN1uEzngZGkU7FuV92lnXWq',
      object: 'chat.completion.chunk',
      created: CREATED,
      model: MODEL,
      service_tier: 'default',
      system_fingerprint: FINGERPRINT,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...extra,
    }) +
    '\n\n'
  );
}
const words = 'Hello , World ! This is a streamed answer from the mock upstream'.split(' ');
let streamText = chunk({ role: 'assistant', content: '', refusal: null }, null);
for (let i = 0; i < STREAM_CHUNKS - 2; i++) {
  streamText += chunk({ content: (i === 0 ? '' : ' ') + words[i % words.length] }, null);
}
streamText += chunk({}, 'stop');
const USAGE_CHUNK =
  'data: ' +
  JSON.stringify({
    id: 'chatcmpl-D0q8CZXN1uEzngZGkU7FuV92lnXWq',
    object: 'chat.completion.chunk',
    created: CREATED,
    model: MODEL,
    service_tier: 'default',
    system_fingerprint: FINGERPRINT,
    choices: [],
    usage,
  }) +
  '\n\n';
const DONE = 'data: [DONE]\n\n';
const STREAM_BODY = Buffer.from(streamText + DONE);
const STREAM_BODY_USAGE = Buffer.from(streamText + USAGE_CHUNK + DONE);

const EMBEDDING = Array.from({ length: 1536 }, (_, i) => Number((Math.sin(i) * 0.05).toFixed(6)));
const embeddingCache = new Map();
function embeddingsBody(n) {
  let b = embeddingCache.get(n);
  if (!b) {
    b = Buffer.from(
      JSON.stringify({
        object: 'list',
        data: Array.from({ length: n }, (_, index) => ({ object: 'embedding', index, embedding: EMBEDDING })),
        model: 'text-embedding-3-small',
        usage: { prompt_tokens: 8 * n, total_tokens: 8 * n },
      }),
    );
    if (embeddingCache.size < 64) embeddingCache.set(n, b);
  }
  return b;
}

// ---------- server ----------

const JSON_HEADERS = { 'content-type': 'application/json' };
function send(res, status, body, headers = JSON_HEADERS) {
  res.writeHead(status, { ...headers, 'content-length': body.length });
  res.end(body);
}
function notFound(res, msg = 'Not found') {
  send(res, 404, Buffer.from(JSON.stringify({ error: { message: msg, type: 'invalid_request_error', code: null } })));
}

// Cheap flag checks on the raw body (no full JSON.parse of a 100 KB body on the hot path).
const STREAM_RE = /"stream"\s*:\s*true/;
const USAGE_RE = /"include_usage"\s*:\s*true/;

const server = http.createServer((req, res) => {
  const url = req.url;
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);

  if (req.method === 'GET') {
    req.resume();
    if (path === '/v1/models') return send(res, 200, MODELS_BODY);
    if (path.startsWith('/v1/models/')) {
      const b = MODEL_BODIES.get(decodeURIComponent(path.slice('/v1/models/'.length)));
      return b ? send(res, 200, b) : notFound(res, 'The model does not exist');
    }
    if (path === '/health' || path === '/') return send(res, 200, Buffer.from('{"status":"ok"}'));
    return notFound(res);
  }
  if (req.method !== 'POST') {
    req.resume();
    return notFound(res);
  }

  const parts = [];
  req.on('data', (c) => parts.push(c));
  req.on('end', () => {
    const raw = parts.length === 1 ? parts[0].toString('latin1') : Buffer.concat(parts).toString('latin1');
    if (path === '/v1/chat/completions') {
      if (STREAM_RE.test(raw)) {
        const body = USAGE_RE.test(raw) ? STREAM_BODY_USAGE : STREAM_BODY;
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache',
        });
        // A few writes, all at once: the head plus first chunk, then the rest.
        const cut = body.indexOf('\n\n') + 2;
        res.write(body.subarray(0, cut));
        res.end(body.subarray(cut));
        return;
      }
      return send(res, 200, CHAT_BODY);
    }
    if (path === '/v1/embeddings') {
      let n = 1;
      try {
        const input = JSON.parse(raw).input;
        if (Array.isArray(input) && input.length > 0 && typeof input[0] !== 'number') n = input.length;
      } catch {
        return send(res, 400, Buffer.from('{"error":{"message":"invalid JSON","type":"invalid_request_error"}}'));
      }
      return send(res, 200, embeddingsBody(Math.min(n, 2048)));
    }
    return notFound(res);
  });
});
server.keepAliveTimeout = 60_000;
server.headersTimeout = 65_000;
server.requestTimeout = 0;

server.listen(port, host, () => {
  process.stdout.write(`MOCK_READY ${server.address().port}\n`);
});

const stop = () => {
  server.close();
  server.closeAllConnections?.();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// Die with the parent: if stdin is a pipe from the runner and it closes, exit.
if (args['exit-on-stdin-close'] === 'true') {
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
}
