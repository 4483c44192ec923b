package dev.shadowtap.capture.ffi;

/**
 * Run in a child JVM stripped of CAP_NET_RAW: tries to open a capture and prints what the user
 * would see. Exit 3 for a NativeCaptureException, 0 if the capture opened (it should not have).
 */
public final class NoCaptureRightProbe {
    public static void main(String[] args) {
        try {
            if (args[0].equals("libpcap")) {
                PcapHandle.open(Libpcap.load(), LibpcapConfig.of("lo")).close();
            } else {
                AfPacketSocket.open(AfPacketConfig.of("lo")).close();
            }
            System.out.println("opened");
        } catch (NativeCaptureException e) {
            System.out.println(e.getMessage());
            System.exit(3);
        }
    }
}
