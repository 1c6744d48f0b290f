// The Overtone export file -> conversations, validating everything first: the envelope, every field of every
// node and turn, every message (src/harmony/json.ts, which names the offending path), the tree's shape, and
// that `messages` is the tree's active path. Any problem throws ImportError and nothing is returned, so an
// import either lands whole or changes nothing.
import { messageFromJson, messageToJson } from '../../harmony/json';
import { HarmonyError, type Message } from '../../harmony/types';
import { activePath, pathMessages } from '../tree';
import type { AssistantNode, AssistantTurn, ChatError, ChatNode, Conversation, ToolRun, TurnStats, UserNode } from '../types';
import { Fields } from './fields';
import { EXPORT_FORMAT, EXPORT_VERSION, MAX_IMPORT_BYTES } from './format';
import { ImportError } from './import-error';
import { EFFORTS, ERROR_CODES, STAT_FIELDS, STOP_REASONS, TOOL_STATUSES, TURN_STATUSES } from './vocabulary';

/** Node ids as the app makes them; `root` is the tree's root, `__proto__` could poison a record. */
const ID = /^[A-Za-z0-9_-]{1,128}$/;
/** Token ids: any id of the o200k_harmony vocabulary (0…201088). */
const MAX_TOKEN_ID = 201_088;
const isId = (v: string): boolean => ID.test(v) && v !== '__proto__';

function id(f: Fields, key: string): string {
  const v = f.str(key);
  if (!isId(v)) f.fail(key, `not a valid id: ${JSON.stringify(v.slice(0, 40))}`);
  return v;
}

function ids(f: Fields, key: string): string[] {
  return f.strings(key).map((v, i) => {
    if (!isId(v)) f.fail(`${key}[${i}]`, `not a valid id: ${JSON.stringify(v.slice(0, 40))}`);
    return v;
  });
}

function harmonyMessage(value: unknown, path: string): Message {
  try {
    return messageFromJson(value, path);
  } catch (e) {
    if (e instanceof HarmonyError) throw new ImportError(e.message);
    throw e;
  }
}

function chatError(f: Fields): ChatError {
  return { code: f.oneOf('code', ERROR_CODES), message: f.str('message'), fix: f.str('fix') };
}

function toolRun(f: Fields, messageCount: number): ToolRun {
  const callIndex = f.int('callIndex');
  if (callIndex >= messageCount) f.fail('callIndex', `points past the turn's ${messageCount} messages`);
  const run: ToolRun = { callIndex, recipient: f.str('recipient'), tool: f.str('tool'), argsText: f.str('argsText'), status: f.oneOf('status', TOOL_STATUSES), startedAt: f.num('startedAt') };
  if (f.has('output')) run.output = f.str('output');
  if (f.has('error')) run.error = chatError(f.obj('error'));
  if (f.has('ms')) run.ms = f.num('ms');
  return run;
}

function stats(f: Fields): TurnStats {
  const out: Partial<Record<keyof TurnStats, number>> = {};
  for (const [key, need] of Object.entries(STAT_FIELDS) as [keyof TurnStats, string][]) {
    if (need === 'required' || f.has(key)) out[key] = f.num(key);
  }
  return out as TurnStats;
}

function turn(f: Fields): AssistantTurn {
  const messages = f.list('messages').map(({ value, path }) => {
    const m = harmonyMessage(value, path);
    if (m.author.role !== 'assistant' && m.author.role !== 'tool') throw new ImportError(`${path}.role: a reply holds assistant and tool messages, found ${m.author.role}`);
    if (m.author.role === 'tool' && m.author.name === undefined) throw new ImportError(`${path}.name: a tool message needs the tool's name`);
    if (m.content.some((c) => c.type !== 'text')) throw new ImportError(`${path}.content: a reply's messages hold text only`);
    return m;
  });
  const t: AssistantTurn = {
    modelId: f.str('modelId'),
    effort: f.oneOf('effort', EFFORTS),
    messages,
    tools: f.list('tools').map(({ value, path }) => toolRun(Fields.of(value, path), messages.length)),
    status: f.oneOf('status', TURN_STATUSES),
    warnings: f.strings('warnings'),
    stats: stats(f.obj('stats')),
    startedAt: f.num('startedAt'),
  };
  if (f.has('stopReason')) t.stopReason = f.oneOf('stopReason', STOP_REASONS);
  if (f.has('error')) t.error = chatError(f.obj('error'));
  if (f.has('thinkingStartedAt')) t.thinkingStartedAt = f.num('thinkingStartedAt');
  if (f.has('thinkingEndedAt')) t.thinkingEndedAt = f.num('thinkingEndedAt');
  if (f.has('endedAt')) t.endedAt = f.num('endedAt');
  if (f.has('promptIds')) t.promptIds = f.ints('promptIds', MAX_TOKEN_ID);
  if (f.has('completionIds')) t.completionIds = f.ints('completionIds', MAX_TOKEN_ID);
  return t;
}

function activeChild(f: Fields, children: readonly string[]): number {
  const i = f.int('activeChild');
  if (i >= Math.max(1, children.length)) f.fail('activeChild', `is ${i} but there are ${children.length} children`);
  return i;
}

function node(f: Fields): Exclude<ChatNode, { role: 'root' }> {
  const nodeId = id(f, 'id');
  if (nodeId === 'root') f.fail('id', '"root" is reserved for the tree\'s root');
  const parentId = id(f, 'parentId');
  const role = f.oneOf('role', ['user', 'assistant'] as const);
  const createdAt = f.num('createdAt');
  const children = ids(f, 'children');
  const base = { id: nodeId, parentId, children, activeChild: activeChild(f, children), createdAt };
  return role === 'user' ? ({ ...base, role, text: f.str('text') } satisfies UserNode) : ({ ...base, role, turn: turn(f.obj('turn')) } satisfies AssistantNode);
}

