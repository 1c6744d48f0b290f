// JSON Schema -> the TypeScript-ish text Harmony puts in tool namespaces (HARMONY-SPEC §5.4), quirks and
// whitespace included. Unknown keywords (anyOf, allOf, $ref, const, format, ...) are ignored, as in the
// reference. Numbers print as JavaScript prints them: a schema default written `10.0` prints `10` here while
// the reference (serde_json) keeps `10.0`; integral defaults, the common case, agree.
import type { JsonSchema } from './types';

type Obj = { [key: string]: unknown };
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function hasNonEmptyEnum(s: Obj): boolean {
  return Array.isArray(s.enum) && s.enum.length > 0;
}

/** `default: "x"` for a string without enum, `default: x` for a string with enum, compact JSON otherwise. */
function defaultText(value: unknown, owner: Obj): string {
  if (typeof value === 'string') return hasNonEmptyEnum(owner) ? `default: ${value}` : `default: "${value}"`;
  return `default: ${JSON.stringify(value)}`;
}

function withNullable(text: string, s: unknown): string {
  return isObj(s) && s.nullable === true && !text.includes('null') ? `${text} | null` : text;
}

/** One `oneOf` variant's trailing ` // description default` comment (empty if none). */
function variantComment(v: unknown, skipDescription: boolean): string {
  if (!isObj(v)) return '';
  const parts: string[] = [];
  const d = str(v.description);
  if (d !== undefined && !skipDescription) parts.push(d);
  if ('default' in v) parts.push(defaultText(v.default, v));
  return parts.length > 0 ? ` // ${parts.join(' ')}` : '';
}

function objectBody(s: Obj, indent: string): string {
  let out = '';
  const d = str(s.description);
  if (d !== undefined) out += `${indent}// ${d}\n`;
  out += '{\n';
  const required = new Set(Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string') : []);
  const props = isObj(s.properties) ? s.properties : {};
  for (const [key, raw] of Object.entries(props)) {
    const p: Obj = isObj(raw) ? raw : {};
    const opt = required.has(key) ? '' : '?';
    const title = str(p.title);
    if (title !== undefined) out += `${indent}// ${title}\n${indent}//\n`;
    const description = str(p.description);
    if (!('oneOf' in p) && description !== undefined) out += `${indent}// ${description}\n`;
    if (Array.isArray(p.examples) && p.examples.length > 0) {
      out += `${indent}// Examples:\n`;
      for (const ex of p.examples) if (typeof ex === 'string') out += `${indent}// - "${ex}"\n`;
    }
    if (Array.isArray(p.oneOf)) {
      out += propertyUnion(key + opt, p, p.oneOf, indent);
      continue;
    }
    out += `${indent}${key}${opt}: ${withNullable(schemaToTypeScript(p, indent + '    '), p)},`;
    if ('default' in p && !('oneOf' in p)) out += ` // ${defaultText(p.default, p)}`;
    out += '\n';
  }
  return out + `${indent}}`;
}

function propertyUnion(key: string, p: Obj, variants: unknown[], indent: string): string {
  let out = '';
  const description = str(p.description);
  const first = variants[0];
  const firstDescription = isObj(first) ? str(first.description) : undefined;
  const sameAsFirst = description !== undefined && description === firstDescription;
  const printedAbove = description !== undefined && !sameAsFirst;
  if (printedAbove) out += `${indent}// ${description}\n`;
  if ('default' in p) out += `${indent}// ${defaultText(p.default, p)}\n`;
  out += `${indent}${key}:\n`;
  variants.forEach((v, i) => {
    const vd = isObj(v) ? str(v.description) : undefined;
    const skip = (i === 0 && (printedAbove || sameAsFirst)) || (vd !== undefined && vd === description);
    out += `${indent} | ${withNullable(schemaToTypeScript(v, indent + '   '), v)}${variantComment(v, skip)}\n`;
  });
  return out + `${indent},\n`;
}

/** TS(schema, indent) of spec §5.4. */
export function schemaToTypeScript(schema: JsonSchema | unknown, indent = ''): string {
  if (!isObj(schema)) return 'any';
  if (Array.isArray(schema.oneOf)) {
    return schema.oneOf
      .map((v) => `\n${indent} | ${withNullable(schemaToTypeScript(v, indent + '   '), v)}${variantComment(v, false)}`)
      .join('');
  }
  if (Array.isArray(schema.type)) {
    const names = schema.type.filter((t): t is string => typeof t === 'string').map((t) => (t === 'integer' ? 'number' : t));
    if (names.length > 0) return names.join(' | ');
    return 'any';
  }
  switch (schema.type) {
    case 'object':
      return objectBody(schema, indent);
    case 'string': {
      const values = Array.isArray(schema.enum) ? schema.enum.filter((e): e is string => typeof e === 'string') : [];
      return values.length > 0 ? values.map((e) => `"${e}"`).join(' | ') : 'string';
    }
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      return 'items' in schema ? `${schemaToTypeScript(schema.items, indent)}[]` : 'Array<any>';
    default:
      return 'any';
  }
}
