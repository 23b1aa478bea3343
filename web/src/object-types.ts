// How the portal names Entra ID object types (the API's keys are for programs).
export const OBJECT_TYPE_LABELS: Record<string, { label: string; description: string }> = {
  users: { label: 'Users', description: 'accounts, their properties, licenses and manager' },
  groups: { label: 'Groups', description: 'security and Microsoft 365 groups with members and owners' },
  builtInRoles: { label: 'Built-in roles', description: 'who holds each built-in directory role' },
  customRoles: { label: 'Custom roles', description: 'role definitions you made and their assignments' },
  applications: { label: 'App registrations', description: 'applications and their owners' },
  servicePrincipals: { label: 'Enterprise apps', description: 'service principals and their assignments' },
  conditionalAccessPolicies: {
    label: 'Conditional Access',
    description: 'policies with the named locations they use',
  },
  namedLocations: { label: 'Named locations', description: 'IP ranges and countries policies refer to' },
  devices: { label: 'Devices', description: 'registered and joined devices' },
  deviceConfigurations: { label: 'Intune configurations', description: 'device configuration profiles' },
  deviceCompliancePolicies: { label: 'Intune compliance', description: 'device compliance policies' },
  administrativeUnits: { label: 'Administrative units', description: 'units and their members' },
  signInLogs: { label: 'Sign-in logs', description: 'every sign-in, kept beyond Entra’s 30 days' },
  auditLogs: { label: 'Audit logs', description: 'directory changes, kept beyond Entra’s 30 days' },
  bitlockerKeys: { label: 'BitLocker keys', description: 'recovery keys of devices' },
};

export function objectTypeLabel(type: string): string {
  return OBJECT_TYPE_LABELS[type]?.label ?? type;
}

/** Logs are kept as days of entries: browsed and compared, never restored or read live. */
export function isLogType(type: string): boolean {
  return type === 'signInLogs' || type === 'auditLogs';
}
