// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConversationSidebar, type ConversationSidebarProps } from './ConversationSidebar';

afterEach(cleanup);

const list = [
  { id: 'c3', title: 'Crème brûlée recipe', createdAt: 3, updatedAt: 30 },
  { id: 'c2', title: '<img src=x onerror=alert(1)>', createdAt: 2, updatedAt: 20 },
  { id: 'c1', title: '', createdAt: 1, updatedAt: 10 },
];

function props(over: Partial<ConversationSidebarProps> = {}): ConversationSidebarProps {
  return { conversations: list, currentId: 'c3', onOpen: vi.fn(), onRename: vi.fn(), onDelete: vi.fn(), onExport: vi.fn(), onImport: vi.fn(), open: false, onClose: vi.fn(), ...over };
}

describe('ConversationSidebar', () => {
  it('a navigation landmark with a button per conversation (titles as text, untitled named), the current one marked', () => {
    const p = props();
    render(<ConversationSidebar {...p} />);
    const nav = screen.getByRole('navigation', { name: 'Conversations' });
    expect(within(nav).getAllByRole('listitem')).toHaveLength(3);
    expect(within(nav).getByRole('button', { name: '<img src=x onerror=alert(1)>' })).toBeTruthy();
    expect(nav.querySelector('img')).toBeNull();
    expect(within(nav).getByRole('button', { name: 'New conversation' })).toBeTruthy();
    expect(within(nav).getByRole('button', { name: 'Crème brûlée recipe' }).getAttribute('aria-current')).toBe('page');
    fireEvent.click(within(nav).getByRole('button', { name: 'New conversation' }));
    expect(p.onOpen).toHaveBeenCalledWith('c1');
  });

  it('search by title ignores case and accents', () => {
    render(<ConversationSidebar {...props()} />);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search conversations' }), { target: { value: 'CREME' } });
    expect(screen.getAllByRole('listitem').map((li) => within(li).getAllByRole('button')[0]!.textContent)).toEqual(['Crème brûlée recipe']);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search conversations' }), { target: { value: 'nothing like it' } });
    expect(screen.getByText('No conversation has that title.')).toBeTruthy();
  });

  it('rename in place, delete, export one or all, import a file', () => {
    const p = props();
    render(<ConversationSidebar {...p} />);
    const row = screen.getAllByRole('listitem')[0]!;
    fireEvent.click(within(row).getByRole('button', { name: 'Rename' }));
    const input = screen.getByRole('textbox', { name: 'New title' }) as HTMLInputElement;
    expect(input.value).toBe('Crème brûlée recipe');
    fireEvent.change(input, { target: { value: 'Dessert' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(p.onRename).toHaveBeenCalledWith('c3', 'Dessert');
    fireEvent.click(within(screen.getAllByRole('listitem')[1]!).getByRole('button', { name: 'Delete' }));
    expect(p.onDelete).toHaveBeenCalledWith('c2');
    fireEvent.click(within(screen.getAllByRole('listitem')[0]!).getByRole('button', { name: 'Export Harmony text' }));
    expect(p.onExport).toHaveBeenCalledWith('c3', 'harmony');
    fireEvent.click(screen.getByRole('button', { name: 'All as JSON' }));
    expect(p.onExport).toHaveBeenCalledWith('all', 'json');
    const file = new File(['{}'], 'x.json', { type: 'application/json' });
    fireEvent.change(screen.getByLabelText('Import file'), { target: { files: [file] } });
    expect(p.onImport).toHaveBeenCalledWith(file);
  });
});
