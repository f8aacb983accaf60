/** Numbers the records starting on one line from 0 (records come in line order). */
export class LineIndex {
  private line = -1;
  private index = 0;

  of(line: number): number {
    if (line === this.line) return ++this.index;
    this.line = line;
    this.index = 0;
    return 0;
  }
}
