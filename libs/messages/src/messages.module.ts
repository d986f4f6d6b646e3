import { Module } from '@nestjs/common';
import { ChatModule } from '@modelgate/chat';
import { MessagesController } from './messages.controller.js';
import { MessagesService } from './messages.service.js';

@Module({ imports: [ChatModule], controllers: [MessagesController], providers: [MessagesService] })
export class MessagesModule {}
