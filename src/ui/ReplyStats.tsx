// Per-reply figures: time to first token, prefill and decode speed, the tokens re-prefilled vs reused from the
// KV cache, reasoning vs answer tokens.
import type { TurnStats } from '../chat/types';
import { formatMs, formatRate, tokensPerSecond } from './format';

export function replyStatsItems(stats: TurnStats): string[] {
  const items: string[] = [];
  if (stats.ttftMs !== undefined) items.push(`first token ${formatMs(stats.ttftMs)}`);
  const prefill = tokensPerSecond(stats.prefillTokens, stats.prefillMs);
  const reused = stats.reusedTokens > 0;
  if (prefill !== undefined) items.push(reused ? `prefill ${formatRate(prefill)}` : `prefill ${formatRate(prefill)} (${stats.prefillTokens} tokens)`);
  // The engine's KV cache kept the common prefix (the earlier conversation, a branch's shared start): only the
  // rest was computed again.
  if (reused) items.push(`re-prefilled ${stats.prefillTokens} tokens (${stats.reusedTokens} reused from the KV cache)`);
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
