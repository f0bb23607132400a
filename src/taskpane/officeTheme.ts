/**
 * Office's theme in the task pane (SPEC §4: the UI follows Office's look). Office gives the
 * colours of its current theme (`Office.context.officeTheme`: Colorful, Dark Gray, Black,
 * White); they become CSS custom properties that taskpane.css uses, and `data-theme` on the
 * root says whether the theme is dark, so the accent and status colours switch to readable
 * ones. Windows' contrast themes are handled by CSS alone (`@media (forced-colors: active)`).
 */

/** The four colours of `Office.OfficeTheme` (hex triplets, "#RRGGBB"), and `isDarkTheme` where given. */
export interface ThemeColors {
  readonly bodyBackgroundColor?: string;
  readonly bodyForegroundColor?: string;
  readonly controlBackgroundColor?: string;
  readonly controlForegroundColor?: string;
  readonly isDarkTheme?: boolean;
}

/** The custom property each theme colour sets. */
const PROPERTIES: Readonly<Record<keyof Omit<ThemeColors, "isDarkTheme">, string>> = {
  bodyBackgroundColor: "--office-body-bg",
  bodyForegroundColor: "--office-body-fg",
  controlBackgroundColor: "--office-control-bg",
  controlForegroundColor: "--office-control-fg",
};

const HEX = /^#?([0-9a-f]{6})$/i;

/** Relative luminance (WCAG 2) of "#RRGGBB", or undefined for anything else. */
export function luminance(color: string): number | undefined {
  const match = HEX.exec(color.trim());
  if (!match) return undefined;
  const channel = (i: number) => {
    const c = parseInt(match[1]!.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}

/**
 * Whether the theme is dark: `isDarkTheme` when Office says, else a body background darker
 * than mid-grey (Office builds without `isDarkTheme` still give the colours).
 */
export function isDark(theme: ThemeColors): boolean {
  if (typeof theme.isDarkTheme === "boolean") return theme.isDarkTheme;
  const background = theme.bodyBackgroundColor ? luminance(theme.bodyBackgroundColor) : undefined;
  return background !== undefined && background < 0.2;
}

/**
 * Sets the theme's colours as custom properties on `root` (normally `<html>`) and
 * `data-theme="dark" | "light"`. Colours that are missing or not "#RRGGBB" are left to the
 * stylesheet's defaults; without a theme (an older host) nothing changes.
 */
export function applyOfficeTheme(root: HTMLElement, theme: ThemeColors | undefined): void {
  if (!theme) return;
  for (const [key, property] of Object.entries(PROPERTIES)) {
    const value = theme[key as keyof typeof PROPERTIES];
    const match = typeof value === "string" ? HEX.exec(value.trim()) : null;
    if (match) root.style.setProperty(property, `#${match[1]!.toLowerCase()}`);
    else root.style.removeProperty(property);
  }
  root.dataset.theme = isDark(theme) ? "dark" : "light";
}
