// The final answer as Markdown, made safe: raw HTML is never parsed (no rehype-raw; remarkHtmlAsText shows it
// as text), rehype-sanitize keeps a GitHub-like allow-list (no scripts, no event handlers, only http(s)/
// mailto links), and images become links so model output cannot make the page fetch anything.
// Loaded lazily (FinalAnswer) so none of this is in the start page's first chunk.
import { memo, useDeferredValue } from 'react';
import Markdown, { type Components, type Options } from 'react-markdown';
import rehypeSanitize from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import { CodeBlock } from './CodeBlock';
import { splitMarkdownBlocks } from './markdown-blocks';
import { rehypeHighlightCode } from './rehype-highlight-code';
import { remarkHtmlAsText } from './remark-html-as-text';

const REMARK_PLUGINS: Options['remarkPlugins'] = [remarkGfm, remarkHtmlAsText];
// Sanitise first, then highlight: the highlighter's spans come from lowlight, not from the model.
const REHYPE_PLUGINS: Options['rehypePlugins'] = [rehypeSanitize, rehypeHighlightCode];

const COMPONENTS: Components = {
  pre: ({ node, children }) => <CodeBlock node={node}>{children}</CodeBlock>,
  a: ({ href, children }) =>
    href ? (
      <a href={href} target="_blank" rel="noopener noreferrer nofollow">
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  img: ({ src, alt }) => {
    const label = `Image: ${alt || 'untitled'}`;
    return typeof src === 'string' && src !== '' ? (
      <a href={src} target="_blank" rel="noopener noreferrer nofollow">
        [{label}]
      </a>
    ) : (
      <span>[{label}]</span>
    );
  },
};

export interface MarkdownViewProps {
  text: string;
}

/** One top-level block: rendered again only when its own text changes. */
const MarkdownBlock = memo(function MarkdownBlock({ text }: MarkdownViewProps) {
  return (
    <Markdown remarkPlugins={REMARK_PLUGINS} rehypePlugins={REHYPE_PLUGINS} components={COMPONENTS}>
      {text}
    </Markdown>
  );
});

function MarkdownViewInner({ text }: MarkdownViewProps) {
  // While tokens stream in, React may skip renders of stale text; finished blocks are not parsed again.
  const deferred = useDeferredValue(text);
  return (
    <>
      {splitMarkdownBlocks(deferred).map((block, i) => (
        <MarkdownBlock key={i} text={block} />
      ))}
    </>
  );
}

export const MarkdownView = memo(MarkdownViewInner);
export default MarkdownView;
