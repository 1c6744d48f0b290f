// The held-out evaluation set, written by a DIFFERENT generator than the training data (conversations.ts):
// its own sentence frames, fillers, typo list, small talk, out-of-scope requests and unknown places, none of
// which the trainer sees (heldout-conversations.test.ts checks the frames and the generated messages are
// disjoint). Shared with training are only the skills themselves: operator words and symbols, the canonical
// calculator argument (expression.ts), the cities the model knows (cities.ts) and the prelude.
// Harder than the training mix on purpose: operands 0..99,999, decimals, negative results, parentheses,
// every effort, two-turn conversations whose first answer is the model's own, typos, lower case, extra words.
import type { ReasoningEffort } from '../../src/harmony/types';
import { KNOWN_CITIES } from './cities';
import type { Expectation } from './expectation';
import { bin, calcValue, computable, grouped, num, printExpr, type Expr, type Notation, type Op } from './expression';
import { EFFORTS } from './prelude';
import { chance, clockTime, int, pick, seeded, weighted, type Rand } from './random';

export interface EvalTurn {
  user: string;
  expect: Expectation;
  /** What get_current_time reports in this turn ("HH:MM"). */
  clock: string;
  /** Surface features for the breakdown: lower, typo, extra-words, second-turn. */
  features: string[];
}
export interface EvalConversation {
  effort: ReasoningEffort;
  turns: EvalTurn[];
}

export const HELDOUT_SEED = 90_210;
export const HELDOUT_CONVERSATIONS = 300;

// ---- sentence frames (held-out only) ----
export const EVAL_CALC_FRAMES = [
  'whats {q}', 'What is {q} equal to?', 'Could you figure out {q}?', 'Help me with {q}.', 'I need the answer to {q}.', 'Can you do {q} for me?',
  'Evaluate {q}.', 'What would {q} be?', 'How much does {q} come to?', '{q} equals what?', 'Work this out: {q}', 'Please give me {q}.',
  'Do the math: {q}.', 'what do I get if I do {q}', 'Solve: {q}', 'Mind calculating {q}?',
];
export const EVAL_TIME_HERE = [
  'Do you know the current time?', 'what time is it now', 'Got the time?', 'What does the clock say?', 'Tell me what time it is.',
  'could you tell me the time please', 'What is the time at the moment?', 'time now?',
];
export const EVAL_TIME_CITY = [
  'What is the time over in {c}?', 'what time is it currently in {c}', 'Tell me the local time in {c}.', "What's the clock showing in {c}?",
  'Do you know what time it is in {c}?', 'Give me the time for {c}.', 'time in {c} right now?', 'Any idea what time it is in {c}?',
];
export const EVAL_TIME_ZONE = ['What is the time in the {c} time zone?', 'current time for {c}?', 'Show me the time in {c}.'];
export const EVAL_FOLLOW_CALC = ['And {q}?', 'how about {q}?', 'Now do {q}.', 'next one: {q}'];
export const EVAL_FOLLOW_CITY = ['And in {c}?', 'what about {c}?', 'How about in {c}?'];
export const EVAL_PREFIXES = ['hey, ', 'So ', 'Hello again! ', 'Quick check: ', 'okay, ', 'I am doing my taxes. ', 'For my homework, ', 'Sorry to bother you, '];
export const EVAL_SUFFIXES = [' thx', ' Thank you!', ' I want the exact number.', ' (just curious)', ' asap', ' 🙂'];
/** Misspellings a person makes; applied to frame words only, never to numbers, operators or places. */
export const EVAL_TYPOS: Readonly<Record<string, string>> = {
  what: 'waht', whats: 'wats', please: 'pls', could: 'coud', figure: 'figur', need: 'ned', answer: 'anwser', the: 'teh',
  evaluate: 'evalute', would: 'woud', much: 'mcuh', know: 'kno', tell: 'tel', give: 'giv', currently: 'currenlty', help: 'hlep',
};

