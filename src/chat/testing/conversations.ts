// Conversations for tests: a small fixed one and seeded random trees (branches, tool rounds, every turn
// status, text with HTML, Harmony markers, emoji and odd whitespace).
import { mulberry32, pick, randomText } from '../../harmony/testing/random';
import type { Message } from '../../harmony/types';
import type { AssistantNode, AssistantTurn, ChatNode, Conversation, ToolRun, TurnStatus, UserNode } from '../types';

export function turnOf(messages: Message[], fields: Partial<AssistantTurn> = {}): AssistantTurn {
  return {
    modelId: 'overtone-tiny-demo',
    effort: 'low',
    messages,
    tools: [],
    status: 'done',
    stopReason: 'stop',
    warnings: [],
    stats: { prefillTokens: 40, prefillMs: 12.5, decodeTokens: 9, decodeMs: 30, reusedTokens: 0, analysisTokens: 3, finalTokens: 6, rounds: 1 },
    startedAt: 1_700_000_000_500,
    endedAt: 1_700_000_001_000,
    ...fields,
  };
}

export const text = (role: 'user' | 'assistant', t: string, fields: Partial<Message> = {}): Message => ({ author: { role }, content: [{ type: 'text', text: t }], ...fields });

/** root -> u1 -> a1 (analysis + final), one branch each. */
export function sampleConversation(id = 'c1', title = 'Arithmetic'): Conversation {
  const u1: UserNode = { id: 'u1', parentId: 'root', role: 'user', text: 'What is 17 * 23?', children: ['a1'], activeChild: 0, createdAt: 1_700_000_000_000 };
  const a1: AssistantNode = {
    id: 'a1',
    parentId: 'u1',
    role: 'assistant',
    turn: turnOf([text('assistant', 'Multiply.', { channel: 'analysis' }), text('assistant', '391', { channel: 'final' })]),
    children: [],
    activeChild: 0,
    createdAt: 1_700_000_000_400,
  };
  return { id, title, createdAt: 1_700_000_000_000, updatedAt: 1_700_000_001_000, nodes: { root: { id: 'root', role: 'root', children: ['u1'], activeChild: 0 }, u1, a1 } };
}

const NASTY = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '[x](javascript:alert(1))', '<|end|>', '"quoted"', '\\', '\u2028', '\0'];
const STATUSES: TurnStatus[] = ['done', 'stopped', 'error', 'interrupted'];

function randomTurn(rand: () => number): AssistantTurn {
  const s = () => (rand() < 0.3 ? pick(rand, NASTY) : '') + randomText(rand);
  const messages: Message[] = [];
  const tools: ToolRun[] = [];
  if (rand() < 0.7) messages.push(text('assistant', s(), { channel: 'analysis' }));
  if (rand() < 0.4) {
    const name = pick(rand, ['calculator', 'get_current_time', 'my_tool']);
    messages.push(text('assistant', `{"expression":${JSON.stringify(s())}}`, { channel: 'commentary', recipient: `functions.${name}`, contentType: '<|constrain|>json' }));
    const output = s();
    messages.push({ author: { role: 'tool', name: `functions.${name}` }, recipient: 'assistant', channel: 'commentary', content: [{ type: 'text', text: output }] });
    const run: ToolRun = { callIndex: messages.length - 2, recipient: `functions.${name}`, tool: name, argsText: s(), status: rand() < 0.8 ? 'ok' : 'error', output, startedAt: 1_700_000_000_600, ms: Math.floor(rand() * 500) };
    if (run.status === 'error') run.error = { code: 'tool-failed', message: s(), fix: 'Try again.' };
    tools.push(run);
    if (rand() < 0.5) messages.push(text('assistant', s(), { channel: 'analysis' }));
  }
  messages.push(text('assistant', s(), { channel: 'final' }));
  const status = pick(rand, STATUSES);
  const turn = turnOf(messages, { tools, status, effort: pick(rand, ['low', 'medium', 'high'] as const), stopReason: status === 'done' ? 'stop' : status === 'error' ? 'error' : 'abort' });
  if (status === 'error') turn.error = { code: 'inference-failed', message: s(), fix: 'Reload the model.' };
  if (rand() < 0.3) turn.warnings = [s()];
  if (rand() < 0.5) {
    turn.thinkingStartedAt = 1_700_000_000_510;
    turn.thinkingEndedAt = 1_700_000_000_900;
    turn.stats.ttftMs = 33.25;
  }
  if (rand() < 0.3) {
    turn.promptIds = [200006, 1428, 200008, 13225, 200007, 200006, 173781];
    turn.completionIds = [200005, 17196, 200008, 13225, 200007];
  }
  return turn;
}

/** A random tree: 1–3 first messages, each user node 1–2 replies, each reply 0–2 follow-ups, depth ≤ 4. */
export function randomConversation(seed: number): Conversation {
  const rand = mulberry32(seed);
  const nodes: Record<string, ChatNode> = {};
  let next = 0;
  const newId = () => `n${next++}`;
  const root = { id: 'root' as const, role: 'root' as const, children: [] as string[], activeChild: 0 };
  nodes.root = root;
  const grow = (parentId: string, depth: number, kind: 'user' | 'assistant', count: number) => {
    const parent = nodes[parentId]!;
    for (let i = 0; i < count; i++) {
      const id = newId();
      const createdAt = 1_700_000_000_000 + next * 1000;
      if (kind === 'user') {
        nodes[id] = { id, parentId, role: 'user', text: (rand() < 0.3 ? pick(rand, NASTY) : '') + randomText(rand), children: [], activeChild: 0, createdAt };
        grow(id, depth + 1, 'assistant', 1 + Math.floor(rand() * 2));
      } else {
        nodes[id] = { id, parentId, role: 'assistant', turn: randomTurn(rand), children: [], activeChild: 0, createdAt };
        if (depth < 4) grow(id, depth + 1, 'user', Math.floor(rand() * 3));
      }
      parent.children.push(id);
    }
    parent.activeChild = parent.children.length > 0 ? Math.floor(rand() * parent.children.length) : 0;
  };
  grow('root', 0, 'user', 1 + Math.floor(rand() * 3));
  return { id: `conv-${seed}`, title: randomText(rand, 3) + (rand() < 0.3 ? pick(rand, NASTY) : ''), createdAt: 1_700_000_000_000, updatedAt: 1_700_000_000_000 + next * 1000, nodes };
}
