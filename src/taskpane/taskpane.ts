/**
 * The task pane. For now a placeholder for the report wizard (SPEC §4): it confirms that the
 * add-in is running in Excel, where the CRM.* functions are registered by functions.js in this
 * same (shared) runtime, and links to the function reference.
 */

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
  requireElement("outside-office").hidden = true;
  requireElement("app-body").hidden = false;
  requireElement("host-info").textContent = `Running in ${describeHost(info)}.`;
});
