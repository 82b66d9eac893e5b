// Job DSL seed, run by Configuration as Code at start-up: one multibranch pipeline for this
// repository. Branches, pull requests and tags are discovered from GitHub and each runs the
// Jenkinsfile; the webhook makes discovery immediate, the periodic scan catches missed events.
multibranchPipelineJob('carebridge') {
    displayName('Carebridge')
    description('Builds, tests, ships images and deploys the Carebridge monorepo (Jenkinsfile).')
    branchSources {
        branchSource {
            source {
                github {
                    id('carebridge')
                    repoOwner(System.getenv('GITHUB_OWNER') ?: 'carebridge')
                    repository(System.getenv('GITHUB_REPOSITORY') ?: 'carebridge')
                    repositoryUrl('')
                    configuredByUrl(false)
                    credentialsId('github-token')
                    traits {
                        // Branches that are also pull requests build once, as the pull request.
                        gitHubBranchDiscovery { strategyId(1) }
                        // Pull requests from this repository and from forks, merged with their target.
                        gitHubPullRequestDiscovery { strategyId(1) }
                        gitHubForkDiscovery {
                            strategyId(1)
                            trust { gitHubTrustPermissions() }
                        }
                        gitHubTagDiscovery()
                    }
                }
            }
            buildStrategies {
                buildRegularBranches()
                buildChangeRequests {
                    ignoreTargetOnlyChanges(true)
                    ignoreUntrustedChanges(false)
                }
                // A new tag promotes the build of its commit (see the Jenkinsfile's deploy stage).
                buildTags {
                    atLeastDays('-1')
                    atMostDays('7')
                }
            }
        }
    }
    factory {
        workflowBranchProjectFactory {
            scriptPath('Jenkinsfile')
        }
    }
    triggers {
        periodicFolderTrigger { interval('1h') }
    }
    orphanedItemStrategy {
        discardOldItems { numToKeep(20) }
    }
}
