package carebridge

/**
 * Runs a declarative `pipeline { }` the way Jenkins' pipeline-model-definition does, for the
 * sections this repository's Jenkinsfile uses: agent, options, environment, stages, stage, when
 * (branch, buildingTag, changeRequest, not, anyOf, allOf), matrix (axes, stages), steps and post
 * (always, success, failure, unsuccessful, aborted). Steps run on the loaded script, so
 * JenkinsPipelineUnit's mocks record and answer them.
 *
 * JenkinsPipelineUnit 1.1, the newest release on Maven Central, predates its declarative support;
 * this is the part of that support the Jenkinsfile needs. An unknown section fails the test.
 */
class Declarative {
    /** A step that Jenkins interrupts (a timeout or an abort): the stage ends ABORTED. */
    static class Interrupted extends RuntimeException {
        Interrupted(String message) { super(message) }
    }

    static class StageRun {
        String path
        String status // SUCCESS, FAILURE, ABORTED, or SKIPPED (when / earlier failure)
        String reason
        Map agent
        Map options = [:]
        Map env = [:]
        String toString() { "$path: $status${reason ? " ($reason)" : ''}" }
    }

    final Script script
    final Map<String, Object> env
    final List<StageRun> stages = []
    Map pipelineOptions = [:]
    Object pipelineAgent
    String result = 'SUCCESS'
    /** The stage whose steps are running (for the step mocks). */
    StageRun current

    Declarative(Script script, Map<String, Object> env) {
        this.script = script
        this.env = env
    }

    void run(Closure body) {
        Map p = sections(body, ['agent', 'options', 'environment', 'stages', 'post'])
        pipelineAgent = agentOf(p.agent)
        pipelineOptions = p.options ? calls(p.options) : [:]
        withEnv(p.environment ? assignments(p.environment) : [:]) {
            runStages(p.stages as Closure, '')
        }
        if (p.post) runPost(p.post as Closure, result)
    }

    List<String> ran() { stages.findAll { it.status != 'SKIPPED' }*.path }

    StageRun stage(String path) { stages.find { it.path == path } }

    // --- stages -------------------------------------------------------------------------------

    private void runStages(Closure body, String prefix) {
        List<List> list = []
        evaluate(body, new Recorder(['stage'], { list << it }))
        list.each { args -> runStage(prefix + args[0], args[1] as Closure) }
    }

    private void runStage(String path, Closure body) {
        Map s = sections(body, ['when', 'agent', 'options', 'environment', 'steps', 'post', 'matrix', 'stages'])
        StageRun run = new StageRun(path: path, agent: agentOf(s.agent), options: s.options ? calls(s.options) : [:])
        stages << run
        if (result != 'SUCCESS') {
            skip(run, 'an earlier stage did not succeed')
            return
        }
        Map stageEnv = s.environment ? assignments(s.environment) : [:]
        withEnv(stageEnv) {
            if (s.when && !condition(s.when as Closure)) {
                skip(run, 'when')
            } else if (s.matrix) {
                run.env = new LinkedHashMap(env)
                runMatrix(path, s.matrix as Closure, run)
            } else if (s.stages) {
                run.env = new LinkedHashMap(env)
                runNested(run, { runStages(s.stages as Closure, path + '/') })
            } else {
                run.env = new LinkedHashMap(env)
                execute(run, s.steps as Closure, s.post as Closure)
            }
        }
    }

    private void runNested(StageRun run, Closure inner) {
        inner()
        run.status = result == 'SUCCESS' ? 'SUCCESS' : result
    }

    private void runMatrix(String path, Closure body, StageRun run) {
        Map m = sections(body, ['axes', 'agent', 'options', 'environment', 'stages'])
        List<Map> axes = []
        evaluate(m.axes as Closure, new Recorder(['axis'], { args ->
            Map axis = [:]
            evaluate(args[0] as Closure, new Recorder(['name', 'values'], { a -> axis[a[-2]] = a[0..-3] }))
            axes << [name: axis.name[0], values: axis.values as List]
        }))
        List<Map> cells = axes.inject([[:]]) { List<Map> acc, Map axis ->
            acc.collectMany { Map cell -> axis.values.collect { v -> cell + [(axis.name): v] } }
        }
        String before = result
        String worst = before
        cells.each { Map cell ->
            // Cells run in parallel in Jenkins: one failing does not skip the others.
            result = before
            String name = cell.collect { k, v -> "$k=$v" }.join(',')
            StageRun cellRun = new StageRun(path: "$path/$name", agent: agentOf(m.agent),
                    options: m.options ? calls(m.options) : [:])
            stages << cellRun
            withEnv(cell + (m.environment ? assignments(m.environment) : [:])) {
                cellRun.env = new LinkedHashMap(env)
                runNested(cellRun, { runStages(m.stages as Closure, "$path/$name/") })
            }
            if (result != 'SUCCESS') worst = result
        }
        result = worst
        run.status = result
    }

    private void execute(StageRun run, Closure steps, Closure post) {
        String status = 'SUCCESS'
        current = run
        try {
            if (steps == null) throw new IllegalStateException("stage ${run.path} has no steps")
            onScript(steps)
        } catch (Interrupted e) {
            status = 'ABORTED'
            run.reason = e.message
        } catch (IllegalStateException e) {
            throw e
        } catch (Exception e) {
            status = 'FAILURE'
            run.reason = e.message
        }
        run.status = status
        if (post) runPost(post, status)
        current = null
        if (run.status != 'SUCCESS' && result == 'SUCCESS') result = run.status
    }

