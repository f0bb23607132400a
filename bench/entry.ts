/** Entry bundled by scripts/bench.mjs: a stand-in CustomFunctions global and the bench cases. */
class StandInError {
  constructor(
    readonly code: string,
    readonly message?: string
  ) {}
}
(globalThis as Record<string, unknown>).CustomFunctions = {
  Error: StandInError,
  ErrorCode: {
    invalidValue: "#VALUE!",
    notAvailable: "#N/A",
    divisionByZero: "#DIV/0!",
    invalidNumber: "#NUM!",
    nullReference: "#NULL!",
  },
};

export { generateTransactions } from "./generate";
export { transactionCases } from "./cases";
export { clvCases, fitBgnbd, fitGammaGamma } from "./clvCases";
export { reportSetup, reportRun } from "./reportCases";
export { main as cliMain } from "../src/cli/main";

import { holdoutCases } from "./holdoutCases";
import { modelCases } from "./modelCases";
import { paretoCases } from "./paretoCases";
import { retentionCases } from "./retentionCases";
/** The models' case modules (issue 13), each `(dataDir) => [{ name, run }]`. */
export const modelCaseFactories = [modelCases, paretoCases, holdoutCases, retentionCases];

/** Issue 14's coercion and input-cache cases, issue 13's fit-speed cases (`--cases-child`). */
export { coercionCases } from "./coercionCases";
export { fitSpeedCases } from "./fitSpeedCases";
