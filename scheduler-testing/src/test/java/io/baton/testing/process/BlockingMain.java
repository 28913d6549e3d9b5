package io.baton.testing.process;

import java.util.concurrent.CountDownLatch;

/** A child program for {@link ParentWatchTest}: announces itself, then blocks until the JVM exits. */
public final class BlockingMain {
    private BlockingMain() {}

    public static void main(String[] args) throws InterruptedException {
        System.out.println("BLOCKING READY arg=" + String.join(",", args));
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
