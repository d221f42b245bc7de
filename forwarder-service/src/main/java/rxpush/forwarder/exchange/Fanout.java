package rxpush.forwarder.exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/** Runs calls for one mailbox with at most {@code parallelism} at a time (Exchange's per-mailbox budget). */
final class Fanout {

    private Fanout() {
    }

    /** Results in input order; the first failure is rethrown after every call has ended. */
    static <T, R> List<R> map(List<T> inputs, int parallelism, Function<T, R> call) {
        if (inputs.size() <= 1 || parallelism <= 1) {
            return inputs.stream().map(call).toList();
        }
        Semaphore permits = new Semaphore(parallelism);
        List<Future<R>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (T input : inputs) {
                futures.add(threads.submit(() -> {
                    permits.acquire();
                    try {
                        return call.apply(input);
                    } finally {
                        permits.release();
                    }
                }));
            }
        }
        List<R> results = new ArrayList<>();
        for (Future<R> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return results;
    }

    /** Splits into chunks of at most {@code size}. */
    static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            chunks.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return chunks;
    }
}
