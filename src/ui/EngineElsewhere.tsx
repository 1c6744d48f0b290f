// One engine per browser: this tab does not run the model because another tab does. "Use here" moves it
// (the other tab stops and says so).
interface EngineElsewhereProps {
  onUseHere: () => void;
}

export function EngineElsewhere({ onUseHere }: EngineElsewhereProps) {
  return (
    <div className="banner banner-warn engine-elsewhere" role="alert" data-code="engine-elsewhere">
      <p>
        <strong>Overtone is running the model in another tab.</strong> One tab at a time runs it, so two never load it twice. Use it here instead, and
        the other tab stops.
      </p>
      <button type="button" onClick={onUseHere}>
        Use here
      </button>
    </div>
  );
}
