// Name and place pools for generated people, precomputed once. Names come from many
// scripts (accents, CJK, Arabic, Cyrillic, Devanagari) with the ASCII form Entra admins
// typically use for the user principal name, so UPNs stay valid while display names test
// every client's Unicode handling.

export interface PersonName {
  display: string;
  /** Lower-case ASCII used in user principal names and mail nicknames. */
  ascii: string;
}

/** Latin-script names get their ASCII form by stripping diacritics; others are given one. */
function names(list: string): PersonName[] {
  return list.split(',').map((entry) => {
    const [display, ascii] = entry.split('=') as [string, string | undefined];
    const plain = ascii ?? display.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    return { display, ascii: plain.toLowerCase().replace(/ß/g, 'ss').replace(/ł/g, 'l').replace(/ø/g, 'o') };
  });
}

export const GIVEN_NAMES = names(
  'James,Mary,John,Patricia,Robert,Jennifer,Michael,Linda,William,Elizabeth,David,Barbara,Richard,Susan,' +
    'Joseph,Jessica,Thomas,Sarah,Charles,Karen,Daniel,Nancy,Matthew,Lisa,Anthony,Betty,Mark,Sandra,Emma,Olivia,' +
    'Noah,Liam,Sophia,Lucas,Amélie,Zoë,François,Hélène,Jérôme,Renée,Søren,Björn,Åsa,Jürgen,Günther,Ülkü,' +
    'Łukasz,Małgorzata,José,María,Inês,João,Nuño,Ángel,Çağla,İbrahim,Đorđe,Ngọc,Thảo,Siobhán,Seán,Chloé,' +
    'Raphaël,Anaïs,Joëlle,Dmitri,Fatima,Aisha,Omar,Priya,Arjun,Wei,Yuki,Haruto,Min-jun,Ji-woo,Kwame,Ngozi,' +
    'Дмитрий=dmitriy,Анна=anna,Ольга=olga,Сергей=sergey,محمد=mohammed,فاطمة=fatima,علي=ali,ليلى=layla,' +
    '陽翔=haruto,美咲=misaki,蓮=ren,伟=wei,芳=fang,민준=minjun,서연=seoyeon,अर्जुन=arjun,प्रिया=priya,' +
    'Γιώργος=giorgos,Ελένη=eleni,יעל=yael,דוד=david',
);

export const SURNAMES = names(
  'Smith,Johnson,Williams,Brown,Jones,Garcia,Miller,Davis,Rodriguez,Martinez,Hernandez,Lopez,Wilson,Anderson,' +
    'Taylor,Thomas,Moore,Jackson,Martin,Lee,Thompson,White,Harris,Clark,Lewis,Walker,Hall,Young,King,Wright,' +
    "O'Brien=o'brien,O'Connor=o'connor,Smith-Jones,Van der Berg=vanderberg,De la Cruz=delacruz,Müller,Schäfer,Groß,Jørgensen," +
    'Lindström,Nuñez,Peña,Gonçalves,Dubois,Lefèvre,Bénard,Kowalczyk,Wiśniewski,Dvořák,Novák,Szabó,Yılmaz,' +
    'Nguyễn=nguyen,Trần=tran,Okafor,Mensah,Patel,Sharma,Khan,Kim,Park,Tanaka,Suzuki,Chen,Wang,Zhang,' +
    'Иванов=ivanov,Петрова=petrova,Смирнов=smirnov,العلي=alali,الحسن=alhassan,خان=khan,' +
    '佐藤=sato,鈴木=suzuki,高橋=takahashi,王=wang,李=li,김=kim,박=park,शर्मा=sharma,' +
    'Παπαδόπουλος=papadopoulos,כהן=cohen',
);

export const DEPARTMENTS = [
  'Sales',
  'Marketing',
  'Engineering',
  'Finance',
  'Human Resources',
  'Legal',
  'IT',
  'Operations',
  'Customer Success',
  'Research & Development',
  'Procurement',
  'Executive',
] as const;

