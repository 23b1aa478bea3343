/** A catalog failure meant for people: a bad URL, a snapshot in the wrong state, bad metadata. */
export class CatalogError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogError';
  }
}
