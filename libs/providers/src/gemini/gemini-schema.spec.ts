import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '@modelgate/core';
import { toGeminiSchema } from './gemini-schema.js';

/** What pydantic v2 writes for `class Order(BaseModel)` with a nested model, an enum, optionals and defaults. */
const PYDANTIC_ORDER = {
  $defs: {
    Address: {
      properties: {
        street: { title: 'Street', type: 'string' },
        zip: { anyOf: [{ pattern: '^[0-9]{5}$', type: 'string' }, { type: 'null' }], default: null, title: 'Zip' },
      },
      required: ['street'],
      title: 'Address',
      type: 'object',
      additionalProperties: false,
    },
    Status: { enum: ['open', 'shipped'], title: 'Status', type: 'string' },
  },
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  additionalProperties: false,
  properties: {
    id: { title: 'Id', type: 'integer', exclusiveMinimum: 0, minimum: 1 },
    status: { $ref: '#/$defs/Status', default: 'open' },
    shipping: { anyOf: [{ $ref: '#/$defs/Address' }, { type: 'null' }], default: null, description: 'Where to ship' },
    billing: { allOf: [{ $ref: '#/$defs/Address' }], description: 'Billing address' },
    tags: { items: { type: 'string' }, title: 'Tags', type: 'array', examples: [['a']], uniqueItems: true },
    note: { type: ['string', 'null'], format: 'email', maxLength: 200 },
    quantity: { type: 'number', pattern: 'ignored-on-numbers', format: 'double' },
    kind: { const: 'order' },
    mixed: { type: ['string', 'integer'] },
  },
  required: ['id', 'status', 'ghost'],
  title: 'Order',
  type: 'object',
};

const ADDRESS = {
  type: 'object',
  properties: { street: { type: 'string' }, zip: { type: 'string', pattern: '^[0-9]{5}$', nullable: true } },
  required: ['street'],
};

