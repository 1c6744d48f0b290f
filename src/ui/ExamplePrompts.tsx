// A few prompts a model is known to handle, one click each.
interface ExamplePromptsProps {
  prompts: readonly string[];
  onPick: (prompt: string) => void;
}

export function ExamplePrompts({ prompts, onPick }: ExamplePromptsProps) {
  if (prompts.length === 0) return null;
  return (
    <div className="example-prompts" role="group" aria-label="Example prompts">
      <span className="example-title">Try:</span>
      {prompts.map((p) => (
        <button key={p} type="button" className="example-prompt" onClick={() => onPick(p)}>
          {p}
        </button>
      ))}
    </div>
  );
}
