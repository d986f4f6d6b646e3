export interface ModelSelector {
  /** The text before the first '/', when there is one: a provider instance name or type, or part of a model ID. */
  prefix: string | undefined;
  /** The text after the first '/' (or the whole model when there is no '/'). */
  rest: string;
  /** The model string exactly as the client sent it. */
  raw: string;
}

export function parseModelSelector(model: string): ModelSelector {
  const slash = model.indexOf('/');
  if (slash <= 0 || slash === model.length - 1) return { prefix: undefined, rest: model, raw: model };
  return { prefix: model.slice(0, slash), rest: model.slice(slash + 1), raw: model };
}
