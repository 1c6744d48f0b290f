// The TRAINING data generator: seeded synthetic Harmony conversations, built compositionally (openers x
// sentence frames x closers x expression shapes x number formats x notations, plus its own noise process)
// so the model learns skills rather than sentences: copy the user's numbers into a canonical calculator
// expression, look up the cities it knows, read the local clock for places it does not know, quote the tool's
// output verbatim, and answer small talk or decline out-of-scope requests without a tool. The held-out set
// comes from heldout-conversations.ts, whose frames, fillers, typos and lists this file never uses.
// Pure data: rendering to ids is in dataset.ts.
import { message, toolResultMessage } from '../../src/harmony/builders';
import type { Message, ReasoningEffort } from '../../src/harmony/types';
import { KNOWN_CITIES } from './cities';
import type { Expectation } from './expectation';
import { bin, calcValue, computable, grouped, num, printExpr, type Expr, type Notation, type Op } from './expression';
import { EFFORTS, prelude } from './prelude';
import { chance, clockTime, int, pick, seeded, weighted, type Rand } from './random';

export interface Example {
  /** Context before the last turn's assistant messages, ending with the user message. */
  prompt: Message[];
  /** The assistant (and tool) messages of the last turn, the training target. */
  turn: Message[];
  expect: Expectation;
  /** Per user message in `prompt`, the parts of its text that carry the task (expression, city, topic); the
   * trainer may swap other user-text tokens for the unknown row, so unseen words around a question are familiar. */
  protect: string[][];
}
interface Turn {
  user: string;
  turn: Message[];
  expect: Expectation;
  protect: string[];
}

const analysis = (text: string): Message => message('assistant', text, { channel: 'analysis' });
const final = (text: string): Message => message('assistant', text, { channel: 'final' });
const call = (tool: string, args: Record<string, string>): Message =>
  message('assistant', JSON.stringify(args), { channel: 'commentary', recipient: `functions.${tool}`, contentType: '<|constrain|>json' });
const byEffort = (effort: ReasoningEffort, low: string, medium: string, high: string): string => (effort === 'low' ? low : effort === 'medium' ? medium : high);

// ---- numbers ----
function integer(r: Rand): string {
  const digits = weighted(r, { 1: 0.14, 2: 0.2, 3: 0.2, 4: 0.18, 5: 0.18, 6: 0.1 });
  const d = Number(digits);
  return String(d === 1 ? int(r, 0, 9) : int(r, 10 ** (d - 1), 10 ** d - 1));
}
function decimal(r: Rand): string {
  const whole = chance(r, 0.25) ? '0' : integer(r).slice(0, int(r, 1, 5));
  const places = weighted(r, { 1: 0.5, 2: 0.35, 3: 0.15 });
  let frac = '';
  for (let i = 0; i < Number(places); i++) frac += String(int(r, 0, 9));
  if (/^0+$/.test(frac)) frac = frac.slice(0, -1) + String(int(r, 1, 9));
  return `${whole}.${frac}`;
}
/** Any operand: mostly integers, some decimals, some negative. */
function operand(r: Rand, allowNegative = true): string {
  const v = chance(r, 0.25) ? decimal(r) : integer(r);
  return allowNegative && chance(r, 0.1) && Number(v) !== 0 ? `-${v}` : v;
}
const nonZero = (r: Rand, f: () => string): string => {
  for (;;) {
    const v = f();
    if (Number(v) !== 0) return v;
  }
};
const anyOp = (r: Rand): Op => weighted(r, { '+': 1, '-': 1, '*': 1, '/': 0.8 });
/** A right operand; never zero after `/` (the app's calculator reports division by zero as an error). */
const rightFor = (r: Rand, op: Op, allowNegative = true): string => (op === '/' ? nonZero(r, () => operand(r, allowNegative)) : operand(r, allowNegative));

/** A random expression of 2..4 operands; `paren` marks some groups as typed by the user. */
function expression(r: Rand, operands = weighted(r, { 2: 0.62, 3: 0.3, 4: 0.08 })): Expr {
  const n = Number(operands);
  if (n === 2) {
    const op = anyOp(r);
    return bin(op, num(operand(r)), num(rightFor(r, op)));
  }
  const split = int(r, 1, n - 1);
  const op = anyOp(r);
  const left = split === 1 ? num(operand(r)) : expression(r, String(split) as '2');
  const right = n - split === 1 ? num(rightFor(r, op)) : expression(r, String(n - split) as '2');
  const wrap = (e: Expr) => (e.kind === 'bin' && chance(r, 0.4) ? grouped(e) : e);
  return bin(op, wrap(left), wrap(right));
}

// ---- how people write expressions ----
const SPOKEN: Record<Op, string[]> = {
  '+': ['plus', 'plus', 'added to'],
  '-': ['minus', 'minus', 'less', 'take away'],
  '*': ['times', 'times', 'multiplied by', 'x'],
  '/': ['divided by', 'divided by', 'over'],
};
const spokenNumber = (r: Rand, text: string): string => (text.startsWith('-') && chance(r, 0.5) ? `negative ${text.slice(1)}` : text);

