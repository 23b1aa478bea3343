// Users: members with the full Graph property set, guests invited from other
// organisations, disabled accounts, synced accounts, manager chains, and the names that
// break naive code (every script, emoji, apostrophes, display names over 200 characters).
import type { AssignedLicense, User } from '@microsoft/microsoft-graph-types';
import type { Random } from '../random.js';
import type { TenantInfo } from '../tenant.js';
import { iso, weighted, type GenerationContext, type Stored } from './context.js';
import { COMMONLY_DISABLED_PLANS, SKUS } from './licenses.js';
import {
  DEPARTMENTS,
  EMOJI,
  GIVEN_NAMES,
  GUEST_DOMAINS,
  JOB_TITLES,
  PLACES,
  SURNAMES,
  phoneNumber,
  type PersonName,
} from './names.js';
import { Nicknames } from './nicknames.js';

/** Graph caps displayName at 256 characters; names this long still exist in real tenants. */
const LONG_NAME_SUFFIX =
  ' — Interim Regional Director of Strategic Partnerships, Enterprise Accounts and Public Sector Programmes' +
  ' (Europe, Middle East and Africa), acting on behalf of the Office of the Chief Commercial Officer';

const EAST_ASIAN = /[\u3040-\u9fff\uac00-\ud7af]/;

export class UserFactory {
  private readonly companyName: string;
  /** Exchange Online's routing domain, where every mailbox has a secondary address. */
  private readonly routingDomain: string;

  constructor(
    private readonly random: Random,
    private readonly info: TenantInfo,
    /** Nicknames in use: the local parts of user principal names. */
    private readonly nicknames: Nicknames,
  ) {
    this.companyName = info.displayName;
    this.routingDomain = info.defaultDomain.replace('.onmicrosoft.com', '.mail.onmicrosoft.com');
  }

