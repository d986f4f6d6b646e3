export { AppModule, type AppOptions } from './app.module.js';
export { createGateway } from './create-gateway.js';
