// Two readings of react-markdown's hast nodes that the code-block views need: plain text and class names.
import type { ExtraProps } from 'react-markdown';

export type HastElement = NonNullable<ExtraProps['node']>;
export type HastNode = HastElement | HastElement['children'][number];

export function hastText(node: HastNode): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(hastText).join('');
  return '';
}

export function hastClasses(node: HastElement): string[] {
  const c = node.properties.className;
  return Array.isArray(c) ? c.map(String) : [];
}

/** `language-python` → `python`. */
export function codeLanguage(code: HastElement): string | undefined {
  return hastClasses(code)
    .find((c) => c.startsWith('language-'))
    ?.slice('language-'.length);
}
