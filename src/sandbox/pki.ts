// Certificates for the sandbox: its own certificate authority (clients trust it through
// NODE_EXTRA_CA_CERTS or a CA option, never by turning verification off), the HTTPS
// server certificate it signs, and self-signed client certificates for app credentials.
import { createHash, generateKeyPair, X509Certificate } from 'node:crypto';
import { promisify } from 'node:util';
import forge from 'node-forge';

const generateKeyPairAsync = promisify(generateKeyPair);

export interface KeyAndCertificate {
  keyPem: string;
  certPem: string;
}

export async function generateRsaKeyPem(): Promise<string> {
  const { privateKey } = await generateKeyPairAsync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return privateKey;
}

function serialNumber(): string {
  // Positive 16-byte serial: leading nibble below 8.
  return `1${forge.util.bytesToHex(forge.random.getBytesSync(15))}`;
}

interface CertificateRequest {
  subjectCommonName: string;
  keyPem: string;
  issuer?: KeyAndCertificate;
  validDays: number;
  extensions: object[];
}

function issue(request: CertificateRequest): string {
  const key = forge.pki.privateKeyFromPem(request.keyPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(Date.now() + request.validDays * 24 * 3600 * 1000);
  const subject = [{ name: 'commonName', value: request.subjectCommonName }];
  cert.setSubject(subject);
  cert.setIssuer(
    request.issuer ? forge.pki.certificateFromPem(request.issuer.certPem).subject.attributes : subject,
  );
  cert.setExtensions(request.extensions);
  const signer = request.issuer ? forge.pki.privateKeyFromPem(request.issuer.keyPem) : key;
  cert.sign(signer, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

export async function createCertificateAuthority(name: string): Promise<KeyAndCertificate> {
  const keyPem = await generateRsaKeyPem();
  const certPem = issue({
    subjectCommonName: name,
    keyPem,
    validDays: 3650,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ],
  });
  return { keyPem, certPem };
}

export async function issueServerCertificate(
  ca: KeyAndCertificate,
  hosts: string[],
): Promise<KeyAndCertificate> {
  const keyPem = await generateRsaKeyPem();
  const altNames = hosts.map((host) =>
    /^[\d.]+$/.test(host) || host.includes(':') ? { type: 7, ip: host } : { type: 2, value: host },
  );
  const certPem = issue({
    subjectCommonName: hosts[0] ?? 'localhost',
    keyPem,
    issuer: ca,
    validDays: 825,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  return { keyPem, certPem };
}

/**
 * A self-signed certificate for a key: what admins upload to an app registration's
 * credentials, and what the token-signing key is published with (x5c in the JWKS).
 */
export function selfSignedCertificate(keyPem: string, commonName: string): string {
  return issue({
    subjectCommonName: commonName,
    keyPem,
    validDays: 730,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
    ],
  });
}

export async function createClientCertificate(commonName: string): Promise<KeyAndCertificate> {
  const keyPem = await generateRsaKeyPem();
  return { keyPem, certPem: selfSignedCertificate(keyPem, commonName) };
}

/** DER bytes of a PEM certificate: what keyCredentials[].key holds in Graph. */
export function certificateDer(certPem: string): Buffer {
  return new X509Certificate(certPem).raw;
}

/** Base64url SHA-1 / SHA-256 thumbprints, as carried in a JWT's x5t / x5t#S256 header. */
export function thumbprints(certPem: string): { sha1: string; sha256: string; sha1Hex: string } {
  const der = certificateDer(certPem);
  const sha1 = createHash('sha1').update(der).digest();
  return {
    sha1: sha1.toString('base64url'),
    sha1Hex: sha1.toString('hex').toUpperCase(),
    sha256: createHash('sha256').update(der).digest('base64url'),
  };
}
