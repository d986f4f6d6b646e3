// Which dashboard category a model belongs to. Provider model lists carry no modality, so the category is read from
// the model id by the naming conventions providers share; whatever matches nothing is text generation.

export const MODEL_CATEGORIES = [
  { category: 'all', display_name: 'All' },
  { category: 'text_generation', display_name: 'Text Generation' },
  { category: 'embedding', display_name: 'Embeddings' },
  { category: 'image', display_name: 'Image' },
  { category: 'audio', display_name: 'Audio' },
  { category: 'video', display_name: 'Video' },
  { category: 'utility', display_name: 'Utility' },
] as const;

export type ModelCategory = (typeof MODEL_CATEGORIES)[number]['category'];

const RULES: [Exclude<ModelCategory, 'all' | 'text_generation'>, RegExp][] = [
  ['embedding', /embed/i],
  ['image', /dall-e|gpt-image|imagen|image-generation|stable-diffusion|flux/i],
  ['audio', /whisper|tts|transcribe|audio|speech|voice/i],
  ['video', /sora|veo|video/i],
  ['utility', /moderation|rerank|guard/i],
];

export function categoriesOf(modelId: string): ModelCategory[] {
  const matched = RULES.filter(([, pattern]) => pattern.test(modelId)).map(([category]) => category);
  return matched.length > 0 ? matched : ['text_generation'];
}
