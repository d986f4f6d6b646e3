import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ModelAccess, userPathWithin, type AccessOverride } from './model-access.js';

function override(selector: string, providerName: string | null, model: string | null, userPaths: string[]): AccessOverride {
  return { selector, providerName, model, userPaths };
}

const GLOBAL = override('/', null, null, ['/admins']);
const MODEL_WIDE = override('gpt-4o', null, 'gpt-4o', ['/team-a']);
const PROVIDER_WIDE = override('openai-east/', 'openai-east', null, ['/team-b']);
const EXACT = override('openai-east/gpt-4o', 'openai-east', 'gpt-4o', ['/team-c']);

describe('userPathWithin', () => {
  it('covers the path itself and its descendants, never a sibling that shares the prefix', () => {
    assert.deepEqual(
      [
        userPathWithin('/team', '/team'),
        userPathWithin('/team/a/b', '/team'),
        userPathWithin('/teamx', '/team'),
        userPathWithin('/anything', '/'),
        userPathWithin('/', '/team'),
      ],
      [true, true, false, true, false],
    );
  });
});

describe('ModelAccess', () => {
  it('lets the most specific override decide: exact > provider-wide > model-wide > global', () => {
    const access = new ModelAccess([GLOBAL, MODEL_WIDE, PROVIDER_WIDE, EXACT], true);
    assert.deepEqual(
      [
        access.overrideFor('openai-east', 'gpt-4o'),
        access.overrideFor('openai-east', 'o3'),
        access.overrideFor('openai', 'gpt-4o'),
        access.overrideFor('openai', 'gpt-4o-mini'),
      ],
      [EXACT, PROVIDER_WIDE, MODEL_WIDE, GLOBAL],
    );
    // Only the deciding override's paths count: /team-a may use gpt-4o on openai, not on openai-east.
    assert.equal(access.allows('openai', 'gpt-4o', '/team-a/alice'), true);
    assert.equal(access.allows('openai-east', 'gpt-4o', '/team-a/alice'), false);
    assert.equal(access.allows('openai-east', 'gpt-4o', '/team-c'), true);
    assert.equal(access.allows('openai', 'gpt-4o-mini', '/admins/root'), true);
    assert.equal(access.allows('openai', 'gpt-4o-mini', '/team-a'), false);
  });

  it('falls back to MODELS_ENABLED_BY_DEFAULT when no override selects the model', () => {
    assert.equal(new ModelAccess([MODEL_WIDE], true).allows('groq', 'llama', undefined), true);
    assert.equal(new ModelAccess([MODEL_WIDE], false).allows('groq', 'llama', '/team-a'), false);
    assert.equal(new ModelAccess([], true).open, true);
    assert.equal(new ModelAccess([], false).open, false);
  });

  it('refuses with GoModel 400 model_access_denied, saying whether the model is off or off for this caller', () => {
    const denials = [
      new ModelAccess([], false).denial('groq', 'llama', '/team-a'),
      new ModelAccess([MODEL_WIDE], true).denial('openai', 'gpt-4o', '/team-b'),
      new ModelAccess([MODEL_WIDE], true).denial('openai', 'gpt-4o', undefined),
      new ModelAccess([override('/', null, null, ['/'])], false).denial('openai', 'gpt-4o', undefined),
    ].map((error) => (error === undefined ? undefined : [error.status, error.toOpenAI()]));
    const refused = (message: string) => [
      400,
      { error: { message, type: 'invalid_request_error', param: null, code: 'model_access_denied' } },
    ];
    assert.deepEqual(denials, [
      refused('requested model is not available'),
      refused('requested model is not available for this API key'),
      refused('requested model is not available for this API key'),
      undefined,
    ]);
  });
});
