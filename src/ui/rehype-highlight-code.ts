// Highlights fenced code blocks (`<pre><code class="language-x">`) with lowlight and only the grammars in
// highlight-languages.ts. rehype-highlight would do the same but always bundles lowlight's 37 "common"
// grammars; this keeps the Markdown chunk small. Runs after rehype-sanitize: the spans come from lowlight.
import { createLowlight } from 'lowlight';
import { codeLanguage, hastClasses, hastText, type HastElement, type HastNode } from './hast';
import { HIGHLIGHT_LANGUAGES } from './highlight-languages';

const lowlight = createLowlight(HIGHLIGHT_LANGUAGES);

function highlight(code: HastElement): void {
  const language = codeLanguage(code);
  if (!language || !lowlight.registered(language)) return;
  try {
    const tree = lowlight.highlight(language, hastText(code));
    code.children = tree.children as HastElement['children'];
    code.properties.className = ['hljs', ...hastClasses(code)];
  } catch {
    // A grammar that chokes leaves the code plain: it is still shown, as text.
  }
}

function visit(node: HastNode | { type: 'root'; children: HastNode[] }): void {
  if (node.type !== 'element' && node.type !== 'root') return;
  for (const child of node.children) {
    if (node.type === 'element' && node.tagName === 'pre' && child.type === 'element' && child.tagName === 'code') highlight(child);
    else visit(child);
  }
}

/** The rehype plugin. */
export function rehypeHighlightCode() {
  return (tree: unknown) => visit(tree as { type: 'root'; children: HastNode[] });
}
