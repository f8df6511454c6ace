/**
 * Input that a source adapter cannot read: not JSON, truncated, an unsupported format or version, an
 * errored plan, a shape that is not what the format promises. The command prints the message on one
 * line (naming the file) and exits 2; it is never a stack trace.
 */
export class InputError extends Error {
  constructor(
    message: string,
    /** Where in the input the problem is (a JSON path such as `resource_changes[3].change`), if known. */
    readonly path?: string,
  ) {
    super(path ? `${message} (at ${path})` : message);
    this.name = "InputError";
  }
}
