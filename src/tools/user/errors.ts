// The error a user tool's run throws: a chat error code, the text the model reads as the tool message
// (`message`), and the fix the card shows.
import type { ChatError, ChatErrorCode } from '../../chat/types';

export type UserToolErrorCode = Extract<ChatErrorCode, 'tool-args' | 'tool-timeout' | 'tool-failed' | 'tool-denied' | 'tool-invalid'>;

export class UserToolError extends Error implements ChatError {
  override readonly name = 'UserToolError';
  constructor(
    readonly code: UserToolErrorCode,
    message: string,
    readonly fix: string,
  ) {
    super(message);
  }
  toJSON(): ChatError {
    return { code: this.code, message: this.message, fix: this.fix };
  }
}
