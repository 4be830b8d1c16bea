package io.driftwatch.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static java.time.ZoneOffset.UTC;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.driftwatch.profile.NumericProfile;

/** How a window is cut into buckets, and what merging bucket profiles gives. */
class BucketTest {

    private static final Instant END = Instant.parse("2026-03-08T00:00:00Z");

    @Test
    void aWeeklyWindowIsSevenDaysCountedBackFromItsEndAndTheNextNightSharesSixOfThem() {
        List<Bucket> tonight = Bucket.of(END.minus(Duration.ofDays(7)), END, Duration.ofDays(1), 1, UTC);
        List<Bucket> tomorrow = Bucket.of(END.minus(Duration.ofDays(6)), END.plus(Duration.ofDays(1)), Duration.ofDays(1), 1, UTC);

        assertThat(tonight).hasSize(7).first().isEqualTo(new Bucket(Instant.parse("2026-03-01T00:00:00Z"),
                Instant.parse("2026-03-02T00:00:00Z")));
        assertThat(tonight.get(6).to()).isEqualTo(END);
        assertThat(tomorrow.subList(0, 6)).isEqualTo(tonight.subList(1, 7));
    }

    @Test
    void everyBucketIsCutIntoOnePiecePerSliceSoTheSlicesShareEachDayAndTheNextNightSharesAllButTheNewDaysPieces() {
        List<Bucket> tonight = Bucket.of(END.minus(Duration.ofDays(7)), END, Duration.ofDays(1), 2, UTC);
        List<Bucket> tomorrow = Bucket.of(END.minus(Duration.ofDays(6)), END.plus(Duration.ofDays(1)), Duration.ofDays(1), 2, UTC);

        assertThat(tonight).hasSize(14).startsWith(
                new Bucket(Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-01T12:00:00Z")),
                new Bucket(Instant.parse("2026-03-01T12:00:00Z"), Instant.parse("2026-03-02T00:00:00Z")));
        for (int i = 1; i < tonight.size(); i++) {
            assertThat(tonight.get(i).from()).isEqualTo(tonight.get(i - 1).to());
        }
        assertThat(tomorrow.subList(0, 12)).isEqualTo(tonight.subList(2, 14));
        // each slice reads its half of every day, the new day's included
        assertThat(Bucket.ofSlice(tomorrow, 0, 2)).hasSize(7).last()
                .isEqualTo(new Bucket(END, END.plus(Duration.ofHours(12))));
        assertThat(Bucket.ofSlice(tomorrow, 1, 2)).hasSize(7).last()
                .isEqualTo(new Bucket(END.plus(Duration.ofHours(12)), END.plus(Duration.ofDays(1))));
    }

    @Test
    void piecesEndOnWholeMillisecondsSoEveryDatabaseStoresTheirBoundsExactly() {
        List<Bucket> pieces = Bucket.of(END.minus(Duration.ofDays(1)), END, Duration.ofDays(1), 7, UTC);

        assertThat(pieces).hasSize(7);
        assertThat(pieces.get(0).from()).isEqualTo(END.minus(Duration.ofDays(1)));
        assertThat(pieces.get(6).to()).isEqualTo(END);
        for (int i = 0; i < pieces.size(); i++) {
            assertThat(pieces.get(i).from().getNano() % 1_000_000).isZero();
            if (i > 0) {
                assertThat(pieces.get(i).from()).isEqualTo(pieces.get(i - 1).to());
            }
            // 86,400,000 ms in 7: pieces of 12,342,857 ms, give or take one
            assertThat(Duration.between(pieces.get(i).from(), pieces.get(i).to()).toMillis()).isBetween(12_342_857L, 12_342_858L);
        }
        // a range shorter than its slices in milliseconds has fewer pieces, none empty
        assertThat(new Bucket(END, END.plusMillis(2)).pieces(4)).containsExactly(
                new Bucket(END, END.plusMillis(1)), new Bucket(END.plusMillis(1), END.plusMillis(2)));
    }

    @Test
    void slicesTakeEveryOtherPieceAndTogetherTakeEachOnce() {
        List<Bucket> buckets = Bucket.of(END.minus(Duration.ofDays(7)), END, Duration.ofDays(1), 3, UTC);
        List<Bucket> all = new ArrayList<>();
        for (int slice = 0; slice < 3; slice++) {
            all.addAll(Bucket.ofSlice(buckets, slice, 3));
        }

        assertThat(all).containsExactlyInAnyOrderElementsOf(buckets).hasSize(21);
        assertThat(Bucket.ofSlice(buckets, 0, 3)).hasSize(7).startsWith(buckets.get(0), buckets.get(3), buckets.get(6));
    }

    @Test
    void aWindowThatIsNotAWholeNumberOfBucketsStartsWithTheRemainderAsABucketOfItsOwn() {
        // a day of 23 or 25 hours at a daylight-saving change, in daily buckets
        assertThat(Bucket.of(END.minus(Duration.ofHours(23)), END, Duration.ofDays(1), 1, UTC))
                .containsExactly(new Bucket(END.minus(Duration.ofHours(23)), END));
        assertThat(Bucket.of(END.minus(Duration.ofHours(25)), END, Duration.ofDays(1), 1, UTC)).containsExactly(
                new Bucket(END.minus(Duration.ofHours(25)), END.minus(Duration.ofHours(24))),
                new Bucket(END.minus(Duration.ofHours(24)), END));
        assertThat(Bucket.of(END.minus(Duration.ofHours(23)), END, Duration.ofHours(6), 1, UTC)).hasSize(4)
                .first().isEqualTo(new Bucket(END.minus(Duration.ofHours(23)), END.minus(Duration.ofHours(18))));
        assertThat(Bucket.of(END.minus(Duration.ofHours(25)), END, Duration.ofDays(1), 4, UTC)).hasSize(8)
                .first().isEqualTo(new Bucket(END.minus(Duration.ofHours(25)), END.minus(Duration.ofMinutes(24 * 60 + 45))));
    }

    @Test
    void dailyBucketsAreCalendarDaysOfTheZoneSoEveryNightAcrossADaylightSavingChangeSharesAllButItsNewDay() {
        ZoneId berlin = ZoneId.of("Europe/Berlin"); // 29 March 2026 has 23 hours there
        LocalDate firstNight = LocalDate.of(2026, 3, 28);
        List<Bucket> previous = null;
        for (LocalDate night = firstNight; night.isBefore(LocalDate.of(2026, 4, 8)); night = night.plusDays(1)) {
            Instant start = night.minusDays(7).atStartOfDay(berlin).toInstant();
            Instant end = night.atStartOfDay(berlin).toInstant();

            List<Bucket> buckets = Bucket.of(start, end, Duration.ofDays(1), 1, berlin);

            assertThat(buckets).as(night.toString()).hasSize(7);
            for (int i = 0; i < 7; i++) {
                LocalDate day = night.minusDays(7 - i);
                assertThat(buckets.get(i)).isEqualTo(new Bucket(day.atStartOfDay(berlin).toInstant(),
                        day.plusDays(1).atStartOfDay(berlin).toInstant()));
            }
            if (previous != null) {
                assertThat(buckets.subList(0, 6)).as(night.toString()).isEqualTo(previous.subList(1, 7));
            }
            previous = buckets;
        }
        Instant dstDay = LocalDate.of(2026, 3, 29).atStartOfDay(berlin).toInstant();
        assertThat(Bucket.of(dstDay, dstDay.plus(Duration.ofHours(23)), Duration.ofDays(1), 2, berlin))
                .containsExactly(new Bucket(dstDay, dstDay.plus(Duration.ofMinutes(690))),
                        new Bucket(dstDay.plus(Duration.ofMinutes(690)), dstDay.plus(Duration.ofHours(23))));
    }

    @Test
    void bucketsAreLookedUpInGroupsThatHoldAtMostFiveHundredTwelveStoredProfiles() {
        assertThat(BucketStore.lookupGroup(5)).isEqualTo(100);
        assertThat(BucketStore.lookupGroup(8)).isEqualTo(64);
        assertThat(BucketStore.lookupGroup(100)).isEqualTo(5);
        assertThat(BucketStore.lookupGroup(600)).isEqualTo(1);
    }

    @Test
    void anEmptyWindowIsRefused() {
        assertThatThrownBy(() -> Bucket.of(END, END, Duration.ofDays(1), 1, UTC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    @Test
    void mergedSketchBucketsAnswerQuantilesWithinTheSketchBoundOfTheFullPass() {
        // thirty daily buckets of continuous values: far more distinct values than the exact cap, so sketches
        Random random = new Random(17);
        NumericProfile full = NumericProfile.create(1_000);
        NumericProfile merged = null;
        List<Double> all = new ArrayList<>();
        for (int day = 0; day < 30; day++) {
            NumericProfile bucket = NumericProfile.create(1_000);
            for (int i = 0; i < 5_000; i++) {
                double v = 100 + 10 * random.nextGaussian() + day * 0.1;
                bucket.add(v);
                full.add(v);
                all.add(v);
            }
            if (merged == null) {
                merged = bucket;
            } else {
                merged.merge(bucket);
            }
        }
        all.sort(Double::compare);

        assertThat(merged.isExact()).isFalse();
        assertThat(merged.count()).isEqualTo(full.count()).isEqualTo(150_000);
        double bound = merged.rankErrorBound();
        for (double p : new double[] {0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99}) {
            double q = merged.quantile(p);
            // the rank of the merged sketch's quantile among the true values, against the asked rank
            long rank = lowerBound(all, q);
            assertThat(Math.abs(rank / (double) all.size() - p)).as("p=%s", p).isLessThanOrEqualTo(bound + 1e-9);
        }
        assertThat(merged.toBytes()).isEqualTo(full.toBytes());
    }

    private static long lowerBound(List<Double> sorted, double x) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted.get(mid) < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
