/**
 * The task pane: starts the report wizard (wizard.ts) in the user's Office display language
 * once Office is ready. The CRM.* functions are registered by functions.js in this same
 * (shared) runtime.
 */

import { reportLanguageOf } from "../i18n/report.strings";
import { TASKPANE_STRINGS } from "../i18n/taskpane.strings";
import { startWizard } from "./wizard";

/** The element with `id`, which taskpane.html is expected to contain. */
function requireElement(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`taskpane.html has no element #${id}`);
  return element;
}

/** A short line such as "Excel on the web" for the footer. */
export function describeHost(info: {
  host: Office.HostType;
  platform: Office.PlatformType;
}): string {
  const host = info.host === Office.HostType.Excel ? "Excel" : "Office";
  const platforms: Partial<Record<Office.PlatformType, string>> = {
    [Office.PlatformType.OfficeOnline]: "on the web",
    [Office.PlatformType.PC]: "on Windows",
    [Office.PlatformType.Mac]: "on Mac",
  };
  const platform = platforms[info.platform];
  return platform ? `${host} ${platform}` : host;
}

Office.onReady((info) => {
  // Opened outside Excel (e.g. straight in a browser, where host is null): keep the notice.
  if (info.host !== Office.HostType.Excel) return;
  const language = reportLanguageOf(Office.context.displayLanguage);
  const strings = TASKPANE_STRINGS[language];
  document.documentElement.lang = language;
  document.title = strings.appTitle;
  requireElement("app-title").textContent = strings.appTitle;
  requireElement("outside-office").hidden = true;
  const app = requireElement("app");
  app.hidden = false;
  requireElement("host-info").textContent = describeHost(info);
  startWizard(app, { language });
});