describe('toGeminiSchema', () => {
  it('inlines $defs, collapses null unions to nullable and drops keywords Gemini rejects (pydantic model)', () => {
    assert.deepEqual(toGeminiSchema(PYDANTIC_ORDER, 'tools[0].function.parameters', 'gemini'), {
      type: 'object',
      properties: {
        id: { type: 'integer', minimum: 1 },
        status: { type: 'string', enum: ['open', 'shipped'] },
        shipping: { ...ADDRESS, description: 'Where to ship', nullable: true },
        billing: { ...ADDRESS, description: 'Billing address' },
        tags: { type: 'array', items: { type: 'string' } },
        note: { type: 'string', nullable: true, maxLength: 200 },
        quantity: { type: 'number', format: 'double' },
        kind: { type: 'string', enum: ['order'] },
        mixed: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
      },
      required: ['id', 'status'],
    });
  });

  it('keeps a union of several non-null branches as anyOf, nullable when null was one of them', () => {
    const schema = {
      anyOf: [{ type: 'string' }, { type: 'object', properties: { a: { type: 'number' } } }, { type: 'null' }],
      description: 'x',
    };
    assert.deepEqual(toGeminiSchema(schema, 'p', 'gemini'), {
      description: 'x',
      anyOf: [{ type: 'string' }, { type: 'object', properties: { a: { type: 'number' } } }],
      nullable: true,
    });
  });

  it('refuses a recursive schema with a 400 naming the field and the provider', () => {
    const tree = {
      $defs: { Node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/$defs/Node' } } } } },
      $ref: '#/$defs/Node',
    };
    assert.throws(
      () => toGeminiSchema(tree, 'response_format.json_schema.schema', 'vertex'),
      (err: unknown) =>
        err instanceof GatewayError &&
        err.status === 400 &&
        err.message.includes("recursive $ref '#/$defs/Node'") &&
        err.message.includes("provider 'vertex'") &&
        err.param === 'response_format.json_schema.schema.properties.children.items',
    );
  });

  it('refuses a $ref that points outside $defs', () => {
    assert.throws(() => toGeminiSchema({ $ref: 'https://example.com/s.json' }, 'p', 'gemini'), /does not point into \$defs/);
  });

  it('refuses a map (additionalProperties or patternProperties without properties) with a 400 naming its path', () => {
    const where = 'tools[0].function.parameters';
    const shapes = [
      { type: 'object', additionalProperties: { type: 'string' } },
      { type: 'object', patternProperties: { '^x-': { type: 'integer' } } },
      { additionalProperties: true },
    ];
    for (const labels of shapes) {
      const schema = { type: 'object', properties: { name: { type: 'string' }, labels } };
      assert.throws(
        () => toGeminiSchema(schema, where, 'gemini'),
        (err: unknown) =>
          err instanceof GatewayError &&
          err.status === 400 &&
          err.param === `${where}.properties.labels` &&
          err.message.includes('free-form') &&
          err.message.includes("provider 'gemini'"),
        JSON.stringify(labels),
      );
    }
    const withProperties = { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: { type: 'string' } };
    assert.deepEqual(toGeminiSchema(withProperties, where, 'gemini'), { type: 'object', properties: { a: { type: 'string' } } });
  });

  it('keeps items on tuple arrays (one schema, or anyOf of several) and refuses an array without items', () => {
    const schema = {
      type: 'object',
      properties: {
        pair: { type: 'array', items: [{ type: 'string' }, { type: 'integer' }] },
        single: { type: 'array', items: [{ type: 'number' }] },
        prefixed: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'boolean' }], minItems: 2 },
      },
    };
    assert.deepEqual(toGeminiSchema(schema, 'p', 'gemini'), {
      type: 'object',
      properties: {
        pair: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'integer' }] } },
        single: { type: 'array', items: { type: 'number' } },
        prefixed: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'boolean' }] }, minItems: 2 },
      },
    });
    assert.throws(
      () => toGeminiSchema({ type: 'object', properties: { list: { type: ['array', 'null'] } } }, 'tools[2].function.parameters', 'gemini'),
      (err: unknown) =>
        err instanceof GatewayError &&
        err.param === 'tools[2].function.parameters.properties.list' &&
        err.message.includes('an array without an items schema'),
    );
  });

  it('merges the keywords beside anyOf into each branch, so no branch loses the type', () => {
    assert.deepEqual(toGeminiSchema({ type: 'string', description: 'id', anyOf: [{ minLength: 1 }, { pattern: 'x' }] }, 'p', 'g'), {
      description: 'id',
      anyOf: [
        { type: 'string', minLength: 1 },
        { type: 'string', pattern: 'x' },
      ],
    });
    const object = {
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'string' } },
      oneOf: [{ required: ['a'] }, { required: ['b'] }],
    };
    const properties = { a: { type: 'string' }, b: { type: 'string' } };
    assert.deepEqual(toGeminiSchema(object, 'p', 'g'), {
      anyOf: [
        { type: 'object', properties, required: ['a'] },
        { type: 'object', properties, required: ['b'] },
      ],
    });
  });

  it('turns null among enum values into nullable, keeps number and boolean enums typed, and stringifies mixed ones', () => {
    const schema = {
      type: 'object',
      properties: {
        mode: { enum: ['a', null] },
        level: { enum: [1, 2] },
        ratio: { enum: [0.5, 1] },
        one: { const: 3, description: 'Version.' },
        flag: { enum: [true] },
        mixed: { enum: ['a', 1, null] },
      },
    };
    assert.deepEqual(toGeminiSchema(schema, 'p', 'gemini'), {
      type: 'object',
      properties: {
        mode: { type: 'string', enum: ['a'], nullable: true },
        level: { type: 'integer', description: 'One of: 1, 2.' },
        ratio: { type: 'number', description: 'One of: 0.5, 1.' },
        one: { type: 'integer', description: 'Version. Must be 3.' },
        flag: { type: 'boolean', description: 'Must be true.' },
        mixed: { type: 'string', enum: ['a', '1'], nullable: true },
      },
    });
  });
});
