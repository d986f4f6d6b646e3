// One pass over a text for every kind a rule asks for: one precompiled regular expression whose alternatives are
// the kinds (sensitive-kinds.ts), plus the few checks a pattern cannot make (Luhn, an e-mail's local part, a
// private key's END line). Found ranges never overlap and come in text order.
import { passesLuhn } from './luhn.js';
import { KIND_PATTERNS, type SensitiveKind } from './sensitive-kinds.js';

export interface Detection {
  readonly kind: SensitiveKind;
  readonly start: number;
  readonly end: number;
}

const LOCAL_PART_MAX = 64;
const PRIVATE_KEY_END = '-----END ';

function isLocalPartChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 46 ||
    code === 95 ||
    code === 37 ||
    code === 43 ||
    code === 45
  );
}

function isKeyBodyChar(code: number): boolean {
  // Base64 and the whitespace between its lines.
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 43 ||
    code === 47 ||
    code === 61 ||
    code === 10 ||
    code === 13 ||
    code === 32
  );
}

export class SensitiveTextScanner {
  private readonly pattern: RegExp;
  private readonly groups: SensitiveKind[];

  constructor(kinds: readonly SensitiveKind[]) {
    this.groups = [...kinds];
    this.pattern = new RegExp(this.groups.map((kind) => `(?<${kind}>${KIND_PATTERNS[kind]})`).join('|'), 'g');
  }

  find(text: string): Detection[] {
    const found: Detection[] = [];
    // Synchronous from here to the end, so the one compiled expression (and its lastIndex) is this scan's alone.
    const { pattern } = this;
    pattern.lastIndex = 0;
    // Where the next private key END line is at or after the last header (-1: none): each is searched for once.
    let keyEnd = -2;
    let lastEnd = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      const kind = this.kindOf(match.groups!);
      let start = match.index;
      let end = start + match[0].length;
      if (kind === 'credit_card') {
        if (!passesLuhn(match[0].replace(/[ -]/g, ''))) continue;
      } else if (kind === 'email') {
        start = localPartStart(text, start, lastEnd);
        if (start === match.index) continue;
      } else if (kind === 'private_key') {
        if (keyEnd !== -1 && keyEnd < start) keyEnd = text.indexOf(PRIVATE_KEY_END, end);
        end = keyEnd === -1 ? keyBodyEnd(text, end) : endOfEndLine(text, keyEnd);
        pattern.lastIndex = end;
      }
      found.push({ kind, start, end });
      lastEnd = end;
    }
    pattern.lastIndex = 0;
    return found;
  }

  private kindOf(groups: Record<string, string | undefined>): SensitiveKind {
    for (const kind of this.groups) if (groups[kind] !== undefined) return kind;
    throw new Error('a match without a kind');
  }
}

/** Where the local part before the `@` at `at` starts (not before `floor`, nor with a dot); `at` when there is none. */
function localPartStart(text: string, at: number, floor: number): number {
  let start = at;
  const limit = Math.max(floor, at - LOCAL_PART_MAX);
  while (start > limit && isLocalPartChar(text.charCodeAt(start - 1))) start--;
  while (start < at && text.charCodeAt(start) === 46) start++;
  return start;
}

function keyBodyEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length && isKeyBodyChar(text.charCodeAt(end))) end++;
  return end;
}

function endOfEndLine(text: string, endLine: number): number {
  const close = text.indexOf('-----', endLine + PRIVATE_KEY_END.length);
  return close === -1 ? text.length : close + 5;
}

/** `text` with each detection replaced by `[REDACTED:<kind>]`. */
export function redactDetections(text: string, detections: readonly Detection[]): string {
  let out = '';
  let from = 0;
  for (const { kind, start, end } of detections) {
    out += `${text.slice(from, start)}[REDACTED:${kind}]`;
    from = end;
  }
  return out + text.slice(from);
}
