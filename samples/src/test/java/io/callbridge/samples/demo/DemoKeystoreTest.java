package io.callbridge.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The development keystore when several demos (or test JVMs) ask for it in the same directory at once. */
class DemoKeystoreTest {
    /**
     * Demos started together in one directory (two nodes with {@code --tls}, or two test JVMs) each got a keystore,
     * but all but the last writer's password no longer opened the file on disk, which the server reads when it starts.
     */
    @Test
    void demosMakingTheKeystoreAtOnceAllGetOneTheirPasswordOpens(@TempDir Path dir) throws Exception {
        int demos = 3;
        ExecutorService pool = Executors.newFixedThreadPool(demos);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<DemoKeystore>> made = new ArrayList<>();
            for (int i = 0; i < demos; i++) {
                made.add(pool.submit(() -> {
                    start.await();
                    return DemoKeystore.development(dir);
                }));
            }
            start.countDown();
            List<DemoKeystore> keystores = new ArrayList<>();
            for (Future<DemoKeystore> f : made) {
                keystores.add(f.get(2, TimeUnit.MINUTES));
            }
            for (DemoKeystore k : keystores) {
                // What the server does at start: the file at the path, opened with the password it was given.
                DemoKeystore onDisk = DemoKeystore.open(k.tls().keystore(), k.tls().password());
                assertThat(onDisk.certificate()).isEqualTo(k.certificate());
            }
            assertThat(keystores).filteredOn(DemoKeystore::generatedNow).as("made once, then reused").hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
