// A modal dialog on the native <dialog>: focus is trapped and Esc closes it (the browser's own behaviour).
// Where showModal is missing (jsdom), the dialog is simply open.
import { useEffect, useRef, type ReactNode } from 'react';

interface ModalProps {
  /** The dialog's accessible name (its heading says the same). */
  title: string;
  onClose: () => void;
  className?: string;
  children: ReactNode;
}

export function Modal({ title, onClose, className, children }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (typeof d.showModal === 'function') d.showModal();
    else d.setAttribute('open', '');
    return () => {
      if (typeof d.close === 'function' && d.open) d.close();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={`modal ${className ?? ''}`}
      aria-label={title}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <header className="modal-header">
        <h2>{title}</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      <div className="modal-body">{children}</div>
    </dialog>
  );
}
