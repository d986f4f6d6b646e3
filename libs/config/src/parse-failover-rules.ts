// Manual failover rules as JSON (`{"gpt-4o": ["azure/gpt-4o", "gemini/gemini-2.5-pro"]}`), read strictly: JSON.parse
// would keep the last of two equal keys and drop a rule the operator wrote without a word, so the object is scanned
// here, and a repeated key, a null, a non-list value, an empty key or anything after the object stops start-up.
import { ConfigError } from './config-error.js';

const WHITESPACE = /[ \t\n\r]/;

/** Source selector -> fallback selectors in the order they are tried (trimmed; empty entries dropped). */
export function parseFailoverRules(text: string, source: string): Map<string, string[]> {
  let at = 0;
  const fail = (what: string): never => {
    const before = text.slice(0, at).split('\n');
    throw new ConfigError(`${source}: ${what} (line ${before.length}, column ${before.at(-1)!.length + 1})`);
  };
  const skipWhitespace = (): void => {
    while (at < text.length && WHITESPACE.test(text[at]!)) at++;
  };
  const readString = (what: string): string => {
    if (text[at] !== '"') fail(`expected ${what} as a JSON string`);
    let end = at + 1;
    while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
    if (end >= text.length) fail('a string is not closed');
    let value: unknown;
    try {
      value = JSON.parse(text.slice(at, end + 1));
    } catch {
      fail('a string has an invalid escape');
    }
    at = end + 1;
    return value as string;
  };
  const expect = (char: string, what: string): void => {
    skipWhitespace();
    if (text[at] !== char) fail(what);
    at++;
  };
  const readList = (key: string): string[] => {
    skipWhitespace();
    if (text.startsWith('null', at)) fail(`null is not allowed for "${key}": give a list of model selectors`);
    if (text[at] !== '[') fail(`the value of "${key}" must be a list of model selectors like ["azure/gpt-4o"]`);
    at++;
    const selectors: string[] = [];
    skipWhitespace();
    if (text[at] === ']') {
      at++;
      return selectors;
    }
    for (;;) {
      skipWhitespace();
      const selector = readString(`a model selector in the list of "${key}"`).trim();
      if (selector !== '') selectors.push(selector);
      skipWhitespace();
      if (text[at] === ']') break;
      expect(',', `expected , or ] in the list of "${key}"`);
    }
    at++;
    return selectors;
  };

  const rules = new Map<string, string[]>();
  expect('{', 'the top level must be a JSON object like {"gpt-4o": ["azure/gpt-4o"]}');
  skipWhitespace();
  if (text[at] === '}') at++;
  else {
    for (;;) {
      skipWhitespace();
      const key = readString('a model selector as the key').trim();
      if (key === '') fail('a key is empty');
      if (rules.has(key)) fail(`"${key}" is a key twice`);
      expect(':', `expected : after "${key}"`);
      rules.set(key, readList(key));
      skipWhitespace();
      if (text[at] === '}') break;
      expect(',', 'expected , or } after a rule');
    }
    at++;
  }
  skipWhitespace();
  if (at < text.length) fail('unexpected content after the object');
  return rules;
}
