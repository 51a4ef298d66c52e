/** A flag or file the user gave that cannot work as given; the CLI prints it as a usage error (exit 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