    private void skip(StageRun run, String reason) {
        run.status = 'SKIPPED'
        run.reason = reason
    }

    private void runPost(Closure body, String status) {
        Map<String, Closure> conditions = [:]
        def names = ['always', 'success', 'failure', 'unsuccessful', 'aborted']
        evaluate(body, new Recorder(names, { args -> conditions[args[-2] as String] = args[0] as Closure }))
        Map<String, Boolean> applies = [always      : true, success: status == 'SUCCESS',
                                        failure     : status == 'FAILURE', aborted: status == 'ABORTED',
                                        unsuccessful: status != 'SUCCESS']
        names.each { n -> if (conditions[n] && applies[n]) onScript(conditions[n]) }
    }

    // --- when ---------------------------------------------------------------------------------

    private boolean condition(Closure body) { conditions(body).every() }

    /** The value of each condition in a `when`, `allOf`, `anyOf` or `not` block. */
    private List<Boolean> conditions(Closure body) {
        List<Boolean> results = []
        evaluate(body, new Recorder(['branch', 'buildingTag', 'changeRequest', 'tag', 'not', 'anyOf', 'allOf'], { args ->
            switch (args[-2]) {
                case 'branch': results << glob(args[0] as String, env.BRANCH_NAME as String); break
                case 'tag': results << (env.TAG_NAME != null && glob(args[0] as String, env.TAG_NAME as String)); break
                case 'buildingTag': results << (env.TAG_NAME != null); break
                case 'changeRequest': results << (env.CHANGE_ID != null); break
                case 'not': results << !condition(args[0] as Closure); break
                case 'allOf': results << condition(args[0] as Closure); break
                case 'anyOf': results << conditions(args[0] as Closure).any(); break
            }
        }))
        return results
    }

    /** Jenkins' `branch` and `tag` conditions: Ant-style patterns (`*`, `**`, `?`). */
    static boolean glob(String pattern, String value) {
        if (value == null) return false
        String regex = pattern.replace('.', '\\.').replace('**', '\u0000').replace('*', '[^/]*')
                .replace('\u0000', '.*').replace('?', '.')
        return value ==~ regex
    }

    // --- sections -----------------------------------------------------------------------------

    private Object agentOf(Object agent) {
        if (agent == null || agent == 'none') return agent
        Map out = [:]
        evaluate(agent as Closure, new Recorder(['kubernetes'], { args ->
            Map k = [type: 'kubernetes']
            evaluate(args[0] as Closure, new Recorder(['yamlFile', 'namespace', 'defaultContainer', 'cloud'], { a ->
                k[a[-2]] = a[0]
            }))
            out.putAll(k)
        }))
        return out
    }

    /** The named sections of a block; anything else is an error, as in Jenkins' validator. */
    private Map sections(Closure body, List<String> allowed) {
        Map out = [:]
        evaluate(body, new Recorder(allowed, { args -> out[args[-2]] = args[0] }))
        return out
    }

    /** `options { timeout(time: 1, unit: 'HOURS') }` as [timeout: [time: 1, unit: 'HOURS']]. */
    private static Map calls(Object body) {
        Map out = [:]
        Recorder r = new Recorder(null, { args -> out[args[-2]] = args.size() > 2 ? args[0] : true })
        evaluate(body as Closure, r)
        return out
    }

    /** `environment { A = 'x' }`, evaluated against the current env. */
    private Map assignments(Object body) {
        Map out = [:]
        evaluate(body as Closure, new Assignments(env, out))
        return out
    }

    private void withEnv(Map values, Closure body) {
        Map saved = new LinkedHashMap(env)
        values.each { k, v -> env[k as String] = v?.toString() }
        try {
            body()
        } finally {
            env.clear()
            env.putAll(saved)
        }
    }

    private void onScript(Closure steps) {
        Closure c = steps.rehydrate(script, script, script)
        c.resolveStrategy = Closure.DELEGATE_FIRST
        c.call()
    }

    private static void evaluate(Closure body, Object delegate) {
        Closure c = body.rehydrate(delegate, body.owner, body.thisObject)
        c.resolveStrategy = Closure.DELEGATE_ONLY
        c.call()
    }
}

/**
 * Records calls of the allowed names as (args..., name, null) and hands them to `sink`;
 * any other call is an error. Bare words (`agent none`) read as their own name.
 */
class Recorder {
    final List<String> allowed
    final Closure sink

    Recorder(List<String> allowed, Closure sink) {
        this.allowed = allowed
        this.sink = sink
    }

    def methodMissing(String name, Object args) {
        if (allowed != null && !(name in allowed)) {
            throw new IllegalStateException("unsupported declarative section or condition: $name")
        }
        List list = (args as Object[]).toList()
        sink(list + [name, null])
        return [(name): list.size() == 1 ? list[0] : list]
    }

    def propertyMissing(String name) { name }
}

/** Collects `NAME = value` assignments; reads `env.X` from the running environment. */
class Assignments {
    final Map env
    final Map out

    Assignments(Map env, Map out) {
        this.env = env
        this.out = out
    }

    def propertyMissing(String name) {
        if (name == 'env') return env
        if (out.containsKey(name)) return out[name]
        throw new IllegalStateException("environment: unknown name $name")
    }

    def propertyMissing(String name, Object value) { out[name] = value }
}
