// The tenant's own role definitions and who holds them; restorable.
import { roleDefinitions } from './role-definitions.js';

export const customRoles = roleDefinitions('customRoles');
