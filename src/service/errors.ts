/** A service failure meant for people: a bad schedule, an unknown job, a misused queue. */
export class ServiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServiceError';
  }
}
