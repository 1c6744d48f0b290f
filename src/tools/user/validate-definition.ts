// Is a user tool's definition usable? Checked in the editor (per field, to show next to it) and before the
// tool is offered to the model. The schema must be an object schema our validator can compile, because the
// model's arguments are a JSON object checked against it.
import { Validator, type Schema } from '@cfworker/json-schema';
import { MAX_TOOL_TIMEOUT_MS, type UserTool } from './types';

export interface DefinitionProblem {
  field: 'name' | 'description' | 'parameters' | 'code' | 'timeoutMs';
  message: string;
}

/** Harmony tool names are identifiers: `functions.<name>` is parsed from the model's header. */
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_CODE_CHARS = 200_000;

export function definitionProblems(tool: UserTool, takenNames: readonly string[]): DefinitionProblem[] {
  const out: DefinitionProblem[] = [];
  if (!NAME.test(tool.name)) out.push({ field: 'name', message: 'Use letters, digits and _ only, starting with a letter or _ (at most 64).' });
  else if (takenNames.includes(tool.name)) out.push({ field: 'name', message: `Another tool is already called ${tool.name}.` });
  if (tool.description.trim() === '') out.push({ field: 'description', message: 'Say what the tool does: the model reads this to decide when to call it.' });
  const p = tool.parameters;
  if (typeof p !== 'object' || p === null || Array.isArray(p) || p.type !== 'object') {
    out.push({ field: 'parameters', message: 'The parameters must be a JSON Schema with "type": "object".' });
  } else if (p.properties !== undefined && (typeof p.properties !== 'object' || p.properties === null || Array.isArray(p.properties))) {
    out.push({ field: 'parameters', message: '"properties" must be an object mapping each argument name to its schema.' });
  } else {
    try {
      new Validator(p as Schema, '2020-12', false).validate({});
    } catch (e) {
      out.push({ field: 'parameters', message: `The schema cannot be used: ${(e as Error).message}` });
    }
  }
  if (tool.implementation.kind === 'code') {
    if (tool.implementation.code.trim() === '') out.push({ field: 'code', message: 'Write the body of the function: it gets `args` and returns the result.' });
    else if (tool.implementation.code.length > MAX_CODE_CHARS) out.push({ field: 'code', message: `The code is longer than ${MAX_CODE_CHARS} characters.` });
  }
  if (!Number.isInteger(tool.timeoutMs) || tool.timeoutMs < 100 || tool.timeoutMs > MAX_TOOL_TIMEOUT_MS) {
    out.push({ field: 'timeoutMs', message: `Choose a timeout from 100 ms to ${MAX_TOOL_TIMEOUT_MS / 1000} s.` });
  }
  return out;
}
