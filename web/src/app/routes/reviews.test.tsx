import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { HOSPITAL_ID, hospital, page, review } from '../../testing/fixtures';
import { json, mockApi, renderRoutes } from '../../testing/render';
import { createRoutes } from '../router';

describe('reviews on a hospital page', () => {
  it('name the tier and the job category, never a nickname, and list unverified ones apart', async () => {
    mockApi({
      [`GET /api/hospitals/${HOSPITAL_ID}`]: () => json(hospital()),
      [`GET /api/hospitals/${HOSPITAL_ID}/reviews`]: () =>
        json(
          page([
            review(),
            review({
              id: '55555555-5555-4555-8555-555555555555',
              tier: 'unverified',
              author: { jobCategory: null },
              title: '근무지만 적어 둔 회원의 리뷰',
            }),
          ]),
        ),
    });
    renderRoutes(createRoutes(), `/hospitals/${HOSPITAL_ID}`);
    const [verified, unverified] = (await screen.findAllByRole('heading', { level: 3 })).map(
      (h) => h.closest('li') as HTMLElement,
    );
    expect(within(verified as HTMLElement).getByText('인증된 인사이더')).toBeInTheDocument();
    expect(within(verified as HTMLElement).getByText('간호사')).toBeInTheDocument();
    expect(within(verified as HTMLElement).getByText('2026. 1. 2.')).toBeInTheDocument();
    expect(within(unverified as HTMLElement).getByText('소속 미인증')).toBeInTheDocument();
    const apart = screen.getByText(/소속이 인증되지 않은 회원의 리뷰예요/);
    expect(apart.compareDocumentPosition(unverified as HTMLElement) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(apart.compareDocumentPosition(verified as HTMLElement) & Node.DOCUMENT_POSITION_PRECEDING).toBeTruthy();
  });

  it('links the address to a map and folds the departments on a phone', async () => {
    mockApi({
      [`GET /api/hospitals/${HOSPITAL_ID}`]: () => json(hospital({ address: '서울특별시 종로구 대학로 101' })),
      [`GET /api/hospitals/${HOSPITAL_ID}/reviews`]: () => json(page([])),
    });
    renderRoutes(createRoutes(), `/hospitals/${HOSPITAL_ID}`);
    const map = await screen.findByRole('link', { name: '지도에서 보기' });
    expect(map).toHaveAttribute(
      'href',
      `https://map.naver.com/p/search/${encodeURIComponent('서울특별시 종로구 대학로 101')}`,
    );
    // jsdom has no media queries: as on a phone, the list starts folded under its count.
    const summary = screen.getByText('진료과 2개');
    expect(summary.closest('details')).not.toHaveAttribute('open');
    expect(screen.getByText('내과')).not.toBeVisible();
  });
});
