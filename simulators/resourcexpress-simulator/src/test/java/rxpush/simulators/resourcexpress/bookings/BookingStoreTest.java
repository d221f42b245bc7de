package rxpush.simulators.resourcexpress.bookings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rxpush.common.contract.BookingUpdate;
import rxpush.simulators.resourcexpress.Bookings;
import rxpush.testsupport.MutableClock;

class BookingStoreTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    final BookingStore store = new BookingStore(clock, null);

    static BookingUpdate v(String id, String changeKey, String lastModified) {
        return Bookings.update(id, changeKey, lastModified);
    }

    @Test
    void aReplayGetsTheRecordedAnswerEvenAfterTheBookingMovedOn() {
        WriteResult first = store.put("k1", "fp1", v("bk", "ck1", "2026-11-25T09:00:00Z"));
        store.put("k2", "fp2", v("bk", "ck2", "2026-11-25T10:00:00Z"));

        WriteResult replay = store.put("k1", "fp1", v("bk", "ck1", "2026-11-25T09:00:00Z"));

        assertThat(replay.answer()).isEqualTo(first.answer());
        assertThat(replay.answer().status()).isEqualTo(201);
        assertThat(replay.replayed()).isTrue();
        assertThat(replay.applied()).isFalse();
        assertThat(store.find("bk").orElseThrow().booking().changeKey()).isEqualTo("ck2");
    }

    @Test
    void aKeyUsedForAnotherRequestIs422AndNotRecorded() {
        store.put("k1", "fp1", v("bk", "ck1", "2026-11-25T09:00:00Z"));

        WriteResult reused = store.put("k1", "fp-other", v("bk", "ck2", "2026-11-25T10:00:00Z"));
        WriteResult deleteWithIt = store.delete("k1", "fp-delete", "bk");

        assertThat(reused.answer().status()).isEqualTo(422);
        assertThat(reused.outcome()).isEqualTo("idempotency_key_reused");
        assertThat(deleteWithIt.answer().status()).isEqualTo(422);
        assertThat(store.find("bk")).isPresent();
        assertThat(store.put("k1", "fp1", v("bk", "ck1", "2026-11-25T09:00:00Z")).replayed()).isTrue();
    }

    @Test
    void olderIs409NamingTheStoredVersionAndTheAnswerIsRecorded() {
        store.put("k1", "fp1", v("bk", "ck2", "2026-11-25T10:00:00Z"));

        WriteResult stale = store.put("k2", "fp2", v("bk", "ck1", "2026-11-25T09:00:00Z"));
        store.delete("k3", "fp3", "bk");
        WriteResult replay = store.put("k2", "fp2", v("bk", "ck1", "2026-11-25T09:00:00Z"));

        assertThat(stale.answer().status()).isEqualTo(409);
        assertThat(stale.answer().body()).contains("\"changeKey\":\"ck2\"").contains("2026-11-25T10:00:00Z");
        assertThat(replay.answer()).as("same key, same answer, though RX no longer holds the booking")
                .isEqualTo(stale.answer());
        assertThat(store.find("bk")).isEmpty();
    }

    @Test
    void aFreshKeyForAnAppliedVersionAppliesItAgainAndCountsIt() {
        store.put("k1", "fp1", v("bk", "ck1", "2026-11-25T09:00:00Z"));

        WriteResult again = store.put("k1-bis", "fp1-bis", v("bk", "ck1", "2026-11-25T09:00:00Z"));

        assertThat(again.answer().status()).isEqualTo(200);
        assertThat(store.applications()).containsEntry(
                new BookingVersion("bk", "ck1", Instant.parse("2026-11-25T09:00:00Z")), 2);
    }

    @Test
    void deletesAreIdempotentAndKeepNoTombstone() {
        store.put("k1", "fp1", v("bk", "ck1", "2026-11-25T09:00:00Z"));

        WriteResult deleted = store.delete("d1", "fpd1", "bk");
        WriteResult absent = store.delete("d2", "fpd2", "bk");
        WriteResult recreated = store.put("k2", "fp2", v("bk", "ck0", "2026-11-25T08:00:00Z"));

        assertThat(List.of(deleted, absent)).extracting(r -> r.answer().status()).containsOnly(204);
        assertThat(deleted.applied()).isTrue();
        assertThat(absent.applied()).isFalse();
        assertThat(recreated.answer().status()).isEqualTo(201);
    }

    @Test
    void concurrentDuplicatesAreAppliedOnce() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<WriteResult>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 64; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return store.put("k", "fp", v("bk", "ck1", "2026-11-25T09:00:00Z"));
                }));
            }
            go.countDown();
            List<WriteResult> done = new ArrayList<>();
            for (Future<WriteResult> f : results) {
                done.add(f.get());
            }
            assertThat(done).filteredOn(WriteResult::applied).hasSize(1);
            assertThat(done).extracting(WriteResult::answer).containsOnly(done.getFirst().answer());
        }
        assertThat(store.applications().values()).containsExactly(1);
    }

    @Test
    void theDataFileRestoresBookingsKeysAndCounts(@TempDir Path dir) {
        Path file = dir.resolve("rx/data.jsonl");
        WriteResult created;
        try (BookingStore first = new BookingStore(clock, file)) {
            created = first.put("k1", "fp1", v("bk-1", "ck1", "2026-11-25T09:00:00Z"));
            first.put("k1b", "fp1b", v("bk-1", "ck1", "2026-11-25T09:00:00Z"));
            first.put("k2", "fp2", v("bk-2", "ck1", "2026-11-25T09:00:00Z"));
            first.delete("d2", "fpd2", "bk-2");
        }

        try (BookingStore second = new BookingStore(clock, file)) {
            assertThat(second.bookings()).extracting(StoredBooking::bookingId).containsExactly("bk-1");
            assertThat(second.put("k1", "fp1", v("bk-1", "ck1", "2026-11-25T09:00:00Z")).answer())
                    .isEqualTo(created.answer());
            assertThat(second.applications()).containsEntry(
                    new BookingVersion("bk-1", "ck1", Instant.parse("2026-11-25T09:00:00Z")), 2);
            second.reset();
            assertThat(second.bookings()).isEmpty();
        }
        assertThat(new BookingStore(clock, file).bookings()).as("reset empties the file too").isEmpty();
    }

    @Test
    void aCutOffLastLineIsSkippedButACorruptMiddleLineStopsStartUp(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("data.jsonl");
        try (BookingStore first = new BookingStore(clock, file)) {
            first.put("k1", "fp1", v("bk-1", "ck1", "2026-11-25T09:00:00Z"));
        }
        String good = Files.readString(file);
        Files.writeString(file, good + "{\"method\":\"PUT\",\"at\":", StandardCharsets.UTF_8);
        assertThat(new BookingStore(clock, file).bookings()).hasSize(1);

        Files.writeString(file, "garbage\n" + good, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new BookingStore(clock, file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("line 1");
    }

    @Test
    void aWriteTheFileCannotKeepIsNotApplied(@TempDir Path dir) throws IOException {
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "x");
        BookingStore broken = new BookingStore(clock, blocker.resolve("data.jsonl"));

        assertThatThrownBy(() -> broken.put("k1", "fp1", v("bk-1", "ck1", "2026-11-25T09:00:00Z")))
                .hasMessageContaining("data file");
        assertThat(broken.bookings()).isEmpty();
        assertThat(broken.applications()).isEmpty();
    }
}
