export type { EventError, RunEvent, RunEventType, RunStatus } from './events';
