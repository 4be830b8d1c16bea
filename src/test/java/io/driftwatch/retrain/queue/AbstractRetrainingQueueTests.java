package io.driftwatch.retrain.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.dao.DataIntegrityViolationException;


/**
 * The queue protocol, run against each database by a subclass: claims, leases, fencing, the reaper,
 * backoff and dead letters, dedupe among open tasks, and the table contract through every transition.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractRetrainingQueueTests {

    static final Duration LONG_LEASE = Duration.ofMinutes(5);
    static final Duration SHORT_LEASE = Duration.ofMillis(300);

    QueueDatabase db;
    RetrainingQueue queue;

    /** A migrated, empty database of the subclass's kind. */
    abstract QueueDatabase openDatabase();

    /** How many tasks and workers the drain test uses on this database. */
    abstract int drainTasks();

    abstract int drainWorkers();

    @BeforeAll
    void open() {
        db = openDatabase();
        queue = db.queue();
    }

    @AfterAll
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void emptyQueue() {
        db.deleteAllTasks();
    }

    @AfterEach
    void tableContractHolds() {
        assertThat(db.contractViolations()).as("finished_at iff final, live lease iff RUNNING").isEmpty();
    }

    @Test
    void concurrentWorkersCompleteEveryTaskExactlyOnce() throws Exception {
        List<Long> ids = db.givenTasks(drainTasks());
        Map<Long, AtomicInteger> completions = new ConcurrentHashMap<>();

        List<Integer> claimedPerWorker = ConcurrentWorkers.run(drainWorkers(), worker -> {
            int claimed = 0;
            while (true) {
                List<ClaimedTask> tasks = queue.claim("worker-" + worker, 1 + worker % 4, LONG_LEASE);
                if (tasks.isEmpty()) {
                    if (db.count("status IN ('PENDING', 'RETRYABLE')") == 0) {
                        return claimed;
                    }
                    Thread.sleep(1); // lost every race for the candidates (H2); others remain
                    continue;
                }
                for (ClaimedTask task : tasks) {
                    queue.complete(task);
                    completions.computeIfAbsent(task.id(), id -> new AtomicInteger()).incrementAndGet();
                }
                claimed += tasks.size();
            }
        });

        assertThat(completions.keySet()).as("every task completed, none lost").containsExactlyInAnyOrderElementsOf(ids);
        assertThat(completions.values()).as("none completed twice").allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        assertThat(claimedPerWorker.stream().mapToInt(Integer::intValue).sum()).isEqualTo(ids.size());
        assertThat(db.count("status = 'SUCCEEDED' AND attempts = 1")).isEqualTo(ids.size());
        assertThat(db.count("status <> 'SUCCEEDED'")).as("none left RUNNING or open").isZero();
    }

    @Test
    void killedWorkersTasksAreReapedAfterTheirLeaseExpiresAndFinishedByOthers() throws Exception {
        List<Long> ids = db.givenTasks(40);
        List<ClaimedTask> abandoned = new ArrayList<>(queue.claim("doomed-1", 5, LONG_LEASE));
        abandoned.addAll(queue.claim("doomed-2", 5, LONG_LEASE));
        // the doomed workers die here: no heartbeat, no completion, until their leases run out
        abandoned.forEach(task -> db.expireLease(task.id()));
        Map<Long, AtomicInteger> completions = new ConcurrentHashMap<>();
        AtomicInteger reaped = new AtomicInteger();

        ConcurrentWorkers.run(2, worker -> {
            while (db.count("status <> 'SUCCEEDED'") > 0) {
                List<ClaimedTask> tasks = queue.claim("healthy-" + worker, 3, LONG_LEASE);
                if (tasks.isEmpty()) {
                    reaped.addAndGet(queue.reap().retried()); // idle workers run the reaper
                    Thread.sleep(20);
                }
                for (ClaimedTask task : tasks) {
                    queue.complete(task);
                    completions.computeIfAbsent(task.id(), id -> new AtomicInteger()).incrementAndGet();
                }
            }
            return 0;
        });

        assertThat(abandoned).hasSize(10);
        assertThat(reaped).hasValue(10);
        assertThat(completions.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(completions.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        for (ClaimedTask task : abandoned) {
            assertThat(db.attempts(task.id())).as("retried once after the crash").isEqualTo(2);
            assertThat((String) db.row(task.id()).get("last_error")).startsWith("lease expired: worker doomed-");
            assertThatThrownBy(() -> queue.complete(task)).isInstanceOf(LeaseLostException.class);
        }
        assertThat(db.count("status = 'SUCCEEDED'")).isEqualTo(ids.size());
    }

    @Test
    void heartbeatKeepsALeaseAliveBeyondItsFirstExpiry() {
        long id = db.givenTasks(1).get(0);
        ClaimedTask task = queue.claim("w", 1, SHORT_LEASE).get(0);

        queue.heartbeat(task, LONG_LEASE);
        db.age(id, 10); // far beyond the claim's lease, well within the heartbeat's
        ReapResult reaped = queue.reap();

        assertThat(reaped.total()).isZero();
        assertThat(db.status(id)).isEqualTo(TaskStatus.RUNNING);
        assertThat(db.timestamp(id, "lease_expires_at").toInstant()).isAfter(task.leaseExpiresAt().plusSeconds(60));
        queue.complete(task);
        assertThat(db.status(id)).isEqualTo(TaskStatus.SUCCEEDED);
    }

    @Test
    void writesAfterTheLeaseWasLostChangeNothingAndAreReported() {
        long id = db.givenTasks(1).get(0);
        ClaimedTask stale = queue.claim("slow-worker", 1, LONG_LEASE).get(0);
        db.expireLease(id);
        assertThat(queue.reap()).isEqualTo(new ReapResult(1, 0));
        ClaimedTask current = queue.claim("fast-worker", 1, LONG_LEASE).get(0);
        Map<String, Object> before = db.row(id);

        List<Runnable> lateWrites = List.of(() -> queue.complete(stale), () -> queue.heartbeat(stale, LONG_LEASE),
                () -> queue.fail(stale, "late"), () -> queue.release(stale, Duration.ZERO));

        for (Runnable write : lateWrites) {
            assertThatThrownBy(write::run).isInstanceOfSatisfying(LeaseLostException.class, e -> {
                assertThat(e.taskId()).isEqualTo(id);
                assertThat(e.leaseToken()).isEqualTo(stale.leaseToken());
                assertThat(e.currentStatus()).contains(TaskStatus.RUNNING);
                assertThat(e.getMessage()).contains("retraining task " + id, "fast-worker", "Stop working on this task");
            });
        }
        assertThat(db.row(id)).as("no late write changed the row").isEqualTo(before);
        assertThat(current.attempts()).isEqualTo(2);
        assertThat(current.leaseToken()).isNotEqualTo(stale.leaseToken());
        queue.complete(current);
        assertThatThrownBy(() -> queue.complete(stale)).isInstanceOfSatisfying(LeaseLostException.class,
                e -> assertThat(e.currentStatus()).contains(TaskStatus.SUCCEEDED));
        assertThat(db.status(id)).isEqualTo(TaskStatus.SUCCEEDED);
    }

    @Test
    void failuresBackOffExponentiallyWithBoundedJitterThenDeadLetter() {
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(10), Duration.ofHours(1), 0.1);
        RetrainingQueue seeded = db.queue(policy, new SplittableRandom(42));
        SplittableRandom sameSeed = new SplittableRandom(42);
        long id = seeded.enqueue(task("credit-risk", "loans").withMaxAttempts(4)).orElseThrow();

        for (int attempt = 1; attempt <= 3; attempt++) {
            ClaimedTask claimed = seeded.claim("w", 1, LONG_LEASE).get(0);
            FailOutcome outcome = seeded.fail(claimed, "boom " + attempt);

            double nominal = 10.0 * Math.pow(2, attempt - 1); // 10 s, 20 s, 40 s
            Duration delay = Duration.between(db.timestamp(id, "updated_at"), db.timestamp(id, "available_at"));
            assertThat(outcome).isInstanceOfSatisfying(FailOutcome.Retrying.class, r -> {
                assertThat(r.attempts()).isEqualTo(claimed.attempts());
                assertThat(r.retryDelay()).isEqualTo(policy.delayAfter(claimed.attempts(), sameSeed));
                assertThat(r.availableAt()).isEqualTo(db.timestamp(id, "available_at").toInstant());
            });
            assertThat(delay.toNanos() / 1e9).isBetween(nominal * 0.9, nominal * 1.1)
                    .isCloseTo(((FailOutcome.Retrying) outcome).retryDelay().toNanos() / 1e9, within(0.001));
            assertThat(db.row(id)).containsEntry("status", "RETRYABLE").containsEntry("last_error", "boom " + attempt)
                    .containsEntry("attempts", attempt);
            assertThat(seeded.claim("w", 1, LONG_LEASE)).as("not before the backoff is over").isEmpty();
            db.makeAvailableNow(id);
        }
        ClaimedTask last = seeded.claim("w", 1, LONG_LEASE).get(0);
        FailOutcome dead = seeded.fail(last, "boom 4");

        assertThat(last.isLastAttempt()).isTrue();
        assertThat(dead).isEqualTo(new FailOutcome.DeadLettered(id, 4, "boom 4"));
        assertThat(db.row(id)).containsEntry("status", "FAILED").containsEntry("last_error", "boom 4");
        assertThat(db.timestamp(id, "finished_at")).isNotNull();
        db.makeAvailableNow(id);
        assertThat(seeded.claim("w", 1, LONG_LEASE)).as("the dead letter is never claimed").isEmpty();
    }

    @Test
    void aPermanentFailureDeadLettersAtOnceAndKeepsTheError() {
        long id = queue.enqueue(task("credit-risk", "loans")).orElseThrow();
        ClaimedTask claimed = queue.claim("w", 1, LONG_LEASE).get(0);

        FailOutcome outcome = queue.fail(claimed, "x".repeat(5000), FailureKind.PERMANENT);

        assertThat(outcome).isInstanceOf(FailOutcome.DeadLettered.class);
        assertThat(db.row(id)).containsEntry("status", "FAILED").containsEntry("attempts", 1)
                .containsEntry("last_error", "x".repeat(4000));
    }

    @Test
    void theReaperDeadLettersAnExpiredLeaseOnTheLastAttempt() {
        long id = queue.enqueue(task("credit-risk", "loans").withMaxAttempts(1)).orElseThrow();
        queue.claim("crashing-worker", 1, LONG_LEASE);
        assertThat(queue.reap()).as("nothing expired yet").isEqualTo(new ReapResult(0, 0));
        db.expireLease(id);

        ReapResult reaped = queue.reap();

        assertThat(reaped).isEqualTo(new ReapResult(0, 1));
        assertThat(db.row(id)).containsEntry("status", "FAILED").containsEntry("last_error",
                "lease expired: worker crashing-worker stopped heartbeating during attempt 1 of 1");
        assertThat(queue.reap().total()).as("each expired lease is reaped once").isZero();
    }

    @Test
    void releaseGivesATaskBackWithoutUsingUpAnAttempt() {
        long id = queue.enqueue(task("credit-risk", "loans")).orElseThrow();
        ClaimedTask first = queue.claim("w", 1, LONG_LEASE).get(0);

        queue.release(first, Duration.ZERO);
        assertThat(db.row(id)).containsEntry("status", "PENDING").containsEntry("attempts", 0);
        ClaimedTask again = queue.claim("w", 1, LONG_LEASE).get(0);
        queue.fail(again, "flaky");
        db.makeAvailableNow(id);
        ClaimedTask retried = queue.claim("w", 1, LONG_LEASE).get(0);
        queue.release(retried, Duration.ofMinutes(10));

        assertThat(again.attempts()).isEqualTo(1);
        assertThat(retried.attempts()).isEqualTo(2);
        assertThat(db.row(id)).as("a task that failed before stays RETRYABLE").containsEntry("status", "RETRYABLE")
                .containsEntry("attempts", 1).containsEntry("last_error", "flaky");
        assertThat(queue.claim("w", 1, LONG_LEASE)).as("not before the release delay").isEmpty();
    }

    @Test
    void claimsTakeTheHighestPriorityThenTheLongestAvailableThenTheLowestId() {
        long low = queue.enqueue(task("a", "low").withPriority(0)).orElseThrow();
        long high = queue.enqueue(task("b", "high").withPriority(5)).orElseThrow();
        long lowSecond = queue.enqueue(task("c", "low-2").withPriority(0)).orElseThrow();
        long waiting = queue.enqueue(task("d", "waiting").withPriority(9)).orElseThrow();
        long approval = queue.enqueue(task("e", "approval").withPriority(9)).orElseThrow();
        db.jdbc.update("UPDATE retraining_task SET available_at = now() + INTERVAL '1' HOUR WHERE id = ?", waiting);
        db.jdbc.update("UPDATE retraining_task SET status = 'AWAITING_APPROVAL' WHERE id = ?", approval);
        db.jdbc.update("UPDATE retraining_task SET available_at = available_at - INTERVAL '1' MINUTE WHERE id = ?", lowSecond);

        List<Long> order = new ArrayList<>();
        for (List<ClaimedTask> c = queue.claim("w", 1, LONG_LEASE); !c.isEmpty(); c = queue.claim("w", 1, LONG_LEASE)) {
            order.add(c.get(0).id());
        }

        assertThat(order).containsExactly(high, lowSecond, low);
        assertThat(db.status(waiting)).isEqualTo(TaskStatus.PENDING);
        assertThat(db.status(approval)).isEqualTo(TaskStatus.AWAITING_APPROVAL);
    }

    @Test
    void aClaimedTaskCarriesItsTaskAFreshLeaseAndTheCountedAttempt() {
        long id = queue.enqueue(task("credit-risk", "loans").withPriority(3)).orElseThrow();
        db.givenTasks(2);
        Instant before = db.jdbc.queryForObject("SELECT now()", (rs, i) -> rs.getObject(1, OffsetDateTime.class)).toInstant();

        List<ClaimedTask> claimed = queue.claim("host-1/pid-7", 10, Duration.ofSeconds(90));

        assertThat(claimed).hasSize(3).extracting(ClaimedTask::leaseToken).doesNotHaveDuplicates();
        ClaimedTask first = claimed.stream().filter(t -> t.id() == id).findFirst().orElseThrow();
        assertThat(first).extracting(ClaimedTask::model, ClaimedTask::monitor, ClaimedTask::runDate, ClaimedTask::reason,
                ClaimedTask::priority, ClaimedTask::attempts, ClaimedTask::maxAttempts)
                .containsExactly("credit-risk", "loans", QueueDatabase.RUN_DATE, "feature drift: income", 3, 1, 5);
        assertThat(first.evidence().replace(" ", "")).isEqualTo("{\"income\":{\"psi\":0.34}}");
        assertThat(first.leaseExpiresAt()).isBetween(before.plusSeconds(89), before.plusSeconds(95));
        assertThat(db.row(id)).containsEntry("status", "RUNNING").containsEntry("lease_owner", "host-1/pid-7")
                .containsEntry("lease_token", first.leaseToken());
    }

    @Test
    void concurrentEnqueuesWithTheSameDedupeKeyInsertOneTask() throws Exception {
        for (int round = 0; round < 10; round++) {
            String key = "model:credit-risk:" + round;
            CyclicBarrier start = new CyclicBarrier(3);
            int r = round;

            List<Integer> inserted = ConcurrentWorkers.run(3, worker -> {
                start.await();
                NewTask task = task("credit-risk", "monitor-" + worker + "-" + r).withDedupeKey(key);
                return queue.enqueue(task).isPresent() ? 1 : 0;
            });

            assertThat(inserted).as("round " + round + ": one enqueue wins").containsOnlyOnce(1).contains(0);
            assertThat(db.count("dedupe_key = '" + key + "'")).isEqualTo(1);
        }
    }

    @Test
    void aDedupeKeyIsFreeAgainOnceItsTaskFinishes() {
        NewTask first = task("credit-risk", "loans").withDedupeKey("model:credit-risk");
        long id = queue.enqueue(first).orElseThrow();
        ClaimedTask claimed = queue.claim("w", 1, LONG_LEASE).get(0);
        queue.fail(claimed, "flaky");
        NewTask sameKeyOtherDay = first.withRunId(null);
        NewTask nextDay = new NewTask("credit-risk", "loans", null, QueueDatabase.RUN_DATE.plusDays(1), "drift", "{}", 0,
                "model:credit-risk", 5);

        assertThat(queue.enqueue(nextDay)).as("blocked while the first is RETRYABLE").isEmpty();
        db.makeAvailableNow(id);
        queue.complete(queue.claim("w", 1, LONG_LEASE).get(0));
        assertThat(queue.enqueue(sameKeyOtherDay)).as("one task per monitor and run date still holds").isEmpty();
        Optional<Long> again = queue.enqueue(nextDay);
        assertThat(again).isPresent();
        assertThat(db.count("dedupe_key = 'model:credit-risk'")).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(TaskStatus.class)
    void onlyOpenTasksHoldTheirDedupeKey(TaskStatus status) {
        long id = queue.enqueue(task("credit-risk", "first").withDedupeKey("k")).orElseThrow();
        db.jdbc.update("UPDATE retraining_task SET status = ?, finished_at = " + (status.isFinal() ? "now()" : "NULL")
                + ", attempts = 1, lease_owner = 'w', lease_token = 't', heartbeat_at = now(), lease_expires_at = "
                + (status == TaskStatus.RUNNING ? "now() + INTERVAL '1' HOUR" : "NULL") + " WHERE id = ?", status.name(), id);

        Optional<Long> second = queue.enqueue(task("credit-risk", "second").withDedupeKey("k"));

        assertThat(second.isPresent()).as("a second task with the key of a " + status + " task").isEqualTo(status.isFinal());
        if (status.isOpen()) {
            assertThatThrownBy(() -> db.jdbc.update("INSERT INTO retraining_task (model, monitor, run_date, reason,"
                    + " evidence, dedupe_key) VALUES ('m', 'third', DATE '2026-03-02', 'r', '{}', 'k')"))
                    .as("the unique index itself rejects it").isInstanceOf(DataIntegrityViolationException.class);
        }
    }

    @Test
    void requeueGivesADeadLetterAllItsAttemptsAgain() {
        long id = queue.enqueue(task("credit-risk", "loans").withMaxAttempts(2)).orElseThrow();
        queue.fail(queue.claim("w", 1, LONG_LEASE).get(0), "boom 1");
        db.makeAvailableNow(id);
        assertThat(queue.fail(queue.claim("w", 1, LONG_LEASE).get(0), "boom 2")).isInstanceOf(FailOutcome.DeadLettered.class);

        queue.requeue(id);

        assertThat(db.row(id)).containsEntry("status", "PENDING").containsEntry("attempts", 0)
                .containsEntry("finished_at", null).containsEntry("lease_token", null);
        ClaimedTask again = queue.claim("w", 1, LONG_LEASE).get(0);
        assertThat(again.attempts()).as("the first attempt of a fresh start").isEqualTo(1);
        assertThat(again.isLastAttempt()).isFalse();
        assertThat(queue.fail(again, "boom 3")).as("one failure is retried again").isInstanceOf(FailOutcome.Retrying.class);
    }

    @ParameterizedTest
    @EnumSource(TaskStatus.class)
    void operatorsCancelOnlyOpenTasksRequeueOnlyFailedOrCancelledOnesAndApproveOnlyGatedOnes(TaskStatus status) {
        long cancelled = db.givenTaskIn(status, "cancel");
        long requeued = db.givenTaskIn(status, "requeue");
        long approved = db.givenTaskIn(status, "approve");
        Map<String, Object> untouched = db.row(cancelled);

        Optional<String> cancel = refusal(() -> queue.cancel(cancelled));
        Optional<String> requeue = refusal(() -> queue.requeue(requeued));
        Optional<String> approve = refusal(() -> queue.approve(approved));

        if (status.isOpen()) {
            assertThat(cancel).isEmpty();
            assertThat(db.row(cancelled)).containsEntry("status", "CANCELLED").containsEntry("lease_token", null);
            assertThat(db.timestamp(cancelled, "finished_at")).isNotNull();
        } else {
            assertThat(cancel).contains("Cannot cancel task " + cancelled + ": it is " + status
                    + "; cancel applies to tasks that are PENDING, RUNNING, RETRYABLE or AWAITING_APPROVAL.");
            assertThat(db.row(cancelled)).as("a final task never changes again").isEqualTo(untouched);
        }
        boolean requeueable = status == TaskStatus.FAILED || status == TaskStatus.CANCELLED;
        assertThat(requeue.isEmpty()).as("requeue of a " + status + " task").isEqualTo(requeueable);
        assertThat(db.status(requeued)).isEqualTo(requeueable ? TaskStatus.PENDING : status);
        assertThat(approve.isEmpty()).as("approve of a " + status + " task").isEqualTo(status == TaskStatus.AWAITING_APPROVAL);
        assertThat(db.status(approved)).isEqualTo(status == TaskStatus.AWAITING_APPROVAL ? TaskStatus.PENDING : status);
    }

    @Test
    void reopeningAFinishedTaskIsRejectedWhileAnotherOpenTaskHoldsItsKey() {
        long old = queue.enqueue(task("credit-risk", "old").withDedupeKey("k")).orElseThrow();
        queue.fail(queue.claim("w", 1, LONG_LEASE).get(0), "bad", FailureKind.PERMANENT);
        queue.enqueue(task("credit-risk", "new").withDedupeKey("k")).orElseThrow();

        assertThatThrownBy(() -> db.jdbc.update("UPDATE retraining_task SET status = 'PENDING', finished_at = NULL,"
                + " attempts = 0 WHERE id = ?", old)).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(db.status(old)).isEqualTo(TaskStatus.FAILED);
    }

    @Test
    void finishedAtIsSetExactlyWhenTheStateIsFinalThroughEveryTransition() {
        long id = queue.enqueue(task("credit-risk", "loans")).orElseThrow();
        List<String> walk = new ArrayList<>();
        Runnable record = () -> {
            walk.add(db.status(id) + (db.timestamp(id, "finished_at") == null ? "" : "+finished"));
            assertThat(db.contractViolations()).isEmpty();
        };

        record.run();
        queue.fail(queue.claim("w", 1, LONG_LEASE).get(0), "e1");
        record.run();
        db.makeAvailableNow(id);
        queue.claim("w", 1, LONG_LEASE);
        record.run();
        db.expireLease(id);
        queue.reap();
        record.run();
        queue.release(queue.claim("w", 1, LONG_LEASE).get(0), Duration.ZERO);
        record.run();
        queue.complete(queue.claim("w", 1, LONG_LEASE).get(0));
        record.run();

        assertThat(walk).containsExactly("PENDING", "RETRYABLE", "RUNNING", "RETRYABLE", "RETRYABLE", "SUCCEEDED+finished");
        assertThatThrownBy(() -> db.jdbc.update("UPDATE retraining_task SET finished_at = NULL WHERE id = ?", id))
                .as("the check constraint guards it").isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> db.jdbc.update("UPDATE retraining_task SET status = 'PENDING' WHERE id = ?", id))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void theNightlyJobsEnqueueKeepsOneTaskPerMonitorAndDateAndOneOpenTaskPerModel() {
        db.jdbc.update("INSERT INTO drift_run (monitor, model, run_date, window_start, window_end, baseline_table, status)"
                + " VALUES ('loans', 'credit-risk', DATE '2026-03-02', now(), now(), 't', 'RUNNING')");
        long runId = db.jdbc.queryForObject("SELECT id FROM drift_run WHERE monitor = 'loans'", Long.class);
        NewTask loans = NewTask.of("credit-risk", "loans", day(0), "drift", "{\"a\": 1}").withRunId(runId);
        NewTask cards = NewTask.of("credit-risk", "cards", day(0), "drift", "{}").withRunId(runId);

        boolean first = queue.enqueue(loans).isPresent();
        boolean sameDate = queue.enqueue(loans.withDedupeKey("other")).isPresent();
        boolean sameModelWhileOpen = queue.enqueue(cards).isPresent();
        List<ClaimedTask> claimed = queue.claim("w", 5, LONG_LEASE);
        queue.complete(claimed.get(0));
        boolean sameModelOnceFinished = queue.enqueue(cards).isPresent();
        boolean sameDateOnceFinished = queue.enqueue(loans).isPresent();

        assertThat(first).isTrue();
        assertThat(sameDate).as("one task per monitor and run date").isFalse();
        assertThat(sameModelWhileOpen).as("one open task per model (the open dedupe index)").isFalse();
        assertThat(claimed).singleElement().satisfies(t -> assertThat(t.monitor()).isEqualTo("loans"));
        assertThat(sameModelOnceFinished).isTrue();
        assertThat(sameDateOnceFinished).as("finished or not, a monitor has one task per run date").isFalse();
    }

    /** The refusal an operator would see, or empty when the operation applied. */
    static Optional<String> refusal(Runnable operation) {
        try {
            operation.run();
            return Optional.empty();
        } catch (TaskOperationException e) {
            return Optional.of(e.getMessage());
        }
    }

    static LocalDate day(int offset) {
        return QueueDatabase.RUN_DATE.plusDays(offset);
    }

    static NewTask task(String model, String monitor) {
        return NewTask.of(model, monitor, QueueDatabase.RUN_DATE, "feature drift: income", "{\"income\": {\"psi\": 0.34}}");
    }
}