export const EVAL_SMALL_TALK = [
  'Good night!', 'hey whats up', 'Thank you so much!', 'thx', 'ok cool', 'you are awesome', 'Nice to meet you.', 'How is your day going?',
  'Bye!', 'see you later', 'Morning!', 'Are you there?', "I'm back.", "What's your name?", 'great, thanks', 'Cheers!', 'Sounds good.', 'hiya',
];
const EVAL_CONCEPTS = [
  'What does "divided by" mean?', 'Explain what a decimal number is.', 'Why do we need time zones?', 'How does a calculator work?',
  'What is an even number?', 'what are negative numbers', 'Define multiplication.', 'What is a fraction?',
];
const OUT_OF_SCOPE: [string, string[][]][] = [
  ['Can you write a {0} about {1}?', [['limerick', 'short story', 'haiku', 'cover letter'], ['the ocean', 'my cat', 'autumn', 'robots']]],
  ['What is the capital of {0}?', [['Peru', 'Canada', 'Kenya', 'Norway']]],
  ['Translate "{0}" into {1}.', [['good morning', 'thank you', 'where is the station'], ['German', 'Japanese', 'Italian']]],
  ['Who {0}?', [['painted the Mona Lisa', 'discovered penicillin', 'wrote Hamlet', 'was the first person on the moon']]],
  ["What's the weather like in {0}?", [KNOWN_CITIES.slice(0, 20).map(([c]) => c)]],
  ['Recommend me a {0}.', [['good movie', 'book about space', 'pasta recipe']]],
  ['Can you book a flight to {0}?', [KNOWN_CITIES.slice(20, 40).map(([c]) => c)]],
  ['How many {0}?', [['legs does a spider have', 'moons does Mars have', 'players are on a soccer team']]],
  ['Write Python code that {0}.', [['sorts a list', 'reads a file', 'prints hello world']]],
  ['Set an alarm for {0}.', [['7 am', '6:30 tomorrow', 'noon']]],
  ['Convert {0} to {1}.', [['5 miles', '100 pounds', '30 degrees Celsius'], ['kilometers', 'kilograms', 'Fahrenheit']]],
  ['What year did {0}?', [['the Berlin Wall fall', 'the Titanic sink', 'World War 2 end']]],
];
/** Places the model has never seen: it must read the local clock and say it does not know their zone. */
export const EVAL_UNKNOWN_PLACES = [
  'Reykjavik', 'Kyoto', 'Marrakesh', 'Valletta', 'Tbilisi', 'Yerevan', 'Baku', 'Ulaanbaatar', 'Vientiane', 'Phnom Penh', 'Yangon', 'Thimphu',
  'Muscat', 'Amman', 'Beirut', 'Nicosia', 'Ljubljana', 'Bratislava', 'Luxembourg', 'Tirana', 'Skopje', 'Sarajevo', 'Chisinau', 'Windhoek',
  'Gaborone', 'Maputo', 'Antananarivo', 'Bamako', 'Niamey', 'Freetown', 'Monrovia', 'Kigali', 'Asmara', 'Mogadishu', 'Khartoum', 'Nassau',
  'Kingston', 'Port of Spain', 'Managua', 'Tegucigalpa', 'Paramaribo', 'Winnipeg', 'Halifax', 'Edmonton', 'Omaha', 'Tulsa', 'Memphis', 'Pittsburgh',
];

// ---- numbers and expressions ----
function integer(r: Rand): string {
  const digits = weighted(r, { 1: 0.15, 2: 0.25, 3: 0.25, 4: 0.2, 5: 0.15 });
  const d = Number(digits);
  return String(d === 1 ? int(r, 0, 9) : int(r, 10 ** (d - 1), 10 ** d - 1));
}
function decimal(r: Rand): string {
  const whole = chance(r, 0.3) ? 0 : int(r, 1, chance(r, 0.5) ? 99 : 9999);
  const places = chance(r, 0.6) ? 1 : 2;
  return `${whole}.${String(int(r, 1, 10 ** places - 1)).padStart(places, '0')}`;
}
const nonZero = (r: Rand, f: (r: Rand) => string): string => {
  for (;;) {
    const v = f(r);
    if (Number(v) !== 0) return v;
  }
};
const anyOp = (r: Rand): Op => pick(r, ['+', '-', '*', '/'] as const);
/** Right operand: never divide by zero. */
const rightOf = (r: Rand, op: Op, f: (r: Rand) => string): Expr => num(op === '/' ? nonZero(r, f) : f(r));

