// Builders mirroring openai-harmony's (SystemContent.new(), with_browser_tool(), DeveloperContent, Message
// helpers). Defaults live here, never in the renderer (HARMONY-SPEC §2). All builders return new objects.
import type {
  Author,
  ChannelConfig,
  DeveloperContent,
  Message,
  ReasoningEffort,
  Role,
  SystemContent,
  ToolDescription,
  ToolNamespaceConfig,
} from './types';

export const DEFAULT_MODEL_IDENTITY = 'You are ChatGPT, a large language model trained by OpenAI.';
export const DEFAULT_KNOWLEDGE_CUTOFF = '2024-06';

export function requiredChannels(channels: string[]): ChannelConfig {
  return { validChannels: [...channels], channelRequired: true };
}

/** SystemContent.new(): identity, knowledge cutoff 2024-06, medium effort, the three channels required. */
export function newSystemContent(fields: Partial<Omit<SystemContent, 'type'>> = {}): SystemContent {
  return {
    type: 'system_content',
    modelIdentity: DEFAULT_MODEL_IDENTITY,
    reasoningEffort: 'medium' satisfies ReasoningEffort,
    knowledgeCutoff: DEFAULT_KNOWLEDGE_CUTOFF,
    channelConfig: requiredChannels(['analysis', 'commentary', 'final']),
    ...fields,
  };
}

export function withTools(content: SystemContent, ns: ToolNamespaceConfig): SystemContent {
  return { ...content, tools: { ...content.tools, [ns.name]: ns } };
}

export const BROWSER_NAMESPACE: ToolNamespaceConfig = {
  name: 'browser',
  description: [
    'Tool for browsing.',
    'The `cursor` appears in brackets before each browsing display: `[{cursor}]`.',
    'Cite information from the tool using the following format:',
    '`【{cursor}†L{line_start}(-L{line_end})?】`, for example: `【6†L9-L11】` or `【8†L3】`.',
    'Do not quote more than 10 words directly from the tool output.',
    'sources=web (default: web)',
  ].join('\n'),
  tools: [
    {
      name: 'search',
      description: 'Searches for information related to `query` and displays `topn` results.',
      parameters: {
        type: 'object',
        properties: { query: { type: 'string' }, topn: { type: 'number', default: 10 }, source: { type: 'string' } },
        required: ['query'],
      },
    },
    {
      name: 'open',
      description: [
        'Opens the link `id` from the page indicated by `cursor` starting at line number `loc`, showing `num_lines` lines.',
        'Valid link ids are displayed with the formatting: `【{id}†.*】`.',
        'If `cursor` is not provided, the most recent page is implied.',
        'If `id` is a string, it is treated as a fully qualified URL associated with `source`.',
        'If `loc` is not provided, the viewport will be positioned at the beginning of the document or centered on the most relevant passage, if available.',
        'Use this function without `id` to scroll to a new location of an opened page.',
      ].join('\n'),
      parameters: {
        type: 'object',
        properties: {
          id: { type: ['number', 'string'], default: -1 },
          cursor: { type: 'number', default: -1 },
          loc: { type: 'number', default: -1 },
          num_lines: { type: 'number', default: -1 },
          view_source: { type: 'boolean', default: false },
          source: { type: 'string' },
        },
      },
    },
    {
      name: 'find',
      description: 'Finds exact matches of `pattern` in the current page, or the page given by `cursor`.',
      parameters: {
        type: 'object',
        properties: { pattern: { type: 'string' }, cursor: { type: 'number', default: -1 } },
        required: ['pattern'],
      },
    },
  ],
};

export const PYTHON_NAMESPACE: ToolNamespaceConfig = {
  name: 'python',
  description:
    'Use this tool to execute Python code in your chain of thought. The code will not be shown to the user. This tool should be used for internal reasoning, but not for code that is intended to be visible to the user (e.g. when creating plots, tables, or files).\n\n' +
    "When you send a message containing Python code to python, it will be executed in a stateful Jupyter notebook environment. python will respond with the output of the execution or time out after 120.0 seconds. The drive at '/mnt/data' can be used to save and persist user files. Internet access for this session is UNKNOWN. Depends on the cluster.",
  tools: [],
};

export const withBrowserTool = (c: SystemContent): SystemContent => withTools(c, BROWSER_NAMESPACE);
export const withPythonTool = (c: SystemContent): SystemContent => withTools(c, PYTHON_NAMESPACE);

/** DeveloperContent with instructions and/or function tools (namespace `functions`, no description). */
export function newDeveloperContent(opts: { instructions?: string; functionTools?: ToolDescription[] } = {}): DeveloperContent {
  const d: DeveloperContent = { type: 'developer_content' };
  if (opts.instructions !== undefined) d.instructions = opts.instructions;
  if (opts.functionTools !== undefined) d.tools = { functions: { name: 'functions', tools: [...opts.functionTools] } };
  return d;
}

export function message(author: Role | Author, content: Message['content'] | string, fields: Partial<Omit<Message, 'author' | 'content'>> = {}): Message {
  return {
    author: typeof author === 'string' ? { role: author } : { ...author },
    content: typeof content === 'string' ? [{ type: 'text', text: content }] : [...content],
    ...fields,
  };
}

export const systemMessage = (c: SystemContent): Message => message('system', [c]);
export const developerMessage = (c: DeveloperContent): Message => message('developer', [c]);

/** A tool's result, authored as the tool and addressed back to the assistant on the call's channel. */
export function toolResultMessage(toolName: string, output: string, channel = 'commentary'): Message {
  return message({ role: 'tool', name: toolName }, output, { recipient: 'assistant', channel });
}
