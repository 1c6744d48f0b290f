// `npm run --silent harmony`: a long-lived JSON Lines server on stdin/stdout (protocol in
// docs/harmony-cli.md). One answer line per request, in order, written as soon as it is ready.
import { createInterface } from 'node:readline';
import { handleLine } from './harmony-protocol';

const rl = createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
rl.on('line', (line) => {
  const answer = handleLine(line);
  if (answer !== null) process.stdout.write(answer + '\n');
});
rl.on('close', () => process.exitCode = 0);
