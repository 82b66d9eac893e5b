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
});
