import { Module } from '@nestjs/common';
import { ConversationService } from './conversation.service.js';
import { ConversationsController } from './conversations.controller.js';
import { StoredResponseRetention } from './stored-response-retention.service.js';

/** /v1/conversations over the global StorageModule; exports ConversationService for /v1/responses. */
@Module({
  controllers: [ConversationsController],
  providers: [ConversationService, StoredResponseRetention],
  exports: [ConversationService],
})
export class ConversationsModule {}
