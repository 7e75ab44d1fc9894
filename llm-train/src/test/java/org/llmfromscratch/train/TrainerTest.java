package org.llmfromscratch.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training loop as the book's train_model_simple, checkpoints that resume bit for bit, and crash-safe saves. */
class TrainerTest {

    @Test
    void theLossFallsAndTheBooksEventsHappenInItsOrder() {
        try (TinyRun run = new TinyRun(3)) {
            assertTrue(run.trainer.train(run.recorder()));
            int stepsPerEpoch = run.train.numBatches();
            assertEquals(3 * stepsPerEpoch, run.stepLosses.size());
            assertEquals(3, run.samples.size());
            assertTrue(run.samples.get(0).startsWith("Every effort"), run.samples.get(0));
            // evaluation at every step divisible by evalFreq 3, from step 0
            assertEquals((3 * stepsPerEpoch + 2) / 3, run.evaluations.size());
            assertEquals(0, run.evaluations.get(0).step());
            assertEquals(
                    "Ep 1 (Step 000000): Train loss",
                    run.evaluations.get(0).line().substring(0, 30));
            TrainingListener.Evaluation last = run.evaluations.get(run.evaluations.size() - 1);
            assertTrue(last.trainLoss() < run.evaluations.get(0).trainLoss() - 1, run.evaluations.toString());
            assertEquals(3L * stepsPerEpoch * 2 * 16, run.trainer.state().tokensSeen());
        }
    }

    @Test
    void aRunResumedFromACheckpointContinuesWithTheSameLossesBitForBit(@TempDir Path dir) throws IOException {
        List<Double> straight;
        try (TinyRun run = new TinyRun(2)) {
            run.trainer.train(run.recorder());
            straight = run.stepLosses;
        }
        Path file = dir.resolve("checkpoint.safetensors");
        int stopAfter = 3; // inside the first epoch, so the epoch's order and position must be restored
        List<Double> first;
        try (TinyRun run = new TinyRun(2)) {
            TrainingListener stopper = new TrainingListener() {
                @Override
                public void onStep(int epoch, int step, double loss, long tokensSeen, double lr) {
                    run.stepLosses.add(loss);
                    if (step == stopAfter - 1) {
                        run.trainer.requestStop();
                    }
                }
            };
            assertFalse(run.trainer.train(stopper));
            TrainingCheckpoint.save(file, run.model, run.optimizer, run.trainer.state(), run.generator);
            first = run.stepLosses;
        }
        assertTrue(stopAfter < straight.size() / 2, "the stop is inside the first epoch");
        try (TinyRun fresh = new TinyRun(2);
                TrainingCheckpoint.Loaded saved = TrainingCheckpoint.load(file, fresh.backend)) {
            fresh.model.loadStateDict(saved.modelState());
            fresh.optimizer.loadStateDict(saved.optimizerState());
            fresh.generator.setState(saved.generatorState());
            fresh.trainer.resumeFrom(saved.state());
            assertTrue(fresh.trainer.train(fresh.recorder()));
            assertEquals(straight.subList(0, stopAfter), first);
            assertEquals(straight.subList(stopAfter, straight.size()), fresh.stepLosses);
        }
    }

    @Test
    void anInterruptedSaveLeavesThePreviousCheckpointAsItWas(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("checkpoint.safetensors");
        try (TinyRun run = new TinyRun(1)) {
            TrainingCheckpoint.save(file, run.model, run.optimizer, run.trainer.state(), run.generator);
            byte[] before = Files.readAllBytes(file);
            run.trainer.train(run.recorder());
            assertThrows(
                    IllegalStateException.class,
                    () -> TrainingCheckpoint.save(
                            file, run.model, run.optimizer, run.trainer.state(), run.generator, () -> {
                                throw new IllegalStateException("killed during the save");
                            }));
            assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)), "the old checkpoint is untouched");
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(
                        List.of(),
                        files.filter(p -> p.toString().endsWith(".partial")).toList(),
                        "no partial file");
            }
            try (TrainingCheckpoint.Loaded loaded = TrainingCheckpoint.load(file, run.backend)) {
                assertEquals(-1, loaded.state().step());
            }
        }
    }

    @Test
    void aTruncatedCheckpointIsAClearError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("checkpoint.safetensors");
        try (TinyRun run = new TinyRun(1)) {
            TrainingCheckpoint.save(file, run.model, run.optimizer, run.trainer.state(), run.generator);
            byte[] all = Files.readAllBytes(file);
            Files.write(file, java.util.Arrays.copyOf(all, all.length / 2));
            IOException e = assertThrows(IOException.class, () -> TrainingCheckpoint.load(file, run.backend));
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            Path other = dir.resolve("other.safetensors");
            org.llmfromscratch.api.io.SafeTensors.write(other, run.model.stateDict(), java.util.Map.of("format", "pt"));
            IOException notOurs = assertThrows(IOException.class, () -> TrainingCheckpoint.load(other, run.backend));
            assertTrue(notOurs.getMessage().contains("not a training checkpoint"), notOurs.getMessage());
        }
    }

    @Test
    void warmUpThenCosineDecayAsAppendixD() {
        LearningRateSchedule s = new LearningRateSchedule(1e-5, 1e-3, 1e-4, 10, 110, true);
        assertEquals(1e-5, s.at(0), 1e-12);
        assertEquals(1e-5 + 5 * (1e-3 - 1e-5) / 10, s.at(5), 1e-12);
        assertEquals(1e-3, s.at(10), 1e-12);
        assertEquals(1e-4 + (1e-3 - 1e-4) * 0.5, s.at(60), 1e-12);
        assertEquals(1e-4, s.at(110), 1e-12);
    }
}
