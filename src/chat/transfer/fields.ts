// Reading untrusted JSON field by field: each accessor checks the type and, when it fails, throws an
// ImportError naming the path (e.g. `conversations[0].tree.nodes[3].turn.stats.decodeMs`).
import { ImportError } from './import-error';

type Obj = Record<string, unknown>;

const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);
const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : JSON.stringify(v)?.slice(0, 40) ?? typeof v);

export class Fields {
  private constructor(
    private readonly o: Obj,
    readonly path: string,
  ) {}

  static of(v: unknown, path: string): Fields {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ImportError(`${path || 'file'}: expected an object, found ${describe(v)}`);
    return new Fields(v as Obj, path);
  }

  fail(key: string, what: string): never {
    throw new ImportError(`${join(this.path, key)}: ${what}`);
  }
  has(key: string): boolean {
    return Object.hasOwn(this.o, key) && this.o[key] !== undefined;
  }
  raw(key: string): unknown {
    return Object.hasOwn(this.o, key) ? this.o[key] : undefined;
  }

  str(key: string): string {
    const v = this.raw(key);
    if (typeof v !== 'string') this.fail(key, v === undefined ? 'missing (a string is required)' : `expected a string, found ${describe(v)}`);
    return v;
  }
  num(key: string): number {
    const v = this.raw(key);
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(key, v === undefined ? 'missing (a number is required)' : `expected a number, found ${describe(v)}`);
    return v;
  }
  int(key: string, min = 0): number {
    const v = this.num(key);
    if (!Number.isSafeInteger(v) || v < min) this.fail(key, `expected a whole number ≥ ${min}, found ${v}`);
    return v;
  }
  oneOf<T extends string>(key: string, allowed: readonly T[]): T {
    const v = this.str(key);
    if (!(allowed as readonly string[]).includes(v)) this.fail(key, `unknown value ${JSON.stringify(v)} (expected ${allowed.map((a) => JSON.stringify(a)).join(', ')})`);
    return v as T;
  }
  obj(key: string): Fields {
    return Fields.of(this.raw(key), join(this.path, key));
  }
  /** The items of an array field, each with its path. */
  list(key: string): { value: unknown; path: string }[] {
    const v = this.raw(key);
    if (!Array.isArray(v)) this.fail(key, v === undefined ? 'missing (an array is required)' : `expected an array, found ${describe(v)}`);
    return v.map((value, i) => ({ value, path: `${join(this.path, key)}[${i}]` }));
  }
  strings(key: string): string[] {
    return this.list(key).map(({ value, path }) => {
      if (typeof value !== 'string') throw new ImportError(`${path}: expected a string, found ${describe(value)}`);
      return value;
    });
  }
  ints(key: string, max: number): number[] {
    return this.list(key).map(({ value, path }) => {
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > max) throw new ImportError(`${path}: expected a whole number from 0 to ${max}, found ${describe(value)}`);
      return value;
    });
  }
}
