import type { Content, Node as LaidOutNode, NodeQueries } from 'pdfmake/interfaces.js';

type Block = Record<string, unknown>;

function isBlock(value: unknown): value is Block {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isHeading(block: Block): boolean {
  return block.headlineLevel !== undefined;
}

/**
 * pdfmake tells the page-break rule where each node was laid out, but a node inside an
 * unbreakable block (a table's header with its first row, a row that must not split, a heading
 * kept with its first paragraph) is reported where the block was first tried, not on the page
 * it moved to, unless the node has an id. So every heading gets an id, and so does the first
 * text after it: a paragraph's, or the first cell of a table's first body row (not of its
 * header, which repeats on every page the table runs onto).
 */
export function anchorHeadings(content: Content[]): Content[] {
  let count = 0;
  let pending = false;
  let unbreakable = 0;
  const anchor = (block: Block): Block =>
    block.id === undefined ? { ...block, id: `flow-${(count += 1)}` } : block;
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(visit);
    if (typeof value === 'string' && value !== '') {
      if (!pending) return value;
      pending = false;
      return anchor({ text: value });
    }
    if (!isBlock(value)) return value;
    if (isHeading(value)) {
      if (unbreakable === 0) {
        pending = true;
        return anchor(value);
      }
      // Kept with what follows it already (keepWithNext); a page break set inside an
      // unbreakable block would make pdfmake drop the block. To a heading before the block, it
      // is the text that follows.
      return visit({ ...value, headlineLevel: undefined });
    }
    if (value.unbreakable === true && Array.isArray(value.stack)) {
      unbreakable += 1;
      const stack = visit(value.stack);
      unbreakable -= 1;
      return { ...value, stack };
    }
    if (Array.isArray(value.stack)) return { ...value, stack: visit(value.stack) };
    if (Array.isArray(value.columns)) return { ...value, columns: visit(value.columns) };
    const table = value.table;
    if (isBlock(table) && Array.isArray(table.body)) {
      const headerRows = typeof table.headerRows === 'number' ? table.headerRows : 0;
      const body: unknown[] = table.body;
      const rows = [...body.slice(0, headerRows), ...(visit(body.slice(headerRows)) as unknown[])];
      return { ...value, table: { ...table, body: rows } };
    }
    if (value.text === undefined || value.text === '' || !pending) return value;
    pending = false;
    return anchor(value);
  };
  return visit(content) as Content[];
}

/**
 * A heading (of any level) that would end its page: no text of its own section follows it
 * there, only further headings or the running footer. It then moves to the next page, where
 * its paragraph or the header and first row of its table start; keeping it with a whole table
 * instead would lose a table taller than a page. Needs `anchorHeadings`.
 */
export function endsPageAlone(node: LaidOutNode, nodes: NodeQueries): boolean {
  if (node.headlineLevel === undefined) return false;
  const page = node.startPosition.pageNumber;
  return !nodes
    .getFollowingNodesOnPage()
    .some(
      (next) =>
        next.headlineLevel === undefined &&
        next.id !== undefined &&
        next.startPosition.pageNumber === page,
    );
}
