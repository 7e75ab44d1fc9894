/** JMH benchmarks; every result is quoted as a ratio to a yardstick measured in the same run. */
package org.llmfromscratch.bench;
