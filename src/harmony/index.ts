// Public API of the Harmony module (pure TypeScript: no DOM, React or worker imports; Node and browsers).
export * from './types';
export * from './encoding';
export * from './builders';
export { schemaToTypeScript } from './schema';
export * from './render';
export { StreamParser, parseMessagesFromCompletionTokens, type ParserState, type StreamParserOptions, type ParsedHeader } from './parser';
export * from './json';
