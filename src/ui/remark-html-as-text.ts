// Raw HTML in the model's Markdown is shown as the text it is (the user sees what the model wrote), never
// parsed as HTML: every mdast `html` node becomes a `text` node before anything turns it into elements.
import type { Options } from 'react-markdown';

interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

function htmlToText(node: MdNode): void {
  if (node.type === 'html') node.type = 'text';
  node.children?.forEach(htmlToText);
}

export const remarkHtmlAsText: NonNullable<Options['remarkPlugins']>[number] = () => (tree) => {
  htmlToText(tree as unknown as MdNode);
};
