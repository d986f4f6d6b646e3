// A batch input file's lines with their models rewritten to what the serving provider calls them, as JSONL.
import { GatewayError, parseJsonWithinDepth } from '@modelgate/core';

export interface BatchInputLine {
  custom_id?: unknown;
  body?: { model?: unknown; [field: string]: unknown };
  [field: string]: unknown;
}

/**
 * Parses `text` (JSONL) and maps each line's `body.model` through `localModel` (which throws for a model the
 * provider does not serve); null when no model changed, so the original file can be used as it is.
 */
export function rewriteBatchInput(text: string, localModel: (model: string, line: number) => string): string | null {
  let changed = false;
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line, index) => {
      let parsed: BatchInputLine;
      try {
        parsed = parseJsonWithinDepth(line) as BatchInputLine;
      } catch (err) {
        const why = (err as Error).message.includes('levels deep') ? `: ${(err as Error).message}` : '';
        throw GatewayError.badRequest(`batch input line ${index + 1} is not JSON${why}`, { param: 'input_file_id' });
      }
      const model = parsed.body?.model;
      if (typeof model !== 'string') return line;
      const local = localModel(model, index + 1);
      if (local === model) return line;
      changed = true;
      return JSON.stringify({ ...parsed, body: { ...parsed.body, model: local } });
    });
  return changed ? `${lines.join('\n')}\n` : null;
}

/** Inline items as an OpenAI batch input file. */
export function toBatchInputFile(items: readonly { custom_id: string; method: string; url: string; body: unknown }[]): string {
  return items.map(({ custom_id, method, url, body }) => `${JSON.stringify({ custom_id, method, url, body })}\n`).join('');
}
