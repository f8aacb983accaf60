const PAGE_BITS = 16;
const PAGE_SIZE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE_SIZE - 1;

/**
 * A growable array of 32-bit unsigned integers in fixed pages of 65,536: growing never copies
 * what is there and never holds twice the memory, as doubling a typed array would.
 */
export class PagedUint32 {
  private readonly pages: Uint32Array[] = [];

  get(index: number): number {
    return this.pages[index >>> PAGE_BITS]?.[index & PAGE_MASK] ?? 0;
  }

  set(index: number, value: number): void {
    const page = index >>> PAGE_BITS;
    while (this.pages.length <= page) this.pages.push(new Uint32Array(PAGE_SIZE));
    (this.pages[page] as Uint32Array)[index & PAGE_MASK] = value;
  }
}
