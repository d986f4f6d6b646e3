export { EmbeddingsModule } from './embeddings.module.js';
