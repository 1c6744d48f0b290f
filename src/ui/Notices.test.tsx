// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Notices } from './Notices';

afterEach(cleanup);

describe('Notices', () => {
  it('storage in memory only (code, message, fix), a dismissable notice, Undo', () => {
    const onUndo = vi.fn();
    const onDismiss = vi.fn();
    render(
      <Notices
        storageError={{ code: 'storage-quota', message: 'The disk is full.', fix: 'Free space.' }}
        notice={{ code: 'import-invalid', message: 'Not an export.', fix: 'Choose another file.' }}
        onDismissNotice={onDismiss}
        deleted={{ title: 'Old chat' }}
        onUndoDelete={onUndo}
      />,
    );
    const [storage, notice] = screen.getAllByRole('alert');
    expect(storage!.getAttribute('data-code')).toBe('storage-quota');
    expect(storage!.textContent).toMatch(/kept in memory only.*The disk is full\. Free space\. storage-quota$/);
    expect(notice!.textContent).toContain('Not an export. Choose another file. import-invalid');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(onDismiss).toHaveBeenCalled();
    expect(screen.getByRole('status').textContent).toContain('Deleted “Old chat”.');
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(onUndo).toHaveBeenCalled();
  });
});
