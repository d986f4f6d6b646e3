// Which model a passthrough request names, found without parsing its body: Gemini-style paths carry it
// (`models/gemini-2.5-flash:generateContent`); a small JSON body's `model` is read by StreamedUpload as it streams.

const GEMINI_ACTIONS = new Set([
  'generateContent',
  'streamGenerateContent',
  'countTokens',
  'embedContent',
  'batchEmbedContents',
  'batchGenerateContent',
  'predict',
  'rawPredict',
  'streamRawPredict',
]);

/** `gemini-2.5-flash` of `/models/gemini-2.5-flash:generateContent` (also under `/publishers/google/`); else undefined. */
export function modelInPassthroughPath(endpoint: string): string | undefined {
  const match = /\/models\/([^/]+):([A-Za-z]+)$/.exec(endpoint);
  if (!match || !GEMINI_ACTIONS.has(match[2]!)) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return undefined;
  }
}
