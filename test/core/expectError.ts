import { expect } from "../support/expect";
import { CrmError, type CrmErrorKind } from "../../src/core/errors";

/** Runs `action`, expecting a CrmError of `kind` that names `argument` (and `row`, if given). */
export function expectCrmError(
  action: () => unknown,
  kind: CrmErrorKind,
  argument?: string,
  row?: number
): CrmError {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught, "expected a CrmError to be thrown").toBeInstanceOf(CrmError);
  const error = caught as CrmError;
  expect(error.kind).toBe(kind);
  if (argument !== undefined) {
    expect(error.argument).toBe(argument);
    expect(error.message).toContain(argument);
  }
  if (row !== undefined) {
    expect(error.row).toBe(row);
    expect(error.message).toContain(`row ${row}`);
  }
  return error;
}
