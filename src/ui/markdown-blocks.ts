// Splits Markdown into top-level blocks so a streaming answer re-parses only its last block: each finished
// block is rendered once and memoised (re-parsing the whole answer per token made streaming cost grow with
// its length). A block ends at a blank line outside a code fence when the next line starts a new block (not
// indented, so list items' continuations and indented code stay together).
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export function splitMarkdownBlocks(text: string): string[] {
  const lines = text.split('\n');
  const blocks: string[] = [];
  let current: string[] = [];
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const open = FENCE.exec(line);
    if (fence === null && open) fence = open[1]![0]!.repeat(open[1]!.length);
    else if (fence !== null && open && open[1]!.startsWith(fence)) fence = null;
    const next = lines[i + 1];
    if (fence === null && line.trim() === '' && current.length > 0 && next !== undefined && next.trim() !== '' && !/^\s/.test(next)) {
      blocks.push(current.join('\n'));
      current = [];
      continue;
    }
    current.push(line);
  }
  if (current.length > 0 || blocks.length === 0) blocks.push(current.join('\n'));
  return blocks;
}