type CalcCategory = 'calc-int' | 'calc-decimal' | 'calc-negative' | 'calc-paren';
function expression(r: Rand, category: CalcCategory): Expr {
  const op = anyOp(r);
  switch (category) {
    case 'calc-int':
      return bin(op, num(integer(r)), rightOf(r, op, integer));
    case 'calc-decimal': {
      const [a, b] = chance(r, 0.5) ? [decimal(r), integer(r)] : chance(r, 0.5) ? [integer(r), decimal(r)] : [decimal(r), decimal(r)];
      return bin(op, num(a), num(op === '/' && Number(b) === 0 ? '3' : b));
    }
    case 'calc-negative': {
      if (chance(r, 0.5)) {
        const a = Number(integer(r)), b = Number(integer(r));
        return bin('-', num(String(Math.min(a, b))), num(String(Math.max(a, b) + 1)));
      }
      return bin(op, num(`-${nonZero(r, integer)}`), rightOf(r, op, integer));
    }
    case 'calc-paren': {
      const inner = bin(anyOp(r), num(integer(r)), num(nonZero(r, integer)));
      const outer = anyOp(r);
      const other = num(outer === '/' ? nonZero(r, integer) : integer(r));
      const shape = weighted(r, { leftGroup: 0.4, rightGroup: 0.4, plain: 0.2 });
      if (shape === 'leftGroup') return bin(outer, grouped(inner), other);
      if (shape === 'rightGroup') return bin(outer, other, grouped(inner));
      return bin(outer, inner, other);
    }
  }
}

const SPOKEN_OPS: Record<Op, string[]> = { '+': ['plus'], '-': ['minus'], '*': ['times', 'multiplied by'], '/': ['divided by'] };
/** The user's words for the expression: symbols in a random notation, or words for two plain operands. */
function surface(r: Rand, e: Expr): string {
  if (e.kind === 'bin' && e.left.kind === 'num' && e.right.kind === 'num' && !e.left.text.startsWith('-') && chance(r, 0.35)) {
    const [a, b] = [e.left.text, e.right.text];
    const phrases: Record<Op, string[]> = {
      '+': [`${a} plus ${b}`, `the sum of ${a} and ${b}`],
      '-': [`${a} minus ${b}`, `subtract ${b} from ${a}`, `the difference between ${a} and ${b}`],
      '*': [`${a} ${pick(r, SPOKEN_OPS['*'])} ${b}`, `the product of ${a} and ${b}`],
      '/': [`${a} divided by ${b}`, `${a} over ${b}`],
    };
    return pick(r, phrases[e.op]);
  }
  const n: Notation = { spaced: chance(r, 0.7), times: pick(r, ['*', '*', 'x', '×'] as const), divide: pick(r, ['/', '/', '÷'] as const) };
  return printExpr(e, n);
}

