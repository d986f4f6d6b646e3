import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFailoverRules } from './parse-failover-rules.js';

function failure(text: string): string {
  try {
    parseFailoverRules(text, 'rules.json');
  } catch (err) {
    return (err as Error).message;
  }
  return assert.fail('the rules were accepted');
}

describe('parseFailoverRules', () => {
  it('reads each source selector with its fallbacks in order, trimmed, empty entries dropped', () => {
    const rules = parseFailoverRules(
      '\n{ " gpt-4o ": ["azure/gpt-4o", " gemini/gemini-2.5-pro", ""],\n  "claude-sonnet-4": [], "a\\u0062c": ["x\\"y"] }\n',
      'rules.json',
    );
    assert.deepEqual(
      [...rules],
      [
        ['gpt-4o', ['azure/gpt-4o', 'gemini/gemini-2.5-pro']],
        ['claude-sonnet-4', []],
        ['abc', ['x"y']],
      ],
    );
    assert.deepEqual([...parseFailoverRules(' {} ', 'rules.json')], []);
  });

  it('refuses a repeated key (also after trimming) instead of keeping the last', () => {
    assert.equal(failure('{"gpt-4o": ["a"], "gpt-4o": ["b"]}'), 'rules.json: "gpt-4o" is a key twice (line 1, column 27)');
    assert.match(failure('{"gpt-4o": ["a"], " gpt-4o": ["b"]}'), /"gpt-4o" is a key twice/);
  });

  it('refuses null, a value that is not a list of strings, an empty key, a non-object and trailing content', () => {
    assert.equal(
      failure('{\n  "gpt-4o": null\n}'),
      'rules.json: null is not allowed for "gpt-4o": give a list of model selectors (line 2, column 13)',
    );
    assert.match(failure('{"gpt-4o": "azure/gpt-4o"}'), /the value of "gpt-4o" must be a list of model selectors/);
    assert.match(failure('{"gpt-4o": [1]}'), /expected a model selector in the list of "gpt-4o" as a JSON string/);
    assert.match(failure('{"  ": ["a"]}'), /a key is empty/);
    assert.match(failure('["gpt-4o"]'), /the top level must be a JSON object/);
    assert.match(failure(''), /the top level must be a JSON object/);
    assert.match(failure('{"a": ["b"]} {"c": []}'), /unexpected content after the object \(line 1, column 14\)/);
    assert.match(failure('{"a": ["b"]'), /expected , or } after a rule/);
    assert.match(failure('{"a": ["b" "c"]}'), /expected , or ] in the list of "a"/);
    assert.match(failure('{"a: []}'), /a string is not closed/);
  });
});
