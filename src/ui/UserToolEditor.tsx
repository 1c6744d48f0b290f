// One user tool's form: name, description, JSON Schema parameters, the JavaScript body or "ask me", approval,
// timeout. Saving checks the definition (definitionProblems) and shows each problem next to its field.
import { useId, useState } from 'react';
import type { JsonSchema } from '../harmony/types';
import { DEFAULT_TOOL_TIMEOUT_MS, type ApprovalMode, type UserTool } from '../tools/user/types';
import { definitionProblems, type DefinitionProblem } from '../tools/user/validate-definition';

export interface UserToolEditorProps {
  /** The tool to edit; a new one when absent. */
  tool?: UserTool;
  /** Names already used by other tools. */
  takenNames: readonly string[];
  onSave: (tool: UserTool) => void;
  onCancel: () => void;
}

const EXAMPLE_SCHEMA = '{\n  "type": "object",\n  "properties": {\n    "text": { "type": "string", "description": "What to work on" }\n  },\n  "required": ["text"]\n}';
const newToolId = (): string => `tool-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export function UserToolEditor({ tool, takenNames, onSave, onCancel }: UserToolEditorProps) {
  const id = useId();
  const [name, setName] = useState(tool?.name ?? '');
  const [description, setDescription] = useState(tool?.description ?? '');
  const [schema, setSchema] = useState(tool ? JSON.stringify(tool.parameters, null, 2) : EXAMPLE_SCHEMA);
  const [kind, setKind] = useState<'code' | 'ask'>(tool?.implementation.kind ?? 'code');
  const [code, setCode] = useState(tool?.implementation.kind === 'code' ? tool.implementation.code : 'return args.text.toUpperCase();');
  const [approval, setApproval] = useState<ApprovalMode>(tool?.approval ?? 'ask');
  const [timeout, setTimeoutMs] = useState(String(tool?.timeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS));
  const [problems, setProblems] = useState<DefinitionProblem[]>([]);

  const save = () => {
    let parameters: JsonSchema;
    try {
      parameters = JSON.parse(schema) as JsonSchema;
    } catch (e) {
      setProblems([{ field: 'parameters', message: `Not valid JSON: ${(e as Error).message}` }]);
      return;
    }
    const next: UserTool = {
      id: tool?.id ?? newToolId(),
      name: name.trim(),
      description,
      parameters,
      implementation: kind === 'ask' ? { kind: 'ask' } : { kind: 'code', code },
      approval,
      timeoutMs: Number(timeout),
      enabled: tool?.enabled ?? true,
    };
    const found = definitionProblems(next, takenNames);
    setProblems(found);
    if (found.length === 0) onSave(next);
  };
  const problem = (field: DefinitionProblem['field']) => {
    const p = problems.find((x) => x.field === field);
    return p && (
      <span className="field-error" id={`${id}-${field}-error`}>
        {p.message}
      </span>
    );
  };
  const described = (field: DefinitionProblem['field']) => (problems.some((x) => x.field === field) ? { 'aria-invalid': true, 'aria-describedby': `${id}-${field}-error` } : {});

  return (
    <form
      className="tool-editor"
      aria-label={tool ? `Edit tool ${tool.name}` : 'New tool'}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <label htmlFor={`${id}-name`}>Tool name</label>
      <input id={`${id}-name`} value={name} placeholder="lookup_word" spellCheck={false} onChange={(e) => setName(e.target.value)} {...described('name')} />
      {problem('name')}
      <label htmlFor={`${id}-description`}>Tool description</label>
      <textarea id={`${id}-description`} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} {...described('description')} />
      {problem('description')}
      <label htmlFor={`${id}-schema`}>Parameters (JSON Schema)</label>
      <textarea id={`${id}-schema`} className="mono" rows={7} value={schema} spellCheck={false} onChange={(e) => setSchema(e.target.value)} {...described('parameters')} />
      {problem('parameters')}
      <fieldset>
        <legend>Answered by</legend>
        <label className="checkbox">
          <input type="radio" name={`${id}-kind`} checked={kind === 'code'} onChange={() => setKind('code')} /> JavaScript (sandboxed)
        </label>
        <label className="checkbox">
          <input type="radio" name={`${id}-kind`} checked={kind === 'ask'} onChange={() => setKind('ask')} /> Ask me
        </label>
      </fieldset>
      {kind === 'code' && (
        <>
          <label htmlFor={`${id}-code`}>JavaScript body</label>
          <textarea id={`${id}-code`} className="mono" rows={6} value={code} spellCheck={false} onChange={(e) => setCode(e.target.value)} {...described('code')} />
          <span className="hint">The body of async function (args): return a string or JSON data.</span>
          {problem('code')}
          <label htmlFor={`${id}-timeout`}>Timeout (ms)</label>
          <input id={`${id}-timeout`} type="number" min={100} step={100} value={timeout} onChange={(e) => setTimeoutMs(e.target.value)} {...described('timeoutMs')} />
          {problem('timeoutMs')}
        </>
      )}
      <label htmlFor={`${id}-approval`}>Approval</label>
      <select id={`${id}-approval`} value={approval} onChange={(e) => setApproval(e.target.value as ApprovalMode)}>
        <option value="ask">Ask each time</option>
        <option value="auto">Run automatically</option>
      </select>
      <div className="msg-actions">
        <button type="submit">Save tool</button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