/** The tree's shape: every child exists once, knows its parent, alternates user/assistant, hangs off the root. */
function checkTree(nodes: Record<string, ChatNode>, path: string): void {
  function fail(what: string): never {
    throw new ImportError(`${path}: ${what}`);
  }
  const parentOf = new Map<string, string>();
  for (const n of Object.values(nodes)) {
    for (const child of n.children) {
      const c = nodes[child];
      if (!c || c.role === 'root') fail(`node ${n.id} lists a child ${child} that is not in the file`);
      if (parentOf.has(child)) fail(`node ${child} is listed as a child twice`);
      parentOf.set(child, n.id);
      if (c.parentId !== n.id) fail(`node ${child} names parent ${c.parentId} but is listed under ${n.id}`);
      const expected = n.role === 'user' ? 'assistant' : 'user';
      if (c.role !== expected) fail(`node ${child} is ${c.role === 'assistant' ? 'an' : 'a'} ${c.role} message under a ${n.role === 'root' ? 'conversation start' : n.role + ' message'} (expected ${expected})`);
    }
  }
  const reached = new Set<string>(['root']);
  const queue = ['root'];
  while (queue.length > 0) for (const child of nodes[queue.shift()!]!.children) if (!reached.has(child)) (reached.add(child), queue.push(child));
  const lost = Object.keys(nodes).filter((k) => !reached.has(k));
  if (lost.length > 0) fail(`node ${lost[0]} cannot be reached from the conversation start`);
}

function conversation(f: Fields): Conversation {
  const tree = f.obj('tree');
  const rootF = tree.obj('root');
  const rootChildren = ids(rootF, 'children');
  const nodes: Record<string, ChatNode> = { root: { id: 'root', role: 'root', children: rootChildren, activeChild: activeChild(rootF, rootChildren) } };
  for (const { value, path } of tree.list('nodes')) {
    const n = node(Fields.of(value, path));
    if (Object.hasOwn(nodes, n.id)) throw new ImportError(`${path}.id: ${n.id} is used twice`);
    nodes[n.id] = n;
  }
  checkTree(nodes, tree.path);
  const c: Conversation = { id: id(f, 'id'), title: f.str('title'), createdAt: f.num('createdAt'), updatedAt: f.num('updatedAt'), nodes };

  // `messages` is derived data: it must say exactly what the tree's active path says.
  const shown = f.list('messages').map(({ value, path }) => JSON.stringify(messageToJson(harmonyMessage(value, path))));
  const derived = pathMessages(activePath(c)).map((m) => JSON.stringify(messageToJson(m)));
  const differs = shown.findIndex((m, i) => m !== derived[i]);
  if (differs >= 0 || shown.length !== derived.length) {
    const at = differs >= 0 ? differs : Math.min(shown.length, derived.length);
    throw new ImportError(`${f.path}.messages[${at}]: does not match the conversation's active branch in tree (the file was edited or damaged)`);
  }
  return c;
}

/** Parse and validate an export file's text. Throws ImportError (nothing imported) on any problem. */
export function parseExportJson(text: string): Conversation[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ImportError(`The file is not valid JSON (is it cut off?): ${(e as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || (data as { format?: unknown }).format !== EXPORT_FORMAT) {
    throw new ImportError(`This is not an Overtone export: it has no "format": "${EXPORT_FORMAT}".`);
  }
  const file = Fields.of(data, '');
  const version = file.int('version', 1);
  if (version > EXPORT_VERSION) {
    throw new ImportError(`This file was made by a newer Overtone (export format ${version}); this version reads format ${EXPORT_VERSION}.`, 'Update Overtone (reload the page when online), then import the file again; nothing was imported.');
  }
  const seen = new Set<string>();
  return file.list('conversations').map(({ value, path }) => {
    const c = conversation(Fields.of(value, path));
    if (seen.has(c.id)) throw new ImportError(`${path}.id: conversation ${c.id} appears twice in the file`);
    seen.add(c.id);
    return c;
  });
}

function sizeError(bytes: number): ImportError {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return new ImportError(`The file is ${mb(bytes)}; Overtone imports files up to ${mb(MAX_IMPORT_BYTES)}.`, 'Export fewer conversations per file and import them one file at a time; nothing was imported.');
}

/** Read an export file (a File from an <input> or a drop), refusing an oversized one before reading it. */
export async function readExportFile(file: Blob): Promise<Conversation[]> {
  if (file.size > MAX_IMPORT_BYTES) throw sizeError(file.size);
  return parseExportJson(await file.text());
}

/** The same for text already in memory (paste): the size check comes before parsing too. */
export function parseExportText(text: string): Conversation[] {
  // Every UTF-16 unit is at least one UTF-8 byte: long strings are refused without encoding them.
  if (text.length > MAX_IMPORT_BYTES) throw sizeError(text.length);
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_IMPORT_BYTES) throw sizeError(bytes);
  return parseExportJson(text);
}

/** Conversations to store: an id already in use gets a fresh one, so an import never overwrites anything. */
export function planImport(imported: readonly Conversation[], existingIds: ReadonlySet<string>, newId: () => string): Conversation[] {
  return imported.map((c) => {
    if (!existingIds.has(c.id)) return c;
    let fresh = newId();
    while (existingIds.has(fresh)) fresh = newId();
    return { ...c, id: fresh };
  });
}
