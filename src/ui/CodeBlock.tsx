// A fenced code block from the final answer: the (highlighted) code, its language and a copy button.
import type { ReactNode } from 'react';
import { CopyButton } from './CopyButton';
import { codeLanguage, hastText, type HastElement } from './hast';

interface CodeBlockProps {
  /** The `<pre>` element's hast node (react-markdown passes it): source of the plain text and the language. */
  node?: HastElement;
  children?: ReactNode;
}

export function CodeBlock({ node, children }: CodeBlockProps) {
  const code = node?.children.find((c): c is HastElement => c.type === 'element' && c.tagName === 'code');
  const language = code ? codeLanguage(code) : undefined;
  return (
    <div className="code-block">
      <div className="code-toolbar">
        <span className="code-language">{language ?? 'text'}</span>
        <CopyButton text={node ? hastText(node).replace(/\n$/, '') : ''} label="Copy code" />
      </div>
      <pre>{children}</pre>
    </div>
  );
}