export const JOB_TITLES: Record<(typeof DEPARTMENTS)[number], readonly string[]> = {
  Sales: [
    'Account Executive',
    'Sales Development Representative',
    'Regional Sales Manager',
    'Key Account Manager',
  ],
  Marketing: ['Marketing Specialist', 'Content Strategist', 'Brand Manager', 'Product Marketing Manager'],
  Engineering: [
    'Software Engineer',
    'Senior Software Engineer',
    'Principal Engineer',
    'Engineering Manager',
    'SRE',
  ],
  Finance: ['Financial Analyst', 'Controller', 'Accounts Payable Clerk', 'Treasury Manager'],
  'Human Resources': ['HR Business Partner', 'Recruiter', 'Payroll Specialist', 'Talent Acquisition Lead'],
  Legal: ['Legal Counsel', 'Paralegal', 'Compliance Officer', 'Privacy Officer'],
  IT: ['Systems Administrator', 'Service Desk Analyst', 'Cloud Architect', 'Security Engineer', 'IT Manager'],
  Operations: ['Operations Analyst', 'Logistics Coordinator', 'Facilities Manager', 'Supply Chain Planner'],
  'Customer Success': ['Customer Success Manager', 'Support Engineer', 'Onboarding Specialist'],
  'Research & Development': ['Research Scientist', 'Lab Technician', 'R&D Program Manager'],
  Procurement: ['Buyer', 'Category Manager', 'Vendor Manager'],
  Executive: [
    'Chief Executive Officer',
    'Chief Financial Officer',
    'Chief Technology Officer',
    'Executive Assistant',
  ],
};

export interface Place {
  city: string;
  state: string | null;
  country: string;
  /** ISO 3166 alpha-2, as usageLocation and sign-in locations carry it. */
  countryCode: string;
  language: string;
  phonePrefix: string;
  latitude: number;
  longitude: number;
  postalCode: string;
}

export const PLACES: readonly Place[] = [
  place('Seattle', 'WA', 'United States', 'US', 'en-US', '+1 206', 47.61, -122.33, '98101'),
  place('New York', 'NY', 'United States', 'US', 'en-US', '+1 212', 40.71, -74.01, '10001'),
  place('Austin', 'TX', 'United States', 'US', 'en-US', '+1 512', 30.27, -97.74, '73301'),
  place('Toronto', 'ON', 'Canada', 'CA', 'en-CA', '+1 416', 43.65, -79.38, 'M5H 2N2'),
  place('London', null, 'United Kingdom', 'GB', 'en-GB', '+44 20', 51.51, -0.13, 'EC1A 1BB'),
  place('Paris', 'Île-de-France', 'France', 'FR', 'fr-FR', '+33 1', 48.86, 2.35, '75001'),
  place('München', 'Bayern', 'Germany', 'DE', 'de-DE', '+49 89', 48.14, 11.58, '80331'),
  place('São Paulo', 'SP', 'Brazil', 'BR', 'pt-BR', '+55 11', -23.55, -46.63, '01000-000'),
  place('Kraków', 'Małopolskie', 'Poland', 'PL', 'pl-PL', '+48 12', 50.06, 19.94, '30-001'),
  place('東京', '東京都', 'Japan', 'JP', 'ja-JP', '+81 3', 35.68, 139.69, '100-0001'),
  place('서울', null, 'Korea', 'KR', 'ko-KR', '+82 2', 37.57, 126.98, '04524'),
  place('Dubai', 'Dubai', 'United Arab Emirates', 'AE', 'ar-AE', '+971 4', 25.2, 55.27, '00000'),
  place('Bengaluru', 'Karnataka', 'India', 'IN', 'en-IN', '+91 80', 12.97, 77.59, '560001'),
  place('Sydney', 'NSW', 'Australia', 'AU', 'en-AU', '+61 2', -33.87, 151.21, '2000'),
  place('Lagos', 'Lagos', 'Nigeria', 'NG', 'en-NG', '+234 1', 6.52, 3.38, '100001'),
  place('Zürich', 'ZH', 'Switzerland', 'CH', 'de-CH', '+41 44', 47.38, 8.54, '8001'),
];

function place(
  city: string,
  state: string | null,
  country: string,
  countryCode: string,
  language: string,
  phonePrefix: string,
  latitude: number,
  longitude: number,
  postalCode: string,
): Place {
  return { city, state, country, countryCode, language, phonePrefix, latitude, longitude, postalCode };
}

/** Partner and personal mail domains that guests are invited from. */
export const GUEST_DOMAINS = [
  'gmail.com',
  'outlook.com',
  'partner.example',
  'contractor.co.uk',
  'fournisseur.fr',
  'kunde.de',
];

export const EMOJI = ['🚀', '🌍', '☕', '🎧', '🏖️', '👩‍💻', '🇺🇦'];

export function phoneNumber(prefix: string, digits: string): string {
  return `${prefix} ${digits.slice(0, 3)} ${digits.slice(3, 7)}`;
}
