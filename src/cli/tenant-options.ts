// The options of every command that talks to a tenant through Graph: which tenant, which
// app, and where its identity platform and Graph live (Microsoft's public cloud unless
// told otherwise, e.g. the sandbox). The client secret comes from TENANTVAULT_CLIENT_SECRET
// or a prompt, never from an argument; a certificate and its private key are PEM files
// (one file may hold both). A tenant saved with `tenantvault tenant add` needs only
// --tenant: its app, credential and endpoints come from the saved connection.
import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import type { GraphConnectionConfig, GraphCredential } from '../graph/index.js';
import { UsageError } from './exit-codes.js';
import { secretFromEnvOrPrompt } from './prompt.js';
import { SavedTenants } from './saved-tenants.js';

export interface TenantOptions {
  tenant?: string;
  clientId?: string;
  certificate?: string;
  certificateKey?: string;
  authority?: string;
  graphUrl?: string;
  caFile?: string;
}

export function withTenantOptions(command: Command): Command {
  return command
    .addOption(new Option('--tenant <id>', 'tenant id (or a verified domain) to back up or restore'))
    .addOption(new Option('--client-id <id>', 'application (client) id of the backup app'))
    .addOption(
      new Option(
        '--certificate <file>',
        'PEM file with the app certificate, and its private key unless --certificate-key names it (instead of TENANTVAULT_CLIENT_SECRET)',
      ),
    )
    .addOption(new Option('--certificate-key <file>', "PEM file with the certificate's private key"))
    .addOption(
      new Option('--authority <url>', 'identity platform (default https://login.microsoftonline.com)'),
    )
    .addOption(
      new Option('--graph-url <url>', 'Microsoft Graph base URL (default https://graph.microsoft.com/v1.0)'),
    )
    .addOption(new Option('--ca-file <file>', 'extra CA certificate (PEM) to trust for both endpoints'));
}

function readPem(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${path}: ${(error as Error).message}`);
  }
}

function readOptionalPem(caFile: string | undefined): string | undefined {
  return caFile ? readPem(caFile, 'CA file') : undefined;
}

function pemBlocks(pem: string, label: RegExp): string[] {
  const pattern = /-----BEGIN ([A-Z ]+)-----[\s\S]+?-----END \1-----/g;
  return [...pem.matchAll(pattern)]
    .filter((match) => label.test(match[1] as string))
    .map((match) => match[0]);
}

async function credentialOf(options: TenantOptions): Promise<GraphCredential> {
  if (options.certificate) {
    const [certificatePem] = pemBlocks(readPem(options.certificate, 'certificate file'), /^CERTIFICATE$/);
    const keyFile = options.certificateKey ?? options.certificate;
    const [privateKeyPem] = pemBlocks(readPem(keyFile, 'private key file'), /PRIVATE KEY$/);
    if (!certificatePem) throw new UsageError(`${options.certificate} holds no PEM certificate`);
    if (!privateKeyPem) throw new UsageError(`${keyFile} holds no PEM private key`);
    return { kind: 'certificate', certificatePem, privateKeyPem };
  }
  return {
    kind: 'secret',
    secret: await secretFromEnvOrPrompt('TENANTVAULT_CLIENT_SECRET', 'client secret: '),
  };
}

/**
 * The Graph connection the options describe: a saved tenant when only --tenant is given,
 * else the options themselves (asking for the secret when it is not in the environment).
 */
export async function graphConnectionOf(
  options: TenantOptions,
  home: string,
): Promise<GraphConnectionConfig> {
  if (!options.tenant) throw new UsageError('--tenant (or TENANTVAULT_TENANT) is required');
  if (!options.clientId) {
    const saved = await new SavedTenants(home).find(options.tenant);
    if (!saved) {
      throw new UsageError(
        `tenant ${options.tenant} is not saved (tenantvault tenant add) and no --client-id (or TENANTVAULT_CLIENT_ID) was given`,
      );
    }
    return {
      tenantId: saved.tenantId,
      clientId: saved.clientId,
      credential: saved.credential,
      authority: options.authority ?? saved.authority,
      graphBaseUrl: options.graphUrl ?? saved.graphUrl,
      extraCaPem: readOptionalPem(options.caFile ?? saved.caFile),
    };
  }
  return {
    tenantId: options.tenant,
    clientId: options.clientId,
    credential: await credentialOf(options),
    authority: options.authority,
    graphBaseUrl: options.graphUrl,
    extraCaPem: readOptionalPem(options.caFile),
  };
}
