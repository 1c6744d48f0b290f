// Settings (a lazy chunk): developer instructions, sampling over the model's defaults with a reset, a context
// cap, built-in tools on/off, and the person's own tools. A model trained on a fixed prelude (the demo model)
// ignores instructions and user tools; the dialog says so instead of pretending.
import { useEffect, useId, useState } from 'react';
import type { ModelManifest } from '../models/manifest';
import { SAMPLING_LIMITS, validNumber, type SamplingOverrides } from '../store/generation-settings';
import { BUILTIN_TOOLS } from '../tools/registry';
import type { UserTool } from '../tools/user/types';
import { Modal } from './Modal';
import { UserToolEditor } from './UserToolEditor';

export interface SettingsDialogProps {
  onClose: () => void;
  model: Pick<ModelManifest, 'label' | 'sampling' | 'contextLength' | 'prelude'>;
  instructions: string;
  onInstructionsChange: (text: string) => void;
  sampling: SamplingOverrides;
  onSamplingChange: (patch: Partial<Record<keyof SamplingOverrides, number | undefined>>) => void;
  contextCap: number | null;
  onContextCapChange: (cap: number | null) => void;
  /** Back to the model's sampling and the whole context. */
  onReset: () => void;
  disabledTools: readonly string[];
  onBuiltinToolChange: (name: string, enabled: boolean) => void;
  userTools: readonly UserTool[];
  onSaveUserTool: (tool: UserTool) => void;
  onRemoveUserTool: (id: string) => void;
}

export default function SettingsDialog(p: SettingsDialogProps) {
  const instructionsId = useId();
  const fixed = !p.model.prelude.instructions || p.model.prelude.functionTools.kind === 'fixed';
  const d = p.model.sampling;
  return (
    <Modal title="Settings" onClose={p.onClose} className="settings-dialog">
      {fixed && (
        <p className="settings-note" role="note">
          {p.model.label} was trained on one fixed prompt prelude: it ignores developer instructions and your own tools (they are kept for models
          that take them).
        </p>
      )}
      <section aria-labelledby={`${instructionsId}-h`}>
        <h3 id={`${instructionsId}-h`}>Developer instructions</h3>
        <label htmlFor={instructionsId} className="visually-hidden">
          Developer instructions
        </label>
        <textarea id={instructionsId} rows={4} value={p.instructions} placeholder="e.g. Answer in one short paragraph." onChange={(e) => p.onInstructionsChange(e.target.value)} />
      </section>

      <section className="settings-grid" aria-label="Sampling">
        <h3>Sampling</h3>
        <NumberField label="Temperature" field="temperature" step={0.05} value={p.sampling.temperature} placeholder={`${d.temperature} (model default)`} onChange={(v) => p.onSamplingChange({ temperature: v })} />
        <NumberField label="Top P" field="topP" step={0.01} value={p.sampling.topP} placeholder={`${d.topP} (model default)`} onChange={(v) => p.onSamplingChange({ topP: v })} />
        <NumberField label="Max tokens" field="maxTokens" step={1} value={p.sampling.maxTokens} placeholder="what is left of the context" hint="per generation round" onChange={(v) => p.onSamplingChange({ maxTokens: v })} />
        <NumberField label="Seed" field="seed" step={1} value={p.sampling.seed} placeholder="a new one per reply" onChange={(v) => p.onSamplingChange({ seed: v })} />
        <NumberField
          label="Context length cap"
          field="contextCap"
          step={256}
          value={p.contextCap ?? undefined}
          placeholder={`${p.model.contextLength} (the model's)`}
          onChange={(v) => p.onContextCapChange(v ?? null)}
        />
        <div>
          <button type="button" onClick={p.onReset}>
            Reset to model defaults
          </button>
        </div>
      </section>

      <section aria-label="Built-in tools">
        <h3>Built-in tools</h3>
        {BUILTIN_TOOLS.map((t) => (
          <label key={t.description.name} className="checkbox">
            <input type="checkbox" checked={!p.disabledTools.includes(t.description.name)} onChange={(e) => p.onBuiltinToolChange(t.description.name, e.target.checked)} />
            {t.title} <code>{t.description.name}</code>
          </label>
        ))}
      </section>

      <UserTools {...p} />
    </Modal>
  );
}

interface NumberFieldProps {
  label: string;
  field: keyof typeof SAMPLING_LIMITS;
  value: number | undefined;
  placeholder: string;
  step: number;
  hint?: string;
  /** A valid number, or undefined for "the default" (an empty field). */
  onChange: (value: number | undefined) => void;
}

function NumberField({ label, field, value, placeholder, step, hint, onChange }: NumberFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState(value === undefined ? '' : String(value));
  const parsed = draft.trim() === '' ? undefined : validNumber(field, Number(draft));
  const invalid = draft.trim() !== '' && parsed === undefined;
  useEffect(() => {
    // A reset (or another tab) changed the value: show it, unless the draft already means it.
    if (parsed !== value && !invalid) setDraft(value === undefined ? '' : String(value));
  }, [value]); // eslint-disable-line react-hooks/exhaustive-deps
  const { min, max } = SAMPLING_LIMITS[field];
  return (
    <div className="number-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        step={step}
        value={draft}
        placeholder={placeholder}
        aria-invalid={invalid}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          setDraft(e.target.value);
          const next = e.target.value.trim() === '' ? undefined : validNumber(field, Number(e.target.value));
          if (e.target.value.trim() === '' || next !== undefined) onChange(next);
        }}
      />
      <span id={`${id}-hint`} className="hint">
        {invalid ? `Use a ${field === 'temperature' || field === 'topP' ? 'number' : 'whole number'} from ${min} to ${max}.` : (hint ?? '')}
      </span>
    </div>
  );
}

function UserTools(p: SettingsDialogProps) {
  const [editing, setEditing] = useState<UserTool | 'new' | null>(null);
  const taken = (except?: string) => [...BUILTIN_TOOLS.map((t) => t.description.name), ...p.userTools.filter((t) => t.id !== except).map((t) => t.name)];
  return (
    <section aria-label="Your tools">
      <h3>Your tools</h3>
      <p className="hint">Functions the model may call: JavaScript run in a sandboxed worker (no network, no page access), or “ask me” (you answer).</p>
      {p.userTools.length > 0 && (
        <ul className="user-tools">
          {p.userTools.map((t) => (
            <li key={t.id}>
              <label className="checkbox">
                <input type="checkbox" checked={t.enabled} onChange={(e) => p.onSaveUserTool({ ...t, enabled: e.target.checked })} aria-label={`Enable ${t.name}`} />
                <code>{t.name}</code>
              </label>
              <span className="hint">
                {t.implementation.kind === 'ask' ? 'ask me' : 'JavaScript'} · {t.approval === 'ask' ? 'asks before each call' : 'runs automatically'}
              </span>
              <button type="button" onClick={() => setEditing(t)}>
                Edit
              </button>
              <button type="button" onClick={() => p.onRemoveUserTool(t.id)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {editing === null ? (
        <button type="button" onClick={() => setEditing('new')}>
          Add tool
        </button>
      ) : (
        <UserToolEditor
          key={editing === 'new' ? 'new' : editing.id}
          {...(editing === 'new' ? {} : { tool: editing })}
          takenNames={taken(editing === 'new' ? undefined : editing.id)}
          onSave={(t) => {
            p.onSaveUserTool(t);
            setEditing(null);
          }}
          onCancel={() => setEditing(null)}
        />
      )}
    </section>
  );
}
