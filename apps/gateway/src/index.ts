export { AppModule } from './app.module.js';
export { createGateway } from './create-gateway.js';
