// The current-time tool: the time in an IANA time zone through Intl. Its output has the shape the demo model
// was trained to read: {"time":"HH:MM","timezone":"Europe/Paris"}, or {"time":"HH:MM"} for local time.
import { GET_CURRENT_TIME_TOOL } from './demo-tools';
import { ToolError } from './tool-error';
import type { ToolDefinition } from './types';

/** "HH:MM" (24-hour) at `now` in `timeZone` (the runtime's own zone when absent). */
export function clockTime(now: Date, timeZone?: string): string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(timeZone !== undefined ? { timeZone } : {}) });
  } catch {
    throw new ToolError(`Unknown time zone "${timeZone}"; use an IANA time zone name such as Europe/Paris or America/New_York.`);
  }
  const parts = format.formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('hour')}:${part('minute')}`;
}

export function currentTime(now: Date, timezone?: string): string {
  const time = clockTime(now, timezone);
  return JSON.stringify(timezone !== undefined ? { time, timezone } : { time });
}

export const currentTimeTool: ToolDefinition = {
  description: GET_CURRENT_TIME_TOOL,
  title: 'Current time',
  timeoutMs: 2_000,
  run: (args, ctx) => currentTime(ctx.now(), args.timezone as string | undefined),
};
