// Failures callers may want to tell apart; every message names the file involved.

export class RepositoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class WrongPasswordError extends RepositoryError {
  constructor() {
    super('wrong password: no key file of this repository opens with it');
  }
}

export class UnsupportedVersionError extends RepositoryError {
  constructor(found: number, supported: number) {
    super(
      `repository format version ${found} is newer than this tenantvault supports (${supported}); upgrade tenantvault to use it`,
    );
  }
}

export class RepositoryNotFoundError extends RepositoryError {
  constructor(location: string) {
    super(`no repository at ${location} (run "tenantvault repo init" first)`);
  }
}

export class RepositoryExistsError extends RepositoryError {
  constructor(location: string) {
    super(`a repository already exists at ${location}`);
  }
}

export class RepositoryLockedError extends RepositoryError {}

export class CorruptFileError extends RepositoryError {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file} is corrupt: ${reason}`);
  }
}

export class MissingFileError extends RepositoryError {
  constructor(readonly file: string) {
    super(`${file} is missing`);
  }
}

export class ItemNotFoundError extends RepositoryError {}

export class SnapshotNotFoundError extends RepositoryError {}

export class BlobNotFoundError extends RepositoryError {
  constructor(readonly blob: string) {
    super(`blob ${blob} is not in any index (its pack or index file is missing or damaged)`);
  }
}
