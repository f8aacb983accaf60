/** Where a record was read: the input as shown to the user and the 1-based line it starts on. */
export interface SourcePosition {
  input: string;
  line: number;
}
