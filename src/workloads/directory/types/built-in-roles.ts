// Microsoft's role definitions and who holds them; read-only, kept for history and compare.
import { roleDefinitions } from './role-definitions.js';

export const builtInRoles = roleDefinitions('builtInRoles');
