// JSON Schema (as clients and pydantic write it) → the OpenAPI subset Gemini accepts for function parameters and
// responseSchema: references inlined, null unions turned into `nullable`, keywords Gemini rejects removed.
import { GatewayError } from '@modelgate/core';
import type { GeminiSchema } from './wire.js';

type Json = Record<string, unknown>;

const NUMBER_FORMATS = new Set(['int32', 'int64', 'float', 'double']);
const STRING_FORMATS = new Set(['enum', 'date-time']);
const MAX_DEPTH = 32;

interface Context {
  root: Json;
  /** `$ref`s being expanded on the current path: a repeat is a recursive schema, which Gemini cannot express. */
  expanding: string[];
  provider: string;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `at` is the path of the schema node in the request (`tools[0].function.parameters.properties.tags`). */
function refused(at: string, ctx: Context, why: string): GatewayError {
  return GatewayError.badRequest(`${at}: ${why}; provider '${ctx.provider}' (Gemini) cannot express it`, { param: at });
}

function resolveRef(ref: string, at: string, ctx: Context): Json {
  const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
  const defs = match ? ctx.root[match[1]!] : undefined;
  const target = match && isObject(defs) ? defs[decodeURIComponent(match[2]!).replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  if (!isObject(target)) throw refused(at, ctx, `$ref '${ref}' does not point into $defs or definitions`);
  return target;
}

function isNullSchema(value: unknown): boolean {
  return isObject(value) && (value.type === 'null' || (Array.isArray(value.type) && value.type.length === 1 && value.type[0] === 'null'));
}

/** Merges `allOf` members (pydantic wraps a described `$ref` in a one-member allOf). */
function mergeAllOf(members: Json[]): Json {
  const merged: Json = {};
  for (const member of members) {
    for (const [key, value] of Object.entries(member)) {
      if (key === 'properties' && isObject(merged.properties) && isObject(value)) merged.properties = { ...merged.properties, ...value };
      else if (key === 'required' && Array.isArray(merged.required) && Array.isArray(value))
        merged.required = [...merged.required, ...value];
      else merged[key] = value;
    }
  }
  return merged;
}

function convert(input: Json, ctx: Context, depth: number, at: string): GeminiSchema {
  if (depth > MAX_DEPTH) throw refused(at, ctx, 'the schema nests too deeply');
  if (typeof input.$ref === 'string') {
    const ref = input.$ref;
    if (ctx.expanding.includes(ref)) throw refused(at, ctx, `recursive $ref '${ref}'`);
    const { $ref: _ref, ...siblings } = input;
    ctx.expanding.push(ref);
    const out = convert({ ...resolveRef(ref, at, ctx), ...siblings }, ctx, depth + 1, at);
    ctx.expanding.pop();
    return out;
  }
  if (Array.isArray(input.allOf)) {
    const { allOf, ...rest } = input;
    return convert(mergeAllOf([...allOf.filter(isObject), rest]), ctx, depth + 1, at);
  }
  const union = Array.isArray(input.anyOf) ? input.anyOf : Array.isArray(input.oneOf) ? input.oneOf : undefined;
  if (union) return convertUnion(input, union, ctx, depth, at);
  return convertPlain(input, ctx, depth, at);
}

/**
 * The keywords beside `anyOf` / `oneOf` hold for every branch (`{type: string, anyOf: [{minLength: 1}, {pattern}]}`),
 * so they are merged into each branch: a branch never loses the parent's type.
 */
function convertUnion(input: Json, union: unknown[], ctx: Context, depth: number, at: string): GeminiSchema {
  const { anyOf: _anyOf, oneOf: _oneOf, description, nullable: _nullable, ...shared } = input;
  const branches = union.filter((branch) => !isNullSchema(branch)).filter(isObject);
  const nullable = branches.length < union.length || input.nullable === true;
  const key = Array.isArray(input.anyOf) ? 'anyOf' : 'oneOf';
  let out: GeminiSchema;
  if (branches.length === 1) out = convert(mergeAllOf([shared, branches[0]!]), ctx, depth + 1, at);
  else {
    out = {};
    out.anyOf = branches.map((branch, index) => convert(mergeAllOf([shared, branch]), ctx, depth + 1, `${at}.${key}[${index}]`));
  }
  if (typeof description === 'string') out.description = description;
  if (nullable) out.nullable = true;
  return out;
}

function convertType(input: Json, out: GeminiSchema): void {
  if (typeof input.type === 'string' && input.type !== 'null') out.type = input.type;
  else if (Array.isArray(input.type)) {
    const types = input.type.filter((type): type is string => typeof type === 'string' && type !== 'null');
    if (types.length < input.type.length) out.nullable = true;
    if (types.length === 1) out.type = types[0];
    else if (types.length > 1) out.anyOf = types.map((type) => ({ type }));
  }
}

function note(out: GeminiSchema, text: string): void {
  out.description = typeof out.description === 'string' ? `${out.description} ${text}` : text;
}

/**
 * Gemini enums are strings. `null` among the values becomes `nullable`; numbers and booleans keep their type (so the
 * arguments keep theirs) and the allowed values move into the description; a mix of kinds becomes a string enum.
 */
function convertEnum(values: unknown[], out: GeminiSchema): void {
  const present = values.filter((value) => value !== null);
  if (present.length < values.length) out.nullable = true;
  if (present.length === 0) return;
  if (present.every((value) => typeof value === 'string')) {
    out.type = 'string';
    out.enum = present;
    return;
  }
  const listed = present.map((value) => JSON.stringify(value));
  if (present.every((value) => typeof value === 'number')) {
    out.type = out.type === 'number' || !present.every(Number.isInteger) ? 'number' : 'integer';
  } else if (present.every((value) => typeof value === 'boolean')) {
    out.type = 'boolean';
  } else {
    out.type = 'string';
    out.enum = present.map((value) => (typeof value === 'string' ? value : JSON.stringify(value)));
    return;
  }
  note(out, present.length === 1 ? `Must be ${listed[0]!}.` : `One of: ${listed.join(', ')}.`);
}

/** `items` of an array: a tuple (`items: [...]`, `prefixItems`) becomes the one item schema, or `anyOf` of them. */
function convertItems(input: Json, ctx: Context, depth: number, at: string): GeminiSchema {
  if (isObject(input.items)) return convert(input.items, ctx, depth + 1, `${at}.items`);
  const tupleKey = Array.isArray(input.items) ? 'items' : Array.isArray(input.prefixItems) ? 'prefixItems' : undefined;
  const tuple = tupleKey === undefined ? [] : (input[tupleKey] as unknown[]);
  const members = tuple.flatMap((item, index) => (isObject(item) ? [convert(item, ctx, depth + 1, `${at}.${tupleKey!}[${index}]`)] : []));
  if (members.length === 1) return members[0]!;
  if (members.length > 1) return { anyOf: members };
  throw refused(at, ctx, 'an array without an items schema (Gemini needs to know what the elements are)');
}

function convertPlain(input: Json, ctx: Context, depth: number, at: string): GeminiSchema {
  const out: GeminiSchema = {};
  convertType(input, out);
  const type = out.type;
  if (typeof input.description === 'string') out.description = input.description;
  if (input.nullable === true) out.nullable = true;
  if (typeof input.format === 'string' && (type === 'string' ? STRING_FORMATS : NUMBER_FORMATS).has(input.format))
    out.format = input.format;
  const values = Array.isArray(input.enum) ? input.enum : input.const !== undefined ? [input.const] : undefined;
  if (values) convertEnum(values, out);
  if (type === 'string') {
    for (const key of ['minLength', 'maxLength', 'pattern']) if (input[key] !== undefined) out[key] = input[key];
  }
  if (type === 'number' || type === 'integer') {
    for (const key of ['minimum', 'maximum']) if (typeof input[key] === 'number') out[key] = input[key];
  }
  if (type === 'array' || input.items !== undefined || input.prefixItems !== undefined) {
    out.items = convertItems(input, ctx, depth, at);
    for (const key of ['minItems', 'maxItems']) if (typeof input[key] === 'number') out[key] = input[key];
  }
  if (isObject(input.properties)) {
    const properties: Record<string, GeminiSchema> = {};
    for (const [name, property] of Object.entries(input.properties)) {
      if (isObject(property)) properties[name] = convert(property, ctx, depth + 1, `${at}.properties.${name}`);
    }
    out.type ??= 'object';
    out.properties = properties;
    if (Array.isArray(input.required)) {
      const required = input.required.filter((name): name is string => typeof name === 'string' && name in properties);
      if (required.length > 0) out.required = [...new Set(required)];
    }
  } else if (isMap(input)) {
    throw refused(
      at,
      ctx,
      'an object whose keys are free-form (additionalProperties / patternProperties without properties); Gemini requires an object to list its properties',
    );
  }
  return out;
}

/** A map (`Record<string, T>`): keys come from additionalProperties or patternProperties, none are named. */
function isMap(input: Json): boolean {
  const extra = input.additionalProperties;
  const patterns = input.patternProperties;
  return (
    (input.type === undefined || input.type === 'object') &&
    (isObject(extra) || extra === true || (isObject(patterns) && Object.keys(patterns).length > 0))
  );
}

/**
 * `where` names the request field for error messages (`tools[0].function.parameters`). Throws a 400 GatewayError
 * naming the path of the node for schemas Gemini cannot express (recursive or dangling references, maps, arrays
 * without items).
 */
export function toGeminiSchema(schema: unknown, where: string, provider: string): GeminiSchema {
  if (!isObject(schema)) throw GatewayError.badRequest(`${where} must be a JSON Schema object`, { param: where });
  return convert(schema, { root: schema, expanding: [], provider }, 0, where);
}

/** True when the schema describes an object with no properties (Gemini rejects such function parameters). */
export function isEmptyObjectSchema(schema: GeminiSchema): boolean {
  return schema.type === 'object' && (!isObject(schema.properties) || Object.keys(schema.properties).length === 0);
}
