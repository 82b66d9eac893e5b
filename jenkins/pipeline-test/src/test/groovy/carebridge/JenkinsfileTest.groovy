package carebridge

import com.lesfurets.jenkins.unit.BasePipelineTest
import org.junit.Before
import org.junit.Test

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths

/**
 * The repository's Jenkinsfile, run without a Jenkins: every step is a mock that records what the
 * pipeline asked for. Asserts the stage order and the branch rules (pull request, main, tag), that
 * a failed or aborted rollout is rolled back and fails the build, and that credentials never reach
 * a command line or the log.
 */
class JenkinsfileTest extends BasePipelineTest {
    static final Path JENKINSFILE = Paths.get(System.getProperty('jenkinsfile', '../../Jenkinsfile')).toAbsolutePath().normalize()
    static final Path REPO = JENKINSFILE.parent
    static final String COMMIT = '3f2c9d1e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e'
    static final String REGISTRY_USER = 'ci-pusher'
    static final String REGISTRY_PASSWORD = 's3cr3t-registry-password'
    static final List<String> IMAGES = ['auth', 'board', 'hospital', 'web', 'lab']

    Map<String, Object> env
    Declarative pipeline
    /** Every sh step: the stage it ran in, its script, and the environment it saw. */
    List<Map> shell = []
    List<Map> junitReports = []
    List<Map> credentialUses = []
    /** sh scripts that fail (exit non-zero) or are interrupted (the stage's timeout). */
    Set<String> failing = []
    Set<String> interrupted = []

    @Before
    void setUp() {
        baseScriptRoot = REPO.toString()
        scriptRoots = [REPO.toString()] as String[]
        super.setUp()
        env = [:]
        binding.setVariable('env', env)
        helper.registerAllowedMethod('sh', [String]) { String script ->
            shell << [stage: pipeline.current?.path, script: script, env: new LinkedHashMap(env)]
            if (script in interrupted) throw new Declarative.Interrupted("Timeout has been exceeded: $script")
            if (script in failing) throw new Exception("script returned exit code 1: $script")
        }
        helper.registerAllowedMethod('junit', [Map]) { Map args -> junitReports << args + [stage: pipeline.current?.path] }
        helper.registerAllowedMethod('usernamePassword', [Map]) { Map args -> args + [type: 'usernamePassword'] }
        helper.registerAllowedMethod('withCredentials', [List, Closure]) { List bindings, Closure body ->
            Map saved = new LinkedHashMap(env)
            bindings.each { Map b ->
                credentialUses << [stage: pipeline.current?.path, id: b.credentialsId]
                env[b.usernameVariable] = REGISTRY_USER
                env[b.passwordVariable] = REGISTRY_PASSWORD
            }
            try {
                body()
            } finally {
                env.clear()
                env.putAll(saved)
            }
        }
        helper.registerAllowedMethod('pipeline', [Closure]) { Closure body -> pipeline.run(body) }
    }

    private Declarative build(Map<String, String> scm) {
        env.putAll([GIT_COMMIT: COMMIT] + scm)
        Script script = loadScript('Jenkinsfile')
        pipeline = new Declarative(script, env)
        script.run()
        return pipeline
    }

    private Declarative buildMain() { build(BRANCH_NAME: 'main') }

    private Declarative buildPullRequest() { build(BRANCH_NAME: 'PR-42', CHANGE_ID: '42', CHANGE_TARGET: 'main') }

    private Declarative buildTag() { build(BRANCH_NAME: 'v1.4.0', TAG_NAME: 'v1.4.0') }

    private List<String> scripts(String stagePrefix = '') {
        shell.findAll { it.stage?.startsWith(stagePrefix) }*.script
    }

    private List<String> topLevel(Declarative p) { p.ran().findAll { !it.contains('/') } }

