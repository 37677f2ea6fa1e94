/**
 * Vietnamese text without its marks, lower case, spaces collapsed: what a search compares, so
 * "ho tich", "Hộ tịch" and "HỘ TỊCH" all find "Hộ tịch" (a citizen may not finish every tone).
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether `name` matches what was typed: every typed word starts a word of the name, marks ignored. */
export function matchesSearch(name: string, typed: string): boolean {
  const words = foldVietnamese(typed).split(' ').filter((w) => w !== '');
  const nameWords = foldVietnamese(name).split(' ');
  return words.every((w) => nameWords.some((n) => n.startsWith(w)));
}
