// The error a tool throws for bad input it can explain: the agent loop turns its message into the tool
// message the model reads (and the card's error). Anything else a tool throws counts as a crash.
export class ToolError extends Error {
  override readonly name = 'ToolError';
}
