// Mail nicknames (and so user principal names and group mail addresses) must be unique
// in a tenant, compared without regard to case. Popular names get numbered: "jane.doe",
// "jane.doe2", ...; the next number per name is remembered so that thousands of
// namesakes cost no more than one.

export class Nicknames {
  private readonly nextSuffix = new Map<string, number>();

  /** `taken` holds the lower-cased nicknames already in use. */
  constructor(private readonly taken = new Set<string>()) {}

  /** Claims `base`, or `base` numbered by `withSuffix` when it is taken. */
  claim(base: string, withSuffix: (suffix: number) => string = (suffix) => `${base}${suffix}`): string {
    const next = this.nextSuffix.get(base);
    let suffix = next ?? 2;
    // A name claimed before is taken: go straight to its next number.
    let candidate = next === undefined ? base : withSuffix(suffix++);
    while (this.taken.has(candidate.toLowerCase())) candidate = withSuffix(suffix++);
    this.nextSuffix.set(base, suffix);
    this.taken.add(candidate.toLowerCase());
    return candidate;
  }
}