/** Words for a two-operand expression, operands wherever the phrase puts them. */
function spokenPair(r: Rand, op: Op, a: string, b: string): string {
  const A = spokenNumber(r, a), B = spokenNumber(r, b);
  const phrases: Record<Op, string[]> = {
    '+': [`${A} ${pick(r, SPOKEN['+'])} ${B}`, `the sum of ${A} and ${B}`, `add ${A} and ${B}`, `${A} and ${B} added together`, `add ${A} to ${B}`, `sum ${A} and ${B}`, `take ${A} and add ${B}`],
    '-': [`${A} ${pick(r, SPOKEN['-'])} ${B}`, `subtract ${B} from ${A}`, `the difference between ${A} and ${B}`, `take ${B} away from ${A}`, `start with ${A} and subtract ${B}`, `${A} reduced by ${B}`],
    '*': [`${A} ${pick(r, SPOKEN['*'])} ${B}`, `the product of ${A} and ${B}`, `multiply ${A} by ${B}`, `multiply ${A} and ${B}`, `take ${A} and multiply it by ${B}`, `${A} multiplied with ${B}`],
    '/': [`${A} ${pick(r, SPOKEN['/'])} ${B}`, `divide ${A} by ${B}`, `the quotient of ${A} and ${B}`, `take ${A} and divide it by ${B}`],
  };
  return pick(r, phrases[op]);
}

const GROUP_WORDS: Record<Op, string> = { '+': 'the sum of', '-': 'the difference between', '*': 'the product of', '/': 'the quotient of' };
/** Words for an expression whose children are numbers or plain pairs: "7 times the sum of 2 and 3". */
function spokenTree(r: Rand, e: Expr): string | null {
  if (e.kind === 'num') return spokenNumber(r, e.text);
  const side = (c: Expr): string | null => {
    if (c.kind === 'num') return spokenNumber(r, c.text);
    if (c.left.kind !== 'num' || c.right.kind !== 'num') return null;
    return `${GROUP_WORDS[c.op]} ${spokenNumber(r, c.left.text)} and ${spokenNumber(r, c.right.text)}`;
  };
  const l = side(e.left), rr = side(e.right);
  if (l === null || rr === null) return null;
  const word = pick(r, SPOKEN[e.op]);
  return e.left.kind === 'bin' ? `${l}, ${word} ${rr}` : `${l} ${word} ${rr}`;
}

/** The expression as the user types it: symbols in some notation, or words. Children keep their own grouping. */
function userExpression(r: Rand, e: Expr): { text: string; expr: Expr } {
  if (e.kind === 'bin' && e.left.kind === 'num' && e.right.kind === 'num' && chance(r, 0.4)) return { text: spokenPair(r, e.op, e.left.text, e.right.text), expr: e };
  if (e.kind === 'bin' && chance(r, 0.25)) {
    // Word grouping means the canonical form needs no user parentheses (precedence decides).
    const plain: Expr = { ...e, left: { ...e.left, paren: false }, right: { ...e.right, paren: false } };
    const words = spokenTree(r, plain);
    if (words) return { text: words, expr: plain };
  }
  const n: Notation = { spaced: chance(r, 0.7), times: weighted(r, { '*': 0.6, x: 0.25, '×': 0.15 }), divide: weighted(r, { '/': 0.8, '÷': 0.2 }) };
  let text = printExpr(e, n);
  if (chance(r, 0.03)) text = text.replace(/ /g, '  ');
  return { text, expr: e };
}

