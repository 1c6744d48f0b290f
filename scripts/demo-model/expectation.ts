// What the model must do in one user turn; the scorer checks exactly this. Shared by the training generator
// (for its tests) and the held-out generator (for the evaluation).
export type ToolName = 'calculator' | 'get_current_time';

export interface Expectation {
  /** Breakdown label, e.g. "calc-decimal", "time-city", "out-of-scope". */
  category: string;
  tool?: ToolName;
  args?: Record<string, string>;
  /** What the final answer must state verbatim: the calculator's value or the clock's "HH:MM". */
  toolOutput?: string;
  /** An out-of-scope request: no tool, and a final that says what the model can do. */
  declines?: boolean;
}
