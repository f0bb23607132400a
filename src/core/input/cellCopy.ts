/**
 * A copy of a column's cells, for comparing a later call's cells with them (the input cache,
 * src/functions/inputCache.ts): numbers unboxed into a typed array, the other cells kept by
 * reference. Made cell by cell, so that a reader that visits every cell anyway (the fast id
 * reader in input.ts) copies them on the way instead of in a second pass.
 */

const { is } = Object;

/** A column's cells: numbers unboxed, the other cells by reference. */
export interface CellCopy {
  /** 32-bit integers while every number is one and none is −0, else 64-bit floats */
  readonly numbers: Int32Array | Float64Array;
  /** undefined when every cell is a number; else 1 in the rows of a non-number cell, 0 elsewhere */
  readonly kinds: Uint8Array | undefined;
  /** the non-number cells, in row order (empty when {@link kinds} is undefined) */
  readonly others: readonly unknown[];
}

/** Builds a {@link CellCopy} of `rows` cells, given in any order, each once. */
export class CellCopier {
  private readonly integers: Int32Array;
  private numbers: Int32Array | Float64Array;
  private kinds: Uint8Array | undefined;
  private readonly others: unknown[] = [];

  constructor(private readonly rows: number) {
    this.integers = new Int32Array(rows);
    this.numbers = this.integers;
  }

  /** Row i's cell. Other cells must be added in row order. */
  add(i: number, cell: unknown): void {
    if (typeof cell === "number") {
      // −0 is no 32-bit integer: it would be kept as 0
      if (this.numbers === this.integers && (cell !== (cell | 0) || is(cell, -0))) {
        this.numbers = Float64Array.from(this.integers);
      }
      this.numbers[i] = cell;
      return;
    }
    this.kinds ??= new Uint8Array(this.rows);
    this.kinds[i] = 1;
    this.others.push(cell);
  }

  copy(): CellCopy {
    return { numbers: this.numbers, kinds: this.kinds, others: this.others };
  }
}
