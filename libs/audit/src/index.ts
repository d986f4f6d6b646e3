export { AuditModule } from './audit.module.js';
export { AuditLogger, type AuditHealth } from './audit-logger.service.js';
