package org.textgan.spark.dataparallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data-parallel engine on a small deterministic model: 1 thread, N threads and K tasks of a real Spark barrier
 * stage give bit-identical parameters; a failed barrier stage is retried by Spark and resumes from its checkpoint.
 */
class DataParallelEngineTest {
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2,2]").appName("DataParallelEngineTest")
                .config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void theTreeCoversEveryRangeWithDisjointNodes() {
        for (int c = 1; c <= 17; c++) {
            for (int n = 1; n <= 6; n++) {
                boolean[] seen = new boolean[c];
                for (int r = 0; r < n; r++) {
                    int[] range = ChunkTree.range(r, n, c);
                    for (int[] node : ChunkTree.cover(c, range[0], range[1])) {
                        for (int i = node[0]; i < node[1]; i++) {
                            assertFalse(seen[i], "chunk " + i + " twice");
                            seen[i] = true;
                        }
                    }
                }
                for (boolean s : seen) {
                    assertTrue(s);
                }
            }
        }
    }

    @Test
    void nodeSumsFollowTheTreeEvenWhenTheChunkFunctionReusesItsBuffer() {
        double[][] chunks = randomChunks(11, 9, 40);
        double[] buffer = new double[40];
        ChunkGradient reusing = c -> {
            System.arraycopy(chunks[c], 0, buffer, 0, buffer.length);
            return buffer;
        };
        for (boolean single : new boolean[] {false, true}) {
            for (int c = 1; c <= chunks.length; c++) {
                for (int lo = 0; lo < c; lo++) {
                    for (int hi = lo + 1; hi <= c; hi++) {
                        ChunkPartials p = ChunkTree.local(c, lo, hi, single, reusing);
                        for (ChunkPartials.Node n : p.nodes()) {
                            assertArrayEquals(treeSum(chunks, n.lo(), n.hi(), single), n.sum(),
                                    "chunks [" + n.lo() + ", " + n.hi() + ") of " + c + ", single " + single);
                        }
                    }
                }
            }
        }
    }

    @Test
    void theExchangeTimeSplitsIntoTransportWorkAndWaitingForTheLatePeer() throws Exception {
        // replica 1 arrives 300 ms late at the one exchange: replica 0 spends that time blocked, not on a core
        List<CommStats> stats = ThreadAllReduce.run(2, reduce -> {
            if (reduce.rank() == 1) {
                Thread.sleep(300);
            }
            reduce.sum(2, false, c -> new double[] {c, 1});
            return reduce.stats();
        });
        CommStats early = stats.get(0);
        CommStats late = stats.get(1);
        assertEquals(1, early.calls());
        assertTrue(early.blockedNanos() > 250_000_000L, "the early replica waited: " + early);
        assertTrue(early.cpuNanos() < 100_000_000L, "waiting is not transport work: " + early);
        assertTrue(early.cpuNanos() >= 0 && early.queuedNanos() >= 0, early.toString());
        assertTrue(late.nanos() < 200_000_000L, "the late replica did not wait 300 ms: " + late);
        assertEquals(early.nanos(), early.cpuNanos() + early.queuedNanos() + early.blockedNanos());
    }

    /** @return n chunk vectors of the given length, Gaussian values scaled by 10^0..10^11, so that order matters */
    private static double[][] randomChunks(long seed, int n, int length) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] chunks = new double[n][length];
        for (double[] c : chunks) {
            for (int i = 0; i < c.length; i++) {
                c[i] = rng.nextGaussian() * Math.pow(10, rng.nextInt(12));
            }
        }
        return chunks;
    }

    /** The tree's sum written out: split at the middle, leaves and every addition rounded to float if single. */
    private static double[] treeSum(double[][] chunks, int lo, int hi, boolean single) {
        double[] out = new double[chunks[0].length];
        if (hi - lo == 1) {
            for (int i = 0; i < out.length; i++) {
                out[i] = single ? (float) chunks[lo][i] : chunks[lo][i];
            }
            return out;
        }
        int mid = (lo + hi) >>> 1;
        double[] a = treeSum(chunks, lo, mid, single);
        double[] b = treeSum(chunks, mid, hi, single);
        for (int i = 0; i < out.length; i++) {
            out[i] = single ? (float) (a[i] + b[i]) : a[i] + b[i];
        }
        return out;
    }

    @Test
    void partialsSurviveTheirBinaryForm() {
        double[] v = {1.5, -2.25e-300, Double.MAX_VALUE, 0.1};
        ChunkPartials p = new ChunkPartials(7, false, List.of(new ChunkPartials.Node(2, 4, v)));
        byte[] bytes = p.encode();
        assertEquals(16 + 12 + 32, bytes.length);
        ChunkPartials q = ChunkPartials.decode(bytes);
        assertEquals(7, q.chunks());
        assertArrayEquals(v, q.nodes().get(0).sum());
        float[] f = {1.5f, 0.1f, -3e-30f};
        double[] fv = {f[0], f[1], f[2]};
        ChunkPartials s = ChunkPartials.decode(new ChunkPartials(3, true, List.of(new ChunkPartials.Node(0, 3, fv)))
                .encode());
        assertArrayEquals(fv, s.nodes().get(0).sum());
    }

    @Test
    void oneThreadManyThreadsAndSparkBarrierTasksGiveTheSameBits() throws Exception {
        for (boolean single : new boolean[] {false, true}) {
            LinearReplica body = new LinearReplica(40, 60, 5, 12, single, null, 1, -1);
            double[] one = ThreadAllReduce.run(1, body).get(0).w();
            for (int n : new int[] {2, 3, 5}) {
                for (LinearReplica.Result r : ThreadAllReduce.run(n, body)) {
                    assertArrayEquals(one, r.w(), "threads " + n + " single " + single);
                }
            }
            List<LinearReplica.Result> spark2 = BarrierAllReduce.run(spark, 2, body);
            for (LinearReplica.Result r : spark2) {
                assertArrayEquals(one, r.w(), "spark K=2 single " + single);
                assertEquals(0, r.attempt());
            }
            // 12 steps, each one sum and one barrier; chunks 0-1 (rank 0) and 2-4 (rank 1) are one tree node each.
            // A sum: the other's segment of my node (length, header, node header, values), then my segment's total
            // (length, bare values); a barrier: an empty frame (its length).
            int perValue = single ? 4 : 8;
            for (LinearReplica.Result r : spark2) {
                assertEquals(24, r.stats().calls());
                assertEquals(12 * (2 * 4 + 16 + 12 + 41 * perValue) + 12 * 4, r.stats().bytesSent());
                assertEquals(r.stats().bytesSent(), r.stats().bytesReceived());
            }
            // three threads exchanging static ranges [0,1), [1,3), [3,5): rank 1 sends nodes [1,2) and [2,3)
            double[][] chunks = randomChunks(5, 5, 41);
            List<CommStats> staticStats = ThreadAllReduce.run(3, reduce -> {
                AllReduce.staticSum(reduce, 5, single, c -> chunks[c]);
                return reduce.stats();
            });
            assertEquals(16 + 2 * (12 + 41 * perValue), staticStats.get(1).bytesSent());
            assertTrue(one[0] > 0.5 && one[0] < 1.2, "the model learns w[0] -> sin(1): " + one[0]);
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void dynamicAssignmentGivesTheTreesBitsWhoeverComputesEachChunk() throws Exception {
        // rounds of 2 to 17 chunks and vectors of 1 to 301 values (the slots and the total are reused, grown and
        // partly used); in each round one thread, rotating, holds its first chunk until the others have computed
        // every other chunk, so the others take their own ranges and the slow one's; the rest are free-for-all
        int[][] rounds = {{8, 300}, {8, 40}, {3, 300}, {17, 7}, {2, 1}, {5, 299}, {16, 64}, {9, 301}};
        for (boolean single : new boolean[] {false, true}) {
            for (int n : new int[] {2, 3, 5}) {
                int[][] owners = new int[rounds.length][];
                AtomicInteger[] done = new AtomicInteger[rounds.length];
                // per round and thread: the bytes it counts as sent and as received
                long[][] sent = new long[rounds.length][n];
                long[][] received = new long[rounds.length][n];
                for (int i = 0; i < rounds.length; i++) {
                    owners[i] = new int[rounds[i][0]];
                    done[i] = new AtomicInteger();
                }
                List<List<double[]>> totals = ThreadAllReduce.run(n, reduce -> {
                    List<double[]> out = new ArrayList<>();
                    for (int i = 0; i < rounds.length; i++) {
                        int round = i;
                        int c = rounds[i][0];
                        if (c < n) {
                            continue;
                        }
                        double[][] chunks = randomChunks(100 + i, c, rounds[i][1]);
                        boolean slow = round % n == reduce.rank();
                        double[] buffer = new double[rounds[i][1]];
                        CommStats before = reduce.stats();
                        long deadline = System.nanoTime() + 60_000_000_000L;
                        out.add(reduce.sum(c, single, k -> {
                            while (slow && done[round].get() < c - 1) {
                                if (System.nanoTime() > deadline) {
                                    throw new IllegalStateException("round " + round + ": the others computed "
                                            + done[round].get() + " of " + c + " chunks in a minute");
                                }
                                Thread.yield();
                            }
                            owners[round][k] = reduce.rank() + 1;
                            if (!slow) {
                                done[round].incrementAndGet();
                            }
                            System.arraycopy(chunks[k], 0, buffer, 0, buffer.length); // a reused buffer
                            return buffer;
                        }));
                        CommStats d = reduce.stats().minus(before);
                        assertEquals(1, d.calls());
                        sent[round][reduce.rank()] = d.bytesSent();
                        received[round][reduce.rank()] = d.bytesReceived();
                    }
                    return out;
                });
                int j = 0;
                for (int i = 0; i < rounds.length; i++) {
                    int c = rounds[i][0];
                    if (c < n) {
                        continue;
                    }
                    double[][] chunks = randomChunks(100 + i, c, rounds[i][1]);
                    double[] tree = treeSum(chunks, 0, c, single);
                    assertArrayEquals(tree, ChunkTree.local(c, 0, c, single, k -> chunks[k]).nodes().get(0).sum());
                    for (int r = 0; r < n; r++) {
                        assertArrayEquals(tree, totals.get(r).get(j), "round " + i + ", " + n + " threads, replica "
                                + r + ", single " + single);
                    }
                    int slow = i % n + 1;
                    assertTrue(Arrays.stream(owners[i]).filter(o -> o == slow).count() <= 1,
                            "round " + i + ": " + Arrays.toString(owners[i]));
                    assertTrue(Arrays.stream(owners[i]).allMatch(o -> o > 0));
                    // what the threads count as sent between them is what they count as received, and more than
                    // nothing: each thread receives at least the others' segments of the total
                    long allSent = Arrays.stream(sent[i]).sum();
                    assertEquals(allSent, Arrays.stream(received[i]).sum(), "round " + i + ", " + n + " threads");
                    assertTrue(allSent >= (long) (n - 1) * rounds[i][1] * (single ? 4 : 8), "round " + i);
                    j++;
                }
            }
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aFailingChunkInOneThreadEndsTheDynamicRoundForAll() {
        // chunk 40, the first of the third thread's range, fails at once; the two others, done with their own ranges,
        // stop taking chunks instead of computing the failed thread's other 19 (50 ms each)
        AtomicInteger computed = new AtomicInteger();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ThreadAllReduce.run(3, reduce -> reduce.sum(60, false, c -> {
                    computed.incrementAndGet();
                    if (c == 40) {
                        throw new IllegalStateException("chunk 40 failed");
                    }
                    if (c > 40) {
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException ex) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return new double[] {c};
                })));
        assertEquals("chunk 40 failed", e.getMessage());
        assertTrue(computed.get() < 60, computed.get() + " chunks computed after a failure");
        IllegalStateException lengths = assertThrows(IllegalStateException.class,
                () -> ThreadAllReduce.run(2, reduce -> reduce.sum(4, false, c -> new double[c == 3 ? 2 : 3])));
        assertEquals("chunks 0 and 3 gave vectors of 3 and 2 values", lengths.getMessage());
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void threadsThatDisagreeOnTheChunkingFail() {
        for (boolean chunks : new boolean[] {true, false}) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> ThreadAllReduce.run(2, reduce -> reduce.sum(chunks && reduce.rank() == 1 ? 6 : 4,
                            !chunks && reduce.rank() == 1, c -> new double[] {c})));
            String expected = chunks ? "6 vs 4 chunks, single false vs false" : "4 vs 4 chunks, single true vs false";
            String swapped = chunks ? "4 vs 6 chunks, single false vs false" : "4 vs 4 chunks, single false vs true";
            assertTrue(e.getMessage().equals("participants disagree on the chunking: " + expected)
                    || e.getMessage().equals("participants disagree on the chunking: " + swapped), e.getMessage());
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void roundsWhoseChunkSlotsExceedTheBudgetKeepTheStaticRanges() throws Exception {
        // a budget of 8 chunks of 40 doubles: 8 x 41 values fall back to static ranges, with the tree's bits; thread 0
        // takes 20 ms a chunk, so with dynamic assignment the others would take the rest of its range
        long budget = 8 * 40 * Double.BYTES;
        int[][] rounds = {{8, 41}, {8, 40}, {16, 300}, {4, 80}};
        for (boolean single : new boolean[] {false, true}) {
            int n = 3;
            int[][] owners = new int[rounds.length][];
            for (int i = 0; i < rounds.length; i++) {
                owners[i] = new int[rounds[i][0]];
            }
            List<List<double[]>> totals = ThreadAllReduce.run(n, budget, reduce -> {
                List<double[]> out = new ArrayList<>();
                for (int i = 0; i < rounds.length; i++) {
                    int round = i;
                    double[][] chunks = randomChunks(200 + i, rounds[i][0], rounds[i][1]);
                    out.add(reduce.sum(rounds[i][0], single, k -> {
                        if (reduce.rank() == 0) {
                            try {
                                Thread.sleep(20);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw new IllegalStateException(e);
                            }
                        }
                        owners[round][k] = reduce.rank() + 1;
                        return chunks[k].clone();
                    }));
                }
                return out;
            });
            for (int i = 0; i < rounds.length; i++) {
                int c = rounds[i][0];
                double[] tree = treeSum(randomChunks(200 + i, c, rounds[i][1]), 0, c, single);
                for (int r = 0; r < n; r++) {
                    assertArrayEquals(tree, totals.get(r).get(i), "round " + i + ", replica " + r);
                }
                if ((long) c * rounds[i][1] * Double.BYTES > budget) {
                    for (int r = 0; r < n; r++) {
                        int[] range = ChunkTree.range(r, n, c);
                        for (int k = range[0]; k < range[1]; k++) {
                            assertEquals(r + 1, owners[i][k], "round " + i + ", chunk " + k + ": static range");
                        }
                    }
                }
            }
        }
    }

    @Test
    void aWindowOfTheTreeHasTheBitsOfThatPartOfTheWholeTotal() {
        double[][] chunks = randomChunks(5, 9, 50);
        for (boolean single : new boolean[] {false, true}) {
            List<ChunkPartials> parts = new ArrayList<>();
            // ranges [0,3), [3,6), [6,9): nodes [0,2) [2,3) | [3,4) [4,6) | [6,9); inner nodes completed by combine
            for (int r = 0; r < 3; r++) {
                int[] range = ChunkTree.range(r, 3, 9);
                parts.add(ChunkTree.local(9, range[0], range[1], single, c -> chunks[c]));
            }
            double[] whole = ChunkTree.combine(parts);
            // participant 1 keeps its whole vectors (window from 10), the others travel as their window [10, 30)
            List<ChunkPartials> window = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                if (r == 1) {
                    window.add(parts.get(r));
                } else {
                    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocateDirect(parts.get(r).encodedSize(20))
                            .order(java.nio.ByteOrder.LITTLE_ENDIAN);
                    parts.get(r).encode(buf, 10, 30);
                    window.add(ChunkPartials.decode(buf.flip()));
                }
            }
            double[] out = new double[60];
            ChunkTree.combineInto(window, new int[] {0, 10, 0}, out, 25, 20);
            assertArrayEquals(Arrays.copyOfRange(whole, 10, 30), Arrays.copyOfRange(out, 25, 45),
                    "single " + single);
            assertEquals(0.0, out[24]);
            assertEquals(0.0, out[45]);
        }
    }

    @Test
    void theTreeSumIsTheSumUpToRounding() {
        double[][] chunks = new double[9][];
        SplittableRandom rng = new SplittableRandom(3);
        double[] naive = new double[50];
        for (int c = 0; c < 9; c++) {
            chunks[c] = new double[50];
            for (int i = 0; i < 50; i++) {
                chunks[c][i] = rng.nextGaussian() * Math.pow(10, rng.nextInt(8));
                naive[i] += chunks[c][i];
            }
        }
        double[] tree = ChunkTree.combine(List.of(ChunkTree.local(9, 0, 9, false,
                c -> chunks[c])));
        for (int i = 0; i < 50; i++) {
            assertEquals(naive[i], tree[i], 1e-12 * Math.abs(naive[i]) + 1e-9);
        }
    }

    @Test
    void aFailedBarrierStageIsRetriedAndResumesFromItsLastCheckpoint(@TempDir Path tmp) throws Exception {
        Path whole = Files.createDirectories(tmp.resolve("whole"));
        Path failed = Files.createDirectories(tmp.resolve("failed"));
        List<LinearReplica.Result> a = BarrierAllReduce.run(spark, 2,
                new LinearReplica(30, 40, 4, 10, false, whole.toString(), 3, -1));
        List<LinearReplica.Result> b = BarrierAllReduce.run(spark, 2,
                new LinearReplica(30, 40, 4, 10, false, failed.toString(), 3, 8));
        assertTrue(Files.exists(failed.resolve("failed-once")), "the failure was injected");
        for (LinearReplica.Result r : b) {
            assertEquals(1, r.attempt(), "the stage was retried");
            assertEquals(6, r.resumedFrom(), "from the checkpoint of step 6");
            assertArrayEquals(a.get(0).w(), r.w());
        }
        assertEquals(0, a.get(0).resumedFrom());
        double[] threads = ThreadAllReduce.run(3, new LinearReplica(30, 40, 4, 10, false, null, 3, -1)).get(2).w();
        assertArrayEquals(a.get(0).w(), threads);
    }
}
