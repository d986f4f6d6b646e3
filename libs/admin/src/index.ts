export { AdminModule } from './admin.module.js';
export { legacyAliasHeaders } from './http/legacy-alias.middleware.js';