    @Test
    void mainRunsTestThenImagesThenDeploy() {
        Declarative p = buildMain()
        assert p.result == 'SUCCESS'
        assert topLevel(p) == ['Test', 'Images', 'Deploy']
        assert scripts() == ['scripts/ci/test.sh'] +
                IMAGES.collectMany { ['npm ci && npm run images -- --only "$IMAGE"', 'scripts/deploy/push-images.sh "$IMAGE"'] } +
                ['scripts/deploy/deploy.sh']
        // All five images, each built and pushed in its own matrix cell, tagged with the commit.
        assert p.ran().findAll { it.endsWith('/Push') } == IMAGES.collect { "Images/IMAGE=$it/Push" }
        shell.findAll { it.stage?.startsWith('Images/') }.each {
            assert it.stage.startsWith("Images/IMAGE=${it.env.IMAGE}/")
            assert it.env.IMAGE_TAG == COMMIT
        }
        Map deploy = shell.find { it.script == 'scripts/deploy/deploy.sh' }
        assert deploy.env.IMAGE_TAG == COMMIT
        assert deploy.env.ROLLOUT_TIMEOUT == '300s'
        assert deploy.env.SMOKE_URL.startsWith('https://istio-ingressgateway.istio-system')
        assert !scripts().contains('scripts/deploy/rollback.sh'), 'nothing to roll back after a good release'
    }

    @Test
    void pullRequestsTestAndBuildImagesButNeverPushOrDeploy() {
        Declarative p = buildPullRequest()
        assert p.result == 'SUCCESS'
        assert topLevel(p) == ['Test', 'Images']
        assert p.ran().findAll { it.endsWith('/Build') }.size() == 5
        assert p.stages.findAll { it.path.endsWith('/Push') }*.status.unique() == ['SKIPPED']
        assert p.stage('Deploy').status == 'SKIPPED'
        assert credentialUses.isEmpty(), 'pull-request code never sees the registry credential'
        assert !scripts().any { it.contains('deploy') }
    }

    @Test
    void otherBranchesBehaveLikePullRequests() {
        Declarative p = build(BRANCH_NAME: 'feature/search')
        assert topLevel(p) == ['Test', 'Images']
        assert p.stage('Deploy').status == 'SKIPPED'
        assert credentialUses.isEmpty()
    }

    @Test
    void aTagPromotesItsCommitWithoutRebuilding() {
        Declarative p = buildTag()
        assert p.result == 'SUCCESS'
        assert topLevel(p) == ['Deploy']
        assert p.stage('Test').status == 'SKIPPED'
        assert p.stage('Images').status == 'SKIPPED'
        assert scripts() == ['scripts/deploy/deploy.sh']
        assert shell[0].env.IMAGE_TAG == COMMIT, 'the tagged commit, whose images main already pushed'
    }

    @Test
    void aFailedRolloutIsRolledBackAndFailsTheBuild() {
        failing << 'scripts/deploy/deploy.sh'
        Declarative p = buildMain()
        assert p.result == 'FAILURE'
        assert p.stage('Deploy').status == 'FAILURE'
        assert scripts('Deploy') == ['scripts/deploy/deploy.sh', 'scripts/deploy/rollback.sh']
        assert shell.find { it.script == 'scripts/deploy/rollback.sh' }.env.IMAGE_TAG == COMMIT
    }

    @Test
    void aRolloutAbortedAtTheStageTimeoutIsRolledBack() {
        interrupted << 'scripts/deploy/deploy.sh'
        Declarative p = buildMain()
        assert p.result == 'ABORTED'
        assert scripts('Deploy') == ['scripts/deploy/deploy.sh', 'scripts/deploy/rollback.sh']
    }

    @Test
    void failingTestsStopThePipelineButStillPublishTheirReport() {
        failing << 'scripts/ci/test.sh'
        Declarative p = buildMain()
        assert p.result == 'FAILURE'
        assert topLevel(p) == ['Test']
        assert p.stage('Images').status == 'SKIPPED'
        assert p.stage('Deploy').status == 'SKIPPED'
        assert junitReports*.testResults == ['test-results/*.xml']
    }

