package dev.shadowtap.tcp;

/**
 * The symmetric connection hash: both directions of a connection hash alike, so sharding
 * reassembly by it sends a whole connection to one single-threaded {@link TcpReassembler}.
 */
public final class ConnectionHash {
    private ConnectionHash() {
    }

    /** The hash of the connection between endpoints a and b, in either order. */
    public static long of(long aHi, long aLo, int aPort, long bHi, long bLo, int bPort) {
        return mix(endpoint(aHi, aLo, aPort) + endpoint(bHi, bLo, bPort));
    }

    /**
     * Which of {@code shards} shards a connection belongs to. Uses the hash's high bits, so the flow
     * table inside each shard (which uses the low bits) still spreads its connections evenly.
     */
    public static int shardOf(long connectionHash, int shards) {
        if (shards <= 0) {
            throw new IllegalArgumentException("shards must be positive: " + shards);
        }
        return (int) (((connectionHash >>> 32) * shards) >>> 32);
    }

    public static int shardOf(Segment segment, int shards) {
        return shardOf(segment.connectionHash(), shards);
    }

    private static long endpoint(long hi, long lo, int port) {
        return mix(hi * 0x9E3779B97F4A7C15L + lo) ^ (port * 0xC2B2AE3D27D4EB4FL);
    }

    /** The finaliser of MurmurHash3 (fmix64). */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