// ---- sentence frames (training only) ----
const CALC_FRAMES = [
  'What is {q}?', 'what is {q}', "What's {q}?", 'Calculate {q}.', 'calculate {q}', 'Compute {q}.', 'How much is {q}?', 'Can you calculate {q}?', 'Could you compute {q}?',
  'Tell me {q}.', '{q} = ?', '{q}', '{q} =', 'Please work out {q}.', 'What does {q} give?', 'Find {q}.', 'Find {q} for me.', 'Solve {q}, please.',
  "What's the result of {q}?", 'I want to know {q}.', 'Do you know what {q} is?', 'Result of {q}?', 'What is the value of {q}?', 'Can you tell me {q}?',
  'I would like to know {q}.', 'Work out {q}.', 'How much do you get for {q}?', 'Calculate this: {q}', 'Give me the result of {q}.', 'What comes out of {q}?',
  'Quick math: {q}?', 'I need to calculate {q}.', 'Can you help me calculate {q}?', 'Would you compute {q}?', 'Tell me the answer to {q}.', 'What is the answer for {q}?',
  'Is {q} a big number? Calculate it.', 'My calculator is broken, what is {q}?', 'Hmm, {q}?', 'Compute the value of {q}, please.',
];
const CALC_FOLLOW = ['What about {q}?', 'And what is {q}?', 'Also {q}.', 'Now {q}.', 'Then {q}?', 'Next: {q}', 'One more: {q}', 'Another one, {q}.'];
const OPENERS = ['Hello, ', 'Hey! ', 'Hi there, ', 'Quick question: ', 'Question: ', 'Excuse me, ', 'Good morning! ', 'Math time. ', 'I have a question. ', 'Alright, ', 'Um, ', 'Yo, ', 'Dear assistant, ', 'Hey there. ', 'Ok so ', 'Right, ', 'Help! ', 'I was wondering: ', 'My teacher asked this. ', 'Just checking, '];
const CLOSERS = [' Thanks.', ' Thank you.', ' please', ', please', ' I need it for school.', ' It is for a recipe.', ' Cheers.', ' Much appreciated.', ' :)', ' Be precise.', ' ty', ' for my project', ' Thanks in advance!', ' Quickly please.', ' if you can'];
const TIME_HERE = [
  'What time is it?', 'What is the time now?', "What's the current time?", 'Do you know what time it is?', 'time?', 'Tell me the current time.', 'Could you check the time?',
  'Do you have the time?', 'What is the current time, please?', 'Time please.', 'I need the time.', 'Can you tell me the time?', 'What time is it right now?', 'Current time?',
  'What hour is it?', 'Check the clock for me.', 'Is it late? What time is it?', 'How late is it?', 'What is the local time?', 'The time, please.',
  // Stage 5: clock and watch words, so a time question that names the clock is not read as a question about clocks.
  'Read the clock for me.', 'What is your clock showing?', 'Look at the clock: what time is it?', 'What does your watch show?', 'Can you look at the clock?',
  'What time do you have?', 'Have you got the time?', 'Is it noon yet? What time is it?', 'Is it past midnight? Tell me the time.', 'What time is it on your clock?',
];
const TIME_PLACE = [
  'What time is it in {c}?', "What's the time in {c}?", 'Current time in {c}?', 'What is the time in {c} right now?', 'Tell me the current time in {c}, please.', 'Could you check the time in {c}?',
  'Do you know the time in {c}?', 'What is the current time in {c}?', 'Time in {c}?', 'I need the time in {c}.', 'Tell me the time in {c}.', 'What time is it now in {c}?',
  'How late is it in {c}?', 'What hour is it in {c}?', 'Can you check what time it is in {c}?', 'I have a call with someone in {c}. What time is it there?', 'Local time in {c}, please.', 'Is it morning in {c}? What time is it there?',
];
const TIME_FOLLOW = [
  'What about in {c}?', 'And {c}?', 'Same for {c}.', 'And the time in {c}?', 'Now {c}, please.', 'How about {c}?', 'And for {c}?', 'What is it in {c}?',
  'In {c}?', 'And what about {c}?', 'Now do {c}.', '{c} too, please.', 'Also {c}?',
];
/** Places the model does not know (training list; the held-out set has its own). */
const UNKNOWN_PLACES = [
  'Osaka', 'Lyon', 'Marseille', 'Munich', 'Hamburg', 'Milan', 'Naples', 'Barcelona', 'Valencia', 'Porto', 'Seville', 'Krakow', 'Budapest', 'Bucharest', 'Sofia', 'Belgrade',
  'Zagreb', 'Kyiv', 'Minsk', 'Riga', 'Tallinn', 'Vilnius', 'Edinburgh', 'Glasgow', 'Manchester', 'Liverpool', 'Cardiff', 'Belfast', 'Geneva', 'Antwerp', 'Rotterdam', 'Casablanca',
  'Tunis', 'Algiers', 'Accra', 'Dakar', 'Addis Ababa', 'Kampala', 'Lusaka', 'Harare', 'Durban', 'Cape Town', 'Doha', 'Riyadh', 'Baghdad', 'Kabul', 'Tashkent', 'Almaty',
  'Dhaka', 'Kathmandu', 'Colombo', 'Hanoi', 'Kuala Lumpur', 'Taipei', 'Busan', 'Sapporo', 'Perth', 'Adelaide', 'Brisbane', 'Wellington', 'Havana', 'Caracas', 'Quito',
  'La Paz', 'Montevideo', 'Asuncion', 'Panama City', 'Houston', 'Dallas', 'Atlanta', 'Detroit', 'Montreal', 'Calgary', 'Ottawa', 'Springfield', 'Smallville', 'Narnia', 'Atlantis',
];
const SYLLABLES = ['ka', 'lor', 'ven', 'mi', 'tar', 'bel', 'dra', 'os', 'quin', 'zu', 'fen', 'gor', 'ith', 'pal', 'rux', 'sel', 'tho', 'vak', 'wen', 'yor'];
const inventedPlace = (r: Rand): string => {
  const s = Array.from({ length: int(r, 2, 3) }, () => pick(r, SYLLABLES)).join('');
  return s.charAt(0).toUpperCase() + s.slice(1) + pick(r, ['', '', ' City', 'ville', 'burg', 'ford']);
};

// ---- noise (training only): random keyboard slips in frame words; never in numbers, operators or places ----
function slip(r: Rand, w: string): string {
  const i = int(r, 0, w.length - 2);
  switch (int(r, 0, 3)) {
    case 0: return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
    case 1: return w.slice(0, i) + w.slice(i + 1);
    case 2: return w.slice(0, i) + w[i] + w.slice(i);
    default: return w.slice(0, i) + pick(r, 'aeioustnrl'.split('')) + w.slice(i + 1);
  }
}
function noisyFrame(r: Rand, frame: string): string {
  if (!chance(r, 0.15)) return frame;
  return frame.split(' ').map((w) => (/^[A-Za-z]{3,}$/.test(w.replace(/[?.,!:]$/, '')) && !w.includes('{') && chance(r, 0.3) ? slip(r, w) : w)).join(' ');
}
/** Opener, closer, case and punctuation around a filled frame. */
function dressUp(r: Rand, text: string): string {
  let t = text;
  if (chance(r, 0.2)) t = pick(r, OPENERS) + (chance(r, 0.5) ? t.charAt(0).toLowerCase() + t.slice(1) : t);
  if (chance(r, 0.15)) t = t + pick(r, CLOSERS);
  if (chance(r, 0.1)) t = t.replace(/[.?!]$/, '');
  if (chance(r, 0.2)) t = t.toLowerCase();
  return t;
}
const fill = (r: Rand, frames: readonly string[], slot: string, value: string): string => dressUp(r, noisyFrame(r, pick(r, frames)).replace(slot, value));

