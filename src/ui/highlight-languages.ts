// The few languages code blocks are highlighted in; each is a separate import so the markdown chunk stays
// small (highlight.js's "common" set is ~37 grammars). Aliases (js, ts, py, sh, html…) come with them.
import type { LanguageFn } from 'highlight.js';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import css from 'highlight.js/lib/languages/css';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';

export const HIGHLIGHT_LANGUAGES: Record<string, LanguageFn> = { bash, c, cpp, css, javascript, json, python, rust, sql, typescript, xml };
