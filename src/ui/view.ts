// Which page the app shows: the chat (first screen) or the Harmony playground (`?view=playground`).
export type AppView = 'chat' | 'playground';

export function viewFromSearch(search: string): AppView {
  return new URLSearchParams(search).get('view') === 'playground' ? 'playground' : 'chat';
}
