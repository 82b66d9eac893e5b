import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { commentView, POST_ID, page, postDetail } from '../../testing/fixtures';
import { json, mockApi, renderRoutes, signInAs } from '../../testing/render';
import { createRoutes } from '../router';

const comment = commentView({
  body: '병원 공지 https://hospital.example.kr/notice 참고하세요',
});

describe('what members write, as it is shown', () => {
  it('links addresses, bolds **words**, keeps line breaks, and never reads HTML', async () => {
    signInAs(null);
    mockApi({
      [`GET /api/board/posts/${POST_ID}`]: () =>
        json(postDetail({ body: '첫 줄 **중요** 해요\n둘째 줄: https://example.com/guide에서 확인\n<b>굵게?</b>' })),
      [`GET /api/board/posts/${POST_ID}/comments`]: () => json(page([comment])),
    });
    renderRoutes(createRoutes(), `/board/free/${POST_ID}`);
    const link = await screen.findByRole('link', { name: 'https://example.com/guide' });
    expect(link).toHaveAttribute('href', 'https://example.com/guide');
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer nofollow ugc');
    const body = link.closest('.post-body') as HTMLElement;
    expect(within(body).getByText('중요').tagName).toBe('STRONG');
    expect(body.textContent).toBe('첫 줄 중요 해요\n둘째 줄: https://example.com/guide에서 확인\n<b>굵게?</b>');
    expect(body.querySelector('b')).toBeNull();
    const commentLink = await screen.findByRole('link', { name: 'https://hospital.example.kr/notice' });
    expect(commentLink.closest('.comment-body')).not.toBeNull();
  });
});
