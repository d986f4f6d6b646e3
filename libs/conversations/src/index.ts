export { ConversationsModule } from './conversations.module.js';
export { ConversationService } from './conversation.service.js';
export type { ConversationDeleted, ConversationItemList, ConversationObject } from './conversation-object.js';
