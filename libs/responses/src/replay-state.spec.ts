import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeReplayState, encodeReplayState } from './replay-state.js';

describe('replay state in encrypted_content', () => {
  it('round-trips the state it encoded and ignores anything else', () => {
    const extra = { anthropic: { thinking_blocks: [{ type: 'thinking', thinking: 't', signature: 's' }] } };
    assert.deepEqual(decodeReplayState(encodeReplayState(extra)), extra);
    assert.equal(decodeReplayState('gAAAAB-openai-blob'), undefined);
    assert.equal(decodeReplayState('mg1.not-json'), undefined);
  });

  it('ignores a state nested past the depth limit instead of carrying it upstream', () => {
    const deep = `{"a":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    assert.equal(decodeReplayState(`mg1.${Buffer.from(deep).toString('base64url')}`), undefined);
  });
});
