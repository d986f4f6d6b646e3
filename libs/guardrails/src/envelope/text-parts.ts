// The text of a message's content as guardrails see it, and a changed text written back: a string stays a string;
// in a list of parts the text parts are joined by a newline, and a new text goes into the first of them (the others
// are dropped) while every other part (images, audio, tool blocks) stays where it was.

const TEXT_PART_TYPES: ReadonlySet<string> = new Set(['text', 'input_text', 'output_text']);

function isTextPart(part: unknown): part is { type: string; text: string } {
  if (typeof part !== 'object' || part === null) return false;
  const { type, text } = part as { type?: unknown; text?: unknown };
  return typeof type === 'string' && TEXT_PART_TYPES.has(type) && typeof text === 'string';
}

export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text: string | undefined;
  for (const part of content) if (isTextPart(part)) text = text === undefined ? part.text : `${text}\n${part.text}`;
  return text ?? '';
}

/** `partType` names a text part added to a list that had none (`input_text` on the Responses wire). */
export function withText(content: unknown, text: string, partType = 'text'): unknown {
  if (!Array.isArray(content)) return text;
  const parts: unknown[] = [];
  let placed = false;
  for (const part of content) {
    if (!isTextPart(part)) parts.push(part);
    else if (!placed) {
      parts.push({ ...part, text });
      placed = true;
    }
  }
  if (!placed && text !== '') parts.unshift({ type: partType, text });
  return parts;
}
