// Per-reply figures: time to first token, prefill and decode speed, reasoning vs answer tokens.
import type { TurnStats } from '../chat/types';
import { formatMs, formatRate, tokensPerSecond } from './format';

export function replyStatsItems(stats: TurnStats): string[] {
  const items: string[] = [];
  if (stats.ttftMs !== undefined) items.push(`first token ${formatMs(stats.ttftMs)}`);
  const prefill = tokensPerSecond(stats.prefillTokens, stats.prefillMs);
  if (prefill !== undefined) items.push(`prefill ${formatRate(prefill)} (${stats.prefillTokens} tokens)`);
  if (stats.reusedTokens > 0) items.push(`${stats.reusedTokens} reused`);
  const decode = tokensPerSecond(stats.decodeTokens, stats.decodeMs);
  if (decode !== undefined) items.push(`decode ${formatRate(decode)}`);
  if (stats.analysisTokens > 0 || stats.finalTokens > 0) items.push(`${stats.analysisTokens} reasoning + ${stats.finalTokens} answer tokens`);
  if (stats.rounds > 1) items.push(`${stats.rounds} rounds`);
  return items;
}

export function ReplyStats({ stats }: { stats: TurnStats }) {
  const items = replyStatsItems(stats);
  if (items.length === 0) return null;
  return (
    <p className="reply-stats">
      <span className="visually-hidden">Reply statistics: </span>
      {items.join(' · ')}
    </p>
  );
}
