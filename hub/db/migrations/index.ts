import type { Migration } from '../migration';
import { migration0001 } from './0001-initial';

export const MIGRATIONS: readonly Migration[] = [migration0001];
