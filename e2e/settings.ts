// Stored settings an e2e page starts with. UI flows that check the demo model's answer fix the sampling seed:
// the app samples (temperature 0.3, a fresh seed per reply), and a test must give the same tokens every run.
import type { BackendPreference } from '../src/engine/preference';
import { SETTINGS_KEY } from '../src/store/settings';

/** One seed for every reply; a model change that breaks this flow fails it every time, not one run in ten. */
const E2E_SEED = 1;

export function storedSettings(opts: { backend?: BackendPreference } = {}): Record<string, string> {
  const state = { ...(opts.backend ? { backend: opts.backend } : {}), sampling: { seed: E2E_SEED } };
  return { [SETTINGS_KEY]: JSON.stringify({ state, version: 1 }) };
}
