// Arguments against the tool's JSON Schema before anything runs (@cfworker/json-schema: no eval, so it works
// under the page's CSP). The message is what the model reads to correct its call.
import { Validator, type Schema } from '@cfworker/json-schema';
import type { JsonSchema } from '../../harmony/types';

const validators = new WeakMap<object, Validator>();

/** null when `args` fits `schema`; otherwise what is wrong, one clause per problem. */
export function argsProblem(schema: JsonSchema, args: unknown): string | null {
  let v = validators.get(schema);
  if (!v) validators.set(schema, (v = new Validator(schema as Schema, '2020-12', false)));
  const { valid, errors } = v.validate(args);
  if (valid) return null;
  // Keywords like `properties` only repeat what the nested errors say; keep the leaves.
  const leaves = errors.filter((e) => !['properties', 'items', 'allOf', 'anyOf', 'oneOf', '$ref'].includes(e.keyword));
  return (leaves.length > 0 ? leaves : errors).map((e) => `${e.instanceLocation.replace(/^#\/?/, '') || 'arguments'}: ${e.error}`).join('; ');
}
