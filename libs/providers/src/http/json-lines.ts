// JSONL read as it streams in: one parsed value per non-empty line, never the whole body in memory.

/** Parses each non-empty line of `body`; a line that is not JSON throws naming its number and `source`. */
export async function* readJsonLines(body: AsyncIterable<Uint8Array> | Buffer, source: string): AsyncGenerator<unknown> {
  const decoder = new TextDecoder();
  let pending = '';
  let number = 0;
  const parse = (line: string): unknown => {
    number += 1;
    try {
      return JSON.parse(line) as unknown;
    } catch {
      throw new SyntaxError(`${source}: line ${number} is not JSON`);
    }
  };
  for await (const chunk of Buffer.isBuffer(body) ? [body] : body) {
    pending += decoder.decode(chunk, { stream: true });
    let end = pending.indexOf('\n');
    while (end !== -1) {
      const line = pending.slice(0, end).trim();
      pending = pending.slice(end + 1);
      if (line !== '') yield parse(line);
      else number += 1;
      end = pending.indexOf('\n');
    }
  }
  pending += decoder.decode();
  if (pending.trim() !== '') yield parse(pending.trim());
}
