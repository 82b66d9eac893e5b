import { describe, expect, it } from 'vitest';
import { richInline } from './rich-text';

describe('richInline', () => {
  it('leaves plain text, line breaks and spaces as they are', () => {
    expect(richInline('야간 근무 후기\n\n  둘째 줄')).toEqual([{ text: '야간 근무 후기\n\n  둘째 줄' }]);
  });

  it('makes web addresses links, ending them where the sentence or the Hangul begins', () => {
    expect(richInline('공지는 https://example.kr/notice?id=3에서 보세요.')).toEqual([
      { text: '공지는 ' },
      { link: 'https://example.kr/notice?id=3' },
      { text: '에서 보세요.' },
    ]);
    expect(richInline('(자세히: http://a.example.com/x_(y).) 끝')).toEqual([
      { text: '(자세히: ' },
      { link: 'http://a.example.com/x_(y)' },
      { text: '.) 끝' },
    ]);
    expect(richInline('see https://example.com, then')).toEqual([
      { text: 'see ' },
      { link: 'https://example.com' },
      { text: ', then' },
    ]);
  });

  it('links only http and https addresses with a real host name', () => {
    for (const text of ['javascript:alert(1)', 'http://localhost/x', 'ftp://files.example.com', 'data:text/html,x']) {
      expect(richInline(text)).toEqual([{ text }]);
    }
  });

  it('makes **words** bold, on one line only, and keeps everything else as text', () => {
    expect(richInline('정말 **중요한** 이야기')).toEqual([{ text: '정말 ' }, { bold: '중요한' }, { text: ' 이야기' }]);
    expect(richInline('**두 줄\n걸친** 건 아니에요')).toEqual([{ text: '**두 줄\n걸친** 건 아니에요' }]);
    expect(richInline('**https://example.com**')).toEqual([
      { text: '**' },
      { link: 'https://example.com' },
      { text: '**' },
    ]);
  });

  it('never reads HTML: tags stay text', () => {
    expect(richInline('<script>alert(1)</script> <b>굵게</b>')).toEqual([
      { text: '<script>alert(1)</script> <b>굵게</b>' },
    ]);
  });
});
