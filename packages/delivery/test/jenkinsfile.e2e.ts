import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT, requireTools, run } from './tools.js';

/**
 * The Jenkinsfile without a Jenkins: JenkinsPipelineUnit runs it with mocked steps
 * (jenkins/pipeline-test, a Maven project; its dependencies come from Maven Central and are cached
 * in ~/.m2), and npm-groovy-lint (CodeNarc) lints it and the seed job.
 */
const PIPELINE_TEST = join(ROOT, 'jenkins/pipeline-test');
const GROOVY = ['Jenkinsfile', 'jenkins/casc/seed.groovy'];

describe('the Jenkinsfile under JenkinsPipelineUnit (mocked steps, no Jenkins)', { timeout: 600_000 }, () => {
  let skip: string | undefined;
  let report = '';
  before(() => {
    skip = requireTools('JenkinsPipelineUnit', ['java', 'mvn']);
    if (skip) return;
    const cached = existsSync(join(homedir(), '.m2/repository/com/lesfurets/jenkins-pipeline-unit/1.1'));
    const mvn = run(
      'mvn',
      [...(cached ? ['-o'] : []), '-q', '-B', 'test', `-Djenkinsfile=${join(ROOT, 'Jenkinsfile')}`],
      {
        cwd: PIPELINE_TEST,
      },
    );
    const file = join(PIPELINE_TEST, 'target/surefire-reports/TEST-carebridge.JenkinsfileTest.xml');
    report = existsSync(file) ? readFileSync(file, 'utf8') : '';
    assert.ok(report, `no surefire report (mvn exited ${mvn.status}):\n${mvn.stdout}\n${mvn.stderr}`);
  });

  const testcase = (name: string) => {
    const match = new RegExp(`<testcase name="${name}"[^>]*?(/>|>([\\s\\S]*?)</testcase>)`).exec(report);
    assert.ok(match, `JenkinsfileTest.${name} ran`);
    assert.doesNotMatch(match[2] ?? '', /<(failure|error)/, `JenkinsfileTest.${name} passed:\n${match[2]}`);
  };

  for (const [rule, name] of [
    ['main runs Test, Images (built and pushed, all five), then Deploy', 'mainRunsTestThenImagesThenDeploy'],
    [
      'pull requests test and build images but never push or deploy',
      'pullRequestsTestAndBuildImagesButNeverPushOrDeploy',
    ],
    ['other branches behave like pull requests', 'otherBranchesBehaveLikePullRequests'],
    ['a tag promotes its commit without rebuilding', 'aTagPromotesItsCommitWithoutRebuilding'],
    ['a failed rollout is rolled back and fails the build', 'aFailedRolloutIsRolledBackAndFailsTheBuild'],
    ['a rollout aborted at the stage timeout is rolled back', 'aRolloutAbortedAtTheStageTimeoutIsRolledBack'],
    [
      'failing tests stop the pipeline and still publish JUnit',
      'failingTestsStopThePipelineButStillPublishTheirReport',
    ],
    [
      'a failed image build stops the deploy, not the other images',
      'aFailedImageBuildStopsTheDeployButNotTheOtherImages',
    ],
    [
      'the test stage runs the README command with CI=true and JUnit',
      'theTestStageRunsTheReadmeCommandWithCiAndPublishesJUnit',
    ],
    [
      'credentials are bound only around the push and never echoed',
      'credentialsAreBoundOnlyAroundThePushAndNeverEchoed',
    ],
    ['concurrency, timeouts and the agent pod files are declared', 'concurrencyTimeoutsAndAgentPodsAreDeclared'],
    ['branch patterns match as Jenkins matches them', 'branchPatternsMatchAsJenkinsMatchesThem'],
  ]) {
    it(rule ?? '', (t) => {
      if (skip) return t.skip(skip);
      testcase(name ?? '');
    });
  }

  it('runs every test of the Maven project, none failed', (t) => {
    if (skip) return t.skip(skip);
    const suite = /<testsuite [^>]*>/.exec(report)?.[0] ?? '';
    const attr = (a: string) => Number(new RegExp(`${a}="(\\d+)"`).exec(suite)?.[1]);
    assert.equal(attr('tests'), 12);
    assert.equal(attr('failures') + attr('errors') + attr('skipped'), 0);
  });
});

describe('npm-groovy-lint (CodeNarc) on the Jenkinsfile and the seed job', { timeout: 300_000 }, () => {
  const lint = (files: string[]) =>
    run(
      join(ROOT, 'packages/delivery/node_modules/.bin/npm-groovy-lint'),
      ['--failon', 'error', '--noserver', '--output', 'json', ...files],
      { cwd: ROOT },
    );
  let skip: string | undefined;
  let broken: string;
  before(() => {
    skip = requireTools('npm-groovy-lint', ['java']);
    broken = mkdtempSync(join(tmpdir(), 'carebridge-groovy-lint-'));
  });
  after(() => rmSync(broken, { recursive: true, force: true }));

  it('finds no error', (t) => {
    if (skip) return t.skip(skip);
    const result = lint(GROOVY);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    const summary = (
      JSON.parse(result.stdout) as { summary: { totalFilesLinted: number; totalFoundErrorNumber: number } }
    ).summary;
    assert.equal(summary.totalFilesLinted, GROOVY.length);
    assert.equal(summary.totalFoundErrorNumber, 0);
  });

  it('fails on a Jenkinsfile that does not parse', (t) => {
    if (skip) return t.skip(skip);
    const text = readFileSync(join(ROOT, 'Jenkinsfile'), 'utf8').replace("stage('Deploy') {", "stage('Deploy') {{");
    const file = join(broken, 'Jenkinsfile');
    writeFileSync(file, text);
    const result = lint([file]);
    assert.notEqual(result.status, 0, 'a parse error fails the lint');
  });
});
