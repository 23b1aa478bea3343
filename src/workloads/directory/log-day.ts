// Log items hold one UTC day of entries, one canonical JSON entry per line. Entries are
// kept once and never edited, so two versions of a day differ by the entries added:
// comparing them means counting lines, never parsing or holding the day.

const NEWLINE = 0x0a;

/** The number of entries (non-empty lines) in a log day's content. */
export async function countLogEntries(content: AsyncIterable<Buffer>): Promise<number> {
  let entries = 0;
  let lineOpen = false;
  for await (const chunk of content) {
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      if (end > start || lineOpen) entries += 1;
      lineOpen = false;
      start = end + 1;
    }
    if (start < chunk.length) lineOpen = true;
  }
  return lineOpen ? entries + 1 : entries;
}
