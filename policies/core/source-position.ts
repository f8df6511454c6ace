/** A position in a text file: 1-based line, and 1-based column in UTF-16 code units (absent: the whole line). */
export interface SourcePosition {
  /** The file's path as the command received or found it. */
  readonly file: string;
  readonly line: number;
  readonly column?: number;
}
