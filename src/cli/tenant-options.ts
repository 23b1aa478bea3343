// The options of every command that talks to a tenant through Graph: which tenant, which
// app, and where its identity platform and Graph live (Microsoft's public cloud unless
// told otherwise, e.g. the sandbox). The client secret comes from TENANTVAULT_CLIENT_SECRET
// or a prompt, never from an argument; a certificate and its private key are PEM files
// (one file may hold both).
import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import type { GraphConnectionConfig, GraphCredential } from '../graph/index.js';
import { UsageError } from './exit-codes.js';
import { secretFromEnvOrPrompt } from './prompt.js';

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

/** The Graph connection the options describe; asks for the secret when it is not in the environment. */
export async function graphConnectionOf(options: TenantOptions): Promise<GraphConnectionConfig> {
  if (!options.tenant) throw new UsageError('--tenant (or TENANTVAULT_TENANT) is required');
  if (!options.clientId) throw new UsageError('--client-id (or TENANTVAULT_CLIENT_ID) is required');
  return {
    tenantId: options.tenant,
    clientId: options.clientId,
    credential: await credentialOf(options),
    authority: options.authority,
    graphBaseUrl: options.graphUrl,
    extraCaPem: options.caFile ? readPem(options.caFile, 'CA file') : undefined,
  };
}
