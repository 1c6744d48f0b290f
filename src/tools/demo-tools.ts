// The two function tools the built-in demo model was trained to call. Plain data: the demo model's training
// data, its evaluation and (later) the app's tool runner all declare exactly these schemas.
import type { ToolDescription } from '../harmony/types';

export const CALCULATOR_TOOL: ToolDescription = {
  name: 'calculator',
  description: 'Evaluates an arithmetic expression and returns the result.',
  parameters: {
    type: 'object',
    properties: {
      expression: { type: 'string', description: 'The expression to evaluate, e.g. 17 * 23' },
    },
    required: ['expression'],
  },
};

export const GET_CURRENT_TIME_TOOL: ToolDescription = {
  name: 'get_current_time',
  description: 'Returns the current time.',
  parameters: {
    type: 'object',
    properties: {
      timezone: { type: 'string', description: 'An IANA time zone name, e.g. Europe/Paris' },
    },
  },
};

export const DEMO_TOOLS: readonly ToolDescription[] = [CALCULATOR_TOOL, GET_CURRENT_TIME_TOOL];
