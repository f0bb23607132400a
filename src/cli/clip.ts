/**
 * Keeping the command line's one-line messages short (QA: a 5,000,000-digit amount came back
 * whole in the error, and a 20,000-column file listed every column name): cell text, values
 * and names are shown up to {@link MAX_SHOWN_CHARS} characters and then "…", lists up to
 * {@link MAX_SHOWN_ITEMS} items and then "and N more" in the user's language.
 */

/** Characters of a cell, value or name shown in a message before "…". */
export const MAX_SHOWN_CHARS = 40;

/** Items of a list (column names, sheets) shown in a message before "and N more". */
export const MAX_SHOWN_ITEMS = 10;

/**
 * `text` cut to `max` characters (code points, so a Chinese or emoji character is never
 * split) followed by "…" when it was longer; else `text` as it is.
 *
 * @example clipText("x".repeat(50)) //=> "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…"
 */
export function clipText(text: string, max: number = MAX_SHOWN_CHARS): string {
  if (text.length <= max) return text;
  const points = Array.from(text.length > 4 * max ? text.slice(0, 4 * max) : text);
  return points.length <= max ? text : `${points.slice(0, max).join("")}…`;
}

/**
 * A list for a message: its first `max` items (each clipped by {@link clipText}) joined by
 * ", ", and `andMore(shown, rest)` when there are more.
 *
 * @example clipList(["a", "b", "c"], (s, n) => `${s} and ${n} more`, 2) //=> "a, b and 1 more"
 */
export function clipList(
  items: readonly string[],
  andMore: (shown: string, more: number) => string,
  max: number = MAX_SHOWN_ITEMS
): string {
  const shown = items
    .slice(0, max)
    .map((item) => clipText(item))
    .join(", ");
  return items.length > max ? andMore(shown, items.length - max) : shown;
}

/**
 * A message (such as the core's English text) with every run of more than `max` characters
 * without a space clipped by {@link clipText}: a huge value inside it is shown cut.
 */
export function clipWords(message: string, max: number = MAX_SHOWN_CHARS): string {
  return message.replace(new RegExp(`\\S{${max + 1},}`, "gu"), (word) => clipText(word, max));
}
