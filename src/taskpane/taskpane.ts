/**
 * The task pane: starts the report wizard (wizard.ts) in the user's Office display language
 * once Office is ready. The CRM.* functions are registered by functions.js in this same
 * (shared) runtime.
 */

import { reportLanguageOf } from "../i18n/report.strings";
import { TASKPANE_STRINGS, type TaskpaneStrings } from "../i18n/taskpane.strings";
import { applyOfficeTheme } from "./officeTheme";
import { startWizard } from "./wizard";

/** The element with `id`, which taskpane.html is expected to contain. */
function requireElement(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`taskpane.html has no element #${id}`);
  return element;
}

/** A short line such as "Excel on the web" for the footer, in the pane's language. */
export function describeHost(
  info: { platform: Office.PlatformType },
  hosts: TaskpaneStrings["hosts"] = TASKPANE_STRINGS.en.hosts
): string {
  const platforms: Partial<Record<Office.PlatformType, string>> = {
    [Office.PlatformType.OfficeOnline]: hosts.web,
    [Office.PlatformType.PC]: hosts.windows,
    [Office.PlatformType.Mac]: hosts.mac,
  };
  return platforms[info.platform] ?? hosts.other;
}

/**
 * Opened outside Excel: straight in a browser (Office.js then resolves onReady with host and
 * platform null and logs "Office.js is loaded outside of Office client"), in another Office
 * application, or with Office.js not loaded at all. The page's notice stays, in the browser's
 * language since there is no Office display language to go by.
 */
function showOutsideOffice(): void {
  const language = reportLanguageOf(navigator.language);
  const strings = TASKPANE_STRINGS[language];
  document.documentElement.lang = language;
  document.title = strings.appTitle;
  requireElement("app-title").textContent = strings.appTitle;
  const notice = requireElement("outside-office");
  notice.textContent = strings.outsideOffice;
  notice.hidden = false;
  requireElement("app").hidden = true;
  const reference = requireElement("reference-link") as HTMLAnchorElement;
  reference.textContent = strings.functionReference;
  reference.href = strings.referencePage;
}

function startInExcel(info: { platform: Office.PlatformType }): void {
  // Office's theme colours (absent in some hosts and older builds: the stylesheet's light
  // defaults stay)
  applyOfficeTheme(document.documentElement, Office.context.officeTheme);
  const language = reportLanguageOf(Office.context.displayLanguage);
  const strings = TASKPANE_STRINGS[language];
  document.documentElement.lang = language;
  document.title = strings.appTitle;
  requireElement("app-title").textContent = strings.appTitle;
  requireElement("outside-office").hidden = true;
  const app = requireElement("app");
  app.hidden = false;
  requireElement("host-info").textContent = describeHost(info, strings.hosts);
  const reference = requireElement("reference-link") as HTMLAnchorElement;
  reference.textContent = strings.functionReference;
  reference.href = strings.referencePage;
  startWizard(app, { language });
}

if (typeof Office === "undefined") {
  // office.js did not load (offline, or blocked): say where the pane works instead of failing.
  showOutsideOffice();
} else {
  Office.onReady((info) => {
    if (info.host !== Office.HostType.Excel) showOutsideOffice();
    else startInExcel(info);
  });
}
