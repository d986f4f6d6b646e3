export { AuthModule } from './auth.module.js';
export { authMiddleware } from './auth.middleware.js';
export { AuthService, credentialOf } from './auth.service.js';
export { AuthKeyService, type AuthKeyView, type CreateAuthKeyInput, type CreatedAuthKey } from './auth-key.service.js';
