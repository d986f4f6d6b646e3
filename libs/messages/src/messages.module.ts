import { Module } from '@nestjs/common';
import { BatchesModule } from '@modelgate/batches';
import { ChatModule } from '@modelgate/chat';
import { MessageBatchesController } from './batches/message-batches.controller.js';
import { MessageBatchesService } from './batches/message-batches.service.js';
import { MessagesController } from './messages.controller.js';
import { MessagesService } from './messages.service.js';

@Module({
  imports: [ChatModule, BatchesModule],
  controllers: [MessagesController, MessageBatchesController],
  providers: [MessagesService, MessageBatchesService],
})
export class MessagesModule {}
