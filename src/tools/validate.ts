// Arguments against a tool's JSON Schema with @cfworker/json-schema (no eval/new Function: CSP-safe).
import { Validator, type Schema } from '@cfworker/json-schema';
import type { ToolDefinition } from './types';

const validators = new WeakMap<ToolDefinition, Validator>();
// Wrapper keywords repeat what their sub-schemas say; the leaves name the actual problem.
const WRAPPERS = new Set(['properties', 'items', 'prefixItems', 'allOf', 'anyOf', 'oneOf', '$ref', 'additionalProperties', 'unevaluatedProperties']);

/** null when `args` fits the tool's schema; otherwise what is wrong, in words the model can act on. */
export function schemaViolation(tool: ToolDefinition, args: unknown): string | null {
  const schema = tool.description.parameters;
  if (schema === undefined) return null;
  let v = validators.get(tool);
  if (!v) {
    v = new Validator(schema as Schema, '2020-12', false);
    validators.set(tool, v);
  }
  const result = v.validate(args);
  if (result.valid) return null;
  const leaves = result.errors.filter((e) => !WRAPPERS.has(e.keyword));
  const errors = leaves.length > 0 ? leaves : result.errors;
  return errors.map((e) => `${e.instanceLocation === '#' ? 'arguments' : e.instanceLocation.replace(/^#\//, '')}: ${e.error}`).join('; ');
}
