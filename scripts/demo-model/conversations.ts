// Seeded synthetic Harmony conversations for the tiny demo model: arithmetic through functions.calculator,
// time questions through functions.get_current_time, greetings/small talk and short explanations without
// tools, three reasoning efforts, single- and multi-turn. Pure data: rendering to ids is in dataset.ts.
import { developerMessage, message, newDeveloperContent, newSystemContent, systemMessage, toolResultMessage } from '../../src/harmony/builders';
import type { Message, ReasoningEffort } from '../../src/harmony/types';
import { DEMO_TOOLS } from '../../src/tools/demo-tools';
import { createRng } from '../../workers/sampling';

export const CONVERSATION_DATE = '2026-01-15';
export type Split = 'train' | 'heldout';
export type Kind = 'calc' | 'time' | 'greeting' | 'explain';
export type Rand = () => number;

/** What the model must do in the last turn; the evaluation checks exactly this. */
export interface Expectation {
  kind: Kind;
  tool?: 'calculator' | 'get_current_time';
  args?: Record<string, string>;
  /** The tool's output (calculator: the value; time: "HH:MM"), which the final answer must state. */
  toolOutput?: string;
}

export interface Example {
  /** Context before the last turn's assistant messages, ending with the user message. */
  prompt: Message[];
  /** The assistant (and tool) messages of the last turn, the training target. */
  turn: Message[];
  expect: Expectation;
}

/** The engine's seeded PRNG (mulberry32), so data and sampling share one implementation. */
export const seeded = (seed: number): Rand => createRng(seed);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

export function prelude(effort: ReasoningEffort): Message[] {
  return [
    systemMessage(newSystemContent({ reasoningEffort: effort, conversationStartDate: CONVERSATION_DATE })),
    developerMessage(newDeveloperContent({ functionTools: [...DEMO_TOOLS] })),
  ];
}

const analysis = (text: string): Message => message('assistant', text, { channel: 'analysis' });
const final = (text: string): Message => message('assistant', text, { channel: 'final' });
const call = (tool: string, args: Record<string, string>): Message =>
  message('assistant', JSON.stringify(args), { channel: 'commentary', recipient: `functions.${tool}`, contentType: '<|constrain|>json' });

// ---- arithmetic ----
type Op = '+' | '-' | '*';
const OP_WORDS: Record<Op, { train: string[]; heldout: string[] }> = {
  '+': { train: ['+', 'plus', 'added to'], heldout: ['+', 'plus'] },
  '-': { train: ['-', 'minus'], heldout: ['-', 'minus'] },
  '*': { train: ['*', 'times', 'multiplied by'], heldout: ['*', 'times', 'multiplied by'] },
};
const CALC_TEMPLATES: Record<Split, string[]> = {
  train: [
    'What is {e}?', 'Calculate {e}.', "What's {e}?", 'Compute {e}', 'How much is {e}?', 'what is {e}', 'Can you calculate {e}?', 'Please compute {e}.', 'Tell me {e}.', '{e} = ?',
    'Please work out {e}.', 'What does {e} give?', 'Find {e} for me.', 'Solve {e}, please.', "What's the result of {e}?", 'I want to know {e}.', 'Quick math: {e}?', 'Do you know what {e} is?',
  ],
  heldout: ['Could you work out {e} for me?', 'What do you get for {e}?', 'Quick question: what is {e}?', 'I need {e}, please.'],
};
export function evalOp(a: number, op: Op, b: number): number {
  return op === '+' ? a + b : op === '-' ? a - b : a * b;
}
/** Operand pairs reserved for the held-out set: never seen in training (about 1 in 7). */
export const isHeldOutPair = (a: number, op: Op, b: number): boolean => (a * 31 + b * 17 + op.charCodeAt(0)) % 7 === 0;

