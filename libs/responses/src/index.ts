export { ResponsesModule } from './responses.module.js';
