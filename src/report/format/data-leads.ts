import type { DataCategory, DataLead, Report } from '../../model/index.js';
import type { Templates } from './templates.js';

/** A message's lead categories, in category order, once each. */
export function leadCategories(leads: readonly DataLead[]): DataCategory[] {
  return [...new Set(leads.map((lead) => lead.category))];
}

/**
 * One line per lead for a workbook cell: "HR and salary: salaris* in the subject". A redacted
 * report keeps only the kind of data, once.
 */
export function leadLines(text: Templates, leads: readonly DataLead[]): string[] {
  const lines = leads.map((lead) => {
    const category = text.label(`category.${lead.category}`);
    return lead.keyword === null
      ? category
      : `${category}: ${text.label(`leadSource.${lead.source}`, { keyword: lead.keyword })}`;
  });
  return [...new Set(lines)];
}

/** How many messages each keyword of each category found (none are known when redacted). */
export function keywordHits(report: Report): Map<DataCategory, Map<string, number>> {
  const hits = new Map<DataCategory, Map<string, number>>();
  for (const message of report.messages) {
    // A message's leads are unique by category and keyword (withDataLeads).
    for (const lead of message.leads) {
      if (lead.keyword === null) continue;
      const keywords = hits.get(lead.category) ?? new Map<string, number>();
      keywords.set(lead.keyword, (keywords.get(lead.keyword) ?? 0) + 1);
      hits.set(lead.category, keywords);
    }
  }
  return hits;
}
