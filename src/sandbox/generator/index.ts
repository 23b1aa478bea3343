// The sandbox's tenant data: generation of a realistic Entra ID directory and the
// activity that keeps changing it afterwards.
export { countsFor, generateTenant, type GenerateOptions, type TenantCounts } from './tenant-generator.js';
export { applyRandomChanges, startActivity, type ActivityOptions, type ActivitySummary } from './activity.js';
export { appendLogs } from './logs.js';
