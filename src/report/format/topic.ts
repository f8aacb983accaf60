/** Method and limitation paragraphs open with their topic: "Inputs. The analysis read ...". */
export function splitTopic(paragraph: string): { topic: string | null; body: string } {
  const match = /^([^.]{1,40})\.\s(.*)$/s.exec(paragraph);
  return match === null
    ? { topic: null, body: paragraph }
    : { topic: match[1] ?? null, body: match[2] ?? '' };
}
