// @vitest-environment-options { "url": "https://carebridge.example/verify-email" }
// 9. Served from a real domain, the verify page says nothing about npm start or terminals.
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { member, mockApi, renderRoutes, signInAs } from '../../testing/render';
import { createRoutes } from '../router';

describe('9. the verify page speaks to users', () => {
  it('away from localhost: a hint for users, no developer text', async () => {
    expect(window.location.hostname).toBe('carebridge.example');
    signInAs(member({ emailVerified: false }));
    mockApi({});
    renderRoutes(createRoutes(), '/verify-email');
    expect(await screen.findByText(/스팸함을 확인하거나/)).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/npm|터미널/);
  });
});
