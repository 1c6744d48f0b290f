// ‹ 2/3 ›: moves between the versions of a message (edits, regenerations) kept in the conversation tree.
export interface BranchNavProps {
  /** 0-based index of the version shown. */
  index: number;
  count: number;
  onPrev: () => void;
  onNext: () => void;
}

export function BranchNav({ index, count, onPrev, onNext }: BranchNavProps) {
  if (count < 2) return null;
  return (
    <span className="branch-nav" role="group" aria-label="Versions">
      <button type="button" aria-label="Previous version" disabled={index <= 0} onClick={onPrev}>
        ‹
      </button>
      <span>
        {index + 1}/{count}
      </span>
      <button type="button" aria-label="Next version" disabled={index >= count - 1} onClick={onNext}>
        ›
      </button>
    </span>
  );
}
