import { describe, expect, it } from 'vitest';
import { textRuns } from '../../src/report/pdf/text-runs.js';

describe('textRuns', () => {
  it('keeps Latin, Greek and Cyrillic text in one Roboto run', () => {
    expect(textRuns('Zażółć gęślą jaźń — Αθήνα, Счёт')).toEqual([
      { text: 'Zażółć gęślą jaźń — Αθήνα, Счёт', font: 'Roboto' },
    ]);
  });

  it('draws Han characters as Japanese when the text has kana', () => {
    expect(textRuns('会議の議事録')).toEqual([{ text: '会議の議事録', font: 'NotoSansJP' }]);
    expect(textRuns('关于合同付款的通知')).toEqual([
      { text: '关于合同付款的通知', font: 'NotoSansSC' },
    ]);
    expect(textRuns('분기 보고서')).toEqual([{ text: '분기 보고서', font: 'NotoSansKR' }]);
  });

  it('switches fonts between scripts, keeping neutral characters in the run before them', () => {
    expect(textRuns('Re: 会議 (10月)')).toEqual([
      { text: 'Re: ', font: 'Roboto' },
      { text: '会議 (10月)', font: 'NotoSansSC' },
    ]);
  });

  it('reverses the word order of a right-to-left passage, numbers included', () => {
    const runs = textRuns('Re: חוזה חדש 2026');
    expect(runs.map((run) => run.text).join('')).toBe('Re: 2026 חדש חוזה');
    expect(runs.filter((run) => run.font === 'NotoSansHebrew').map((run) => run.text)).toEqual([
      'חדש',
      'חוזה',
    ]);
    // A space never joins a right-to-left run, where it would be mirrored to the wrong side.
    expect(runs.every((run) => run.font !== 'NotoSansHebrew' || !run.text.includes(' '))).toBe(
      true,
    );
  });

  it('draws Arabic in the Arabic font', () => {
    const runs = textRuns('عرض الأسعار');
    expect(runs.map((run) => run.text).join('')).toBe('الأسعار عرض');
    expect(runs[0]?.font).toBe('NotoNaskhArabic');
  });

  it('keeps the folders of a path in order, each read in its own direction', () => {
    const path = '\\Inbox\\לקוחות 2026\\חוזים חדשים';
    const drawn = textRuns(path, { path: true })
      .map((run) => run.text)
      .join('');
    expect(drawn).toBe('\\Inbox\\2026 לקוחות\\חדשים חוזים');
    // As running text, the same words would be one right-to-left passage across the folders.
    expect(
      textRuns(path)
        .map((run) => run.text)
        .join(''),
    ).not.toMatch(/^\\Inbox/);
  });
});
