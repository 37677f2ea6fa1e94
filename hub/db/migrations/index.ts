import type { Migration } from '../migration';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-device-health';
import { migration0003 } from './0003-ticket-states';

export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003];
