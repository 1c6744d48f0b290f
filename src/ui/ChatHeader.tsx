// The bar above the chat: name, the model in use (children), the developer pages (Harmony playground, engine
// harness) one menu away from the first screen, and New chat.
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
}

export function ChatHeader({ onNewChat, links = DEFAULT_LINKS, children }: ChatHeaderProps) {
  return (
    <header className="chat-header">
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
    </header>
  );
}
