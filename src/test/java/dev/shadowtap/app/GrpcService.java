package dev.shadowtap.app;

import com.google.protobuf.DynamicMessage;
import dev.shadowtap.compare.grpc.ShopProto;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real gRPC service (grpc-java on Netty, cleartext HTTP/2 on loopback) without protoc: its methods
 * carry protobuf bytes written by protobuf-java's DynamicMessage ({@link ShopProto}). {@code GetOrder}
 * (unary, its reply compressed with gzip when the call was), {@code ListOrders} (server streaming, three
 * orders), {@code Missing} (always NOT_FOUND, a trailers-only response). Every order carries the time
 * of its answer (field 5, a Timestamp); version 2 gets each order's total (field 4) wrong.
 */
final class GrpcService implements AutoCloseable {
    static final String SERVICE = "shop.v1.OrderService";
    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    static final MethodDescriptor<byte[], byte[]> GET = method("GetOrder", MethodDescriptor.MethodType.UNARY);
    static final MethodDescriptor<byte[], byte[]> LIST = method("ListOrders", MethodDescriptor.MethodType.SERVER_STREAMING);
    static final MethodDescriptor<byte[], byte[]> MISSING = method("Missing", MethodDescriptor.MethodType.UNARY);


    private final ShopProto shop = new ShopProto();
    private final boolean wrongTotals;
    private final Server server;

    private GrpcService(boolean wrongTotals) throws IOException {
        this.wrongTotals = wrongTotals;
        ServerServiceDefinition service = ServerServiceDefinition.builder(SERVICE)
                .addMethod(GET, ServerCalls.asyncUnaryCall(this::get))
                .addMethod(LIST, ServerCalls.asyncServerStreamingCall(this::list))
                .addMethod(MISSING, ServerCalls.asyncUnaryCall((request, reply) ->
                        reply.onError(Status.NOT_FOUND.withDescription("no such order").asRuntimeException())))
                .build();
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(service).build().start();
    }

    static GrpcService version1() throws IOException {
        return new GrpcService(false);
    }

    static GrpcService version2() throws IOException {
        return new GrpcService(true);
    }

    int port() {
        return server.getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    /** A GetOrder request for order {@code n} (field 1: its id). */
    static byte[] request(int n) {
        String id = "o-" + n;
        byte[] out = new byte[2 + id.length()];
        out[0] = 0x0a;
        out[1] = (byte) id.length();
        System.arraycopy(id.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, out, 2, id.length());
        return out;
    }

    private static int orderNumber(byte[] request) {
        return Integer.parseInt(new String(request, 2, request[1], java.nio.charset.StandardCharsets.US_ASCII).substring(2));
    }

    private byte[] order(int n) {
        long now = System.currentTimeMillis();
        DynamicMessage.Builder b = shop.set(shop.set(shop.order(), "id", "o-" + n), "customer", 1000L + n);
        b.addRepeatedField(shop.order.findFieldByName("items"), shop.item("sku-" + n, n, 2.5 * n));
        shop.set(b, "total", wrongTotals ? 2.5 * n * n + 1 : 2.5 * n * n);
        shop.set(b, "created", ShopProto.timestamp(now / 1000, (int) (now % 1000) * 1_000_000));
        if (n == 7) {
            // a large token: the reply's message spans several DATA frames (16 KB each)
            shop.set(b, "token", com.google.protobuf.ByteString.copyFrom(new byte[40_000]));
        }
        return shop.set(b, "address", shop.address("Lyon", "6900" + n)).build().toByteArray();
    }

    private void get(byte[] request, StreamObserver<byte[]> reply) {
        int n = orderNumber(request);
        if (n % 2 == 0) {
            ((ServerCallStreamObserver<byte[]>) reply).setCompression("gzip");
        }
        reply.onNext(order(n));
        reply.onCompleted();
    }

    private void list(byte[] request, StreamObserver<byte[]> reply) {
        int n = orderNumber(request);
        for (int i = 0; i < 3; i++) {
            reply.onNext(order(n + i));
        }
        reply.onCompleted();
    }

    /** A client of this service on one cleartext HTTP/2 connection (prior knowledge, as grpc-java does). */
    static final class Client implements AutoCloseable {
        private final ManagedChannel channel;

        Client(int port) {
            channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        }

        /** GetOrder for order {@code n}; even ones ask for gzip, so both directions are compressed. */
        byte[] get(int n) {
            CallOptions options = n % 2 == 0 ? CallOptions.DEFAULT.withCompression("gzip") : CallOptions.DEFAULT;
            return ClientCalls.blockingUnaryCall(channel, GET, options, request(n));
        }

        List<byte[]> list(int n) {
            List<byte[]> out = new ArrayList<>();
            Iterator<byte[]> it = ClientCalls.blockingServerStreamingCall(channel, LIST, CallOptions.DEFAULT, request(n));
            it.forEachRemaining(out::add);
            return out;
        }

        /** Missing: the status the service answered with (always NOT_FOUND). */
        Status.Code missing(int n) {
            try {
                ClientCalls.blockingUnaryCall(channel, MISSING, CallOptions.DEFAULT, request(n));
                return Status.Code.OK;
            } catch (StatusRuntimeException e) {
                return e.getStatus().getCode();
            }
        }

        @Override
        public void close() throws InterruptedException {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static MethodDescriptor<byte[], byte[]> method(String name, MethodDescriptor.MethodType type) {
        return MethodDescriptor.<byte[], byte[]>newBuilder().setType(type)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
                .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
