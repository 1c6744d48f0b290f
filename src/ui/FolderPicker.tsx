// "Load from folder…": a model folder from disk (hub layout), loaded with no network at all. The directory
// picker where the browser has one, the webkitdirectory file input elsewhere.
import { useRef, useState } from 'react';
import type { PickedFile } from '../engine/protocol';
import { canPickDirectory, inputFiles, pickDirectory } from './folder-files';

interface FolderPickerProps {
  onPick: (files: PickedFile[]) => void;
  disabled?: boolean;
}

export function FolderPicker({ onPick, disabled }: FolderPickerProps) {
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const open = () => {
    setProblem(null);
    if (!canPickDirectory()) return input.current?.click();
    pickDirectory().then(
      (files) => files && onPick(files),
      (e: unknown) => setProblem(`The folder could not be read: ${e instanceof Error ? e.message : String(e)}. Pick it again, or copy the model to another folder.`),
    );
  };
  return (
    <span className="folder-picker">
      <button type="button" onClick={open} disabled={disabled}>
        Load from folder…
      </button>
      <input
        ref={input}
        type="file"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        multiple
        {...{ webkitdirectory: '' }}
        onChange={(e) => {
          const files = e.currentTarget.files;
          if (files && files.length > 0) onPick(inputFiles(files));
          e.currentTarget.value = '';
        }}
      />
      {problem && (
        <span className="hint" role="alert">
          {problem}
        </span>
      )}
    </span>
  );
}
