export { AuthModule } from './auth.module.js';
export { MasterKeyAuth } from './master-key-auth.js';
