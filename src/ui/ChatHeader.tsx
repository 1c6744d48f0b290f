// The bar above the chat: name, the model in use (children), the developer pages (Harmony playground, engine
// harness) one menu away from the first screen, New chat, and the slots the app fills (conversations, Settings).
import type { ReactNode } from 'react';

export interface ChatLinks {
  playground: string;
  harness: string;
}

export const DEFAULT_LINKS: ChatLinks = { playground: '?view=playground', harness: './harness.html' };

interface ChatHeaderProps {
  onNewChat: () => void;
  links?: ChatLinks;
  children?: ReactNode;
  /** Before the name (the conversations toggle on phones). */
  start?: ReactNode;
  /** After New chat (Settings). */
  end?: ReactNode;
}

export function ChatHeader({ onNewChat, links = DEFAULT_LINKS, children, start, end }: ChatHeaderProps) {
  return (
    <header className="chat-header">
      {start}
      <h1 className="app-name">Overtone</h1>
      <div className="header-model">{children}</div>
      <details className="dev-menu">
        <summary>Developer tools</summary>
        <nav className="dev-links" aria-label="Developer tools">
          <a href={links.playground}>Harmony playground</a>
          <a href={links.harness}>Engine harness</a>
        </nav>
      </details>
      <button type="button" className="new-chat" onClick={onNewChat}>
        New chat
      </button>
      {end}
    </header>
  );
}
