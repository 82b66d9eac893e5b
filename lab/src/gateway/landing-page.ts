/** The page at `/` until the web app is served there: what runs, and where its API docs are. */
export function landingPage(prefixes: string[]): string {
  const items = prefixes.map((p) => `<li><code>${p}</code> — <a href="${p}/docs">API documentation</a></li>`).join('');
  return `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Carebridge</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1d2733}code{background:#eef2f6;padding:.1rem .3rem;border-radius:4px}</style>
</head>
<body>
<main>
<h1>Carebridge</h1>
<p>병원 안에서 일하는 사람들이 병원의 진짜 모습을 이야기하는 커뮤니티입니다.<br>
A community where hospital insiders tell the public what really happens inside.</p>
<p>The web app is not built yet. These services are running:</p>
<ul>${items}</ul>
</main>
</body>
</html>`;
}
