// A button that copies text to the clipboard and says so for a moment.
import { useEffect, useState } from 'react';

interface CopyButtonProps {
  text: string;
  /** Accessible name, e.g. "Copy code"; it starts with "Copy" like the visible text. */
  label: string;
  /** Show the label itself instead of "Copy" (where several copy buttons sit together). */
  showLabel?: boolean;
}

export function CopyButton({ text, label, showLabel = false }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 1_500);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = () => {
    const clipboard = globalThis.navigator?.clipboard;
    if (!clipboard) {
      setState('failed');
      return;
    }
    clipboard.writeText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };
  const shown = state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : showLabel ? label : 'Copy';
  return (
    <button type="button" className="copy-button" aria-label={state === 'idle' ? label : shown} onClick={copy}>
      {shown}
    </button>
  );
}