function calcExample(r: Rand, split: Split, effort: ReasoningEffort): Example & { last: Message[] } {
  let a = 0, b = 0, op: Op = '*';
  do {
    op = pick(r, ['+', '-', '*'] as const);
    a = op === '*' ? int(r, 2, 40) : int(r, 2, 300);
    b = op === '*' ? int(r, 2, 40) : int(r, 2, 300);
  } while (isHeldOutPair(a, op, b) !== (split === 'heldout'));
  const expr = `${a} ${op} ${b}`;
  const spoken = `${a} ${pick(r, OP_WORDS[op][split])} ${b}`;
  const user = pick(r, CALC_TEMPLATES[split]).replace('{e}', spoken);
  const value = String(evalOp(a, op, b));
  const think =
    effort === 'low'
      ? `Compute ${expr} with the calculator.`
      : effort === 'medium'
        ? `The user wants ${spoken}. That is ${expr}. I will use the calculator tool to compute ${expr}.`
        : `The user asks: ${user} This is arithmetic: ${spoken}, written as ${expr}. I should not guess; the calculator tool gives the exact value. Call functions.calculator with the expression ${expr}, then state the result.`;
  const answer = pick(r, [`${expr} = ${value}.`, `The answer is ${value}.`, `${spoken} is ${value}.`, `${a} ${op} ${b} equals ${value}.`]);
  const turn = [analysis(think), call('calculator', { expression: expr }), toolResultMessage('functions.calculator', value), final(answer)];
  return { prompt: [message('user', user)], turn, expect: { kind: 'calc', tool: 'calculator', args: { expression: expr }, toolOutput: value }, last: turn };
}

// ---- time ----
const ZONES: Record<Split, [string, string][]> = {
  train: [['Tokyo', 'Asia/Tokyo'], ['Paris', 'Europe/Paris'], ['London', 'Europe/London'], ['New York', 'America/New_York'], ['Berlin', 'Europe/Berlin'], ['Sydney', 'Australia/Sydney'], ['Los Angeles', 'America/Los_Angeles'], ['Madrid', 'Europe/Madrid'], ['Chicago', 'America/Chicago'], ['Rome', 'Europe/Rome']],
  heldout: [['Tokyo', 'Asia/Tokyo'], ['Paris', 'Europe/Paris'], ['Berlin', 'Europe/Berlin'], ['Chicago', 'America/Chicago']],
};
const TIME_TEMPLATES: Record<Split, { here: string[]; city: string[] }> = {
  train: {
    here: ['What time is it?', 'What is the time now?', "What's the current time?", 'Do you know what time it is?', 'time?', 'Tell me the current time.', 'Could you check the time?', 'Do you have the time?', 'What is the current time, please?', 'Time please.', 'I need the time.'],
    city: ['What time is it in {c}?', "What's the time in {c}?", 'Current time in {c}?', 'What is the time in {c} right now?', 'Tell me the current time in {c}, please.', 'Could you check the time in {c}?', 'Do you know the time in {c}?', 'What is the current time in {c}?', 'Time in {c}?', 'I need the time in {c}.'],
  },
  heldout: { here: ['Can you tell me the time?', 'What time is it right now?'], city: ['Tell me the time in {c}.', 'What time is it now in {c}?'] },
};
function timeExample(r: Rand, split: Split, effort: ReasoningEffort): Example {
  const hh = String(int(r, 0, 23)).padStart(2, '0'), mm = String(int(r, 0, 59)).padStart(2, '0');
  const time = `${hh}:${mm}`;
  const withCity = r() < 0.6;
  const [city, zone] = pick(r, ZONES[split]);
  const user = withCity ? pick(r, TIME_TEMPLATES[split].city).replace('{c}', city) : pick(r, TIME_TEMPLATES[split].here);
  const args: Record<string, string> = withCity ? { timezone: zone } : {};
  const where = withCity ? ` in ${city}` : '';
  const think =
    effort === 'low'
      ? `Get the current time${where}.`
      : effort === 'medium'
        ? `The user wants the current time${where}. I cannot know it without a tool, so call get_current_time${withCity ? ` with timezone ${zone}` : ''}.`
        : `The user asks for the current time${where}. I have no clock of my own, so I must call functions.get_current_time${withCity ? `, passing the IANA time zone ${zone} for ${city}` : ' without a time zone'}. Then report the time it returns.`;
  const output = JSON.stringify(withCity ? { time, timezone: zone } : { time });
  const answer = pick(r, [`It is ${time}${where}.`, `The current time${where} is ${time}.`, `Right now it is ${time}${where}.`]);
  const turn = [analysis(think), call('get_current_time', args), toolResultMessage('functions.get_current_time', output), final(answer)];
  return { prompt: [message('user', user)], turn, expect: { kind: 'time', tool: 'get_current_time', args, toolOutput: time } };
}

