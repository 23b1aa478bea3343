// Sign-in logs, kept one UTC day per item: Entra drops them after 7 or 30 days, the
// backup keeps them.
import type { LogTypeDescriptor } from './descriptor.js';

export const signInLogs: LogTypeDescriptor = {
  kind: 'log',
  type: 'signInLogs',
  timeProperty: 'createdDateTime',
};