// ---- surface noise ----
function dress(r: Rand, text: string, features: Set<string>, protect: string): string {
  let t = text;
  if (chance(r, 0.3)) {
    const words = t.split(' ');
    let changed = false;
    t = words.map((w) => {
      const core = w.replace(/[^A-Za-z']/g, '');
      const typo = EVAL_TYPOS[core.toLowerCase()];
      if (!typo || protect.includes(w) || !chance(r, 0.6)) return w;
      changed = true;
      return w.replace(core, typo);
    }).join(' ');
    if (changed) features.add('typo');
  }
  if (chance(r, 0.25)) {
    t = pick(r, EVAL_PREFIXES) + t.charAt(0).toLowerCase() + t.slice(1);
    features.add('extra-words');
  }
  if (chance(r, 0.2)) {
    t = t + pick(r, EVAL_SUFFIXES);
    features.add('extra-words');
  }
  if (chance(r, 0.25)) {
    t = t.toLowerCase();
    features.add('lower');
  }
  return t;
}

// ---- turns ----
type Category = CalcCategory | 'time-here' | 'time-city' | 'time-zone' | 'time-unknown-place' | 'small-talk' | 'out-of-scope' | 'concept';
const MIX: Record<Category, number> = {
  'calc-int': 0.13, 'calc-decimal': 0.1, 'calc-negative': 0.1, 'calc-paren': 0.11,
  'time-here': 0.05, 'time-city': 0.09, 'time-zone': 0.03, 'time-unknown-place': 0.05,
  'small-talk': 0.1, 'out-of-scope': 0.16, concept: 0.08,
};

type Built = Omit<EvalTurn, 'features'>;

function calcTurn(r: Rand, category: CalcCategory, frames: readonly string[], features: Set<string>): Built {
  const e = computable(() => expression(r, category));
  const q = surface(r, e);
  const user = dress(r, pick(r, frames).replace('{q}', q), features, q);
  return { user, clock: clockTime(r), expect: { category, tool: 'calculator', args: { expression: printExpr(e) }, toolOutput: calcValue(e) } };
}

type TimeCategory = 'time-here' | 'time-city' | 'time-zone' | 'time-unknown-place';
function timeTurn(r: Rand, category: TimeCategory, features: Set<string>, frames?: readonly string[]): Built {
  const clock = clockTime(r);
  if (category === 'time-here') return { user: dress(r, pick(r, EVAL_TIME_HERE), features, ''), clock, expect: { category, tool: 'get_current_time', args: {}, toolOutput: clock } };
  const [city, zone] = pick(r, KNOWN_CITIES);
  const place = category === 'time-zone' ? zone : category === 'time-city' ? city : pick(r, EVAL_UNKNOWN_PLACES);
  const user = dress(r, pick(r, frames ?? (category === 'time-zone' ? EVAL_TIME_ZONE : EVAL_TIME_CITY)).replace('{c}', place), features, place);
  const args: Record<string, string> = category === 'time-unknown-place' ? {} : { timezone: zone };
  return { user, clock, expect: { category, tool: 'get_current_time', args, toolOutput: clock } };
}

type NoToolCategory = 'small-talk' | 'out-of-scope' | 'concept';
function noToolTurn(r: Rand, category: NoToolCategory, features: Set<string>): Built {
  const clock = clockTime(r);
  if (category === 'small-talk') return { user: pick(r, EVAL_SMALL_TALK), clock, expect: { category } };
  if (category === 'concept') return { user: dress(r, pick(r, EVAL_CONCEPTS), features, ''), clock, expect: { category } };
  const [frame, slots] = pick(r, OUT_OF_SCOPE);
  const user = slots.reduce((s, options, i) => s.replace(`{${i}}`, pick(r, options)), frame);
  return { user: dress(r, user, features, ''), clock, expect: { category, declines: true } };
}

function anyTurn(r: Rand, category: Category, features: Set<string>): Built {
  if (category.startsWith('calc')) return calcTurn(r, category as CalcCategory, EVAL_CALC_FRAMES, features);
  if (category.startsWith('time')) return timeTurn(r, category as TimeCategory, features);
  return noToolTurn(r, category as NoToolCategory, features);
}

/** A second turn: a follow-up in the same vein (another expression, another city) or anything else. */
function secondTurn(r: Rand, first: EvalTurn, features: Set<string>): Built {
  const c = first.expect.category;
  if (c.startsWith('calc') && chance(r, 0.6)) {
    const t = calcTurn(r, pick(r, ['calc-int', 'calc-decimal', 'calc-negative', 'calc-paren'] as const), EVAL_FOLLOW_CALC, features);
    return { ...t, expect: { ...t.expect, category: 'follow-up-calc' } };
  }
  if (c === 'time-city' && chance(r, 0.6)) {
    const t = timeTurn(r, 'time-city', features, EVAL_FOLLOW_CITY);
    return { ...t, expect: { ...t.expect, category: 'follow-up-time' } };
  }
  return anyTurn(r, weighted(r, MIX), features);
}

function withFeatures(build: (features: Set<string>) => Built, extra: string[] = []): EvalTurn {
  const features = new Set<string>(extra);
  const t = build(features);
  return { ...t, features: [...features].sort() };
}

export function heldoutConversation(r: Rand): EvalConversation {
  const effort = pick(r, EFFORTS);
  const first = withFeatures((f) => anyTurn(r, weighted(r, MIX), f));
  const turns = [first];
  if (chance(r, 0.22)) turns.push(withFeatures((f) => secondTurn(r, first, f), ['second-turn']));
  return { effort, turns };
}

export function heldoutSet(count = HELDOUT_CONVERSATIONS, seed = HELDOUT_SEED): EvalConversation[] {
  const r = seeded(seed);
  return Array.from({ length: count }, () => heldoutConversation(r));
}
