export { PassthroughModule } from './passthrough.module.js';
export { PassthroughService } from './passthrough.service.js';
