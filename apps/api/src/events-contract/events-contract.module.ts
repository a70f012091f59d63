import { Module } from '@nestjs/common';
import { EventsContractController } from './events-contract.controller';

@Module({ controllers: [EventsContractController] })
export class EventsContractModule {}