  member(createdMs: number, employeeNumber: number): Stored<User> {
    const random = this.random;
    const given = random.pick(GIVEN_NAMES);
    const surname = random.pick(SURNAMES);
    const department = random.pick(DEPARTMENTS);
    const place = random.pick(PLACES);
    const nickname = this.nicknames.claim(`${given.ascii}.${surname.ascii}`.replace(/[^a-z0-9.'-]/g, ''));
    const upn = `${nickname}@${this.info.defaultDomain}`;
    const synced = random.chance(0.3);
    return {
      id: random.uuid(),
      displayName: this.displayName(given, surname, employeeNumber),
      givenName: given.display,
      surname: surname.display,
      userPrincipalName: upn,
      mail: upn,
      mailNickname: nickname,
      otherMails: random.chance(0.1) ? [`${nickname.replace(/'/g, '')}@${random.pick(GUEST_DOMAINS)}`] : [],
      proxyAddresses: [`SMTP:${upn}`, `smtp:${nickname}@${this.routingDomain}`],
      jobTitle: random.chance(0.95) ? random.pick(JOB_TITLES[department]) : null,
      department,
      companyName: this.companyName,
      employeeId: String(100000 + employeeNumber),
      employeeType: weighted(random, [
        ['Employee', 90],
        ['Contractor', 8],
        ['Intern', 2],
      ] as const),
      employeeHireDate: iso(createdMs),
      officeLocation: `${place.city} ${random.int(1, 40)}/${random.int(100, 999)}`,
      city: place.city,
      state: place.state,
      country: place.country,
      postalCode: place.postalCode,
      streetAddress: `${random.int(1, 300)} ${random.pick(['Main Street', 'Rue de Rivoli', 'Hauptstraße', 'Market Street'])}`,
      usageLocation: place.countryCode,
      preferredLanguage: place.language,
      businessPhones: random.chance(0.85)
        ? [phoneNumber(place.phonePrefix, String(random.int(1000000, 9999999)))]
        : [],
      mobilePhone: random.chance(0.6)
        ? phoneNumber(place.phonePrefix, String(random.int(1000000, 9999999)))
        : null,
      faxNumber: null,
      imAddresses: [`sip:${upn}`],
      accountEnabled: !random.chance(0.04),
      userType: 'Member',
      creationType: null,
      externalUserState: null,
      externalUserStateChangeDateTime: null,
      createdDateTime: iso(createdMs),
      ageGroup: null,
      consentProvidedForMinor: null,
      legalAgeGroupClassification: null,
      showInAddressList: null,
      passwordPolicies: random.chance(0.05) ? 'DisablePasswordExpiration' : null,
      identities: [
        { signInType: 'userPrincipalName', issuer: this.info.defaultDomain, issuerAssignedId: upn },
      ],
      assignedLicenses: this.licenses(),
      onPremisesSyncEnabled: synced ? true : null,
      onPremisesImmutableId: synced ? Buffer.from(random.hex(32), 'hex').toString('base64') : null,
      onPremisesSamAccountName: synced ? nickname.slice(0, 20) : null,
      onPremisesDomainName: synced ? 'corp.local' : null,
      onPremisesLastSyncDateTime: synced ? iso(createdMs + random.int(0, 3600_000)) : null,
      onPremisesSecurityIdentifier: synced
        ? `S-1-5-21-${random.int(1e9, 4e9)}-${random.int(1e9, 4e9)}-${random.int(1e9, 4e9)}-${1000 + employeeNumber}`
        : null,
      onPremisesDistinguishedName: synced
        ? `CN=${given.ascii} ${surname.ascii},OU=${department},DC=corp,DC=local`
        : null,
      onPremisesUserPrincipalName: synced ? `${nickname}@corp.local` : null,
      securityIdentifier: `S-1-12-1-${random.int(1e9, 4e9)}-${random.int(1e9, 4e9)}-${random.int(1e9, 4e9)}-${random.int(1e9, 4e9)}`,
    };
  }

  /** An invited external user: `name_partner.com#EXT#@tenant` as Entra names them. */
  guest(createdMs: number): Stored<User> {
    const random = this.random;
    const given = random.pick(GIVEN_NAMES);
    const surname = random.pick(SURNAMES);
    const externalDomain = random.pick(GUEST_DOMAINS);
    const local = `${given.ascii}.${surname.ascii}`.replace(/[^a-z0-9.-]/g, '');
    const externalMail = `${local}@${externalDomain}`;
    const nickname = this.nicknames.claim(
      `${local}_${externalDomain}#EXT#`,
      (suffix) => `${local}${suffix}_${externalDomain}#EXT#`,
    );
    const upn = `${nickname}@${this.info.defaultDomain}`;
    const accepted = random.chance(0.8);
    return {
      id: random.uuid(),
      displayName: random.chance(0.3)
        ? `${given.display} ${surname.display} (${externalDomain})`
        : `${given.display} ${surname.display}`,
      givenName: given.display,
      surname: surname.display,
      userPrincipalName: upn,
      mail: externalMail,
      mailNickname: nickname,
      otherMails: [externalMail],
      proxyAddresses: [`SMTP:${externalMail}`],
      userType: 'Guest',
      creationType: 'Invitation',
      externalUserState: accepted ? 'Accepted' : 'PendingAcceptance',
      externalUserStateChangeDateTime: iso(createdMs + random.int(0, 7 * 86400_000)),
      accountEnabled: true,
      createdDateTime: iso(createdMs),
      identities: [
        { signInType: 'userPrincipalName', issuer: this.info.defaultDomain, issuerAssignedId: upn },
      ],
      assignedLicenses: [],
      businessPhones: [],
      mobilePhone: null,
      jobTitle: null,
      department: null,
      companyName: random.chance(0.5) ? (externalDomain.split('.')[0] ?? null) : null,
      officeLocation: null,
      preferredLanguage: null,
      usageLocation: null,
      showInAddressList: false,
      onPremisesSyncEnabled: null,
      onPremisesImmutableId: null,
    };
  }

  private displayName(given: PersonName, surname: PersonName, employeeNumber: number): string {
    const random = this.random;
    // East Asian names are written family name first.
    const plain = EAST_ASIAN.test(given.display)
      ? `${surname.display} ${given.display}`
      : `${given.display} ${surname.display}`;
    if (employeeNumber === 2 || random.chance(0.003))
      return `${plain}${LONG_NAME_SUFFIX}`.slice(0, random.int(201, 256));
    if (employeeNumber === 3 || random.chance(0.01)) return `${plain} ${random.pick(EMOJI)}`;
    if (random.chance(0.02)) return `${surname.display.toUpperCase()}, ${given.display}`;
    return plain;
  }

  private licenses(): AssignedLicense[] {
    const random = this.random;
    const primary = weighted(random, [
      [SKUS.microsoftE3, 50],
      [SKUS.microsoftE5, 15],
      [SKUS.officeE3, 25],
      [null, 10],
    ] as const);
    if (!primary) return [];
    const licenses: AssignedLicense[] = [
      {
        skuId: primary.skuId,
        disabledPlans: random.chance(0.15) ? [random.pick(COMMONLY_DISABLED_PLANS)] : [],
      },
    ];
    if (primary === SKUS.officeE3 && random.chance(0.4))
      licenses.push({ skuId: SKUS.ems.skuId, disabledPlans: [] });
    if (random.chance(0.1)) licenses.push({ skuId: SKUS.powerBiPro.skuId, disabledPlans: [] });
    return licenses;
  }
}

export interface GeneratedUsers {
  members: Stored<User>[];
  guests: Stored<User>[];
  byDepartment: Map<string, Stored<User>[]>;
  byCity: Map<string, Stored<User>[]>;
}

export function generateUsers(context: GenerationContext, count: number): GeneratedUsers {
  const { random } = context;
  const factory = new UserFactory(random, context.tenant.info, new Nicknames());
  const guestCount = Math.max(1, Math.round(count * 0.05));
  const result: GeneratedUsers = { members: [], guests: [], byDepartment: new Map(), byCity: new Map() };
  for (let i = 0; i < count - guestCount; i++) {
    const user = factory.member(context.pastMs(5 * 365, 30), i);
    result.members.push(user);
    addTo(result.byDepartment, user.department as string, user);
    addTo(result.byCity, user.city as string, user);
    context.seed('users', user);
  }
  for (let i = 0; i < guestCount; i++) {
    const user = factory.guest(context.pastMs(3 * 365, 1));
    result.guests.push(user);
    context.seed('users', user);
  }
  assignManagers(context, result);
  return result;
}

function addTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The first member leads the company; each department has a head reporting to them, a
 * layer of managers reporting to the head, and everyone else reports to a manager: chains
 * three or four deep, with a few people (and every guest) left without a manager.
 */
function assignManagers(context: GenerationContext, users: GeneratedUsers): void {
  const { random } = context;
  const chief = users.members[0];
  if (!chief) return;
  for (const people of users.byDepartment.values()) {
    const staff = people.filter((user) => user !== chief);
    const head = staff[0];
    if (!head) continue;
    context.store.seedLink(head.id, 'manager', chief.id);
    const managerCount = Math.max(1, Math.ceil(staff.length / 12));
    const managers = staff.slice(1, 1 + managerCount);
    for (const manager of managers) context.store.seedLink(manager.id, 'manager', head.id);
    for (const user of staff.slice(1 + managerCount)) {
      if (random.chance(0.03)) continue;
      context.store.seedLink(user.id, 'manager', random.pick(managers.length > 0 ? managers : [head]).id);
    }
  }
}
