package io.baton.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.common.rpc.MessageListener;
import io.baton.common.rpc.RpcConfig;
import io.baton.common.rpc.RpcConnection;
import io.baton.common.rpc.RpcRuntime;
import io.baton.common.rpc.RpcServer;
import io.baton.proto.v1.ClientResponse;
import io.baton.proto.v1.Envelope;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.JobSpec;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One client used by several threads sends their requests concurrently: a real server on loopback answers
 * only once it holds {@link #AT_ONCE} requests, so a client that sent one request at a time would see
 * every call time out.
 */
class ConcurrentCallsTest {
    private static final int AT_ONCE = 4;

    @Test
    void requestsFromSeveralThreadsAreInFlightTogether() throws Exception {
        List<Object[]> held = new ArrayList<>();
        MessageListener holdUntilFour = new MessageListener() {
            @Override
            public void onMessage(RpcConnection connection, Envelope envelope) {
                if (!envelope.hasClientRequest()) return;
                synchronized (held) {
                    held.add(new Object[] {connection, envelope});
                    if (held.size() < AT_ONCE) return;
                    for (Object[] h : held) {
                        String name = ((Envelope) h[1]).getClientRequest().getGetJob().getJobName();
                        ((RpcConnection) h[0]).reply((Envelope) h[1], Envelope.newBuilder().setClientResponse(ClientResponse.newBuilder()
                                .setJob(JobRecord.newBuilder().setSpec(JobSpec.newBuilder().setName(name)))).build());
                    }
                    held.clear();
                }
            }
        };
        RpcRuntime runtime = new RpcRuntime("fake-leader", 1);
        RpcServer server = new RpcServer(runtime, RpcConfig.defaults(), "127.0.0.1", 0, holdUntilFour);
        ExecutorService callers = Executors.newFixedThreadPool(AT_ONCE);
        try {
            InetSocketAddress address = server.start();
            try (BatonClient client = BatonClient.connect(ClientConfig.addresses(List.of("127.0.0.1:" + address.getPort()))
                    .withRequestTimeout(Duration.ofSeconds(10)))) {
                List<Future<JobRecord>> calls = new ArrayList<>();
                for (int i = 0; i < AT_ONCE; i++) {
                    String name = "job-" + i;
                    calls.add(callers.submit(() -> client.getJob(name)));
                }
                for (int i = 0; i < AT_ONCE; i++) {
                    assertThat(calls.get(i).get(20, TimeUnit.SECONDS).getSpec().getName()).isEqualTo("job-" + i);
                }
            }
        } finally {
            callers.shutdownNow();
            server.close();
            runtime.close();
        }
    }
}
