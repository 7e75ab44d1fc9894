#!/usr/bin/env bash
# Publishes the reactor's artifacts to target/ci-repo (not ~/.m2: install is skipped), then builds and runs
# .ci/consumer, which imports llm-bom and depends on llm-backend-java and llm-data, with a private local
# repository: a POM that does not resolve, or a dependency missing from one, fails here.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
m2="$HOME/.m2/repository"
rm -rf target/ci-repo target/ci-consumer-repo .ci/consumer/target
mkdir -p target
touch target/ci-publish.started
./mvnw -B -q deploy -DskipTests -Dmaven.install.skip=true \
    -DaltDeploymentRepository="llm-ci-publish::file://$root/target/ci-repo"
# Deploying caches the target repository's metadata in the local repository: remove what this run wrote
# there, so that ~/.m2 keeps nothing of this project's SNAPSHOTs.
if [ -d "$m2/org/llmfromscratch" ]; then
  find "$m2/org/llmfromscratch" -newer target/ci-publish.started \
      \( -name maven-metadata-llm-ci-publish.xml -o -name resolver-status.properties \) -delete
  find "$m2/org/llmfromscratch" -newer target/ci-publish.started -type d -empty -delete
fi
cd .ci/consumer
"$root/mvnw" -B -q -s settings.xml -Dmaven.repo.local="$root/target/ci-consumer-repo" -Dci.repo="$root/target/ci-repo" \
    compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
out=$(java -cp "target/classes:$(cat target/classpath.txt)" org.llmfromscratch.consumer.Consumer)
echo "$out"
grep -q "input embeddings \[1, 4, 8\]" <<<"$out"
