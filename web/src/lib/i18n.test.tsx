import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createRoutes } from '../app/router';
import { page } from '../testing/fixtures';
import { json, mockApi, renderRoutes } from '../testing/render';
import { format } from './i18n';

describe('languages', () => {
  it('fills parameters', () => {
    expect(format('좋아요 {count}', { count: 3 })).toBe('좋아요 3');
  });

  it('Korean by default; English on request, remembered', async () => {
    mockApi({ 'GET /api/board/posts': () => json(page([])), 'GET /api/hospitals': () => json(page([])) });
    renderRoutes(createRoutes(), '/');
    expect(await screen.findByRole('heading', { level: 2, name: '인사이더란?' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '병원 찾기' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('ko');
    await userEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(await screen.findByRole('link', { name: 'Hospitals' })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 2, name: 'What is an insider?' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('cb_locale')).toBe('en');
    await userEvent.click(screen.getByRole('button', { name: '한국어' }));
    expect(await screen.findByRole('link', { name: '병원 찾기' })).toBeInTheDocument();
  });
});