// ---- arithmetic ----
function calcTurn(r: Rand, effort: ReasoningEffort, frames = CALC_FRAMES, e = computable(() => expression(r))): Turn {
  const { text, expr } = userExpression(r, e);
  const E = printExpr(expr);
  const value = calcValue(expr);
  return { user: fill(r, frames, '{q}', text), protect: [text], ...calcAnswer(r, effort, E, value) };
}
function calcAnswer(r: Rand, effort: ReasoningEffort, E: string, value: string): Omit<Turn, 'user' | 'protect'> {
  const think = byEffort(
    effort,
    `Compute ${E} with the calculator.`,
    `The user wants ${E}. I will call the calculator with ${E} and quote its result.`,
    `This is arithmetic. Written as an expression it is ${E}. I should not compute it myself; the calculator gives the exact value. Call functions.calculator with ${E}, then state the result exactly as the tool returns it.`,
  );
  const answer = pick(r, [`${E} = ${value}.`, `The result is ${value}.`, `${E} = ${value}`, `The answer is ${value}.`]);
  const turn = [analysis(think), call('calculator', { expression: E }), toolResultMessage('functions.calculator', value), final(answer)];
  return { turn, expect: { category: 'calc', tool: 'calculator', args: { expression: E }, toolOutput: value } };
}
/** "Now multiply that by 3": the previous result becomes the left operand. */
function thatTurn(r: Rand, effort: ReasoningEffort, previous: string): Turn {
  const op = anyOp(r);
  const b = rightFor(r, op, false);
  const words: Record<Op, string[]> = {
    '+': [`Add ${b} to that.`, `Now add ${b}.`, `Plus ${b}?`],
    '-': [`Subtract ${b} from that.`, `Now take away ${b}.`, `Minus ${b}?`],
    '*': [`Multiply that by ${b}.`, `Now multiply it by ${b}.`, `Times ${b}?`],
    '/': [`Divide that by ${b}.`, `Now divide it by ${b}.`, `Divided by ${b}?`],
  };
  const expr = bin(op, num(previous), num(b));
  const user = dressUp(r, pick(r, words[op]));
  return { user, protect: [user], ...calcAnswer(r, effort, printExpr(expr), calcValue(expr)) };
}

// ---- time ----
type TimeKind = 'here' | 'city' | 'zone' | 'unknown';
function timeTurn(r: Rand, effort: ReasoningEffort, kind: TimeKind, frames = TIME_PLACE): Turn {
  const [city, zone] = pick(r, KNOWN_CITIES);
  const place = kind === 'city' ? city : kind === 'zone' ? zone : chance(r, 0.7) ? pick(r, UNKNOWN_PLACES) : inventedPlace(r);
  const user = kind === 'here' ? dressUp(r, noisyFrame(r, pick(r, TIME_HERE))) : fill(r, frames, '{c}', place);
  const time = chance(r, 0.15) ? `${clockTime(r)}:${String(int(r, 0, 59)).padStart(2, '0')}` : clockTime(r);
  const known = kind === 'city' || kind === 'zone';
  const where = kind === 'city' ? `${city} (${zone})` : zone;
  const think = known
    ? byEffort(effort, `Get the current time in ${where}.`, `The user wants the time in ${where}. I have no clock, so call get_current_time with timezone ${zone}.`,
      `The user asks for the current time in ${where}. I have no clock of my own, so I must call functions.get_current_time with the IANA time zone ${zone}. Then report the time it returns.`)
    : kind === 'here'
      ? byEffort(effort, 'Get the current local time.', 'The user wants the current time. I have no clock, so call get_current_time without a time zone.',
        'The user asks for the current time and names no place. I have no clock of my own, so I must call functions.get_current_time without a time zone. Then report the time it returns.')
      : byEffort(effort, 'I do not know that place. Get the local time instead.', 'The user names a place I do not know, so I cannot pick its time zone. I will get the local time and say so.',
        'The user asks for the time in a place that is not one of the cities I know, so I cannot name its IANA time zone. I will call functions.get_current_time without a time zone, report the local time and say that I do not know that place.');
  const args: Record<string, string> = known ? { timezone: zone } : {};
  const output = JSON.stringify(known ? { time, timezone: zone } : { time });
  const answer = kind === 'city'
    ? pick(r, [`It is ${time} in ${city}.`, `The current time in ${city} is ${time}.`, `Right now it is ${time} in ${city}.`])
    : kind === 'zone'
      ? pick(r, [`It is ${time} in ${zone}.`, `The current time in ${zone} is ${time}.`])
      : kind === 'here'
        ? pick(r, [`It is ${time}.`, `The current time is ${time}.`, `Right now it is ${time}.`])
        : pick(r, [`I do not know the time zone of that place, but the local time is ${time}.`, `I do not know that place, so here is the local time: ${time}.`]);
  const turn = [analysis(think), call('get_current_time', args), toolResultMessage('functions.get_current_time', output), final(answer)];
  // Unknown places stay unprotected: at inference most are words the model never saw.
  return { user, turn, expect: { category: `time-${kind}`, tool: 'get_current_time', args, toolOutput: time }, protect: known ? [place] : [] };
}

