// Directory audit logs, kept one UTC day per item, like sign-in logs.
import type { LogTypeDescriptor } from './descriptor.js';

export const auditLogs: LogTypeDescriptor = {
  kind: 'log',
  type: 'auditLogs',
  timeProperty: 'activityDateTime',
};