    @Test
    void aFailedImageBuildStopsTheDeployButNotTheOtherImages() {
        failing << 'npm ci && npm run images -- --only "$IMAGE"'
        Declarative p = buildMain()
        assert p.result == 'FAILURE'
        assert p.ran().findAll { it.endsWith('/Build') }.size() == 5
        assert p.stage('Deploy').status == 'SKIPPED'
        assert credentialUses.isEmpty()
    }

    @Test
    void theTestStageRunsTheReadmeCommandWithCiAndPublishesJUnit() {
        buildMain()
        Map test = shell.find { it.stage == 'Test' }
        assert test.env.CI == 'true'
        assert test.env.TEST_JUNIT_FILE == 'test-results/junit.xml'
        assert junitReports.size() == 1 && junitReports[0].stage == 'Test'
        assert junitReports[0].allowEmptyResults == false
        String script = new String(Files.readAllBytes(REPO.resolve('scripts/ci/test.sh')), 'UTF-8')
        assert script.contains('npm ci') && script.contains('npm test')
    }

    @Test
    void credentialsAreBoundOnlyAroundThePushAndNeverEchoed() {
        buildMain()
        assert credentialUses*.id.unique() == ['registry-push']
        assert credentialUses*.stage.every { it.endsWith('/Push') }
        shell.each {
            assert !it.script.contains(REGISTRY_PASSWORD) && !it.script.contains(REGISTRY_USER),
                    "a secret was interpolated into: ${it.script}"
            assert !it.script.contains('REGISTRY_PASSWORD'), 'the password reaches the script only through its environment'
            assert !(it.script =~ /\bset -x\b|\becho\b/)
        }
        Map push = shell.find { it.script.startsWith('scripts/deploy/push-images.sh') }
        assert push.env.REGISTRY_PASSWORD == REGISTRY_PASSWORD, 'bound while the push runs'
        assert !shell.findAll { !it.script.startsWith('scripts/deploy/push-images.sh') }.any { it.env.REGISTRY_PASSWORD }
        // No Groovy interpolation of secrets in the Jenkinsfile itself (Jenkins warns about it too).
        String text = new String(Files.readAllBytes(JENKINSFILE), 'UTF-8')
        assert !(text =~ /"[^"\n]*\$\{?(env\.)?REGISTRY_(USER|PASSWORD)/)
    }

    @Test
    void concurrencyTimeoutsAndAgentPodsAreDeclared() {
        Declarative p = buildMain()
        assert p.pipelineOptions.disableConcurrentBuilds == true
        assert p.pipelineOptions.timeout == [time: 90, unit: 'MINUTES']
        assert p.pipelineAgent == 'none'
        Map<String, String> expected = [
                'Test'               : 'jenkins/agents/test.yaml',
                'Images/IMAGE=auth'  : 'jenkins/agents/images.yaml',
                'Deploy'             : 'jenkins/agents/deploy.yaml',
        ]
        expected.each { stage, yaml ->
            Declarative.StageRun run = p.stage(stage)
            assert run.agent.type == 'kubernetes' && run.agent.yamlFile == yaml
            assert Files.exists(REPO.resolve(yaml)), "$yaml is in the repository"
            assert run.options.timeout?.time > 0, "$stage has a timeout"
        }
        assert p.stage('Deploy').agent.namespace == 'carebridge', 'runs as the deployer account of the app namespace'
        String testPod = new String(Files.readAllBytes(REPO.resolve('jenkins/agents/test.yaml')), 'UTF-8')
        assert testPod.contains('image: mariadb:') && testPod.contains('image: postgres:')
    }

    @Test
    void branchPatternsMatchAsJenkinsMatchesThem() {
        assert Declarative.glob('main', 'main')
        assert !Declarative.glob('main', 'PR-1')
        assert !Declarative.glob('main', 'maintenance')
        assert Declarative.glob('release/*', 'release/1.2')
        assert !Declarative.glob('release/*', 'release/1.2/hotfix')
        assert Declarative.glob('release/**', 'release/1.2/hotfix')
    }
}
