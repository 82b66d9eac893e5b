import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { ALL_PARTS, I18nProvider, loadParts } from '../../lib/i18n';
import { HOSPITAL_ID, hospital, page, review } from '../../testing/fixtures';
import { json, mockApi, renderRoutes } from '../../testing/render';
import { createRoutes } from '../router';

const REVIEWS = `/api/hospitals/${HOSPITAL_ID}/reviews`;
const OTHER_ID = '66666666-6666-4666-8666-666666666666';

/** The hospital and its reviews; a request with `overall=1` finds none, one with a cursor the next page. */
function hospitalApi() {
  return mockApi({
    [`GET /api/hospitals/${HOSPITAL_ID}`]: () => json(hospital()),
    [`GET ${REVIEWS}`]: (url) => {
      if (url.searchParams.get('overall') === '1') return json(page([]));
      if (url.searchParams.get('cursor')) return json(page([review({ id: OTHER_ID, title: '다음 쪽의 리뷰' })]));
      return json(page([review()], 'next-page'));
    },
  });
}

const reviewCalls = (calls: ReturnType<typeof hospitalApi>) =>
  calls.filter((c) => c.url.pathname === REVIEWS).map((c) => Object.fromEntries(c.url.searchParams));

describe('the review filter bar on a hospital page', () => {
  it('reads its filters from the URL, shows them and asks the API for them', async () => {
    const calls = hospitalApi();
    renderRoutes(createRoutes(), `/hospitals/${HOSPITAL_ID}?sort=lowest&tier=verified&jobCategory=doctor&overall=2`);
    const bar = await screen.findByRole('group', { name: '리뷰 필터' });
    expect(within(bar).getByLabelText('직군')).toHaveValue('doctor');
    expect(within(bar).getByLabelText('평점')).toHaveValue('2');
    expect(within(bar).getByLabelText('리뷰 정렬')).toHaveValue('lowest');
    expect(within(bar).getByLabelText('인증된 리뷰만')).toBeChecked();
    expect(reviewCalls(calls).at(-1)).toEqual({
      sort: 'lowest',
      tier: 'verified',
      jobCategory: 'doctor',
      overall: '2',
    });
  });

  it('puts each change in the URL, loads the list for it, and Back returns to the one before', async () => {
    const calls = hospitalApi();
    const { router } = renderRoutes(createRoutes(), `/hospitals/${HOSPITAL_ID}`);
    const bar = await screen.findByRole('group', { name: '리뷰 필터' });
    expect(within(bar).getByLabelText('리뷰 정렬')).toHaveValue('latest');
    expect(
      within(within(bar).getByLabelText('리뷰 정렬'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['최신순', '도움순', '높은 평점순', '낮은 평점순']);

    await userEvent.selectOptions(within(bar).getByLabelText('직군'), 'nurse');
    await waitFor(() => expect(router.state.location.search).toBe('?jobCategory=nurse'));
    await userEvent.click(within(bar).getByLabelText('인증된 리뷰만'));
    await waitFor(() => expect(router.state.location.search).toBe('?tier=verified&jobCategory=nurse'));
    await userEvent.selectOptions(within(bar).getByLabelText('평점'), '5');
    await userEvent.selectOptions(within(bar).getByLabelText('리뷰 정렬'), 'highest');
    await waitFor(() =>
      expect(router.state.location.search).toBe('?sort=highest&tier=verified&jobCategory=nurse&overall=5'),
    );
    await waitFor(() =>
      expect(reviewCalls(calls).at(-1)).toEqual({
        sort: 'highest',
        tier: 'verified',
        jobCategory: 'nurse',
        overall: '5',
      }),
    );

    // The next page keeps the filters beside the cursor.
    await userEvent.click(screen.getByRole('button', { name: '더 보기' }));
    expect(await screen.findByText('다음 쪽의 리뷰')).toBeInTheDocument();
    expect(reviewCalls(calls).at(-1)).toEqual({
      sort: 'highest',
      tier: 'verified',
      jobCategory: 'nurse',
      overall: '5',
      cursor: 'next-page',
    });

    await router.navigate(-1);
    await waitFor(() => expect(within(bar).getByLabelText('리뷰 정렬')).toHaveValue('latest'));
    expect(within(bar).getByLabelText('평점')).toHaveValue('5');
    await userEvent.click(within(bar).getByLabelText('인증된 리뷰만'));
    await waitFor(() => expect(router.state.location.search).toBe('?jobCategory=nurse&overall=5'));
    await userEvent.selectOptions(within(bar).getByLabelText('직군'), '');
    await waitFor(() => expect(router.state.location.search).toBe('?overall=5'));
  });

  it('keeps a change made after a list loaded and before it was shown', async () => {
    const calls = hospitalApi();
    const { router } = renderRoutes(createRoutes(), `/hospitals/${HOSPITAL_ID}`);
    const bar = await screen.findByRole('group', { name: '리뷰 필터' });
    // The router has the list for ?jobCategory=nurse when this resolves; React shows it later.
    const loaded = new Promise<void>((resolve) => {
      const stop = router.subscribe((state) => {
        if (state.navigation.state === 'idle' && state.location.search === '?jobCategory=nurse') {
          stop();
          resolve();
        }
      });
    });
    fireEvent.change(within(bar).getByLabelText('직군'), { target: { value: 'nurse' } });
    await loaded;
    fireEvent.change(within(bar).getByLabelText('평점'), { target: { value: '5' } });
    fireEvent.change(within(bar).getByLabelText('리뷰 정렬'), { target: { value: 'highest' } });
    await waitFor(() => expect(router.state.location.search).toBe('?sort=highest&jobCategory=nurse&overall=5'));
    expect(within(bar).getByLabelText('평점')).toHaveValue('5');
    expect(reviewCalls(calls).at(-1)).toEqual({ sort: 'highest', jobCategory: 'nurse', overall: '5' });
  });

  it('says when nothing matches and clears the filters, keeping the sort', async () => {
    const calls = hospitalApi();
    const { router } = renderRoutes(createRoutes(), `/hospitals/${HOSPITAL_ID}?sort=helpful&overall=1&tier=verified`);
    expect(await screen.findByText('조건에 맞는 리뷰가 없어요.', { exact: false })).toHaveAttribute('role', 'status');
    await userEvent.click(screen.getByRole('link', { name: '필터 지우기' }));
    await waitFor(() => expect(router.state.location.search).toBe('?sort=helpful'));
    expect(await screen.findByRole('heading', { level: 3 })).toBeInTheDocument();
    expect(reviewCalls(calls).at(-1)).toEqual({ sort: 'helpful' });
  });

  it('leaves out values the API would refuse, as an edited link may carry', async () => {
    const calls = hospitalApi();
    renderRoutes(createRoutes(), `/hospitals/${HOSPITAL_ID}?sort=best&tier=gold&jobCategory=chef&overall=9`);
    const bar = await screen.findByRole('group', { name: '리뷰 필터' });
    expect(within(bar).getByLabelText('평점')).toHaveValue('');
    expect(reviewCalls(calls).at(-1)).toEqual({ sort: 'latest' });
  });

  it('is labelled in English too', async () => {
    await loadParts(ALL_PARTS, 'en');
    hospitalApi();
    const router = createMemoryRouter(createRoutes(), { initialEntries: [`/hospitals/${HOSPITAL_ID}`] });
    render(
      <I18nProvider initial="en">
        <RouterProvider router={router} />
      </I18nProvider>,
    );
    const bar = await screen.findByRole('group', { name: 'Review filters' });
    const options = (label: string) =>
      within(within(bar).getByLabelText(label))
        .getAllByRole('option')
        .map((o) => o.textContent);
    expect(options('Sort reviews')).toEqual(['Newest', 'Most helpful', 'Highest rated', 'Lowest rated']);
    expect(options('Score')).toEqual(['All', '5 stars', '4 stars', '3 stars', '2 stars', '1 star']);
    expect(options('Job')).toContain('Nurse');
    expect(within(bar).getByLabelText('Verified only')).not.toBeChecked();
  });
});