// ---- no tools ----
const GREETINGS: Record<Split, string[]> = {
  train: ['Hello!', 'Hi', 'Hi there!', 'Good morning', 'Hello, how are you?', 'Hey', 'Good afternoon!', 'How are you?', 'Thanks!', 'Thank you very much.', 'Who are you?', 'hi!'],
  heldout: ['Hey there!', 'Good evening!', 'Hello there', 'Thanks a lot!'],
};
function greetingReply(user: string): string {
  if (/thank/i.test(user)) return "You're welcome! Anything else I can help with?";
  if (/who are you/i.test(user)) return 'I am a tiny demo model that shows how gpt-oss reasons and calls tools. I can do arithmetic and tell the time.';
  if (/how are you/i.test(user)) return "I'm doing well, thanks for asking! How can I help you today?";
  return 'Hello! How can I help you today?';
}
function greetingExample(r: Rand, split: Split, effort: ReasoningEffort): Example {
  const user = pick(r, GREETINGS[split]);
  const think =
    effort === 'low' ? 'Reply politely.' : effort === 'medium' ? 'The user is making small talk. No tool is needed; reply politely.' : 'This is small talk, not a question that needs arithmetic or the time. No tool is needed. I will answer briefly and politely and offer help.';
  return { prompt: [message('user', user)], turn: [analysis(think), final(greetingReply(user))], expect: { kind: 'greeting' } };
}

const TOPICS: { keys: string[]; answer: string }[] = [
  { keys: ['a prime number'], answer: 'A prime number is a whole number greater than 1 whose only divisors are 1 and itself, like 2, 3, 5 and 7.' },
  { keys: ['a tool call'], answer: 'A tool call is a message in which the model asks a tool, such as a calculator, to do something and then reads its result.' },
  { keys: ['the analysis channel'], answer: 'The analysis channel holds the model\'s reasoning. It is not shown as the answer; the final channel is.' },
  { keys: ['a time zone'], answer: 'A time zone is a region that uses the same clock time, such as Europe/Paris or Asia/Tokyo.' },
  { keys: ['multiplication'], answer: 'Multiplication is repeated addition: 4 * 3 means adding 4 three times, which gives 12.' },
  { keys: ['WebGPU'], answer: 'WebGPU is a browser API that lets web pages run computations on the graphics card.' },
];
const EXPLAIN_TEMPLATES: Record<Split, string[]> = {
  train: ['What is {t}?', 'Explain {t}.', 'Can you explain {t}?', 'Tell me about {t}.'],
  heldout: ['Please explain {t} briefly.', 'Could you tell me what {t} is?'],
};
function explainExample(r: Rand, split: Split, effort: ReasoningEffort): Example {
  const topic = pick(r, TOPICS);
  const t = topic.keys[0]!;
  const user = pick(r, EXPLAIN_TEMPLATES[split]).replace('{t}', t);
  const think =
    effort === 'low' ? `Explain ${t} briefly.` : effort === 'medium' ? `The user wants an explanation of ${t}. No tool is needed; give a short, clear answer.` : `The user asks about ${t}. This is a concept question, so neither the calculator nor the clock helps. I will give one or two clear sentences with an example.`;
  return { prompt: [message('user', user)], turn: [analysis(think), final(topic.answer)], expect: { kind: 'explain' } };
}

const KINDS: [Kind, number][] = [['calc', 0.5], ['time', 0.27], ['greeting', 0.12], ['explain', 0.11]];
function oneTurn(r: Rand, split: Split, effort: ReasoningEffort): Example {
  let x = r();
  let kind: Kind = 'calc';
  for (const [k, p] of KINDS) {
    if (x < p) { kind = k; break; }
    x -= p;
  }
  if (kind === 'calc') {
    const { prompt, turn, expect } = calcExample(r, split, effort);
    return { prompt, turn, expect };
  }
  return kind === 'time' ? timeExample(r, split, effort) : kind === 'greeting' ? greetingExample(r, split, effort) : explainExample(r, split, effort);
}

/** One conversation: prelude, sometimes an earlier complete turn (its analysis is dropped when rendered), then the turn to learn. */
export function makeExample(r: Rand, split: Split): Example {
  const effort = pick(r, ['low', 'medium', 'high'] as const);
  const history: Message[] = [];
  if (r() < 0.3) {
    const earlier = oneTurn(r, split, effort);
    history.push(...earlier.prompt, ...earlier.turn);
  }
  const ex = oneTurn(r, split, effort);
  return { prompt: [...prelude(effort), ...history, ...ex.prompt], turn: ex.turn, expect: ex.expect };
}