// ---- no tool ----
const SMALL_TALK: [RegExp, string][] = [
  [/thank|thn?x|\bty\b|tks|appreciate|obliged/i, "You're welcome! Anything else I can help with?"],
  [/who are you|what are you|what can you|help me with|robot/i, 'I am a tiny demo model that shows how gpt-oss reasons and calls tools. I can do arithmetic and tell the time.'],
  [/how are you|how's it going|how do you do/i, "I'm doing well, thanks for asking! How can I help you today?"],
  [/bye|see you|nice day|good ?night|cya|\bgn\b|take care/i, 'Goodbye! Come back any time.'],
  [/^(ok|okay|cool|nice|great|awesome|wow|never mind|perfect|got it|k\b|kk|sure|sweet|good job|well done|lol|haha|hmm|yes|no\b|you rock)/i, 'Glad to help! Ask me for a calculation or the time whenever you like.'],
  [/./, 'Hello! How can I help you today?'],
];
const SMALL_TALK_LINES = [
  'Hello!', 'Hi', 'Hi there!', 'Good morning', 'Good afternoon!', 'Good evening.', 'Hey', 'hello', 'hi!', 'Hello there!', 'Howdy!', 'Greetings!', 'Yo!', "What's up?",
  'Hey, how are you?', 'How are you doing?', 'How are you?', "How's it going?", 'Thanks!', 'Thank you very much.', 'thank you', 'Thanks a lot.', 'Many thanks!',
  'Great, thank you!', 'Perfect, thanks.', 'ty', 'I appreciate it.', 'Who are you?', 'What are you?', 'What can you do?', 'What can you help me with?', 'Are you a robot?',
  'Goodbye!', 'Bye bye', 'See you!', 'Have a nice day!', 'Nice!', 'Cool.', 'OK', 'Okay thanks', 'Awesome!', 'Wow', 'Never mind.', 'Got it.', 'Perfect!', 'Hey you',
  // Stage 5: one- and two-word messages (a tiny model must still stop after a short reply).
  'thanks', 'thnx', 'tks', 'k', 'kk', 'sure', 'yes', 'no', 'hmm', 'lol', 'haha', 'nice one', 'good job', 'well done', 'sweet', 'you rock', 'much obliged',
  'hello?', 'hi again', 'evening!', 'yo', 'sup', 'gn', 'cya', 'take care',
];
const DECLINE = ['I am a tiny demo model: I can do arithmetic and tell the time, but I cannot help with that.', 'Sorry, I cannot help with that. I am a tiny demo model that can only do arithmetic and tell the time.'];
const OUT_OF_SCOPE: [string, string[][]][] = [
  ['Write a {0} about {1}.', [['poem', 'song', 'essay', 'joke', 'letter', 'story'], ['dogs', 'the sea', 'summer', 'friendship', 'space', 'my mother', 'football']]],
  ['Tell me a joke.', []], ['Tell me a story about {0}.', [['a dragon', 'a princess', 'pirates', 'a robot']]],
  ['What is the capital of {0}?', [['France', 'Japan', 'Brazil', 'Egypt', 'Australia', 'Germany', 'India', 'Mexico']]],
  ['Translate "{0}" to {1}.', [['hello', 'goodbye', 'I love you', 'how much is this'], ['French', 'Spanish', 'Chinese', 'Russian']]],
  ['Who invented the {0}?', [['telephone', 'light bulb', 'airplane', 'internet', 'wheel']]],
  ['Who is the president of {0}?', [['France', 'Brazil', 'the United States', 'Kenya']]],
  ['What is the weather in {0}?', [KNOWN_CITIES.map(([c]) => c)]], ['Will it rain tomorrow in {0}?', [KNOWN_CITIES.map(([c]) => c)]],
  ['Is it sunny in {0} today?', [KNOWN_CITIES.map(([c]) => c)]], ['What is the temperature in {0}?', [KNOWN_CITIES.map(([c]) => c)]],
  ['Book a table for {0} at {1}.', [['two', 'four', '6 people'], ['7 pm', 'noon', 'an Italian restaurant']]],
  ['Play some {0}.', [['music', 'jazz', 'rock']]], ['Send an email to {0}.', [['my boss', 'Anna', 'the team']]],
  ['How do I {0}?', [['bake bread', 'fix a flat tire', 'learn to swim', 'tie a tie', 'lose weight', 'install Python']]],
  ['What is the population of {0}?', [['China', 'Spain', 'Chicago', 'Tokyo', 'the world']]],
  ['How far is the {0}?', [['Moon', 'Sun', 'nearest star']]], ['How old is {0}?', [['the universe', 'the Earth', 'the Eiffel Tower']]],
  ['What is the best {0}?', [['phone', 'laptop', 'car', 'pizza topping', 'programming language']]],
  ['Can you search the web for {0}?', [['cheap flights', 'news', 'recipes']]],
  ['Write a function in {0} that {1}.', [['JavaScript', 'C', 'Rust'], ['adds two numbers', 'reverses a string', 'sorts numbers']]],
  ['Remind me to {0} at {1}.', [['call mom', 'buy milk', 'take my pills'], ['5 pm', '8:15', 'noon']]],
  ['Wake me up at {0}.', [['6 am', '7:30', '9 tomorrow']]], ['Start a timer for {0} minutes.', [['5', '10', '25']]],
  ['How many {0}?', [['days are in a week', 'sides does a hexagon have', 'continents are there', 'bones are in the human body']]],
  ['Convert {0} to {1}.', [['10 dollars', '3 feet', '2 cups', '50 kilometers'], ['euros', 'meters', 'liters', 'miles']]],
  ['When was {0} born?', [['Einstein', 'Mozart', 'Shakespeare', 'Newton']]], ['What year did {0}?', [['the French Revolution start', 'humans land on the Moon', 'the first iPhone come out']]],
  ['Summarize this: {0}', [['the meeting went well and we agreed on a plan', 'cats sleep a lot and like fish']]],
  ['What is {0}?', [['photosynthesis', 'democracy', 'quantum physics', 'love', 'the meaning of life', 'bitcoin', 'an atom']]],
  ['Explain {0}.', [['gravity', 'inflation', 'machine learning', 'how plants grow', 'the stock market']]],
  ['Give me {0}.', [['a recipe for pancakes', 'some advice', 'a fun fact', 'a name for my dog']]],
  ['Is {0} a good idea?', [['buying a house', 'learning French', 'eating pizza every day']]],
  ['Can you draw {0}?', [['a cat', 'a map', 'a house']]], ['Order {0} for me.', [['a pizza', 'a taxi', 'new shoes']]],
  ['What movie should I watch tonight?', []], ['Do you like music?', []], ['What is your favorite color?', []], ['Can you speak French?', []],
  ['How many people live in {0}?', [['Paris', 'London', 'Berlin', 'Sydney']]], ['What time does the {0} open?', [['bank', 'museum', 'store']]],
  // Stage 5: requests that share words with time and arithmetic questions (a known city, a clock time, a number,
  // "who/what" about a person or a thing) but need neither tool.
  ['{0} {1}.', [['Plan a trip to', 'Find me a hotel in', 'Give me directions to', 'Show me a map of', 'Find a good restaurant in', 'Get me a taxi to'], KNOWN_CITIES.map(([c]) => c)]],
  ['{0} {1}?', [['What is there to see in', 'Is it expensive to live in', 'What language do they speak in', 'How big is', 'What is the best time of year to visit', 'How do I get to', 'What is the weather forecast for', 'Is it cold in'], KNOWN_CITIES.map(([c]) => c)]],
  ['{0} at {1}.', [['Schedule a meeting', 'Set a reminder', 'Call me', 'Ring the bell', 'Turn on the lights', 'Add a calendar event'], ['5 pm', '8:45', '10 tomorrow', 'noon', 'midnight', '6:15 am']]],
  ['{0} {1}.', [['Move my appointment to', 'Cancel my alarm for', 'Snooze the alarm until', 'Book a doctor visit for'], ['Monday', '3 pm', '9:30', 'next week']]],
  ['Who {0} {1}?', [['wrote', 'directed', 'sang', 'painted', 'built'], ['Don Quixote', 'Titanic', 'the Beatles songs', 'The Starry Night', 'the pyramids', 'this song']]],
  ['Who was {0}?', [['Cleopatra', 'Napoleon', 'Gandhi', 'Marie Curie', 'Leonardo da Vinci']]],
  ['Write {0} {1}.', [['3', '5', '10', 'two'], ['jokes', 'names for a cat', 'tips for sleeping better', 'facts about whales']]],
  ['{0}', [['Is 7 a lucky number?', 'What happened in 1969?', 'Who won the 2018 World Cup?', 'Call 555 0199.', 'Say 42 in French.', 'Spell 1000 in words.', 'What is in room 101?', 'Is 2024 a good year?']]],
];
const CONCEPTS: { keys: string[]; answer: string }[] = [
  { keys: ['a prime number', 'prime numbers'], answer: 'A prime number is a whole number greater than 1 whose only divisors are 1 and itself, like 2, 3, 5 and 7.' },
  { keys: ['a tool call', 'tool calls'], answer: 'A tool call is a message in which the model asks a tool, such as a calculator, to do something and then reads its result.' },
  { keys: ['the analysis channel'], answer: "The analysis channel holds the model's reasoning. It is not shown as the answer; the final channel is." },
  { keys: ['a time zone', 'time zones'], answer: 'A time zone is a region that uses the same clock time, such as Europe/Paris or Asia/Tokyo.' },
  { keys: ['multiplication', 'multiplying'], answer: 'Multiplication is repeated addition: 4 * 3 means adding 4 three times, which gives 12.' },
  { keys: ['division', 'dividing'], answer: 'Division splits a number into equal parts: 12 / 3 = 4 because 3 groups of 4 make 12.' },
  { keys: ['addition', 'adding numbers'], answer: 'Addition combines numbers into a total: 2 + 3 = 5.' },
  { keys: ['subtraction', 'subtracting'], answer: 'Subtraction takes one number away from another: 7 - 2 = 5. The result can be negative, like 2 - 7 = -5.' },
  { keys: ['a decimal', 'decimal numbers'], answer: 'A decimal number has a fractional part after the point, like 2.5, which is two and a half.' },
  { keys: ['WebGPU'], answer: 'WebGPU is a browser API that lets web pages run computations on the graphics card.' },
  { keys: ['gpt-oss'], answer: 'gpt-oss is a family of open-weight language models from OpenAI. I am a tiny model with the same architecture.' },
  // More number and clock words, so that a question *about* arithmetic or time reads as a question, not a sum.
  // (The held-out set's concept questions are left out on purpose: it measures whether this generalises.)
  { keys: ['an odd number', 'odd numbers'], answer: 'An odd number cannot be split into two equal whole halves, like 1, 3, 5 and 7.' },
  { keys: ['a percentage', 'percent'], answer: 'A percentage is a number out of 100: 25 percent means 25 of every 100, a quarter.' },
  { keys: ['an average', 'the mean'], answer: 'The average of some numbers is their sum divided by how many there are: the average of 2, 4 and 6 is 4.' },
  { keys: ['a square number', 'squaring a number'], answer: 'Squaring a number multiplies it by itself: 5 squared is 5 * 5 = 25.' },
  { keys: ['a square root'], answer: 'The square root of a number is the value that, multiplied by itself, gives that number: the square root of 49 is 7.' },
  { keys: ['a remainder', 'remainders'], answer: 'The remainder is what is left over after dividing into whole parts: 17 divided by 5 is 3 with a remainder of 2.' },
  { keys: ['rounding', 'rounding a number'], answer: 'Rounding replaces a number with a simpler one close to it: 3.76 rounded to one decimal place is 3.8.' },
  { keys: ['the order of operations', 'parentheses in math'], answer: 'Parentheses come first, then multiplication and division, then addition and subtraction: 2 + 3 * 4 is 14, but (2 + 3) * 4 is 20.' },
  { keys: ['an exponent', 'powers'], answer: 'An exponent says how many times to multiply a number by itself: 2 to the power of 3 is 2 * 2 * 2 = 8.' },
  { keys: ['zero', 'the number zero'], answer: 'Zero is the number of nothing. Adding 0 changes nothing, multiplying by 0 gives 0, and dividing by 0 has no answer.' },
  { keys: ['an integer', 'whole numbers'], answer: 'An integer is a whole number without a fractional part, like -3, 0 or 42.' },
  { keys: ['place value', 'digits'], answer: 'Each digit counts by its place: in 352 the 3 means 3 hundreds, the 5 means 5 tens and the 2 means 2 ones.' },
  { keys: ['a product', 'a quotient'], answer: 'The product is the result of a multiplication and the quotient the result of a division: 6 * 2 gives the product 12, 6 / 2 the quotient 3.' },
  { keys: ['the equals sign'], answer: 'The equals sign = says that both sides have the same value, as in 3 + 4 = 7.' },
  { keys: ['infinity'], answer: 'Infinity is not a number you can reach: it means without end. My calculator shows Infinity for results too large to hold.' },
  { keys: ['UTC', 'coordinated universal time'], answer: 'UTC is the world reference time. Every time zone is an offset from it, like UTC+1 for Europe/Paris in winter.' },
  { keys: ['daylight saving time', 'summer time'], answer: 'Daylight saving time moves the clocks one hour forward in summer and back in autumn, so evenings stay light longer.' },
  { keys: ['midnight', 'noon'], answer: 'Midnight is 00:00, the start of a day, and noon is 12:00, the middle of it.' },
  { keys: ['AM and PM', 'the 24-hour clock'], answer: 'AM is before noon and PM after it. On the 24-hour clock 3 PM is 15:00.' },
  { keys: ['a leap year', 'leap years'], answer: 'A leap year has 366 days: February gets a 29th day, about every four years.' },
  { keys: ['an hour', 'minutes and seconds'], answer: 'An hour has 60 minutes and a minute has 60 seconds, so an hour has 3600 seconds.' },
  { keys: ['a language model', 'an AI model'], answer: 'A language model predicts text one token at a time. I am a very small one that runs in your browser.' },
];
/** Topics it cannot explain, asked with the concept frames: the decline, so that "explain X" is answered only for
 *  a topic it knows (stage 3 explained a random known topic for a limerick or a flight). */
const UNKNOWN_TOPICS = [
  'photosynthesis', 'black holes', 'democracy', 'blockchain', 'DNA', 'volcanoes', 'the internet', 'jazz', 'evolution', 'electricity',
  'climate change', 'vaccines', 'the immune system', 'quantum physics', 'taxes', 'cryptocurrency', 'poetry', 'the Roman Empire', 'magnetism',
  'earthquakes', 'relativity', 'an atom', 'a virus', 'the economy', 'a mortgage', 'interest rates', 'a rainbow', 'the tides', 'a recession', 'opera',
  // Stage 5: math and time words it cannot explain either; no digits in the message means no calculator.
  'algebra', 'geometry', 'calculus', 'statistics', 'logarithms', 'trigonometry', 'probability', 'a matrix', 'Roman numerals', 'binary numbers', 'pi',
  'a ratio', 'an equation', 'a polynomial', 'a vector', 'the Pythagorean theorem', 'imaginary numbers', 'a sundial', 'jet lag', 'the calendar', 'time travel',
];
const CONCEPT_FRAMES = [
  'What is {t}?', 'Explain {t}.', 'Can you explain {t}?', 'Tell me about {t}.', 'What does {t} mean?', 'I do not understand {t}.', 'Teach me {t}.', 'How does {t} work?',
  'In simple words, what is {t}?', 'Could you describe {t}?', 'Help me understand {t}.', 'What is the idea behind {t}?', 'I keep hearing about {t}. What is it?',
  'Why do people use {t}?', 'Can you tell me what {t} is?', 'Give me a short explanation of {t}.', 'Explain {t} to a child.', 'What exactly is {t}?',
];

function noToolTurn(r: Rand, effort: ReasoningEffort, kind: 'small-talk' | 'out-of-scope' | 'concept'): Turn {
  if (kind === 'small-talk') {
    const user = dressUp(r, pick(r, SMALL_TALK_LINES));
    const reply = SMALL_TALK.find(([re]) => re.test(user))![1];
    const think = byEffort(effort, 'Reply politely.', 'The user is making small talk. No tool is needed; reply politely.', 'This is small talk, not a question that needs arithmetic or the time. No tool is needed. I will answer briefly and politely and offer help.');
    return { user, turn: [analysis(think), final(reply)], expect: { category: kind }, protect: [] };
  }
  if (kind === 'concept') {
    const topic = pick(r, CONCEPTS);
    const t = pick(r, topic.keys);
    const user = fill(r, CONCEPT_FRAMES, '{t}', t);
    const think = byEffort(effort, `Explain ${topic.keys[0]} briefly.`, `The user wants an explanation of ${topic.keys[0]}. No tool is needed; give a short, clear answer.`, `The user asks about ${topic.keys[0]}. This is a concept question, so neither the calculator nor the clock helps. I will give one or two clear sentences with an example.`);
    return { user, turn: [analysis(think), final(topic.answer)], expect: { category: kind }, protect: [t] };
  }
  const [frame, slots] = chance(r, 0.3) ? [pick(r, CONCEPT_FRAMES).replace('{t}', '{0}'), [UNKNOWN_TOPICS]] : pick(r, OUT_OF_SCOPE);
  const user = dressUp(r, noisyFrame(r, slots.reduce((s, options, i) => s.replace(`{${i}}`, pick(r, options)), frame)));
  const think = byEffort(effort, 'This is not arithmetic or the time. Decline politely.', 'The user asks for something that is neither arithmetic nor the current time. I have no tool for it, so I will say what I can do.', 'The request is outside what I can do: it is not an arithmetic expression and not a question about the current time, and I have no other tools or knowledge for it. I will decline politely and say what I can do.');
  return { user, turn: [analysis(think), final(pick(r, DECLINE))], expect: { category: kind, declines: true }, protect: [] };
}

// ---- conversations ----
type Kind = 'calc' | 'time-here' | 'time-city' | 'time-zone' | 'time-unknown' | 'small-talk' | 'out-of-scope' | 'concept';
const MIX: Record<Kind, number> = { calc: 0.44, 'time-here': 0.055, 'time-city': 0.1, 'time-zone': 0.025, 'time-unknown': 0.045, 'small-talk': 0.11, 'out-of-scope': 0.15, concept: 0.075 };

function freshTurn(r: Rand, effort: ReasoningEffort, kind: Kind): Turn {
  if (kind === 'calc') return calcTurn(r, effort);
  if (kind.startsWith('time')) return timeTurn(r, effort, kind.slice(5) as TimeKind);
  return noToolTurn(r, effort, kind as 'small-talk');
}

/** The turn after `previous`: often a follow-up of the same kind, otherwise anything. */
function nextTurn(r: Rand, effort: ReasoningEffort, previous: Turn): Turn {
  const p = previous.expect;
  if (p.tool === 'calculator' && chance(r, 0.45)) {
    const value = p.toolOutput ?? '0';
    if (chance(r, 0.15) && /^\d{1,6}$/.test(value)) return thatTurn(r, effort, value);
    return calcTurn(r, effort, CALC_FOLLOW);
  }
  if (p.tool === 'get_current_time' && chance(r, p.category === 'time-city' ? 0.45 : 0.3)) return timeTurn(r, effort, 'city', TIME_FOLLOW);
  return freshTurn(r, effort, weighted(r, MIX));
}

/** One conversation: prelude, 0-2 earlier complete turns (rendering drops their analysis), then the turn to learn. */
export function makeExample(r: Rand): Example {
  const effort = pick(r, EFFORTS);
  const earlier = Number(weighted(r, { 0: 0.55, 1: 0.35, 2: 0.1 }));
  const history: Message[] = [];
  const protect: string[][] = [];
  let t = freshTurn(r, effort, weighted(r, MIX));
  for (let i = 0; i < earlier; i++) {
    history.push(message('user', t.user), ...t.turn);
    protect.push(t.protect);
    t = nextTurn(r, effort, t);
  }
  return { prompt: [...prelude(effort), ...history, message('user', t.user)], turn: t.turn, expect: t.expect, protect: [...protect, t.protect] };
}

export function generate(count: number, seed: number): Example[] {
  const r = seeded(seed);
  return Array.from({ length: count }, () => makeExample(r));
}

/** Frames and lists this generator draws user text from (for the disjointness test against the held-out set). */
export const TRAINING_TEXTS = { CONCEPT_FRAMES, CALC_FRAMES, CALC_FOLLOW, OPENERS, CLOSERS, TIME_HERE, TIME_PLACE, TIME_FOLLOW, UNKNOWN_PLACES, SMALL_TALK_LINES };
