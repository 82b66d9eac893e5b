import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { hospital, page } from '../../testing/fixtures';
import { json, mockApi, renderRoutes } from '../../testing/render';
import { createRoutes } from '../router';

describe('the hospitals list sorted by rating', () => {
  it('says that the order weighs the number of reviews, and shows each count', async () => {
    const calls = mockApi({ 'GET /api/hospitals': () => json(page([hospital()])) });
    renderRoutes(createRoutes(), '/hospitals?sort=rating');
    expect(await screen.findByText(/평점순은 리뷰 수도 함께 봐요/)).toBeInTheDocument();
    expect(screen.getByText('리뷰 2개')).toBeInTheDocument();
    expect(calls.find((c) => c.url.pathname === '/api/hospitals')?.url.searchParams.get('sort')).toBe('rating');
  });

  it('says nothing of it in name order', async () => {
    mockApi({ 'GET /api/hospitals': () => json(page([hospital()])) });
    renderRoutes(createRoutes(), '/hospitals?sort=name');
    await screen.findByText('한빛대학교병원');
    expect(screen.queryByText(/평점순은 리뷰 수도 함께 봐요/)).toBeNull();
  });
});
